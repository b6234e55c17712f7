#include "pack/indicator_history.h"

#include <atomic>
#include <cmath>
#include <cstdio>

#include "core/date_order.h"
#include "core/two_threads.h"

namespace annexa::pack {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string MonthLabel(CivilDate d) { return std::string(kMonths[d.month() - 1]) + " " + std::to_string(d.year()); }

// The point of `ind` (computed as at `at`) given what could not be known then.
indicators::TrendPoint PointOf(const indicators::Indicator& ind, const HistoryDate& date,
                               const IndicatorHistory::AtDate* past) {
  indicators::TrendPoint p;
  p.label = date.label;
  p.at = date.at;
  if (past)
    if (auto why = past->unavailable.find(ind.id); why != past->unavailable.end()) {
      p.unavailable = "not available at " + DayMonthYear(date.at) + ": " + why->second;
      return p;
    }
  if (past) {
    auto reads = past->lists_read.find(ind.id);
    if (reads != past->lists_read.end())
      for (int n : reads->second)
        if (auto why = past->unavailable_lists.find(n); why != past->unavailable_lists.end()) {
          p.unavailable = "not available at " + DayMonthYear(date.at) + ": " + why->second;
          return p;
        }
  }
  const indicators::Indicator* at = &ind;
  if (past) {
    at = nullptr;
    for (const indicators::Indicator& i : past->indicators)
      if (i.id == ind.id) at = &i;
    if (!at) {
      p.unavailable = "not computed at " + DayMonthYear(date.at);
      return p;
    }
  }
  if (!at->not_configured.empty()) {
    p.unavailable = "not configured: " + at->not_configured;
    return p;
  }
  p.numerator = at->numerator;
  p.denominator = at->denominator;
  p.value = at->value;
  if (std::isnan(p.value) && past) {
    // A column it needs was withheld at that date (past_lists.h).
    auto reads = past->lists_read.find(ind.id);
    if (reads != past->lists_read.end())
      for (int n : reads->second)
        if (auto why = past->withheld.find(n); why != past->withheld.end()) {
          p.unavailable = "not available at " + DayMonthYear(date.at) + ": " + why->second;
          return p;
        }
  }
  if (std::isnan(p.value))
    p.unavailable = "no value at " + DayMonthYear(date.at) +
                    (at->unit == "count" ? ": the list has no rows (or lacks a column it needs)"
                                         : ": nothing to count (the denominator is 0, or the list lacks a column it needs)");
  return p;
}

}  // namespace

std::vector<HistoryDate> TrendDates(CivilDate r) {
  std::vector<HistoryDate> out;
  const CivilDate first(r.year(), r.month(), 1);
  for (int i = kTrendPoints - 1; i >= 1; --i) {
    const CivilDate month_end = first.AddMonths(-i + 1).AddDays(-1);
    out.push_back({MonthLabel(month_end), month_end});
  }
  out.push_back({MonthLabel(r), r});
  return out;
}

HistoryDate LastYearDate(CivilDate r) {
  CivilDate march(r.year(), 3, 31);
  if (!(march < r)) march = CivilDate(r.year() - 1, 3, 31);
  char label[40];
  std::snprintf(label, sizeof label, "%d/%02d", march.year() - 1, march.year() % 100);
  return {label, march};
}

std::vector<CivilDate> PastDates(CivilDate r) {
  std::set<CivilDate> dates{LastYearDate(r).at};
  for (const HistoryDate& d : TrendDates(r))
    if (d.at < r) dates.insert(d.at);
  return {dates.begin(), dates.end()};
}

IndicatorReads ProbeIndicatorReads(const mapping::MappedPack& pack, const indicators::IndicatorOptions& options) {
  IndicatorReads out;
  indicators::IndicatorOptions probe = options;
  probe.lists_read = &out.lists;
  probe.sources_read = &out.sources;
  probe.columns_read = &out.columns;
  std::vector<AnnexList> shells(pack.spec.lists.size());
  for (size_t i = 0; i < shells.size(); ++i) shells[i].spec = &pack.spec.lists[i];
  (void)indicators::ComputeIndicators(shells, probe);
  return out;
}

Result<IndicatorHistory> ComputeIndicatorHistory(const mapping::MappedPack& pack,
                                                 const indicators::IndicatorOptions& options, bool two_threads) {
  const IndicatorReads reads = ProbeIndicatorReads(pack, options);
  std::set<int> wanted;
  for (const auto& [id, lists] : reads.lists) wanted.insert(lists.begin(), lists.end());
  // An indicator reading an extra source that cannot say what held at a
  // past date (history: current_only, a database query run as at R) has no
  // past points.
  std::map<std::string, std::string> unavailable;
  const std::map<std::string, std::string> without = SourcesWithoutHistory(pack.config);
  for (const auto& [id, names] : reads.sources)
    for (const std::string& name : names)
      if (auto why = without.find(name); why != without.end() && !unavailable.count(id))
        unavailable[id] = "source '" + name + "' " + why->second;

  const std::vector<CivilDate> dates = PastDates(options.reference_date);
  std::vector<IndicatorHistory::AtDate> results(dates.size());
  std::vector<Status> failed(dates.size());
  DateColumnScans scans;  // the same tables at every date
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i; (i = next++) < dates.size();) {
      Result<PastLists> lists = BuildListsAt(pack, dates[i], wanted, &scans, &reads.columns);
      if (!lists.ok()) {
        failed[i] = lists.status();
        continue;
      }
      IndicatorHistory::AtDate& r = results[i];
      indicators::IndicatorOptions at = options;
      at.reference_date = dates[i];
      at.lists_read = &r.lists_read;
      r.indicators = indicators::ComputeIndicators(lists->lists, at);
      r.unavailable_lists = std::move(lists->unavailable);
      r.withheld = std::move(lists->withheld);
      r.unavailable = unavailable;
    }
  };
  if (two_threads)
    RunOnTwoThreads(work);
  else
    work();
  IndicatorHistory history;
  for (size_t i = 0; i < dates.size(); ++i) {
    if (!failed[i].ok())
      return Status(failed[i].code(), "rebuilding the lists at " + DayMonthYear(dates[i]) + ": " + failed[i].message());
    history.at.emplace(dates[i], std::move(results[i]));
  }
  return history;
}

void ApplyIndicatorHistory(const IndicatorHistory& history, CivilDate r,
                           std::vector<indicators::Indicator>* indicators) {
  const std::vector<HistoryDate> months = TrendDates(r);
  const HistoryDate last_year = LastYearDate(r);
  auto past = [&](CivilDate d) -> const IndicatorHistory::AtDate* {
    auto it = history.at.find(d);
    return it == history.at.end() ? nullptr : &it->second;
  };
  for (indicators::Indicator& ind : *indicators) {
    ind.points.clear();
    for (const HistoryDate& m : months) {
      const IndicatorHistory::AtDate* at = m.at == r ? nullptr : past(m.at);
      if (m.at != r && !at) {
        indicators::TrendPoint p;
        p.label = m.label;
        p.at = m.at;
        p.unavailable = "not computed at " + DayMonthYear(m.at);
        ind.points.push_back(std::move(p));
        continue;
      }
      ind.points.push_back(PointOf(ind, m, at));
    }
    if (const IndicatorHistory::AtDate* at = past(last_year.at))
      ind.last_year = PointOf(ind, last_year, at);
    else
      ind.last_year.reset();
  }
}

}  // namespace annexa::pack
