// The audited-case list end to end from CSV files and a config: the list's
// window and accounting, each audit's cohort, age band and team, exact
// coverage figures, and the gap rules firing and staying quiet.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "audit/audit_check.h"
#include "audit/coverage.h"
#include "cli/app.h"
#include "core/finding_kinds.h"
#include "mapping/pack_fixture.h"
#include "render/audit_rows.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;
namespace audit = annexa::audit;

namespace {

// Seven children at the reference date 23/11/2026:
//   C1 in care (List 8 open; also open in List 6)  born 10/01/2022  "1 to 4"
//   C2 on a CP plan                                born 01/03/2026  "Under 1"
//   C6 on a CP plan                                born 01/01/2024  "1 to 4"
//   C3 CP plan ended, CIN open                     born 03/03/2015  "10 to 15"
//   C7 CIN open                                    born 01/01/2010  "16 to 17"
//   C5 CIN closed: a closed case                   born 02/02/2012
//   C4 care leaver                                 born 05/05/2007  "18 and over"
const char* kList6 =
    "ID,DOB,TEAM,CLOSED\n"
    "C1,2022-01-10,CIC 1,\n"
    "C3,2015-03-03,CIN East,\n"
    "C7,2010-01-01,CIN West,\n"
    "C5,2012-02-02,CIN West,2026-08-01\n";
const char* kList7 =
    "ID,DOB,TEAM,ENDED\n"
    "C2,2026-03-01,Safeguarding A,\n"
    "C6,2024-01-01,Safeguarding A,\n"
    "C3,2015-03-03,Safeguarding B,2026-09-01\n";
const char* kList8 =
    "ID,DOB,TEAM,CEASED\n"
    "C1,2022-01-10,CIC 1,\n";
const char* kList9 =
    "ID,DOB,TEAM\n"
    "C4,2007-05-05,Leaving care\n";

const char* kConfig = R"Y(sources:
  l6: l6.csv
  l7: l7.csv
  l8: l8.csv
  l9: l9.csv
  audits: audits.csv
lists:
  6: {from: l6, columns: {child_id: ID, date_of_birth: DOB, allocated_team: TEAM, cin_closure_date: CLOSED}}
  7: {from: l7, columns: {child_id: ID, date_of_birth: DOB, allocated_team: TEAM, cp_plan_end_date: ENDED}}
  8: {from: l8, columns: {child_id: ID, date_of_birth: DOB, allocated_team: TEAM, date_ceased_looked_after: CEASED}}
  9: {from: l9, columns: {child_id: ID, date_of_birth: DOB, allocated_team: TEAM}}
audit:
  from: audits
  window: {start: audit_date}
  columns:
    child_id: CHILD
    audit_date: DATE
    audit_type: THEME
    grade: GRADE
    moderated: {column: MOD, map: yn}
code_maps:
  yn: {Y: "a) Yes", N: "b) No"}
)Y";

// A1-A6 in the six months from 23/05/2026; A7 before it. A6 names a child
// the lists do not hold.
const char* kAudits =
    "AUDIT,CHILD,DATE,THEME,GRADE,MOD\n"
    "A1,C1,2026-10-01,Case file,Good,Y\n"
    "A2,C2,2026-09-15,Neglect,Requires improvement,N\n"
    "A3,C2,2026-11-01,Neglect,Good,Y\n"
    "A4,C3,2026-07-07,Case file,Inadequate,Y\n"
    "A5,C5,2026-06-30,Case file,Good,N\n"
    "A6,C9,2026-08-08,Practice week,Outstanding,Y\n"
    "A7,C4,2026-01-01,Case file,Good,Y\n";

void WriteFiles(PackFixture& fx, const std::string& audits) {
  fx.File("l6.csv", kList6);
  fx.File("l7.csv", kList7);
  fx.File("l8.csv", kList8);
  fx.File("l9.csv", kList9);
  fx.File("audits.csv", audits);
}

annexa::mapping::MappedPack Build(PackFixture& fx, const std::string& audits, const std::string& config = kConfig) {
  WriteFiles(fx, audits);
  return fx.Build(ConfigHead() + config);
}

