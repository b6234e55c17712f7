// The sheet parser: a sheet's <sheetData> is decoded a slice at a time
// into 16-byte cells (numbers need no allocation, cell references are
// parsed by hand), rows numbered and checked against Excel's grid and the
// per-sheet cell cap.
#include "sources/xlsx_sheet_parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/civil_date.h"
#include "sources/xlsx_shared_parts.h"

namespace annexa::sources {

using detail::AppendItemText;
using detail::DecodeEscapes;
using detail::ParseInt;

namespace {

constexpr double k1904Offset = 1462;  // 1904-01-01 in the 1900 system
constexpr int kMaxRow = 1048576;      // Excel's grid
constexpr uint32_t kMaxCol = 16384;

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

}  // namespace

Status SheetBuilder::EndText(detail::StoredCell& cell, CellKind kind, size_t start) {
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

Status SheetBuilder::SetText(detail::StoredCell& cell, CellKind kind, std::string_view text) {
  const size_t start = texts->local_text.size();
  texts->local_text.append(text);
  return EndText(cell, kind, start);
}

Status SheetBuilder::SetDecodedText(detail::StoredCell& cell, XmlNode v) {
  return SetText(cell, CellKind::kString, DecodeEscapes(v.Text()));
}

Status SheetBuilder::ReadCell(XmlNode c, std::string_view ref, std::string_view type,
                              std::string_view style_attr, detail::StoredCell& cell) {
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

Status SheetBuilder::AddRows(XmlNode sheet_data, bool restart) {
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

void SheetBuilder::Finish() {
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

}  // namespace annexa::sources
