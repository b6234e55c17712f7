// The layout of each sheet of the Annex A workbook: which cell holds what.
#include "render/workbook_sheets.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "core/text_limits.h"
#include "render/xlsx_text.h"

namespace annexa::render::detail {
namespace {

using spec::ListSpec;

constexpr size_t kWidthSampleRows = 1000;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;

// Column widths from the content of the first rows. Headers wrap, so a
// header asks only for its longest word and about a third of its length
// (at most three lines), not its full length.
std::vector<double> FitWidths(const ListSpec& list, const AnnexList* data) {
  std::vector<double> widths;
  for (const spec::ColumnSpec& col : list.columns) {
    size_t longest_word = 0;
    for (std::string_view rest = col.header; !rest.empty();) {
      const size_t sp = rest.find(' ');
      longest_word = std::max(longest_word, CharCount(rest.substr(0, sp)));
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    widths.push_back(static_cast<double>(std::max(longest_word, (CharCount(col.header) + 2) / 3)));
  }
  if (data) {
    const size_t n = std::min(data->rows.size(), kWidthSampleRows);
    for (size_t r = 0; r < n; ++r) {
      const auto& cells = data->rows[r].cells;
      for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
        size_t len = 0;
        switch (cells[c].kind) {
          case CellValue::Kind::kBlank: break;
          case CellValue::Kind::kDate: len = 10; break;
          case CellValue::Kind::kInteger: len = std::to_string(cells[c].integer).size(); break;
          case CellValue::Kind::kText: len = CharCount(cells[c].text); break;
        }
        widths[c] = std::max(widths[c], static_cast<double>(len));
      }
    }
  }
  for (double& w : widths) w = std::clamp(w + 2, kMinWidth, kMaxWidth);
  return widths;
}

}  // namespace

void WriteGapRow(Writer& w, lxw_worksheet* ws, lxw_row_t row, const GapRow& data, size_t* links) {
  const GapFormats& g = w.gap_fmt();
  for (size_t c = 0; c < data.cells.size(); ++c) {
    const GapCell& cell = data.cells[c];
    const auto col = static_cast<lxw_col_t>(c);
    switch (cell.kind) {
      case GapCell::Kind::kBlank:
        // A highlighted row is filled across, blanks included.
        if (data.highlight) w.Record(worksheet_write_blank(ws, row, col, g.highlight));
        break;
      case GapCell::Kind::kText:
        w.Text(ws, row, col, cell.text,
               data.highlight ? g.highlight : data.bold ? w.fmt().label : nullptr);
        break;
      case GapCell::Kind::kNumber:
        w.Number(ws, row, col, cell.number, data.highlight ? g.highlight : nullptr);
        break;
      case GapCell::Kind::kPercent:
        w.Number(ws, row, col, cell.number, data.highlight ? g.highlight_percent : g.percent);
        break;
      case GapCell::Kind::kLink:
        if (*links >= LXW_MAX_NUMBER_URLS) {
          // Excel's limit of links in a sheet: the place as text beyond it.
          w.Text(ws, row, col, cell.text, data.highlight ? g.highlight : nullptr);
        } else {
          w.Link(ws, row, col, cell.link, cell.text);
          ++*links;
        }
        break;
    }
  }
}

Status WriteListSheet(Writer& w, lxw_worksheet* ws, const ListSpec& list, const AnnexList* data,
                      const std::vector<CellMark>* marks) {
  std::vector<std::string> headers;
  for (const spec::ColumnSpec& col : list.columns) headers.push_back(col.header);
  const size_t rows = data ? data->rows.size() : 0;
  w.Widths(ws, FitWidths(list, data));
  w.Frame(ws, list.title, headers, rows);
  std::vector<CellMark>::const_iterator mark{}, end{};
  if (marks) {
    mark = marks->begin();
    end = marks->end();
  }
  for (size_t r = 0; r < rows; ++r) {
    const auto& cells = data->rows[r].cells;
    if (cells.size() != list.columns.size())
      return Internal(list.title + ": row " + std::to_string(r + 1) + " has " +
                      std::to_string(cells.size()) + " cells for " +
                      std::to_string(list.columns.size()) + " columns");
    const auto row = static_cast<lxw_row_t>(kFirstDataRow + r);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      // The marks are sorted as the cells are written: row by row, left to right.
      while (mark != end && (mark->row < static_cast<int64_t>(r) || (mark->row == static_cast<int64_t>(r) && mark->col < c)))
        ++mark;  // a mark beyond the row's cells
      if (mark != end && mark->row == static_cast<int64_t>(r) && mark->col == c) {
        w.MarkedCell(ws, row, col, cells[c], mark->worst);
        if (!mark->comment.empty()) w.Comment(ws, row, col, mark->comment);
        ++mark;
      } else {
        w.Cell(ws, row, col, cells[c]);
      }
    }
    if (w.error() != LXW_NO_ERROR) break;
  }
  return w.Check();
}

