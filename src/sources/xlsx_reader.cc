// The xlsx reader: workbook.xml and its relationships name the sheets;
// sharedStrings.xml and styles.xml are read once at open; each sheet is
// parsed on first use into a compact row/cell table. Sheets can be large
// (100k+ rows, 100 MB of XML), so a sheet is parsed in slices as it is
// inflated (neither its text nor its DOM, ~7x the text, is ever whole),
// cell references are parsed by hand, numbers need no allocation, and a
// cell is stored in 16 bytes.
#include "sources/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/text.h"
#include "sources/xml_document.h"

namespace annexa::sources {

namespace {

constexpr double k1904Offset = 1462;  // 1904-01-01 in the 1900 system
constexpr int kMaxRow = 1048576;      // Excel's grid
constexpr uint32_t kMaxCol = 16384;

template <typename Int>
bool ParseInt(std::string_view s, Int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Reads an OOXML "_xHHHH_" escape at s[i]; false when there is none.
bool ReadEscape(std::string_view s, size_t i, uint32_t& code) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return false;
  auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
  return ec == std::errc() && p == s.data() + i + 6;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  int extra = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  const uint32_t lead = (0xFF00u >> (extra + 1)) & 0xFF;  // 0xC0, 0xE0 or 0xF0
  out += static_cast<char>(lead | (cp >> (6 * extra)));
  for (int shift = 6 * (extra - 1); shift >= 0; shift -= 6) {
    out += static_cast<char>(0x80 | ((cp >> shift) & 0x3F));
  }
}

// Excel writes characters XML cannot carry (CR, other controls) as _xHHHH_,
// and a literal "_x" as "_x005F_x". UTF-16 surrogate pairs come as two
// escapes; a lone surrogate becomes U+FFFD.
std::string DecodeEscapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    if (!ReadEscape(s, i, cp)) {
      out += s[i++];
      continue;
    }
    i += 7;
    uint32_t low = 0;
    if (cp >= 0xD800 && cp <= 0xDBFF && ReadEscape(s, i, low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 7;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  return out;
}

// Appends the text of a shared-string <si> or inline <is> to `out`: plain
// <t>, or rich-text runs <r><t> joined. <rPh> phonetic guides are
// annotations, not content. Appended in place: most cells need no copy.
void AppendItemText(XmlNode item, std::string& out) {
  const size_t start = out.size();
  for (XmlNode child = item.FirstChild(); child; child = child.NextSibling()) {
    std::string_view name = child.LocalName();
    if (name == "t") {
      child.AppendText(out);
    } else if (name == "r") {
      for (XmlNode t = child.FirstChild("t"); t; t = t.NextSibling("t")) t.AppendText(out);
    }
  }
  if (out.find("_x", start) == std::string::npos) return;
  std::string decoded = DecodeEscapes(out.substr(start));
  out.resize(start);
  out += decoded;
}

std::string ItemText(XmlNode item) {
  std::string out;
  AppendItemText(item, out);
  return out;
}

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

Result<XmlDocument> ReadXml(ZipArchive& zip, const std::string& part) {
  Result<std::string> bytes = zip.Read(part);
  if (!bytes.ok()) return bytes.status();
  return XmlDocument::Parse(std::move(bytes).value(), zip.name() + ":" + part);
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

// Parses a large part as its bytes are inflated (see ParseInSlices).
Status ParsePart(ZipArchive& zip, const std::string& part, std::string_view container,
                 std::string_view item, size_t slice_bytes,
                 const XmlDocument::SliceVisitor& visit) {
  return XmlDocument::ParseInSlices(
      [&zip, &part](const XmlDocument::ByteSink& sink) { return zip.ReadInPieces(part, sink); },
      zip.name() + ":" + part, container, item, slice_bytes, visit);
}

Status ReadSharedStrings(ZipArchive& zip, const std::string& part, size_t slice_bytes,
                         std::vector<std::string>& out) {
  return ParsePart(zip, part, "sst", "si", slice_bytes, [&out](XmlNode sst, bool restart) {
    if (restart) out.clear();
    for (XmlNode si = sst.FirstChild("si"); si; si = si.NextSibling("si")) {
      out.push_back(ItemText(si));
    }
    return Status::Ok();
  });
}

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom number format shows a date or time when it has a d, m, y, h or s
// token outside quoted literals, [...] sections (locale, colour, condition),
// backslash escapes and the _x / *x padding pairs.
bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"' || c == '[') {
      i = code.find(c == '"' ? '"' : ']', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (std::string_view("dmyhsDMYHS").find(c) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Whether each cellXfs entry (a cell's s="N") formats its number as a date.
Result<std::vector<uint8_t>> ReadDateStyles(ZipArchive& zip, const std::string& part) {
  Result<XmlDocument> doc = ReadXml(zip, part);
  if (!doc.ok()) return doc.status();
  XmlNode root = doc->Root();
  std::vector<std::pair<int, bool>> custom;
  for (XmlNode f = root.FirstChild("numFmts").FirstChild("numFmt"); f; f = f.NextSibling("numFmt")) {
    int id = 0;
    if (ParseInt(f.Attribute("numFmtId"), id)) {
      custom.emplace_back(id, IsDateFormatCode(f.Attribute("formatCode")));
    }
  }
  std::vector<uint8_t> date_xf;
  for (XmlNode xf = root.FirstChild("cellXfs").FirstChild("xf"); xf; xf = xf.NextSibling("xf")) {
    int id = 0;
    bool is_date = false;
    if (ParseInt(xf.Attribute("numFmtId"), id)) {
      auto it = std::find_if(custom.begin(), custom.end(), [id](auto& c) { return c.first == id; });
      is_date = it != custom.end() ? it->second : IsBuiltinDateFormat(id);
    }
    date_xf.push_back(is_date ? 1 : 0);
  }
  return date_xf;
}

// "AB12" -> 28; 0 when `ref` does not start with column letters in range.
uint32_t ColumnOfRef(std::string_view ref) {
  uint32_t col = 0;
  for (char c : ref) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<uint32_t>(c - 'A' + 1);
    if (col > kMaxCol) return 0;
  }
  return col;
}

// "2021-03-04T05:06:07" (t="d" cells) -> a 1900-system serial.
std::optional<double> IsoToSerial(std::string_view text) {
  std::optional<CivilDate> date = CivilDate::Parse(text.substr(0, 10));
  if (text.size() < 10 || !date) return std::nullopt;
  double serial = date->ToExcelSerial();
  int h = 0, m = 0, s = 0;
  if (text.size() >= 16 && (text[10] == 'T' || text[10] == ' ') &&
      ParseInt(text.substr(11, 2), h) && text[13] == ':' && ParseInt(text.substr(14, 2), m)) {
    if (text.size() >= 19 && text[16] == ':' && !ParseInt(text.substr(17, 2), s)) s = 0;
    serial += (h * 3600 + m * 60 + s) / 86400.0;
  }
  return serial;
}

std::string NumberText(double n) {
  if (n == std::floor(n) && std::fabs(n) < 1e15) return std::to_string(static_cast<int64_t>(n));
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);  // shortest round-trip form
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

// Decodes a sheet's <row>s one slice at a time, into a Sheet's private
// table (Sheet befriends this type) or, when streaming, a row at a time to
// a visitor that keeps what it needs.
struct SheetBuilder {
  std::string part_name;  // "book.xlsx:xl/worksheets/sheet1.xml"
  const std::vector<std::string>& shared;
  const std::vector<uint8_t>& date_xf;
  bool date1904 = false;
  uint64_t max_cells = 0;
  Sheet* sheet = nullptr;                            // the table filled, or
  const Workbook::RowVisitor* visit = nullptr;       // where rows go when streaming
  // Where cells are decoded: the sheet's table, or one row's when streaming.
  std::vector<detail::StoredCell>* cells = nullptr;
  detail::CellTexts* texts = nullptr;
  // Walk state carried from one slice to the next.
  uint64_t total_cells = 0;
  int last_row = 0;
  bool rows_sorted = true;

  // Ends a text appended to texts->local_text at `start` (see CellTexts).
  Status EndText(detail::StoredCell& cell, CellKind kind, size_t start) {
    // An empty string reads as a blank: consumers never need to tell the two apart.
    if (texts->local_text.size() == start) return Status::Ok();
    if (texts->local_text.size() > UINT32_MAX) {
      return LimitExceeded(part_name + ": more than 4 GiB of cell text");
    }
    texts->local_ends.push_back(static_cast<uint32_t>(texts->local_text.size()));
    cell.kind = kind;
    cell.text = static_cast<uint32_t>(shared.size() + texts->local_ends.size() - 1);
    return Status::Ok();
  }

  Status SetText(detail::StoredCell& cell, CellKind kind, std::string_view text) {
    const size_t start = texts->local_text.size();
    texts->local_text.append(text);
    return EndText(cell, kind, start);
  }

  // Appends the text children of `v` decoded (a "str" or unusual cell).
  Status SetDecodedText(detail::StoredCell& cell, XmlNode v) {
    return SetText(cell, CellKind::kString, DecodeEscapes(v.Text()));
  }

  // Decodes one <c> (its r, t and s attributes given); leaves kind kEmpty
  // when the cell holds no value.
  Status ReadCell(XmlNode c, std::string_view ref, std::string_view type, std::string_view style_attr,
                  detail::StoredCell& cell) {
    XmlNode v, is;
    for (XmlNode child = c.FirstChild(); child; child = child.NextSibling()) {
      std::string_view name = child.LocalName();
      if (name == "v") v = child;
      if (name == "is") is = child;
    }
    std::string_view value = v.TextView();
    if (type.empty() || type == "n") {
      if (value.empty()) return Status::Ok();
      double number = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(number)) {
        return SetText(cell, CellKind::kString, value);  // keep what was written
      }
      uint32_t style = 0;
      bool is_date = ParseInt(style_attr, style) && style < date_xf.size() && date_xf[style];
      cell.kind = is_date ? CellKind::kDate : CellKind::kNumber;
      cell.number = is_date && date1904 ? number + k1904Offset : number;
    } else if (type == "s") {
      uint32_t index = 0;
      if (value.empty()) return Status::Ok();
      if (!ParseInt(value, index) || index >= shared.size()) {
        return ParseError(part_name + ": cell " + std::string(ref) +
                          ": shared string index '" + std::string(value) + "' out of range (" +
                          std::to_string(shared.size()) + " strings)");
      }
      if (!shared[index].empty()) cell.kind = CellKind::kString;
      cell.text = index;
    } else if (type == "inlineStr") {
      if (!is) return SetDecodedText(cell, v);
      const size_t start = texts->local_text.size();
      AppendItemText(is, texts->local_text);
      return EndText(cell, CellKind::kString, start);
    } else if (type == "b") {
      if (value.empty()) return Status::Ok();
      cell.kind = CellKind::kBool;
      cell.number = (value == "1" || value == "true") ? 1 : 0;
    } else if (type == "e") {
      return SetText(cell, CellKind::kError, value);
    } else if (std::optional<double> serial; type == "d" && (serial = IsoToSerial(value))) {
      cell.kind = CellKind::kDate;
      cell.number = *serial;
    } else {  // "str" (a formula's text), a "d" that is not ISO, unknown types: the text
      return SetDecodedText(cell, v);
    }
    return Status::Ok();
  }

  // Adds the rows under one <sheetData> (or one slice of it).
  Status AddRows(XmlNode sheet_data, bool restart) {
    if (restart) {  // the whole sheet follows: forget any earlier slices
      if (sheet) sheet->rows_.clear();
      cells->clear();
      texts->Clear();
      total_cells = 0;
      last_row = 0;
      rows_sorted = true;
    }
    for (XmlNode row = sheet_data.FirstChild("row"); row; row = row.NextSibling("row")) {
      std::string_view r = row.Attribute("r");
      int row_num = last_row + 1;  // a missing r means "the next row"
      if (!r.empty() && (!ParseInt(r, row_num) || row_num < 1 || row_num > kMaxRow)) {
        return ParseError(part_name + ": bad row number '" + std::string(r) + "' at byte " +
                          std::to_string(row.Offset()));
      }
      last_row = row_num;
      if (!sheet) {  // streaming: one row at a time
        cells->clear();
        texts->Clear();
      }
      const size_t first = cells->size();
      uint32_t last_col = 0;
      bool cols_sorted = true;
      for (XmlNode c = row.FirstChild("c"); c; c = c.NextSibling("c")) {
        static constexpr std::string_view kNames[] = {"r", "t", "s"};
        std::string_view attrs[3];
        c.Attributes(kNames, attrs);
        const std::string_view ref = attrs[0];
        uint32_t col = ref.empty() ? last_col + 1 : ColumnOfRef(ref);  // missing r: next column
        if (col == 0 || col > kMaxCol) {
          return ParseError(part_name + ": bad cell reference '" + std::string(ref) + "' at byte " +
                            std::to_string(c.Offset()));
        }
        cols_sorted = cols_sorted && col > last_col;
        last_col = col;
        detail::StoredCell cell;
        cell.col = col;
        cell.kind = CellKind::kEmpty;
        cell.number = 0;
        ANNEXA_RETURN_IF_ERROR(ReadCell(c, ref, attrs[1], attrs[2], cell));
        if (cell.kind == CellKind::kEmpty) continue;
        if (total_cells >= max_cells) {
          return LimitExceeded(part_name + ": more than " + std::to_string(max_cells) +
                               " cells (the per-sheet limit)");
        }
        ++total_cells;
        cells->push_back(cell);
      }
      if (cells->size() == first) continue;
      if (!cols_sorted) {
        std::stable_sort(cells->begin() + static_cast<ptrdiff_t>(first), cells->end(),
                         [](const auto& a, const auto& b) { return a.col < b.col; });
      }
      const auto count = static_cast<uint32_t>(cells->size() - first);
      if (!sheet) {
        SheetRow view;
        view.number_ = row_num;
        view.first_ = cells->data();
        view.count_ = count;
        view.texts_ = texts;
        ANNEXA_RETURN_IF_ERROR((*visit)(view));
        continue;
      }
      auto& rows = sheet->rows_;
      rows_sorted = rows_sorted && (rows.empty() || rows.back().row < row_num);
      rows.push_back({row_num, static_cast<uint32_t>(first), count});
    }
    return Status::Ok();
  }

  void Finish() {
    auto& rows = sheet->rows_;
    if (!rows_sorted) {
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.row < b.row; });
    }
    sheet->max_row_ = rows.empty() ? 0 : rows.back().row;
    for (const auto& span : rows) {
      int col = static_cast<int>(sheet->cells_[span.first + span.count - 1].col);
      sheet->max_col_ = std::max(sheet->max_col_, col);
    }
  }
};

CellView Sheet::At(int row, int col) const {
  if (row < 1 || col < 1) return {};
  // Rows are usually dense from row 1, so the direct slot is tried first.
  const RowSpan* span = nullptr;
  auto slot = static_cast<size_t>(row - 1);
  if (slot < rows_.size() && rows_[slot].row == row) {
    span = &rows_[slot];
  } else {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), row,
                               [](const RowSpan& s, int r) { return s.row < r; });
    if (it == rows_.end() || it->row != row) return {};
    span = &*it;
  }
  return detail::CellAt(cells_.data() + span->first, span->count, col, texts_);
}

namespace detail {

CellView CellAt(const StoredCell* first, uint32_t count, int col, const CellTexts& texts) {
  if (col < 1) return {};
  const StoredCell* last = first + count;
  const auto ucol = static_cast<uint32_t>(col);
  const StoredCell* cell = nullptr;
  if (ucol <= count && first[ucol - 1].col == ucol) {  // a dense row
    cell = first + (ucol - 1);
  } else {
    cell = std::lower_bound(first, last, ucol,
                            [](const StoredCell& c, uint32_t k) { return c.col < k; });
    if (cell == last || cell->col != ucol) return {};
  }
  CellView view;
  view.kind = cell->kind;
  if (cell->kind != CellKind::kString && cell->kind != CellKind::kError) {
    view.number = cell->number;
  } else if (size_t shared = texts.shared->size(); cell->text < shared) {
    view.text = (*texts.shared)[cell->text];
  } else {
    size_t i = cell->text - shared;
    uint32_t begin = i == 0 ? 0 : texts.local_ends[i - 1];
    view.text = std::string_view(texts.local_text).substr(begin, texts.local_ends[i] - begin);
  }
  return view;
}

}  // namespace detail

std::optional<CivilDate> CellView::AsDate() const {
  if (kind != CellKind::kDate && kind != CellKind::kNumber) return std::nullopt;
  return CivilDate::FromExcelSerial(number);
}

std::string CellView::ToText() const {
  switch (kind) {
    case CellKind::kEmpty:
      return "";
    case CellKind::kString:
    case CellKind::kError:
      return std::string(text);
    case CellKind::kBool:
      return number != 0 ? "TRUE" : "FALSE";
    case CellKind::kNumber:
      return NumberText(number);
    case CellKind::kDate:
      break;
  }
  std::optional<CivilDate> date = AsDate();
  if (!date) return NumberText(number);  // a time of day alone, or serial 60
  std::string out = date->ToIso();
  // Round to the second; a value a hair before midnight stays on its day.
  auto secs = std::min<int64_t>(std::llround((number - std::floor(number)) * 86400), 86399);
  if (secs > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    out += buf;
  }
  return out;
}

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
