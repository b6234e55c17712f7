// Tests of the xlsx reader against the shared Annex A samples (values
// checked independently with python's zipfile + ElementTree) and against the
// synthetic fixtures written by tests/data/xlsx/make_fixtures.py.
#include "sources/xlsx_reader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::sources {
namespace {

using annexa::testing::MakeTempDir;
using annexa::testing::WriteTextFile;

const auto& Fixture = annexa::testing::XlsxFixture;
const auto& Sample = annexa::testing::AnnexASample;
using annexa::testing::ReadBytes;
using annexa::testing::OpenOk;

const Sheet& SheetOk(Workbook& book, std::string_view name) {
  Result<const Sheet*> sheet = book.SheetByName(name);
  INFO(sheet.status().message());
  REQUIRE(sheet.ok());
  return **sheet;
}

std::string Text(const Sheet& sheet, int row, int col) {
  CellView cell = sheet.At(row, col);
  return cell.kind == CellKind::kString ? std::string(cell.text) : "<not a string>";
}

std::optional<CivilDate> DateAt(const Sheet& sheet, int row, int col) {
  CellView cell = sheet.At(row, col);
  return cell.kind == CellKind::kDate ? cell.AsDate() : std::nullopt;
}

std::vector<std::string> OfstedNames(const std::string& list3) {
  return {"Front_Sheet", "FAQ_and_changes", "Guidance", "Codes_used", "List_1", "List_2", list3,
          "List_4", "List_5", "List_6", "List_7", "List_8", "List_9", "List_10", "List_11"};
}

const std::vector<std::string> kCouncilNames = {"List 1", "List 2", "List 3", "List 4",
                                                "List 5", "List 6", "List 7", "List 8",
                                                "List 9", "List 10", "List 11"};

// ---------------------------------------------------------------- samples --

TEST_CASE("Workbook lists the sheets of every sample in tab order", "[xlsx]") {
  CHECK(OpenOk(Sample("ofsted_2019_template.xlsx")).SheetNames() == OfstedNames("List_3"));
  CHECK(OpenOk(Sample("ofsted_2019_template_no_list3.xlsx")).SheetNames() == OfstedNames("List 3"));
  CHECK(OpenOk(Sample("la_sample_b.xlsx")).SheetNames() == OfstedNames("List_3"));
  CHECK(OpenOk(Sample("la_sample_2019_layout.xlsx")).SheetNames() == kCouncilNames);
  CHECK(OpenOk(Sample("la_sample_2024_layout.xlsx")).SheetNames() == kCouncilNames);
}

TEST_CASE("Workbook reads the Ofsted template's titles, headers and List_3 rows", "[xlsx]") {
  Workbook book = OpenOk(Sample("ofsted_2019_template.xlsx"));
  const Sheet& list1 = SheetOk(book, "List_1");
  CHECK(list1.name() == "List_1");
  CHECK(Text(list1, 1, 1) == "List 1: Contacts");
  CHECK(list1.At(1, 2).empty());  // styled but valueless title cells
  CHECK(Text(list1, 2, 1) == "Child Unique ID");
  CHECK(Text(list1, 2, 7) == "Contact Source");
  CHECK(list1.max_row() == 2);
  CHECK(list1.max_col() == 7);

  const Sheet& list3 = SheetOk(book, "List_3");
  CHECK(Text(list3, 1, 1) == "List 3: Referral");
  CHECK(Text(list3, 2, 9) == "Number of Referrals in Last 12 Months");
  CHECK(list3.max_row() == 7);
  CHECK(list3.max_col() == 11);
  CHECK(list3.At(3, 1).kind == CellKind::kNumber);
  CHECK(list3.At(3, 1).number == 1);
  CHECK(list3.At(7, 1).ToText() == "5");
  CHECK(Text(list3, 3, 2) == "F");
  CHECK(Text(list3, 4, 3) == "OOTH");
  CHECK(DateAt(list3, 3, 4) == CivilDate(2014, 1, 1));
  CHECK(list3.At(3, 4).number == 41640);
  CHECK(DateAt(list3, 7, 6) == CivilDate(2015, 3, 15));
  CHECK(list3.At(7, 6).ToText() == "2015-03-15");
  CHECK(Text(list3, 4, 8) == "no");
  CHECK(list3.At(4, 9).number == 2);
  CHECK(list3.At(6, 9).empty());  // the one blank in the test rows
  CHECK(Text(list3, 7, 11) == "AW");
  CHECK(list3.At(8, 1).empty());
  CHECK(list3.At(3, 12).empty());

  const Sheet& list4 = SheetOk(book, "List_4");
  CHECK(Text(list4, 1, 1) == "List 4: Assessments");
  CHECK(Text(list4, 2, 10) ==
        "Was the child assessed as requiring LA children\u2019s social care support");
  const Sheet& list8 = SheetOk(book, "List_8");
  CHECK(Text(list8, 2, 20) == "Date Ceased to be Looked After ");
  CHECK(list8.max_col() == 34);
  const Sheet& front = SheetOk(book, "Front_Sheet");
  CHECK(Text(front, 1, 1) == "Annex A - Child level data");
  CHECK(front.max_row() == 17);
}

TEST_CASE("Workbook names the sheets when a sheet name is missing", "[xlsx]") {
  std::string path = Sample("ofsted_2019_template_no_list3.xlsx");
  Workbook book = OpenOk(path);
  Result<const Sheet*> missing = book.SheetByName("List_3");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() ==
        path + ": no sheet named 'List_3' (sheets: Front_Sheet, FAQ_and_changes, Guidance, "
               "Codes_used, List_1, List_2, List 3, List_4, List_5, List_6, List_7, List_8, "
               "List_9, List_10, List_11)");
  const Sheet& list3 = SheetOk(book, "List 3");
  CHECK(Text(list3, 1, 1) == "List 3: Referral");
  CHECK(list3.max_row() == 2);
}

