// Tests of the CSV reader: RFC 4180 quoting, line ends, encodings, header
// checks, row-shape errors (with their exact messages) and the size limits
// that stop a runaway quote from swallowing a whole extract.
#include "sources/csv_reader.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::sources {
namespace {

using Row = std::vector<std::string>;

// Parses `data` as "t.csv"; the test fails at once if parsing fails.
Table Parse(const std::string& data, const CsvOptions& options = {}) {
  Result<Table> table = ParseCsv(data, "t.csv", options);
  INFO(table.status().message());
  REQUIRE(table.ok());
  return std::move(table).value();
}

Status ParseStatus(const std::string& data, const CsvOptions& options = {}) {
  return ParseCsv(data, "t.csv", options).status();
}

// ------------------------------------------------------------- structure --

TEST_CASE("csv: simple file with headers, rows and source lines", "[csv]") {
  Table t = Parse("id,name\n1,Ann\n2,Bob\n");
  CHECK(t.origin == "t.csv");
  CHECK(t.headers == Row{"id", "name"});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"1", "Ann"});
  CHECK(t.Row(1) == Row{"2", "Bob"});
  CHECK(t.source_rows == std::vector<int64_t>{2, 3});
}

TEST_CASE("csv: final line without a newline", "[csv]") {
  Table t = Parse("a,b\n1,2");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"1", "2"});
}

TEST_CASE("csv: quoted field with embedded delimiter", "[csv]") {
  Table t = Parse("name,town\n\"Smith, Ann\",Leeds\n");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"Smith, Ann", "Leeds"});
}

TEST_CASE("csv: doubled quotes inside a quoted field", "[csv]") {
  Table t = Parse("note,n\n\"She said \"\"no\"\"\",1\n\"\"\"\",2\n\"\",3\n");
  REQUIRE(t.size() == 3);
  CHECK(t.Row(0) == Row{"She said \"no\"", "1"});
  CHECK(t.Row(1) == Row{"\"", "2"});
  CHECK(t.Row(2) == Row{"", "3"});
}

TEST_CASE("csv: quoted field with embedded newline", "[csv]") {
  Table t = Parse("id,note\n1,\"line one\nline two\nline three\"\n2,after\n3,\"x\r\ny\"\n4,end\n");
  REQUIRE(t.size() == 4);
  CHECK(t.Row(0) == Row{"1", "line one\nline two\nline three"});
  CHECK(t.Row(1) == Row{"2", "after"});
  // CRLF inside a value reads as "\n", like any other line break.
  CHECK(t.Row(2) == Row{"3", "x\ny"});
  CHECK(t.Row(3) == Row{"4", "end"});
  // Each record's line is where it starts; line counting continues through
  // the embedded breaks.
  CHECK(t.source_rows == std::vector<int64_t>{2, 5, 6, 8});
}

TEST_CASE("csv: quotes inside an unquoted field are literal", "[csv]") {
  Table t = Parse("item,size\n5\" nails,a\"b\"c\n");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"5\" nails", "a\"b\"c"});
}

TEST_CASE("csv: text after a closing quote is appended", "[csv]") {
  Table t = Parse("a,b\n\"abc\"def,\"x\"\" y\"z\n");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"abcdef", "x\" yz"});
}

TEST_CASE("csv: CRLF line ends", "[csv]") {
  Table t = Parse("a,b\r\n1,2\r\n3,4\r\n");
  CHECK(t.headers == Row{"a", "b"});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(1) == Row{"3", "4"});
  CHECK(t.source_rows == std::vector<int64_t>{2, 3});
}

TEST_CASE("csv: lone CR line ends", "[csv]") {
  Table t = Parse("a,b\r1,2\r3,4");
  CHECK(t.headers == Row{"a", "b"});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"1", "2"});
  CHECK(t.Row(1) == Row{"3", "4"});
  CHECK(t.source_rows == std::vector<int64_t>{2, 3});
}

TEST_CASE("csv: semicolon delimiter", "[csv]") {
  CsvOptions options;
  options.delimiter = ';';
  Table t = Parse("a;b\n1,5;\"x;y\"\n", options);
  CHECK(t.headers == Row{"a", "b"});
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"1,5", "x;y"});
}

