// The indicators written as data (annex_a_specs/indicators.yaml, issue 20):
// the seed's seventeen measures on small hand-made lists and extra sources,
// every numerator and denominator worked out by hand in the comments; a
// measure whose source is not configured; one computed at an earlier
// reference date (the contract with the past-date trend); the statutory
// review schedules; and the loader's errors, each naming file and line.
#include "indicators/data_indicators.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "indicators/indicator_checks.h"
#include "indicators/indicator_spec.h"
#include "spec/spec_loader.h"
#include "test_support.h"

namespace {

using namespace annexa;
using namespace annexa::indicators;
using Row = std::map<std::string, CellValue>;

const spec::SpecVersion& Spec() {
  static const spec::SpecVersion spec = [] {
    auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    if (!r.ok()) FAIL(r.status().message());
    return std::move(r).value();
  }();
  return spec;
}

std::string ShippedPath() { return ShippedIndicatorsFile(testing::SourceDir() + "/annex_a_specs"); }

const IndicatorSpecs* Shipped() {
  static const IndicatorSpecs specs = [] {
    auto r = LoadIndicatorSpecs({ShippedPath()}, &Spec());
    if (!r.ok()) FAIL(r.status().message());
    return std::move(r).value();
  }();
  return &specs;
}

CellValue D(int y, int m, int d) { return CellValue::Date(CivilDate(y, m, d)); }
CellValue T(const std::string& t) { return CellValue::Text(t); }

AnnexList MakeList(int number, const std::vector<Row>& rows) {
  const spec::ListSpec* spec = Spec().FindList(number);
  REQUIRE(spec != nullptr);
  AnnexList list;
  list.spec = spec;
  for (const Row& values : rows) {
    AnnexRow row;
    row.cells.resize(spec->columns.size());
    for (const auto& [key, value] : values) {
      const int i = spec->ColumnIndex(key);
      INFO("list " << number << " has no column " << key);
      REQUIRE(i >= 0);
      row.cells[i] = value;
    }
    list.rows.push_back(std::move(row));
  }
  return list;
}

Table MakeTable(const std::string& name, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows) {
  Table t;
  t.name = name;
  t.origin = name + ".csv";
  t.headers = headers;
  int64_t line = 2;
  for (const auto& r : rows) REQUIRE(t.AddRow(r, line++));
  return t;
}

constexpr CivilDate kR(2026, 11, 23);  // a Monday; the financial year began 1 April 2026

// Children: A, B, G in need only (G's CP plan ended); C on a plan; D looked
// after; E a care leaver; F's case closed.
std::vector<AnnexList> Lists() {
  return {
      MakeList(4, {// 45 working days exactly (1 Sep -> 3 Nov 2026): in
                   {{"assessment_start_date", D(2026, 9, 1)}, {"assessment_authorised_date", D(2026, 11, 3)}},
                   // 46: out
                   {{"assessment_start_date", D(2026, 9, 1)}, {"assessment_authorised_date", D(2026, 11, 4)}},
                   // authorised before 1 April: not in the year to date
                   {{"assessment_start_date", D(2026, 3, 1)}, {"assessment_authorised_date", D(2026, 3, 31)}},
                   // authorised on 1 April: in, and in time
                   {{"assessment_start_date", D(2026, 3, 20)}, {"assessment_authorised_date", D(2026, 4, 1)}},
                   // still open: not authorised, not counted
                   {{"assessment_start_date", D(2026, 10, 1)}}}),
      MakeList(6, {{{"child_id", T("A")}, {"cin_start_date", D(2026, 1, 5)}, {"case_status", T("c) Child in need plan")}},
                   {{"child_id", T("B")}, {"cin_start_date", D(2026, 2, 5)}, {"case_status", T("d) Open assessment")}},
                   {{"child_id", T("C")}, {"cin_start_date", D(2026, 5, 5)}, {"case_status", T("b) Child Protection plan")}},
                   {{"child_id", T("D")}, {"cin_start_date", D(2026, 9, 5)}, {"case_status", T("a) Looked after child")}},
                   {{"child_id", T("E")}, {"cin_start_date", D(2026, 3, 5)}, {"case_status", T("c) Child in need plan")}},
                   {{"child_id", T("F")}, {"cin_start_date", D(2026, 3, 5)}, {"cin_closure_date", D(2026, 10, 1)},
                    {"case_status", T("c) Child in need plan")}},
                   {{"child_id", T("G")}, {"cin_start_date", D(2025, 1, 5)}, {"case_status", T("c) Child in need plan")}}}),
      MakeList(7, {// visited Mon 9 Nov: 10 working days to R (in); reviewed 20 Aug: next due 20 Feb 2027 (in time)
                   {{"child_id", T("C")}, {"cp_plan_start_date", D(2026, 6, 1)}, {"last_statutory_visit", D(2026, 11, 9)},
                    {"latest_review_conference", D(2026, 8, 20)}},
                   // G's plan ended: not open
                   {{"child_id", T("G")}, {"cp_plan_start_date", D(2025, 1, 1)}, {"cp_plan_end_date", D(2026, 5, 1)}},
                   // visited Fri 6 Nov: 11 working days (out); no review, first due 1 Dec (in time)
                   {{"child_id", T("H")}, {"cp_plan_start_date", D(2026, 9, 1)}, {"last_statutory_visit", D(2026, 11, 6)}},
                   // never visited; no review, first due 20 Nov < R (late)
                   {{"child_id", T("I")}, {"cp_plan_start_date", D(2026, 8, 20)}},
                   // visited on R (in); reviewed 22 May: next due 22 Nov < R (late)
                   {{"child_id", T("J")}, {"cp_plan_start_date", D(2025, 5, 1)}, {"last_statutory_visit", D(2026, 11, 23)},
                    {"latest_review_conference", D(2026, 5, 22)}}}),
      MakeList(8, {// visited exactly 6 weeks before R (in); first review 20 Oct, 13 working days in: next due 20 Jan (in)
                   {{"child_id", T("D")}, {"date_started_looked_after", D(2026, 10, 1)},
                    {"last_social_work_visit", D(2026, 10, 12)}, {"latest_review_date", D(2026, 10, 20)}},
                   // 6 weeks and a day (out); entered Mon 26 Oct, no review: due 20 working days later, 23 Nov = R (in)
                   {{"child_id", T("K")}, {"date_started_looked_after", D(2026, 10, 26)},
                    {"last_social_work_visit", D(2026, 10, 11)}},
                   // never visited; a later review 23 May: next due 23 Nov = R (in)
                   {{"child_id", T("L")}, {"date_started_looked_after", D(2024, 1, 10)},
                    {"latest_review_date", D(2026, 5, 23)}},
                   // ceased 1 Feb 2026 (in the rolling year): review 1 Jun 2025, due 1 Dec 2025 < ceased (late)
                   {{"child_id", T("M")}, {"date_started_looked_after", D(2023, 3, 1)},
                    {"date_ceased_looked_after", D(2026, 2, 1)}, {"latest_review_date", D(2025, 6, 1)}},
                   // ceased 22 Nov 2025: a day before the rolling year
                   {{"child_id", T("N")}, {"date_started_looked_after", D(2020, 1, 1)},
                    {"date_ceased_looked_after", D(2025, 11, 22)}},
                   // visited 20 Nov (in); review 1 May 2025, not the first: due 1 Nov 2025 (late)
                   {{"child_id", T("P")}, {"date_started_looked_after", D(2025, 2, 3)},
                    {"last_social_work_visit", D(2026, 11, 20)}, {"latest_review_date", D(2025, 5, 1)}}}),
      MakeList(9, {{{"child_id", T("E")}, {"in_touch", T("a) Yes")}, {"activity", T("F1: Full time in higher education")},
                    {"accommodation_suitable", T("a) Suitable")}},
                   {{"child_id", T("Q")}, {"in_touch", T("a) Yes")},
                    {"activity", T("G5: Not in education, employment or training - other")},
                    {"accommodation_suitable", T("b) Unsuitable")}},
                   {{"child_id", T("S")}, {"in_touch", T("b) No")}, {"activity", T("P3: Part time in training or employment")},
                    {"accommodation_suitable", T(" A) SUITABLE ")}},
                   {{"child_id", T("T")}, {"in_touch", T("c) Died")}}}),
  };
}

std::map<std::string, Table> Sources() {
  std::map<std::string, Table> s;
  // Management oversight in the 8 weeks to R (28 Sep .. 23 Nov 2026).
  s["oversight"] = MakeTable("oversight", {"PERSON", "SEEN_BY_MANAGER"},
                             {{"A", "28/09/2026"},    // exactly 8 weeks: in
                              {"B", "27/09/2026"},    // a day more: out
                              {"C", "24/11/2026"},    // after R: not yet made
                              {"D", "2026-10-15"},    // in (another date format)
                              {"D", "01/01/2026"},
                              {" g ", "23/11/2026"},  // the child id ignoring case and spaces: in
                              {"F", "01/11/2026"}});  // F's case is closed
  s["contacts_done"] = MakeTable("contacts_done", {"RECEIVED", "DONE"},
                                 {{"01/04/2026", "01/04/2026"},   // same day: in
                                  {"10/06/2026", "11/06/2026"},   // next day: in
                                  {"2026-06-10", "12/06/2026"},   // two days: out
                                  {"31/03/2026", "31/03/2026"},   // before 1 April: not in the year to date
                                  {"23/11/2026", ""},             // not completed: out
                                  {"23/11/2026", "24/11/2026"},   // completed after R: not completed as at R
                                  {"24/11/2026", "24/11/2026"}}); // received after R: not counted
  s["visits"] = MakeTable("visits", {"PERSON", "VISIT_DATE", "TYPE"},
                          {{"A", "26/10/2026", "SW"},    // exactly 28 days: in
                           {"B", "20/11/2026", "IRO"},   // not a social work visit (where)
                           {"B", "25/10/2026", "SW"},    // 29 days: out
                           {"G", "01/11/2026", "sw "}}); // in (the where ignores case and spaces)
  s["plan_reviews"] = MakeTable("plan_reviews", {"PERSON", "REVIEWED"},
                                {{"A", "23/08/2026"},    // exactly 3 months: in
                                 {"G", "22/08/2026"}});  // a day more: out
  s["assessments"] = MakeTable("assessments", {"PERSON", "DONE"},
                               {{"D", "15/10/2026"},     // in the year: not counted
                                {"L", "23/11/2025"},     // exactly 12 months: not counted
                                {"P", "22/11/2025"},     // a day older: P counted
                                {"P", "01/12/2026"}});   // after R: not yet done
  return s;
}

IndicatorOptions Options(const std::map<std::string, Table>* sources, CivilDate r = kR) {
  IndicatorOptions o;
  o.reference_date = r;
  o.specs = Shipped();
  o.sources = sources;
  o.source_bindings["management_oversight"] = {"oversight", {{"child_id", "PERSON"}, {"oversight_date", "SEEN_BY_MANAGER"}}, {}, {}};
  o.source_bindings["contact_completion"] = {"contacts_done", {{"contact_date", "RECEIVED"}, {"completed_date", "DONE"}}, {}, {}};
  o.source_bindings["visits"] = {"visits", {{"child_id", "PERSON"}, {"visit_date", "VISIT_DATE"}}, {{"TYPE", {"SW"}}}, {}};
  o.source_bindings["cin_plan_reviews"] = {"plan_reviews", {{"child_id", "PERSON"}, {"review_date", "REVIEWED"}}, {}, {}};
  o.source_bindings["cla_assessments"] = {"assessments", {{"child_id", "PERSON"}, {"assessment_date", "DONE"}}, {}, {}};
  return o;
}

Indicator Get(const std::vector<Indicator>& all, const std::string& id) {  // a copy: callers pass temporaries
  for (const Indicator& i : all)
    if (i.id == id) return i;
  FAIL("no indicator " << id);
  throw 0;
}

void CheckPercent(const Indicator& ind, int64_t num, int64_t den) {
  INFO(ind.id);
  CHECK(ind.not_configured.empty());
  CHECK(ind.numerator == num);
  CHECK(ind.denominator == den);
  CHECK(ind.value == Approx(100.0 * num / den));
}

void CheckCount(const Indicator& ind, int64_t n) {
  INFO(ind.id);
  CHECK(ind.unit == "count");
  CHECK(ind.numerator == n);
  CHECK(ind.denominator == 0);
  CHECK(ind.value == n);
  CHECK(ind.rag.empty());
}

}  // namespace

