// Derivations and windows of the mapping stage, end to end from CSV files
// and a config, with exact cells and exact row accounting.
#include <catch2/catch.hpp>

#include <algorithm>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const char* kPeople =
    "PERSON_ID,GENDER,ETHNICITY,DOB\n"
    "C1,F,WBRI,23/11/2010\n"
    "C2,M,White British,2027-01-10\n"
    "C3,Female,b) WIRI,29/02/2008\n"
    "C4,X,ZZZZ,\n";

const char* kList1 = R"Y(sources:
  people: people.csv
  contacts: contacts.csv
code_maps:
  gender: {M: "a) Male", F: "b) Female"}
lists:
  1:
    from: contacts
    join: [{table: people, on: PERSON_ID}]
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      gender: {column: GENDER, map: gender}
      ethnicity: ETHNICITY
      date_of_birth: DOB
      age: {derive: age}
      date_of_contact: CONTACT_DATE
      contact_source: SOURCE
)Y";

std::vector<std::string> Only(const std::vector<std::string>& keys, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& k : keys)
    if (k.rfind(prefix, 0) == 0) out.push_back(k);
  return out;
}

}  // namespace

TEST_CASE("mapping: List 1 window boundaries, joins, codes and row accounting", "[mapping]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv",
         "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE\n"
         "1,C1,2026-05-22,2A\n"
         "2,C1,2026-05-23,2A\n"
         "3,C2,2026-11-23 09:15:00,3A\n"
         "4,C3,2026-11-24,2A\n"
         "5,C4,23/08/2026,ZZZ\n"
         "6,C9,2026-06-01,2A\n"
         "7,,2026-06-01,2A\n"
         "8,C1,31/02/2026,2A\n");
  auto p = f.Build(ConfigHead() + kList1);
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 3);
  CHECK(l1.account.read == 8);
  CHECK(l1.account.included == 3);
  CHECK(l1.account.excluded == std::map<std::string, int64_t>{{"before the 6-month window", 1},
                                                               {"no match in people", 2},
                                                               {"no valid Date of Contact", 1},
                                                               {"starts after the reference date", 1}});
  CHECK(l1.account.Balanced());
  // Row 1: the first day of the window; codes through a local map, a bare
  // CBDS code and a bare CIN census source code.
  CHECK(PackFixture::Cell(p, 1, 1, "child_id") == "C1");
  CHECK(PackFixture::Cell(p, 1, 1, "gender") == "b) Female");
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity") == "a) WBRI");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_birth") == "23/11/2010");
  CHECK(PackFixture::Cell(p, 1, 1, "age") == "16");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "23/05/2026");
  CHECK(PackFixture::Cell(p, 1, 1, "contact_source") == "e) 2A: Schools");
  CHECK(l1.rows[0].source_row == 3);
  // Row 2: the reference date itself (a time part ignored); an unborn child.
  CHECK(PackFixture::Cell(p, 1, 2, "ethnicity") == "a) WBRI");
  CHECK(PackFixture::Cell(p, 1, 2, "age") == "-1");
  CHECK(PackFixture::Cell(p, 1, 2, "date_of_contact") == "23/11/2026");
  CHECK(PackFixture::Cell(p, 1, 2, "contact_source") == "g) 3A: Health services");
  // Row 3: values that map nowhere are kept as they were and reported.
  CHECK(PackFixture::Cell(p, 1, 3, "gender") == "X");
  CHECK(PackFixture::Cell(p, 1, 3, "ethnicity") == "ZZZZ");
  CHECK(PackFixture::Cell(p, 1, 3, "contact_source") == "ZZZ");
  CHECK(PackFixture::Cell(p, 1, 3, "age") == "");
  const auto keys = PackFixture::FindingKeys(p);
  // Each finding points at the row the value came from: people.csv line 5
  // for the person's codes, contacts.csv line 6 for the contact's.
  CHECK(Only(keys, "not-a-code") == std::vector<std::string>{"not-a-code|1|3|gender|X|5",
                                                                "not-a-code|1|3|ethnicity|ZZZZ|5",
                                                                "not-a-code|1|3|contact_source|ZZZ|6"});
  CHECK(Only(keys, "join-failed") == std::vector<std::string>{"join-failed|1|0||C9|7", "join-failed|1|0|||8"});
  CHECK(Only(keys, "missing-window-date") ==
        std::vector<std::string>{"missing-window-date|1|0|date_of_contact|31/02/2026|9"});
  CHECK(Only(keys, "list-not-mapped").size() == 10);
  const auto& unmapped = *std::find_if(p.findings.begin(), p.findings.end(),
                                       [](const annexa::Finding& x) { return x.code == "not-a-code"; });
  CHECK(unmapped.source == f.dir + "/people.csv");
  CHECK(unmapped.source_column == "GENDER");
  const auto& source = p.findings[static_cast<size_t>(std::find_if(p.findings.begin(), p.findings.end(), [](const annexa::Finding& x) {
                                    return x.column == "contact_source";
                                  }) - p.findings.begin())];
  CHECK(source.source == f.dir + "/contacts.csv");
  CHECK(source.source_column == "SOURCE");
}

