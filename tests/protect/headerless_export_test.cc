// Issue 17: an extract exported without its header row must not put its
// first record (id, name, date of birth) on the terminal, with or without
// --pseudonymise: errors about its "headers" name positions and the
// columns the config expects, never the row's values. CSV and xlsx, each
// way the run can meet it (the reader's header check, a list's column, a
// contract's column).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "mapping/pack_fixture.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {

const char kSalt[] = "annexa-test-salt-0123456789";

// Every value of the headerless people extracts below, as written and as
// an xlsx date reads (ISO), and the serial of 23/11/2010.
const std::vector<std::string>& Personal() {
  static const std::vector<std::string> v = {"C1001", "C1002", "Jane", "Doe",       "Ann",        "Roe",
                                             "WBRI",  "APKN",  "23/11/2010", "2010-11-23", "40505",
                                             "01/02/2012", "2012-02-01"};
  return v;
}

struct Run {
  int rc = -1;
  std::string out, err, progress;
};

// `generate --pseudonymise` of the tiny golden council with its people
// extract replaced by `people` (a file in `dir`/data, named in the config
// as `people_source`).
Run Generate(const std::string& dir, const std::string& people_source) {
  std::string config = testing::ReadBytes(testing::SourceDir() + "/tests/golden/tiny/config.yaml");
  const std::string from = "  people: people.csv\n";
  REQUIRE(config.find(from) != std::string::npos);
  config.replace(config.find(from), from.size(), "  people: " + people_source + "\n");
  testing::WriteTextFile(dir, "config.yaml", config);
  for (const char* name : {"contacts.csv", "plans.csv", "audits.csv"})
    fs::copy_file(testing::SourceDir() + "/tests/golden/tiny/data/" + name, dir + "/data/" + name,
                  fs::copy_options::overwrite_existing);
  const std::string salt_file = testing::WriteTextFile(testing::MakeTempDir(), "salt", std::string(kSalt) + "\n");
  ::chmod(salt_file.c_str(), 0600);
  std::ostringstream out, err;
  Run r;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs"),
                      [] { return std::string("2026-11-23T09:30:00"); },
                      [&](const std::string& m) { r.progress += m + "\n"; }, nullptr};
  r.rc = cli::RunApp({"generate", "--config", dir + "/config.yaml", "--out", dir + "/out", "--generated-at",
                      "2026-11-23T09:30:00", "--pseudonymise", "--salt-file", salt_file},
                     ctx);
  r.out = out.str();
  r.err = err.str();
  return r;
}

void CheckNothingPersonal(const Run& r) {
  const std::string all = r.out + r.err + r.progress;
  for (const std::string& s : Personal()) {
    INFO(s);
    CHECK(all.find(s) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("headerless: a CSV whose first record repeats a value is refused by the reader, naming positions only",
          "[protect][headerless]") {
  const std::string dir = testing::MakeTempDir();
  // ID, NAME, SEX, ETH, DOB, REGISTERED: the first record's DOB and
  // REGISTERED are equal, which as a header row is a duplicate header.
  testing::WriteTextFile(dir + "/data", "people.csv",
                         "C1001,Jane Doe,F,WBRI,23/11/2010,23/11/2010\nC1002,Ann Roe,F,APKN,01/02/2012,01/02/2012\n");
  const Run r = Generate(dir, "people.csv");
  INFO(r.err);
  CHECK(r.rc == 3);  // a source that cannot be read
  // Columns 1 (C1001), 5 and 6 (the dates) look like data.
  CHECK(r.err.find("people.csv:1: the header row does not look like headers: columns 1, 5 and 6 hold what looks "
                   "like data (an id, a date); was the file exported without its header row?") != std::string::npos);
  CheckNothingPersonal(r);
}

TEST_CASE("headerless: a CSV the reader accepts fails at the list's join, naming the expected column only",
          "[protect][headerless]") {
  const std::string dir = testing::MakeTempDir();
  testing::WriteTextFile(dir + "/data", "people.csv", "C1001,Jane Doe,F,WBRI,23/11/2010\nC1002,Ann Roe,F,APKN,01/02/2012\n");
  const Run r = Generate(dir, "people.csv");
  INFO(r.err);
  CHECK(r.rc == 2);
  // List 1 joins people on ID: one expected column, missing; columns 1
  // (C1001) and 5 (23/11/2010) look like data.
  CHECK(r.err.find("no column 'ID' in source 'people' (" + dir +
                   "/data/people.csv); the header row does not look like headers: 0 of 1 expected column found ('ID' "
                   "missing), columns 1 and 5 hold what looks like data (an id, a date); was the file exported "
                   "without its header row?") != std::string::npos);
  CheckNothingPersonal(r);
}

TEST_CASE("headerless: an xlsx sheet without its header row names no value either", "[protect][headerless][xlsx]") {
  const std::string dir = testing::MakeTempDir();
  fs::create_directories(dir + "/data");
  const std::string path = dir + "/data/people.xlsx";
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    REQUIRE(wb);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "People");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char* rows[2][4] = {{"C1001", "Jane Doe", "F", "WBRI"}, {"C1002", "Ann Roe", "F", "APKN"}};
    for (lxw_row_t r = 0; r < 2; ++r)
      for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, r, c, rows[r][c], nullptr);
    worksheet_write_number(ws, 0, 4, 40505, date);  // 23/11/2010
    worksheet_write_number(ws, 1, 4, 40940, date);  // 01/02/2012
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  }
  const Run r = Generate(dir, "{file: people.xlsx, sheet: People}");
  INFO(r.err);
  CHECK(r.rc == 2);
  // Column 5 is the date cell of 23/11/2010, read as 2010-11-23: a date.
  CHECK(r.err.find("no column 'ID' in source 'people' (" + dir +
                   "/data/people.xlsx#People); the header row does not look like headers: 0 of 1 expected column "
                   "found ('ID' missing), columns 1 and 5 hold what looks like data (an id, a date); was the file "
                   "exported without its header row?") != std::string::npos);
  CheckNothingPersonal(r);
}

