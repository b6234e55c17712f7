// Readiness that can turn green (issue 20): a rehearsal of a clean
// Exampleshire (the generator's --no-defects copy) shows every list green,
// and a small council made dirty by hand shows the exact status, reason and
// top fixes of an amber and a red list.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>

#include "cli/app.h"
#include "core/file_util.h"
#include "test_support.h"

using namespace annexa;

namespace {

int Rehearse(const std::vector<std::string>& extra, const std::string& out, std::ostringstream& o,
             std::ostringstream& e) {
  cli::AppContext ctx{o, e, annexa::Resources::Under(testing::SourceDir())};
  std::vector<std::string> args = {"rehearse", "--notification", "2026-11-23 09:30", "--out", out, "--no-history"};
  args.insert(args.end(), extra.begin(), extra.end());
  return cli::RunApp(args, ctx);
}

// How many times `needle` occurs in `text`.
size_t Occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("rehearse: a clean Exampleshire (--no-defects) is green in every list", "[rehearse][readiness]") {
  const std::string dir = testing::MakeTempDir();
  // The default dataset's scale, seed and date, without the injected defects.
  const std::string gen = testing::RunCommand(std::string("'") + EXAMPLESHIRE_GEN + "' --out '" + dir +
                                              "/clean' --no-defects --scale 0.02 --seed 1 2>&1");
  INFO(gen);
  REQUIRE(gen.find("total ") != std::string::npos);
  REQUIRE(gen.find("defects:") == std::string::npos);
  std::ostringstream o, e;
  const int rc = Rehearse({"--config", testing::SourceDir() + "/config/exampleshire.yaml", "--data-dir", dir + "/clean"},
                          dir + "/out", o, e);
  INFO(o.str() << e.str());
  CHECK(rc == 0);
  auto json = ReadFile(dir + "/out/rehearsal.json");
  REQUIRE(json.ok());
  // Eleven lists, each with rows and each green: none amber or red, and no
  // error left anywhere (a rule that fires on clean data, or a list the
  // generator leaves empty, fails here).
  CHECK(Occurrences(*json, "{\"list\": ") == 11);
  CHECK(Occurrences(*json, "\"status\": \"green\"") == 11);
  CHECK(Occurrences(*json, "\"status\": \"amber\"") == 0);
  CHECK(Occurrences(*json, "\"status\": \"red\"") == 0);
  CHECK(Occurrences(*json, "\"errors\": 0,") == 11);
  CHECK(Occurrences(*json, "\"rows\": 0,") == 0);
  CHECK(o.str().find("What to fix") == std::string::npos);
  const std::string text = testing::RunCommand("pdftotext -layout '" + dir + "/out/rehearsal.pdf' - 2>/dev/null");
  CHECK_THAT(text, Catch::Contains("11 green, 0 amber, 0 red"));
}

namespace {

// A council made by hand. List 1: 60 contacts, contact 7 (contacts.csv
// row 8) from source ZZZ, no code: one error in 60 rows (1.7 per 100, not
// over 2): amber. C4 (people.csv row 5) has no gender: one of List 1's 60
// (98.3% filled, not under 98: no reason, no fix) and one of List 7's 4
// rows (75% filled, under 90: red). List 7: C2's plan (plans.csv row 3)
// has no initial category: a required column 75% filled, and its error.
// List 7's top fix is C4's gender, the root cause with the most findings
// (one in List 1, one in List 7); List 1's is its one error.
void WriteDirtyCouncil(const std::string& dir) {
  testing::WriteTextFile(dir, "data/people.csv",
                         "ID,SEX,ETH,DOB\nC1,F,WBRI,23/11/2010\nC2,M,WBRI,01/02/2012\nC3,F,WBRI,05/05/2014\n"
                         "C4,,WBRI,07/07/2015\n");
  std::string contacts = "CID,ID,WHEN,SRC\n";
  for (int k = 1; k <= 60; ++k) {
    // 1 .. 60 June and July 2026, inside the six months before 23/11/2026.
    const int day = k <= 30 ? k : k - 30, month = k <= 30 ? 6 : 7;
    contacts += std::to_string(k) + "," + (k == 1 ? "C4" : "C1") + ",2026-" + (month < 10 ? "0" : "") +
                std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day) + "," +
                (k == 7 ? "ZZZ" : "POL") + "\n";
  }
  testing::WriteTextFile(dir, "data/contacts.csv", contacts);
  testing::WriteTextFile(dir, "data/plans.csv",
                         "ID,START,END,CAT,LATEST,PREV,TEAM,WORKER\n"
                         "C1,2026-01-10,,NEG,NEG,0,Team A,W1\n"
                         "C2,2026-02-10,,,NEG,0,Team A,W1\n"
                         "C3,2026-03-10,,EMO,EMO,1,Team B,W2\n"
                         "C4,2026-04-10,,NEG,NEG,0,Team B,W2\n");
  testing::WriteTextFile(dir, "config.yaml", R"(council: Dirtyshire
la_code: "003"
spec: ilacs-2023
reference_date: 2026-11-23
base_dir: data
sources:
  people: people.csv
  contacts: contacts.csv
  plans: plans.csv
code_maps:
  gender: {M: "a) Male", F: "b) Female"}
  ethnicity: {WBRI: "a) WBRI"}
  source: {POL: "6"}
  abuse: {NEG: "a) Neglect", EMO: "d) Emotional abuse"}
lists:
  1:
    from: contacts
    join: [{table: people, on: ID}]
    window: {start: date_of_contact}
    columns:
      child_id: ID
      gender: {column: people.SEX, map: gender}
      ethnicity: {column: people.ETH, map: ethnicity}
      date_of_birth: people.DOB
      age: {derive: age}
      date_of_contact: WHEN
      contact_source: {column: SRC, map: source}
  7:
    from: plans
    join: [{table: people, on: ID}]
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    columns:
      child_id: ID
      gender: {column: people.SEX, map: gender}
      ethnicity: {column: people.ETH, map: ethnicity}
      date_of_birth: people.DOB
      age: {derive: age}
      disability: {value: "b) No"}
      cp_plan_start_date: START
      cp_plan_end_date: END
      initial_category: {column: CAT, map: abuse}
      latest_category: {column: LATEST, map: abuse}
      epo_or_police_protection: {value: "b) No"}
      previous_cp_plans: PREV
      allocated_team: TEAM
      allocated_worker: WORKER
)");
}

}  // namespace