TEST_CASE("Workbook reads serial dates from la_sample_b's List_2", "[xlsx]") {
  Workbook book = OpenOk(Sample("la_sample_b.xlsx"));
  const Sheet& list2 = SheetOk(book, "List_2");
  CHECK(list2.max_row() == 12);
  CHECK(list2.max_col() == 8);
  CHECK(list2.At(3, 1).number == 1001);
  CHECK(Text(list2, 3, 2) == "a) Male");
  CHECK(Text(list2, 3, 3) == "a) WBRI");
  CHECK(DateAt(list2, 3, 4) == CivilDate(2000, 1, 1));
  CHECK(DateAt(list2, 4, 4) == CivilDate(2000, 1, 2));
  CHECK(list2.At(3, 5).kind == CellKind::kNumber);
  CHECK(list2.At(3, 5).number == 12);
  CHECK(DateAt(list2, 3, 6) == CivilDate(2010, 1, 1));
  CHECK(DateAt(list2, 3, 7) == CivilDate(2010, 1, 15));
  CHECK(Text(list2, 3, 8) == "N/A");  // a string, not an error
  const Sheet& list1 = SheetOk(book, "List_1");
  CHECK(list1.At(3, 1).ToText() == "1001");
  CHECK(list1.At(3, 4).ToText() == "2000-01-01");
  CHECK(Text(list1, 3, 7) == "POLICE");
}

