// Cross-list rules: the lists agree with each other about the same child.
#include <array>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "validate/cell_text.h"
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {


const AnnexList* FindList(const Context& ctx, int n) {
  for (const AnnexList& l : ctx.lists)
    if (l.spec && l.spec->number == n) return &l;
  return nullptr;
}

// The List 6 case status of a child, by the child's identifier: the case
// status cell of the child's last List 6 row. The cells, not their texts:
// the lists do not change while checked, and only a few are ever read.
class CaseStatuses {
 public:
  explicit CaseStatuses(const AnnexList& l6)
      : l6_(l6), status_(ColumnIndex(l6, "case_status")), ids_(l6, 0), last_(l6.rows.size()) {
    for (size_t r = 0; r < l6.rows.size(); ++r) last_[ids_.first(r)] = r;
  }

  // The case status cell of the child with identifier `id` (a cell of any
  // list); a blank cell when List 6 has no case status column; null when
  // the child is not in List 6.
  const CellValue* Find(const CellValue& id) {
    static const CellValue kBlank;
    const size_t first = ids_.Find(id);
    if (first == RowsByText::kNone) return nullptr;
    return status_ < 0 ? &kBlank : &l6_.rows[last_[first]].cells[static_cast<size_t>(status_)];
  }

 private:
  const AnnexList& l6_;
  int status_;
  RowsByText ids_;
  std::vector<size_t> last_;  // per child's first row: the child's last row
};

// Rows of `list` still open (the `end_key` column blank).
template <typename Fn>
void ForOpenRows(const AnnexList& list, std::string_view end_key, Fn fn) {
  const int end = ColumnIndex(list, end_key);
  if (end < 0) return;
  for (size_t r = 0; r < list.rows.size(); ++r)
    if (list.rows[r].cells[static_cast<size_t>(end)].blank()) fn(r, list.rows[r].cells[0]);
}

void CheckProtectionInList6(FindingKind kind, const Context& ctx, Findings* out) {
  const AnnexList *l6 = FindList(ctx, 6), *l7 = FindList(ctx, 7), *l8 = FindList(ctx, 8);
  if (!l6 || !l7 || l6->rows.empty()) return;
  CaseStatuses statuses(*l6);
  // Children in care: those with an open List 8 row. List 8's rows are
  // indexed by child, and a child's first row marks whether any is open.
  std::optional<RowsByText> l8_ids;
  std::vector<bool> open_in_care;
  if (l8) {
    l8_ids.emplace(*l8, 0);
    open_in_care.resize(l8->rows.size());
    ForOpenRows(*l8, "date_ceased_looked_after", [&](size_t r, const CellValue&) {
      open_in_care[l8_ids->first(r)] = true;
    });
  }
  auto in_care = [&](const CellValue& id) {
    if (!l8_ids) return false;
    const size_t row = l8_ids->Find(id);
    return row != RowsByText::kNone && open_in_care[row];
  };
  ForOpenRows(*l7, "cp_plan_end_date", [&](size_t r, const CellValue& id) {
    const CellValue* status = statuses.Find(id);
    if (!status)
      out->push_back(CellFinding(kind, *l7, r, 0, "the child is on a child protection plan but not in List 6"));
    else if (!in_care(id) && status->ToText().rfind("b)", 0) != 0)
      out->push_back(CellFinding(kind, *l7, r, 0,
                                 "the child is on a child protection plan but List 6 gives case status '" +
                                     status->ToText() + "'"));
  });
}

void CheckCareInList6(FindingKind kind, const Context& ctx, Findings* out) {
  const AnnexList *l6 = FindList(ctx, 6), *l8 = FindList(ctx, 8);
  if (!l6 || !l8 || l6->rows.empty()) return;
  CaseStatuses statuses(*l6);
  ForOpenRows(*l8, "date_ceased_looked_after", [&](size_t r, const CellValue& id) {
    const CellValue* status = statuses.Find(id);
    if (!status)
      out->push_back(CellFinding(kind, *l8, r, 0, "the child is looked after but not in List 6"));
    else if (status->ToText().rfind("a)", 0) != 0)
      out->push_back(
          CellFinding(kind, *l8, r, 0, "the child is looked after but List 6 gives case status '" + status->ToText() + "'"));
  });
}

void CheckIcpcPlanInList7(FindingKind kind, const Context& ctx, Findings* out) {
  const AnnexList *l5 = FindList(ctx, 5), *l7 = FindList(ctx, 7);
  if (!l5 || !l7) return;
  const int result = ColumnIndex(*l5, "icpc_resulted_in_plan");
  if (result < 0) return;
  RowsByText on_plan(*l7, 0);
  for (size_t r = 0; r < l5->rows.size(); ++r) {
    const auto& row = l5->rows[r];
    if (row.cells[static_cast<size_t>(result)].ToText().rfind("a)", 0) != 0) continue;
    if (on_plan.Find(row.cells[0]) == RowsByText::kNone)
      out->push_back(CellFinding(kind, *l5, r, result, "the ICPC led to a plan but the child is not in List 7"));
  }
}

void CheckFamilyInList11(FindingKind kind, const Context& ctx, Findings* out) {
  const AnnexList *l10 = FindList(ctx, 10), *l11 = FindList(ctx, 11);
  if (!l10 || !l11 || l11->rows.empty()) return;
  const int fam10 = ColumnIndex(*l10, "family_id"), fam11 = ColumnIndex(*l11, "family_id");
  if (fam10 < 0 || fam11 < 0) return;
  RowsByText families(*l11, static_cast<size_t>(fam11));
  for (size_t r = 0; r < l10->rows.size(); ++r) {
    const CellValue& id = l10->rows[r].cells[static_cast<size_t>(fam10)];
    if (!TextEmpty(id) && families.Find(id) == RowsByText::kNone)
      out->push_back(CellFinding(kind, *l10, r, fam10, "family '" + id.ToText() + "' is not in List 11"));
  }
}

void CheckSameDemographics(FindingKind kind, const Context& ctx, Findings* out) {
  // The first list (in list order) to mention a child sets what the others
  // are compared with, per field. Children are numbered as first met, and
  // found by their identifier's text; one look-up per row serves all three
  // fields, and the findings are given field by field.
  struct Seen {
    int list = 0;
    const CellValue* value = nullptr;
  };
  constexpr std::string_view kKeys[] = {"date_of_birth", "gender", "ethnicity"};
  constexpr size_t kFields = std::size(kKeys);
  struct Child {
    const CellValue* id = nullptr;  // the identifier cell the child was first met by
    std::array<Seen, kFields> first{};       // per field
  };
  std::vector<Child> children;  // numbered as first met
  HashedItems by_id;            // the children, by identifier
  CellTextHasher hasher;
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
      const CellValue& id = cells[0];
      const size_t n =
          by_id.FindOrAdd(hasher(id), children.size(), [&](size_t i) { return SameText(*children[i].id, id); });
      if (n == children.size()) children.push_back(Child{&id, {}});
      Child& child = children[n];
      for (size_t k = 0; k < kFields; ++k) {
        if (cols[k] < 0) continue;
        const CellValue& value = cells[static_cast<size_t>(cols[k])];
        if (TextEmpty(value)) continue;
        Seen& seen = child.first[k];
        if (!seen.value) {
          seen = Seen{list.spec->number, &value};
          continue;
        }
        if (seen.list != list.spec->number && !SameText(*seen.value, value))
          by_field[k].push_back(CellFinding(kind, list, r, cols[k],
                                            "'" + std::string(kKeys[k]) + "' is '" + value.ToText() + "' here but '" +
                                                seen.value->ToText() + "' in List " + std::to_string(seen.list)));
      }
    }
  }
  for (Findings& f : by_field) out->Append(std::move(f));
}

}  // namespace

void AddCrossListRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(kinds::kCpNotInList6, CheckProtectionInList6));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kClaNotInList6, CheckCareInList6));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kIcpcPlanNotInList7, CheckIcpcPlanInList7));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kFamilyNotInList11, CheckFamilyInList11));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kDemographicsDiffer, CheckSameDemographics));
}

}  // namespace annexa::validate
