// The adapter for libxlsxwriter: the open workbook, its cell formats, and
// Writer, through which every sheet writes its cells (text made valid for
// xlsx, dates and integers as numbers, the first error recorded). Internal
// to the Annex A workbook writer (annex_workbook.h).
#pragma once

#include <xlsxwriter.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/status.h"
#include "lists/annex_list.h"

namespace annexa::render::detail {

constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kHeaderRow = 1;
constexpr lxw_row_t kFirstDataRow = 2;

// Owns an open lxw_workbook: Close() writes it; destroying it unclosed frees
// it without writing anything (the failure paths).
class XlsxBook {
 public:
  explicit XlsxBook(lxw_workbook* wb) : wb_(wb) {}
  ~XlsxBook() {
    if (wb_) lxw_workbook_free(wb_);
  }
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  lxw_workbook* get() const { return wb_; }
  // workbook_close frees the workbook whatever it returns.
  lxw_error Close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    return workbook_close(wb);
  }

 private:
  lxw_workbook* wb_;
};

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* label;
  lxw_format* date;
};

// The data-gap sheets' formats.
struct GapFormats {
  lxw_format* percent;
  lxw_format* highlight;
  lxw_format* highlight_percent;
};

// The QA workbook's marks on list cells and its links: an error cell
// filled light red, a warning cell light yellow (a date keeps its date
// format), a link underlined in blue.
struct MarkFormats {
  lxw_format* error;
  lxw_format* error_date;
  lxw_format* warning;
  lxw_format* warning_date;
  lxw_format* link;
};

// The path (for messages), the workbook and the first libxlsxwriter error
// met: cell writes record it instead of each call site checking.
class Writer {
 public:
  Writer(std::string path, lxw_workbook* wb, uint32_t header_fill);

  const Formats& fmt() const { return fmt_; }
  // Made on first use, so that a workbook without data-gap sheets keeps
  // exactly the styles it always had.
  const GapFormats& gap_fmt();
  // Made on first use, as gap_fmt(): the upload workbook never makes them.
  const MarkFormats& mark_fmt();
  lxw_error error() const { return error_; }
  lxw_workbook* book() const { return wb_; }  // for charts
  Status Failure(const std::string& what) const {
    return IoError(path_ + ": cannot write the workbook: " + what);
  }
  Status Failure(lxw_error e) const { return Failure(lxw_strerror(e)); }
  Status Check() const { return error_ == LXW_NO_ERROR ? Status::Ok() : Failure(error_); }

  Result<lxw_worksheet*> AddSheet(const std::string& name);

  void Record(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }

  // A cell's own text: most are short ASCII, written as they are without a
  // copy (std::string keeps the terminating NUL libxlsxwriter needs).
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
            lxw_format* format = nullptr);
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const char* text, lxw_format* format = nullptr);
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text,
            lxw_format* format = nullptr);
  void Number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double value,
              lxw_format* format = nullptr);
  void Date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CivilDate& date);
  void Cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CellValue& v);
  // The same value, filled for an error or a warning (any other severity:
  // as Cell); a blank cell is written as a filled blank.
  void MarkedCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CellValue& v, Severity severity);
  // A note on the cell (author "annexa"); `text` is cleaned and capped.
  void Comment(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text);
  // A link to `target`, a place in this workbook ("'List_1'!G5"), showing
  // `text`. Excel holds at most LXW_MAX_NUMBER_URLS links in a sheet: the
  // caller keeps under it.
  void Link(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& target, const std::string& text);

  // Print setup: A4 landscape, fitted to one page wide (and, with
  // `one_page`, one page high: the Cover); `repeat_header` repeats the
  // title and header rows (rows 1 and 2) on every printed page; `header`,
  // when not empty, is printed at the top of every page.
  void PrintSetup(lxw_worksheet* ws, bool one_page, bool repeat_header, const std::string& header = "");

  // Title in row 1, bold headers in row 2, panes frozen below them and an
  // autofilter over headers and `data_rows` rows.
  void Frame(lxw_worksheet* ws, const std::string& title, const std::vector<std::string>& headers,
             size_t data_rows);

  void Widths(lxw_worksheet* ws, const std::vector<double>& widths);

 private:
  lxw_format* NewFormat();

  std::string path_;
  lxw_workbook* wb_;
  Formats fmt_{};
  GapFormats gap_fmt_{};
  MarkFormats mark_fmt_{};
  lxw_error error_ = LXW_NO_ERROR;
};

}  // namespace annexa::render::detail
