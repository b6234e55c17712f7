// The related-row constructs of the mapping language (docs/config.md,
// "Related rows"): joins with `where` and dates, all/any/none tests,
// distinct counts and `exclude_when`, end to end from CSV files and a
// config, with exact cells and exact row accounting worked out by hand.
#include <catch2/catch.hpp>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const char* kPeople = "PERSON_ID,GENDER,ETHNICITY,DOB\nA,F,WBRI,01/01/2012\nB,M,WBRI,01/01/2013\nC,M,WBRI,01/01/2014\n";

}  // namespace

TEST_CASE("related: a join with 'where' takes the latest missing episode, not the latest of any kind", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("periods.csv", "PERSON_ID,START,END\nA,2025-01-01,\nB,2025-01-01,\nC,2025-01-01,\n");
  // A: the latest row is an absence (2026-05-01, N); the latest missing
  // episode is 2026-03-01 (Y). B: only an absence, so no missing episode.
  // C: a missing episode after the reference date is not a candidate; the
  // one before it (N) is.
  f.File("missing.csv",
         "PERSON_ID,START,KIND,RI\n"
         "A,2026-01-01,Missing,N\nA,2026-03-01,Missing,Y\nA,2026-05-01,Absent,N\n"
         "B,2026-06-01,Absent,Y\n"
         "C,2026-02-01,Missing,N\nC,2026-12-01,Missing,Y\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  missing: missing.csv
lists:
  8:
    from: periods
    join:
      - {table: people, on: PERSON_ID}
      - {table: missing, on: PERSON_ID, pick: latest, by: START, where: {KIND: Missing}, required: false}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      return_interview_offered: missing.RI
)Y");
  const auto& l8 = PackFixture::List(p, 8);
  REQUIRE(l8.rows.size() == 3);
  CHECK(l8.account.Balanced());
  CHECK(PackFixture::Cell(p, 8, 1, "return_interview_offered") == "a) Yes");
  CHECK(PackFixture::Cell(p, 8, 2, "return_interview_offered") == "");
  CHECK(PackFixture::Cell(p, 8, 3, "return_interview_offered") == "b) No");
}

TEST_CASE("related: joins by dates alone: the legal status during a care period, and as of a date", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  // A's two periods; B's period has no start (no legal status can be
  // placed in it); C's period is open.
  f.File("periods.csv",
         "PERSON_ID,START,END\n"
         "A,2024-01-01,2025-01-01\n"
         "A,2026-02-01,\n"
         "B,,\n"
         "C,2026-10-01,\n");
  // A's first status ends on the first period's end; its second ends the
  // day the second period starts (inclusive: it overlaps it); the third
  // and fourth lie inside the second period. C's status ended the day
  // before C's period began, so it does not overlap.
  f.File("legal.csv",
         "PERSON_ID,LS_START,LS_END,STATUS\n"
         "A,2024-01-01,2025-01-01,C1\n"
         "A,2025-06-01,2026-02-01,C2\n"
         "A,2026-02-02,2026-06-30,V2\n"
         "A,2026-07-01,,E1\n"
         "B,2026-01-01,,C2\n"
         "C,2026-01-01,2026-09-30,C2\n");
  const std::string head = ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  legal: legal.csv
lists:
  8:
    from: periods
    join:
      - {table: people, on: PERSON_ID}
)Y";
  SECTION("during the period, the latest by start") {
    auto p = f.Build(head + R"Y(      - table: legal
        on: PERSON_ID
        dates: {start: LS_START, end: LS_END}
        during: {start: START, end: END}
        pick: latest
        by: LS_START
        required: false
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      legal_status: legal.STATUS
      legal_status_start_date: legal.LS_START
)Y");
    const auto& l8 = PackFixture::List(p, 8);
    REQUIRE(l8.rows.size() == 4);
    // Period 1 [2024-01-01, 2025-01-01]: only the C1 status.
    CHECK(PackFixture::Cell(p, 8, 1, "legal_status") == "C1: ICO");
    // Period 2 [2026-02-01, open]: C2, V2, E1 overlap; E1 starts latest.
    CHECK(PackFixture::Cell(p, 8, 2, "legal_status_start_date") == "01/07/2026");
    CHECK(PackFixture::Cell(p, 8, 3, "legal_status") == "");
    CHECK(PackFixture::Cell(p, 8, 4, "legal_status") == "");
  }
  SECTION("as of the period's start, the first in force") {
    auto p = f.Build(head + R"Y(      - {table: legal, on: PERSON_ID, dates: {start: LS_START, end: LS_END}, as_of: START, required: false}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      legal_status_start_date: legal.LS_START
)Y");
    // 2024-01-01: C1 (starts that day). 2026-02-01: C2 (ends that day).
    CHECK(PackFixture::Cell(p, 8, 1, "legal_status_start_date") == "01/01/2024");
    CHECK(PackFixture::Cell(p, 8, 2, "legal_status_start_date") == "01/06/2025");
    CHECK(PackFixture::Cell(p, 8, 3, "legal_status_start_date") == "");
    CHECK(PackFixture::Cell(p, 8, 4, "legal_status_start_date") == "");
  }
  SECTION("as of the reference date; a period with no match is excluded when the join is required") {
    auto p = f.Build(head + R"Y(      - {table: legal, on: PERSON_ID, dates: {start: LS_START, end: LS_END}, as_of: reference_date}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      legal_status_start_date: legal.LS_START
)Y");
    // In force on 2026-11-23: A's E1 (open), B's C2 (open); C's ended.
    const auto& l8 = PackFixture::List(p, 8);
    REQUIRE(l8.rows.size() == 3);
    CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"no match in legal", 1}});
    CHECK(PackFixture::Cell(p, 8, 1, "legal_status_start_date") == "01/07/2026");
    CHECK(PackFixture::Cell(p, 8, 2, "legal_status_start_date") == "01/07/2026");
    CHECK(PackFixture::Cell(p, 8, 3, "legal_status_start_date") == "01/01/2026");
  }
}