TEST_CASE("Workbook reads the council 2019 layout: fractions, blanks, #N/A, formulas", "[xlsx]") {
  Workbook book = OpenOk(Sample("la_sample_2019_layout.xlsx"));
  const Sheet& list1 = SheetOk(book, "List 1");
  CHECK(Text(list1, 1, 1) == "Child Unique ID");
  CHECK(Text(list1, 1, 5) == "Age");
  CHECK(list1.At(2, 1).number == 9212044);
  CHECK(list1.At(2, 1).ToText() == "9212044");
  CHECK(Text(list1, 2, 2) == "Female");
  CHECK(DateAt(list1, 2, 4) == CivilDate(2015, 1, 25));
  CHECK(list1.At(2, 5).kind == CellKind::kNumber);
  CHECK(list1.At(2, 5).number == 6.1382614647501708);
  CHECK(list1.At(2, 5).ToText() == "6.138261464750171");
  CHECK(list1.At(3, 4).empty());  // date-styled cell with no value
  CHECK(DateAt(list1, 3, 6) == CivilDate(2020, 9, 16));
  CHECK(Text(list1, 6, 7) == "t) 9: Anonymous");
  CHECK(list1.max_row() == 6);
  CHECK(list1.max_col() == 7);

  const Sheet& list6 = SheetOk(book, "List 6");
  CellView na = list6.At(2, 13);
  CHECK(na.kind == CellKind::kError);
  CHECK(na.text == "#N/A");
  CHECK(na.ToText() == "#N/A");
  CHECK_FALSE(na.AsDate());
  CHECK(list6.At(6, 14).text == "#N/A");
  CHECK(DateAt(list6, 2, 7) == CivilDate(2010, 6, 9));
  CHECK(Text(list6, 2, 8) == "PSRMEM - Support with memory and cognition");
  CHECK(list6.At(2, 10).empty());

  const Sheet& list10 = SheetOk(book, "List 10");
  CHECK(Text(list10, 1, 13) == "Date of Adoption Order ");
  CHECK(DateAt(list10, 2, 9) == CivilDate(2009, 8, 11));  // formula: the cached value
  CHECK(DateAt(list10, 2, 8) == CivilDate(2009, 8, 6));
  CHECK(list10.At(2, 14).empty());
  CHECK(Text(list10, 4, 15) == "RD2");
}

TEST_CASE("Workbook reads the council 2024 layout with headers in row 1", "[xlsx]") {
  Workbook book = OpenOk(Sample("la_sample_2024_layout.xlsx"));
  const Sheet& list1 = SheetOk(book, "List 1");
  CHECK(Text(list1, 1, 4) == "Date of Birth");
  CHECK(list1.At(2, 1).number == 9212044);
  CHECK(DateAt(list1, 2, 4) == CivilDate(2015, 1, 25));
  CHECK(list1.At(3, 4).empty());
  const Sheet& list6 = SheetOk(book, "List 6");
  CHECK(list6.At(2, 13).kind == CellKind::kError);
  CHECK(list6.At(2, 13).text == "#N/A");
  const Sheet& list9 = SheetOk(book, "List 9");
  CHECK(list9.max_col() == 17);
  CHECK(list9.max_row() == 7);
}

TEST_CASE("Workbook opens from memory and caches loaded sheets", "[xlsx]") {
  Result<Workbook> book =
      Workbook::FromBuffer(ReadBytes(Sample("la_sample_b.xlsx")), "upload.xlsx");
  REQUIRE(book.ok());
  CHECK(book->name() == "upload.xlsx");
  Result<const Sheet*> by_name = book->SheetByName("List_2");
  Result<const Sheet*> by_index = book->SheetByIndex(5);
  REQUIRE(by_name.ok());
  REQUIRE(by_index.ok());
  CHECK(*by_name == *by_index);
  CHECK(*book->SheetByName("List_2") == *by_name);
  Result<const Sheet*> beyond = book->SheetByIndex(15);
  REQUIRE_FALSE(beyond.ok());
  CHECK(beyond.status().code() == StatusCode::kNotFound);
  CHECK(beyond.status().message() == "upload.xlsx: no sheet at index 15 (the workbook has 15 sheets)");
  Result<const Sheet*> missing = book->SheetByName("List_99");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().rfind("upload.xlsx: no sheet named 'List_99' (sheets: Front_Sheet, ", 0) == 0);
  // Sheets stay valid when the workbook is moved.
  Workbook moved = std::move(book).value();
  CHECK(DateAt(**by_name, 3, 4) == CivilDate(2000, 1, 1));
  CHECK(Text(**by_name, 3, 2) == "a) Male");
}

// ------------------------------------------------------- synthetic fixtures --