std::string Row(const audit::CoverageRow& r) {
  return r.value + "|" + std::to_string(r.audits) + "|" + std::to_string(r.children_audited) + "|" +
         std::to_string(r.in_cohort);
}

std::vector<std::string> Rows(const std::vector<audit::CoverageRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(Row(r));
  return out;
}

std::vector<std::string> Gaps(const audit::Coverage& c) {
  std::vector<std::string> out;
  for (const annexa::Finding& f : c.findings)
    out.push_back(f.code + "|" + std::to_string(f.list) + "|" + std::to_string(f.list_row) + "|" + f.value + "|" +
                  std::to_string(f.source_row) + "|" + f.message);
  return out;
}

}  // namespace

TEST_CASE("audit: the list's window and row accounting", "[audit]") {
  PackFixture fx;
  const auto pack = Build(fx, kAudits);
  REQUIRE(pack.audit.has_value());
  const annexa::AnnexList& a = *pack.audit;
  CHECK(a.spec->number == annexa::spec::kAuditedCasesList);
  CHECK(a.spec->sheet == "Audited_cases");
  CHECK(a.spec->Label() == "Audited cases");
  CHECK(a.rows.size() == 6);
  CHECK(a.account.read == 7);
  CHECK(a.account.included == 6);
  CHECK(a.account.excluded == std::map<std::string, int64_t>{{"before the 6-month window", 1}});
  CHECK(a.rows[1].cells[static_cast<size_t>(a.spec->ColumnIndex("moderated"))].text == "b) No");
}

TEST_CASE("audit: the window can be lengthened in the config", "[audit]") {
  PackFixture fx;
  std::string config = kConfig;
  config.replace(config.find("window: {start: audit_date}"), 27, "window: {start: audit_date, months: 12}");
  const auto pack = Build(fx, kAudits, config);
  CHECK(pack.audit->rows.size() == 7);
  CHECK(audit::AuditWindowMonths(pack.spec, 12) == 12);
  CHECK(audit::AuditWindowMonths(pack.spec, 0) == 6);
}

TEST_CASE("audit: months is refused for Ofsted's lists", "[audit]") {
  PackFixture fx;
  std::string config = kConfig;
  config.replace(config.find("6: {from: l6, "), 14, "6: {from: l6, window: {start: cin_start_date, months: 3}, ");
  WriteFiles(fx, kAudits);
  const std::string err = fx.BuildError(ConfigHead() + config);
  CHECK_THAT(err, Catch::Contains("List 6: Ofsted fixes this list's window; 'months' applies only to the audited-case list"));
}

