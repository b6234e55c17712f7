// The key indicators' six monthly points and last year's outturn (issue 20),
// each computed from the lists rebuilt at that date from raw records that
// change month by month. Every expected value below was worked out by hand
// from the CSV rows, date by date (the working is in the comments).
#include "pack/indicator_history.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "mapping/pack_fixture.h"
#include "pack/pack_steps.h"
#include "pack/past_lists.h"
#include "sources/source_readers.h"

using namespace annexa;
using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

// R = 15/06/2026. Points: 31/01, 28/02, 31/03, 30/04, 31/05 and 15/06/2026.
// Last year's outturn: 31/03/2026 (2025/26), also the third point.
// The six-month windows (R - 6 months, clamped) start 31/07/2025,
// 28/08/2025, 30/09/2025, 30/10/2025, 30/11/2025 and 15/12/2025.
constexpr const char* kReference = "2026-06-15";

void WriteFiles(PackFixture& f) {
  // Contacts, one child each. In the window at each date:
  //   31/01: 10/09, 10/11, 10/01                         = 3
  //   28/02: 10/09, 10/11, 10/01, 10/02                  = 4
  //   31/03: 10/11, 10/01, 10/02, 10/03 x2               = 5
  //   30/04: 10/11, 10/01, 10/02, 10/03 x2, 10/04        = 6
  //   31/05: 10/01, 10/02, 10/03 x2, 10/04, 10/05        = 6
  //   15/06: 10/01, 10/02, 10/03 x2, 10/04, 10/05, 10/06 = 7
  f.File("contacts.csv",
         "CONTACT_ID,PERSON_ID,CONTACT_DATE\n"
         "1,K1,2025-09-10\n2,K2,2025-11-10\n3,K3,2026-01-10\n4,K4,2026-02-10\n5,K5,2026-03-10\n"
         "6,K6,2026-03-10\n7,K7,2026-04-10\n8,K8,2026-05-10\n9,K9,2026-06-10\n");
  // Referrals. In the window: 31/01: 12/09, 12/01 = 2; 28/02: the same 2;
  // 31/03: 12/01, 12/03 = 2 (12/09 is before 30/09); 30/04: 2; 31/05:
  // 12/01, 12/03, 12/05 = 3; 15/06: 3.
  f.File("referrals.csv",
         "REFERRAL_ID,PERSON_ID,REF_DATE\n"
         "1,K1,2025-09-12\n2,K3,2026-01-12\n3,K5,2026-03-12\n4,K8,2026-05-12\n");
  // Child protection plans. Open at a date: started on or before it, no
  // end on or before it (an end after it had not happened then).
  //   31/01: P1, P2 = 2          (P1 ends 05/03)
  //   28/02: P1, P2, P3 = 3
  //   31/03: P2, P3, P6 = 3      (P1 ended 05/03)
  //   30/04: P2, P4, P6 = 3      (P3 ended on 30/04 itself: not open)
  //   31/05: P2, P4 = 2          (P6 ended 20/05)
  //   15/06: P2, P4, P5 = 3
  // The visit date is on the plan record (only the latest kept): every
  // visit is in June 2026, after each past date.
  f.File("cp_plans.csv",
         "PLAN_ID,PERSON_ID,START,END,VISIT\n"
         "1,P1,2025-06-01,2026-03-05,\n"
         "2,P2,2025-12-01,,2026-06-10\n"
         "3,P3,2026-02-20,2026-04-30,\n"
         "4,P4,2026-04-10,,2026-06-12\n"
         "5,P5,2026-06-01,,2026-06-11\n"
         "6,P6,2026-03-15,2026-05-20,\n");
  // Periods of care, each child's latest (latest_per by START) as at the
  // date. C1's first period (ended 10/02) is superseded by the one from
  // 01/05, but before 01/05 it is C1's latest. Looked after at:
  //   31/01: C1 (first period, its end 10/02 not yet), C2 = 2
  //   28/02: C2 = 1             (C1 ceased 10/02)
  //   31/03: C2, C3 = 2
  //   30/04: C2, C4 = 2         (C3 ceased 15/04)
  //   31/05: C1 (second), C2, C4 = 3
  //   15/06: C1, C2, C4 = 3
  f.File("periods.csv",
         "PERSON_ID,START,END\n"
         "C1,2025-10-01,2026-02-10\n"
         "C1,2026-05-01,\n"
         "C2,2025-01-01,\n"
         "C3,2026-03-01,2026-04-15\n"
         "C4,2026-04-20,\n");
}

