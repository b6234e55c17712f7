// A run whose findings go beyond the cap of their rule (issue 17): the
// first `cap` of each rule are stored, the rest counted; the findings file
// ends with a line per rule and list, every count (the result, run.json,
// the Data_gaps sheet) is exact, and `generate` says so once on stderr.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "history/run_summary.h"
#include "pack/run_pack.h"
#include "test_support.h"

namespace annexa {
namespace {

// List 1 only. Worked by hand: 12 contacts in the window; the 7 of
// children X1..X7 have no match in people (7 join-failed warnings, rows
// left out); the 5 of C1 come from 'ZZ', which no code map covers (5
// not-a-code errors, rows kept). Lists 2-11 are not mapped: 10
// list-not-mapped warnings. 22 findings, 5 of them errors.
std::string WriteCouncil(const std::string& dir) {
  testing::WriteTextFile(dir, "data/people.csv", "ID,SEX,ETH,DOB\nC1,F,WBRI,23/11/2010\n");
  std::string contacts = "CONTACT_ID,PERSON_ID,WHEN,SOURCE\n";
  for (int i = 1; i <= 7; ++i)
    contacts += "K" + std::to_string(i) + ",X" + std::to_string(i) + ",0" + std::to_string(i) + "/10/2026,POL\n";
  for (int day = 8; day <= 12; ++day)
    contacts += "K" + std::to_string(day) + ",C1," + (day < 10 ? "0" : "") + std::to_string(day) + "/10/2026,ZZ\n";
  testing::WriteTextFile(dir, "data/contacts.csv", contacts);
  return testing::WriteTextFile(dir, "config.yaml", R"(council: Capshire
la_code: "003"
spec: ilacs-2023
reference_date: 2026-11-23
base_dir: data
sources:
  people: people.csv
  contacts: contacts.csv
code_maps:
  gender: {M: "a) Male", F: "b) Female"}
  source: {POL: "5A"}
lists:
  1:
    from: contacts
    join: [{table: people, on: {left: PERSON_ID, right: ID}}]
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      gender: {column: people.SEX, map: gender}
      ethnicity: people.ETH
      date_of_birth: people.DOB
      age: {derive: age}
      date_of_contact: WHEN
      contact_source: {column: SOURCE, map: source}
)");
}

pack::PackRequest Request(const std::string& config, const std::string& out, size_t cap) {
  pack::PackRequest r;
  r.config_path = config;
  r.out_dir = out;
  r.resources = Resources::Under(testing::SourceDir());
  r.generated_at = "2026-11-23T09:30:00";
  r.findings_cap = cap;
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

TEST_CASE("findings cap: beyond 3 per rule, findings are counted, not stored, and every count is exact",
          "[pack][findings-cap]") {
  const std::string dir = testing::MakeTempDir(), out = dir + "/out";
  Result<pack::PackResult> r = pack::RunPack(Request(WriteCouncil(dir), out, 3));
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->findings == 22);
  CHECK(r->findings_cap == 3);
  // Stored: 3 of each rule; counted: join-failed 7-3, list-not-mapped 10-3, not-a-code 5-3.
  const std::map<std::string, int64_t> not_stored = {{"join-failed", 4}, {"list-not-mapped", 7}, {"not-a-code", 2}};
  CHECK(r->findings_not_stored == not_stored);
  const std::map<std::pair<Severity, std::string>, int64_t> by_code = {{{Severity::kError, "not-a-code"}, 5},
                                                                       {{Severity::kWarning, "join-failed"}, 7},
                                                                       {{Severity::kWarning, "list-not-mapped"}, 10}};
  CHECK(r->findings_by_code == by_code);
  CHECK(r->errors_remain);

  // The findings file: the header, the 9 stored, then one line per rule,
  // severity and list counted (sorted by rule, then list): join-failed in
  // List 1, list-not-mapped in Lists 5-11 (2-4 are stored), not-a-code
  // in List 1. The last three columns (explained_by, explained_on,
  // explained_reason: issue 19) are empty: counted findings are never explained.
  const std::vector<std::string> csv = Lines(testing::ReadBytes(out + "/annex_a_003_2026-11-23_findings.csv"));
  REQUIRE(csv.size() == 1 + 9 + 9);
  CHECK(csv[10] ==
        ",,,,,,warning,join-failed,1,,,,,,,,,,\"a further 4 join-failed warnings counted, not stored: at most 3 findings of "
        "one rule are kept\",,,");
  CHECK(csv[11] ==
        ",,,,,,warning,list-not-mapped,5,,,,,,,,,,\"a further 1 list-not-mapped warning counted, not stored: at most 3 "
        "findings of one rule are kept\",,,");
  CHECK(csv[18] ==
        ",,,,,,error,not-a-code,1,,,,,,,,,,\"a further 2 not-a-code errors counted, not stored: at most 3 findings of "
        "one rule are kept\",,,");
  int stored_join_failed = 0;
  for (size_t i = 1; i <= 9; ++i) stored_join_failed += csv[i].find(",warning,join-failed,1,,,,,,X") != std::string::npos;
  CHECK(stored_join_failed == 3);

  // run.json: counts exact, keys for the stored ones only.
  Result<history::RunSummary> summary = history::LoadRunSummary(out);
  REQUIRE(summary.ok());
  const std::map<std::string, int64_t> all = {{"join-failed", 7}, {"list-not-mapped", 10}, {"not-a-code", 5}};
  CHECK(summary->by_code == all);
  CHECK(summary->not_stored == not_stored);
  // One key per finding identity (issue 19; was one per stored finding, 9):
  // the 3 stored not-a-code errors are all C1's contact_source in List 1,
  // one identity; join-failed (about no child: told apart by the value
  // X1..X3) and list-not-mapped (Lists 2-4) keep 3 each. 3 + 3 + 1.
  CHECK(summary->finding_keys.size() == 7);
  REQUIRE(summary->lists.size() == 11);
  CHECK(summary->lists[0].errors == 5);
  CHECK(summary->lists[0].warnings == 7);
  CHECK(summary->lists[6].warnings == 1);  // List 7: its list-not-mapped warning only counted

  // The Data_gaps sheet (of the QA workbook) counts every finding.
  sources::Workbook book = testing::OpenOk(out + "/annex_a_003_2026-11-23_qa.xlsx");
  Result<const sources::Sheet*> gaps = book.SheetByName("Data_gaps");
  REQUIRE(gaps.ok());
  std::map<std::string, double> counted;  // "list|code" -> Findings
  for (int row = 1; row <= 30; ++row) {
    const sources::CellView list = (*gaps)->At(row, 1), code = (*gaps)->At(row, 3), n = (*gaps)->At(row, 5);
    if (code.kind != sources::CellKind::kString || n.kind != sources::CellKind::kNumber) continue;
    const std::string key = (list.kind == sources::CellKind::kNumber ? std::to_string(static_cast<int>(list.number))
                                                                      : std::string(list.text)) +
                            "|" + std::string(code.text);
    counted[key] = n.number;
    if (key == "7|list-not-mapped")
      CHECK(std::string((*gaps)->At(row, 6).text) == "(counted, not stored: the rule's cap was reached)");
  }
  CHECK(counted["1|not-a-code"] == 5);
  CHECK(counted["1|join-failed"] == 7);
  CHECK(counted["7|list-not-mapped"] == 1);
}

TEST_CASE("findings cap: under the cap nothing is counted apart and run.json has no findings_not_stored",
          "[pack][findings-cap]") {
  const std::string dir = testing::MakeTempDir(), out = dir + "/out";
  Result<pack::PackResult> r = pack::RunPack(Request(WriteCouncil(dir), out, 10));
  REQUIRE(r.ok());
  CHECK(r->findings == 22);
  CHECK(r->findings_not_stored.empty());
  CHECK(Lines(testing::ReadBytes(out + "/annex_a_003_2026-11-23_findings.csv")).size() == 1 + 22);
  CHECK(testing::ReadBytes(out + "/annex_a_003_2026-11-23_run.json").find("findings_not_stored") == std::string::npos);
}

TEST_CASE("findings cap: generate --findings-per-rule says once on stderr how many were counted, not stored",
          "[pack][findings-cap][cli]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = WriteCouncil(dir);
  auto run = [&](const std::string& cap, std::string* err_text) {
    std::ostringstream out, err;
    cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir()), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    const int rc = cli::RunApp({"generate", "--config", config, "--out", dir + "/out" + cap, "--generated-at",
                                "2026-11-23T09:30:00", "--quiet", "--findings-per-rule", cap},
                               ctx);
    *err_text = err.str();
    return rc;
  };
  std::string err;
  CHECK(run("3", &err) == 1);
  CHECK(err ==
        "annexa: 13 findings of 3 rules beyond 3 per rule were counted, not stored (every count includes them; the "
        "findings file ends with a line for each rule)\n");
  CHECK(run("100", &err) == 1);
  CHECK(err.empty());
  CHECK(run("0", &err) == 2);
  CHECK(err == "annexa: --findings-per-rule must be a whole number of at least 1, not '0'\n");
}

}  // namespace
}  // namespace annexa
