// The rows of a related table that belong to a base row (docs/config.md,
// "Related rows"): grouped by key once per list (a flat table of row
// numbers, no list per key), filtered by `where` as they are grouped, and
// tested against the base row's dates only among the key's own rows, never
// by a scan of the whole table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "core/table.h"
#include "mapping/config_model.h"
#include "mapping/derive.h"

namespace annexa::mapping {

// The period a related row must overlap (inclusive; no `to`: open-ended).
struct DateBounds {
  CivilDate from;
  std::optional<CivilDate> to;
};

class RelatedIndex {
 public:
  // kInvalidArgument naming `where_text` when a column is missing.
  static Result<RelatedIndex> Build(const Table& table, const std::string& key, const std::vector<Condition>& where,
                                    const DateMatch& dates, const std::string& where_text);

  // Calls f(row) for each row of `key`, in table order, that passes the
  // filter and (when `bounds`) whose period overlaps them. A row whose
  // start is not a date never meets a date condition.
  template <class F>
  void ForEach(std::string_view key, const std::optional<DateBounds>& bounds, F&& f) const {
    if (key.empty()) return;
    auto it = spans_.find(key);
    if (it == spans_.end()) return;
    for (uint32_t k = it->second.first; k < it->second.second; ++k)
      if (!bounds || Meets(rows_[k], *bounds)) f(static_cast<size_t>(rows_[k]));
  }
  const Table& table() const { return *table_; }
  // The related table's start and end date columns (-1: none).
  int start_column() const { return start_; }
  int end_column() const { return end_; }
  // Marks the start or end column as written month first (core/date_order.h):
  // its numeric dates are then not read, so such a row meets no dates.
  void SetMonthFirst(bool start, bool end) {
    start_month_first_ = start;
    end_month_first_ = end;
  }

 private:
  bool Meets(size_t row, const DateBounds& b) const;
  const Table* table_ = nullptr;
  int start_ = -1, end_ = -1;
  bool start_month_first_ = false, end_month_first_ = false;
  std::unordered_map<std::string_view, std::pair<uint32_t, uint32_t>> spans_;  // key -> [begin, end) of rows_
  std::vector<uint32_t> rows_;
};

// The answer of a quantified test over a set of rows, given as the number
// of rows and the number passing the test.
bool Holds(Quantifier q, int64_t rows, int64_t passing);

}  // namespace annexa::mapping
