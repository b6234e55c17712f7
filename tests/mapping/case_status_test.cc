// List 6 case status: the first that applies of looked after, child
// protection plan, child in need plan, open assessment; closed episodes are
// closed whatever else is true.
#include <catch2/catch.hpp>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

TEST_CASE("mapping: List 6 case status follows Ofsted's precedence", "[mapping]") {
  PackFixture f;
  // A: in care and on a plan -> a). B: on a plan and a CIN plan -> b).
  // C: CIN plan -> c). D: open assessment only -> d). E: closed episode but
  // in care -> e). F: nothing open -> c), with a finding.
  f.File("people.csv", "ID\nA\nB\nC\nD\nE\nF\n");
  f.File("cin.csv",
         "ID,START,END,NEED\nA,2025-01-01,,N1\nB,2025-01-01,,N1\nC,2025-01-01,,N2\nD,2026-10-01,,N0\n"
         "E,2025-01-01,2026-08-01,N1\nF,2025-01-01,,N9\n");
  f.File("care.csv", "ID,START,END\nA,2025-02-01,\nE,2025-02-01,\n");
  f.File("plans.csv", "ID,START,END\nA,2025-01-10,\nB,2025-03-01,\n");
  f.File("cinplans.csv", "ID,START,END\nB,2025-02-01,\nC,2025-02-01,\nF,2024-01-01,2026-11-22\n");
  f.File("assess.csv", "ID,START,AUTH\nD,2026-10-01,\nC,2026-10-01,2026-10-20\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  cin: cin.csv
  care: care.csv
  plans: plans.csv
  cinplans: cinplans.csv
  assess: assess.csv
lists:
  4:
    from: assess
    window: {start: assessment_start_date, end: assessment_authorised_date}
    columns:
      child_id: ID
      assessment_start_date: START
      assessment_authorised_date: AUTH
  6:
    from: cin
    window: {start: cin_start_date, end: cin_closure_date}
    latest_per_child: cin_start_date
    columns:
      child_id: ID
      cin_start_date: START
      cin_closure_date: END
      primary_need: NEED
      case_status: {derive: case_status, cin_plans: {table: cinplans, key: ID, start: START, end: END}}
  7:
    from: plans
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    columns:
      child_id: ID
      cp_plan_start_date: START
      cp_plan_end_date: END
  8:
    from: care
    window: {start: date_started_looked_after, end: date_ceased_looked_after}
    columns:
      child_id: ID
      date_started_looked_after: START
      date_ceased_looked_after: END
)Y");
  REQUIRE(PackFixture::List(p, 6).rows.size() == 6);
  CHECK(PackFixture::Cell(p, 6, 1, "case_status") == "a) Looked after child");
  CHECK(PackFixture::Cell(p, 6, 2, "case_status") == "b) Child Protection plan");
  CHECK(PackFixture::Cell(p, 6, 3, "case_status") == "c) Child in need plan");
  CHECK(PackFixture::Cell(p, 6, 4, "case_status") == "d) Open assessment");
  CHECK(PackFixture::Cell(p, 6, 5, "case_status") == "e) Closed episode");
  CHECK(PackFixture::Cell(p, 6, 6, "case_status") == "c) Child in need plan");
  CHECK(PackFixture::Cell(p, 6, 2, "primary_need") == "N1 - Abuse or neglect");
  std::vector<std::string> assumed;
  for (const auto& k : PackFixture::FindingKeys(p))
    if (k.rfind("case-status-assumed", 0) == 0) assumed.push_back(k);
  CHECK(assumed == std::vector<std::string>{"case-status-assumed|6|6|case_status||7"});
}

TEST_CASE("mapping: case status does not read a month-first CIN plan column day first", "[mapping][types]") {
  PackFixture f;
  // cinplans START: A 01/02/2025 (line 2) either way, day first an open
  // plan but not read; B 06/15/2025 (line 3) only month first; C ISO
  // (line 4), read. So only C's plan is known: A and B fall back to c)
  // with case-status-assumed, C is c) from its plan.
  f.File("cin.csv", "ID,START,END\nA,2025-01-01,\nB,2025-01-01,\nC,2025-01-01,\n");
  f.File("cinplans.csv", "ID,START,END\nA,01/02/2025,\nB,06/15/2025,\nC,2025-02-01,\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  cin: cin.csv
  cinplans: cinplans.csv
lists:
  6:
    from: cin
    window: {start: cin_start_date, end: cin_closure_date}
    columns:
      child_id: ID
      cin_start_date: START
      cin_closure_date: END
      case_status: {derive: case_status, cin_plans: {table: cinplans, key: ID, start: START, end: END}}
)Y");
  REQUIRE(PackFixture::List(p, 6).rows.size() == 3);
  for (int row : {1, 2, 3}) CHECK(PackFixture::Cell(p, 6, row, "case_status") == "c) Child in need plan");
  std::vector<std::string> keys;
  for (const auto& k : PackFixture::FindingKeys(p))
    if (k.rfind("case-status-assumed", 0) == 0 || k.rfind("month-first-dates", 0) == 0) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"month-first-dates|0|0||06/15/2025|3", "case-status-assumed|6|1|case_status||2",
                                         "case-status-assumed|6|2|case_status||3"});
}