TEST_CASE("data indicators: the seed's 17 measures on hand-made lists and sources", "[indicators][data]") {
  const auto sources = Sources();
  const std::vector<AnnexList> lists = Lists();
  const std::vector<Indicator> all = ComputeDataIndicators(lists, Options(&sources));
  REQUIRE(all.size() == 17);
  // Open List 6: A B C D E G. In need only (1.2): A, B and G (C on an open
  // plan, D looked after, E a care leaver; G's plan ended).
  CheckPercent(Get(all, "management-oversight-8-weeks"), 3, 6);  // A, D, G
  CheckCount(Get(all, "cin-excluding-cp-cla"), 3);
  CheckCount(Get(all, "cp-cohort"), 4);   // C H I J
  CheckCount(Get(all, "cla-cohort"), 4);  // D K L P
  CheckPercent(Get(all, "contacts-completed-1-day"), 2, 5);
  CheckPercent(Get(all, "assessments-45-days-ytd"), 2, 3);
  CheckPercent(Get(all, "cin-with-plan"), 2, 3);  // A and G have c) Child in need plan
  CheckPercent(Get(all, "cin-visited-4-weeks"), 2, 3);  // A, G
  CheckPercent(Get(all, "cp-visited-10-days"), 2, 4);  // C, J
  CheckPercent(Get(all, "cla-assessments-missing-or-old"), 2, 4);  // K (none), P (too old)
  CheckPercent(Get(all, "cla-visited-6-weeks"), 2, 4);  // D, P
  CheckPercent(Get(all, "cin-plans-reviewed-3-months"), 1, 2);  // of A and G, A
  CheckPercent(Get(all, "cp-reviews-in-time"), 2, 4);  // C, H
  CheckPercent(Get(all, "cla-reviews-in-time"), 3, 5);  // of D K L M P: D, K, L
  CheckPercent(Get(all, "leavers-in-touch"), 2, 4);
  CheckPercent(Get(all, "leavers-eet"), 2, 4);       // E (F1), S (P3): all care leavers, not only those in touch
  CheckPercent(Get(all, "leavers-suitable"), 2, 4);  // E, S

  const Indicator& oversight = Get(all, "management-oversight-8-weeks");
  CHECK(oversight.reference == "1.1");
  CHECK(oversight.period == "snapshot");
  CHECK(Get(all, "contacts-completed-1-day").period == "year to date");
  CHECK(Get(all, "cla-reviews-in-time").period == "rolling year");
  // The seed's targets; the RAG is the caller's (ComputeIndicators), the bands come with the definition.
  CHECK(oversight.target.minimum == 90);
  CHECK(oversight.target.upper == 95);
  const Indicator& old = Get(all, "cla-assessments-missing-or-old");
  CHECK_FALSE(old.target.higher_is_better);
  CHECK(old.target.minimum == 10);
  CHECK(old.target.upper == 5);
}

