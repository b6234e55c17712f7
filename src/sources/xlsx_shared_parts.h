// Internal to the xlsx reader (xlsx_reader.h): the parts read once at open
// and shared by every sheet -- sharedStrings.xml and styles.xml (which cell
// styles show dates) -- and the part-reading and text-decoding helpers the
// sheet parser (xlsx_sheet_parser.h) also uses.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sources/xml_document.h"
#include "sources/zip_archive.h"

namespace annexa::sources::detail {

// Whether all of `s` reads as an integer (into `out`).
template <typename Int>
bool ParseInt(std::string_view s, Int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Excel writes characters XML cannot carry (CR, other controls) as _xHHHH_,
// and a literal "_x" as "_x005F_x". UTF-16 surrogate pairs come as two
// escapes; a lone surrogate becomes U+FFFD.
std::string DecodeEscapes(std::string s);

// Appends the text of a shared-string <si> or inline <is> to `out`: plain
// <t>, or rich-text runs <r><t> joined. <rPh> phonetic guides are
// annotations, not content. Appended in place: most cells need no copy.
void AppendItemText(XmlNode item, std::string& out);

// Reads and parses a part whole (small parts: relationships, workbook, styles).
Result<XmlDocument> ReadXml(ZipArchive& zip, const std::string& part);

// Parses a large part as its bytes are inflated (see ParseInSlices).
Status ParsePart(ZipArchive& zip, const std::string& part, std::string_view container,
                 std::string_view item, size_t slice_bytes,
                 const XmlDocument::SliceVisitor& visit);

// Appends each <si>'s text to `out` (cleared first if the part is read again).
Status ReadSharedStrings(ZipArchive& zip, const std::string& part, size_t slice_bytes,
                         std::vector<std::string>& out);

// Whether each cellXfs entry (a cell's s="N") formats its number as a date.
Result<std::vector<uint8_t>> ReadDateStyles(ZipArchive& zip, const std::string& part);

}  // namespace annexa::sources::detail
