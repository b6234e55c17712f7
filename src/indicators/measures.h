// The shapes a key indicator's numbers take: a flow (events in the list's
// window), a snapshot at R, a percentage, a cohort count and a rate per
// 10,000 children. Each gives a Measure, the numbers the driver puts into an
// Indicator beside the table's texts. Each is computed as at R only: the
// six monthly points are the same measures over the lists rebuilt at each
// month end (pack/indicator_history.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "indicators/key_indicators.h"
#include "lists/annex_list.h"

namespace annexa::indicators {

// What every indicator is computed from.
struct Inputs {
  Inputs(const std::vector<AnnexList>& lists, const IndicatorOptions& options);
  // nullptr when not built; every number asked for is noted in `read`.
  const AnnexList* List(int number) const;
  CivilDate R() const { return options.reference_date; }

  const std::vector<AnnexList>& lists;
  const IndicatorOptions& options;
  // The lists asked for since the last clear: what an indicator reads, so a
  // past point built without one of them is "not available" (the driver
  // hands it out through IndicatorOptions::lists_read).
  mutable std::set<int> read;
};

struct Counts {
  int64_t num = 0, den = 0;
};

struct Measure {
  int64_t numerator = 0;
  int64_t denominator = 0;  // 0 for counts
  double value = NAN;       // NaN: no data
};

using RowTest = std::function<bool(const AnnexRow&)>;

// Every row passes (a denominator of all the list's rows).
bool AnyRow(const AnnexRow& row);

// Rows whose end column `end_col` is blank: open, or still looked after.
RowTest EndBlank(int end_col);

// The rows of `list` passing `in_den`, and of those the ones passing `in_num`.
Counts CountRows(const AnnexList* list, const RowTest& in_den, const RowTest& in_num);

// A percentage. `headline_ok` false (columns missing): NaN.
Measure Percentage(bool headline_ok, const std::function<Counts()>& headline);

// A flow over the rows of `list` (the events of its window) passing
// `in_den`, those also passing `in_num`.
Measure Flow(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num);

// A percentage of the rows as at R.
Measure Snapshot(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num);

// The rows of `list` open at R (`end_col` blank). No rows (or no
// `end_col`): NaN, since an empty cohort means a list not supplied.
Measure OpenCohort(const AnnexList* list, int end_col);

// Every row of `list`. No rows: NaN, as for OpenCohort.
Measure RowCount(const AnnexList* list);

// A cohort per 10,000 of `population` (> 0), rounded to one decimal place.
Measure PerTenThousand(const Measure& cohort, int64_t population);

// The definition of a rate from its cohort's.
std::string RateDefinition(const std::string& cohort_definition);

}  // namespace annexa::indicators