TEST_CASE("mapping: the window's first day clamps to the month's end", "[mapping]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv",
         "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE\n"
         "1,C1,27/02/2026,2A\n"
         "2,C1,28/02/2026,2A\n"
         "3,C1,31/08/2026,2A\n");
  auto p = f.Build(ConfigHead("2026-08-31") + kList1);
  REQUIRE(PackFixture::List(p, 1).rows.size() == 2);
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "28/02/2026");
  CHECK(PackFixture::List(p, 1).account.excluded.at("before the 6-month window") == 1);
}

TEST_CASE("mapping: age at a 29 February birthday is reached on 1 March", "[mapping]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE\n1,C3,2026-01-10,2A\n");
  auto before = f.Build(ConfigHead("2026-02-28") + kList1);
  CHECK(PackFixture::Cell(before, 1, 1, "age") == "17");
  CHECK(PackFixture::Cell(before, 1, 1, "gender") == "b) Female");  // built-in alias "Female"
  CHECK(PackFixture::Cell(before, 1, 1, "ethnicity") == "b) WIRI");
  auto after = f.Build(ConfigHead("2026-03-01") + kList1);
  CHECK(PackFixture::Cell(after, 1, 1, "age") == "18");
}

TEST_CASE("mapping: List 7 keeps open plans and those ended in the window, latest per child", "[mapping]") {
  PackFixture f;
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY,DOB\nA,F,WBRI,01/01/2015\nB,M,WBRI,01/01/2016\n"
                       "C,M,WBRI,01/01/2017\nD,F,WBRI,01/01/2018\nE,F,WBRI,01/01/2019\n");
  f.File("cp_plans.csv",
         "PLAN_ID,PERSON_ID,START,END,INIT_CAT,LATEST_CAT\n"
         "1,A,2024-01-10,2024-06-30,Neglect,Neglect\n"
         "2,A,2026-01-05,,Physical,Emotional\n"
         "3,B,2025-02-01,2026-05-22,Emotional,Emotional\n"
         "4,C,2025-02-01,2026-05-23,Sexual,Sexual\n"
         "5,D,2026-12-01,,Neglect,Neglect\n"
         "6,E,2025-10-01,2026-06-01,Neglect,Neglect\n"
         "7,E,2026-03-01,,Neglect,Neglect\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  plans: cp_plans.csv
lists:
  7:
    from: plans
    join: [{table: people, on: PERSON_ID}]
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    latest_per_child: cp_plan_start_date
    columns:
      child_id: PERSON_ID
      cp_plan_start_date: START
      cp_plan_end_date: END
      initial_category: INIT_CAT
      latest_category: LATEST_CAT
      previous_cp_plans: {derive: count_before_latest, table: plans, key: PERSON_ID, date: START, months: 1200}
)Y");
  const auto& l7 = PackFixture::List(p, 7);
  REQUIRE(l7.rows.size() == 3);
  CHECK(l7.account.excluded == std::map<std::string, int64_t>{{"ended before the 6-month window", 2},
                                                               {"starts after the reference date", 1},
                                                               {"superseded by a later record of the same child", 1}});
  CHECK(l7.account.Balanced());
  CHECK(PackFixture::Cell(p, 7, 1, "child_id") == "A");
  CHECK(PackFixture::Cell(p, 7, 1, "initial_category") == "b) Physical abuse");
  CHECK(PackFixture::Cell(p, 7, 1, "latest_category") == "d) Emotional abuse");
  CHECK(PackFixture::Cell(p, 7, 1, "previous_cp_plans") == "1");
  CHECK(PackFixture::Cell(p, 7, 2, "child_id") == "C");
  CHECK(PackFixture::Cell(p, 7, 2, "cp_plan_end_date") == "23/05/2026");
  CHECK(PackFixture::Cell(p, 7, 2, "previous_cp_plans") == "0");
  CHECK(PackFixture::Cell(p, 7, 3, "child_id") == "E");
  CHECK(PackFixture::Cell(p, 7, 3, "cp_plan_start_date") == "01/03/2026");
  CHECK(PackFixture::Cell(p, 7, 3, "previous_cp_plans") == "1");
  // Unmapped columns are reported once each, not per row: disability, which
  // Ofsted expects on every row, as an error, and no missing-required for
  // its three blank cells.
  CHECK(Only(PackFixture::FindingKeys(p), "required-column-not-mapped|7|0|disability").size() == 1);
  for (const std::string& k : PackFixture::FindingKeys(p))
    CHECK(k.rfind("missing-required|7|", 0) == std::string::npos);
}

