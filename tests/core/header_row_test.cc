// A header row that is really a record (an export without its header row)
// is described by positions and kinds, never by its cells (issue 17).
// Expected strings written out by hand.
#include <catch2/catch.hpp>

#include "core/header_row.h"

using namespace annexa;

TEST_CASE("header row: what looks like data", "[header-row]") {
  CHECK(DataLikeKind("C1001") == "an id");
  CHECK(DataLikeKind("ID00042") == "an id");
  CHECK(DataLikeKind("1001") == "a number");
  CHECK(DataLikeKind("-3.5") == "a number");
  CHECK(DataLikeKind("943 476 5919") == "a number");
  CHECK(DataLikeKind("23/11/2010") == "a date");
  CHECK(DataLikeKind("2010-11-23T00:00:00") == "a date");
  CHECK(DataLikeKind("2010-11-23") == "a date");  // not "a number", though digits split by hyphens
  CHECK(DataLikeKind("23 Nov 2010") == "a date");
  CHECK(DataLikeKind("SW1A 1AA") == "a postcode");
  CHECK(DataLikeKind("M1 1AE") == "a postcode");
  CHECK(DataLikeKind("jane@example.org") == "an email address");
  // Header text.
  for (const char* h : {"PERSON_ID", "Date of Birth", "DOB", "ADDRESS_LINE_1", "Q1", "Jane Doe", "F", "Age 0-17",
                        "", "31/02/2026" /* no such date */, "1.2.3", "12--3"})
    CHECK(DataLikeKind(h) == "");
  CHECK(LooksLikeHeaderRow({"ID", "SEX", "ETH", "DOB"}));
  CHECK_FALSE(LooksLikeHeaderRow({"ID", "SEX", "2026"}));
}

TEST_CASE("header row: a record is described by positions, never its values", "[header-row]") {
  const std::vector<std::string> record = {"C1001", "Jane Doe", "F", "WBRI", "23/11/2010"};
  CHECK(NotAHeaderMessage(record) ==
        "the header row does not look like headers: columns 1 and 5 hold what looks like data (an id, a date); "
        "was the file exported without its header row?");
  CHECK(NotAHeaderMessage(record, {"ID", "SEX", "ETH", "DOB", "ID"}) ==
        "the header row does not look like headers: 0 of 4 expected columns found (e.g. 'ID' missing), columns 1 "
        "and 5 hold what looks like data (an id, a date); was the file exported without its header row?");
  CHECK(NotAHeaderMessage({"Jane", "Doe"}, {"DOB"}) ==
        "the header row does not look like headers: 0 of 1 expected column found ('DOB' missing); "
        "was the file exported without its header row?");
  CHECK(NotAHeaderMessage({"1", "2", "3", "4", "5", "6", "7", "8"}) ==
        "the header row does not look like headers: columns 1, 2, 3, 4, 5, 6 and 2 more hold what looks like data "
        "(a number); was the file exported without its header row?");
}

TEST_CASE("header row: DescribeColumns lists a real header row, and only a real one", "[header-row]") {
  Table t;
  t.headers = {"ID", "SEX", "ETH", "DOB"};
  CHECK(DescribeColumns(t, {"PERSON_ID"}) == "its columns: ID, SEX, ETH, DOB");
  CHECK(DescribeColumns(t, {"PERSON_ID", "DOB"}) == "its columns: ID, SEX, ETH, DOB");  // DOB is found
  // None of two expected columns: not quoted, though nothing looks like data.
  t.headers = {"Jane", "Doe", "F"};
  CHECK(DescribeColumns(t, {"PERSON_ID", "DOB"}) ==
        "the header row does not look like headers: 0 of 2 expected columns found (e.g. 'PERSON_ID' missing); "
        "was the file exported without its header row?");
  t.headers = {"C1001", "Jane Doe", "23/11/2010"};
  CHECK(DescribeColumns(t, {"PERSON_ID"}) ==
        "the header row does not look like headers: 0 of 1 expected column found ('PERSON_ID' missing), columns 1 "
        "and 3 hold what looks like data (an id, a date); was the file exported without its header row?");
}
