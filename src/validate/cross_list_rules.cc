// Cross-list rules: the lists agree with each other about the same child.
#include <array>
#include <deque>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "validate/cell_text.h"
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {

using mapping::AnnexList;

const AnnexList* FindList(const Context& ctx, int n) {
  for (const AnnexList& l : ctx.lists)
    if (l.spec && l.spec->number == n) return &l;
  return nullptr;
}

// Child id -> the List 6 case status cell of that child's (last) row, or
// null when List 6 has no case status column. The cells, not their texts:
// the lists do not change while checked, and only a few are ever read.
std::unordered_map<std::string, const mapping::CellValue*> CaseStatuses(const AnnexList& l6) {
  std::unordered_map<std::string, const mapping::CellValue*> out;
  const int status = ColumnIndex(l6, "case_status");
  for (const auto& row : l6.rows)
    out[row.cells[0].ToText()] = status < 0 ? nullptr : &row.cells[static_cast<size_t>(status)];
  return out;
}

std::string StatusText(const mapping::CellValue* status) { return status ? status->ToText() : std::string(); }

// Rows of `list` still open (the `end_key` column blank).
template <typename Fn>
void ForOpenRows(const AnnexList& list, std::string_view end_key, Fn fn) {
  const int end = ColumnIndex(list, end_key);
  if (end < 0) return;
  for (size_t r = 0; r < list.rows.size(); ++r)
    if (list.rows[r].cells[static_cast<size_t>(end)].blank()) fn(r, list.rows[r].cells[0].ToText());
}

void CheckProtectionInList6(const RuleInfo& info, const Context& ctx, Findings* out) {
  const AnnexList *l6 = FindList(ctx, 6), *l7 = FindList(ctx, 7), *l8 = FindList(ctx, 8);
  if (!l6 || !l7 || l6->rows.empty()) return;
  const auto statuses = CaseStatuses(*l6);
  std::unordered_set<std::string> in_care;
  if (l8) ForOpenRows(*l8, "date_ceased_looked_after", [&](size_t, const std::string& id) { in_care.insert(id); });
  ForOpenRows(*l7, "cp_plan_end_date", [&](size_t r, const std::string& id) {
    auto it = statuses.find(id);
    if (it == statuses.end())
      out->push_back(CellFinding(info, *l7, r, 0, "the child is on a child protection plan but not in List 6"));
    else if (!in_care.count(id) && StatusText(it->second).rfind("b)", 0) != 0)
      out->push_back(CellFinding(info, *l7, r, 0,
                                 "the child is on a child protection plan but List 6 gives case status '" +
                                     StatusText(it->second) + "'"));
  });
}

void CheckCareInList6(const RuleInfo& info, const Context& ctx, Findings* out) {
  const AnnexList *l6 = FindList(ctx, 6), *l8 = FindList(ctx, 8);
  if (!l6 || !l8 || l6->rows.empty()) return;
  const auto statuses = CaseStatuses(*l6);
  ForOpenRows(*l8, "date_ceased_looked_after", [&](size_t r, const std::string& id) {
    auto it = statuses.find(id);
    if (it == statuses.end())
      out->push_back(CellFinding(info, *l8, r, 0, "the child is looked after but not in List 6"));
    else if (StatusText(it->second).rfind("a)", 0) != 0)
      out->push_back(
          CellFinding(info, *l8, r, 0, "the child is looked after but List 6 gives case status '" + StatusText(it->second) + "'"));
  });
}

void CheckIcpcPlanInList7(const RuleInfo& info, const Context& ctx, Findings* out) {
  const AnnexList *l5 = FindList(ctx, 5), *l7 = FindList(ctx, 7);
  if (!l5 || !l7) return;
  const int result = ColumnIndex(*l5, "icpc_resulted_in_plan");
  if (result < 0) return;
  std::unordered_set<std::string> on_plan;
  for (const auto& row : l7->rows) on_plan.insert(row.cells[0].ToText());
  for (size_t r = 0; r < l5->rows.size(); ++r) {
    const auto& row = l5->rows[r];
    if (row.cells[static_cast<size_t>(result)].ToText().rfind("a)", 0) != 0) continue;
    if (!on_plan.count(row.cells[0].ToText()))
      out->push_back(CellFinding(info, *l5, r, result, "the ICPC led to a plan but the child is not in List 7"));
  }
}

void CheckFamilyInList11(const RuleInfo& info, const Context& ctx, Findings* out) {
  const AnnexList *l10 = FindList(ctx, 10), *l11 = FindList(ctx, 11);
  if (!l10 || !l11 || l11->rows.empty()) return;
  const int fam10 = ColumnIndex(*l10, "family_id"), fam11 = ColumnIndex(*l11, "family_id");
  if (fam10 < 0 || fam11 < 0) return;
  std::unordered_set<std::string> families;
  for (const auto& row : l11->rows) families.insert(row.cells[static_cast<size_t>(fam11)].ToText());
  for (size_t r = 0; r < l10->rows.size(); ++r) {
    const std::string id = l10->rows[r].cells[static_cast<size_t>(fam10)].ToText();
    if (!id.empty() && !families.count(id))
      out->push_back(CellFinding(info, *l10, r, fam10, "family '" + id + "' is not in List 11"));
  }
}

void CheckSameDemographics(const RuleInfo& info, const Context& ctx, Findings* out) {
  // The first list (in list order) to mention a child sets what the others
  // are compared with, per field. Children are keyed by their identifier's
  // text (a view of the cell's own text: the lists do not change while
  // checked); one look-up per row serves all three fields, and the findings
  // are given field by field as before.
  struct Seen {
    int list = 0;
    const mapping::CellValue* value = nullptr;
  };
  constexpr std::string_view kKeys[] = {"date_of_birth", "gender", "ethnicity"};
  constexpr size_t kFields = std::size(kKeys);
  std::unordered_map<std::string_view, std::array<Seen, kFields>> first;
  std::deque<std::string> other_ids;  // the texts of identifiers that are not text cells
  Findings by_field[kFields];
  for (const AnnexList& list : ctx.lists) {
    if (!list.spec || list.spec->number == 11) continue;  // adopters are not children
    int cols[kFields];
    bool any = false;
    for (size_t k = 0; k < kFields; ++k) any = (cols[k] = ColumnIndex(list, kKeys[k])) >= 0 || any;
    if (!any) continue;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const auto& cells = list.rows[r].cells;
      bool filled = false;
      for (size_t k = 0; k < kFields; ++k)
        filled = filled || (cols[k] >= 0 && !TextEmpty(cells[static_cast<size_t>(cols[k])]));
      if (!filled) continue;
      const mapping::CellValue& id_cell = cells[0];
      std::string id_text;
      if (id_cell.kind != mapping::CellValue::Kind::kText) id_text = id_cell.ToText();
      const std::string_view id =
          id_cell.kind == mapping::CellValue::Kind::kText ? std::string_view(id_cell.text) : std::string_view(id_text);
      auto it = first.find(id);
      if (it == first.end()) {
        const std::string_view kept = id_cell.kind == mapping::CellValue::Kind::kText
                                          ? id
                                          : std::string_view(other_ids.emplace_back(std::move(id_text)));
        it = first.emplace(kept, std::array<Seen, kFields>{}).first;
      }
      for (size_t k = 0; k < kFields; ++k) {
        if (cols[k] < 0) continue;
        const mapping::CellValue& value = cells[static_cast<size_t>(cols[k])];
        if (TextEmpty(value)) continue;
        Seen& seen = it->second[k];
        if (!seen.value) {
          seen = Seen{list.spec->number, &value};
          continue;
        }
        if (seen.list != list.spec->number && !SameText(*seen.value, value))
          by_field[k].push_back(CellFinding(info, list, r, cols[k],
                                            "'" + std::string(kKeys[k]) + "' is '" + value.ToText() + "' here but '" +
                                                seen.value->ToText() + "' in List " + std::to_string(seen.list)));
      }
    }
  }
  for (Findings& f : by_field) out->insert(out->end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
}

}  // namespace

void AddCrossListRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"cp-not-in-list6", Severity::kError, Scope::kCrossList, "7, 6",
               "a child on an open plan in List 7 is missing from List 6, or has case status other than b) (unless looked after)"},
      CheckProtectionInList6));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"cla-not-in-list6", Severity::kError, Scope::kCrossList, "8, 6",
               "a looked-after child in List 8 is missing from List 6, or is not a) Looked after child there"},
      CheckCareInList6));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"icpc-plan-not-in-list7", Severity::kError, Scope::kCrossList, "5, 7",
               "an ICPC in List 5 resulted in a plan but the child has no List 7 row"},
      CheckIcpcPlanInList7));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"family-not-in-list11", Severity::kWarning, Scope::kCrossList, "10, 11",
               "a List 10 family identifier does not appear in List 11"},
      CheckFamilyInList11));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"demographics-differ", Severity::kWarning, Scope::kCrossList, "1-10",
               "the same child has a different date of birth, gender or ethnicity in another list"},
      CheckSameDemographics));
}

}  // namespace annexa::validate
