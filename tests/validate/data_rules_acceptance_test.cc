// Issue 21's acceptance for the data rules, on real runs read back from the
// findings file users get: the dirty 2019-layout sample reports its care
// leaver in touch with no accommodation or activity; a clean Exampleshire
// (generated without its injected defects) and the SSD-shaped council
// without its injected defects raise no error from any data rule, nor any
// other error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/finding_kinds.h"
#include "sources/csv_reader.h"
#include "test_support.h"

using namespace annexa;

namespace {

int Run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir())};
  const int rc = cli::RunApp(args, ctx);
  INFO(err.str());
  CHECK((rc == 0 || rc == 1));
  return rc;
}

using Row = std::map<std::string, std::string>;

// Every finding of the findings CSV whose code is a data rule's.
std::vector<Row> DataRuleFindings(const std::string& csv) {
  auto table = sources::ReadCsvFile(csv);
  INFO(csv);
  REQUIRE(table.ok());
  std::vector<Row> out;
  const int code = table->ColumnIndex("code");
  REQUIRE(code >= 0);
  for (size_t r = 0; r < table->size(); ++r) {
    if (!IsDataRuleCode(table->cell(r, static_cast<size_t>(code)))) continue;
    Row row;
    for (const char* c : {"code", "severity", "list", "list_row", "column", "child", "source_row", "message"}) {
      const int i = table->ColumnIndex(c);
      REQUIRE(i >= 0);
      row[c] = std::string(table->cell(r, static_cast<size_t>(i)));
    }
    out.push_back(std::move(row));
  }
  return out;
}

// The codes of the findings file's errors, of any kind (built-in checks,
// mapping, data rules).
std::vector<std::string> ErrorCodes(const std::string& csv) {
  auto table = sources::ReadCsvFile(csv);
  INFO(csv);
  REQUIRE(table.ok());
  const int code = table->ColumnIndex("code"), severity = table->ColumnIndex("severity");
  REQUIRE(code >= 0);
  REQUIRE(severity >= 0);
  std::vector<std::string> out;
  for (size_t r = 0; r < table->size(); ++r)
    if (table->cell(r, static_cast<size_t>(severity)) == "error") out.emplace_back(table->cell(r, static_cast<size_t>(code)));
  return out;
}

void CheckNoDataRuleError(const std::vector<Row>& found) {
  int errors = 0;
  for (const Row& f : found) {
    if (f.at("severity") != "error") continue;
    ++errors;
    UNSCOPED_INFO(f.at("code") << " List " << f.at("list") << " row " << f.at("list_row") << " " << f.at("column")
                               << ": " << f.at("message"));
  }
  CHECK(errors == 0);
}

}  // namespace

TEST_CASE("data rules: the dirty 2019-layout sample reports the care leaver in touch with nothing recorded",
          "[data-rules][cli]") {
  const std::string csv = testing::MakeTempDir() + "/findings.csv";
  Run({"validate", "--workbook", testing::AnnexASample("la_sample_2019_layout.xlsx"), "--reference-date",
       "2021-03-31", "--findings", csv});
  // Sheet "List 9", row 5 (its fourth care leaver, child 4939073): 'LA in
  // Touch' is a) Yes, and Type of Accommodation, Suitability of
  // Accommodation and Activity Status are empty cells.
  std::vector<std::string> got;
  for (const Row& f : DataRuleFindings(csv))
    if (f.at("list") == "9")
      got.push_back(f.at("code") + "|" + f.at("severity") + "|" + f.at("list_row") + "|" + f.at("column") + "|" +
                    f.at("child") + "|" + f.at("message"));
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{
                   "cl-in-touch-accommodation|error|4|accommodation|4939073|'Type of Accommodation' is blank though "
                   "'LA In Touch' is 'a) Yes'",
                   "cl-in-touch-activity|error|4|activity|4939073|'Activity Status' is blank though 'LA In Touch' is "
                   "'a) Yes'",
                   "cl-in-touch-suitability|error|4|accommodation_suitable|4939073|'Suitability of Accommodation' is "
                   "blank though 'LA In Touch' is 'a) Yes'",
               });
}

TEST_CASE("data rules: a clean Exampleshire raises no error from any data rule", "[data-rules][cli]") {
  const std::string data = testing::MakeTempDir(), out = testing::MakeTempDir();
  // Built beside annexa (CMakeLists.txt: annexa_tests depends on it).
  const std::string gen_path = (std::filesystem::path(ANNEXA_BINARY).parent_path() / "examples" / "exampleshire" /
                                "generator" / "exampleshire_gen")
                                   .string();
  const std::string gen = gen_path + " --out " + data + " --scale 0.02 --no-defects";
  REQUIRE(std::system((gen + " > /dev/null").c_str()) == 0);
  // Exit 0: no error remains, of any kind.
  CHECK(Run({"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml", "--data-dir", data, "--out",
             out, "--generated-at", "2026-11-23T09:30:00", "--no-history"}) == 0);
  CheckNoDataRuleError(DataRuleFindings(out + "/annex_a_999_2026-11-23_findings.csv"));
  CHECK(ErrorCodes(out + "/annex_a_999_2026-11-23_findings.csv") == std::vector<std::string>{});
}

TEST_CASE("data rules: the SSD-shaped council without its injected defects raises no error from any data rule",
          "[data-rules][cli]") {
  const std::string data = testing::MakeTempDir(), out = testing::MakeTempDir();
  const std::string gen = "python3 " + testing::SourceDir() +
                          "/examples/ssd_council/generator/make_ssd_council.py --no-defects --out " + data;
  REQUIRE(std::system((gen + " > /dev/null").c_str()) == 0);
  // The profile's la_code is "000" (copy it to set the council's). Exit 0:
  // no error of any kind, List 8's Placement Location included (read from
  // the council's postcode areas, council_postcodes.csv).
  CHECK(Run({"generate", "--config", testing::SourceDir() + "/config/profiles/ssd.yaml", "--data-dir", data,
             "--reference-date", "2026-11-23", "--out", out, "--generated-at", "2026-11-23T09:30:00",
             "--no-history"}) == 0);
  CheckNoDataRuleError(DataRuleFindings(out + "/annex_a_000_2026-11-23_findings.csv"));
  CHECK(ErrorCodes(out + "/annex_a_000_2026-11-23_findings.csv") == std::vector<std::string>{});
}
