#include "indicators/measures.h"

#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

double Percent(int64_t num, int64_t den) {
  return den == 0 ? NAN : 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

double Round1(double v) { return std::isnan(v) ? v : std::round(v * 10.0) / 10.0; }

}  // namespace

Inputs::Inputs(const std::vector<AnnexList>& lists_in, const IndicatorOptions& options_in)
    : lists(lists_in), options(options_in) {}

const AnnexList* Inputs::List(int number) const {
  read.insert(number);
  return FindList(lists, number);
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

Measure Percentage(bool headline_ok, const std::function<Counts()>& headline) {
  Measure m;
  if (!headline_ok) return m;
  const Counts c = headline();
  m.numerator = c.num;
  m.denominator = c.den;
  m.value = Percent(c.num, c.den);
  return m;
}

Measure Flow(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num) {
  return Percentage(headline_ok, [&] { return CountRows(list, in_den, in_num); });
}

Measure Snapshot(const AnnexList* list, bool headline_ok, const RowTest& in_den, const RowTest& in_num) {
  Measure m;
  if (!headline_ok) return m;
  const Counts c = CountRows(list, in_den, in_num);
  m.numerator = c.num;
  m.denominator = c.den;
  m.value = Percent(c.num, c.den);
  return m;
}

Measure OpenCohort(const AnnexList* list, int end_col) {
  Measure m;
  if (Rows(list).empty() || end_col < 0) return m;
  for (const AnnexRow& row : Rows(list)) m.numerator += IsBlank(row, end_col);
  m.value = static_cast<double>(m.numerator);
  return m;
}

Measure RowCount(const AnnexList* list) {
  Measure m;
  if (Rows(list).empty()) return m;
  m.numerator = static_cast<int64_t>(Rows(list).size());
  m.value = static_cast<double>(m.numerator);
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
  return m;
}

std::string RateDefinition(const std::string& cohort_definition) {
  return cohort_definition + " multiplied by 10,000 and divided by the 0-17 child population, rounded to one decimal "
                             "place.";
}

}  // namespace annexa::indicators
