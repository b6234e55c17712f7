// Reads .xlsx workbooks (Office Open XML spreadsheets) into memory: councils'
// case-management exports and Annex A workbooks made elsewhere. Built on
// ZipArchive and XmlDocument; knows nothing of Annex A.
//
// Supported: sheets by name or index; shared strings (rich text runs joined,
// phonetic runs skipped), inline strings, formula cached values, numbers,
// booleans, errors (#N/A), and date cells told apart from numbers by their
// style's number format (built-in date formats and custom formats with date
// parts). Excel serial dates use the 1900 system with its leap-year bug;
// workbooks in the 1904 system are converted to 1900 serials on read.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "sources/zip_archive.h"

namespace annexa::sources {

enum class CellKind : uint8_t { kEmpty, kString, kNumber, kBool, kDate, kError };

// A read-only view of one cell; `text` points into the Workbook's storage.
struct CellView {
  CellKind kind = CellKind::kEmpty;
  double number = 0;       // kNumber; kBool (0 or 1); kDate (1900 serial, may carry a time fraction)
  std::string_view text;   // kString; kError ("#N/A")

  bool empty() const { return kind == CellKind::kEmpty; }
  // The calendar date of a kDate cell (or of a kNumber read as a serial);
  // nullopt for other kinds or serials that are not dates.
  std::optional<CivilDate> AsDate() const;
  // How the value reads as text: strings as stored; whole numbers without a
  // decimal point ("3"), others in shortest round-trip form ("2.5"); dates
  // as YYYY-MM-DD (plus " HH:MM:SS" when a time part is present); booleans
  // "TRUE"/"FALSE"; errors as stored; empty as "".
  std::string ToText() const;
};

namespace detail {
// A cell as stored: 16 bytes, its text (if any) an index into CellTexts.
struct StoredCell {
  uint32_t col;
  CellKind kind;
  union {
    double number;
    uint32_t text;  // index into CellTexts
  };
};

// Where stored cells' texts live: the shared strings (fixed once the
// workbook is open), then texts found only in this sheet or row (inline
// strings, formula results, error codes) end to end in one buffer; local
// text i ends at local_ends[i]. No pool grows after a CellView into it has
// been handed out, and no cell owns an allocation.
struct CellTexts {
  const std::vector<std::string>* shared = nullptr;
  std::string local_text;
  std::vector<uint32_t> local_ends;

  void Clear() {
    local_text.clear();
    local_ends.clear();
  }
};

// The cell at `col` among the `count` cells from `first` (ascending column).
CellView CellAt(const StoredCell* first, uint32_t count, int col, const CellTexts& texts);
}  // namespace detail

class Sheet {
 public:
  const std::string& name() const { return name_; }
  int max_row() const { return max_row_; }  // highest row holding a cell, 0 if none
  int max_col() const { return max_col_; }  // highest column holding a cell, 0 if none
  // 1-based row and column; an empty CellView when there is no cell there
  // (a cell holding no value, or an empty string, counts as no cell).
  CellView At(int row, int col) const;

 private:
  friend class Workbook;
  friend struct SheetBuilder;
  struct RowSpan {
    int row;
    uint32_t first;  // index into cells_
    uint32_t count;
  };
  std::string name_;
  int max_row_ = 0;
  int max_col_ = 0;
  std::vector<RowSpan> rows_;               // ascending row
  std::vector<detail::StoredCell> cells_;   // per row ascending col
  detail::CellTexts texts_;
};

// One row of a sheet read a row at a time (Workbook::StreamSheet); valid
// only during the call that hands it out.
class SheetRow {
 public:
  int number() const { return number_; }
  // The highest column holding a cell (a row handed out holds at least one).
  int max_col() const { return count_ ? static_cast<int>(first_[count_ - 1].col) : 0; }
  // As Sheet::At(number(), col) would read it had the whole sheet been kept.
  CellView At(int col) const { return detail::CellAt(first_, count_, col, *texts_); }

 private:
  friend struct SheetBuilder;
  int number_ = 0;
  const detail::StoredCell* first_ = nullptr;
  uint32_t count_ = 0;
  const detail::CellTexts* texts_ = nullptr;
};

struct XlsxOptions {
  ZipLimits zip;
  uint64_t max_cells_per_sheet = 50'000'000;
  // Sheets and shared strings are parsed this many bytes of XML at a time
  // (see XmlDocument::ParseInSlices); tests make it tiny to cross slices.
  size_t xml_slice_bytes = 256 * 1024;
};

class Workbook {
 public:
  // kNotFound; kParseError "<file>: not an xlsx workbook (...)"; kLimitExceeded.
  static Result<Workbook> Open(const std::string& path, XlsxOptions options = {});
  static Result<Workbook> FromBuffer(std::string bytes, std::string display_name,
                                     XlsxOptions options = {});

  Workbook(Workbook&&) noexcept;
  Workbook& operator=(Workbook&&) noexcept;
  ~Workbook();

  const std::string& name() const;
  // Sheet names in workbook order (tab order).
  const std::vector<std::string>& SheetNames() const;
  // Loads the sheet on first use. kNotFound "<file>: no sheet named 'X'
  // (sheets: A, B)", kParseError with the part name and byte offset.
  Result<const Sheet*> SheetByName(std::string_view name);
  Result<const Sheet*> SheetByIndex(int index);  // 0-based

  // Reads sheet `index` (0-based) a row at a time without keeping it: `row`
  // gets each row holding a cell, in the order the part writes them (a
  // sheet written out of order comes out of order; SheetByIndex would sort
  // it). When the part cannot be read a slice at a time it is parsed whole
  // and read again from the top: `restart` is called first, and whatever
  // was made of the rows before must be discarded. An error from `row`
  // stops the read and is returned; otherwise the errors of SheetByIndex.
  // `slice_bytes` overrides XlsxOptions::xml_slice_bytes: a reader that
  // wants only the first rows stops sooner with small slices.
  using RowVisitor = std::function<Status(const SheetRow& row)>;
  Status StreamSheet(int index, const RowVisitor& row, const std::function<void()>& restart,
                     size_t slice_bytes = 0);

  // A second handle on the same workbook, to stream sheets on another
  // thread (one handle must not be used by two threads at once). The
  // shared strings and styles read at open are shared, not read again;
  // the zip caps count both handles' reads (ZipArchive::OpenAgain).
  Result<Workbook> OpenAgain() const;
  // The size of sheet `index`'s XML as its zip entry declares it (0 when
  // unknown): a hint for sharing work out, never trusted.
  uint64_t SheetSizeHint(int index) const;

 private:
  struct Impl;
  explicit Workbook(std::unique_ptr<Impl> impl);
  Status CheckIndex(int index) const;  // kNotFound past the sheets
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::sources
