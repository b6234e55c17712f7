// The xlsx reader: workbook.xml and its relationships name the sheets;
// sharedStrings.xml and styles.xml are read once at open
// (xlsx_shared_parts.cc); each sheet is parsed on first use into a compact
// row/cell table (xlsx_sheet_parser.cc, read back in xlsx_cells.cc), or
// streamed a row at a time. Sheets can be large (100k+ rows, 100 MB of
// XML), so a sheet is parsed in slices as it is inflated (neither its text
// nor its DOM, ~7x the text, is ever whole).
#include "sources/xlsx_reader.h"

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "sources/xlsx_shared_parts.h"
#include "sources/xlsx_sheet_parser.h"
#include "sources/xml_document.h"

namespace annexa::sources {

using detail::ParsePart;
using detail::ReadDateStyles;
using detail::ReadSharedStrings;
using detail::ReadXml;

namespace {

// A workbook relationship target, relative to xl/ ("worksheets/sheet1.xml")
// or absolute ("/xl/worksheets/sheet1.xml"), as a zip entry name.
std::string ResolvePart(std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : "xl/" + std::string(target);
  std::vector<std::string> kept;
  for (std::string& segment : Split(joined, '/')) {
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(std::move(segment));
    }
  }
  return Join(kept, "/");
}

struct Relationship {
  std::string id;
  std::string type;  // the last segment of the type URI: "worksheet", "styles"...
  std::string part;  // the zip entry
};

Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, const std::string& part) {
  Result<XmlDocument> doc = ReadXml(zip, part);
  if (!doc.ok()) return doc.status();
  std::vector<Relationship> rels;
  for (XmlNode r = doc->Root().FirstChild("Relationship"); r; r = r.NextSibling("Relationship")) {
    if (r.Attribute("TargetMode") == "External") continue;
    std::string_view type = r.Attribute("Type");
    rels.push_back({std::string(r.Attribute("Id")), std::string(type.substr(type.rfind('/') + 1)),
                    ResolvePart(r.Attribute("Target"))});
  }
  return rels;
}

// The part of the workbook relationship of `type`, else the usual name.
std::string PartOfType(const std::vector<Relationship>& rels, std::string_view type,
                       const std::string& fallback) {
  for (const auto& r : rels) {
    if (r.type == type) return r.part;
  }
  return fallback;
}

}  // namespace

struct Workbook::Impl {
  std::string name;
  XlsxOptions options;
  ZipArchive zip;
  bool date1904 = false;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_rids;
  std::vector<std::string> sheet_parts;     // zip entry per sheet; "" when its relationship is missing
  // Fixed after Open: CellViews point into them. Shared with the handles
  // OpenAgain makes.
  std::shared_ptr<std::vector<std::string>> shared_strings = std::make_shared<std::vector<std::string>>();
  std::shared_ptr<std::vector<uint8_t>> date_xf = std::make_shared<std::vector<uint8_t>>();  // per cellXfs index: 1 when a date format
  std::vector<std::unique_ptr<Sheet>> sheets;  // loaded on first use

  explicit Impl(ZipArchive z) : zip(std::move(z)) {}

