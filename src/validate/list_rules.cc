// List rules: one row per child where Ofsted asks for it, the 12-month
// counts the same on every row of a child, exact duplicate rows.
#include <optional>
#include <unordered_map>

#include "validate/cell_text.h"
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {


void CheckChildRepeated(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    if (list.spec->grain == spec::Grain::kEvent) continue;
    const RowsByText ids(list, 0);
    for (size_t r = 0; r < list.rows.size(); ++r) {
      if (ids.first(r) == r) continue;
      out->push_back(CellFinding(kind, list, r, 0,
                                 "the same identifier is already on row " + std::to_string(ids.first(r) + 1) + "; " +
                                     list.spec->title + " has one row per " +
                                     (list.spec->grain == spec::Grain::kAdopter ? "adopter" : "child")));
    }
  }
}

void CheckCountsPerChild(FindingKind kind, const Context& ctx, Findings* out) {
  static constexpr std::string_view kCounts[] = {"referrals_last_12_months", "s47_last_12_months",
                                                 "icpcs_last_12_months"};
  for (const AnnexList& list : ctx.lists) {
    // Each count on a child's later row is compared with its first row;
    // the rows are grouped by child once for all the counts.
    std::optional<RowsByText> ids;
    for (std::string_view key : kCounts) {
      const int c = ColumnIndex(list, key);
      if (c < 0) continue;
      if (!ids) ids.emplace(list, 0);
      for (size_t r = 0; r < list.rows.size(); ++r) {
        const size_t first = ids->first(r);
        if (first == r) continue;
        const CellValue& a = list.rows[first].cells[static_cast<size_t>(c)];
        const CellValue& b = list.rows[r].cells[static_cast<size_t>(c)];
        if (!SameText(a, b))
          out->push_back(CellFinding(kind, list, r, c,
                                     "'" + list.spec->columns[static_cast<size_t>(c)].header + "' is " + b.ToText() +
                                         " here but " + a.ToText() + " on row " + std::to_string(first + 1) +
                                         " for the same child"));
      }
    }
  }
}

// A row's key: its cells' texts, each ended by a unit separator.
std::string RowKey(const AnnexRow& row) {
  std::string key;
  for (const auto& cell : row.cells) key += cell.ToText() + '\x1f';
  return key;
}

void DuplicateRowsByKey(FindingKind kind, const AnnexList& list, Findings* out) {
  std::unordered_map<std::string, size_t> seen;
  for (size_t r = 0; r < list.rows.size(); ++r) {
    auto [it, fresh] = seen.emplace(RowKey(list.rows[r]), r);
    if (!fresh)
      out->push_back(CellFinding(kind, list, r, -1, "the row repeats row " + std::to_string(it->second + 1) + " exactly"));
  }
}

// Whether rows a and b have the same key (RowKey), given that no text
// holds a unit separator (so the keys split into the same cells).
bool SameCells(const AnnexRow& a, const AnnexRow& b) {
  if (a.cells.size() != b.cells.size()) return false;
  for (size_t c = 0; c < a.cells.size(); ++c)
    if (!SameText(a.cells[c], b.cells[c])) return false;
  return true;
}

void CheckDuplicateRows(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    // Rows are bucketed by a hash of their cells' texts and compared cell
    // by cell, with no key built; a text holding the separator (which
    // could make two different rows' keys equal) falls back to the keys.
    CellTextHasher hasher;
    std::vector<uint64_t> hashes(list.rows.size());
    bool separator = false;
    for (size_t r = 0; r < list.rows.size() && !separator; ++r) {
      uint64_t h = list.rows[r].cells.size();
      for (const auto& cell : list.rows[r].cells) {
        separator = separator || cell.text.find('\x1f') != std::string::npos;
        h = (h ^ hasher(cell)) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
      }
      hashes[r] = h;
    }
    if (separator) {
      DuplicateRowsByKey(kind, list, out);
      continue;
    }
    // The rows whose cells no earlier row has; any other row repeats the
    // one of them with the same cells (the first row with those cells).
    HashedItems first;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const size_t same =
          first.FindOrAdd(hashes[r], r, [&](size_t i) { return SameCells(list.rows[i], list.rows[r]); });
      if (same != r)
        out->push_back(CellFinding(kind, list, r, -1, "the row repeats row " + std::to_string(same + 1) + " exactly"));
    }
  }
}

}  // namespace

void AddListRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(kinds::kChildRepeated, CheckChildRepeated));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kCountDiffers, CheckCountsPerChild));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kDuplicateRow, CheckDuplicateRows));
}

}  // namespace annexa::validate
