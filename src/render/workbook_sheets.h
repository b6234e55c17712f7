// The Annex A workbook's sheets, each laid out through Writer: a list sheet,
// the Cover, Row_accounting and the data-gap sheets. Internal to the Annex A
// workbook writer (annex_workbook.h), which adds the sheets in order and
// calls these to fill them.
#pragma once

#include <map>
#include <vector>

#include "core/status.h"
#include "lists/annex_list.h"
#include "render/annex_workbook.h"
#include "render/data_gap_rows.h"
#include "render/indicator_rows.h"
#include "render/qa_sheets.h"
#include "render/xlsx_writer.h"
#include "spec/spec_model.h"

namespace annexa::render::detail {

// Title, headers and one row per row of `data` (none when null), with
// column widths fitted to the first rows. With `marks` (the QA workbook:
// this list's marks, sorted by row and column), those cells are filled and
// commented.
Status WriteListSheet(Writer& w, lxw_worksheet* ws, const spec::ListSpec& list, const AnnexList* data,
                      const std::vector<CellMark>* marks = nullptr);

// The run's facts (council, reference date, versions) and each list's row count.
// `marks` (the QA workbook): how many cells were marked and commented.
Status WriteCover(Writer& w, lxw_worksheet* ws, const spec::SpecVersion& spec,
                  const std::map<int, const AnnexList*>& by_number, const WorkbookMeta& meta,
                  const CellMarks* marks = nullptr);

// `order`: the lists in sheet order (Lists 1-11, then the audited-case list
// when there is one).
Status WriteRowAccounting(Writer& w, lxw_worksheet* ws, const std::vector<const spec::ListSpec*>& order,
                          const std::map<int, const AnnexList*>& by_number);

// A data-gap sheet laid out as the others: title, bold headers, frozen
// panes, an autofilter over the data rows, then (after an empty row) the
// totals and notes, outside the filter so that sorting leaves them last.
Status WriteGapSheet(Writer& w, lxw_worksheet* ws, const GapTable& table);

// One row of a data-gap sheet, its cells as their kinds say; `links`
// counts the sheet's links (Excel's limit).
void WriteGapRow(Writer& w, lxw_worksheet* ws, lxw_row_t row, const GapRow& data, size_t* links);

// The key-indicator sheet (render/indicator_rows.h), laid out as a data-gap
// sheet, its rows taller, with a small line chart of each row's trend in
// its Trend column, drawn from the chart data under the table.
Status WriteIndicatorSheet(Writer& w, lxw_worksheet* ws, const IndicatorSheet& sheet);

}  // namespace annexa::render::detail