TEST_CASE("Workbook reads every cell type", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  CHECK(book.SheetNames() == std::vector<std::string>{"Types", "Prefixed", "Empty", "Commented"});
  const Sheet& s = SheetOk(book, "Types");
  CHECK(Text(s, 1, 1) == "plain");
  CHECK(Text(s, 1, 2) == "Rich text");  // runs joined, the phonetic run skipped
  CHECK(Text(s, 1, 3) == "inline");
  CHECK(Text(s, 1, 4) == "inline rich");
  CHECK(Text(s, 1, 5) == "PLAIN");  // t="str": the formula's cached text
  CHECK(s.At(1, 6).kind == CellKind::kBool);
  CHECK(s.At(1, 6).number == 1);
  CHECK(s.At(1, 6).ToText() == "TRUE");
  CHECK(s.At(1, 7).kind == CellKind::kBool);
  CHECK(s.At(1, 7).ToText() == "FALSE");
  CHECK(s.At(1, 8).kind == CellKind::kError);
  CHECK(s.At(1, 8).text == "#N/A");
  CHECK(s.At(1, 9).kind == CellKind::kDate);  // t="d": ISO text
  CHECK(s.At(1, 9).AsDate() == CivilDate(2021, 3, 4));
  CHECK(s.At(1, 9).ToText() == "2021-03-04 05:06:07");
  CHECK(s.At(1, 10).ToText() == "2020-02-29");
  CHECK(Text(s, 1, 11) == "Children\u2019s & young people");
}

TEST_CASE("Workbook tells dates from numbers by the cell's number format", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  const Sheet& s = SheetOk(book, "Types");
  CHECK(s.At(2, 1).kind == CellKind::kNumber);
  CHECK(s.At(2, 1).ToText() == "42");
  CHECK(s.At(2, 2).ToText() == "2.5");
  CHECK(s.At(2, 3).kind == CellKind::kNumber);  // "0.00"
  CHECK(s.At(2, 3).number == 3.14159);
  CHECK(s.At(2, 4).kind == CellKind::kDate);  // "[$-809]dd mmmm yyyy;@"
  CHECK(s.At(2, 4).AsDate() == CivilDate(2021, 1, 1));
  CHECK(s.At(2, 4).ToText() == "2021-01-01");
  CHECK(s.At(2, 8).kind == CellKind::kDate);  // built-in 22, with a time
  CHECK(s.At(2, 8).ToText() == "2021-01-01 12:00:00");
  CHECK(s.At(2, 9).kind == CellKind::kNumber);   // "Day "0: the d is quoted
  CHECK(s.At(2, 10).kind == CellKind::kNumber);  // [Red]#,##0: the d is bracketed
  CHECK(s.At(2, 11).kind == CellKind::kNumber);  // built-in 49 "@"
  CHECK(s.At(2, 12).number == 84);               // a formula's cached number
  CHECK(s.At(2, 13).ToText() == "-0.1");
  CHECK(s.At(2, 14).ToText() == "1e+20");
  CHECK(DateAt(s, 2, 15) == CivilDate(2023, 3, 15));
}

TEST_CASE("Workbook applies the 1900 leap-year bug to serials 1, 60 and 61", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  const Sheet& s = SheetOk(book, "Types");
  CHECK(DateAt(s, 2, 5) == CivilDate(1900, 1, 1));
  CellView day60 = s.At(2, 6);
  CHECK(day60.kind == CellKind::kDate);
  CHECK(day60.number == 60);
  CHECK_FALSE(day60.AsDate());  // 1900-02-29 never existed
  CHECK(day60.ToText() == "60");
  CHECK(DateAt(s, 2, 7) == CivilDate(1900, 3, 1));
}

TEST_CASE("Workbook follows missing row and cell references", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  const Sheet& s = SheetOk(book, "Types");
  CHECK(s.At(3, 1).number == 1);
  CHECK(s.At(3, 2).number == 2);
  CHECK(s.At(3, 3).empty());
  CHECK(s.At(3, 5).number == 5);
  CHECK(s.At(3, 6).number == 6);  // after E3: the next column
  CHECK(s.At(4, 1).empty());
  CHECK(Text(s, 6, 1) == "six");  // a row without r after row 5
  CHECK(s.At(7, 27).number == 27);  // AA7
  CHECK(s.max_row() == 7);
  CHECK(s.max_col() == 27);
  CHECK(s.At(0, 1).empty());
  CHECK(s.At(1, 0).empty());
  CHECK(s.At(1048577, 1).empty());
}

