// Reading a council's own Annex A workbook strictly (issue 16): headers
// recognised like values (a sheet is a list when most of its headers match,
// whichever column is first; every header not spelled as Ofsted spells it
// reported), numbers in date columns refused unless the cell is formatted
// as a date, dates in 1900 or before and impossible future dates of birth
// flagged, whole numbers written "3.0" read as 3 with a finding.
//
// Each workbook is written here with libxlsxwriter, cell by cell, so each
// test holds exactly the cells (text, plain number, date-formatted number)
// it names. Expected values are worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <xlsxwriter.h>

#include <map>
#include <string>
#include <vector>

#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/rules.h"
#include "validate/spec_fixture.h"
#include "validate/workbook_reader.h"

using namespace annexa;

namespace {

const testing::LoadedSpecs& Specs() { return testing::ValidateSpecs(); }

const spec::ListSpec& List(int number) { return *Specs().versions[1].FindList(number); }

// One cell as written: text, a plain number, or a number formatted as a date.
struct Cell {
  enum Kind { kText, kNumber, kDateNumber } kind = kText;
  std::string text;
  double number = 0;
};
Cell Text(std::string t) { return {Cell::kText, std::move(t), 0}; }
Cell Number(double n) { return {Cell::kNumber, "", n}; }
Cell DateNumber(double n) { return {Cell::kDateNumber, "", n}; }

struct SheetSpec {
  std::string name;
  std::vector<std::string> headers;
  std::vector<std::map<int, Cell>> rows;  // by 0-based column
};

// Ofsted's headers of `list`, the first `replaced` by `first` when given.
std::vector<std::string> Headers(const spec::ListSpec& list, const std::string& first = "") {
  std::vector<std::string> out;
  for (const auto& c : list.columns) out.push_back(c.header);
  if (!first.empty()) out[0] = first;
  return out;
}

int Col(const spec::ListSpec& list, const std::string& key) { return list.ColumnIndex(key); }

std::string Write(const std::string& file, const std::vector<SheetSpec>& sheets) {
  const std::string path = testing::MakeTempDir() + "/" + file;
  lxw_workbook* wb = workbook_new(path.c_str());
  REQUIRE(wb);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  for (const SheetSpec& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    for (size_t c = 0; c < s.headers.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.headers[c].c_str(), nullptr);
    for (size_t r = 0; r < s.rows.size(); ++r)
      for (const auto& [c, cell] : s.rows[r]) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (cell.kind == Cell::kText) worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
        else worksheet_write_number(ws, row, col, cell.number, cell.kind == Cell::kDateNumber ? date : nullptr);
      }
  }
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  return path;
}

std::vector<std::string> Codes(const Findings& f, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& x : f)
    if (x.code == code) out.push_back(std::to_string(x.list) + "|" + x.message);
  return out;
}

using testing::Tuples;

// A List 7 row: child id, gender, plan start date (an Excel date cell).
std::map<int, Cell> CpRow(const std::string& id, double start_serial) {
  const auto& l = List(7);
  return {{0, Text(id)}, {Col(l, "gender"), Text("b) Female")}, {Col(l, "cp_plan_start_date"), DateNumber(start_serial)}};
}

}  // namespace

TEST_CASE("validate workbook: a 'List 7' sheet whose first header reads 'Child ID' is List 7", "[validate][workbook-read][headers]") {
  // The case: 16 of Ofsted's 17 headers, the first "Child ID".
  REQUIRE(List(7).columns.size() == 17);
  // 45000 is 15/03/2023 (1 Jan 2023 is serial 44927; +73 days).
  const std::string path =
      Write("list7.xlsx", {{"List 7", Headers(List(7), "Child ID"), {CpRow("C1", 45000), CpRow("C2", 45000)}}});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[6] == "List 7");
  REQUIRE(wb->lists[6].rows.size() == 2);
  CHECK(wb->lists[6].rows[1].cells[0].ToText() == "C2");
  CHECK(wb->lists[6].rows[0].cells[Col(List(7), "cp_plan_start_date")].ToText() == "15/03/2023");
  CHECK(Codes(f, "header-spelling") ==
        std::vector<std::string>{"7|sheet 'List 7' column A 'Child ID' was read as 'Child Unique ID'"});
  CHECK(Tuples(f, "header-spelling") == std::vector<std::string>{"7|0|child_id|Child ID"});
  CHECK(Codes(f, "missing-list").size() == 10);  // every other list
  for (const auto& x : f) CHECK((x.code != "missing-list" || x.list != 7));
  CHECK(Codes(f, "missing-column").empty());
}

