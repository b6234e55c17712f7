// The shapes a key indicator's numbers take: a flow (events in the six
// months, its trend by the month of the event), a snapshot at R whose past
// months cannot be rebuilt, a percentage rebuilt at each month end, a cohort
// count and a rate per 10,000 children. Each gives a Measure, the numbers
// the driver puts into an Indicator beside the table's texts.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "indicators/key_indicators.h"
#include "lists/annex_list.h"

namespace annexa::indicators {

inline constexpr int kTrendMonths = 6;

// One of the six calendar months ending with R's month.
struct Month {
  CivilDate first, last;  // the calendar month
  CivilDate at;           // snapshot date: the month end, or R for R's month
};

// What every indicator is computed from.
struct Inputs {
  Inputs(const std::vector<AnnexList>& lists, const IndicatorOptions& options);
  const AnnexList* List(int number) const;  // nullptr when not built
  CivilDate R() const { return options.reference_date; }

  const std::vector<AnnexList>& lists;
  const IndicatorOptions& options;
  std::vector<Month> months;  // the trend's six months, oldest first
};

struct Counts {
  int64_t num = 0, den = 0;
};

struct Measure {
  int64_t numerator = 0;
  int64_t denominator = 0;  // 0 for counts
  double value = NAN;       // NaN: no data
  std::vector<double> trend = std::vector<double>(kTrendMonths, NAN);
};

// The date in `col` falls in the calendar month `m`.
bool InMonth(const AnnexRow& row, int col, const Month& m);

using RowTest = std::function<bool(const AnnexRow&)>;

// Every row passes (a denominator of all the list's rows).
bool AnyRow(const AnnexRow& row);

// Rows whose end column `end_col` is blank: open, or still looked after.
RowTest EndBlank(int end_col);

// The rows of `list` passing `in_den`, and of those the ones passing `in_num`.
Counts CountRows(const AnnexList* list, const RowTest& in_den, const RowTest& in_num);

// A percentage and its trend, month by month. `headline_ok` false (columns
// missing): value and trend NaN. `trend_ok` false: trend NaN.
Measure Percentage(const Inputs& in, bool headline_ok, const std::function<Counts()>& headline, bool trend_ok,
                   const std::function<Counts(const Month&)>& trend);

// A flow over the rows of `list` passing `in_den`, those also passing
// `in_num`; the trend counts the same rows by the month of `month_col`.
Measure Flow(const Inputs& in, const AnnexList* list, bool headline_ok, bool trend_ok, int month_col,
             const RowTest& in_den, const RowTest& in_num);

// A percentage as at R that past months cannot be rebuilt for (the lists
// keep only the latest date or count): the trend holds R's month only.
Measure Snapshot(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num);

// The rows of `list` open at R (`end_col` blank), its trend rebuilt at each
// month end from `start_col` and `end_col` (NaN without `start_col`). No rows
// (or no `end_col`): NaN, since an empty cohort means a list not supplied.
Measure OpenCohort(const Inputs& in, const AnnexList* list, int start_col, int end_col);

// Every row of `list`, with no start dates to rebuild past months from: the
// trend holds R's month only. No rows: NaN, as for OpenCohort.
Measure RowCount(const AnnexList* list);

// A cohort per 10,000 of `population` (> 0), rounded to one decimal place,
// its trend converted the same way.
Measure PerTenThousand(const Measure& cohort, int64_t population);

// The definition of a rate from its cohort's.
std::string RateDefinition(const std::string& cohort_definition);

}  // namespace annexa::indicators
