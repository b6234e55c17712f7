#include "indicators/measures.h"

#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

std::vector<Month> TrendMonths(CivilDate r) {
  std::vector<Month> months;
  CivilDate current(r.year(), r.month(), 1);
  for (int i = kTrendMonths - 1; i >= 0; --i) {
    Month m;
    m.first = current.AddMonths(-i);
    m.last = m.first.AddMonths(1).AddDays(-1);
    m.at = i == 0 ? r : m.last;
    months.push_back(m);
  }
  return months;
}

double Percent(int64_t num, int64_t den) {
  return den == 0 ? NAN : 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

double Round1(double v) { return std::isnan(v) ? v : std::round(v * 10.0) / 10.0; }

}  // namespace

Inputs::Inputs(const std::vector<AnnexList>& lists_in, const IndicatorOptions& options_in)
    : lists(lists_in), options(options_in), months(TrendMonths(options_in.reference_date)) {}

const AnnexList* Inputs::List(int number) const { return FindList(lists, number); }

bool InMonth(const AnnexRow& row, int col, const Month& m) {
  auto d = DateOf(row, col);
  return d && *d >= m.first && *d <= m.last;
}

bool AnyRow(const AnnexRow&) { return true; }

RowTest EndBlank(int end_col) {
  return [end_col](const AnnexRow& row) { return IsBlank(row, end_col); };
}

Counts CountRows(const AnnexList* list, const RowTest& in_den, const RowTest& in_num) {
  Counts c;
  for (const AnnexRow& row : Rows(list)) {
    if (!in_den(row)) continue;
    ++c.den;
    c.num += in_num(row);
  }
  return c;
}

Measure Percentage(const Inputs& in, bool headline_ok, const std::function<Counts()>& headline, bool trend_ok,
                   const std::function<Counts(const Month&)>& trend) {
  Measure m;
  if (!headline_ok) return m;
  const Counts c = headline();
  m.numerator = c.num;
  m.denominator = c.den;
  m.value = Percent(c.num, c.den);
  if (!trend_ok) return m;
  for (size_t i = 0; i < in.months.size(); ++i) {
    const Counts month = trend(in.months[i]);
    m.trend[i] = Percent(month.num, month.den);
  }
  return m;
}

Measure Flow(const Inputs& in, const AnnexList* list, bool headline_ok, bool trend_ok, int month_col,
             const RowTest& in_den, const RowTest& in_num) {
  return Percentage(
      in, headline_ok, [&] { return CountRows(list, in_den, in_num); }, trend_ok,
      [&](const Month& m) {
        return CountRows(list, [&](const AnnexRow& row) { return InMonth(row, month_col, m) && in_den(row); },
                         in_num);
      });
}

Measure Snapshot(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num) {
  Measure m;
  if (!headline_ok) return m;
  const Counts c = CountRows(list, in_den, in_num);
  m.numerator = c.num;
  m.denominator = c.den;
  m.value = Percent(c.num, c.den);
  m.trend.back() = m.value;
  return m;
}

Measure OpenCohort(const Inputs& in, const AnnexList* list, int start_col, int end_col) {
  Measure m;
  if (Rows(list).empty() || end_col < 0) return m;
  for (const AnnexRow& row : Rows(list)) m.numerator += IsBlank(row, end_col);
  m.value = static_cast<double>(m.numerator);
  if (start_col < 0) return m;
  for (size_t i = 0; i < in.months.size(); ++i) {
    int64_t n = 0;
    for (const AnnexRow& row : Rows(list)) n += OpenAt(row, start_col, end_col, in.months[i].at);
    m.trend[i] = static_cast<double>(n);
  }
  return m;
}

Measure RowCount(const AnnexList* list) {
  Measure m;
  if (Rows(list).empty()) return m;
  m.numerator = static_cast<int64_t>(Rows(list).size());
  m.value = static_cast<double>(m.numerator);
  m.trend.back() = m.value;
  return m;
}

Measure PerTenThousand(const Measure& cohort, int64_t population) {
  Measure m;
  const double pop = static_cast<double>(population);
  if (!std::isnan(cohort.value)) {
    m.numerator = cohort.numerator;
    m.denominator = population;
    m.value = Round1(cohort.value * 10000.0 / pop);
  }
  for (size_t i = 0; i < m.trend.size(); ++i) m.trend[i] = Round1(cohort.trend[i] * 10000.0 / pop);
  return m;
}

std::string RateDefinition(const std::string& cohort_definition) {
  return cohort_definition + " multiplied by 10,000 and divided by the 0-17 child population, rounded to one decimal "
                             "place.";
}

}  // namespace annexa::indicators
