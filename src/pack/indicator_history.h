// The key indicators over time (issue 20): each indicator's six monthly
// points and last year's outturn, each computed by building the lists as
// they stood at that date from the run's raw records (past_lists.h) and
// computing every indicator as at that date
// (indicators::ComputeIndicators with reference_date = the date).
//
// The six points are the month ends of the five months before R's month,
// then R itself for R's month (the headline); last year's outturn is at the
// last 31 March before R (the previous financial year's end). A point whose
// lists cannot say what held then is "not available", with the reason;
// so is a point with nothing to count.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "indicators/key_indicators.h"
#include "mapping/pack_builder.h"
#include "pack/past_lists.h"

namespace annexa::pack {

inline constexpr int kTrendPoints = 6;

struct HistoryDate {
  std::string label;  // "Mar 2026", or "2025/26" for a financial year
  CivilDate at;
};

// The six points' dates, oldest first: the last days of the five months
// before R's month, then R.
std::vector<HistoryDate> TrendDates(CivilDate r);
// The last 31 March before R, labelled by the financial year it ends.
HistoryDate LastYearDate(CivilDate r);
// Every past date the lists are rebuilt at, each once, oldest first (the
// five month ends and last year's 31 March, which may be one of them).
std::vector<CivilDate> PastDates(CivilDate r);

// The indicators computed at each past date, and what could not be known.
struct IndicatorHistory {
  struct AtDate {
    std::vector<indicators::Indicator> indicators;
    std::map<int, std::string> unavailable_lists;           // list number -> why
    std::map<int, std::string> withheld;                    // list number -> the columns unknown then, why
    std::map<std::string, std::set<int>> lists_read;        // indicator id -> the lists it read
    std::map<std::string, std::string> unavailable;         // indicator id -> why (a source it reads has no history)
  };
  std::map<CivilDate, AtDate> at;
};

// What the indicators read, asked of lists with no rows (their specs only),
// whatever the lists hold: so that the past dates build only those lists
// and columns.
struct IndicatorReads {
  std::map<std::string, std::set<int>> lists;             // indicator id -> the lists it reads
  std::map<std::string, std::set<std::string>> sources;   // indicator id -> the extra sources it reads
  std::map<int, std::set<std::string>> columns;           // list number -> the column keys read
};
IndicatorReads ProbeIndicatorReads(const mapping::MappedPack& pack, const indicators::IndicatorOptions& options);

// Builds the lists at every date of PastDates(options.reference_date) and
// computes the indicators there, one date at a time, or two with
// `two_threads` (the pack is only read; each date's lists are dropped once
// its indicators are computed, so two at a time hold twice the memory).
// `options` are the run's (IndicatorOptionsFor); only the lists the
// indicators read are built.
Result<IndicatorHistory> ComputeIndicatorHistory(const mapping::MappedPack& pack,
                                                 const indicators::IndicatorOptions& options,
                                                 bool two_threads = false);

// Fills `points` and `last_year` of each indicator computed at R (the
// headline is R's point) from `history`.
void ApplyIndicatorHistory(const IndicatorHistory& history, CivilDate r,
                           std::vector<indicators::Indicator>* indicators);

}  // namespace annexa::pack