std::string Config(const std::string& periods_history = "") {
  return ConfigHead(kReference) + R"Y(sources:
  contacts: contacts.csv
  referrals: referrals.csv
  plans: cp_plans.csv
  periods:
    file: periods.csv
    latest_per: {key: PERSON_ID, by: START}
)Y" + periods_history + R"Y(lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
  3:
    from: referrals
    window: {start: date_of_referral}
    columns:
      child_id: PERSON_ID
      date_of_referral: REF_DATE
  7:
    from: plans
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    columns:
      child_id: PERSON_ID
      cp_plan_start_date: START
      cp_plan_end_date: END
      last_statutory_visit: VISIT
  8:
    from: periods
    window: {start: date_started_looked_after, end: date_ceased_looked_after}
    columns:
      child_id: PERSON_ID
      date_started_looked_after: START
      date_ceased_looked_after: END
)Y";
}

// As a run computes them: the shipped indicators file loaded (cp-cohort
// and cla-cohort are written as data), then the history.
std::vector<indicators::Indicator> WithHistory(const PackFixture& f, mapping::MappedPack& pack) {
  auto specs = pack::LoadPackIndicators(annexa::testing::SourceDir() + "/annex_a_specs", f.dir + "/config.yaml", pack);
  INFO(specs.status().message());
  REQUIRE(specs.ok());
  pack.indicator_specs = *specs;
  const indicators::IndicatorOptions options = pack::IndicatorOptionsFor(pack);
  Result<pack::IndicatorHistory> history = pack::ComputeIndicatorHistory(pack, options);
  INFO(history.status().message());
  REQUIRE(history.ok());
  std::vector<indicators::Indicator> all = indicators::ComputeIndicators(pack.lists, options);
  pack::ApplyIndicatorHistory(*history, pack.facts.reference_date, &all);
  return all;
}

const indicators::Indicator& Get(const std::vector<indicators::Indicator>& all, const std::string& id) {
  for (const indicators::Indicator& i : all)
    if (i.id == id) return i;
  FAIL("no indicator " << id);
  throw 0;
}

const std::vector<std::string> kLabels = {"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"};
const std::vector<CivilDate> kAt = {CivilDate(2026, 1, 31), CivilDate(2026, 2, 28), CivilDate(2026, 3, 31),
                                    CivilDate(2026, 4, 30), CivilDate(2026, 5, 31), CivilDate(2026, 6, 15)};

struct Want {
  int64_t num, den;
  double value;
};

void CheckPoints(const indicators::Indicator& ind, const std::vector<Want>& want) {
  INFO(ind.id);
  REQUIRE(ind.points.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("point " << i);
    const indicators::TrendPoint& p = ind.points[i];
    CHECK(p.label == kLabels[i]);
    CHECK(p.at == kAt[i]);
    CHECK(p.unavailable == "");
    CHECK(p.numerator == want[i].num);
    CHECK(p.denominator == want[i].den);
    CHECK(p.value == Approx(want[i].value));
  }
}

}  // namespace

