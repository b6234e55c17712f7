// Every finding real runs write is of a catalogued kind, with the
// catalogue's severity: `generate` on Exampleshire (its data carries
// deliberate defects), `validate --workbook` on the public sample workbooks,
// and `audit`. The findings are read back from the findings files users get.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/finding_kinds.h"
#include "sources/csv_reader.h"
#include "test_support.h"

using namespace annexa;

namespace {

// "code|severity" -> how many, from a findings CSV.
std::map<std::string, int> FindingsIn(const std::string& csv_path) {
  auto table = sources::ReadCsvFile(csv_path);
  INFO(csv_path);
  REQUIRE(table.ok());
  const int code = table->ColumnIndex("code"), severity = table->ColumnIndex("severity");
  REQUIRE(code >= 0);
  REQUIRE(severity >= 0);
  std::map<std::string, int> out;
  for (size_t r = 0; r < table->size(); ++r)
    ++out[std::string(table->cell(r, static_cast<size_t>(code))) + "|" +
          std::string(table->cell(r, static_cast<size_t>(severity)))];
  return out;
}

// Runs annexa in-process; a run that found problems exits 1, not 2 or 3.
void Run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir())};
  const int rc = cli::RunApp(args, ctx);
  INFO(err.str());
  CHECK((rc == 0 || rc == 1));
}

// Every finding's code is a kind's, with that kind's severity.
void CheckCatalogued(const std::map<std::string, int>& found) {
  for (const auto& [key, n] : found) {
    INFO(key << " (" << n << " findings)");
    const std::string code = key.substr(0, key.find('|'));
    const FindingKindInfo* kind = FindFindingKind(code);
    REQUIRE(kind != nullptr);
    CHECK(key == code + "|" + ToString(kind->severity));
  }
}

// Each of `expected` ("code|severity") is among `found`.
void CheckIncludes(const std::map<std::string, int>& found, const std::vector<std::string>& expected) {
  for (const std::string& e : expected) {
    INFO(e);
    CHECK(found.count(e) == 1);
  }
}

const std::string kConfig = testing::SourceDir() + "/config/exampleshire.yaml";

}  // namespace

TEST_CASE("finding kinds: every finding of generate on Exampleshire is catalogued", "[findings][cli]") {
  const std::string dir = testing::MakeTempDir();
  Run({"generate", "--config", kConfig, "--out", dir, "--generated-at", "2026-11-23T09:30:00"});
  const auto found = FindingsIn(dir + "/annex_a_999_2026-11-23_findings.csv");
  CheckCatalogued(found);
  // The defects the generator injects (examples/exampleshire/README.md,
  // "Defects"), as each one shows: unknown codes, impossible dates, ends
  // before starts, copied rows, people.csv rows copied and missing, and
  // blank genders and ethnicities. Copied rows of a source with a contract
  // (people, contacts ...) are reported at the source and kept once, so no
  // list repeats a row and no joined key is repeated: the sources' contracts
  // find the defects at their rows (source-*).
  CheckIncludes(found, {"not-a-code|error", "bad-date|error", "date-order|error", "join-failed|warning",
                        "missing-required|error", "source-duplicate-row|warning", "source-orphan|error",
                        "source-date-order|error", "source-bad-date|error", "source-unknown-code|error"});
}

TEST_CASE("finding kinds: every finding of validate --workbook on the sample workbooks is catalogued",
          "[findings][cli]") {
  const std::string dir = testing::MakeTempDir();
  std::map<std::string, std::map<std::string, int>> by_sample;
  for (const char* name : {"ofsted_2019_template.xlsx", "ofsted_2019_template_no_list3.xlsx", "la_sample_b.xlsx",
                           "la_sample_2019_layout.xlsx", "la_sample_2024_layout.xlsx"}) {
    const std::string csv = dir + "/" + name + ".csv";
    Run({"validate", "--workbook", testing::AnnexASample(name), "--reference-date", "2021-03-31", "--findings", csv});
    by_sample[name] = FindingsIn(csv);
    INFO(name);
    CheckCatalogued(by_sample[name]);
  }
  // What tests/data/samples/README.md says each holds: the dirty council
  // sample's 'Female' for 'b) Female', decimal ages, #N/A and unknown codes;
  // sheets named "List 1".. in the 2024 layout, and "List 3" in place of
  // List_3 in the template without one (its xl/workbook.xml).
  CheckIncludes(by_sample["la_sample_2019_layout.xlsx"],
                {"code-spelling|warning", "bad-integer|error", "excel-error|error", "not-a-code|error"});
  CheckIncludes(by_sample["ofsted_2019_template_no_list3.xlsx"], {"sheet-name|warning"});
  CheckIncludes(by_sample["la_sample_2024_layout.xlsx"], {"sheet-name|warning"});
}

