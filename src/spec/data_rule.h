// Rules written as data (annex_a_specs/<version>/rules/*.yaml, format in
// docs/spec_format.md, "Data rules"): each a check over the Annex A lists
// that Ofsted's guidance or a DfE return rule states, with its citation and
// its own test cases. Loaded with the spec version (spec_loader.h), which
// checks every column key, code and citation before any data is read; run
// over the lists by validate/data_rules.h; listed by `annexa rules`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace annexa::spec {

// A condition on one row: {column, in: [...]}, {column, not_in: [...]},
// {column, filled: true|false}, {all: [...]}, {any: [...]}.
struct RuleCondition {
  enum class Op : uint8_t { kIn, kNotIn, kFilled, kBlank, kAll, kAny };
  Op op = Op::kFilled;
  std::string column;                  // kIn .. kBlank
  std::vector<std::string> values;     // kIn, kNotIn: as the rule writes them
  std::vector<std::string> displays;   // kIn, kNotIn on a code column: the code set's display strings
  std::vector<RuleCondition> parts;    // kAll, kAny
};

enum class RuleKind : uint8_t { kRequiredIf, kBlankIf, kDateOrder, kDateWithin, kCodeIf, kOneOfFilled, kAllOrNone };
std::string_view ToString(RuleKind k);

enum class DateUnit : uint8_t { kDays, kWeeks, kMonths, kYears };

// "the reference date" or a date column.
inline constexpr const char* kReferenceDate = "reference_date";

struct RuleCitation {
  // Ofsted's guidance: the list, the column's header and its exact words.
  int guidance_list = 0;  // 0: none
  std::string guidance_column, guidance_quote;
  // A DfE return rule: the return ("CIN census 2025/26"), its number, text.
  std::string dfe_return, dfe_rule, dfe_text;
  bool has_guidance() const { return guidance_list != 0; }
  bool has_dfe() const { return !dfe_rule.empty(); }
};

// One `tests:` case: a list row, cells by column key (others blank).
struct RuleCase {
  bool fails = false;
  int list = 0;                                // which of the rule's lists; its first when not given
  std::string reference_date;                  // ISO or DD/MM/YYYY; kRuleCaseReferenceDate when empty
  std::map<std::string, std::string> cells;
  struct Expect {
    std::string column, message;
  };
  std::vector<Expect> expect;                  // fails: every finding, in order
  int line = 0;
};

// The reference date a rule's test case runs at unless it names one.
inline constexpr const char* kRuleCaseReferenceDate = "2026-03-31";

struct DataRule {
  std::string id;  // kebab-case, unique over every rules file: the finding's code
  Severity severity = Severity::kError;
  std::vector<int> lists;
  RuleKind kind = RuleKind::kRequiredIf;
  std::optional<RuleCondition> when;
  std::vector<std::string> columns;  // required_if, blank_if, one_of_filled, all_or_none
  // date_order: `first` on or before `then` (strictly before when `strict`).
  // date_within: `column` within (or at least) `amount` `unit` before or
  // after `relative_to` (a column or kReferenceDate).
  // code_if: `column`'s code in (or not in) `codes`.
  std::string first, then;
  bool strict = false;
  std::string column, relative_to;
  bool after = false;      // date_within: column after relative_to (else before)
  bool at_least = false;   // date_within: at least (else within)
  int amount = 0;
  DateUnit unit = DateUnit::kDays;
  bool codes_not_in = false;             // code_if
  std::vector<std::string> codes;        // code_if: as written
  std::vector<std::string> code_displays;  // code_if: resolved to the code set's display strings
  RuleCitation cites;
  std::string what;     // the catalogue's one-liner
  std::string message;  // the finding's message, with placeholders (docs/spec_format.md)
  // `report: once`: one finding per list, at the first row found, its
  // message ending with how many rows in all (warnings only: a note like
  // "these children are not needed", not a gap to fix row by row).
  bool once_per_list = false;
  std::vector<RuleCase> tests;
  std::string file;     // where it was defined
  int line = 0;
};

// A coverage entry: a guidance line or DfE rule, and the check that
// enforces it (a built-in finding kind, a contract rule or a data rule) or
// why nothing does.
struct CoverageEntry {
  RuleCitation cites;
  std::string enforced_by;   // a finding code; empty when not enforced
  std::string note;          // why not enforced, or how it is
  std::string file;
  int line = 0;
};

}  // namespace annexa::spec
