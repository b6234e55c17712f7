// The QA workbook's Changes and Gaps_by_owner sheets read the run history
// (issue 19): a second run of the tiny council shows its findings still
// open, dated by the first run.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "cli/app.h"
#include "sources/xlsx_reader.h"
#include "test_support.h"

using namespace annexa;

namespace {

int Generate(const std::string& out, const std::string& history, const std::string& when) {
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, Resources::Under(testing::SourceDir())};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--out",
                              out, "--generated-at", when, "--history", history, "--quiet"},
                             ctx);
  INFO(e.str());
  return rc;
}

}  // namespace

TEST_CASE("QA workbook: Changes and Gaps_by_owner from the run history", "[qa][history]") {
  const std::string dir = testing::MakeTempDir();
  const std::string history = dir + "/history.sqlite";
  REQUIRE(Generate(dir + "/first", history, "2026-11-20T09:00:00") == 1);
  {
    sources::Workbook qa = testing::OpenOk(dir + "/first/annex_a_001_2026-11-23_qa.xlsx");
    auto changes = qa.SheetByName("Changes");
    REQUIRE(changes.ok());
    CHECK((*changes)->max_row() == 4);  // title, headers, an empty row, the note
    CHECK(std::string((*changes)->At(4, 1).text).rfind("No earlier run of LA 001 in the run history", 0) == 0);
  }
  REQUIRE(Generate(dir + "/second", history, "2026-11-23T09:00:00") == 1);
  sources::Workbook qa = testing::OpenOk(dir + "/second/annex_a_001_2026-11-23_qa.xlsx");
  auto changes = qa.SheetByName("Changes");
  REQUIRE(changes.ok());
  // The tiny council's stored findings: the same data, so every one is
  // still open and none closed or opened. Its findings file has one row
  // per finding; each has its own identity here (worked out from its
  // findings CSV: no two rows share rule, list, column and child).
  const std::string csv = testing::ReadBytes(dir + "/second/annex_a_001_2026-11-23_findings.csv");
  int findings = -1;  // without the header
  for (char c : csv) findings += c == '\n';
  REQUIRE(findings > 0);
  CHECK((*changes)->max_row() == 2 + findings + 2);
  for (int r = 3; r < 3 + findings; ++r) CHECK(std::string((*changes)->At(r, 1).text) == "still open");
  CHECK(std::string((*changes)->At(3 + findings + 1, 1).text).find(": 0 closed, 0 opened, " + std::to_string(findings) +
                                                                   " still open.") != std::string::npos);
  // Gaps_by_owner: every open gap dated by the first run (2026-11-20).
  auto owners = qa.SheetByName("Gaps_by_owner");
  REQUIRE(owners.ok());
  REQUIRE((*owners)->max_row() > 2);
  CHECK(std::string((*owners)->At(2, 4).text) == "first_seen");
  for (int r = 3; r <= (*owners)->max_row(); ++r) CHECK(std::string((*owners)->At(r, 4).text) == "2026-11-20");
}