TEST_CASE("audit: coverage by cohort, age band, team and grade, exactly", "[audit]") {
  PackFixture fx;
  auto pack = Build(fx, kAudits);
  const audit::Coverage c = audit::MeasureCoverage(pack.lists, *pack.audit, pack.facts.reference_date);
  CHECK(c.audits == 6);
  CHECK(c.children == 5);
  std::vector<std::string> cohorts;
  for (const auto& a : c.cases) cohorts.push_back(a.child_id + ":" + std::string(audit::ToString(a.cohort)) + ":" + a.age_band + ":" + a.team + ":" + a.grade);
  CHECK(cohorts == std::vector<std::string>{
                       "C1:Looked after:1 to 4:CIC 1:Good",
                       "C2:Child protection:Under 1:Safeguarding A:Requires improvement",
                       "C2:Child protection:Under 1:Safeguarding A:Good",
                       "C3:Child in need:10 to 15:CIN East:Inadequate",
                       "C5:Closed:10 to 15:CIN West:Good",
                       "C9:Not in the lists:Not known:Not recorded:Outstanding",
                   });
  CHECK(Rows(c.by_cohort) == std::vector<std::string>{"Looked after|1|1|1", "Child protection|2|1|2",
                                                      "Child in need|1|1|2", "Care leaver|0|0|1", "Closed|1|1|-1",
                                                      "Not in the lists|1|1|-1"});
  CHECK(Rows(c.by_age_band) == std::vector<std::string>{"Under 1|2|1|1", "1 to 4|1|1|2", "10 to 15|2|2|1",
                                                        "16 to 17|0|0|1", "18 and over|0|0|1", "Not known|1|1|0"});
  CHECK(Rows(c.by_team) == std::vector<std::string>{"CIC 1|1|1|1", "CIN East|1|1|1", "CIN West|1|1|1",
                                                    "Leaving care|0|0|1", "Safeguarding A|2|1|2", "Not recorded|1|1|0"});
  CHECK(Rows(c.by_grade) == std::vector<std::string>{"Outstanding|1|1|-1", "Good|3|3|-1",
                                                     "Requires improvement|1|1|-1", "Inadequate|1|1|-1"});
  CHECK(c.by_cohort[1].PercentCovered() == Approx(50.0));
  CHECK(std::isnan(c.by_cohort[4].PercentCovered()));
  // The gaps: no care leaver audited; a team with no audit; a child the lists
  // do not hold (row 6 of the list, row 7 of audits.csv). Under-fives on CP
  // plans are covered (C2), so that rule stays quiet.
  CHECK(Gaps(c) == std::vector<std::string>{
                       "audit-child-not-in-lists|100|6|C9|7|audited child is in none of Lists 1-10: check the Child Unique ID",
                       "audit-cohort-not-covered|9|0||0|no audited cases of care leavers (1 open in List 9)",
                       "audit-team-not-covered|100|0||0|team 'Leaving care' has 1 open case and no audited cases",
                   });
  CHECK(audit::CoverageCsv(c).substr(0, 132) ==
        "table,value,audits,children_audited,in_cohort,percent_covered\r\n"
        "cohort,Looked after,1,1,1,100.0\r\n"
        "cohort,Child protection,2,1,2,50.0\r\n");
}

TEST_CASE("audit: the gap rules fire when cohorts and under-fives go unaudited", "[audit]") {
  PackFixture fx;
  // Only C1 (in care) and C3 (in need) audited.
  auto pack = Build(fx,
                    "AUDIT,CHILD,DATE,THEME,GRADE,MOD\n"
                    "A1,C1,2026-10-01,Case file,Good,Y\n"
                    "A4,C3,2026-07-07,Case file,Inadequate,Y\n");
  const audit::Coverage c = audit::MeasureCoverage(pack.lists, *pack.audit, pack.facts.reference_date);
  CHECK(Gaps(c) == std::vector<std::string>{
                       "audit-cohort-not-covered|7|0||0|no audited cases of children on child protection plans (2 open in List 7)",
                       "audit-cohort-not-covered|9|0||0|no audited cases of care leavers (1 open in List 9)",
                       "audit-cp-under-fives-not-covered|7|0||0|no audited cases of children under five on a child protection plan (2 children in List 7)",
                       "audit-team-not-covered|100|0||0|team 'CIN West' has 1 open case and no audited cases",
                       "audit-team-not-covered|100|0||0|team 'Leaving care' has 1 open case and no audited cases",
                       "audit-team-not-covered|100|0||0|team 'Safeguarding A' has 2 open cases and no audited cases",
                   });
}

TEST_CASE("audit: an empty audit list is a gap; every gap code is in the catalogue", "[audit]") {
  PackFixture fx;
  auto pack = Build(fx, "AUDIT,CHILD,DATE,THEME,GRADE,MOD\n");
  annexa::Findings findings;
  const audit::Coverage c = audit::CheckAuditList(pack.spec, pack.facts.reference_date, pack.lists, &*pack.audit, &findings);
  REQUIRE_FALSE(c.findings.empty());
  CHECK(c.findings.front().code == "audit-no-audits");
  for (const annexa::Finding& f : findings) {
    INFO(f.code);
    CHECK(annexa::FindFindingKind(f.code) != nullptr);
  }
}

