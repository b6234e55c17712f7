#include "render/annex_workbook.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>

#include "render/audit_rows.h"
#include "render/data_gap_rows.h"

namespace annexa::render {
namespace {

using mapping::AnnexList;
using mapping::CellValue;
using spec::ListSpec;

constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kHeaderRow = 1;
constexpr lxw_row_t kFirstDataRow = 2;
constexpr int64_t kExcelMaxRows = 1048576;
constexpr int64_t kMaxDataRows = kExcelMaxRows - kFirstDataRow;
// Excel's limit is 32,767 characters counted in UTF-16 code units, which is
// stricter than libxlsxwriter's own check (code points), so both are met.
constexpr size_t kMaxCellUnits = 32767;
// Integers beyond 2^53 would silently change as doubles: keep them as text.
constexpr int64_t kMaxExactInteger = int64_t{1} << 53;
constexpr size_t kWidthSampleRows = 1000;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;
constexpr const char* kDateFormat = "dd/mm/yyyy";
constexpr lxw_color_t kGapFill = 0xFFC7CE;     // light red, as Excel's "Bad" cell style
constexpr const char* kPercentFormat = "0.0";

std::string Errno() { return std::strerror(errno); }

// --- Text -----------------------------------------------------------------

struct CleanText {
  std::string text;
  bool truncated = false;
  size_t original_units = 0;  // UTF-16 units of the (repaired) original
};

// Length of the valid UTF-8 sequence at s[i] holding an XML-legal character,
// or 0 when the bytes there are not one (bad lead or continuation bytes,
// overlong forms, surrogates, > U+10FFFF, U+FFFE/U+FFFF).
size_t ValidSequence(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  size_t len;
  if (lead < 0x80) { cp = lead; return 1; }
  if (lead >= 0xC2 && lead <= 0xDF) { len = 2; cp = lead & 0x1Fu; }
  else if (lead >= 0xE0 && lead <= 0xEF) { len = 3; cp = lead & 0x0Fu; }
  else if (lead >= 0xF0 && lead <= 0xF4) { len = 4; cp = lead & 0x07u; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

// libxlsxwriter writes bytes as given, and a file with invalid UTF-8 is one
// Excel refuses to open: bad bytes become U+FFFD instead of failing the run.
// Text over Excel's cell limit is cut at a character boundary.
CleanText Clean(std::string_view in) {
  CleanText out;
  out.text.reserve(std::min(in.size(), kMaxCellUnits * 3));
  size_t units = 0;
  for (size_t i = 0; i < in.size();) {
    uint32_t cp = 0;
    size_t len = ValidSequence(in, i, cp);
    std::string_view piece = in.substr(i, len);
    if (len == 0) {
      piece = "\xEF\xBF\xBD";
      cp = 0xFFFD;
      len = 1;  // one replacement per bad byte
    }
    i += len;
    const size_t piece_units = cp >= 0x10000 ? 2 : 1;
    units += piece_units;
    if (units > kMaxCellUnits) out.truncated = true;
    if (!out.truncated) out.text.append(piece);
  }
  out.original_units = units;
  return out;
}

// Display width of text in characters (code points): the column-width estimate.
size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// --- Workbook resources -----------------------------------------------------

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

// The temporary file beside the target, removed unless Commit() renamed it.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!committed_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void Commit() { committed_ = true; }

 private:
  std::string path_;
  bool committed_ = false;
};

// --- Writing ------------------------------------------------------------------

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

// The path (for messages), the workbook and the first libxlsxwriter error
// met: cell writes record it instead of each call site checking.
class Writer {
 public:
  Writer(std::string path, lxw_workbook* wb, uint32_t header_fill) : path_(std::move(path)), wb_(wb) {
    fmt_.title = workbook_add_format(wb);
    format_set_bold(fmt_.title);
    fmt_.header = workbook_add_format(wb);
    format_set_bold(fmt_.header);
    format_set_text_wrap(fmt_.header);
    format_set_align(fmt_.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(fmt_.header, header_fill);
    fmt_.label = workbook_add_format(wb);
    format_set_bold(fmt_.label);
    fmt_.date = workbook_add_format(wb);
    format_set_num_format(fmt_.date, kDateFormat);
  }

  const Formats& fmt() const { return fmt_; }
  // Made on first use, so that a workbook without data-gap sheets keeps
  // exactly the styles it always had.
  const GapFormats& gap_fmt() {
    if (!gap_fmt_.percent) {
      gap_fmt_.percent = workbook_add_format(wb_);
      format_set_num_format(gap_fmt_.percent, kPercentFormat);
      gap_fmt_.highlight = workbook_add_format(wb_);
      format_set_bg_color(gap_fmt_.highlight, kGapFill);
      gap_fmt_.highlight_percent = workbook_add_format(wb_);
      format_set_bg_color(gap_fmt_.highlight_percent, kGapFill);
      format_set_num_format(gap_fmt_.highlight_percent, kPercentFormat);
    }
    return gap_fmt_;
  }
  lxw_error error() const { return error_; }
  Status Failure(const std::string& what) const {
    return IoError(path_ + ": cannot write the workbook: " + what);
  }
  Status Failure(lxw_error e) const { return Failure(lxw_strerror(e)); }
  Status Check() const { return error_ == LXW_NO_ERROR ? Status::Ok() : Failure(error_); }

  Result<lxw_worksheet*> AddSheet(const std::string& name) {
    // Checked first so that a bad name is our message, not a warning that
    // libxlsxwriter prints on stderr.
    if (lxw_error e = workbook_validate_sheet_name(wb_, name.c_str()))
      return Failure("sheet name '" + name + "': " + lxw_strerror(e));
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) return Failure("cannot add a sheet named '" + name + "'");
    return ws;
  }

  void Record(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }

  // A cell's own text: most are short ASCII, written as they are without a
  // copy (std::string keeps the terminating NUL libxlsxwriter needs).
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
            lxw_format* format = nullptr) {
    if (text.size() <= kMaxCellUnits &&
        std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      if (!text.empty()) Record(worksheet_write_string(ws, row, col, text.c_str(), format));
      return;
    }
    Text(ws, row, col, std::string_view(text), format);
  }
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const char* text, lxw_format* format = nullptr) {
    Text(ws, row, col, std::string_view(text), format);
  }
  void Text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text,
            lxw_format* format = nullptr) {
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
  void Number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double value,
              lxw_format* format = nullptr) {
    Record(worksheet_write_number(ws, row, col, value, format));
  }
  void Date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CivilDate& date) {
    // Excel shows no date before 1900-01-01: keep such a date as text
    // rather than write a serial Excel would show as ######.
    if (!date.valid() || date.ToExcelSerial() < 1) return Text(ws, row, col, date.ToUk());
    Record(worksheet_write_number(ws, row, col, date.ToExcelSerial(), fmt_.date));
  }
  void Cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const CellValue& v) {
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

  // Title in row 1, bold headers in row 2, panes frozen below them and an
  // autofilter over headers and `data_rows` rows.
  void Frame(lxw_worksheet* ws, const std::string& title, const std::vector<std::string>& headers,
             size_t data_rows) {
    Text(ws, kTitleRow, 0, title, fmt_.title);
    for (size_t c = 0; c < headers.size(); ++c)
      Text(ws, kHeaderRow, static_cast<lxw_col_t>(c), headers[c], fmt_.header);
    worksheet_freeze_panes(ws, kFirstDataRow, 0);
    if (!headers.empty())
      Record(worksheet_autofilter(ws, kHeaderRow, 0,
                                  static_cast<lxw_row_t>(kHeaderRow + data_rows),
                                  static_cast<lxw_col_t>(headers.size() - 1)));
  }

  void Widths(lxw_worksheet* ws, const std::vector<double>& widths) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      Record(worksheet_set_column(ws, col, col, widths[c], nullptr));
    }
  }

 private:
  std::string path_;
  lxw_workbook* wb_;
  Formats fmt_{};
  GapFormats gap_fmt_{};
  lxw_error error_ = LXW_NO_ERROR;
};

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