TEST_CASE("csv: tab delimiter", "[csv]") {
  CsvOptions options;
  options.delimiter = '\t';
  Table t = Parse("a\tb\tc\n1\t\t3\n", options);
  CHECK(t.headers == Row{"a", "b", "c"});
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"1", "", "3"});
}

TEST_CASE("csv: pipe delimiter", "[csv]") {
  CsvOptions options;
  options.delimiter = '|';
  Table t = Parse("a|b\n1|\"x|y\"\n", options);
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"1", "x|y"});
}

TEST_CASE("csv: header_row skips the lines above it", "[csv]") {
  CsvOptions options;
  options.header_row = 3;
  // Lines above the header are skipped as physical lines: a stray quote in a
  // title does not swallow the header.
  Table t = Parse("Report: referrals, 2026\nRun by \"admin\nid,name\n7,Ann\n8,Bob\n", options);
  CHECK(t.headers == Row{"id", "name"});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"7", "Ann"});
  CHECK(t.source_rows == std::vector<int64_t>{4, 5});
}

TEST_CASE("csv: blank lines at header_row are passed over to the header", "[csv]") {
  CsvOptions options;
  options.header_row = 2;
  Table t = Parse("Title\n\nid,name\n7,Ann\n", options);
  CHECK(t.headers == Row{"id", "name"});
  REQUIRE(t.size() == 1);
  CHECK(t.source_rows == std::vector<int64_t>{4});
}

TEST_CASE("csv: header_row beyond the end of the file", "[csv]") {
  CsvOptions options;
  options.header_row = 5;
  Status s = ParseStatus("a,b\n1,2\n", options);
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv: no header row at or after line 5 (the file has 2 lines)");
}

TEST_CASE("csv: header names are trimmed", "[csv]") {
  Table t = Parse("  id ,\tname\t, \"Date of birth \"\n1,2,3\n");
  CHECK(t.headers == Row{"id", "name", "Date of birth"});
}

TEST_CASE("csv: blank header name is an error", "[csv]") {
  Status s = ParseStatus("id,,name\n1,2,3\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:1: column 2 has no header");
  CsvOptions options;
  options.header_row = 2;
  Status s2 = ParseStatus("title\na,b,  \n", options);
  CHECK(s2.message() == "t.csv:2: column 3 has no header");
}

TEST_CASE("csv: duplicate header is an error", "[csv]") {
  Status s = ParseStatus("id,Name,a,b, Name\n1,2,3,4,5\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:1: duplicate column header 'Name' (columns 2 and 5)");
}

TEST_CASE("csv: row with more fields than the header", "[csv]") {
  Status s = ParseStatus("a,b,c,d\n1,2,3,4\n1,2,3,4,5\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:3: row has 5 fields, the header has 4");
}

TEST_CASE("csv: row with fewer fields than the header", "[csv]") {
  Status s = ParseStatus("a,b,c,d\n\"x\ny\",2,3,4\n1,2\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:4: row has 2 fields, the header has 4");
  CHECK(ParseStatus("a,b\n1\n").message() == "t.csv:2: row has 1 field, the header has 2");
}

TEST_CASE("csv: unterminated quoted field", "[csv]") {
  Status s = ParseStatus("a,b,c\n1,2,3\n4,5,\"six\n7,8,9\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:3: unterminated quoted field starting at column 3");
}

TEST_CASE("csv: blank lines are skipped and not counted", "[csv]") {
  Table t = Parse("\n\na,b\n\n1,2\n   \n\r\n\t\n3,4\n\n");
  CHECK(t.headers == Row{"a", "b"});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"1", "2"});
  CHECK(t.Row(1) == Row{"3", "4"});
  CHECK(t.source_rows == std::vector<int64_t>{5, 9});
}

TEST_CASE("csv: a record of empty fields is a row", "[csv]") {
  Table t = Parse("a,b,c,d\n,,,\n1,2,3,4\n");
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"", "", "", ""});
  CHECK(t.source_rows == std::vector<int64_t>{2, 3});
}

TEST_CASE("csv: values are trimmed, quoted ones too", "[csv]") {
  Table t = Parse("a,b,c\n  x  ,\t\" y \"\t, \"z, w\" \n");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"x", "y", "z, w"});
}