TEST_CASE("mapping: List 3 referrals in the 12 months before each child's latest referral", "[mapping]") {
  PackFixture f;
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY,DOB\nA,F,WBRI,01/01/2015\nB,M,WBRI,01/01/2016\n");
  f.File("referrals.csv",
         "REF_ID,PERSON_ID,REF_DATE,SOURCE,NFA\n"
         "1,A,2025-01-10,2A,N\n"
         "2,A,2025-09-01,2A,N\n"
         "3,A,2026-01-15,2A,N\n"
         "4,A,2026-09-01,2A,Y\n"
         "5,B,2026-10-01,1A,N\n"
         "6,A,2026-12-01,2A,N\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  referrals: referrals.csv
lists:
  3:
    from: referrals
    join: [{table: people, on: PERSON_ID}]
    window: {start: date_of_referral}
    columns:
      child_id: PERSON_ID
      date_of_referral: REF_DATE
      referral_source: SOURCE
      referral_nfa: NFA
      referrals_last_12_months: {derive: count_before_latest, table: referrals, key: PERSON_ID, date: REF_DATE}
)Y");
  const auto& l3 = PackFixture::List(p, 3);
  REQUIRE(l3.rows.size() == 2);
  // A's latest referral on or before the reference date is 01/09/2026: the
  // 12 months before it are [01/09/2025, 01/09/2026), holding 01/09/2025 and
  // 15/01/2026 (both before the 6-month window, so not rows, but counted).
  // The referral after the reference date neither appears nor counts.
  CHECK(PackFixture::Cell(p, 3, 1, "date_of_referral") == "01/09/2026");
  CHECK(PackFixture::Cell(p, 3, 1, "referrals_last_12_months") == "2");
  CHECK(PackFixture::Cell(p, 3, 1, "referral_nfa") == "a) Yes");
  CHECK(PackFixture::Cell(p, 3, 2, "child_id") == "B");
  CHECK(PackFixture::Cell(p, 3, 2, "referrals_last_12_months") == "0");
  CHECK(PackFixture::Cell(p, 3, 2, "referral_source") == "a) 1A: Individual");
  CHECK(PackFixture::Cell(p, 3, 2, "referral_nfa") == "b) No");
  CHECK(l3.account.excluded == std::map<std::string, int64_t>{{"before the 6-month window", 3},
                                                               {"starts after the reference date", 1}});
}

