// Validation: checks over the built Annex A lists, each a small registered
// rule of one finding kind (core/finding_kinds.h: its code, severity, scope,
// lists and meaning; `annexa rules` prints them).
//
// Rules read only the typed lists and the spec, so the same checks serve
// `annexa generate` and workbooks made elsewhere. Findings name the
// list, row and column and, through the row's source_row and the list's
// column origins, where the value came from.
#pragma once

#include <memory>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/finding_kinds.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"

namespace annexa::validate {

struct Context {
  const spec::SpecVersion& spec;
  CivilDate reference_date;
  const std::vector<AnnexList>& lists;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual FindingKind kind() const = 0;
  // Appends a finding for every problem found.
  virtual void Check(const Context& ctx, Findings* findings) const = 0;
};

// Every rule, in a stable order (by scope, then as each rule file registers
// them): Validate's findings come out in this order.
const std::vector<std::unique_ptr<Rule>>& AllRules();

// Runs every rule over `ctx.lists`.
Findings Validate(const Context& ctx);

}  // namespace annexa::validate
