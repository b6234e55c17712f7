// The xlsx kind: one sheet of a workbook (xlsx_reader.h) as a Table, from a
// file or a URL. Headers come from `header_row`; dates arrive as ISO text
// whatever the cell format; wholly blank rows are skipped.
#include <algorithm>

#include "core/header_row.h"
#include "core/text.h"
#include "sources/source_readers.h"
#include "sources/xlsx_reader.h"

namespace annexa::sources {

namespace {

struct SheetOptions {
  std::string sheet;   // empty: the first sheet
  int header_row = 1;  // the row holding the headers (rows above are skipped)
};

std::any Configure(const FileReader& r, const YamlValue* node, const std::string& what) {
  SheetOptions o;
  if (!node) return o;
  if (auto h = ReadHeaderRow(r, *node)) o.header_row = *h;
  o.sheet = r.Str(*node, "sheet", what, false).value_or("");
  return o;
}

// One sheet as a Table. `bytes` by value: the workbook keeps them without
// a copy.
Result<Table> XlsxSheetToTable(std::string bytes, const std::string& origin, const std::string& sheet_name,
                               int header_row) {
  Result<Workbook> wb = Workbook::FromBuffer(std::move(bytes), origin);
  if (!wb.ok()) return wb.status();
  Result<const Sheet*> sheet = sheet_name.empty() ? wb->SheetByIndex(0) : wb->SheetByName(sheet_name);
  if (!sheet.ok()) return sheet.status();
  const Sheet& s = **sheet;
  Table t;
  t.origin = origin + (sheet_name.empty() ? "" : "#" + sheet_name);
  const int cols = s.max_col();
  if (s.max_row() < header_row) return ParseError(t.origin + ": no header row (row " + std::to_string(header_row) + " is empty)");
  for (int c = 1; c <= cols; ++c) {
    std::string h(Trim(s.At(header_row, c).ToText()));
    if (h.empty()) h = "Column " + ColumnLetters(c);
    t.headers.push_back(std::move(h));
  }
  for (size_t c = 1; c < t.headers.size(); ++c) {
    if (std::find(t.headers.begin(), t.headers.begin() + static_cast<std::ptrdiff_t>(c), t.headers[c]) ==
        t.headers.begin() + static_cast<std::ptrdiff_t>(c))
      continue;
    // A record where the header should be (an export without its header
    // row): its values are never quoted.
    const std::string where = t.origin + ":" + std::to_string(header_row) + ": ";
    if (!LooksLikeHeaderRow(t.headers)) return ParseError(where + NotAHeaderMessage(t.headers));
    return ParseError(where + "duplicate column header '" + t.headers[c] + "'");
  }
  std::vector<std::string> row(static_cast<size_t>(cols));
  for (int r = header_row + 1; r <= s.max_row(); ++r) {
    bool any = false;
    for (int c = 1; c <= cols; ++c) {
      row[static_cast<size_t>(c - 1)] = std::string(Trim(s.At(r, c).ToText()));
      any = any || !row[static_cast<size_t>(c - 1)].empty();
    }
    if (!any) continue;  // a wholly blank row is not a record
    if (!t.AddRow(row, r)) return LimitExceeded(t.origin + ":" + std::to_string(r) + ": row of 4 GiB or more");
  }
  return t;
}

Result<Table> Read(const ReadContext& c) {
  Result<std::string> bytes = c.bytes();
  if (!bytes.ok()) return bytes.status();
  const SheetOptions* o = std::any_cast<SheetOptions>(c.options);  // a mismatch is a Status, never an exception
  if (!o) return Internal(c.origin + ": xlsx source read without its options");
  return XlsxSheetToTable(std::move(*bytes), c.origin, o->sheet, o->header_row);
}

}  // namespace

const SourceReader& XlsxSource() {
  static const SourceReader kind{
      .format = "xlsx",
      .extensions = {".xlsx", ".xlsm"},
      .keys = {"header_row", "sheet"},
      .content = ExpectedContent::kXlsx,
      .parallel = true,
      .configure = Configure,
      .read = Read,
  };
  return kind;
}

}  // namespace annexa::sources