TEST_CASE("mapping: List 8 placements and missing episodes in 12 months, short breaks left out", "[mapping]") {
  PackFixture f;
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY,DOB\nA,F,WBRI,01/01/2012\nB,M,WBRI,01/01/2013\n"
                       "C,M,WBRI,01/01/2014\n");
  f.File("periods.csv",
         "PERSON_ID,START,END,REASON\n"
         "A,2024-03-01,,\n"
         "B,2025-01-01,2026-07-01,E13\n"
         "C,2026-01-01,,\n");
  f.File("legal.csv",
         "PERSON_ID,START,STATUS\n"
         "A,2024-03-01,V2\nA,2024-06-01,C2\nB,2025-01-01,C1\nC,2026-01-01,V3\n");
  f.File("placements.csv",
         "PERSON_ID,START,END,TYPE\n"
         "A,2024-03-01,2025-11-23,U4\n"    // ended on the first day of the 12 months: counts
         "A,2025-10-01,2026-02-01,K2\n"
         "A,2026-02-01,,U6\n"
         "A,2023-01-01,2025-11-22,R1\n"    // ended the day before the 12 months: does not
         "B,2025-01-01,2026-07-01,U6\n");
  f.File("missing.csv",
         "PERSON_ID,START,KIND\nA,2025-11-23,Missing\nA,2026-03-01,Missing\nA,2026-04-01,Absent\n"
         "A,2025-11-22,Missing\nB,2026-05-01,Missing\n");
  f.File("uasc.csv", "PERSON_ID,START,END\nB,2025-01-01,2025-12-31\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  legal: legal.csv
  placements: placements.csv
  missing: missing.csv
  uasc: uasc.csv
lists:
  8:
    from: periods
    join:
      - {table: people, on: PERSON_ID}
      - {table: legal, on: PERSON_ID, pick: latest, by: START}
      - {table: placements, on: PERSON_ID, pick: latest, by: START, required: false}
    where:
      - {column: legal.STATUS, not_in: [V1, V3, V4], reason: "short-break legal status (V1, V3, V4)"}
    window: {start: date_started_looked_after, end: date_ceased_looked_after}
    latest_per_child: date_started_looked_after
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      date_ceased_looked_after: END
      reason_ceased: REASON
      legal_status: legal.STATUS
      legal_status_start_date: legal.START
      placement_type: placements.TYPE
      placements_last_12_months: {derive: count, table: placements, key: PERSON_ID, date: START, end: END, months: 12}
      missing_episodes_12_months: {derive: count, table: missing, key: PERSON_ID, date: START, months: 12, where: {KIND: Missing}}
      absent_episodes_12_months: {derive: count, table: missing, key: PERSON_ID, date: START, months: 12, where: {KIND: Absent}}
      uasc: {derive: exists, table: uasc, key: PERSON_ID, date: START, end: END, months: 12}
)Y");
  const auto& l8 = PackFixture::List(p, 8);
  REQUIRE(l8.rows.size() == 2);
  CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"short-break legal status (V1, V3, V4)", 1}});
  CHECK(PackFixture::Cell(p, 8, 1, "child_id") == "A");
  CHECK(PackFixture::Cell(p, 8, 1, "legal_status") == "C2: FCO");
  CHECK(PackFixture::Cell(p, 8, 1, "legal_status_start_date") == "01/06/2024");
  CHECK(PackFixture::Cell(p, 8, 1, "placement_type") == "f) U6: Foster placement - not FFA");
  CHECK(PackFixture::Cell(p, 8, 1, "placements_last_12_months") == "3");
  CHECK(PackFixture::Cell(p, 8, 1, "missing_episodes_12_months") == "2");
  CHECK(PackFixture::Cell(p, 8, 1, "absent_episodes_12_months") == "1");
  CHECK(PackFixture::Cell(p, 8, 1, "uasc") == "b) No");
  CHECK(PackFixture::Cell(p, 8, 2, "child_id") == "B");
  CHECK(PackFixture::Cell(p, 8, 2, "date_ceased_looked_after") == "01/07/2026");
  CHECK(PackFixture::Cell(p, 8, 2, "reason_ceased") == "g) E13: Parents, relatives or other with no parental responsibility");
  CHECK(PackFixture::Cell(p, 8, 2, "uasc") == "a) Yes");
  CHECK(PackFixture::Cell(p, 8, 2, "placements_last_12_months") == "1");
}