TEST_CASE("Workbook decodes escapes and keeps whitespace-only strings", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  const Sheet& s = SheetOk(book, "Types");
  CHECK(Text(s, 5, 1) == "line1\rline2");  // _x000D_
  CHECK(Text(s, 5, 2) == " ");
  CHECK(s.At(5, 3).empty());  // an empty shared string reads as blank
  CHECK(s.At(5, 4).empty());  // styled, no value
  CHECK(Text(s, 5, 5) == "x_x000D_y");  // _x005F_ is an escaped underscore
  CHECK(s.At(5, 6).text == "#DIV/0!");
  CHECK(s.At(5, 7).empty());  // a formula whose cached text is empty
  CHECK(s.At(5, 8).text == "#N/A");
}

TEST_CASE("Workbook reads namespace-prefixed, unordered and empty sheets", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  const Sheet& prefixed = SheetOk(book, "Prefixed");
  CHECK(Text(prefixed, 1, 2) == "plain");
  CHECK(prefixed.At(3, 1).number == 31);
  CHECK(prefixed.At(3, 3).number == 33);
  CHECK(prefixed.At(2, 1).empty());
  CHECK(prefixed.max_row() == 3);
  CHECK(prefixed.max_col() == 3);
  const Sheet& empty = SheetOk(book, "Empty");
  CHECK(empty.max_row() == 0);
  CHECK(empty.max_col() == 0);
  CHECK(empty.At(1, 1).empty());
}

TEST_CASE("Workbook keeps cell text valid while further sheets load", "[xlsx]") {
  Workbook book = OpenOk(Fixture("cell_types.xlsx"));
  CellView inline_text = SheetOk(book, "Types").At(1, 3);
  CellView shared_text = SheetOk(book, "Types").At(1, 1);
  SheetOk(book, "Prefixed");
  SheetOk(book, "Empty");
  CHECK(inline_text.text == "inline");
  CHECK(shared_text.text == "plain");
}

TEST_CASE("Workbook converts 1904-system serials to the 1900 system", "[xlsx]") {
  Workbook book = OpenOk(Fixture("date1904.xlsx"));
  const Sheet& s = SheetOk(book, "Dates");
  CHECK(s.At(1, 1).kind == CellKind::kDate);
  CHECK(s.At(1, 1).number == 1462);
  CHECK(s.At(1, 1).AsDate() == CivilDate(1904, 1, 1));
  CHECK(s.At(1, 2).AsDate() == CivilDate(1905, 1, 1));
  CHECK(s.At(1, 3).kind == CellKind::kNumber);
  CHECK(s.At(1, 3).number == 5);  // plain numbers are not shifted
}

TEST_CASE("CellView renders values as text and numbers as dates", "[xlsx]") {
  CHECK(CellView{}.ToText().empty());
  CHECK(CellView{CellKind::kNumber, 3, {}}.ToText() == "3");
  CHECK(CellView{CellKind::kNumber, -12, {}}.ToText() == "-12");
  CHECK(CellView{CellKind::kNumber, 0.1 + 0.2, {}}.ToText() == "0.30000000000000004");
  CHECK(CellView{CellKind::kNumber, 61, {}}.AsDate() == CivilDate(1900, 3, 1));
  CHECK(CellView{CellKind::kDate, 45000.25, {}}.ToText() == "2023-03-15 06:00:00");
  CHECK(CellView{CellKind::kDate, 0.5, {}}.ToText() == "0.5");  // a time of day only
  CHECK_FALSE(CellView{CellKind::kString, 0, "2021-01-01"}.AsDate());
  CHECK_FALSE(CellView{CellKind::kBool, 1, {}}.AsDate());
}

// ------------------------------------------------------------------ errors --

TEST_CASE("Workbook refuses files that are not xlsx workbooks", "[xlsx]") {
  std::string dir = MakeTempDir();
  std::string text = WriteTextFile(dir, "bad.xlsx", "Child Unique ID,Gender\n");
  Result<Workbook> not_zip = Workbook::Open(text);
  REQUIRE_FALSE(not_zip.ok());
  CHECK(not_zip.status().code() == StatusCode::kParseError);
  CHECK(not_zip.status().message() == text + ": not an xlsx workbook (not a zip archive)");

  std::string no_workbook = Fixture("no_workbook.xlsx");
  Result<Workbook> bare = Workbook::Open(no_workbook);
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.status().code() == StatusCode::kParseError);
  CHECK(bare.status().message() == no_workbook + ": not an xlsx workbook (no xl/workbook.xml)");

  Result<Workbook> absent = Workbook::Open(dir + "/absent.xlsx");
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.status().code() == StatusCode::kNotFound);
}