Status WriteListSheet(Writer& w, lxw_worksheet* ws, const ListSpec& list, const AnnexList* data) {
  std::vector<std::string> headers;
  for (const spec::ColumnSpec& col : list.columns) headers.push_back(col.header);
  const size_t rows = data ? data->rows.size() : 0;
  w.Widths(ws, FitWidths(list, data));
  w.Frame(ws, list.title, headers, rows);
  for (size_t r = 0; r < rows; ++r) {
    const auto& cells = data->rows[r].cells;
    if (cells.size() != list.columns.size())
      return Internal(list.title + ": row " + std::to_string(r + 1) + " has " +
                      std::to_string(cells.size()) + " cells for " +
                      std::to_string(list.columns.size()) + " columns");
    const auto row = static_cast<lxw_row_t>(kFirstDataRow + r);
    for (size_t c = 0; c < cells.size(); ++c) w.Cell(ws, row, static_cast<lxw_col_t>(c), cells[c]);
    if (w.error() != LXW_NO_ERROR) break;
  }
  return w.Check();
}

Status WriteCover(Writer& w, lxw_worksheet* ws, const spec::SpecVersion& spec,
                  const std::map<int, const AnnexList*>& by_number, const WorkbookMeta& meta) {
  const Formats& f = w.fmt();
  w.Widths(ws, {18, 60, 10});
  w.Text(ws, 0, 0, "Annex A", f.title);
  if (!meta.notice.empty()) w.Text(ws, 1, 0, meta.notice, f.title);  // the row above the facts is free
  const std::string version = spec.title.empty() ? spec.id : spec.id + ": " + spec.title;
  const std::pair<const char*, const std::string*> facts[] = {
      {"Council", &meta.council}, {"LA code", &meta.la_code}, {"Reference date", nullptr},
      {"Spec version", &version}, {"Generated at", &meta.generated_at},
      {"Tool version", &meta.tool_version}};
  lxw_row_t row = 2;
  for (const auto& [label, value] : facts) {
    w.Text(ws, row, 0, label, f.label);
    if (value) w.Text(ws, row, 1, *value);
    else w.Date(ws, row, 1, meta.reference_date);
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

// `order`: the lists in sheet order (Lists 1-11, then the audited-case list
// when there is one).
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
    const mapping::RowAccount account = it == by_number.end() ? mapping::RowAccount{}
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

void WriteGapRow(Writer& w, lxw_worksheet* ws, lxw_row_t row, const GapRow& data) {
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
    }
  }
}

