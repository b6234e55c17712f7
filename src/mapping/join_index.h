// The indexes a list's joins look rows up in (key -> the joined row), built
// once per run and shared: every list joins `people` on the same column, and
// at a regional alliance's size (650,000 people) building that index once
// per list was a tenth of the mapping stage.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/civil_date.h"
#include "core/table.h"
#include "mapping/config_model.h"

namespace annexa::mapping {

struct JoinIndex {
  // Key (a view into the table's cell) -> the row chosen for it: the first
  // (JoinPick::kOne), or the latest by the `by` column on or before the
  // reference date, ties to the later row (JoinPick::kLatest).
  std::unordered_map<std::string_view, size_t> rows;
  int64_t duplicates = 0;  // kOne: rows whose key an earlier row had
  size_t first_duplicate = 0;  // kOne, when duplicates > 0: the first such row
};

// Builds the index of `table` on column `right`; `by` is the date column
// for kLatest (ignored for kOne). `by_month_first`: `by` writes its dates
// month first (core/date_order.h), so none of its numeric dates is read.
JoinIndex BuildJoinIndex(const Table& table, int right, JoinPick pick, int by, CivilDate reference_date,
                         bool by_month_first = false);

// Thread-safe: lists built on several threads ask for the same index; the
// first builds it, the others wait for it. Indexes point into the tables,
// which must outlive the cache.
class JoinIndexCache {
 public:
  // `by_month_first` is a property of the table and `by`, so not in the key.
  const JoinIndex& Get(const Table& table, int right, JoinPick pick, int by, CivilDate reference_date,
                       bool by_month_first = false);

 private:
  struct Entry {
    std::once_flag once;
    JoinIndex index;
  };
  std::mutex mu_;
  std::map<std::tuple<const Table*, int, int, int, int64_t>, std::unique_ptr<Entry>> entries_;
};

}  // namespace annexa::mapping
