// `optional: true` on a source (docs/config.md, "Optional sources"): a
// missing, empty or header-only file is one source-optional-empty warning
// and reads as no rows; the lists that use it go on. Without `optional` the
// same file stops the run, as before.
#include <catch2/catch.hpp>

#include <filesystem>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const char* kPeople = "PERSON_ID,DOB\nA,01/01/2012\nB,01/01/2013\n";

// List 8 from people, with the UASC flag joined from an optional table.
std::string Config(const std::string& uasc_source) {
  return ConfigHead("2026-03-31") + "sources:\n  people: people.csv\n  uasc: " + uasc_source + R"Y(
lists:
  8:
    from: people
    join: [{table: uasc, on: PERSON_ID, required: false}]
    columns:
      child_id: PERSON_ID
      date_of_birth: DOB
      uasc: {column: uasc.FLAG, map: yn}
code_maps:
  yn: {Y: "a) Yes", N: "b) No"}
)Y";
}

const char* kOptional = "{file: uasc.csv, optional: true, columns: [PERSON_ID, FLAG]}";

// The source-optional-empty findings as "message|source".
std::vector<std::string> Warnings(const annexa::mapping::MappedPack& p) {
  std::vector<std::string> out;
  for (const auto& f : p.findings)
    if (f.code == "source-optional-empty") {
      CHECK(f.severity == annexa::Severity::kWarning);
      out.push_back(f.message + "|" + std::filesystem::path(f.source).filename().string());
    }
  return out;
}

}  // namespace

TEST_CASE("optional source: a missing file is a warning and reads as no rows", "[mapping][optional]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  auto p = f.Build(Config(kOptional));
  CHECK(Warnings(p) == std::vector<std::string>{
                           "source 'uasc' (optional) is missing: read as no rows; the rest of the return goes on|uasc.csv"});
  const auto& l8 = PackFixture::List(p, 8);
  REQUIRE(l8.rows.size() == 2);  // both people, with a blank UASC column
  CHECK(PackFixture::Cell(p, 8, 1, "uasc") == "");
  CHECK(PackFixture::Cell(p, 8, 2, "uasc") == "");
}

TEST_CASE("optional source: an empty file (no header) and a header-only file are warnings", "[mapping][optional]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  SECTION("zero bytes") {
    f.File("uasc.csv", "");
    auto p = f.Build(Config(kOptional));
    CHECK(Warnings(p) == std::vector<std::string>{"source 'uasc' (optional) is empty (no header): read as no rows; "
                                                  "the rest of the return goes on|uasc.csv"});
    CHECK(PackFixture::List(p, 8).rows.size() == 2);
  }
  SECTION("only line breaks and spaces") {
    f.File("uasc.csv", "\r\n  \r\n");
    auto p = f.Build(Config(kOptional));
    CHECK(Warnings(p) == std::vector<std::string>{"source 'uasc' (optional) is empty (no header): read as no rows; "
                                                  "the rest of the return goes on|uasc.csv"});
  }
  SECTION("a header and no rows") {
    f.File("uasc.csv", "PERSON_ID,FLAG\n");
    auto p = f.Build(Config(kOptional));
    CHECK(Warnings(p) == std::vector<std::string>{
                             "source 'uasc' (optional) has no rows: read as no rows; the rest of the return goes on|uasc.csv"});
  }
  SECTION("with rows: no warning, the rows are used") {
    f.File("uasc.csv", "PERSON_ID,FLAG\nB,Y\n");
    auto p = f.Build(Config(kOptional));
    CHECK(Warnings(p).empty());
    CHECK(PackFixture::Cell(p, 8, 1, "uasc") == "");
    CHECK(PackFixture::Cell(p, 8, 2, "uasc") == "a) Yes");
  }
}

TEST_CASE("optional source: without 'optional' an empty file still stops the run", "[mapping][optional]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("uasc.csv", "");
  const std::string error = f.BuildError(Config("uasc.csv"));
  CHECK(error.find("source 'uasc'") != std::string::npos);
  CHECK(error.find("no header row (the file is empty)") != std::string::npos);
}

TEST_CASE("optional source: a damaged file is not absent, and 'columns' needs 'optional'", "[mapping][optional]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  SECTION("a row with the wrong number of fields still stops the run") {
    f.File("uasc.csv", "PERSON_ID,FLAG\nA,Y,extra\n");
    const std::string error = f.BuildError(Config(kOptional));
    CHECK(error.find("source 'uasc'") != std::string::npos);
  }
  SECTION("columns without optional") {
    f.File("uasc.csv", "PERSON_ID,FLAG\n");
    const std::string error = f.BuildError(Config("{file: uasc.csv, columns: [PERSON_ID, FLAG]}"));
    CHECK(error.find("'columns' names the headers of an optional source") != std::string::npos);
  }
}
