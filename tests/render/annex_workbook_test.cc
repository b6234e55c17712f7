// Tests of the Annex A workbook writer: every value is read back with the
// project's own xlsx reader and compared exactly with what was written.
#include "render/annex_workbook.h"

#include <map>
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sources/xlsx_reader.h"
#include "sources/zip_archive.h"
#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/completeness.h"

namespace annexa::render {
namespace {

using sources::CellKind;
using sources::CellView;
using sources::Sheet;
using sources::Workbook;

namespace fs = std::filesystem;

const spec::SpecVersion& Spec() {
  static const spec::SpecVersion spec = [] {
    Result<spec::SpecVersion> loaded =
        spec::LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    if (!loaded.ok()) FAIL(loaded.status().message());
    return std::move(loaded).value();
  }();
  return spec;
}

// The run's facts the Cover shows; each test's copy lives as long as the test.
const RunFacts* Facts(const std::string& generated_at = "2026-11-23T09:30:00") {
  static std::map<std::string, RunFacts> by_time;
  RunFacts& f = by_time[generated_at];
  f.council = "Exampleshire County Council";
  f.la_code = "999";
  f.reference_date = CivilDate(2026, 11, 23);
  f.generated_at = generated_at;
  f.tool_version = "annexa 0.1.0";
  return &f;
}

WorkbookMeta Meta() {
  WorkbookMeta meta;
  meta.facts = Facts();
  return meta;
}

using annexa::testing::ReadBytes;

Workbook OpenOk(const std::string& path) { return annexa::testing::OpenOk(path); }

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

double Number(const Sheet& sheet, int row, int col) {
  CellView cell = sheet.At(row, col);
  return cell.kind == CellKind::kNumber ? cell.number : -12345;
}

std::optional<CivilDate> DateAt(const Sheet& sheet, int row, int col) {
  CellView cell = sheet.At(row, col);
  return cell.kind == CellKind::kDate ? cell.AsDate() : std::nullopt;
}

// A row of `list` with a typed value in every column: dates, integers and
// text per the column's type.
AnnexRow FullRow(const spec::ListSpec& list, int seed) {
  AnnexRow row;
  for (const spec::ColumnSpec& col : list.columns) {
    switch (col.type) {
      case spec::ColumnType::kDate:
        row.cells.push_back(CellValue::Date(CivilDate(2026, 1 + seed % 12, 1 + seed % 28)));
        break;
      case spec::ColumnType::kInteger: row.cells.push_back(CellValue::Integer(seed)); break;
      default: row.cells.push_back(CellValue::Text(col.key + "-" + std::to_string(seed)));
    }
  }
  return row;
}

AnnexList ListOf(int number) {
  AnnexList list;
  list.spec = Spec().FindList(number);
  REQUIRE(list.spec != nullptr);
  list.base_table = "table_" + std::to_string(number);
  return list;
}

int ColumnOfType(const spec::ListSpec& list, spec::ColumnType type, int nth = 0) {
  for (size_t c = 0; c < list.columns.size(); ++c)
    if (list.columns[c].type == type && nth-- == 0) return static_cast<int>(c);
  FAIL("no such column in " << list.title);
  return -1;
}

// List 1 with three rows (full; with blanks; with awkward text) and List 8
// with one row; every other list missing.
std::vector<AnnexList> SampleLists() {
  AnnexList l1 = ListOf(1);
  const spec::ListSpec& s1 = *l1.spec;
  l1.rows.push_back(FullRow(s1, 7));
  AnnexRow blanks = FullRow(s1, 8);
  blanks.cells[1] = CellValue::Blank();
  blanks.cells[static_cast<size_t>(ColumnOfType(s1, spec::ColumnType::kDate))] = CellValue::Blank();
  l1.rows.push_back(blanks);
  AnnexRow awkward = FullRow(s1, 9);
  awkward.cells[0] = CellValue::Text("Zoë O’Brien “quoted” <&> ");
  l1.rows.push_back(awkward);
  l1.account.read = 5;
  l1.account.included = 3;
  l1.account.excluded = {{"contact outside the window", 1}, {"duplicate", 1}};

  AnnexList l8 = ListOf(8);
  l8.rows.push_back(FullRow(*l8.spec, 3));
  l8.account.read = 2;
  l8.account.included = 1;  // one row unaccounted for: not balanced
  return {l8, l1};         // any order
}

std::string WriteOk(const std::string& path, const std::vector<AnnexList>& lists,
                    const WorkbookMeta& meta = Meta()) {
  Status s = WriteAnnexWorkbook(path, Spec(), lists, meta);
  INFO(s.message());
  REQUIRE(s.ok());
  return path;
}

TEST_CASE("workbook: sheets, titles and headers follow the spec", "[workbook]") {
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", SampleLists());
  Workbook book = OpenOk(path);
  std::vector<std::string> expected = {"Cover"};
  for (const spec::ListSpec& list : Spec().lists) expected.push_back(list.sheet);
  expected.push_back("Row_accounting");
  REQUIRE(Spec().lists.size() == 11);
  CHECK(book.SheetNames() == expected);
  CHECK(expected[1] == "List_1");
  CHECK(expected[11] == "List_11");

  for (const spec::ListSpec& list : Spec().lists) {
    INFO(list.sheet);
    const Sheet& sheet = SheetOk(book, list.sheet);
    CHECK(Text(sheet, 1, 1) == list.title);
    CHECK(sheet.max_col() == static_cast<int>(list.columns.size()));
    for (size_t c = 0; c < list.columns.size(); ++c)
      CHECK(Text(sheet, 2, static_cast<int>(c) + 1) == list.columns[c].header);
    if (list.number != 1 && list.number != 8) CHECK(sheet.max_row() == 2);  // missing list
  }
  CHECK(Text(SheetOk(book, "List_8"), 1, 1) == "List 8: Children in care");
  // Ofsted's header keeps its trailing space.
  const spec::ListSpec& s8 = *Spec().FindList(8);
  const int ceased = s8.FindColumnByHeader("Date Ceased to be Looked After");
  REQUIRE(ceased >= 0);
  CHECK(Text(SheetOk(book, "List_8"), 2, ceased + 1) == "Date Ceased to be Looked After ");
}

TEST_CASE("workbook: cells keep their kind and exact value", "[workbook]") {
  const std::vector<AnnexList> lists = SampleLists();
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", lists);
  Workbook book = OpenOk(path);
  const spec::ListSpec& s1 = *Spec().FindList(1);
  const Sheet& sheet = SheetOk(book, "List_1");
  CHECK(sheet.max_row() == 5);

  const AnnexList& l1 = lists[1];
  for (size_t r = 0; r < l1.rows.size(); ++r) {
    for (size_t c = 0; c < s1.columns.size(); ++c) {
      INFO("row " << r + 3 << " column " << s1.columns[c].header);
      const CellValue& want = l1.rows[r].cells[c];
      const int row = static_cast<int>(r) + 3, col = static_cast<int>(c) + 1;
      switch (want.kind) {
        case CellValue::Kind::kBlank: CHECK(sheet.At(row, col).empty()); break;
        case CellValue::Kind::kText: CHECK(Text(sheet, row, col) == want.text); break;
        case CellValue::Kind::kInteger:
          CHECK(Number(sheet, row, col) == static_cast<double>(want.integer));
          break;
        case CellValue::Kind::kDate: CHECK(DateAt(sheet, row, col) == want.date); break;
      }
    }
  }
  // Spot checks with literal values.
  const int date_col = ColumnOfType(s1, spec::ColumnType::kDate) + 1;
  CHECK(DateAt(sheet, 3, date_col) == CivilDate(2026, 8, 8));
  CHECK(sheet.At(4, date_col).empty());
  CHECK(sheet.At(4, 2).empty());
  CHECK(Text(sheet, 5, 1) == "Zoë O’Brien “quoted” <&> ");
  const int int_col = ColumnOfType(s1, spec::ColumnType::kInteger) + 1;
  CHECK(sheet.At(3, int_col).kind == CellKind::kNumber);
  CHECK(Number(sheet, 3, int_col) == 7);

  const Sheet& list8 = SheetOk(book, "List_8");
  CHECK(list8.max_row() == 3);
  const int ceased = Spec().FindList(8)->FindColumnByHeader("Date Ceased to be Looked After") + 1;
  CHECK(DateAt(list8, 3, ceased) == CivilDate(2026, 4, 4));
}

TEST_CASE("workbook: cover sheet", "[workbook]") {
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", SampleLists());
  Workbook book = OpenOk(path);
  const Sheet& cover = SheetOk(book, "Cover");
  CHECK(Text(cover, 1, 1) == "Annex A");
  CHECK(Text(cover, 3, 1) == "Council");
  CHECK(Text(cover, 3, 2) == "Exampleshire County Council");
  CHECK(Text(cover, 4, 1) == "LA code");
  CHECK(Text(cover, 4, 2) == "999");
  CHECK(Text(cover, 5, 1) == "Reference date");
  CHECK(DateAt(cover, 5, 2) == CivilDate(2026, 11, 23));
  CHECK(Text(cover, 6, 1) == "Spec version");
  CHECK(Text(cover, 6, 2) == "ilacs-2023: Ofsted Annex A child-level data, 2023 layout");
  CHECK(Text(cover, 7, 2) == "2026-11-23T09:30:00");
  CHECK(Text(cover, 8, 2) == "annexa 0.1.0");
  CHECK(Text(cover, 10, 1) == "List");
  CHECK(Text(cover, 10, 2) == "Title");
  CHECK(Text(cover, 10, 3) == "Rows");
  for (int n = 1; n <= 11; ++n) {
    INFO("list " << n);
    CHECK(Number(cover, 10 + n, 1) == n);
    CHECK(Text(cover, 10 + n, 2) == Spec().FindList(n)->title);
    CHECK(Number(cover, 10 + n, 3) == (n == 1 ? 3 : n == 8 ? 1 : 0));
  }
  CHECK(cover.max_row() == 21);
}

TEST_CASE("workbook: row accounting sheet", "[workbook]") {
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", SampleLists());
  Workbook book = OpenOk(path);
  const Sheet& acc = SheetOk(book, "Row_accounting");
  CHECK(Text(acc, 1, 1) == "Row accounting");
  const std::vector<std::string> headers = {"List", "Title", "Base table", "Rows read", "Included",
                                            "Excluded", "Balanced", "Exclusion reason",
                                            "Rows excluded"};
  for (size_t c = 0; c < headers.size(); ++c) CHECK(Text(acc, 2, static_cast<int>(c) + 1) == headers[c]);
  // List 1: summary then its two reasons (sorted by reason).
  CHECK(Number(acc, 3, 1) == 1);
  CHECK(Text(acc, 3, 2) == "List 1: Contacts");
  CHECK(Text(acc, 3, 3) == "table_1");
  CHECK(Number(acc, 3, 4) == 5);
  CHECK(Number(acc, 3, 5) == 3);
  CHECK(Number(acc, 3, 6) == 2);
  CHECK(Text(acc, 3, 7) == "Yes");
  CHECK(Number(acc, 4, 1) == 1);
  CHECK(Text(acc, 4, 8) == "contact outside the window");
  CHECK(Number(acc, 4, 9) == 1);
  CHECK(Text(acc, 5, 8) == "duplicate");
  CHECK(Number(acc, 5, 9) == 1);
  CHECK(acc.At(5, 4).empty());
  // Lists 2..7 missing: zeros, balanced.
  CHECK(Number(acc, 6, 1) == 2);
  CHECK(acc.At(6, 3).empty());
  CHECK(Number(acc, 6, 4) == 0);
  CHECK(Text(acc, 6, 7) == "Yes");
  // List 8 (row 12): 2 read, 1 included, nothing excluded -> No.
  CHECK(Number(acc, 12, 1) == 8);
  CHECK(Number(acc, 12, 4) == 2);
  CHECK(Number(acc, 12, 5) == 1);
  CHECK(Number(acc, 12, 6) == 0);
  CHECK(Text(acc, 12, 7) == "No");
  CHECK(Number(acc, 15, 1) == 11);
  CHECK(acc.max_row() == 15);
}

// The modification times of every entry in the zip's central directory.
std::vector<uint32_t> ZipEntryTimes(const std::string& zip) {
  const auto u16 = [&](size_t p) {
    return static_cast<uint32_t>(static_cast<unsigned char>(zip[p]) |
                                 static_cast<unsigned char>(zip[p + 1]) << 8);
  };
  const auto u32 = [&](size_t p) { return u16(p) | u16(p + 2) << 16; };
  const size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  REQUIRE(eocd != std::string::npos);
  const uint32_t entries = u16(eocd + 10);
  size_t p = u32(eocd + 16);
  std::vector<uint32_t> times;
  for (uint32_t i = 0; i < entries; ++i) {
    REQUIRE(zip.compare(p, 4, std::string("PK\x01\x02", 4)) == 0);
    times.push_back(u32(p + 12));  // DOS time, then date
    p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32);
  }
  return times;
}

TEST_CASE("workbook: identical input gives identical bytes", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string a = ReadBytes(WriteOk(dir + "/a.xlsx", SampleLists()));
  const std::string b = ReadBytes(WriteOk(dir + "/b.xlsx", SampleLists()));
  REQUIRE(!a.empty());
  CHECK(a == b);
  // Zip entries carry one fixed time, not the clock's (1980-01-01 00:00).
  const std::vector<uint32_t> times = ZipEntryTimes(a);
  REQUIRE(times.size() > 10);
  for (uint32_t t : times) CHECK(t == times[0]);
  CHECK((times[0] >> 16) == ((0u << 9) | (1u << 5) | 1u));  // DOS date 1980-01-01
  // The created time is generated_at, so another one changes the bytes.
  WorkbookMeta later = Meta();
  later.facts = Facts("2026-11-24T10:00:00");
  CHECK(ReadBytes(WriteOk(dir + "/c.xlsx", SampleLists(), later)) != a);
}

TEST_CASE("workbook: a failed write leaves the previous file intact", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string path = WriteOk(dir + "/annex_a.xlsx", SampleLists());
  const std::string before = ReadBytes(path);

  SECTION("folder does not exist") {
    const std::string bad = dir + "/no/such/folder/annex_a.xlsx";
    Status s = WriteAnnexWorkbook(bad, Spec(), SampleLists(), Meta());
    CHECK(s.code() == StatusCode::kIoError);
    CHECK(s.message().rfind(bad + ": cannot write the workbook: ", 0) == 0);
  }
  SECTION("failure while writing to the same path") {
    // An invalid sheet name makes libxlsxwriter refuse after the temporary
    // file was created beside the target.
    spec::SpecVersion broken = Spec();
    broken.lists[2].sheet = "List[3]";
    std::vector<AnnexList> lists = SampleLists();
    for (AnnexList& l : lists) l.spec = broken.FindList(l.spec->number);
    Status s = WriteAnnexWorkbook(path, broken, lists, Meta());
    CHECK(s.code() == StatusCode::kIoError);
    CHECK(s.message().find("List[3]") != std::string::npos);
  }
  CHECK(ReadBytes(path) == before);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir)) left.push_back(entry.path().filename());
  CHECK(left == std::vector<std::string>{"annex_a.xlsx"});  // no temporary file left behind
}