TEST_CASE("csv: trim off keeps the spaces", "[csv]") {
  CsvOptions options;
  options.trim = false;
  Table t = Parse("a,b\n  x  ,\" y \"\n", options);
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"  x  ", " y "});
}

TEST_CASE("csv: empty file", "[csv]") {
  Status s = ParseStatus("");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv: no header row (the file is empty)");
  CHECK(ParseStatus("\xEF\xBB\xBF\r\n\n").message() == "t.csv: no header row (the file is empty)");
}

TEST_CASE("csv: header-only file has no rows", "[csv]") {
  Table t = Parse("a,b,c\n");
  CHECK(t.headers == Row{"a", "b", "c"});
  CHECK(t.empty());
  CHECK(t.source_rows.empty());
}

// ------------------------------------------------------------- encodings --

TEST_CASE("csv: UTF-8 BOM is stripped", "[csv]") {
  Table t = Parse("\xEF\xBB\xBFid,name\n1,Zo\xC3\xAB\n");
  CHECK(t.headers == Row{"id", "name"});
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"1", "Zoë"});
}

TEST_CASE("csv: Windows-1252 bytes detected in auto mode", "[csv]") {
  Table t = Parse("name,note\nO\x92" "Brien,\x80" "5\nRen\xE9\x96" "e,\x93hi\x94\n");
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"O’Brien", "€5"});
  CHECK(t.Row(1) == Row{"René–e", "“hi”"});
}

TEST_CASE("csv: Windows-1252 chosen explicitly", "[csv]") {
  CsvOptions options;
  options.encoding = TextEncoding::kWindows1252;
  Table t = Parse("name\nO\x92" "Brien\n\xC3\xA9\n", options);
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == Row{"O’Brien"});
  // Valid UTF-8 read as Windows-1252 is two characters: the caller asked.
  CHECK(t.Row(1) == Row{"Ã©"});
}

TEST_CASE("csv: valid UTF-8 is kept as it is in auto mode", "[csv]") {
  Table t = Parse("name\nJos\xC3\xA9 \xE2\x80\x99\n");
  REQUIRE(t.size() == 1);
  CHECK(t.Row(0) == Row{"José ’"});
}

TEST_CASE("csv: invalid UTF-8 in UTF-8 mode names line and byte", "[csv]") {
  CsvOptions options;
  options.encoding = TextEncoding::kUtf8;
  Status s = ParseStatus("name,town\nJos\xE9,Leeds\n", options);
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:2: invalid UTF-8 at byte offset 13");
  // Offsets count from the start of the file, BOM included.
  CHECK(ParseStatus("\xEF\xBB\xBF" "a\r\nb\rc\n\xC3(\n", options).message() ==
        "t.csv:4: invalid UTF-8 at byte offset 10");
}

TEST_CASE("csv: invalid UTF-8 after a BOM is an error even in auto mode", "[csv]") {
  Status s = ParseStatus("\xEF\xBB\xBFname\nO\x92" "Brien\n");
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv:2: invalid UTF-8 at byte offset 9");
}

TEST_CASE("csv: UTF-16 text is refused", "[csv]") {
  const std::string le("\xFF\xFE" "a\0,\0b\0\n\0", 10);
  Status s = ParseStatus(le);
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv: UTF-16 text is not supported; save as UTF-8 CSV");
  const std::string be("\xFE\xFF\0a", 4);
  CHECK(ParseStatus(be).message() == "t.csv: UTF-16 text is not supported; save as UTF-8 CSV");
}

TEST_CASE("csv: NUL byte means not text", "[csv]") {
  const std::string data("a,b\n1,2\n3,\0" "4\n", 13);
  Status s = ParseStatus(data);
  CHECK(s.code() == StatusCode::kParseError);
  CHECK(s.message() == "t.csv: not text (NUL byte at offset 10)");
}

