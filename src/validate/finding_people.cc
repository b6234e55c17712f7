#include "validate/finding_people.h"

#include <map>

namespace annexa::validate {

namespace {

struct Columns {
  const AnnexList* list = nullptr;
  int team = -1, worker = -1;
};

}  // namespace

void AttachPeople(const std::vector<AnnexList>& lists, const AnnexList* audit, Findings* findings) {
  std::map<int, Columns> by_number;
  auto add = [&](const AnnexList& l) {
    if (!l.spec) return;
    Columns c;
    c.list = &l;
    c.team = l.spec->ColumnIndex("allocated_team");
    c.worker = l.spec->ColumnIndex("allocated_worker");
    by_number[l.spec->number] = c;
  };
  for (const AnnexList& l : lists) add(l);
  if (audit) add(*audit);
  for (Finding& f : *findings) {
    auto it = by_number.find(f.list);
    if (it == by_number.end() || f.list_row <= 0) continue;
    const Columns& c = it->second;
    if (static_cast<size_t>(f.list_row) > c.list->rows.size()) continue;
    const AnnexRow& row = c.list->rows[static_cast<size_t>(f.list_row - 1)];
    auto text = [&](int col) {
      return col >= 0 && static_cast<size_t>(col) < row.cells.size() ? row.cells[static_cast<size_t>(col)].ToText()
                                                                     : std::string();
    };
    if (!row.cells.empty()) f.child = row.cells[0].ToText();
    f.team = text(c.team);
    f.worker = text(c.worker);
  }
}

}  // namespace annexa::validate