TEST_CASE("validate workbook: other spellings of headers are read and each is reported once", "[validate][workbook-read][headers]") {
  // Upper case, an alias, a header without its "(Years)": three findings,
  // one per column, none for the fourteen headers spelled as Ofsted's.
  std::vector<std::string> h = Headers(List(7), "CHILD UNIQUE ID");
  h[static_cast<size_t>(Col(List(7), "age"))] = "Age of Child";
  h[static_cast<size_t>(Col(List(7), "date_of_birth"))] = "DOB";
  const std::string path = Write("list7b.xlsx", {{"CP", h, {CpRow("C1", 45000)}}});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[6] == "CP");
  CHECK(Codes(f, "header-spelling") ==
        std::vector<std::string>{"7|sheet 'CP' column A 'CHILD UNIQUE ID' was read as 'Child Unique ID'",
                                 "7|sheet 'CP' column D 'DOB' was read as 'Date of Birth'",
                                 "7|sheet 'CP' column E 'Age of Child' was read as 'Age of Child (Years)'"});
}

TEST_CASE("validate workbook: a list is found whichever column is first, an unknown identifier header reported", "[validate][workbook-read][headers]") {
  // "Ref No." is no spelling of Child Unique ID: 16 of 17 columns match
  // (94%) and 16 of the sheet's 17 headers, so the sheet is List 7, its
  // identifier column missing and 'Ref No.' an extra column.
  const std::string path =
      Write("list7c.xlsx", {{"List_7", Headers(List(7), "Ref No."), {CpRow("C1", 45000)}}});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[6] == "List_7");
  CHECK(wb->lists[6].rows.size() == 1);
  CHECK(Codes(f, "missing-column") == std::vector<std::string>{"7|sheet 'List_7' has no column 'Child Unique ID'"});
  CHECK(Codes(f, "extra-column") ==
        std::vector<std::string>{"7|sheet 'List_7' column A 'Ref No.' is not an Annex A column of List 7: Child protection"});
  CHECK(Codes(f, "header-spelling").empty());

  // Without its identifier, a sheet needs three quarters of the list's
  // columns: 11 of 17 (65%) is not List 7.
  std::vector<std::string> h = Headers(List(7), "Ref No.");
  for (size_t c = 12; c < h.size(); ++c) h[c] = "Note " + std::to_string(c);
  Findings g;
  auto wb2 = validate::ReadAnnexWorkbook(Write("list7d.xlsx", {{"List_7", h, {CpRow("C1", 45000)}}}),
                                         Specs().candidates, "ilacs-2019", Specs().aliases, &g);
  REQUIRE(wb2.ok());
  CHECK(wb2->sheet_of_list[6].empty());
}