TEST_CASE("data indicators: ComputeIndicators puts them first, with their RAG", "[indicators][data]") {
  const auto sources = Sources();
  const std::vector<Indicator> all = ComputeIndicators(Lists(), Options(&sources));
  REQUIRE(all.size() == 17 + 14);
  CHECK(all[0].id == "management-oversight-8-weeks");
  CHECK(all[16].id == "leavers-suitable");
  CHECK(all[17].id == "contact-conversion");
  CHECK(Get(all, "management-oversight-8-weeks").rag == "red");  // 50 < 90
  CHECK(Get(all, "cla-assessments-missing-or-old").rag == "red");  // 50 > 10, lower is better
  CHECK(Get(all, "cp-cohort").rag.empty());
  SECTION("a council's bands replace the defaults") {
    IndicatorOptions o = Options(&sources);
    o.targets["cla-assessments-missing-or-old"] = Target{60.0, 50.0, false};
    o.targets["leavers-in-touch"] = Target{40.0, 50.0, true};
    const std::vector<Indicator> own = ComputeIndicators(Lists(), o);
    CHECK(Get(own, "cla-assessments-missing-or-old").rag == "green");  // 50 <= 50
    CHECK(Get(own, "leavers-in-touch").rag == "green");
  }
}

TEST_CASE("data indicators: a source not configured is said, never zero", "[indicators][data]") {
  const auto sources = Sources();
  IndicatorOptions o = Options(&sources);
  o.source_bindings.erase("management_oversight");
  o.source_bindings["cla_assessments"].columns["assessment_date"] = "NO_SUCH_COLUMN";
  const std::vector<Indicator> all = ComputeIndicators(Lists(), o);
  const Indicator& oversight = Get(all, "management-oversight-8-weeks");
  CHECK(std::isnan(oversight.value));
  CHECK(oversight.numerator == 0);
  CHECK(oversight.denominator == 0);
  CHECK(oversight.rag.empty());
  CHECK(oversight.not_configured ==
        "a management oversight source (one row per recorded management oversight of a child's case): map one "
        "under indicator_sources.management_oversight in the config");
  const Indicator& assessed = Get(all, "cla-assessments-missing-or-old");
  CHECK(std::isnan(assessed.value));
  CHECK(assessed.not_configured ==
        "source 'assessments' has no column 'NO_SUCH_COLUMN' (indicator_sources.cla_assessments)");
  // The others are unaffected.
  CHECK(Get(all, "cin-visited-4-weeks").value == Approx(200.0 / 3));
  SECTION("no sources read at all") {
    IndicatorOptions none = Options(nullptr);
    const Indicator& contacts = Get(ComputeIndicators(Lists(), none), "contacts-completed-1-day");
    CHECK(std::isnan(contacts.value));
    CHECK(contacts.not_configured == "source 'contacts_done' (indicator_sources.contact_completion) was not read");
  }
}