TEST_CASE("workbook: invalid UTF-8 is replaced and long text truncated", "[workbook]") {
  std::vector<AnnexList> lists = SampleLists();
  AnnexList& l1 = lists[1];
  l1.rows[0].cells[0] = CellValue::Text("Bad \xff byte, \xC0\xAF overlong, cut \xE2\x82");
  l1.rows[1].cells[0] = CellValue::Text(std::string(40000, 'a'));
  l1.rows[2].cells[0] = CellValue::Text(std::string(32766, 'b') + "\xF0\x9F\x98\x80");  // emoji: 2 units
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", lists);
  Workbook book = OpenOk(path);
  const Sheet& sheet = SheetOk(book, "List_1");
  CHECK(Text(sheet, 3, 1) ==
        "Bad \xEF\xBF\xBD byte, \xEF\xBF\xBD\xEF\xBF\xBD overlong, cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(Text(sheet, 4, 1) == std::string(32767, 'a'));
  CHECK(Text(sheet, 5, 1) == std::string(32766, 'b'));
  // Each cut cell says so in a cell comment.
  Result<sources::ZipArchive> zip = sources::ZipArchive::Open(path);
  REQUIRE(zip.ok());
  Result<std::string> comments = zip->Read("xl/comments1.xml");
  REQUIRE(comments.ok());
  CHECK(comments->find("ref=\"A4\"") != std::string::npos);
  CHECK(comments->find("ref=\"A5\"") != std::string::npos);
  CHECK(comments->find("ref=\"A3\"") == std::string::npos);
  CHECK(comments->find("the original had 40000") != std::string::npos);
}

TEST_CASE("workbook: refusals", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  SECTION("a list longer than a sheet") {
    std::vector<AnnexList> lists = {ListOf(8)};
    lists[0].rows.resize(1048575);
    Status s = WriteAnnexWorkbook(dir + "/big.xlsx", Spec(), lists, Meta());
    CHECK(s.code() == StatusCode::kLimitExceeded);
    CHECK(s.message().find("List 8: Children in care has 1048575 rows") != std::string::npos);
  }
  SECTION("generated_at that is not a time") {
    WorkbookMeta meta = Meta();
    meta.facts = Facts("today");
    CHECK(WriteAnnexWorkbook(dir + "/x.xlsx", Spec(), {}, meta).code() ==
          StatusCode::kInvalidArgument);
  }
  SECTION("the same list twice") {
    CHECK(WriteAnnexWorkbook(dir + "/x.xlsx", Spec(), {ListOf(1), ListOf(1)}, Meta()).code() ==
          StatusCode::kInvalidArgument);
  }
  CHECK(fs::is_empty(dir));
}

TEST_CASE("workbook: no lists at all still gives every sheet", "[workbook]") {
  const std::string path = WriteOk(annexa::testing::MakeTempDir() + "/empty.xlsx", {});
  Workbook book = OpenOk(path);
  CHECK(book.SheetNames().size() == 13);
  const Sheet& l3 = SheetOk(book, "List_3");
  CHECK(l3.max_row() == 2);
  CHECK(Text(l3, 2, 1) == Spec().FindList(3)->columns[0].header);
}

// --- Data-gap sheets ------------------------------------------------------

Finding At(const char* code, Severity severity, int list, int64_t list_row, std::string message) {
  Finding f;
  f.code = code;
  f.severity = severity;
  f.list = list;
  f.list_row = list_row;
  f.message = std::move(message);
  return f;
}

// SampleLists plus a fourth List 1 row for child "A-first"; List 8's one
// row is the child of List 1's second row, so that child is in two lists.
std::vector<AnnexList> GapLists() {
  std::vector<AnnexList> lists = SampleLists();
  AnnexRow extra = FullRow(*lists[1].spec, 10);
  extra.cells[0] = CellValue::Text("A-first");
  lists[1].rows.push_back(extra);
  lists[0].rows[0].cells[0] = CellValue::Text("child_id-8");
  return lists;
}

// List 1 rows: child_id-7, child_id-8, Zoë..., A-first; List 8: child_id-8.
Findings GapFindings() {
  return {At("missing-required", Severity::kError, 1, 2, "Gender is blank"),
          At("out-of-range", Severity::kWarning, 1, 1, "Age 7 is out of range"),
          At("missing-required", Severity::kError, 1, 2, "Date of Birth is blank"),
          At("note", Severity::kInfo, 1, 3, "Just so you know"),
          At("bad-date", Severity::kError, 8, 1, "'31/02/2026' is not a date"),
          At("source-missing", Severity::kWarning, 0, 0, "contacts.csv: no such file"),
          At("child-repeated", Severity::kWarning, 8, 1, "Child repeated"),
          At("count-differs", Severity::kWarning, 1, 0, "List 1 has 4 rows, expected 5"),
          At("missing-required", Severity::kError, 1, 3, "Contact Source is blank"),
          At("missing-required", Severity::kError, 1, 4, "Gender is blank"),
          At("missing-required", Severity::kError, 1, 9, "a row that is not there"),
          At("missing-required", Severity::kError, 5, 1, "a list that is not there")};
}

std::string WriteGapsOk(const std::string& path, const std::vector<AnnexList>& lists,
                        const DataGaps& gaps) {
  Status s = WriteAnnexWorkbook(path, Spec(), lists, Meta(), gaps);
  INFO(s.message());
  REQUIRE(s.ok());
  return path;
}

std::vector<std::string> RowText(const Sheet& sheet, int row, int cols) {
  std::vector<std::string> out;
  for (int c = 1; c <= cols; ++c) out.push_back(sheet.At(row, c).ToText());
  return out;
}

// The attribute `name` of the first element `<tag ...` at or after `from`.
std::string AttrAfter(const std::string& xml, size_t from, const std::string& name) {
  const size_t at = xml.find(" " + name + "=\"", from);
  if (at == std::string::npos) return "";
  const size_t start = at + name.size() + 3;
  return xml.substr(start, xml.find('"', start) - start);
}

// The fill of cell `ref` ("B5") in sheet XML: the fillId of its cell style.
std::string FillOf(const std::string& sheet_xml, const std::string& styles_xml,
                   const std::string& ref) {
  const size_t cell = sheet_xml.find("<c r=\"" + ref + "\"");
  REQUIRE(cell != std::string::npos);
  const std::string s = AttrAfter(sheet_xml.substr(cell, sheet_xml.find('>', cell) - cell), 0, "s");
  size_t xf = styles_xml.find("<cellXfs");
  REQUIRE(xf != std::string::npos);
  for (int i = 0; i <= (s.empty() ? 0 : std::stoi(s)); ++i) xf = styles_xml.find("<xf ", xf + 1);
  return AttrAfter(styles_xml, xf, "fillId");
}

TEST_CASE("workbook: data-gap sheets after Row_accounting", "[workbook]") {
  const std::vector<AnnexList> lists = GapLists();
  const Findings findings = GapFindings();
  const std::vector<validate::ListCompleteness> completeness = validate::MeasureCompleteness(lists);
  const std::string path = WriteGapsOk(annexa::testing::MakeTempDir() + "/annex_a.xlsx", lists,
                                       {&findings, &completeness});
  Workbook book = OpenOk(path);
  const std::vector<std::string>& names = book.SheetNames();
  REQUIRE(names.size() == 16);
  CHECK(names[12] == "Row_accounting");
  CHECK(names[13] == "Data_gaps");
  CHECK(names[14] == "Child_gaps");
  CHECK(names[15] == "Completeness");

  SECTION("Data_gaps: per list, severity and rule, then a total") {
    const Sheet& gaps = SheetOk(book, "Data_gaps");
    CHECK(Text(gaps, 1, 1) == "Data gaps: findings by list and rule");
    CHECK(RowText(gaps, 2, 7) == std::vector<std::string>{"List", "Title", "Code", "Severity",
                                                           "Findings", "Example", "First row"});
    using Row = std::vector<std::string>;
    CHECK(RowText(gaps, 3, 7) == Row{"1", "List 1: Contacts", "missing-required", "error", "5",
                                     "Gender is blank", "4"});
    CHECK(RowText(gaps, 4, 7) == Row{"1", "List 1: Contacts", "count-differs", "warning", "1",
                                     "List 1 has 4 rows, expected 5", ""});
    CHECK(RowText(gaps, 5, 7) == Row{"1", "List 1: Contacts", "out-of-range", "warning", "1",
                                     "Age 7 is out of range", "3"});
    CHECK(RowText(gaps, 6, 7) == Row{"1", "List 1: Contacts", "note", "info", "1",
                                     "Just so you know", "5"});
    // A list that was not built still has its title.
    CHECK(RowText(gaps, 7, 7) == Row{"5", Spec().FindList(5)->title, "missing-required", "error",
                                     "1", "a list that is not there", "3"});
    CHECK(RowText(gaps, 8, 7) == Row{"8", "List 8: Children in care", "bad-date", "error", "1",
                                     "'31/02/2026' is not a date", "3"});
    CHECK(RowText(gaps, 9, 7) == Row{"8", "List 8: Children in care", "child-repeated",
                                     "warning", "1", "Child repeated", "3"});
    CHECK(RowText(gaps, 10, 7) == Row{"", "Not about one list", "source-missing", "warning", "1",
                                      "contacts.csv: no such file", ""});
    CHECK(gaps.At(3, 1).kind == CellKind::kNumber);
    CHECK(gaps.At(3, 5).kind == CellKind::kNumber);
    CHECK(gaps.At(3, 7).kind == CellKind::kNumber);
    CHECK(RowText(gaps, 11, 7) == Row(7, ""));
    CHECK(RowText(gaps, 12, 7) == Row{"Total", "", "", "", "12", "", ""});
    CHECK(gaps.max_row() == 12);
  }
  SECTION("Child_gaps: per child, most errors first") {
    const Sheet& kids = SheetOk(book, "Child_gaps");
    CHECK(Text(kids, 1, 1) == "Data gaps by child");
    using Row = std::vector<std::string>;
    CHECK(RowText(kids, 2, 5) == Row{"Child Unique ID", "Lists", "Errors", "Warnings", "Codes"});
    CHECK(RowText(kids, 3, 5) ==
          Row{"child_id-8", "1, 8", "3", "1", "bad-date, child-repeated, missing-required"});
    // Equal counts: by id (bytes, so "A" before "Z").
    CHECK(RowText(kids, 4, 5) == Row{"A-first", "1", "1", "0", "missing-required"});
    CHECK(RowText(kids, 5, 5) ==
          Row{"Zoë O’Brien “quoted” <&> ", "1", "1", "0", "missing-required"});
    CHECK(RowText(kids, 6, 5) == Row{"child_id-7", "1", "0", "1", "out-of-range"});
    CHECK(kids.At(3, 3).kind == CellKind::kNumber);
    CHECK(kids.max_row() == 6);  // not capped: no note
  }
  SECTION("Completeness: per column, never-blank gaps filled") {
    const Sheet& comp = SheetOk(book, "Completeness");
    CHECK(Text(comp, 1, 1) == "Completeness: filled cells by column");
    using Row = std::vector<std::string>;
    CHECK(RowText(comp, 2, 9) == Row{"List", "Title", "Column", "Header", "Blank rule", "Rows",
                                     "Filled", "Blank", "% filled"});
    // List 8 first (the order of `lists`), one row per column.
    const int n8 = static_cast<int>(Spec().FindList(8)->columns.size());
    CHECK(RowText(comp, 3, 9) == Row{"8", "List 8: Children in care", "A", "Child Unique ID",
                                     "never", "1", "1", "0", "100"});
    const int l1 = 3 + n8;
    CHECK(RowText(comp, l1, 9) == Row{"1", "List 1: Contacts", "A", "Child Unique ID", "never",
                                      "4", "4", "0", "100"});
    CHECK(RowText(comp, l1 + 1, 9) ==
          Row{"1", "List 1: Contacts", "B", "Gender", "never", "4", "3", "1", "75"});
    CHECK(RowText(comp, l1 + 3, 9) ==
          Row{"1", "List 1: Contacts", "D", "Date of Birth", "conditional", "4", "3", "1", "75"});
    CHECK(comp.At(l1 + 1, 9).kind == CellKind::kNumber);
    CHECK(Number(comp, l1 + 1, 9) == 75.0);
    CHECK(comp.max_row() == l1 + 6);

    // The % cells show one decimal; the never-blank gap's row is filled.
    Result<sources::ZipArchive> zip = sources::ZipArchive::Open(path);
    REQUIRE(zip.ok());
    Result<std::string> sheet_xml = zip->Read("xl/worksheets/sheet16.xml");
    Result<std::string> styles = zip->Read("xl/styles.xml");
    REQUIRE(sheet_xml.ok());
    REQUIRE(styles.ok());
    CHECK(styles->find("formatCode=\"0.0\"") != std::string::npos);
    CHECK(styles->find("FFFFC7CE") != std::string::npos);
    const std::string gender_row = std::to_string(l1 + 1), dob_row = std::to_string(l1 + 3);
    CHECK(FillOf(*sheet_xml, *styles, "A" + gender_row) != "0");
    CHECK(FillOf(*sheet_xml, *styles, "I" + gender_row) != "0");
    CHECK(FillOf(*sheet_xml, *styles, "A" + dob_row) == "0");  // conditional: not a gap to fix
    CHECK(FillOf(*sheet_xml, *styles, "I" + dob_row) == "0");
  }
}

TEST_CASE("workbook: empty data gaps change nothing", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string four = ReadBytes(WriteOk(dir + "/a.xlsx", SampleLists()));
  const std::string five = ReadBytes(WriteGapsOk(dir + "/b.xlsx", SampleLists(), DataGaps{}));
  REQUIRE(!four.empty());
  CHECK(four == five);
  // Given but empty: the sheets are there with nothing to say.
  const Findings none;
  const std::vector<validate::ListCompleteness> no_lists;
  const std::string path = WriteGapsOk(dir + "/c.xlsx", SampleLists(), {&none, &no_lists});
  CHECK(ReadBytes(path) != four);
  Workbook book = OpenOk(path);
  CHECK(book.SheetNames().size() == 16);
  const Sheet& gaps = SheetOk(book, "Data_gaps");
  CHECK(Text(gaps, 4, 1) == "Total");
  CHECK(Number(gaps, 4, 5) == 0);
  CHECK(gaps.max_row() == 4);
  CHECK(SheetOk(book, "Child_gaps").max_row() == 2);
  CHECK(SheetOk(book, "Completeness").max_row() == 2);
  // Only completeness: no findings sheets.
  const std::string only = WriteGapsOk(dir + "/d.xlsx", SampleLists(), {nullptr, &no_lists});
  CHECK(OpenOk(only).SheetNames().back() == "Completeness");
  CHECK(OpenOk(only).SheetNames().size() == 14);
  // Deterministic with gaps too.
  const Findings findings = GapFindings();
  const std::string e = ReadBytes(WriteGapsOk(dir + "/e.xlsx", GapLists(), {&findings, nullptr}));
  const std::string f = ReadBytes(WriteGapsOk(dir + "/f.xlsx", GapLists(), {&findings, nullptr}));
  CHECK(e == f);
}

TEST_CASE("workbook: Child_gaps stops at 50,000 children with a note", "[workbook]") {
  AnnexList l1 = ListOf(1);
  Findings findings;
  constexpr int kChildren = 50001;
  for (int i = 0; i < kChildren; ++i) {
    AnnexRow row;
    row.cells.resize(l1.spec->columns.size());
    char id[16];
    std::snprintf(id, sizeof id, "c%05d", i);
    row.cells[0] = CellValue::Text(id);
    l1.rows.push_back(std::move(row));
    findings.push_back(At("missing-required", Severity::kError, 1, i + 1, "Gender is blank"));
  }
  // The last child has the most errors, so it is first and c49999 is left out.
  findings.push_back(At("bad-date", Severity::kError, 1, kChildren, "not a date"));
  const std::string path =
      WriteGapsOk(annexa::testing::MakeTempDir() + "/big.xlsx", {l1}, {&findings, nullptr});
  Workbook book = OpenOk(path);
  const Sheet& kids = SheetOk(book, "Child_gaps");
  CHECK(Text(kids, 3, 1) == "c50000");
  CHECK(Number(kids, 3, 3) == 2);
  CHECK(Text(kids, 4, 1) == "c00000");
  CHECK(Text(kids, 50002, 1) == "c49998");
  CHECK(kids.At(50003, 1).empty());
  CHECK(Text(kids, 50004, 1) ==
        "Showing the 50,000 children with the most findings of 50,001; the findings CSV lists "
        "every finding.");
  CHECK(kids.max_row() == 50004);
}

}  // namespace
}  // namespace annexa::render