TEST_CASE("Workbook refuses a DOCTYPE in its parts", "[xlsx]") {
  std::string path = Fixture("doctype.xlsx");
  Result<Workbook> book = Workbook::Open(path);
  REQUIRE_FALSE(book.ok());
  CHECK(book.status().code() == StatusCode::kParseError);
  CHECK(book.status().message() ==
        path + ":xl/workbook.xml: DOCTYPE declarations are not accepted (entity expansion)");
}

TEST_CASE("Workbook names the part of a broken sheet", "[xlsx]") {
  std::string path = Fixture("bad_parts.xlsx");
  Workbook book = OpenOk(path);  // sheets load lazily: opening succeeds
  Result<const Sheet*> bad_xml = book.SheetByName("BadXml");
  REQUIRE_FALSE(bad_xml.ok());
  CHECK(bad_xml.status().code() == StatusCode::kParseError);
  CHECK(bad_xml.status().message() ==
        path + ":xl/worksheets/sheet1.xml: XML error at byte 182: Error parsing end element tag");
  Result<const Sheet*> no_rel = book.SheetByName("NoRel");
  REQUIRE_FALSE(no_rel.ok());
  CHECK(no_rel.status().message() ==
        path + ":xl/workbook.xml: sheet 'NoRel' refers to relationship 'rId9', which "
               "xl/_rels/workbook.xml.rels does not define");
  Result<const Sheet*> bad_index = book.SheetByName("BadIndex");
  REQUIRE_FALSE(bad_index.ok());
  CHECK(bad_index.status().message() ==
        path + ":xl/worksheets/sheet3.xml: cell A1: shared string index '99' out of range (0 strings)");
  Result<const Sheet*> no_part = book.SheetByName("NoPart");
  REQUIRE_FALSE(no_part.ok());
  CHECK(no_part.status().code() == StatusCode::kNotFound);
  CHECK(no_part.status().message() == path + ": xl/worksheets/sheet4.xml: no such entry in the archive");
}

TEST_CASE("Workbook enforces the cell and zip limits", "[xlsx]") {
  std::string path = Fixture("cell_types.xlsx");
  XlsxOptions few_cells;
  few_cells.max_cells_per_sheet = 5;
  Workbook book = OpenOk(path, few_cells);
  Result<const Sheet*> types = book.SheetByName("Types");
  REQUIRE_FALSE(types.ok());
  CHECK(types.status().code() == StatusCode::kLimitExceeded);
  CHECK(types.status().message() ==
        path + ":xl/worksheets/sheet1.xml: more than 5 cells (the per-sheet limit)");
  CHECK(book.SheetByName("Prefixed").ok());  // 3 cells

  XlsxOptions few_entries;
  few_entries.zip.max_entries = 2;
  Result<Workbook> crowded = Workbook::Open(path, few_entries);
  REQUIRE_FALSE(crowded.ok());
  CHECK(crowded.status().code() == StatusCode::kLimitExceeded);
  CHECK(crowded.status().message() == path + ": 10 entries exceed the limit of 2");

  XlsxOptions tiny_parts;
  tiny_parts.zip.max_entry_bytes = 100;
  Result<Workbook> bomb = Workbook::Open(path, tiny_parts);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.status().code() == StatusCode::kLimitExceeded);
  CHECK(bomb.status().message().rfind(path + ": xl/_rels/workbook.xml.rels: decompressed size ", 0) == 0);
}


TEST_CASE("Workbook reads the same cells when parts are parsed in tiny slices", "[xlsx]") {
  XlsxOptions tiny;
  tiny.xml_slice_bytes = 1;  // one <row> (and one shared <si>) per slice
  for (const std::string& path :
       {Fixture("cell_types.xlsx"), Sample("ofsted_2019_template.xlsx"),
        Sample("la_sample_2019_layout.xlsx")}) {
    Workbook whole = OpenOk(path);
    Workbook sliced = OpenOk(path, tiny);
    REQUIRE(sliced.SheetNames() == whole.SheetNames());
    for (const std::string& name : whole.SheetNames()) {
      const Sheet& a = SheetOk(whole, name);
      const Sheet& b = SheetOk(sliced, name);
      INFO(path << " " << name);
      REQUIRE(a.max_row() == b.max_row());
      REQUIRE(a.max_col() == b.max_col());
      int mismatches = 0;
      for (int r = 1; r <= a.max_row(); ++r) {
        for (int c = 1; c <= a.max_col(); ++c) {
          CellView x = a.At(r, c), y = b.At(r, c);
          if (x.kind != y.kind || x.number != y.number || x.text != y.text) ++mismatches;
        }
      }
      CHECK(mismatches == 0);
    }
  }
}