TEST_CASE("indicator history: the dates of the six points and last year's outturn", "[indicators][history]") {
  const std::vector<pack::HistoryDate> d = pack::TrendDates(CivilDate(2026, 6, 15));
  REQUIRE(d.size() == 6);
  for (size_t i = 0; i < 6; ++i) {
    CHECK(d[i].label == kLabels[i]);
    CHECK(d[i].at == kAt[i]);
  }
  // R on a month end: its own month's point is R.
  const std::vector<pack::HistoryDate> m = pack::TrendDates(CivilDate(2026, 3, 31));
  CHECK(m.front().at == CivilDate(2025, 10, 31));
  CHECK(m.front().label == "Oct 2025");
  CHECK(m.back().at == CivilDate(2026, 3, 31));
  // The last 31 March before R, labelled by the financial year it ends.
  CHECK(pack::LastYearDate(CivilDate(2026, 6, 15)).at == CivilDate(2026, 3, 31));
  CHECK(pack::LastYearDate(CivilDate(2026, 6, 15)).label == "2025/26");
  CHECK(pack::LastYearDate(CivilDate(2026, 3, 31)).at == CivilDate(2025, 3, 31));
  CHECK(pack::LastYearDate(CivilDate(2026, 3, 31)).label == "2024/25");
  CHECK(pack::LastYearDate(CivilDate(2026, 1, 5)).label == "2024/25");
  CHECK(pack::LastYearDate(CivilDate(2000, 4, 1)).label == "1999/00");
  // Built once each: five month ends, 31/03/2026 among them.
  CHECK(pack::PastDates(CivilDate(2026, 6, 15)) == std::vector<CivilDate>(kAt.begin(), kAt.end() - 1));
  CHECK(pack::PastDates(CivilDate(2026, 12, 1)).size() == 6);
  CHECK(pack::DayMonthYear(CivilDate(2026, 3, 1)) == "01/03/2026");
}

TEST_CASE("indicator history: six points of three indicators rebuilt from month-by-month records",
          "[indicators][history]") {
  PackFixture f;
  WriteFiles(f);
  mapping::MappedPack pack = f.Build(Config());
  const std::vector<indicators::Indicator> all = WithHistory(f, pack);

  // Referrals over contacts in the window (working in WriteFiles).
  const indicators::Indicator& conversion = Get(all, "contact-conversion");
  CheckPoints(conversion, {{2, 3, 200.0 / 3}, {2, 4, 50}, {2, 5, 40}, {2, 6, 100.0 / 3}, {3, 6, 50}, {3, 7, 300.0 / 7}});
  const indicators::Indicator& cp = Get(all, "cp-cohort");
  CheckPoints(cp, {{2, 0, 2}, {3, 0, 3}, {3, 0, 3}, {3, 0, 3}, {2, 0, 2}, {3, 0, 3}});
  // 31/01 holds 2 only because latest_per was re-applied there: with the
  // rows chosen at R, C1's first period (superseded on 01/05) would be gone.
  const indicators::Indicator& cla = Get(all, "cla-cohort");
  CheckPoints(cla, {{2, 0, 2}, {1, 0, 1}, {2, 0, 2}, {2, 0, 2}, {3, 0, 3}, {3, 0, 3}});
  // R's point is the headline.
  CHECK(cla.value == 3);
  CHECK(conversion.numerator == 3);
  CHECK(conversion.denominator == 7);

  // Last year's outturn: as at 31/03/2026.
  REQUIRE(conversion.last_year);
  CHECK(conversion.last_year->label == "2025/26");
  CHECK(conversion.last_year->at == CivilDate(2026, 3, 31));
  CHECK(conversion.last_year->numerator == 2);
  CHECK(conversion.last_year->denominator == 5);
  CHECK(conversion.last_year->value == Approx(40));
  REQUIRE(cp.last_year);
  CHECK(cp.last_year->value == 3);
  REQUIRE(cla.last_year);
  CHECK(cla.last_year->value == 2);

  // The visit date is kept on the plan record, and every one is after each
  // past date: what was the latest visit then is unknown, so the past
  // points are not available, with the reason; R's is the headline (P2 on
  // 10/06 and P4 on 12/06 are within 10 working days of 15/06, P5 on 11/06
  // too: 3 of 3).
  const indicators::Indicator& visits = Get(all, "cp-visited-10-days");
  REQUIRE(visits.points.size() == 6);
  for (size_t i = 0; i < 5; ++i) {
    INFO("point " << i);
    CHECK(std::isnan(visits.points[i].value));
    CHECK(visits.points[i].unavailable.find("List 7's last_statutory_visit is after " +
                                            pack::DayMonthYear(kAt[i])) != std::string::npos);
    CHECK(visits.points[i].unavailable.find("the records keep only the latest") != std::string::npos);
  }
  CHECK(visits.points[5].unavailable == "");
  CHECK(visits.points[5].numerator == 3);
  CHECK(visits.points[5].denominator == 3);
  CHECK(visits.points[5].value == Approx(100));
  // At 31/01 only P2 (10/06) of the open plans has a visit: 1 row.
  CHECK(visits.points[0].unavailable ==
        "not available at 31/01/2026: List 7's last_statutory_visit is after 31/01/2026 in 1 row: the records keep "
        "only the latest, so its value then is unknown");
}