namespace annexa::render {
namespace {

// The phased writer, as `annexa generate` drives it: list sheets filled in
// any order (here last to first), then Finish. Its bytes must be those of
// the one-call writer.
TEST_CASE("workbook: sheets filled in phases, in any order, give the same bytes", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  std::vector<AnnexList> lists = GapLists();
  const Findings findings = GapFindings();
  const std::vector<validate::ListCompleteness> completeness = validate::MeasureCompleteness(lists);
  const DataGaps gaps{&findings, &completeness};
  // By sheet: one AnnexList per list of the spec, in spec order.
  std::vector<AnnexList> by_sheet;
  for (const spec::ListSpec& ls : Spec().lists) {
    AnnexList l = ListOf(ls.number);
    for (const AnnexList& given : lists)
      if (given.spec->number == ls.number) l = given;
    by_sheet.push_back(l);
  }
  Result<std::unique_ptr<AnnexWorkbook>> book =
      AnnexWorkbook::Begin(dir + "/phased.xlsx", Spec(), Meta(), false, GapSheets{true, true, false});
  INFO(book.status().message());
  REQUIRE(book.ok());
  REQUIRE((*book)->ListSheets() == 11);
  for (size_t i = by_sheet.size(); i-- > 0;) REQUIRE((*book)->WriteList(i, &by_sheet[i]).ok());
  Status finished = (*book)->Finish(by_sheet, gaps);
  INFO(finished.message());
  REQUIRE(finished.ok());
  const std::string phased = ReadBytes(dir + "/phased.xlsx");
  REQUIRE(phased.size() > 1000);
  CHECK(phased == ReadBytes(WriteGapsOk(dir + "/once.xlsx", by_sheet, gaps)));
}

TEST_CASE("workbook: the phased writer refuses misuse and leaves nothing when abandoned", "[workbook]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::vector<AnnexList> lists = SampleLists();  // List 8, List 1
  {
    Result<std::unique_ptr<AnnexWorkbook>> book =
        AnnexWorkbook::Begin(dir + "/a.xlsx", Spec(), Meta(), false, GapSheets{});
    REQUIRE(book.ok());
    // Sheet 0 is List 1's: List 8 is refused there.
    Status wrong = (*book)->WriteList(0, &lists[0]);
    CHECK(wrong.code() == StatusCode::kInvalidArgument);
    CHECK(wrong.message() == dir + "/a.xlsx: List 8: Children in care given for the sheet of List 1: Contacts");
    CHECK((*book)->WriteList(0, &lists[1]).ok());
    Status twice = (*book)->WriteList(0, &lists[1]);
    CHECK(twice.code() == StatusCode::kInternal);
    CHECK(twice.message() == dir + "/a.xlsx: list sheet 0 written twice");
    CHECK((*book)->WriteList(11, nullptr).code() == StatusCode::kInternal);  // no audit sheet
    // Finish must be given what Begin was told: no data-gap sheets here.
    const Findings findings;
    Status mismatch = (*book)->Finish(lists, DataGaps{&findings});
    CHECK(mismatch.code() == StatusCode::kInternal);
    CHECK(mismatch.message() == dir + "/a.xlsx: the sheets differ from those the workbook was begun with");
  }
  // Abandoned (destroyed unfinished): no workbook and no temporary file.
  CHECK(annexa::testing::DirEntries(dir).empty());
  Result<std::unique_ptr<AnnexWorkbook>> no_audit =
      AnnexWorkbook::Begin(dir + "/b.xlsx", Spec(), Meta(), false, GapSheets{false, false, true});
  CHECK(no_audit.status().message() == dir + "/b.xlsx: audit coverage sheets without the audited-case list");
  CHECK(annexa::testing::DirEntries(dir).empty());
}

}  // namespace
}  // namespace annexa::render
