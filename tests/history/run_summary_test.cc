// Run history: every generate leaves a summary; `annexa diff` of two runs
// shows a fixed defect as closed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "history/run_diff.h"
#include "history/run_summary.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {
int Generate(const std::string& out, const std::string& data_dir) {
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  return cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--data-dir",
                      data_dir, "--out", out, "--generated-at", "2026-11-23T09:30:00", "--quiet"},
                     ctx);
}
}  // namespace

TEST_CASE("history: a run summary without values, and a diff showing a fixed defect closed", "[history]") {
  const std::string data = testing::MakeTempDir(), before = testing::MakeTempDir(), after = testing::MakeTempDir();
  fs::copy(testing::SourceDir() + "/tests/golden/tiny/data", data, fs::copy_options::recursive);
  CHECK(Generate(before, data) == 1);  // contact 3's source "ZZZ" is unmapped
  auto json = ReadFile(before + "/annex_a_001_2026-11-23_run.json");
  REQUIRE(json.ok());
  CHECK(json->find("\"council\": \"Tinyshire\"") != std::string::npos);
  CHECK(json->find("{\"list\": 1, \"title\": \"List 1: Contacts\", \"rows\": 3, \"read\": 4") != std::string::npos);
  CHECK(json->find("ZZZ") == std::string::npos);          // no values
  CHECK(json->find("O’Neill") == std::string::npos);       // no names
  // The QA lead fixes the source code; the next run has one finding fewer.
  std::string contacts = *ReadFile(data + "/contacts.csv");
  contacts.replace(contacts.find("ZZZ"), 3, "SCH");
  REQUIRE(WriteFileAtomically(data + "/contacts.csv", contacts, 0600).ok());
  Generate(after, data);
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"diff", before, after}, ctx) == 0);
  INFO(o.str());
  CHECK(o.str().find("Findings: 1 closed, 0 opened\n") != std::string::npos);
  CHECK(o.str().find("  not-a-code                   1 closed     0 opened\n") != std::string::npos);
  CHECK(o.str().find("   1       3 -> 3             100.0% -> 100.0%       1 -> 0    \n") != std::string::npos);
  std::ostringstream o2, e2;
  cli::AppContext ctx2{o2, e2, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"diff", before}, ctx2) == 2);
}

TEST_CASE("history: a rule over its findings cap is compared by its totals", "[history][findings-cap]") {
  // Run A: 250 duplicate-row warnings, 150 of them beyond the cap; run B:
  // 120, 20 beyond it. Closed and opened compare the stored keys only (none
  // here), so the diff gives both runs' totals and counted-apart numbers.
  history::RunSummary a, b;
  a.by_code = {{"duplicate-row", 250}};
  a.not_stored = {{"duplicate-row", 150}};
  b.by_code = {{"duplicate-row", 120}};
  b.not_stored = {{"duplicate-row", 20}};
  const std::string diff = history::DiffRuns(a, b);
  INFO(diff);
  CHECK(diff.find("  duplicate-row            250 -> 120 in all; beyond the cap (counted, not compared): 150 -> 20\n") !=
        std::string::npos);
  // Round trip through run.json.
  const std::string dir = testing::MakeTempDir();
  REQUIRE(WriteFileAtomically(dir + "/x_run.json", history::RunSummaryJson(b), 0600).ok());
  Result<history::RunSummary> back = history::LoadRunSummary(dir);
  REQUIRE(back.ok());
  CHECK(back->not_stored == b.not_stored);
  CHECK(back->by_code == b.by_code);
}
