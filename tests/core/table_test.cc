#include "core/table.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace annexa {
namespace {

Table TwoColumns() {
  Table t;
  t.headers = {"id", "name"};
  return t;
}

TEST_CASE("table: rows are stored flat and read back cell by cell", "[table]") {
  Table t = TwoColumns();
  REQUIRE(t.empty());
  std::vector<std::string_view> row = {"1", "Ann"};
  REQUIRE(t.AddRow(row, 2));
  REQUIRE(t.AddRow(std::vector<std::string>{"", "Bob Smith-Jones the third"}, 5));
  REQUIRE(t.AddRow(std::vector<std::string>{"3", ""}, 6));
  CHECK(t.size() == 3);
  CHECK(t.width() == 2);
  CHECK(t.cell(0, 0) == "1");
  CHECK(t.cell(0, 1) == "Ann");
  CHECK(t.cell(1, 0).empty());
  CHECK(t.cell(1, 1) == "Bob Smith-Jones the third");
  CHECK(t.cell(2, 1).empty());
  CHECK(t.Row(2) == std::vector<std::string>{"3", ""});
  CHECK(t.source_rows == std::vector<int64_t>{2, 5, 6});
}

TEST_CASE("table: DropRows keeps the other rows, their cells and source rows, in order", "[table]") {
  Table t = TwoColumns();
  REQUIRE(t.AddRow(std::vector<std::string>{"1", "Ann"}, 2));
  REQUIRE(t.AddRow(std::vector<std::string>{"2", "Bo"}, 3));
  REQUIRE(t.AddRow(std::vector<std::string>{"3", "Cy"}, 5));
  REQUIRE(t.AddRow(std::vector<std::string>{"4", "Di"}, 6));
  t.DropRows({false, true, false, true});
  REQUIRE(t.size() == 2);
  CHECK(t.Row(0) == std::vector<std::string>{"1", "Ann"});
  CHECK(t.Row(1) == std::vector<std::string>{"3", "Cy"});
  CHECK(t.source_rows == std::vector<int64_t>{2, 5});
  // Rows added afterwards follow the kept ones.
  REQUIRE(t.AddRow(std::vector<std::string>{"5", "Ed"}, 7));
  CHECK(t.Row(2) == std::vector<std::string>{"5", "Ed"});
}

TEST_CASE("table: a row with the wrong number of cells is refused and nothing is added", "[table]") {
  Table t = TwoColumns();
  CHECK_FALSE(t.AddRow(std::vector<std::string>{"1"}, 2));
  CHECK_FALSE(t.AddRow(std::vector<std::string>{"1", "2", "3"}, 2));
  CHECK(t.empty());
  CHECK(t.source_rows.empty());
}

TEST_CASE("table: many rows over several chunks keep their text", "[table]") {
  // 200,000 rows of ~40 bytes outgrow the first chunks many times over.
  Table t = TwoColumns();
  for (int i = 0; i < 200000; ++i) {
    const std::string id = std::to_string(i);
    REQUIRE(t.AddRow(std::vector<std::string>{id, std::string(static_cast<size_t>(i % 64), 'x') + id}, i + 2));
  }
  REQUIRE(t.size() == 200000);
  for (int i : {0, 1, 4095, 65535, 65536, 199999}) {
    CHECK(t.cell(static_cast<size_t>(i), 0) == std::to_string(i));
    CHECK(t.cell(static_cast<size_t>(i), 1) == std::string(static_cast<size_t>(i % 64), 'x') + std::to_string(i));
  }
  // Reserve then add: one chunk is enough and the text is the same.
  Table r = TwoColumns();
  r.Reserve(3, 12);
  REQUIRE(r.AddRow(std::vector<std::string>{"ab", "cd"}, 2));
  REQUIRE(r.AddRow(std::vector<std::string>{"ef", "ghijklmnop"}, 3));  // past the reserved bytes
  CHECK(r.Row(0) == std::vector<std::string>{"ab", "cd"});
  CHECK(r.Row(1) == std::vector<std::string>{"ef", "ghijklmnop"});
}

TEST_CASE("table: a copy keeps its rows when either side adds more", "[table]") {
  Table a = TwoColumns();
  REQUIRE(a.AddRow(std::vector<std::string>{"1", "first"}, 2));
  Table b = a;
  REQUIRE(a.AddRow(std::vector<std::string>{"2", "added to a"}, 3));
  REQUIRE(b.AddRow(std::vector<std::string>{"9", "added to b"}, 4));
  CHECK(a.size() == 2);
  CHECK(b.size() == 2);
  CHECK(a.Row(0) == std::vector<std::string>{"1", "first"});
  CHECK(b.Row(0) == std::vector<std::string>{"1", "first"});
  CHECK(a.Row(1) == std::vector<std::string>{"2", "added to a"});
  CHECK(b.Row(1) == std::vector<std::string>{"9", "added to b"});
  Table c;
  c = b;
  b = Table();  // the copy's text outlives the table it came from
  CHECK(c.Row(1) == std::vector<std::string>{"9", "added to b"});
}

}  // namespace
}  // namespace annexa

TEST_CASE("table: DropRows keeps each kept row's file when rows come from several", "[table]") {
  annexa::Table t;
  t.origin = "query";
  t.headers = {"ID"};
  for (const char* id : {"a", "b", "c"}) REQUIRE(t.AddRow(std::vector<std::string>{id}, 2));
  t.origins = {"first.csv", "second.csv"};
  t.row_origins = {0, 1, 0};  // a from first.csv, b from second.csv, c from first.csv
  t.DropRows({false, true, false});
  REQUIRE(t.size() == 2);
  CHECK(t.cell(1, 0) == "c");
  CHECK(t.OriginOf(0) == "first.csv");
  CHECK(t.OriginOf(1) == "first.csv");
  CHECK(t.row_origins.size() == 2);
}