TEST_CASE("related: all / any / none of the related rows, as where, exclusion and yes/no column", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople + std::string("D,F,WBRI,01/01/2015\n"));
  f.File("periods.csv",
         "PERSON_ID,START,END\nA,2026-01-01,\nB,2026-01-01,\nC,2026-01-01,\nD,2026-01-01,\n");
  // A: only short breaks (V3, V4). B: a short break and a care order.
  // C: none. D: a care order, and a short break before its period began.
  f.File("legal.csv",
         "PERSON_ID,LS_START,LS_END,STATUS\n"
         "A,2026-01-01,2026-03-01,V3\nA,2026-03-02,,V4\n"
         "B,2026-01-01,2026-02-01,V3\nB,2026-02-02,,C2\n"
         "D,2025-01-01,2025-12-31,V3\nD,2026-01-01,,C2\n");
  f.File("uasc.csv", "PERSON_ID,FROM,TO\nB,2025-01-01,2026-12-31\nD,2025-01-01,2026-11-22\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  legal: legal.csv
  uasc: uasc.csv
lists:
  8:
    from: periods
    join: [{table: people, on: PERSON_ID}]
    where:
      - related: legal
        on: PERSON_ID
        exists: true
        reason: "no legal status"
    exclude_when:
      - reason: "short breaks only"
        when:
          - {related: legal, on: PERSON_ID, dates: {start: LS_START, end: LS_END}, during: {start: START, end: END},
             all: {STATUS: [V1, V3, V4]}}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      uasc: {derive: related, related: uasc, on: PERSON_ID, dates: {start: FROM, end: TO}, as_of: reference_date, exists: true}
      second_period_12_months:
        derive: related
        related: legal
        on: PERSON_ID
        dates: {start: LS_START, end: LS_END}
        during: {start: START, end: END}
        none: {STATUS: [V1, V3, V4]}
)Y");
  const auto& l8 = PackFixture::List(p, 8);
  // A: all short breaks, excluded. C: no legal status at all, excluded by
  // the where. B and D kept; D's short break lies before its period.
  REQUIRE(l8.rows.size() == 2);
  CHECK(l8.account.read == 4);
  CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"no legal status", 1}, {"short breaks only", 1}});
  CHECK(l8.account.Balanced());
  CHECK(PackFixture::Cell(p, 8, 1, "child_id") == "B");
  CHECK(PackFixture::Cell(p, 8, 1, "uasc") == "a) Yes");
  CHECK(PackFixture::Cell(p, 8, 1, "second_period_12_months") == "b) No");
  CHECK(PackFixture::Cell(p, 8, 2, "child_id") == "D");
  CHECK(PackFixture::Cell(p, 8, 2, "uasc") == "b) No");  // ended the day before the reference date
  CHECK(PackFixture::Cell(p, 8, 2, "second_period_12_months") == "a) Yes");
}