TEST_CASE("Workbook re-reads a sheet whole when a slice cannot stand alone", "[xlsx]") {
  XlsxOptions tiny;
  tiny.xml_slice_bytes = 1;
  Workbook book = OpenOk(Fixture("cell_types.xlsx"), tiny);
  const Sheet& s = SheetOk(book, "Commented");  // row 1 sliced, then the fallback
  CHECK(Text(s, 1, 1) == "a");
  CHECK(s.At(2, 1).number == 2);
  CHECK(s.At(3, 1).number == 3);
  CHECK(s.max_row() == 3);
  CHECK(s.max_col() == 1);
}

TEST_CASE("Workbook reports a bad cell reference with its byte offset", "[xlsx]") {
  std::string path = Fixture("bad_parts.xlsx");
  XlsxOptions tiny;
  tiny.xml_slice_bytes = 1;
  for (const XlsxOptions& options : {XlsxOptions{}, tiny}) {
    Workbook book = OpenOk(path, options);
    Result<const Sheet*> sheet = book.SheetByName("BadRef");
    REQUIRE_FALSE(sheet.ok());
    CHECK(sheet.status().code() == StatusCode::kParseError);
    CHECK(sheet.status().message() ==
          path + ":xl/worksheets/sheet5.xml: bad cell reference '7B' at byte 373");
  }
}

// A sheet as StreamSheet hands it out: per row in the order delivered, its
// number and its cells 1..max_col as At reads them.
struct StreamedRow {
  int number = 0;
  std::vector<CellView> cells;
  std::vector<std::string> texts;  // the cells' texts, kept past the call
};

std::vector<StreamedRow> Streamed(Workbook& book, int index, int* restarts, size_t slice_bytes = 0) {
  std::vector<StreamedRow> rows;
  Status s = book.StreamSheet(
      index,
      [&rows](const SheetRow& row) {
        StreamedRow& r = rows.emplace_back();
        r.number = row.number();
        for (int c = 1; c <= row.max_col(); ++c) {
          r.cells.push_back(row.At(c));
          r.texts.emplace_back(row.At(c).text);
        }
        return Status::Ok();
      },
      [&] {
        rows.clear();
        ++*restarts;
      },
      slice_bytes);
  INFO(s.message());
  REQUIRE(s.ok());
  return rows;
}