// The id and window columns are filled first so that a row the window
// leaves out costs little; a kept row's findings must still come in column
// order (taken columns, then derived ones), and a row the window leaves out
// must leave no findings about its other columns.
TEST_CASE("mapping: findings keep column order though the window columns are read first", "[mapping]") {
  PackFixture f;
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY,DOB\nA,F,WBRI,01/01/2015\nB,M,WBRI,01/01/2016\n");
  f.File("cp_plans.csv",
         "PLAN_ID,PERSON_ID,START,END,INIT_CAT,LATEST_CAT\n"
         "1,A,2026-01-05,soon,Kicked,Neglect\n"      // kept: bad end date (a window column), bad category before it
         "2,B,2020-02-01,2020-05-22,Bitten,Bitten\n"); // ended before the window: no findings about its categories
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  plans: cp_plans.csv
lists:
  7:
    from: plans
    join: [{table: people, on: PERSON_ID}]
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    columns:
      child_id: PERSON_ID
      cp_plan_start_date: START
      initial_category: INIT_CAT
      cp_plan_end_date: END
      latest_category: LATEST_CAT
)Y");
  const auto& l7 = PackFixture::List(p, 7);
  REQUIRE(l7.rows.size() == 1);
  CHECK(l7.account.excluded == std::map<std::string, int64_t>{{"ended before the 6-month window", 1}});
  std::vector<std::string> seen;
  for (const auto& finding : p.findings)
    if (finding.list == 7 && finding.source_row > 0)
      seen.push_back(finding.code + " " + finding.column + " " + std::to_string(finding.source_row));
  // Spec order: initial_category (column 7) comes before cp_plan_end_date.
  // The kept row's "Neglect" is the ABUSE set's own label: exact, no finding.
  CHECK(seen == std::vector<std::string>{"not-a-code initial_category 2", "bad-date cp_plan_end_date 2"});
}

// List 8 from periods.csv, with the council's areas in areas.csv; each
// test adds its column rules after these.
const std::string kPostcodeList8 = R"Y(sources:
  periods: periods.csv
  areas: areas.csv
lists:
  8:
    from: periods
    window: {start: date_started_looked_after}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
)Y";