// A data-gap sheet laid out as the others: title, bold headers, frozen
// panes, an autofilter over the data rows, then (after an empty row) the
// totals and notes, outside the filter so that sorting leaves them last.
Status WriteGapSheet(Writer& w, lxw_worksheet* ws, const GapTable& table) {
  w.Widths(ws, GapTableWidths(table));
  w.Frame(ws, table.title, table.headers, table.rows.size());
  lxw_row_t row = kFirstDataRow;
  for (const GapRow& r : table.rows) {
    WriteGapRow(w, ws, row++, r);
    if (w.error() != LXW_NO_ERROR) break;
  }
  if (!table.trailer.empty()) ++row;
  for (const GapRow& r : table.trailer) WriteGapRow(w, ws, row++, r);
  return w.Check();
}

// "YYYY-MM-DDTHH:MM:SS" (optionally "Z") as seconds since the epoch in UTC;
// computed from the civil date rather than timegm so no time zone applies.
std::optional<time_t> ParseGeneratedAt(std::string_view s) {
  if (!s.empty() && s.back() == 'Z') s.remove_suffix(1);
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':')
    return std::nullopt;
  const auto num = [&](size_t pos, size_t len, int& out) {
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc() && p == s.data() + pos + len;
  };
  int y, mo, d, h, mi, sec;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, sec) || h > 23 || mi > 59 || sec > 59)
    return std::nullopt;
  const std::optional<CivilDate> date = CivilDate::FromYmd(y, mo, d);
  if (!date) return std::nullopt;
  return static_cast<time_t>(date->ToDays() * 86400 + h * 3600 + mi * 60 + sec);
}