TEST_CASE("related: distinct counts ignore exact duplicate rows, not same-day repeats", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("periods.csv", "PERSON_ID,START,END\nA,2025-01-01,\n");
  // Placements in the 12 months from 2025-11-23: the U1 row twice (an
  // exact duplicate), a U4 the same day, and one that ended before the
  // 12 months. Distinct: 2; plain count: 3.
  f.File("placements.csv",
         "PERSON_ID,START,END,TYPE\n"
         "A,2026-01-01,,U1\nA,2026-01-01,,U1\nA,2026-01-01,,U4\nA,2025-01-01,2025-06-01,U1\n");
  // Missing episodes: one duplicated, one genuinely different the same day,
  // an absence duplicated; distinct missing: 2, distinct absent: 1.
  f.File("missing.csv",
         "PERSON_ID,START,KIND,NOTE\n"
         "A,2026-03-01,Missing,x\nA,2026-03-01,Missing,x\nA,2026-03-01,Missing,y\n"
         "A,2026-04-01,Absent,z\nA,2026-04-01,Absent,z\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  placements: placements.csv
  missing: missing.csv
lists:
  8:
    from: periods
    join: [{table: people, on: PERSON_ID}]
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      placements_last_12_months: {derive: count, table: placements, key: PERSON_ID, date: START, end: END, distinct: true}
      missing_episodes_12_months: {derive: count, table: missing, key: PERSON_ID, date: START, where: {KIND: Missing}, distinct: true}
      absent_episodes_12_months: {derive: count, table: missing, key: PERSON_ID, date: START, where: {KIND: Absent}}
      uasc: {derive: exists, table: missing, key: PERSON_ID, date: START, min_count: 3, distinct: true}
)Y");
  CHECK(PackFixture::Cell(p, 8, 1, "placements_last_12_months") == "2");
  CHECK(PackFixture::Cell(p, 8, 1, "missing_episodes_12_months") == "2");
  CHECK(PackFixture::Cell(p, 8, 1, "absent_episodes_12_months") == "2");  // not distinct: both rows
  CHECK(PackFixture::Cell(p, 8, 1, "uasc") == "a) Yes");  // 3 distinct rows: x, y, z
}

TEST_CASE("related: List 6 leaves out an open episode that is still only a referral", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople + std::string("D,F,WBRI,01/01/2015\n"));
  // A: open, nothing since the referral: left out. B: open, an assessment:
  // kept. C: closed, nothing: kept (the exclusion is for open episodes).
  // D: open, an S47 for an earlier episode, before this one started: left out.
  f.File("cin.csv",
         "PERSON_ID,START,END\nA,2026-09-01,\nB,2026-09-01,\nC,2026-06-01,2026-08-01\nD,2026-09-01,\n");
  f.File("assessments.csv", "PERSON_ID,A_START\nB,2026-09-05\n");
  f.File("s47.csv", "PERSON_ID,S_START\nD,2025-01-01\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  cin: cin.csv
  assessments: assessments.csv
  s47: s47.csv
lists:
  6:
    from: cin
    join: [{table: people, on: PERSON_ID}]
    exclude_when:
      - reason: "open episode that is still only a referral"
        when:
          - {column: END, blank: true}
          - {related: assessments, on: PERSON_ID, dates: {start: A_START}, during: {start: START, end: END}, exists: false}
          - {related: s47, on: PERSON_ID, dates: {start: S_START}, during: {start: START, end: END}, exists: false}
    columns:
      child_id: PERSON_ID
      cin_start_date: START
      cin_closure_date: END
)Y");
  const auto& l6 = PackFixture::List(p, 6);
  REQUIRE(l6.rows.size() == 2);
  CHECK(l6.account.read == 4);
  CHECK(l6.account.excluded == std::map<std::string, int64_t>{{"open episode that is still only a referral", 2}});
  CHECK(l6.account.Balanced());
  CHECK(PackFixture::Cell(p, 6, 1, "child_id") == "B");
  CHECK(PackFixture::Cell(p, 6, 2, "child_id") == "C");
}

