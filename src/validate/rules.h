// Validation: checks over the built Annex A lists, each a small registered
// rule with a stable kebab-case code, a severity, the lists it applies to
// and a one-line description. `annexa rules` prints the table and
// docs/rules.md is generated from it (CI checks it is current).
//
// Rules read only the typed lists and the spec, so the same checks serve
// `annexa generate` and (later) workbooks made elsewhere. Findings name the
// list, row and column and, through the row's source_row and the list's
// column origins, where the value came from.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"

namespace annexa::validate {

enum class Scope { kCell, kRow, kList, kCrossList, kCoverage };
std::string_view ToString(Scope s);

struct RuleInfo {
  std::string_view code;
  Severity severity;
  Scope scope;
  std::string_view lists;        // "all", or e.g. "4, 5, 7"
  std::string_view description;  // one line
};

struct Context {
  const spec::SpecVersion& spec;
  CivilDate reference_date;
  const std::vector<AnnexList>& lists;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Appends a finding for every problem found.
  virtual void Check(const Context& ctx, Findings* findings) const = 0;
};

// Every rule, in a stable order (scope, then code).
const std::vector<std::unique_ptr<Rule>>& AllRules();

// Also the rules that run while mapping (conversion of source values),
// described here so the rules table is complete.
const std::vector<RuleInfo>& MappingRules();

// The checks made while reading a workbook made elsewhere
// (validate --workbook).
const std::vector<RuleInfo>& ReadingRules();

// The audit coverage gaps (audit/coverage.h finds them), described here so
// the rules table is complete.
const std::vector<RuleInfo>& CoverageRules();

// The rule with `code` (validation, mapping, reading or coverage), or nullptr.
const RuleInfo* FindRule(std::string_view code);

// Runs every rule over `ctx.lists`.
Findings Validate(const Context& ctx);

// The rules table as Markdown (docs/rules.md) and as terminal text.
std::string RulesMarkdown();
std::string RulesText();

}  // namespace annexa::validate