TEST_CASE("rehearse: an amber and a red list with their reasons and top fixes, worked out by hand",
          "[rehearse][readiness]") {
  const std::string dir = testing::MakeTempDir();
  WriteDirtyCouncil(dir);
  std::ostringstream o, e;
  const int rc = Rehearse({"--config", dir + "/config.yaml"}, dir + "/out", o, e);
  INFO(o.str() << e.str());
  CHECK(rc == 1);  // List 7 is red
  const std::string gender_fix =
      "missing-expected in 'Gender': people.csv row 5, column people.SEX (2 findings in Lists 1, 7)";
  const std::string source_fix =
      "not-a-code in 'Contact Source': contacts.csv row 8, column SRC (1 finding in List 1)";
  const std::string category_fix =
      "missing-required in 'Initial Category of Abuse': plans.csv row 3, column CAT (1 finding in List 7)";
  // The terminal: the table (required columns: List 1's id, gender,
  // ethnicity, date and source: 299 of 300 cells; List 7's eleven: 42 of
  // 44), then each list's reason and fixes.
  CHECK_THAT(o.str(), Catch::Contains("   1    60       1          0     99.7%"));
  CHECK_THAT(o.str(), Catch::Contains("   7     4       1          0     95.5%"));
  CHECK_THAT(o.str(), Catch::Contains("  List 1 (amber): 1 error in 'Contact Source'\n"
                                      "    1. " + source_fix + "\n"
                                      "  List"));
  CHECK_THAT(o.str(), Catch::Contains("  List 7 (red): 'Gender' 25% blank; 'Initial Category of Abuse' 25% blank\n"
                                      "    1. " + gender_fix + "\n"
                                      "    2. " + category_fix + "\n"));
  auto json = ReadFile(dir + "/out/rehearsal.json");
  REQUIRE(json.ok());
  CHECK_THAT(*json, Catch::Contains("{\"list\": 1, \"rows\": 60, \"errors\": 1, \"warnings\": 1, \"explained\": 0, "
                                    "\"required_filled_percent\": 99.7, "));
  CHECK_THAT(*json, Catch::Contains("\"status\": \"amber\", \"reason\": \"1 error in 'Contact Source'\""));
  CHECK_THAT(*json, Catch::Contains("\"status\": \"red\", \"reason\": \"'Gender' 25% blank; 'Initial Category of "
                                    "Abuse' 25% blank\""));
  CHECK_THAT(*json, Catch::Contains("{\"rule\": \"missing-expected\", \"severity\": \"warning\", \"column\": "
                                    "\"Gender\", \"source\": \"people.csv\", \"source_row\": 5, \"source_column\": "
                                    "\"people.SEX\", \"list\": 0, \"list_row\": 0, \"findings\": 2, \"lists\": [1, 7]"));
  const std::string text = testing::RunCommand("pdftotext '" + dir + "/out/rehearsal.pdf' - 2>/dev/null");
  // Lists 2-6 and 8-11 have no rows (amber), List 1 is amber, List 7 red.
  CHECK_THAT(text, Catch::Contains("0 green, 10 amber, 1 red"));
  CHECK_THAT(text, Catch::Contains("What to fix"));
}