  // Reads workbook.xml, its relationships, shared strings and styles. A
  // member so that it may use Workbook's private constructor.
  static Result<Workbook> Load(Result<ZipArchive> opened, const std::string& name,
                               const XlsxOptions& options) {
    if (!opened.ok()) {
      if (opened.status().code() != StatusCode::kParseError) return opened.status();
      return ParseError(name + ": not an xlsx workbook (not a zip archive)");
    }
    auto impl = std::make_unique<Impl>(std::move(opened).value());
    impl->name = name;
    impl->options = options;
    ZipArchive& zip = impl->zip;
    for (const char* required : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}) {
      if (!zip.Has(required)) return ParseError(name + ": not an xlsx workbook (no " + required + ")");
    }
    Result<std::vector<Relationship>> rels = ReadRelationships(zip, "xl/_rels/workbook.xml.rels");
    if (!rels.ok()) return rels.status();
    Result<XmlDocument> doc = ReadXml(zip, "xl/workbook.xml");
    if (!doc.ok()) return doc.status();
    XmlNode root = doc->Root();
    if (root.LocalName() != "workbook") {
      return ParseError(doc->name() + ": not a workbook part (root element <" +
                        std::string(root.LocalName()) + ">)");
    }
    std::string_view date1904 = root.FirstChild("workbookPr").Attribute("date1904");
    impl->date1904 = date1904 == "1" || date1904 == "true";
    for (XmlNode s = root.FirstChild("sheets").FirstChild("sheet"); s; s = s.NextSibling("sheet")) {
      std::string_view rid = s.Attribute("r:id");
      auto rel = std::find_if(rels->begin(), rels->end(), [rid](auto& r) { return r.id == rid; });
      impl->sheet_names.emplace_back(s.Attribute("name"));
      impl->sheet_rids.emplace_back(rid);
      impl->sheet_parts.push_back(rel == rels->end() ? std::string() : rel->part);
    }
    impl->sheets.resize(impl->sheet_names.size());
    // Both parts are optional: a workbook of numbers only has no strings, and
    // minimal writers omit styles (then no cell is a date by its style).
    std::string strings_part = PartOfType(*rels, "sharedStrings", "xl/sharedStrings.xml");
    if (zip.Has(strings_part)) {
      ANNEXA_RETURN_IF_ERROR(
          ReadSharedStrings(zip, strings_part, options.xml_slice_bytes, *impl->shared_strings));
    }
    std::string styles_part = PartOfType(*rels, "styles", "xl/styles.xml");
    if (zip.Has(styles_part)) {
      Result<std::vector<uint8_t>> date_xf = ReadDateStyles(zip, styles_part);
      if (!date_xf.ok()) return date_xf.status();
      *impl->date_xf = std::move(date_xf).value();
    }
    return Workbook(std::move(impl));
  }

  // kParseError when the sheet's relationship is missing.
  Status CheckPart(size_t index) const {
    if (!sheet_parts[index].empty()) return Status::Ok();
    return ParseError(name + ":xl/workbook.xml: sheet '" + sheet_names[index] +
                      "' refers to relationship '" + sheet_rids[index] +
                      "', which xl/_rels/workbook.xml.rels does not define");
  }

  SheetBuilder Builder(const std::string& part) const {
    return SheetBuilder{.part_name = name + ":" + part,
                        .shared = *shared_strings,
                        .date_xf = *date_xf,
                        .date1904 = date1904,
                        .max_cells = options.max_cells_per_sheet};
  }

  Result<std::unique_ptr<Sheet>> LoadSheet(size_t index) {
    ANNEXA_RETURN_IF_ERROR(CheckPart(index));
    const std::string& part = sheet_parts[index];
    auto sheet = std::make_unique<Sheet>();
    sheet->name_ = sheet_names[index];
    sheet->texts_.shared = shared_strings.get();
    // Reserving by the declared XML size (a cell takes at least ~16 bytes)
    // spares the regrowth copies; reserved pages never touched cost nothing.
    sheet->cells_.reserve(static_cast<size_t>(std::min(
        {zip.DeclaredSize(part) / 16, options.max_cells_per_sheet, uint64_t{1} << 24})));
    SheetBuilder builder = Builder(part);
    builder.sheet = sheet.get();
    builder.cells = &sheet->cells_;
    builder.texts = &sheet->texts_;
    ANNEXA_RETURN_IF_ERROR(ParsePart(
        zip, part, "sheetData", "row", options.xml_slice_bytes,
        [&builder](XmlNode sheet_data, bool restart) { return builder.AddRows(sheet_data, restart); }));
    builder.Finish();
    return sheet;
  }

  Status StreamSheet(size_t index, const RowVisitor& visit, const std::function<void()>& restart,
                     size_t slice_bytes) {
    ANNEXA_RETURN_IF_ERROR(CheckPart(index));
    const std::string& part = sheet_parts[index];
    std::vector<detail::StoredCell> row_cells;  // one row's, reused
    detail::CellTexts row_texts;
    row_texts.shared = shared_strings.get();
    SheetBuilder builder = Builder(part);
    builder.visit = &visit;
    builder.cells = &row_cells;
    builder.texts = &row_texts;
    return ParsePart(zip, part, "sheetData", "row", slice_bytes ? slice_bytes : options.xml_slice_bytes,
                     [&](XmlNode sheet_data, bool again) {
                       if (again) restart();
                       return builder.AddRows(sheet_data, again);
                     });
  }
};

