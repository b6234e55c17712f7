// Writer's cell writes and formats: the libxlsxwriter calls behind every
// sheet of the workbook.
#include "render/xlsx_writer.h"

#include <algorithm>
#include <utility>

#include "core/text_limits.h"
#include "render/xlsx_text.h"

namespace annexa::render::detail {
namespace {


// Integers beyond 2^53 would silently change as doubles: keep them as text.
constexpr int64_t kMaxExactInteger = int64_t{1} << 53;
constexpr const char* kDateFormat = "dd/mm/yyyy";
constexpr lxw_color_t kGapFill = 0xFFC7CE;     // light red, as Excel's "Bad" cell style
constexpr const char* kPercentFormat = "0.0";
constexpr lxw_color_t kWarningFill = 0xFFEB9C;  // light yellow, as Excel's "Neutral" cell style
// A comment longer than this is cut (a cell's findings are capped before).
constexpr size_t kMaxCommentChars = 2000;
// A printed header holds at most 255 characters, escapes included.
constexpr size_t kMaxPrintHeaderChars = 200;

}  // namespace

// workbook_add_format returns no format when memory runs out, and the
// format_set_* calls would then write through a null pointer: each format is
// set only when made, and the failure recorded (the workbook is then not
// written: Check() fails).
lxw_format* Writer::NewFormat() {
  lxw_format* f = workbook_add_format(wb_);
  if (!f) Record(LXW_ERROR_MEMORY_MALLOC_FAILED);
  return f;
}

Writer::Writer(std::string path, lxw_workbook* wb, uint32_t header_fill) : path_(std::move(path)), wb_(wb) {
  if ((fmt_.title = NewFormat())) format_set_bold(fmt_.title);
  if ((fmt_.header = NewFormat())) {
    format_set_bold(fmt_.header);
    format_set_text_wrap(fmt_.header);
    format_set_align(fmt_.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(fmt_.header, header_fill);
  }
  if ((fmt_.label = NewFormat())) format_set_bold(fmt_.label);
  if ((fmt_.date = NewFormat())) format_set_num_format(fmt_.date, kDateFormat);
}

const GapFormats& Writer::gap_fmt() {
  if (!gap_fmt_.percent) {
    if ((gap_fmt_.percent = NewFormat())) format_set_num_format(gap_fmt_.percent, kPercentFormat);
    if ((gap_fmt_.highlight = NewFormat())) format_set_bg_color(gap_fmt_.highlight, kGapFill);
    if ((gap_fmt_.highlight_percent = NewFormat())) {
      format_set_bg_color(gap_fmt_.highlight_percent, kGapFill);
      format_set_num_format(gap_fmt_.highlight_percent, kPercentFormat);
    }
  }
  return gap_fmt_;
}

const MarkFormats& Writer::mark_fmt() {
  if (!mark_fmt_.error) {
    if ((mark_fmt_.error = NewFormat())) format_set_bg_color(mark_fmt_.error, kGapFill);
    if ((mark_fmt_.error_date = NewFormat())) {
      format_set_bg_color(mark_fmt_.error_date, kGapFill);
      format_set_num_format(mark_fmt_.error_date, kDateFormat);
    }
    if ((mark_fmt_.warning = NewFormat())) format_set_bg_color(mark_fmt_.warning, kWarningFill);
    if ((mark_fmt_.warning_date = NewFormat())) {
      format_set_bg_color(mark_fmt_.warning_date, kWarningFill);
      format_set_num_format(mark_fmt_.warning_date, kDateFormat);
    }
    if ((mark_fmt_.link = NewFormat())) {
      format_set_underline(mark_fmt_.link, LXW_UNDERLINE_SINGLE);
      format_set_font_color(mark_fmt_.link, LXW_COLOR_BLUE);
    }
  }
  return mark_fmt_;
}

Result<lxw_worksheet*> Writer::AddSheet(const std::string& name) {
  // Checked first so that a bad name is our message, not a warning that
  // libxlsxwriter prints on stderr.
  if (lxw_error e = workbook_validate_sheet_name(wb_, name.c_str()))
    return Failure("sheet name '" + name + "': " + lxw_strerror(e));
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) return Failure("cannot add a sheet named '" + name + "'");
  return ws;
}

void Writer::Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
  if (text.size() <= kMaxCellUnits &&
      std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    if (!text.empty()) Record(worksheet_write_string(ws, row, col, text.c_str(), format));
    return;
  }
  Text(ws, row, col, std::string_view(text), format);
}

void Writer::Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const char* text, lxw_format* format) {
  Text(ws, row, col, std::string_view(text), format);
}

void Writer::Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* format) {
  if (text.empty()) return;
  CleanText clean = Clean(text);
  Record(worksheet_write_string(ws, row, col, clean.text.c_str(), format));
  if (clean.truncated) {
    // Say so on the cell itself: whoever reads the return must not take a
    // cut text for the whole of it.
    const std::string note = "annexa: text truncated to Excel's limit of 32,767 characters "
                             "(the original had " + std::to_string(clean.original_units) + ").";
    lxw_comment_options options{};
    char author[] = "annexa";
    options.author = author;
    Record(worksheet_write_comment_opt(ws, row, col, note.c_str(), &options));
  }
}