TEST_CASE("csv: Windows1252ToUtf8 maps all of 0x80-0x9F", "[csv]") {
  const char* const expected[32] = {
      "€", "\xEF\xBF\xBD", "‚", "ƒ", "„", "…", "†", "‡",
      "ˆ", "‰", "Š", "‹", "Œ", "\xEF\xBF\xBD", "Ž", "\xEF\xBF\xBD",
      "\xEF\xBF\xBD", "‘", "’", "“", "”", "•", "–", "—",
      "˜", "™", "š", "›", "œ", "\xEF\xBF\xBD", "ž", "Ÿ",
  };
  for (int b = 0x80; b <= 0x9F; ++b) {
    INFO("byte 0x" << std::hex << b);
    CHECK(Windows1252ToUtf8(std::string(1, static_cast<char>(b))) == expected[b - 0x80]);
  }
  CHECK(Windows1252ToUtf8("caf\xE9 \xA0\xA3\xFF!") == "café \xC2\xA0£ÿ!");
  CHECK(Windows1252ToUtf8("plain ASCII text, long enough for the fast path") ==
        "plain ASCII text, long enough for the fast path");
  CHECK(Windows1252ToUtf8("").empty());
}

// ---------------------------------------------------------------- limits --

TEST_CASE("csv: a 20 MB single-field line parses quickly", "[csv]") {
  const size_t size = 20u << 20;
  std::string data = "big,quoted\n";
  data.append(size, 'x');
  data += ",\"";
  for (size_t i = 0; i < size / 1000; ++i) data += std::string(998, 'y') + "\"\"";
  data += "\"\n";
  CsvOptions options;
  options.max_field_bytes = 64u << 20;
  const auto start = std::chrono::steady_clock::now();
  Table t = Parse(data, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(t.size() == 1);
  CHECK(t.cell(0, 0).size() == size);
  CHECK(t.cell(0, 1).size() == size / 1000 * 999);
  CHECK(t.cell(0, 1).substr(997, 3) == "y\"y");
  // Generous: a quadratic parser would take hours on this, a linear one
  // well under a second even with sanitizers.
  CHECK(elapsed < std::chrono::seconds(10));
}

TEST_CASE("csv: a field over max_field_bytes is refused", "[csv]") {
  CsvOptions options;
  options.max_field_bytes = 16;
  Status s = ParseStatus("a,b\n1,2\n3,12345678901234567\n", options);
  CHECK(s.code() == StatusCode::kLimitExceeded);
  CHECK(s.message() == "t.csv:3: field longer than 16 bytes (a missing closing quote?)");
  // The usual cause: a quote that never closes swallows the rest of the file.
  Status q = ParseStatus("a,b\n1,\"2\n3,4\n5,6\n7,8\n9,10\n", options);
  CHECK(q.code() == StatusCode::kLimitExceeded);
  CHECK(q.message() == "t.csv:2: field longer than 16 bytes (a missing closing quote?)");
  CHECK(ParseStatus("a,b\n1,1234567890123456\n", options).ok());
}

TEST_CASE("csv: data over max_bytes is refused", "[csv]") {
  CsvOptions options;
  options.max_bytes = 10;
  Status s = ParseStatus("a,b\n1,2\n3,4\n", options);
  CHECK(s.code() == StatusCode::kLimitExceeded);
  CHECK(s.message() == "t.csv: file is 12 bytes, over the limit of 10");
}

// ----------------------------------------------------------------- files --

TEST_CASE("csv: ReadCsvFile reads a file and names it as origin", "[csv]") {
  const std::string path = annexa::testing::WriteTextFile(annexa::testing::MakeTempDir(), "in.csv",
                                                          "id;name\r\n1;Ann\r\n");
  CsvOptions options;
  options.delimiter = ';';
  Result<Table> t = ReadCsvFile(path, options);
  REQUIRE(t.ok());
  CHECK(t->origin == path);
  CHECK(t->size() == 1);
  Status ragged = ReadCsvFile(annexa::testing::WriteTextFile(annexa::testing::MakeTempDir(), "bad.csv",
                                                             "a,b\n1\n")).status();
  CHECK(ragged.message().find("bad.csv:2: row has 1 field") != std::string::npos);
}

TEST_CASE("csv: ReadCsvFile on a missing file is kNotFound", "[csv]") {
  const std::string path = annexa::testing::MakeTempDir() + "/absent.csv";
  Result<Table> t = ReadCsvFile(path);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().code() == StatusCode::kNotFound);
  CHECK(t.status().message() == path + ": no such file");
}

}  // namespace
}  // namespace annexa::sources