TEST_CASE("Workbook streams every sheet row by row with the cells SheetByIndex reads", "[xlsx]") {
  XlsxOptions tiny;
  tiny.xml_slice_bytes = 1;
  for (const std::string& path : {Fixture("cell_types.xlsx"), Fixture("date1904.xlsx"), Sample("ofsted_2019_template.xlsx"),
                                  Sample("la_sample_2019_layout.xlsx"), Sample("la_sample_b.xlsx")}) {
    for (const XlsxOptions& options : {XlsxOptions{}, tiny}) {
      Workbook whole = OpenOk(path);
      Workbook streamed = OpenOk(path, options);
      for (size_t i = 0; i < whole.SheetNames().size(); ++i) {
        const Sheet& sheet = SheetOk(whole, whole.SheetNames()[i]);
        int restarts = 0;
        std::vector<StreamedRow> rows = Streamed(streamed, static_cast<int>(i), &restarts);
        INFO(path << " " << sheet.name());
        int mismatches = 0, max_col = 0;
        std::vector<int> numbers;
        for (const StreamedRow& r : rows) {
          numbers.push_back(r.number);
          CHECK(!r.cells.empty());
          max_col = std::max(max_col, static_cast<int>(r.cells.size()));
          for (int c = 1; c <= sheet.max_col(); ++c) {
            CellView x = sheet.At(r.number, c);
            CellView y = static_cast<size_t>(c) <= r.cells.size() ? r.cells[static_cast<size_t>(c) - 1] : CellView();
            std::string_view y_text =
                static_cast<size_t>(c) <= r.texts.size() ? std::string_view(r.texts[static_cast<size_t>(c) - 1]) : std::string_view();
            if (x.kind != y.kind || x.number != y.number || x.text != y_text) {
              ++mismatches;
              UNSCOPED_INFO("row " << r.number << " col " << c << ": " << static_cast<int>(x.kind) << " " << x.number << " '"
                                   << x.text << "' vs " << static_cast<int>(y.kind) << " " << y.number << " '" << y_text << "'");
            }
          }
        }
        CHECK(mismatches == 0);
        CHECK(max_col == sheet.max_col());
        // Every row holding a cell comes once; the rows of an unordered
        // sheet come in the order written.
        std::vector<int> sorted = numbers;
        std::sort(sorted.begin(), sorted.end());
        std::vector<int> holding;
        for (int r = 1; r <= sheet.max_row(); ++r)
          for (int c = 1; c <= sheet.max_col(); ++c)
            if (!sheet.At(r, c).empty()) {
              holding.push_back(r);
              break;
            }
        CHECK(sorted == holding);
      }
    }
  }
}

TEST_CASE("Workbook streams rows in the order written and starts over when a slice cannot stand alone", "[xlsx]") {
  XlsxOptions tiny;
  tiny.xml_slice_bytes = 1;
  Workbook book = OpenOk(Fixture("cell_types.xlsx"), tiny);
  int restarts = 0;
  std::vector<StreamedRow> prefixed = Streamed(book, 1, &restarts);
  REQUIRE(prefixed.size() == 2);
  CHECK(prefixed[0].number == 3);  // written first
  CHECK(prefixed[0].cells[0].number == 31);  // its cells sorted by column
  CHECK(prefixed[0].cells[2].number == 33);
  CHECK(prefixed[1].number == 1);
  CHECK(restarts == 0);
  std::vector<StreamedRow> commented = Streamed(book, 3, &restarts);  // row 1 sliced, then the fallback
  CHECK(restarts == 1);
  REQUIRE(commented.size() == 3);
  CHECK(commented[0].texts[0] == "a");
  CHECK(commented[2].number == 3);
  CHECK(commented[2].cells[0].number == 3);
  // A reader wanting only the first rows can ask for small slices.
  restarts = 0;
  Workbook plain = OpenOk(Fixture("cell_types.xlsx"));
  CHECK(Streamed(plain, 0, &restarts, 16).size() == Streamed(book, 0, &restarts).size());
}

TEST_CASE("Workbook opens a second handle that streams the same rows", "[xlsx]") {
  for (bool from_memory : {false, true}) {
    const std::string path = Sample("la_sample_b.xlsx");
    Result<Workbook> first = from_memory ? Workbook::FromBuffer(ReadBytes(path), "upload.xlsx") : Workbook::Open(path);
    REQUIRE(first.ok());
    Result<Workbook> again = first->OpenAgain();
    REQUIRE(again.ok());
    CHECK(again->name() == first->name());
    REQUIRE(again->SheetNames() == first->SheetNames());
    for (size_t i = 0; i < first->SheetNames().size(); ++i) {
      int restarts = 0;
      std::vector<StreamedRow> a = Streamed(*first, static_cast<int>(i), &restarts);
      std::vector<StreamedRow> b = Streamed(*again, static_cast<int>(i), &restarts);
      REQUIRE(a.size() == b.size());
      for (size_t r = 0; r < a.size(); ++r) {
        CHECK(a[r].number == b[r].number);
        CHECK(a[r].texts == b[r].texts);
      }
      CHECK(first->SheetSizeHint(static_cast<int>(i)) > 0);
    }
    CHECK(first->SheetSizeHint(99) == 0);
    int restarts = 0;
    Status missing = first->StreamSheet(99, [](const SheetRow&) { return Status::Ok(); }, [&] { ++restarts; });
    CHECK(missing.code() == StatusCode::kNotFound);
  }
}

}  // namespace
}  // namespace annexa::sources