TEST_CASE("finding kinds: every finding of audit on Exampleshire is catalogued", "[findings][cli]") {
  const std::string dir = testing::MakeTempDir();
  Run({"audit", "--config", kConfig, "--out", dir, "--generated-at", "2026-11-23T09:30:00"});
  const auto found = FindingsIn(dir + "/audited_cases_999_2026-11-23_findings.csv");
  CheckCatalogued(found);
  // case_audits.csv has 16 audits in the six months, 9 of them front-door
  // cases, while the open episodes, plans, periods of care and care leavers
  // sit with 12 teams: some team has none of its children audited.
  CheckIncludes(found, {"audit-team-not-covered|info"});
}

// Issue 16: `generate` with the ready profiles on every public sample return
// (tests/data/samples/README.md) exits 0 or 1, never 2 or 3, and what it
// reports is catalogued; an SSDA903 set with an empty AD1 table goes on with
// a source-optional-empty warning.
TEST_CASE("finding kinds: generate with the ready profiles on every public sample return", "[findings][cli][profiles]") {
  const std::string profiles = testing::SourceDir() + "/config/profiles/";
  int run = 0;
  for (const char* sample : {"cin_census/fake_cin_332_children.xml", "public/cin_census/d2i_fake_CIN_data.xml",
                             "public/cin_census/d2i_CIN_Census_2024.xml", "public/cin_census/liia_822_cin_2022.xml",
                             "public/cin_census/liia_cin-2022.xml"}) {
    const std::string data = testing::MakeTempDir(), out = testing::MakeTempDir();
    std::filesystem::copy_file(testing::SampleFile(sample), data + "/cin_census.xml");
    INFO(sample);
    Run({"generate", "--config", profiles + "cin_census.yaml", "--data-dir", data, "--reference-date", "2024-03-31",
         "--out", out, "--generated-at", "2024-04-01T09:00:00"});
    CheckCatalogued(FindingsIn(out + "/annex_a_000_2024-03-31_findings.csv"));
    ++run;
  }
  // The 2025 set, whole and with a zero-byte AD1 file.
  const std::string tt1 = testing::MakeTempDir();
  const std::string from = testing::SampleFile("public/ssda903_tt1/SSDA903_2025_");
  for (const char* t : {"header", "episodes", "uasc", "missing", "reviews", "ad1"})
    std::filesystem::copy_file(from + t + ".csv", tt1 + "/" + t + ".csv");
  std::filesystem::copy_file(from + "placedadoption.csv", tt1 + "/placed_for_adoption.csv");
  for (const std::string data : {testing::SampleFile("ssda903"), tt1, std::string("empty ad1")}) {
    std::string dir = data;
    if (data == "empty ad1") {
      testing::WriteTextFile(tt1, "ad1.csv", "");
      dir = tt1;
    }
    const std::string out = testing::MakeTempDir();
    INFO(data);
    Run({"generate", "--config", profiles + "ssda903.yaml", "--data-dir", dir, "--reference-date", "2025-03-31",
         "--out", out, "--generated-at", "2025-04-01T09:00:00"});
    const auto found = FindingsIn(out + "/annex_a_000_2025-03-31_findings.csv");
    CheckCatalogued(found);
    if (data == "empty ad1") CheckIncludes(found, {"source-optional-empty|warning"});
    ++run;
  }
  CHECK(run == 8);
}
