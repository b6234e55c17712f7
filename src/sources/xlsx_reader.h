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
  struct StoredCell {
    uint32_t col;
    CellKind kind;
    union {
      double number;
      uint32_t text;  // index into Workbook strings
    };
  };
  struct RowSpan {
    int row;
    uint32_t first;  // index into cells_
    uint32_t count;
  };
  std::string name_;
  int max_row_ = 0;
  int max_col_ = 0;
  std::vector<RowSpan> rows_;       // ascending row
  std::vector<StoredCell> cells_;   // per row ascending col
  const std::vector<std::string>* strings_ = nullptr;
  // Texts found only in this sheet (inline strings, formula results, error
  // codes), end to end in one buffer; local text i ends at local_ends_[i].
  // StoredCell::text indexes *strings_ (the shared strings, fixed once the
  // workbook is open) and continues into these, so no pool grows after a
  // CellView into it has been handed out, and no cell owns an allocation.
  std::string local_text_;
  std::vector<uint32_t> local_ends_;
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

 private:
  struct Impl;
  explicit Workbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::sources
