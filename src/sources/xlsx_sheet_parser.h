// Internal to the xlsx reader (xlsx_reader.h): decoding a sheet's XML
// <row>s and <c>ells into the compact cell table (Sheet) or, when
// streaming, one row at a time. SheetBuilder stays in annexa::sources, not
// detail: Sheet and SheetRow befriend it by that name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sources/xlsx_reader.h"
#include "sources/xml_document.h"

namespace annexa::sources {

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
  Status EndText(detail::StoredCell& cell, CellKind kind, size_t start);

  Status SetText(detail::StoredCell& cell, CellKind kind, std::string_view text);

  // Appends the text children of `v` decoded (a "str" or unusual cell).
  Status SetDecodedText(detail::StoredCell& cell, XmlNode v);

  // Decodes one <c> (its r, t and s attributes given); leaves kind kEmpty
  // when the cell holds no value.
  Status ReadCell(XmlNode c, std::string_view ref, std::string_view type, std::string_view style_attr,
                  detail::StoredCell& cell);

  // Adds the rows under one <sheetData> (or one slice of it).
  Status AddRows(XmlNode sheet_data, bool restart);

  // Sorts the rows and sets the sheet's extent once every slice is in.
  void Finish();
};

}  // namespace annexa::sources
