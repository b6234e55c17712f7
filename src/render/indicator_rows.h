// The key-indicator table outside the PDF (issue 20): the QA workbook's
// Indicators sheet and the pack's <stem>_indicators.csv, both laid out like
// a council's performance report (Ref, Measure, last year's outturn, Num,
// Denom, Current, Period, the six month-ends' values under their month
// labels, Min, Upper, RAG, distance to target). "not configured" and "not
// available (why)" are written as text, never as 0. Pure functions of the
// indicators; the sheet is laid out in workbook_sheets.cc, with a small
// line chart of each row's trend.
#pragma once

#include <string>
#include <vector>

#include "indicators/key_indicators.h"
#include "render/data_gap_rows.h"

namespace annexa::render {

inline constexpr const char* kIndicatorsSheet = "Indicators";
// The trend's month-ends, oldest first (key_indicators.h: Indicator::points).
inline constexpr size_t kTrendPoints = 6;

// How a value that is not there reads: "not available (<why>)", or "not
// available" when no reason is given.
std::string NotAvailable(const std::string& why);
// How an indicator that needs a source it is not given reads:
// "not configured (needs <what>)".
std::string NotConfigured(const std::string& needs);

struct IndicatorSheet {
  // Title row 1 ("Key indicators"), headers row 2 (the six trend columns
  // headed by their month labels, "Mar 2023"), a row per indicator, and a
  // trailer: the RAG tally in words (indicators/rag_tally.h), then "Chart
  // data", a row per indicator repeating its trend values with the points
  // not available left blank, which the charts draw (so a gap is a gap,
  // never a 0).
  GapTable table;
  size_t first_point_col = 0;  // 0-based column of the first trend point
  size_t chart_col = 0;        // the column each row's trend chart is drawn in
  size_t chart_data_row = 0;   // index into table.trailer of the first chart-data row
  std::vector<bool> charted;   // per row: a chart is drawn (two or more values)
};
IndicatorSheet IndicatorsSheet(const std::vector<indicators::Indicator>& indicators);

// The CSV: a header row, then a row per indicator. Columns: ref, id,
// measure, unit, period, last_year_label, last_year, numerator,
// denominator, current, point_1_label, point_1 ... point_6_label, point_6,
// minimum, upper, better, rag, distance_to_target, note. Percentages and
// rates to one decimal, counts whole; a value not there is its text ("not
// configured (needs ...)", "not available (...)"), never 0. Fields through
// core/text's CsvField (formula-like text is defused); CRLF line ends.
std::string IndicatorsCsv(const std::vector<indicators::Indicator>& indicators);

}  // namespace annexa::render