TEST_CASE("audit: the audit list is checked like the lists", "[audit]") {
  PackFixture fx;
  auto pack = Build(fx,
                    "AUDIT,CHILD,DATE,THEME,GRADE,MOD\n"
                    "A1,C1,2026-10-01,,Good,Y\n");
  annexa::Findings findings;
  audit::CheckAuditList(pack.spec, pack.facts.reference_date, pack.lists, &*pack.audit, &findings);
  std::vector<std::string> keys;
  for (const annexa::Finding& f : findings)
    if (f.list_row > 0) keys.push_back(f.code + "|" + std::to_string(f.list_row) + "|" + f.column);
  CHECK(keys == std::vector<std::string>{"missing-required|1|audit_type"});
}

TEST_CASE("audit: the coverage and cohort sheets", "[audit]") {
  PackFixture fx;
  auto pack = Build(fx, kAudits);
  const audit::Coverage c = audit::MeasureCoverage(pack.lists, *pack.audit, pack.facts.reference_date);
  const annexa::render::GapTable cov = annexa::render::AuditCoverageTable(c);
  CHECK(cov.sheet == "Audit_coverage");
  REQUIRE(cov.rows.size() == 6 + 6 + 6 + 4);
  CHECK(cov.rows[3].highlight);   // care leavers: open, none audited
  CHECK_FALSE(cov.rows[0].highlight);
  CHECK(cov.trailer[0].cells[2].number == 6);
  const annexa::render::GapTable cases = annexa::render::AuditCohortsTable(c, *pack.audit);
  REQUIRE(cases.rows.size() == 6);
  CHECK(cases.rows[5].cells[0].number == 8);  // Excel row of the 6th audit
  CHECK(cases.rows[5].cells[3].text == "Not in the lists");
  CHECK(cases.rows[5].highlight);
}

TEST_CASE("audit: annexa audit writes the audit workbook, coverage and findings", "[audit][cli]") {
  PackFixture fx;
  Build(fx, kAudits);
  std::ostringstream out, err;
  annexa::cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(annexa::testing::SourceDir() + "/annex_a_specs"), {}, {}, {}, {}};
  const std::string dir = fx.dir + "/out";
  const int rc = annexa::cli::RunApp({"audit", "--config", fx.dir + "/config.yaml", "--out", dir, "--generated-at",
                                      "2026-11-23T09:30:00"},
                                     ctx);
  INFO(err.str());
  CHECK(rc == 0);
  CHECK_THAT(out.str(), Catch::Contains("6 audits of 5 children (7 audit records read, 1 left out; 1 before the 6-month window)"));
  CHECK_THAT(out.str(), Catch::Contains("  Care leaver                        0         0       1     0.0%  GAP\n"));
  CHECK_THAT(out.str(), Catch::Contains("warning audit-cohort-not-covered: no audited cases of care leavers (1 open in List 9)"));
  // No child id reaches the terminal.
  CHECK(out.str().find("C9") == std::string::npos);
  const std::string csv = annexa::testing::ReadBytes(dir + "/audited_cases_998_2026-11-23_coverage.csv");
  CHECK_THAT(csv, Catch::Contains("cohort,Care leaver,0,0,1,0.0\r\n"));
  CHECK(annexa::testing::ReadBytes(dir + "/audited_cases_998_2026-11-23_findings.csv").find("audit,6,8,child_id") !=
        std::string::npos);
}

TEST_CASE("audit: a config without 'audit:' is a usage error for annexa audit", "[audit][cli]") {
  PackFixture fx;
  fx.File("l6.csv", kList6);
  fx.Build(ConfigHead() + "sources: {l6: l6.csv}\nlists:\n  6: {from: l6, columns: {child_id: ID}}\n");
  std::ostringstream out, err;
  annexa::cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(annexa::testing::SourceDir() + "/annex_a_specs"), {}, {}, {}, {}};
  CHECK(annexa::cli::RunApp({"audit", "--config", fx.dir + "/config.yaml", "--out", fx.dir + "/o"}, ctx) == 2);
  CHECK_THAT(err.str(), Catch::Contains("maps no audited-case list: add an 'audit:' section"));
}