TEST_CASE("indicator history: a source holding only the current state gives 'not available', not a number",
          "[indicators][history]") {
  PackFixture f;
  WriteFiles(f);
  mapping::MappedPack pack = f.Build(Config("    history: current_only\n"));
  const std::vector<indicators::Indicator> all = WithHistory(f, pack);
  const indicators::Indicator& cla = Get(all, "cla-cohort");
  REQUIRE(cla.points.size() == 6);
  for (size_t i = 0; i < 5; ++i) {
    INFO("point " << i);
    CHECK(std::isnan(cla.points[i].value));
    CHECK(cla.points[i].numerator == 0);
    CHECK(cla.points[i].unavailable == "not available at " + pack::DayMonthYear(kAt[i]) +
                                           ": List 8 is read from source 'periods', which holds only the current "
                                           "state (history: current_only)");
  }
  CHECK(cla.points[5].value == 3);  // R: the current state is what holds at R
  REQUIRE(cla.last_year);
  CHECK(std::isnan(cla.last_year->value));
  CHECK(cla.last_year->unavailable.find("history: current_only") != std::string::npos);
  // The other lists' indicators are rebuilt as before.
  CHECK(Get(all, "cp-cohort").points[0].value == 2);
  CHECK(Get(all, "contact-conversion").points[2].value == Approx(40));
}

TEST_CASE("indicator history: the lists at a past date", "[indicators][history]") {
  PackFixture f;
  WriteFiles(f);
  const mapping::MappedPack pack = f.Build(Config());
  Result<pack::PastLists> at = pack::BuildListsAt(pack, CivilDate(2026, 1, 31), {});
  REQUIRE(at.ok());
  // At R: C1 (second period), C2, C3 (ceased 15/04, in the window), C4.
  CHECK(PackFixture::List(pack, 8).rows.size() == 4);
  const AnnexList* past8 = nullptr;
  for (const AnnexList& l : at->lists)
    if (l.spec->number == 8) past8 = &l;
  REQUIRE(past8);
  // At 31/01: C1's first period (its end 10/02 blanked: not yet), C2.
  REQUIRE(past8->rows.size() == 2);
  const int start = past8->spec->ColumnIndex("date_started_looked_after");
  const int end = past8->spec->ColumnIndex("date_ceased_looked_after");
  const int child = past8->spec->ColumnIndex("child_id");
  const AnnexRow* c1 = nullptr;
  for (const AnnexRow& row : past8->rows)
    if (row.cells[static_cast<size_t>(child)].ToText() == "C1") c1 = &row;
  REQUIRE(c1);
  CHECK(c1->cells[static_cast<size_t>(start)].ToText() == "01/10/2025");
  CHECK(c1->cells[static_cast<size_t>(end)].blank());
  // Only the lists asked for are built.
  Result<pack::PastLists> only7 = pack::BuildListsAt(pack, CivilDate(2026, 1, 31), {7});
  REQUIRE(only7.ok());
  for (const AnnexList& l : only7->lists) CHECK(l.rows.empty() == (l.spec->number != 7));
}

