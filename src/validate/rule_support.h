// Small helpers shared by the rule files: column lookup by key, finding
// construction with full location.
#pragma once

#include <string>

#include "core/finding.h"
#include "lists/annex_list.h"
#include "validate/rules.h"

namespace annexa::validate {

// Index of column `key` in `list`, or -1.
int ColumnIndex(const AnnexList& list, std::string_view key);

// A finding about cell (row, col) of `list`; col may be -1 for a whole row.
Finding CellFinding(FindingKind kind, const AnnexList& list, size_t row, int col, const std::string& message);
// The same for a catalogue row (a data rule's, validate/data_rules.h).
Finding CellFinding(const FindingKindInfo& kind, const AnnexList& list, size_t row, int col,
                    const std::string& message);

// A rule defined by its kind and a check function.
class FunctionRule : public Rule {
 public:
  using CheckFn = void (*)(FindingKind, const Context&, Findings*);
  FunctionRule(FindingKind kind, CheckFn fn) : kind_(kind), fn_(fn) {}
  FindingKind kind() const override { return kind_; }
  void Check(const Context& ctx, Findings* out) const override { fn_(kind_, ctx, out); }

 private:
  FindingKind kind_;
  CheckFn fn_;
};

// Registration lists, one per rule file.
void AddCellRules(std::vector<std::unique_ptr<Rule>>* rules);
void AddRowRules(std::vector<std::unique_ptr<Rule>>* rules);
void AddListRules(std::vector<std::unique_ptr<Rule>>* rules);
void AddCrossListRules(std::vector<std::unique_ptr<Rule>>* rules);
void AddDataRules(std::vector<std::unique_ptr<Rule>>* rules);

}  // namespace annexa::validate
