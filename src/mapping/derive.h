// Derived values computed from related tables, per child: counts in a
// period, latest dates, yes/no "exists" flags (docs/config.md, "Derived
// values"). Each derivation indexes its table once; lookups are by the
// child's id as it appears in that table's key column.
//
// Period rules (all inclusive of both ends unless said):
//   count / exists: a row counts when its [date, end] interval overlaps
//     [reference - months, reference]; with no `end` column, when `date`
//     falls in that period. Rows starting after the reference date never count.
//   count_before_latest: for each child, the latest `anchor` (default
//     `date`) on or before the reference date; counts rows whose `date` is in
//     [latest - months, latest) - before the latest event, not counting it.
//   latest: the latest `date` on or before the reference date.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/date_order.h"
#include "core/civil_date.h"
#include "core/status.h"
#include "core/table.h"
#include "mapping/config_model.h"

namespace annexa::mapping {

// A condition with its value lists folded to match forms, for fast tests.
struct CompiledCondition {
  const Condition* condition = nullptr;
  std::vector<std::string> in, not_in;  // match forms
  // True when `value` passes.
  bool Passes(std::string_view value) const;
};
CompiledCondition Compile(const Condition& c);

// `where` conditions bound to one table's columns.
class RowFilter {
 public:
  // kInvalidArgument naming `where_text` when a column is missing.
  static Result<RowFilter> Compile(const Table& table, const std::vector<Condition>& where,
                                   const std::string& where_text);
  bool Matches(const Table& table, size_t row) const;

 private:
  std::vector<std::pair<int, CompiledCondition>> parts_;
};

// kInvalidArgument "<where_text>: no column 'X' in source 'name' (origin); its columns: ...".
Status MissingColumn(const Table& t, const std::string& column, const std::string& where_text);

class RelatedLookup {
 public:
  // Builds the index; kInvalidArgument naming `where_text` (config
  // file:line:col) when a column is missing from the table. Its keys point
  // into `table`, which must outlive it.
  // `scans` (may be null): a date column whose scan is month first
  // (core/date_order.h) has none of its numeric dates read.
  static Result<RelatedLookup> Build(const DeriveConfig& d, const Table& table, CivilDate reference_date,
                                     const std::string& where_text, DateColumnScans* scans = nullptr);

  // For count / count_before_latest: the count for a child (0 when none).
  int64_t Count(std::string_view child) const;
  // For latest: the latest date, if any.
  std::optional<CivilDate> Latest(std::string_view child) const;

 private:
  std::unordered_map<std::string_view, int64_t> counts_;
  std::unordered_map<std::string_view, CivilDate> latest_;
};

}  // namespace annexa::mapping