TEST_CASE("validate workbook: numbers in date columns, early and future dates, '3.0' as a whole number", "[validate][workbook-read][types]") {
  const auto& l1 = List(1);
  const auto& l8 = List(8);
  const int dob1 = Col(l1, "date_of_birth"), age1 = Col(l1, "age"), contact = Col(l1, "date_of_contact");
  const int dob8 = Col(l8, "date_of_birth");
  // Serials worked out by hand: 1 Jan 2015 is 42005, so 25 Jan 2015 is
  // 42029; 1 Jan 2026 is 46023, so 1 Mar 2026 is 46082 and 1 Jun 2027
  // (365 + 151 days after 1 Jan 2026) is 46539. Serial 17 is 17 Jan 1900.
  SheetSpec list1{"List_1", Headers(l1), {}};
  list1.rows.push_back({{0, Text("A1")}, {dob1, Number(17.5)}, {age1, Text("3.0")}, {contact, DateNumber(46082)}});
  list1.rows.push_back({{0, Text("A2")}, {dob1, Number(3)}, {age1, Text("3.5")}, {contact, DateNumber(46082)}});
  list1.rows.push_back({{0, Text("A3")}, {dob1, DateNumber(17.5)}, {age1, Number(4)}, {contact, DateNumber(46082)}});
  list1.rows.push_back({{0, Text("A4")}, {dob1, Text("01/01/1899")}, {age1, Text("1e1")}, {contact, DateNumber(46082)}});
  // An unborn child's expected date of birth, after the reference date: allowed in List 1, but not 14 months on.
  list1.rows.push_back({{0, Text("A5")}, {dob1, DateNumber(46539)}, {age1, Text("-1")}, {contact, DateNumber(46082)}});
  list1.rows.push_back({{0, Text("A6")}, {dob1, DateNumber(42029)}, {age1, Text("11")}, {contact, DateNumber(46539)}});
  // List 8 holds no unborn child: a date of birth after the reference date is wrong.
  SheetSpec list8{"List_8", Headers(l8), {}};
  list8.rows.push_back({{0, Text("B1")}, {dob8, DateNumber(46539)}});
  list8.rows.push_back({{0, Text("B2")}, {dob8, DateNumber(42029)}});
  const std::string path = Write("types.xlsx", {list1, list8});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  const auto& rows = wb->lists[0].rows;
  REQUIRE(rows.size() == 6);

  // A number without a date format is not a date.
  CHECK(Tuples(f, "bad-date") == std::vector<std::string>{"1|1|date_of_birth|17.5", "1|2|date_of_birth|3"});
  CHECK(Codes(f, "bad-date")[0] ==
        "1|'Date of Birth' holds the number 17.5 in a cell not formatted as a date; a date column needs dates (format "
        "the cell as a date only if the number is an Excel day number)");
  CHECK(rows[0].cells[static_cast<size_t>(dob1)].kind == CellValue::Kind::kText);
  CHECK(rows[2].cells[static_cast<size_t>(dob1)].ToText() == "17/01/1900");  // formatted as a date: read, then flagged
  CHECK(rows[5].cells[static_cast<size_t>(dob1)].ToText() == "25/01/2015");

  // "3.0" is 3, reported; "3.5" and "1e1" are not whole numbers; the number 4 and "-1", "11" are.
  CHECK(Tuples(f, "number-spelling") == std::vector<std::string>{"1|1|age|3.0"});
  CHECK(Codes(f, "number-spelling") ==
        std::vector<std::string>{"1|'3.0' is written with a fraction of zero; read as 3 (Age of Child (Years))"});
  CHECK(rows[0].cells[static_cast<size_t>(age1)].kind == CellValue::Kind::kInteger);
  CHECK(rows[0].cells[static_cast<size_t>(age1)].integer == 3);
  CHECK(Tuples(f, "bad-integer") == std::vector<std::string>{"1|2|age|3.5", "1|4|age|1e1"});
  CHECK(rows[4].cells[static_cast<size_t>(age1)].integer == -1);

  Findings checked = validate::Validate({*wb->spec, CivilDate(2026, 3, 31), wb->lists});
  auto where = [&](const std::string& code) {
    std::vector<std::string> out;
    for (const auto& x : checked)
      if (x.code == code) out.push_back(std::to_string(x.list) + "|" + std::to_string(x.list_row) + "|" + x.column + "|" + x.message);
    return out;
  };
  CHECK(where("implausible-date") ==
        std::vector<std::string>{
            "1|3|date_of_birth|'Date of Birth' 17/01/1900 is in 1900 or before: no Annex A date can be (a number in a date cell?)",
            "1|4|date_of_birth|'Date of Birth' 01/01/1899 is in 1900 or before: no Annex A date can be (a number in a date cell?)"});
  // The List 1 contact after the reference date; the List 8 date of birth
  // after it. List 1's expected date of birth (row 5) was spared whatever
  // the date until issue 17: 01/06/2027 is 427 days after 31/03/2026, more
  // than the 42 weeks (294 days) of a pregnancy, so it is now flagged too.
  CHECK(where("date-after-reference") ==
        std::vector<std::string>{
            "1|5|date_of_birth|'Date of Birth' 01/06/2027 is more than 42 weeks after the reference date 31/03/2026: "
            "too late even for an unborn child's expected date of birth",
            "1|6|date_of_contact|'Date of Contact' 01/06/2027 is after the reference date 31/03/2026",
            "8|1|date_of_birth|'Date of Birth' 01/06/2027 is after the reference date 31/03/2026"});
}