TEST_CASE("related: config errors name file:line:col", "[mapping][related][config]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("legal.csv", "PERSON_ID,LS_START,STATUS\nA,2026-01-01,C2\n");
  const std::string head = ConfigHead() + R"Y(sources:
  people: people.csv
  legal: legal.csv
lists:
  8:
    from: people
)Y";
  const std::string cols = "    columns: {child_id: PERSON_ID}\n";
  SECTION("dates without during or as_of") {
    const std::string e = f.BuildError(head + "    join: [{table: legal, on: PERSON_ID, dates: {start: LS_START}}]\n" + cols);
    INFO(e);
    CHECK(e.find("config.yaml:11:49: a join of List 8: 'dates' needs exactly one of 'during' or 'as_of'") != std::string::npos);
  }
  SECTION("two quantifiers") {
    const std::string e = f.BuildError(head + "    where: [{related: legal, on: PERSON_ID, all: {STATUS: C2}, any: {STATUS: C1}}]\n" + cols);
    INFO(e);
    CHECK(e.find("config.yaml:11:13: List 8 'where' needs exactly one of 'exists', 'all', 'any' or 'none'") != std::string::npos);
  }
  SECTION("a related column that is not there") {
    const std::string e = f.BuildError(head + "    where: [{related: legal, on: PERSON_ID, any: {STATUS: C2}, dates: {start: LS_END}, as_of: reference_date}]\n" + cols);
    INFO(e);
    CHECK(e.find("config.yaml:11:13: List 8 'where': no column 'LS_END' in source 'legal'") != std::string::npos);
  }
  SECTION("an exclusion with no 'when', and a test naming an unknown source") {
    // After the 4-line head and 6 lines of sources and list, line 11 is
    // `exclude_when:`, line 12 its item (the map at column 9); line 13 the
    // where item (column 13) naming 'legals'.
    const std::string e = f.BuildError(head + "    exclude_when:\n      - {reason: x}\n    where: [{related: legals, on: PERSON_ID, exists: false}]\n" + cols);
    INFO(e);
    CHECK(e.find("config.yaml:12:9: List 8 'exclude_when' needs 'when': a list of conditions that must all hold") != std::string::npos);
    CHECK(e.find("config.yaml:13:13: List 8: 'related' names unknown source 'legals'") != std::string::npos);
  }
  SECTION("distinct on a derivation that is not a count") {
    const std::string e = f.BuildError(head + "    columns:\n      child_id: PERSON_ID\n      legal_status_start_date: {derive: latest, table: legal, key: PERSON_ID, date: LS_START, distinct: true}\n");
    INFO(e);
    CHECK(e.find("config.yaml:13:105: column 'legal_status_start_date': 'distinct' applies to derive: count and exists") != std::string::npos);
  }
}

TEST_CASE("related: a join whose candidates are tested on their own related rows", "[mapping][related]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  // A: P1 (2025) under a care order, P2 (2026, open) short breaks only.
  // B: one period of short breaks only. C: one period, no legal status.
  f.File("periods.csv",
         "PERSON_ID,START,END\nA,2025-01-01,2025-06-01\nA,2026-01-01,\nB,2026-02-01,\nC,2026-03-01,\n");
  f.File("legal.csv",
         "PERSON_ID,LS_START,LS_END,STATUS\n"
         "A,2025-01-01,2025-06-01,C2\nA,2026-01-01,,V3\nB,2026-02-01,,V4\n");
  const std::string head = ConfigHead() + R"Y(sources:
  people: people.csv
  periods: periods.csv
  legal: legal.csv
lists:
  8:
    from: people
    join:
      - table: periods
        on: PERSON_ID
        pick: latest
        by: START
        where:
          - related: legal
            on: PERSON_ID
            dates: {start: LS_START, end: LS_END}
            during: {start: periods.START, end: periods.END}
)Y";
  const std::string cols = "    columns:\n      child_id: PERSON_ID\n      date_started_looked_after: periods.START\n";
  SECTION("the latest period that is not short breaks only") {
    auto p = f.Build(head + "            none: {STATUS: [V1, V3, V4]}\n" + cols);
    const auto& l8 = PackFixture::List(p, 8);
    // A: P2 is all V3, so P1. B: its only period fails. C: no status, so
    // none is a short break: its period passes.
    REQUIRE(l8.rows.size() == 2);
    CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"no match in periods", 1}});
    CHECK(PackFixture::Cell(p, 8, 1, "date_started_looked_after") == "01/01/2025");
    CHECK(PackFixture::Cell(p, 8, 2, "child_id") == "C");
    CHECK(PackFixture::Cell(p, 8, 2, "date_started_looked_after") == "01/03/2026");
  }
  SECTION("the period whose legal statuses are all short breaks") {
    auto p = f.Build(head + "            all: {STATUS: [V1, V3, V4]}\n" + cols);
    const auto& l8 = PackFixture::List(p, 8);
    // A: P2. B: its period. C: no status, so not "all" (needs one row).
    REQUIRE(l8.rows.size() == 2);
    CHECK(l8.account.excluded == std::map<std::string, int64_t>{{"no match in periods", 1}});
    CHECK(PackFixture::Cell(p, 8, 1, "date_started_looked_after") == "01/01/2026");
    CHECK(PackFixture::Cell(p, 8, 2, "child_id") == "B");
    CHECK(PackFixture::Cell(p, 8, 2, "date_started_looked_after") == "01/02/2026");
  }
}
