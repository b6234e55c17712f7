// Gaps by owner (issue 19): each team's and worker's open gaps, oldest
// first, from a pack's findings file; the same rows from the findings in
// memory (the QA workbook's sheet); `annexa gaps` writing a file per team.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/finding_kinds.h"
#include "gaps/owner_gaps.h"
#include "render/findings_csv.h"
#include "spec/spec_loader.h"
#include "test_support.h"

namespace annexa {
namespace {

// A findings file as render/findings_csv.h writes it, by hand: C1's
// spelling and C3's bad date with Zoe in Team A, C4's blank gender in
// Team A with no worker, C2's in Team B, C5's explained, a list-level
// warning about no child, an info finding, and a rule over its cap.
const char* kFindings =
    "child,team,worker,root,root_role,root_findings,severity,code,list,list_row,excel_row,column,excel_column,header,"
    "value,source,source_row,source_column,message,explained_by,explained_on,explained_reason\r\n"
    "C2,Team B,Sam Smith,R1,root,1,error,missing-required,7,2,4,gender,B,Gender,,/d/people.csv,3,SEX,gender is "
    "blank,,,\r\n"
    "C1,Team A,Zoe,R2,root,1,warning,code-spelling,7,1,3,ethnicity,C,Ethnicity,White British,/d/people.csv,2,ETH,read "
    "as WBRI,,,\r\n"
    "C3,Team A,Zoe,R3,root,1,error,bad-date,7,3,5,date_of_birth,D,Date of birth,31/02/2012,/d/people.csv,4,DOB,not a "
    "date,,,\r\n"
    "C4,Team A,,R4,root,1,error,missing-required,7,4,6,gender,B,Gender,,/d/people.csv,5,SEX,gender is blank,,,\r\n"
    "C5,Team A,Zoe,R5,root,1,error,missing-required,7,5,7,gender,B,Gender,,/d/people.csv,6,SEX,gender is blank,Jo "
    "Bloggs,2026-11-20,unborn\r\n"
    ",,,R6,root,1,warning,list-not-mapped,2,,,,,,,,,,List 2 is not mapped,,,\r\n"
    "C6,Team A,Zoe,R7,root,1,info,case-status-assumed,7,6,8,,,,,,,,assumed,,,\r\n"
    ",,,,,,error,not-a-code,1,,,,,,,,,,\"a further 2 not-a-code errors counted, not stored: at most 3 findings of one "
    "rule are kept\",,,\r\n";

std::string Identity(const std::string& code, int list, const std::string& column, const std::string& child,
                     const std::string& source = "", const std::string& value = "") {
  Finding f;
  f.code = code;
  f.list = list;
  f.column = column;
  f.child = child;
  f.source = source;
  f.value = value;
  return FindingIdentity(f);
}

// The history knows two: C1's spelling (about the spelling, so by file
// name and value) first seen 15 Sep, C3's bad date 1 Oct. The rest are
// new: the run's reference date, 23 Nov.
gaps::FirstSeen History() {
  return {{Identity("code-spelling", 7, "ethnicity", "", "people.csv", "White British"), "2026-09-15"},
          {Identity("bad-date", 7, "date_of_birth", "C3"), "2026-10-01"}};
}

TEST_CASE("gaps: open gaps by team and worker, oldest first; explained, info and counted lines left out",
          "[gaps][owner]") {
  Result<gaps::FindingsFileGaps> read = gaps::ReadFindingsGaps(kFindings, "f.csv", History(), "2026-11-23");
  INFO(read.status().message());
  REQUIRE(read.ok());
  CHECK(read->explained == 1);
  CHECK(read->not_stored == 1);
  std::vector<std::string> order;
  for (const gaps::OwnerGap& g : read->gaps)
    order.push_back(g.team + "|" + g.worker + "|" + g.child + "|" + g.first_seen + "|" + g.rule);
  // Team A before Team B before no team; in Team A, Zoe before no worker;
  // Zoe's oldest first (15 Sep, then 1 Oct).
  const std::vector<std::string> expected = {
      "Team A|Zoe|C1|2026-09-15|code-spelling", "Team A|Zoe|C3|2026-10-01|bad-date",
      "Team A||C4|2026-11-23|missing-required", "Team B|Sam Smith|C2|2026-11-23|missing-required",
      "|||2026-11-23|list-not-mapped"};
  CHECK(order == expected);
  const gaps::OwnerGap& c3 = read->gaps[1];
  CHECK(c3.is_error);
  CHECK(c3.list == "7");
  CHECK(c3.excel_row == 5);
  CHECK(c3.header == "Date of birth");
  CHECK(c3.value == "31/02/2012");
  CHECK(c3.source == "/d/people.csv");
  CHECK(c3.source_row == 4);
  CHECK(c3.source_column == "DOB");

  const std::vector<gaps::OwnerCount> counts = gaps::CountByOwner(read->gaps);
  REQUIRE(counts.size() == 7);
  auto line = [](const gaps::OwnerCount& c) {
    return c.team + "|" + (c.team_total ? "ALL" : c.worker) + "|" + std::to_string(c.errors) + "|" +
           std::to_string(c.warnings) + "|" + c.oldest;
  };
  CHECK(line(counts[0]) == "Team A|Zoe|1|1|2026-09-15");
  CHECK(line(counts[1]) == "Team A||1|0|2026-11-23");
  CHECK(line(counts[2]) == "Team A|ALL|2|1|2026-09-15");
  CHECK(line(counts[3]) == "Team B|Sam Smith|1|0|2026-11-23");
  CHECK(line(counts[4]) == "Team B|ALL|1|0|2026-11-23");
  CHECK(line(counts[5]) == "||0|1|2026-11-23");
  CHECK(line(counts[6]) == "|ALL|0|1|2026-11-23");

  const auto teams = gaps::ByTeam(read->gaps);
  REQUIRE(teams.size() == 3);
  CHECK(teams[1].first == "Team B");
  CHECK(gaps::GapsCsv(teams[1].second) ==
        "team,worker,child,first_seen,severity,rule,list,excel_row,column,header,value,message,source,source_row,"
        "source_column\r\n"
        "Team B,Sam Smith,C2,2026-11-23,error,missing-required,7,4,gender,Gender,,gender is blank,/d/people.csv,3,"
        "SEX\r\n");
}

TEST_CASE("gaps: a file that is not a findings file is refused, naming the missing columns", "[gaps][owner]") {
  Result<gaps::FindingsFileGaps> read = gaps::ReadFindingsGaps("child,team\r\nC1,A\r\n", "x.csv", {}, "");
  REQUIRE(!read.ok());
  CHECK(read.status().message() ==
        "x.csv: not an annexa findings file: no column worker, root, severity, code, list, excel_row, column, header, "
        "value, source, source_row, source_column, message in its header (see render/findings_csv.h)");
}

TEST_CASE("gaps: team file names are plain and unique", "[gaps][owner]") {
  std::vector<std::string> taken;
  CHECK(gaps::TeamFileName("Team A", &taken) == "gaps_team_a.csv");
  CHECK(gaps::TeamFileName("team a!", &taken) == "gaps_team_a-2.csv");
  CHECK(gaps::TeamFileName("", &taken) == "gaps_no_team.csv");
  CHECK(gaps::TeamFileName("../..", &taken) == "gaps_team.csv");
}

TEST_CASE("gaps: the rows from the findings in memory equal those read back from the findings file",
          "[gaps][owner]") {
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  Findings findings;
  auto add = [&](FindingKind kind, const std::string& child, const std::string& team, const std::string& worker,
                 int64_t row, const std::string& column) {
    Finding f = MakeFinding(kind, "message " + child);
    f.list = 7;
    f.list_row = row;
    f.column = column;
    f.child = child;
    f.team = team;
    f.worker = worker;
    f.source = "/d/plans.csv";
    f.source_row = row + 1;
    f.source_column = "X";
    findings.push_back(f);
  };
  add(kinds::kMissingRequired, "C2", "Team B", "Sam", 2, "gender");
  add(kinds::kBadDate, "C1", "Team A", "Zoe", 1, "date_of_birth");
  add(kinds::kMissingRequired, "C3", "Team A", "Zoe", 3, "gender");
  findings[2].explained_by = "Jo";
  findings[2].explained_on = "2026-11-20";
  findings[2].explained_reason = "unborn";
  const gaps::FirstSeen first_seen = {{Identity("missing-required", 7, "gender", "C2"), "2026-08-01"}};
  const std::vector<gaps::OwnerGap> direct = gaps::OpenGaps(findings, *spec, first_seen, "2026-11-23");
  REQUIRE(direct.size() == 2);  // C3's is explained
  CHECK(direct[0].child == "C1");
  CHECK(direct[1].child == "C2");
  CHECK(direct[1].first_seen == "2026-08-01");
  Result<gaps::FindingsFileGaps> read =
      gaps::ReadFindingsGaps(render::FindingsToCsv(findings, *spec), "f.csv", first_seen, "2026-11-23");
  REQUIRE(read.ok());
  CHECK(gaps::GapsSheetRows(read->gaps) == gaps::GapsSheetRows(direct));
  CHECK(gaps::GapsSheetRows(direct).size() == 3);  // header and two gaps
}

struct Cli {
  std::ostringstream out, err;
  int Run(const std::vector<std::string>& args) {
    cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir()), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    return cli::RunApp(args, ctx);
  }
};

TEST_CASE("gaps: annexa gaps writes one file per team and a table per team and worker", "[gaps][owner][cli]") {
  const std::string pack = testing::MakeTempDir(), out = testing::MakeTempDir() + "/send";
  // No run.json beside it: the reference date comes from the file's name.
  testing::WriteTextFile(pack, "annex_a_001_2026-11-23_findings.csv", kFindings);
  Cli cli;
  REQUIRE(cli.Run({"gaps", "--pack", pack, "--out", out}) == 0);
  const std::string text = cli.out.str();
  INFO(text);
  CHECK(text.find("(reference date 2026-11-23): 3 errors, 2 warnings; 1 explained, left out\n") != std::string::npos);
  const std::string table =
      "Team                        Worker                      Errors  Warnings  Oldest\n"
      "Team A                      Zoe                              1         1  2026-11-23\n"
      "Team A                      (no worker)                      1         0  2026-11-23\n"
      "Team A                      all                              2         1  2026-11-23\n"
      "Team B                      Sam Smith                        1         0  2026-11-23\n"
      "Team B                      all                              1         0  2026-11-23\n"
      "(no team)                   (no worker)                      0         1  2026-11-23\n"
      "(no team)                   all                              0         1  2026-11-23\n";
  CHECK(text.find(table) != std::string::npos);
  CHECK(testing::DirEntries(out) == std::set<std::string>{"gaps_team_a.csv", "gaps_team_b.csv", "gaps_no_team.csv"});
  // No history here: Zoe's two are both first seen in this run, so the
  // error comes before the warning.
  CHECK(testing::ReadBytes(out + "/gaps_team_a.csv") ==
        "team,worker,child,first_seen,severity,rule,list,excel_row,column,header,value,message,source,source_row,"
        "source_column\r\n"
        "Team A,Zoe,C3,2026-11-23,error,bad-date,7,5,date_of_birth,Date of birth,31/02/2012,not a date,/d/people.csv,"
        "4,DOB\r\n"
        "Team A,Zoe,C1,2026-11-23,warning,code-spelling,7,3,ethnicity,Ethnicity,White British,read as WBRI,"
        "/d/people.csv,2,ETH\r\n"
        "Team A,,C4,2026-11-23,error,missing-required,7,6,gender,Gender,,gender is blank,/d/people.csv,5,SEX\r\n");

  Cli one;
  REQUIRE(one.Run({"gaps", "--pack", pack, "--team", "team b"}) == 0);
  CHECK(one.out.str() ==
        "team,worker,child,first_seen,severity,rule,list,excel_row,column,header,value,message,source,source_row,"
        "source_column\r\n"
        "Team B,Sam Smith,C2,2026-11-23,error,missing-required,7,4,gender,Gender,,gender is blank,/d/people.csv,3,"
        "SEX\r\n");
  Cli none;
  CHECK(none.Run({"gaps", "--pack", pack, "--team", "Nobody"}) == 0);
  CHECK(none.err.str() == "annexa: no open gaps for team 'Nobody'; teams with open gaps: Team A, Team B, (no team)\n");
  Cli usage;
  CHECK(usage.Run({"gaps"}) == 2);
  Cli empty;
  CHECK(empty.Run({"gaps", "--pack", testing::MakeTempDir()}) == 2);  // no findings file there
}

}  // namespace
}  // namespace annexa