TEST_CASE("data indicators: as at an earlier reference date (the past-date trend's contract)", "[indicators][data]") {
  const auto sources = Sources();
  SECTION("2.1 at 11 June 2026") {
    // Received 1 April .. 11 June: 1 Apr (done the same day), 10 Jun (done
    // 11 Jun = D: in), 10 Jun (done 12 Jun, after D: not done as at D).
    const Indicator& c =
        Get(ComputeDataIndicators(Lists(), Options(&sources, CivilDate(2026, 6, 11))), "contacts-completed-1-day");
    CheckPercent(c, 2, 3);
  }
  SECTION("2.1 at 31 March 2026, the last year's outturn day") {
    // The financial year 2025/26: only the contact of 31 March.
    const Indicator& c =
        Get(ComputeDataIndicators(Lists(), Options(&sources, CivilDate(2026, 3, 31))), "contacts-completed-1-day");
    CheckPercent(c, 1, 1);
  }
  SECTION("1.1 at 15 October 2026") {
    // 8 weeks before: 20 Aug. A (28 Sep), B (27 Sep) and D (15 Oct = D) are
    // in; G's record (23 Nov) and C's are after D. Of the same six open rows.
    const Indicator& m = Get(ComputeDataIndicators(Lists(), Options(&sources, CivilDate(2026, 10, 15))),
                             "management-oversight-8-weeks");
    CheckPercent(m, 3, 6);
  }
}

