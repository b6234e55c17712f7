#include "validate/rules.h"

#include "core/two_threads.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <system_error>
#include <thread>

#include "validate/rule_support.h"

namespace annexa::validate {

int ColumnIndex(const AnnexList& list, std::string_view key) { return list.spec->ColumnIndex(key); }

Finding CellFinding(FindingKind kind, const AnnexList& list, size_t row, int col, const std::string& message) {
  return CellFinding(Describe(kind), list, row, col, message);
}

Finding CellFinding(const FindingKindInfo& kind, const AnnexList& list, size_t row, int col,
                    const std::string& message) {
  Finding f = MakeFinding(kind, message);
  f.list = list.spec->number;
  f.list_row = static_cast<int64_t>(row) + 1;
  const AnnexRow& r = list.rows[row];
  if (col >= 0) {
    f.column = list.spec->columns[static_cast<size_t>(col)].key;
    f.value = r.cells[static_cast<size_t>(col)].ToText();
    // A joined column's value lives in the joined table's row: fixed there.
    if (const CellSource* at = r.SourceOf(static_cast<size_t>(col))) {
      if (at->source < list.sources.size()) f.source = list.sources[at->source];
      if (at->source_column < list.source_columns.size()) f.source_column = list.source_columns[at->source_column];
      f.source_row = at->source_row;
      return f;
    }
    if (static_cast<size_t>(col) < list.column_origin.size()) f.source_column = list.column_origin[static_cast<size_t>(col)];
  }
  if (static_cast<size_t>(r.source) < list.sources.size()) f.source = list.sources[static_cast<size_t>(r.source)];
  f.source_row = r.source_row;
  return f;
}

const std::vector<std::unique_ptr<Rule>>& AllRules() {
  static const std::vector<std::unique_ptr<Rule>> kRules = [] {
    std::vector<std::unique_ptr<Rule>> rules;
    AddCellRules(&rules);
    AddRowRules(&rules);
    AddListRules(&rules);
    AddCrossListRules(&rules);
    AddDataRules(&rules);
    return rules;
  }();
  return kRules;
}

Findings Validate(const Context& ctx) {
  // The rules only read the lists, so they run on two threads, each rule
  // into its own findings; gathered in rule order, the result is the one a
  // rule-by-rule run gives.
  const auto& rules = AllRules();
  std::vector<Findings> found(rules.size());
  std::atomic<size_t> next{0};
  auto check = [&] {
    for (size_t i; (i = next++) < rules.size();) rules[i]->Check(ctx, &found[i]);
  };
  RunOnTwoThreads(check);
  Findings out;
  for (Findings& f : found) out.Append(std::move(f));
  return out;
}

}  // namespace annexa::validate