// derive: postcode_in (List 8's Placement Location from the placement's
// postcode and the council's listed areas). Worked by hand: the council
// lists area SF, district ZX4 and sector ZX5 1, and one bad entry.
TEST_CASE("mapping: placement location from the council's postcode areas", "[mapping][postcode]") {
  PackFixture f;
  f.File("periods.csv",
         "PERSON_ID,START,POSTCODE\n"
         "A,2025-01-01,sf12 6eu\n"   // area SF: In
         "B,2025-01-01,ZX4 9WX\n"    // district ZX4: In
         "C,2025-01-01,ZX44 9WX\n"   // district ZX44 is not ZX4: Out
         "D,2025-01-01,ZX5 1AB\n"    // sector ZX5 1: In
         "E,2025-01-01,ZX5 2AB\n"    // sector ZX5 2: Out
         "F,2025-01-01,\n"           // no postcode: blank
         "G,2025-01-01,not known\n"); // no postcode either: blank
  f.File("areas.csv", "postcode\nSF\nZX4\n\nZX5 1\nSouthfield\n");
  const std::string config = ConfigHead() + kPostcodeList8 +
                             "      placement_postcode: POSTCODE\n"
                             "      placement_location: {derive: postcode_in, table: areas, key: postcode}\n";
  auto p = f.Build(config);
  const auto& l8 = PackFixture::List(p, 8);
  REQUIRE(l8.rows.size() == 7);
  const std::vector<std::string> expected = {"a) In", "a) In", "b) Out", "a) In", "b) Out", "", ""};
  for (size_t i = 0; i < expected.size(); ++i) {
    INFO("row " << i + 1);
    CHECK(PackFixture::Cell(p, 8, static_cast<int>(i) + 1, "placement_location") == expected[i]);
  }
  // The bad entry at its file line (header 1, SF 2, ZX4 3, a blank line 4,
  // ZX5 1 5, Southfield 6), reported, never silently dropped.
  int bad = 0;
  for (const annexa::Finding& x : p.findings) {
    if (x.code != "bad-postcode") continue;
    ++bad;
    CHECK(x.value == "Southfield");
    CHECK(x.source_row == 6);
    CHECK(x.source_column == "postcode");
    CHECK(x.message ==
          "'Southfield' is not a postcode area, district, sector or postcode (Placement Location reads the council's "
          "area from areas): left out");
  }
  CHECK(bad == 1);

  // A list of no areas: not "Out" everywhere, but the column not mapped.
  PackFixture empty;
  empty.File("periods.csv", "PERSON_ID,START,POSTCODE\nA,2025-01-01,SF1 1AA\n");
  empty.File("areas.csv", "postcode\n");
  auto q = empty.Build(config);
  CHECK(PackFixture::Cell(q, 8, 1, "placement_location") == "");
  int not_mapped = 0;
  for (const annexa::Finding& x : q.findings)
    if (x.code == "required-column-not-mapped" && x.column == "placement_location") {
      ++not_mapped;
      CHECK(x.message ==
            "'Placement Location' is not mapped in the config (derive: postcode_in: source 'areas' lists none of the "
            "council's postcode areas, districts, sectors or postcodes): it is left blank on every row, where Ofsted "
            "expects a value");
    }
  CHECK(not_mapped == 1);
}

TEST_CASE("mapping: derive: postcode_in is checked at load", "[mapping][postcode]") {
  PackFixture f;
  f.File("periods.csv", "PERSON_ID,START,POSTCODE\nA,2025-01-01,SF1 1AA\n");
  f.File("areas.csv", "postcode\nSF\n");
  const std::string head = ConfigHead() + kPostcodeList8;
  const std::string where = f.dir + "/config.yaml:";
  // No table; a 'from' that is no column; a column that is not a placement location.
  CHECK(f.BuildError(head + "      placement_location: {derive: postcode_in}\n") ==
        where + "15:27: column 'placement_location': derive: postcode_in needs 'table' (the source listing the "
                "council's postcode areas, districts, sectors or postcodes) and 'key' (its column)");
  CHECK(f.BuildError(head + "      placement_location: {derive: postcode_in, from: postcode, table: areas, key: postcode}\n") ==
        where + "15:27: List 8: derive: postcode_in 'from' names unknown column 'postcode' (see: annexa specs show 8)");
  CHECK(f.BuildError(head + "      uasc: {derive: postcode_in, table: areas, key: postcode}\n") ==
        where + "15:13: column 'uasc': derive: postcode_in gives In or Out, for a Placement Location column (code set "
                "INOUT), not YN");
}
