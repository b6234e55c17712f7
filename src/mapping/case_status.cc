// List 6's case status, derived across lists once every list is built
// (ApplyCrossListDerivations, declared in list_builder.h): the first that
// applies of looked after, child protection plan, child in need plan, open
// assessment; a closed episode is closed.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "core/date_format.h"
#include "core/date_order.h"
#include "core/finding_kinds.h"
#include "mapping/derive.h"
#include "mapping/list_builder.h"
#include "core/yaml_adapter.h"

namespace annexa::mapping {

Status ApplyCrossListDerivations(const BuildContext& ctx, std::vector<AnnexList>* lists, Findings* findings) {
  auto find_list = [&](int n) -> AnnexList* {
    for (AnnexList& l : *lists)
      if (l.spec && l.spec->number == n) return &l;
    return nullptr;
  };
  // Children with an open row in list `n` (the `open_key` column blank).
  auto open_children = [&](int n, const std::string& open_key) {
    std::unordered_map<std::string, bool> out;
    AnnexList* l = find_list(n);
    if (!l) return out;
    const int idx = l->spec->ColumnIndex(open_key);
    if (idx < 0) return out;
    for (const AnnexRow& r : l->rows)
      if (r.cells[static_cast<size_t>(idx)].blank()) out[r.cells[0].ToText()] = true;
    return out;
  };
  for (const auto& [n, list] : ctx.config.lists) {
    for (const auto& [key, rule] : list.columns) {
      if (rule.kind != RuleKind::kDerive || rule.derive.kind != "case_status") continue;
      AnnexList* target = find_list(n);
      if (!target) continue;
      const spec::ListSpec& ls = *target->spec;
      const int col = ls.ColumnIndex(key), closure = ls.ColumnIndex("cin_closure_date");
      const auto looked_after = open_children(8, "date_ceased_looked_after");
      const auto protection = open_children(7, "cp_plan_end_date");
      const auto assessing = open_children(4, "assessment_authorised_date");
      std::unordered_map<std::string, bool> on_plan;
      const DeriveConfig& d = rule.derive;
      if (!d.plan_table.empty()) {
        const Table* plan_table = ctx.FindTable(d.plan_table);
        if (!plan_table) return InvalidArgument(Where(ctx.config.file, rule.mark) + ": source '" + d.plan_table + "' was not loaded");
        const Table& t = *plan_table;
        const std::string where = Where(ctx.config.file, rule.mark) + ": List " + std::to_string(n) +
                                  " column '" + key + "' cin_plans";
        const int k = t.ColumnIndex(d.plan_key), s = t.ColumnIndex(d.plan_start), e = t.ColumnIndex(d.plan_end);
        if (k < 0) return MissingColumn(t, d.plan_key, where);
        if (s < 0) return MissingColumn(t, d.plan_start, where);
        if (e < 0) return MissingColumn(t, d.plan_end, where);
        // Each date column judged as a whole: written month first, a row
        // with a numeric date there is not read (its plan is unknown, not
        // open), the column reported once for the run.
        const auto month_first = [&](int date_col) {
          const size_t c = static_cast<size_t>(date_col);
          const DateColumnScan scan = ctx.date_scans ? ctx.date_scans->Get(t, c) : ScanDateColumn(t, c);
          if (scan.Reportable()) {
            Finding f = DateOrderFinding(t, c, scan);
            const bool seen = std::any_of(findings->begin(), findings->end(), [&](const Finding& x) {
              return x.code == f.code && x.source == f.source && x.source_column == f.source_column;
            });
            if (!seen) findings->push_back(std::move(f));
          }
          return scan.MonthFirst();
        };
        const bool start_mf = month_first(s), end_mf = month_first(e);
        for (size_t r = 0; r < t.size(); ++r) {
          const std::string_view start_text = t.cell(r, static_cast<size_t>(s)), end_text = t.cell(r, static_cast<size_t>(e));
          if ((start_mf && OrderOf(start_text) != DateOrder::kNotNumeric) ||
              (end_mf && OrderOf(end_text) != DateOrder::kNotNumeric))
            continue;
          auto start = ParseDate(start_text, DefaultDateFormats());
          auto end = ParseDate(end_text, DefaultDateFormats());
          if (start && *start <= ctx.reference_date && (!end || *end >= ctx.reference_date))
            on_plan[std::string(t.cell(r, static_cast<size_t>(k)))] = true;
        }
      }
      const spec::CodeSet* set = ctx.spec.FindCodeSet(ls.columns[static_cast<size_t>(col)].code_set);
      auto display = [&](size_t i) { return set && i < set->values.size() ? set->values[i].display : std::string(); };
      for (size_t r = 0; r < target->rows.size(); ++r) {
        AnnexRow& row = target->rows[r];
        const std::string child = row.cells[0].ToText();
        size_t status;
        if (closure >= 0 && !row.cells[static_cast<size_t>(closure)].blank()) status = 4;  // e) Closed episode
        else if (looked_after.count(child)) status = 0;                                    // a) Looked after child
        else if (protection.count(child)) status = 1;                                      // b) Child Protection plan
        else if (on_plan.count(child)) status = 2;                                         // c) Child in need plan
        else if (assessing.count(child)) status = 3;                                       // d) Open assessment
        else {
          status = 2;
          Finding f = MakeFinding(
              kinds::kCaseStatusAssumed,
              "open episode with no care, plan or open assessment found: case status set to child in need plan");
          f.list = n;
          f.list_row = static_cast<int64_t>(r + 1);
          f.column = key;
          if (static_cast<size_t>(row.source) < target->sources.size()) f.source = target->sources[static_cast<size_t>(row.source)];
          f.source_row = row.source_row;
          findings->push_back(std::move(f));
        }
        row.cells[static_cast<size_t>(col)] = CellValue::Text(display(status));
      }
    }
  }
  return Status::Ok();
}

}  // namespace annexa::mapping