TEST_CASE("headerless: an xlsx sheet whose first record repeats a value is refused naming positions only",
          "[protect][headerless][xlsx]") {
  const std::string dir = testing::MakeTempDir();
  fs::create_directories(dir + "/data");
  const std::string path = dir + "/data/people.xlsx";
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    REQUIRE(wb);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "People");
    const char* row[6] = {"C1001", "Jane Doe", "F", "WBRI", "23/11/2010", "23/11/2010"};
    for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(ws, 0, c, row[c], nullptr);
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  }
  const Run r = Generate(dir, "{file: people.xlsx, sheet: People}");
  INFO(r.err);
  CHECK(r.rc == 3);  // a source that cannot be read
  CHECK(r.err.find("people.xlsx#People:1: the header row does not look like headers: columns 1, 5 and 6 hold what "
                   "looks like data (an id, a date); was the file exported without its header row?") !=
        std::string::npos);
  CheckNothingPersonal(r);
}

TEST_CASE("headerless: a contract's missing column names the contract's columns, not the row", "[protect][headerless]") {
  testing::PackFixture f;
  f.File("people.csv", "C1001,Jane Doe,F,23/11/2010\n");
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE\nC1001,2026-06-01\n");
  const std::string msg = f.BuildError(testing::ConfigHead() + R"Y(sources:
  people: {file: people.csv, contract: {key: [PERSON_ID], required: [DOB], dates: [DOB]}}
  contacts: contacts.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
)Y");
  INFO(msg);
  // Expected: PERSON_ID and DOB (twice, counted once), neither found.
  CHECK(msg.find("the contract names column 'PERSON_ID', which is not in " + f.dir +
                 "/people.csv (the header row does not look like headers: 0 of 2 expected columns found (e.g. "
                 "'PERSON_ID' missing), columns 1 and 4 hold what looks like data (an id, a date); was the file "
                 "exported without its header row?)") != std::string::npos);
  for (const char* s : {"C1001", "Jane", "23/11/2010"}) CHECK(msg.find(s) == std::string::npos);
}

TEST_CASE("headerless: an SQL result over headerless sources names no value either", "[protect][headerless][sql]") {
  testing::PackFixture f;
  f.File("people.csv", "C1001,Jane Doe,23/11/2010\n");
  f.File("visits.csv", "C1001,Ann Roe,01/02/2012\n");
  const std::string msg = f.BuildError(testing::ConfigHead() + R"Y(sources:
  people: people.csv
  visits: visits.csv
  care:
    format: sql
    query: SELECT * FROM people JOIN visits
lists:
  1:
    from: care
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
)Y");
  INFO(msg);
  // SELECT * gives people's three columns (and its _row), then visits'
  // three: "C1001" is the name of columns 1 and 4, _row not counted.
  CHECK(msg.find("source 'care': the result has two columns of the same name (columns 1 and 4, `_row` not counted), a name that looks "
                 "like data (an id): was a source it reads exported without its header row?") != std::string::npos);
  for (const char* s : {"C1001", "Jane", "Ann", "23/11/2010", "01/02/2012"}) CHECK(msg.find(s) == std::string::npos);
}