TEST_CASE("indicator history: which sources cannot say what held at a past date", "[indicators][history]") {
  mapping::CouncilConfig config;
  Problems problems;
  const FileReader r("c.yaml", &problems);
  // A source of `format` with the keys of `yaml`.
  auto source = [&](const std::string& name, const char* format, const std::string& yaml) {
    mapping::SourceConfig s;
    s.name = name;
    s.reader = sources::FindReader(format);
    REQUIRE(s.reader);
    Result<YamlValue> node = ParseYaml(yaml, "c.yaml");
    REQUIRE(node.ok());
    s.options = s.reader->configure(r, &*node, "source '" + name + "'");
    return s;
  };
  config.sources["people"] = source("people", "csv", "file: people.csv\n");
  config.sources["legal"] = source("legal", "csv", "file: legal.csv\n");
  config.sources["legal"].current_only = true;
  config.sources["kit"] = source("kit", "csv", "file: kit.csv\n");
  config.sources["kit"].latest_per = mapping::SourceConfig::LatestPer{"PERSON_ID", "DATE", {}, {}};
  config.sources["table"] = source("table", "database", "connection: db\ntable: ssd_person\n");
  config.sources["plain_query"] = source("plain_query", "database", "connection: db\nquery: \"SELECT * FROM t\"\n");
  config.sources["windowed"] =
      source("windowed", "database", "connection: db\nquery: \"SELECT * FROM t WHERE d >= :window_start_6m\"\n");
  config.sources["over_people"] = source("over_people", "sql", "query: \"SELECT * FROM people\"\n");
  config.sources["over_people"].inputs = {"people"};
  config.sources["over_kit"] = source("over_kit", "sql", "query: \"SELECT * FROM kit\"\n");
  config.sources["over_kit"].inputs = {"kit"};
  config.sources["over_legal"] = source("over_legal", "sql", "query: \"SELECT * FROM over_x\"\n");
  config.sources["over_legal"].inputs = {"people", "legal"};
  INFO(problems.ToStatus().message());
  REQUIRE(problems.empty());

  CHECK(pack::SourcesWithoutHistory(config) ==
        std::map<std::string, std::string>{
            {"legal", "holds only the current state (history: current_only)"},
            {"over_kit", "is an SQL query over source 'kit', whose latest_per rows were chosen at the reference date"},
            {"over_legal", "is an SQL query over source 'legal', which holds only the current state (history: "
                           "current_only)"},
            {"windowed", "is a database query given :window_start_6m, run as at the reference date only"}});

  // A list is as rebuildable as every source it reads; List 6's case
  // status reads Lists 4, 7 and 8.
  mapping::ListConfig l8;
  l8.number = 8;
  l8.from = "people";
  l8.window.start = {"date_started_looked_after"};
  l8.joins.push_back(mapping::JoinConfig{});
  l8.joins.back().table = "legal";
  config.lists[8] = l8;
  mapping::ListConfig l6;
  l6.number = 6;
  l6.from = "people";
  l6.window.start = {"cin_start_date"};
  l6.columns["case_status"].kind = mapping::RuleKind::kDerive;
  l6.columns["case_status"].derive.kind = "case_status";
  config.lists[6] = l6;
  mapping::ListConfig l1;
  l1.number = 1;
  l1.from = "table";
  l1.window.start = {"date_of_contact"};
  config.lists[1] = l1;
  // No window: the list holds every row of its source whatever the date.
  mapping::ListConfig l9;
  l9.number = 9;
  l9.from = "people";
  config.lists[9] = l9;
  CHECK(pack::ListsWithoutHistory(config) ==
        std::map<int, std::string>{
            {6, "List 6's case status reads List 8, and List 8 is read from source 'legal', which holds only the "
                "current state (history: current_only)"},
            {8, "List 8 is read from source 'legal', which holds only the current state (history: current_only)"},
            {9, "List 9 has no window (no start date), so which rows it held then is unknown"}});
}