Status FsyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno());
  const int rc = ::fsync(fd);
  const std::string err = rc != 0 ? Errno() : "";
  ::close(fd);
  return rc == 0 ? Status::Ok() : IoError(err);
}

// --- The workbook in phases --------------------------------------------------

// A list longer than a sheet is refused rather than cut.
Status CheckFits(const std::string& path, const std::string& title, const AnnexList& list) {
  if (static_cast<int64_t>(list.rows.size()) <= kMaxDataRows) return Status::Ok();
  return LimitExceeded(path + ": " + title + " has " + std::to_string(list.rows.size()) +
                       " rows; an Excel sheet holds at most " + std::to_string(kMaxDataRows) +
                       " below its title and header rows");
}

// Everything about the lists that can be refused, checked before a file is
// created: each list of `spec` at most once, none longer than a sheet.
Status CheckLists(const std::string& path, const spec::SpecVersion& spec, const std::vector<AnnexList>& lists,
                  const AnnexList* audit, std::map<int, const AnnexList*>* by_number) {
  for (const AnnexList& list : lists) {
    if (!list.spec) return InvalidArgument(path + ": an Annex A list without its spec");
    const ListSpec* known = spec.FindList(list.spec->number);
    if (!known)
      return InvalidArgument(path + ": " + list.spec->title + " is not a list of " + spec.id);
    if (!by_number->emplace(known->number, &list).second)
      return InvalidArgument(path + ": " + known->title + " given twice");
    ANNEXA_RETURN_IF_ERROR(CheckFits(path, known->title, list));
  }
  if (audit && (!audit->spec || audit->spec->number != spec::kAuditedCasesList))
    return InvalidArgument(path + ": the audited-case list has no audited-case spec");
  if (audit && static_cast<int64_t>(audit->rows.size()) > kMaxDataRows)
    return LimitExceeded(path + ": the audited-case list has more rows than an Excel sheet holds");
  return Status::Ok();
}

GapSheets SheetsFor(const DataGaps& gaps) {
  return {gaps.findings != nullptr, gaps.completeness != nullptr, gaps.audit && gaps.coverage};
}

}  // namespace

struct AnnexWorkbook::Impl {
  std::string path;
  const spec::SpecVersion* spec = nullptr;
  WorkbookMeta meta;
  bool has_audit = false;
  GapSheets gap_sheets;
  std::string doc_title, doc_subject, dir;
  std::optional<TempFile> tmp;
  std::optional<XlsxBook> book;
  std::optional<Writer> writer;
  // Every sheet, added in the workbook's order when it is begun.
  lxw_worksheet* cover = nullptr;
  std::vector<lxw_worksheet*> list_sheets;  // spec.lists order, then Audited_cases
  std::vector<bool> written;                // per list sheet
  lxw_worksheet* accounting = nullptr;
  std::map<std::string, lxw_worksheet*> gap;  // by sheet name
};