TEST_CASE("data indicators: the statutory review schedules", "[indicators][data]") {
  const CivilDate start(2026, 12, 18);  // a Friday
  // England's bank holidays at Christmas 2026 and New Year 2027.
  const WorkingCalendar england({CivilDate(2026, 12, 25), CivilDate(2026, 12, 28), CivilDate(2027, 1, 1)});
  // 20 working days after Fri 18 Dec: 21-24 Dec (4), 29-31 Dec (7), 4-8 Jan
  // (12), 11-15 Jan (17), 18-20 Jan (20).
  CHECK(ClaReviewDue(start, nullptr, england) == CivilDate(2027, 1, 20));
  // Without the holidays: 21-25 Dec (5), 28 Dec-1 Jan (10), 4-8 (15), 11-15 Jan (20).
  CHECK(ClaReviewDue(start, nullptr, WorkingCalendar()) == CivilDate(2027, 1, 15));
  const CivilDate first(2027, 1, 14);  // within 20 working days: the first review
  CHECK(ClaReviewDue(start, &first, england) == CivilDate(2027, 4, 14));
  const CivilDate second(2027, 4, 14);
  CHECK(ClaReviewDue(start, &second, england) == CivilDate(2027, 10, 14));
  CHECK(CpReviewDue(CivilDate(2026, 8, 31), nullptr) == CivilDate(2026, 11, 30));  // the ICPC + 3 months, clamped
  const CivilDate review(2026, 11, 30);
  CHECK(CpReviewDue(CivilDate(2026, 8, 31), &review) == CivilDate(2027, 5, 30));
}