Result<Workbook> Workbook::Open(const std::string& path, XlsxOptions options) {
  return Impl::Load(ZipArchive::Open(path, options.zip), path, options);
}

Result<Workbook> Workbook::FromBuffer(std::string bytes, std::string display_name,
                                      XlsxOptions options) {
  Result<ZipArchive> zip = ZipArchive::FromBuffer(std::move(bytes), display_name, options.zip);
  return Impl::Load(std::move(zip), display_name, options);
}

Result<Workbook> Workbook::OpenAgain() const {
  Result<ZipArchive> zip = impl_->zip.OpenAgain();
  if (!zip.ok()) return zip.status();
  auto impl = std::make_unique<Impl>(std::move(zip).value());
  impl->name = impl_->name;
  impl->options = impl_->options;
  impl->date1904 = impl_->date1904;
  impl->sheet_names = impl_->sheet_names;
  impl->sheet_rids = impl_->sheet_rids;
  impl->sheet_parts = impl_->sheet_parts;
  impl->shared_strings = impl_->shared_strings;
  impl->date_xf = impl_->date_xf;
  impl->sheets.resize(impl->sheet_names.size());
  return Workbook(std::move(impl));
}

uint64_t Workbook::SheetSizeHint(int index) const {
  if (index < 0 || static_cast<size_t>(index) >= impl_->sheet_parts.size()) return 0;
  const std::string& part = impl_->sheet_parts[static_cast<size_t>(index)];
  return part.empty() ? 0 : impl_->zip.DeclaredSize(part);
}

Workbook::Workbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook& Workbook::operator=(Workbook&&) noexcept = default;
Workbook::~Workbook() = default;

const std::string& Workbook::name() const { return impl_->name; }

const std::vector<std::string>& Workbook::SheetNames() const { return impl_->sheet_names; }

Result<const Sheet*> Workbook::SheetByName(std::string_view name) {
  const auto& names = impl_->sheet_names;
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    return NotFound(impl_->name + ": no sheet named '" + std::string(name) + "' (sheets: " +
                    Join(names, ", ") + ")");
  }
  return SheetByIndex(static_cast<int>(it - names.begin()));
}

Status Workbook::CheckIndex(int index) const {
  if (index >= 0 && static_cast<size_t>(index) < impl_->sheet_names.size()) return Status::Ok();
  return NotFound(impl_->name + ": no sheet at index " + std::to_string(index) +
                  " (the workbook has " + std::to_string(impl_->sheet_names.size()) + " sheets)");
}

Status Workbook::StreamSheet(int index, const RowVisitor& row, const std::function<void()>& restart,
                             size_t slice_bytes) {
  ANNEXA_RETURN_IF_ERROR(CheckIndex(index));
  return impl_->StreamSheet(static_cast<size_t>(index), row, restart, slice_bytes);
}

Result<const Sheet*> Workbook::SheetByIndex(int index) {
  ANNEXA_RETURN_IF_ERROR(CheckIndex(index));
  std::unique_ptr<Sheet>& slot = impl_->sheets[static_cast<size_t>(index)];
  if (!slot) {
    Result<std::unique_ptr<Sheet>> sheet = impl_->LoadSheet(static_cast<size_t>(index));
    if (!sheet.ok()) return sheet.status();
    slot = std::move(sheet).value();
  }
  return static_cast<const Sheet*>(slot.get());
}

}  // namespace annexa::sources
