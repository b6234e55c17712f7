// The QA workbook's Indicators sheet: the table of render/indicator_rows.h
// laid out as a data-gap sheet, and in each row's Trend cell a small line
// chart (no axes, no legend: a sparkline; libxlsxwriter 1.1 has no
// sparklines) drawn from that row's chart data under the table, where a
// point not available is blank, so the line has a gap there, never a 0.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/text.h"
#include "render/workbook_sheets.h"

namespace annexa::render::detail {

namespace {

constexpr double kRowHeight = 30;    // points: room for the chart
constexpr double kChartWidth = 24;   // characters, the Trend column
constexpr double kFigureWidth = 16;  // characters, the columns of figures
// libxlsxwriter's chart is 480 x 288 pixels unscaled; a column is about
// 7 pixels a character plus 5, a point 4/3 of a pixel.
constexpr double kChartPixelsWide = 480, kChartPixelsHigh = 288;

std::string Cell(size_t col, size_t row) {  // 0-based, absolute: "$I$3"
  return "$" + ColumnLetters(static_cast<int>(col) + 1) + "$" + std::to_string(row + 1);
}

}  // namespace

Status WriteIndicatorSheet(Writer& w, lxw_worksheet* ws, const IndicatorSheet& sheet) {
  const GapTable& table = sheet.table;
  std::vector<double> widths = GapTableWidths(table);
  if (sheet.chart_col < widths.size()) widths[sheet.chart_col] = kChartWidth;
  if (widths.size() > 1) widths[1] = std::min(widths[1], 60.0);
  // Last year, Current and the months hold figures: a "not available
  // (why)" there is shown as far as the column allows, and whole in the
  // cell and in the row's Note.
  for (size_t c : {size_t{2}, size_t{5}})
    if (c < widths.size()) widths[c] = std::min(widths[c], kFigureWidth);
  for (size_t c = sheet.first_point_col; c < sheet.first_point_col + kTrendPoints && c < widths.size(); ++c)
    widths[c] = std::min(widths[c], kFigureWidth);
  w.Widths(ws, widths);
  w.Frame(ws, table.title, table.headers, table.rows.size());
  const std::string name = "'" + table.sheet + "'!";
  // Where the chart data starts: after the rows, an empty row and the
  // trailer's notes (as WriteGapSheet lays out a trailer).
  const lxw_row_t chart_data = static_cast<lxw_row_t>(kFirstDataRow + table.rows.size() + 1 + sheet.chart_data_row);
  const size_t last_point = sheet.first_point_col + kTrendPoints - 1;
  lxw_row_t row = kFirstDataRow;
  size_t links = 0;
  for (size_t r = 0; r < table.rows.size(); ++r, ++row) {
    w.Record(worksheet_set_row(ws, row, kRowHeight, nullptr));
    WriteGapRow(w, ws, row, table.rows[r], &links);
    if (w.error() != LXW_NO_ERROR) break;
    if (r >= sheet.charted.size() || !sheet.charted[r]) continue;
    lxw_chart* chart = workbook_add_chart(w.book(), LXW_CHART_LINE);
    if (!chart) return w.Failure("cannot add a chart (out of memory)");
    const std::string categories = "=" + name + Cell(sheet.first_point_col, kHeaderRow) + ":" + Cell(last_point, kHeaderRow);
    const lxw_row_t data_row = static_cast<lxw_row_t>(chart_data + r);
    const std::string values = "=" + name + Cell(sheet.first_point_col, data_row) + ":" + Cell(last_point, data_row);
    lxw_chart_series* series = chart_add_series(chart, categories.c_str(), values.c_str());
    if (!series) return w.Failure("cannot add a chart's series");
    chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_size(series, 3);
    chart_title_off(chart);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_off(chart->x_axis);
    chart_axis_off(chart->y_axis);
    chart_axis_major_gridlines_set_visible(chart->y_axis, LXW_FALSE);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options opt{};
    opt.x_offset = 2;
    opt.y_offset = 2;
    opt.x_scale = (kChartWidth * 7 + 5 - 4) / kChartPixelsWide;
    opt.y_scale = (kRowHeight * 4 / 3 - 4) / kChartPixelsHigh;
    opt.object_position = LXW_OBJECT_MOVE_AND_SIZE;
    w.Record(worksheet_insert_chart_opt(ws, row, static_cast<lxw_col_t>(sheet.chart_col), chart, &opt));
  }
  if (!table.trailer.empty()) ++row;
  for (const GapRow& r : table.trailer) WriteGapRow(w, ws, row++, r, &links);
  return w.Check();
}

}  // namespace annexa::render::detail
