#include "sources/xlsx_check.h"

#include <string_view>

#include "sources/xml_document.h"

namespace annexa::sources {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The element whose children are the bulk of a large part, parsed a slice
// at a time; empty for parts parsed whole (small ones).
struct Bulk {
  std::string_view container, item;
};

Bulk BulkOf(std::string_view part) {
  if (part.starts_with("xl/worksheets/") && part.find('/', 14) == std::string_view::npos)
    return {"sheetData", "row"};
  if (part == "xl/sharedStrings.xml") return {"sst", "si"};
  return {};
}

constexpr size_t kSliceBytes = 1 << 20;

}  // namespace

Status CheckXlsxWhole(const std::string& path, ZipLimits limits) {
  Result<ZipArchive> zip = ZipArchive::Open(path, limits);
  if (!zip.ok()) return zip.status();
  for (const std::string& part : zip->EntryNames()) {
    const bool xml = EndsWith(part, ".xml") || EndsWith(part, ".rels");
    if (!xml) {
      // Inflated to the end, which is where libzip checks the CRC.
      ANNEXA_RETURN_IF_ERROR(zip->ReadInPieces(part, [](std::string_view) { return Status::Ok(); }));
      continue;
    }
    const std::string name = path + ": " + part;
    const Bulk bulk = BulkOf(part);
    if (bulk.container.empty()) {
      Result<std::string> bytes = zip->Read(part);
      if (!bytes.ok()) return bytes.status();
      Result<XmlDocument> doc = XmlDocument::Parse(std::move(*bytes), name);
      if (!doc.ok()) return doc.status();
      continue;
    }
    // Every piece of the part goes through the slicer; a slice that does
    // not parse, or a part cut short (no closing tag), is parsed whole and
    // its XML error reported.
    auto source = [&](const XmlDocument::ByteSink& sink) { return zip->ReadInPieces(part, sink); };
    ANNEXA_RETURN_IF_ERROR(XmlDocument::ParseInSlices(source, name, bulk.container, bulk.item, kSliceBytes,
                                                      [](XmlNode, bool) { return Status::Ok(); }));
  }
  return Status::Ok();
}

}  // namespace annexa::sources