namespace {

// Loads the shipped file and `council` (an indicators file of the council's),
// returning the failure message.
std::string LoadError(const std::string& council) {
  const std::string dir = testing::MakeTempDir();
  const std::string path = testing::WriteTextFile(dir, "ours.yaml", council);
  auto r = LoadIndicatorSpecs({ShippedPath(), path}, &Spec());
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

}  // namespace

TEST_CASE("data indicators: a council's own file", "[indicators][data]") {
  const std::string dir = testing::MakeTempDir();
  const std::string path = testing::WriteTextFile(dir, "ours.yaml",
                                                  "indicators:\n"
                                                  "  - id: leavers-housed-and-eet\n"
                                                  "    reference: L1\n"
                                                  "    title: Care leavers suitably housed and in EET\n"
                                                  "    definition: both\n"
                                                  "    denominator: {list: 9}\n"
                                                  "    numerator:\n"
                                                  "      - {column: accommodation_suitable, in: [a) Suitable]}\n"
                                                  "      - {column: activity, prefix: [F, P]}\n");
  auto r = LoadIndicatorSpecs({ShippedPath(), path}, &Spec());
  REQUIRE(r.ok());
  REQUIRE(r->indicators.size() == 18);
  IndicatorOptions o = Options(nullptr);
  o.specs = &*r;
  const Indicator& own = Get(ComputeDataIndicators(Lists(), o), "leavers-housed-and-eet");
  CheckPercent(own, 2, 4);  // E (a) Suitable, F1) and S ( A) SUITABLE , P3)
  CHECK(own.target.minimum == std::nullopt);
}

TEST_CASE("data indicators: the loader's errors name file, line and key", "[indicators][data]") {
  const std::string head =
      "indicators:\n"
      "  - id: mine\n"
      "    reference: X1\n"
      "    title: t\n"
      "    definition: d\n";
  CHECK_THAT(LoadError(head + "    denominator: {list: 12}\n    numerator: []\n"),
             Catch::Contains("ours.yaml:6:") && Catch::Contains("unknown list 12 (not a list of spec ilacs-2023)"));
  CHECK_THAT(LoadError(head + "    denominator: {list: 7}\n    numerator:\n      - {column: cp_plan_ended, blank: true}\n"),
             Catch::Contains("ours.yaml:8:") && Catch::Contains("unknown column 'cp_plan_ended' of List 7 in spec ilacs-2023"));
  CHECK_THAT(LoadError(head + "    denominator: {list: 7}\n    numerator:\n      - {check: cp_visits_in_time}\n"),
             Catch::Contains("ours.yaml:8:") &&
                 Catch::Contains("unknown check 'cp_visits_in_time' (known: cp_review_in_time, cla_review_in_time)"));
  CHECK_THAT(LoadError(head + "    denominator: {list: 8}\n    numerator:\n      - {check: cp_review_in_time}\n"),
             Catch::Contains("check 'cp_review_in_time' applies to List 7 rows"));
  CHECK_THAT(LoadError(head + "    denominator: {source: supervision}\n    numerator: []\n"),
             Catch::Contains("ours.yaml:6:") && Catch::Contains("unknown source role 'supervision'"));
  CHECK_THAT(LoadError(head + "    denominator: {source: visits}\n    numerator:\n      - {column: visit_day, filled: true}\n"),
             Catch::Contains("unknown column 'visit_day' of source role 'visits' (its columns: child_id, visit_date)"));
  CHECK_THAT(LoadError(head + "    targets: {minimum: 95, upper: 90}\n    denominator: {list: 9}\n    numerator: []\n"),
             Catch::Contains("ours.yaml:6:") &&
                 Catch::Contains("indicator 'mine''s targets: minimum 95 is above the upper target 90"));
  CHECK_THAT(LoadError(head + "    lower_is_better: true\n    targets: {minimum: 5, upper: 10}\n"
                              "    denominator: {list: 9}\n    numerator: []\n"),
             Catch::Contains("minimum 5 is below the upper target 10 (lower is better"));
  CHECK_THAT(LoadError(head + "    denominator: {list: 9}\n    numerator:\n      - {column: activity, within: {days: 3, hours: 2}}\n"),
             Catch::Contains("ours.yaml:8:") && Catch::Contains("unknown key 'hours' in 'within'"));
  CHECK_THAT(LoadError(head + "    denominator: {list: 9}\n    numerator: []\n    colour: red\n"),
             Catch::Contains("ours.yaml:8:") && Catch::Contains("unknown key 'colour' in indicator 'mine'"));
  CHECK_THAT(LoadError(head + "    period: year_to_date\n    denominator: {list: 4}\n    numerator: []\n"),
             Catch::Contains("a year_to_date indicator needs 'dated'"));
  // Ids are unique across the shipped file, a council's and the built-in table.
  CHECK_THAT(LoadError("indicators:\n  - id: cp-cohort\n    reference: X\n    title: t\n    definition: d\n"
                       "    unit: count\n    count: {list: 7}\n"),
             Catch::Contains("ours.yaml:2:") && Catch::Contains("indicator 'cp-cohort' is defined twice"));
  CHECK_THAT(LoadError("indicators:\n  - id: re-referrals\n    reference: X\n    title: t\n    definition: d\n"
                       "    unit: count\n    count: {list: 3}\n"),
             Catch::Contains("the id is a built-in indicator's (KI-03)"));
}