TEST_CASE("validate workbook: a date column written month first is said once and read month first", "[validate][workbook-read][types]") {
  const auto& l1 = List(1);
  const int contact = Col(l1, "date_of_contact");  // column F
  REQUIRE(contact == 5);
  SheetSpec us{"List_1", Headers(l1), {}};
  // 12/25/2020 and 01/13/2021 are dates only month first; 03/04/2021 is a
  // date both ways (3 April day first, 4 March month first); 05/05/2021 is
  // the same date both ways; the last is a date cell (46082: 1 Mar 2026).
  for (const char* t : {"12/25/2020", "03/04/2021", "01/13/2021", "05/05/2021"})
    us.rows.push_back({{0, Text("A")}, {contact, Text(t)}});
  us.rows.push_back({{0, Text("A")}, {contact, DateNumber(46082)}});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(Write("us.xlsx", {us}), Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(Codes(f, "month-first-dates") ==
        std::vector<std::string>{
            "1|'Date of Contact' (Date of Contact (column F)) is written month first: 2 of its dates are dates only "
            "month first ('12/25/2020', row 2) and none only day first; 3 were read month first, none day first. "
            "Write the column DD/MM/YYYY (or as date cells)"});
  CHECK(Tuples(f, "month-first-dates") == std::vector<std::string>{"1|0|date_of_contact|12/25/2020"});
  CHECK(Codes(f, "bad-date").empty());
  const auto& rows = wb->lists[0].rows;
  REQUIRE(rows.size() == 5);
  std::vector<std::string> read;
  for (const auto& r : rows) read.push_back(r.cells[static_cast<size_t>(contact)].ToText());
  CHECK(read == std::vector<std::string>{"25/12/2020", "04/03/2021", "13/01/2021", "05/05/2021", "01/03/2026"});

  // A column with a date only day first (25/12/2020) is day first: its
  // 12/25/2020 is not a date, and 03/04/2021 is 3 April.
  SheetSpec mixed{"List_1", Headers(l1), {}};
  for (const char* t : {"25/12/2020", "12/25/2020", "03/04/2021"}) mixed.rows.push_back({{0, Text("A")}, {contact, Text(t)}});
  Findings g;
  auto wb2 = validate::ReadAnnexWorkbook(Write("mixed.xlsx", {mixed}), Specs().candidates, "ilacs-2019", Specs().aliases, &g);
  REQUIRE(wb2.ok());
  CHECK(Codes(g, "month-first-dates").empty());
  CHECK(Tuples(g, "bad-date") == std::vector<std::string>{"1|2|date_of_contact|12/25/2020"});
  CHECK(Codes(g, "bad-date") ==
        std::vector<std::string>{"1|'12/25/2020' is not a date (Date of Contact; it would be month first, but the "
                                 "column also holds 25/12/2020, which is day first)"});
  CHECK(wb2->lists[0].rows[2].cells[static_cast<size_t>(contact)].ToText() == "03/04/2021");
}

TEST_CASE("validate workbook: list-specific header spellings from the spec's aliases", "[validate][workbook-read][headers]") {
  std::vector<std::string> h = Headers(List(1), "Child_ID");  // "Child ID" but for the underscore: the loose form
  h[static_cast<size_t>(Col(List(1), "date_of_contact"))] = "Contact Date";
  h[static_cast<size_t>(Col(List(1), "contact_source"))] = "Source of Contact";
  const std::string path = Write("list1.xlsx", {{"Contacts", h, {{{0, Text("A")}}}}});
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[0] == "Contacts");
  CHECK(Codes(f, "header-spelling") ==
        std::vector<std::string>{"1|sheet 'Contacts' column A 'Child_ID' was read as 'Child Unique ID'",
                                 "1|sheet 'Contacts' column F 'Contact Date' was read as 'Date of Contact'",
                                 "1|sheet 'Contacts' column G 'Source of Contact' was read as 'Contact Source'"});
  CHECK(Codes(f, "missing-column").empty());
}