Result<std::unique_ptr<AnnexWorkbook>> AnnexWorkbook::Begin(const std::string& path, const spec::SpecVersion& spec,
                                                            const WorkbookMeta& meta, bool has_audit,
                                                            GapSheets gap_sheets) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->spec = &spec;
  impl->meta = meta;
  impl->has_audit = has_audit;
  impl->gap_sheets = gap_sheets;
  if (has_audit && !spec.audit)
    return InvalidArgument(path + ": " + spec.id + " has no audited-case list");
  if (gap_sheets.coverage && !has_audit)
    return InvalidArgument(path + ": audit coverage sheets without the audited-case list");
  const std::optional<time_t> created = ParseGeneratedAt(meta.generated_at);
  // libxlsxwriter reads the clock when `created` is 0: never let it.
  if (!created || *created == 0)
    return InvalidArgument(path + ": generated_at '" + meta.generated_at +
                           "' is not a time YYYY-MM-DDTHH:MM:SS after 1970-01-01T00:00:00");

  std::string tmp_name = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmp_name.data());
  if (fd < 0)
    return IoError(path + ": cannot write the workbook: cannot create a temporary file beside it: " +
                   Errno());
  ::close(fd);  // libxlsxwriter opens the name itself
  impl->tmp.emplace(tmp_name);

  // constant_memory streams each sheet's rows to a temporary file as they
  // are written (we write each sheet strictly row by row; sheets are
  // independent, so one may be filled before an earlier one), instead of
  // holding ~2 million cells in memory; it writes inline strings, not a
  // shared-string table. Its temporary files go beside the output, where
  // space was just proven.
  impl->dir = std::filesystem::path(path).parent_path().string();
  if (impl->dir.empty()) impl->dir = ".";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = impl->dir.data();
  impl->book.emplace(workbook_new_opt(tmp_name.c_str(), &options));
  if (!impl->book->get()) return IoError(path + ": cannot write the workbook: out of memory");

  impl->doc_title = Clean("Annex A: " + meta.council).text;
  impl->doc_subject = Clean(spec.title).text;
  lxw_doc_properties props{};
  props.title = const_cast<char*>(impl->doc_title.c_str());  // copied by libxlsxwriter
  props.subject = const_cast<char*>(impl->doc_subject.c_str());
  props.created = *created;
  Writer& w = impl->writer.emplace(path, impl->book->get(), meta.header_fill);
  if (lxw_error e = workbook_set_properties(impl->book->get(), &props)) return w.Failure(e);
  // Styles are numbered in order of first use, and the Cover, written
  // first in the past, used these first: numbering them now keeps the
  // workbook byte-identical whatever order the sheets are filled in.
  for (lxw_format* f : {w.fmt().title, w.fmt().label, w.fmt().date, w.fmt().header}) lxw_format_get_xf_index(f);

  // The sheets, in the workbook's order.
  Result<lxw_worksheet*> sheet = w.AddSheet("Cover");
  if (!sheet.ok()) return sheet.status();
  impl->cover = *sheet;
  std::vector<const ListSpec*> list_specs;
  for (const ListSpec& list : spec.lists) list_specs.push_back(&list);
  if (has_audit) list_specs.push_back(spec.audit.get());
  for (const ListSpec* list : list_specs) {
    if (!(sheet = w.AddSheet(list->sheet)).ok()) return sheet.status();
    impl->list_sheets.push_back(*sheet);
  }
  impl->written.assign(impl->list_sheets.size(), false);
  if (!(sheet = w.AddSheet("Row_accounting")).ok()) return sheet.status();
  impl->accounting = *sheet;
  std::vector<std::string> gap_names;
  if (gap_sheets.findings) gap_names.insert(gap_names.end(), {kDataGapsSheet, kChildGapsSheet});
  if (gap_sheets.completeness) gap_names.push_back(kCompletenessSheet);
  if (gap_sheets.coverage) gap_names.insert(gap_names.end(), {kAuditCoverageSheet, kAuditCohortsSheet});
  for (const std::string& name : gap_names) {
    if (!(sheet = w.AddSheet(name)).ok()) return sheet.status();
    impl->gap[name] = *sheet;
  }
  return std::unique_ptr<AnnexWorkbook>(new AnnexWorkbook(std::move(impl)));
}

AnnexWorkbook::AnnexWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AnnexWorkbook::~AnnexWorkbook() = default;

size_t AnnexWorkbook::ListSheets() const { return impl_->list_sheets.size(); }

Status AnnexWorkbook::WriteList(size_t index, const mapping::AnnexList* data) {
  Impl& m = *impl_;
  if (index >= m.list_sheets.size()) return Internal(m.path + ": no list sheet " + std::to_string(index));
  if (m.written[index]) return Internal(m.path + ": list sheet " + std::to_string(index) + " written twice");
  const ListSpec& list = index < m.spec->lists.size() ? m.spec->lists[index] : *m.spec->audit;
  if (data && (!data->spec || data->spec->number != list.number))
    return InvalidArgument(m.path + ": " + (data->spec ? data->spec->title : "a list without its spec") +
                           " given for the sheet of " + list.title);
  if (data) ANNEXA_RETURN_IF_ERROR(CheckFits(m.path, list.title, *data));
  m.written[index] = true;
  return WriteListSheet(*m.writer, m.list_sheets[index], list, data);
}