void Writer::Number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
  Record(worksheet_write_number(ws, row, col, value, format));
}

void Writer::Date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CivilDate& date) {
  // Excel shows no date before 1900-01-01: keep such a date as text
  // rather than write a serial Excel would show as ######.
  if (!date.valid() || date.ToExcelSerial() < 1) return Text(ws, row, col, date.ToUk());
  Record(worksheet_write_number(ws, row, col, date.ToExcelSerial(), fmt_.date));
}

void Writer::Cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CellValue& v) {
  switch (v.kind) {
    case CellValue::Kind::kBlank: return;
    case CellValue::Kind::kText: return Text(ws, row, col, v.text);
    case CellValue::Kind::kDate: return Date(ws, row, col, v.date);
    case CellValue::Kind::kInteger:
      if (v.integer > kMaxExactInteger || v.integer < -kMaxExactInteger)
        return Text(ws, row, col, std::to_string(v.integer));
      return Number(ws, row, col, static_cast<double>(v.integer));
  }
}

void Writer::MarkedCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CellValue& v, Severity severity) {
  if (severity != Severity::kError && severity != Severity::kWarning) return Cell(ws, row, col, v);
  const MarkFormats& m = mark_fmt();
  const bool error = severity == Severity::kError;
  lxw_format* fill = error ? m.error : m.warning;
  switch (v.kind) {
    case CellValue::Kind::kBlank: return Record(worksheet_write_blank(ws, row, col, fill));
    case CellValue::Kind::kText: return Text(ws, row, col, v.text, fill);
    case CellValue::Kind::kDate:
      if (!v.date.valid() || v.date.ToExcelSerial() < 1) return Text(ws, row, col, v.date.ToUk(), fill);
      return Record(worksheet_write_number(ws, row, col, v.date.ToExcelSerial(), error ? m.error_date : m.warning_date));
    case CellValue::Kind::kInteger:
      if (v.integer > kMaxExactInteger || v.integer < -kMaxExactInteger)
        return Text(ws, row, col, std::to_string(v.integer), fill);
      return Number(ws, row, col, static_cast<double>(v.integer), fill);
  }
}

void Writer::Comment(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text) {
  CleanText clean = Clean(text);
  if (CharCount(clean.text) > kMaxCommentChars) {
    // Cut at a character boundary (Clean made it valid UTF-8).
    size_t chars = 0, at = 0;
    for (; at < clean.text.size(); ++at)
      if ((static_cast<unsigned char>(clean.text[at]) & 0xC0) != 0x80 && chars++ == kMaxCommentChars) break;
    clean.text = clean.text.substr(0, at) + "\u2026";
  }
  lxw_comment_options options{};
  char author[] = "annexa";
  options.author = author;
  Record(worksheet_write_comment_opt(ws, row, col, clean.text.c_str(), &options));
}

void Writer::Link(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& target,
                  const std::string& text) {
  const std::string url = "internal:" + target;
  const CleanText shown = Clean(text);
  Record(worksheet_write_url_opt(ws, row, col, url.c_str(), mark_fmt().link, shown.text.c_str(), nullptr));
}

void Writer::PrintSetup(lxw_worksheet* ws, bool one_page, bool repeat_header, const std::string& header) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, one_page ? 1 : 0);
  if (repeat_header) Record(worksheet_repeat_rows(ws, kTitleRow, kHeaderRow));
  if (!header.empty()) {
    // "&" starts a control code in a printed header: doubled, it is itself.
    std::string escaped = "&C";
    for (char c : SafeName(header, kMaxPrintHeaderChars).text) {
      escaped += c;
      if (c == '&') escaped += '&';
    }
    Record(worksheet_set_header(ws, escaped.c_str()));
  }
}

void Writer::Frame(lxw_worksheet* ws, const std::string& title, const std::vector<std::string>& headers,
                   size_t data_rows) {
  Text(ws, kTitleRow, 0, title, fmt_.title);
  for (size_t c = 0; c < headers.size(); ++c)
    Text(ws, kHeaderRow, static_cast<lxw_col_t>(c), headers[c], fmt_.header);
  worksheet_freeze_panes(ws, kFirstDataRow, 0);  // returns nothing: it only records the panes
  if (!headers.empty())
    Record(worksheet_autofilter(ws, kHeaderRow, 0,
                                static_cast<lxw_row_t>(kHeaderRow + data_rows),
                                static_cast<lxw_col_t>(headers.size() - 1)));
}

void Writer::Widths(lxw_worksheet* ws, const std::vector<double>& widths) {
  for (size_t c = 0; c < widths.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    Record(worksheet_set_column(ws, col, col, widths[c], nullptr));
  }
}

}  // namespace annexa::render::detail