Status WriteCover(Writer& w, lxw_worksheet* ws, const spec::SpecVersion& spec,
                  const std::map<int, const AnnexList*>& by_number, const WorkbookMeta& meta,
                  const CellMarks* marks) {
  const Formats& f = w.fmt();
  w.Widths(ws, {18, 60, 10});
  w.Text(ws, 0, 0, "Annex A", f.title);
  if (!meta.notice.empty()) w.Text(ws, 1, 0, meta.notice, f.title);  // the row above the facts is free
  const std::string version = spec.title.empty() ? spec.id : spec.id + ": " + spec.title;
  // The names as every writer shows them: one printable line, capped
  // (core/text_limits.h); a config over the caps is refused before this.
  const std::string council = SafeName(meta.facts->council, kMaxNameChars).text;
  const std::string la_code = SafeName(meta.facts->la_code, kMaxCodeChars).text;
  std::vector<std::pair<const char*, const std::string*>> facts = {
      {"Council", &council}, {"LA code", &la_code}, {"Reference date", nullptr},
      {"Spec version", &version}, {"Generated at", &meta.facts->generated_at},
      {"Tool version", &meta.facts->tool_version}};
  if (!meta.purpose.empty()) facts.push_back({"Workbook", &meta.purpose});
  std::string marked;
  if (marks) {
    marked = std::to_string(marks->cells) + ": errors red, warnings yellow; " + std::to_string(marks->commented) +
             " commented" + (marks->commented < marks->cells ? " (comments are capped)" : "");
    facts.push_back({"Marked cells", &marked});
  }
  lxw_row_t row = 2;
  for (const auto& [label, value] : facts) {
    w.Text(ws, row, 0, label, f.label);
    if (value) w.Text(ws, row, 1, *value);
    else w.Date(ws, row, 1, meta.facts->reference_date);
    ++row;
  }
  ++row;
  w.Text(ws, row, 0, "List", f.header);
  w.Text(ws, row, 1, "Title", f.header);
  w.Text(ws, row, 2, "Rows", f.header);
  for (const ListSpec& list : spec.lists) {
    ++row;
    const auto it = by_number.find(list.number);
    w.Number(ws, row, 0, list.number);
    w.Text(ws, row, 1, list.title);
    w.Number(ws, row, 2, it == by_number.end() ? 0.0 : static_cast<double>(it->second->rows.size()));
  }
  return w.Check();
}

Status WriteRowAccounting(Writer& w, lxw_worksheet* ws, const std::vector<const ListSpec*>& order,
                          const std::map<int, const AnnexList*>& by_number) {
  // One summary row per list, then one row per exclusion reason; the
  // reasons' counts sit in their own column so that it sums to the
  // summary's Excluded without double counting.
  const std::vector<std::string> headers = {"List", "Title", "Base table", "Rows read", "Included",
                                            "Excluded", "Balanced", "Exclusion reason",
                                            "Rows excluded"};
  size_t rows = 0;
  for (const ListSpec* list : order) {
    const auto it = by_number.find(list->number);
    rows += 1 + (it == by_number.end() ? 0 : it->second->account.excluded.size());
  }
  w.Widths(ws, {8, 40, 24, 11, 11, 11, 10, 40, 14});
  w.Frame(ws, "Row accounting", headers, rows);
  lxw_row_t row = kFirstDataRow;
  for (const ListSpec* list : order) {
    const auto it = by_number.find(list->number);
    const RowAccount account = it == by_number.end() ? RowAccount{}
                                                              : it->second->account;
    const bool audit = list->number == spec::kAuditedCasesList;
    if (audit) w.Text(ws, row, 0, "Audit");
    else w.Number(ws, row, 0, list->number);
    w.Text(ws, row, 1, list->title);
    if (it != by_number.end()) w.Text(ws, row, 2, it->second->base_table);
    w.Number(ws, row, 3, static_cast<double>(account.read));
    w.Number(ws, row, 4, static_cast<double>(account.included));
    w.Number(ws, row, 5, static_cast<double>(account.ExcludedTotal()));
    w.Text(ws, row, 6, account.Balanced() ? "Yes" : "No");
    ++row;
    for (const auto& [reason, count] : account.excluded) {
      if (audit) w.Text(ws, row, 0, "Audit");
      else w.Number(ws, row, 0, list->number);
      w.Text(ws, row, 7, reason);
      w.Number(ws, row, 8, static_cast<double>(count));
      ++row;
    }
  }
  return w.Check();
}

Status WriteGapSheet(Writer& w, lxw_worksheet* ws, const GapTable& table) {
  w.Widths(ws, GapTableWidths(table));
  w.Frame(ws, table.title, table.headers, table.rows.size());
  lxw_row_t row = kFirstDataRow;
  size_t links = 0;
  for (const GapRow& r : table.rows) {
    WriteGapRow(w, ws, row++, r, &links);
    if (w.error() != LXW_NO_ERROR) break;
  }
  if (!table.trailer.empty()) ++row;
  for (const GapRow& r : table.trailer) WriteGapRow(w, ws, row++, r, &links);
  return w.Check();
}

}  // namespace annexa::render::detail