Status AnnexWorkbook::Finish(const std::vector<mapping::AnnexList>& lists, const DataGaps& gaps) {
  Impl& m = *impl_;
  std::map<int, const AnnexList*> by_number;
  ANNEXA_RETURN_IF_ERROR(CheckLists(m.path, *m.spec, lists, gaps.audit, &by_number));
  if ((gaps.audit != nullptr) != m.has_audit || (gaps.findings != nullptr) != m.gap_sheets.findings ||
      (gaps.completeness != nullptr) != m.gap_sheets.completeness ||
      (gaps.audit && gaps.coverage) != m.gap_sheets.coverage)
    return Internal(m.path + ": the sheets differ from those the workbook was begun with");
  for (size_t i = 0; i < m.spec->lists.size(); ++i) {
    if (m.written[i]) continue;
    const auto it = by_number.find(m.spec->lists[i].number);
    ANNEXA_RETURN_IF_ERROR(WriteList(i, it == by_number.end() ? nullptr : it->second));
  }
  if (m.has_audit && !m.written.back()) ANNEXA_RETURN_IF_ERROR(WriteList(m.written.size() - 1, gaps.audit));
  Writer& w = *m.writer;
  ANNEXA_RETURN_IF_ERROR(WriteCover(w, m.cover, *m.spec, by_number, m.meta));
  std::vector<const ListSpec*> order;
  for (const ListSpec& list : m.spec->lists) order.push_back(&list);
  if (gaps.audit) {
    order.push_back(gaps.audit->spec);
    by_number[spec::kAuditedCasesList] = gaps.audit;
  }
  ANNEXA_RETURN_IF_ERROR(WriteRowAccounting(w, m.accounting, order, by_number));
  auto gap = [&](const GapTable& table) { return WriteGapSheet(w, m.gap.at(table.sheet), table); };
  if (gaps.findings) {
    ANNEXA_RETURN_IF_ERROR(gap(DataGapsTable(*m.spec, *gaps.findings)));
    ANNEXA_RETURN_IF_ERROR(gap(ChildGapsTable(lists, *gaps.findings)));
  }
  if (gaps.completeness) ANNEXA_RETURN_IF_ERROR(gap(CompletenessTable(*gaps.completeness)));
  if (gaps.audit && gaps.coverage) {
    ANNEXA_RETURN_IF_ERROR(gap(AuditCoverageTable(*gaps.coverage)));
    ANNEXA_RETURN_IF_ERROR(gap(AuditCohortsTable(*gaps.coverage, *gaps.audit)));
  }

  errno = 0;
  if (lxw_error e = m.book->Close()) {
    // The zip error alone does not say why; a full disk or a file-size limit
    // is what the user must hear.
    const int why = errno;
    if (why == ENOSPC || why == EFBIG || why == EDQUOT || why == EIO || why == EROFS)
      return w.Failure(std::string(std::strerror(why)) + " (" + lxw_strerror(e) + ")");
    return w.Failure(e);
  }
  const std::string& tmp_name = m.tmp->path();
  if (Status s = FsyncFile(tmp_name); !s.ok()) return w.Failure("fsync failed: " + s.message());
  if (::rename(tmp_name.c_str(), m.path.c_str()) != 0)
    return w.Failure("cannot rename into place: " + Errno());
  m.tmp->Commit();
  return Status::Ok();
}

Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<mapping::AnnexList>& lists, const WorkbookMeta& meta) {
  return WriteAnnexWorkbook(path, spec, lists, meta, DataGaps{});
}

Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<mapping::AnnexList>& lists, const WorkbookMeta& meta,
                          const DataGaps& gaps) {
  // Everything that can be refused is checked before a file is created.
  std::map<int, const AnnexList*> by_number;
  ANNEXA_RETURN_IF_ERROR(CheckLists(path, spec, lists, gaps.audit, &by_number));
  Result<std::unique_ptr<AnnexWorkbook>> book =
      AnnexWorkbook::Begin(path, spec, meta, gaps.audit != nullptr, SheetsFor(gaps));
  if (!book.ok()) return book.status();
  return (*book)->Finish(lists, gaps);
}

}  // namespace annexa::render
