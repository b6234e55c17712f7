// Text as an xlsx cell may hold it: valid, XML-legal UTF-8 within Excel's
// cell limit, and its width in characters for column sizing. Internal to the
// Annex A workbook writer (annex_workbook.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace annexa::render::detail {

// Excel's limit is 32,767 characters counted in UTF-16 code units, which is
// stricter than libxlsxwriter's own check (code points), so both are met.
constexpr size_t kMaxCellUnits = 32767;

struct CleanText {
  std::string text;
  bool truncated = false;
  size_t original_units = 0;  // UTF-16 units of the (repaired) original
};

// libxlsxwriter writes bytes as given, and a file with invalid UTF-8 is one
// Excel refuses to open: bad bytes become U+FFFD instead of failing the run.
// Text over Excel's cell limit is cut at a character boundary.
CleanText Clean(std::string_view in);

// Display width of text in characters (code points): the column-width estimate.
size_t CharCount(std::string_view s);

}  // namespace annexa::render::detail
