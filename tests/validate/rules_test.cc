// Each validation rule fires on a bad row and stays quiet on a good one.
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "core/file_util.h"
#include "render/rules_table.h"
#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/rules.h"

using namespace annexa;

namespace {

const spec::SpecVersion& Spec() {
  static spec::SpecVersion v = [] {
    auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return v;
}

const CivilDate kRef(2026, 11, 23);

CellValue D(int y, int m, int d) { return CellValue::Date(CivilDate(y, m, d)); }
CellValue T(const std::string& s) { return CellValue::Text(s); }
CellValue I(int64_t i) { return CellValue::Integer(i); }

// A list with rows given as key -> value; unnamed cells are blank.
AnnexList Make(int number, const std::vector<std::map<std::string, CellValue>>& rows) {
  AnnexList l;
  l.spec = Spec().FindList(number);
  l.sources = {"src.csv"};
  l.column_origin.assign(l.spec->columns.size(), "SRC");
  int64_t line = 2;
  for (const auto& values : rows) {
    AnnexRow row;
    row.source_row = line++;
    row.cells.resize(l.spec->columns.size());
    for (const auto& [key, v] : values) {
      bool found = false;
      for (size_t i = 0; i < l.spec->columns.size(); ++i)
        if (l.spec->columns[i].key == key) { row.cells[i] = v; found = true; }
      REQUIRE(found);
    }
    l.rows.push_back(std::move(row));
  }
  return l;
}

// "list|row|message" of every finding with `code`, in order: for the rules
// that point at another row, which one they name.
std::vector<std::string> FiredMessages(const std::vector<AnnexList>& lists, const std::string& code) {
  std::vector<std::string> out;
  for (const Finding& f : validate::Validate({Spec(), kRef, lists}))
    if (f.code == code) out.push_back(std::to_string(f.list) + "|" + std::to_string(f.list_row) + "|" + f.message);
  return out;
}

// "code|list|row|column" of every finding with `code`.
std::vector<std::string> Fired(const std::vector<AnnexList>& lists, const std::string& code) {
  std::vector<std::string> out;
  for (const Finding& f : validate::Validate({Spec(), kRef, lists}))
    if (f.code == code) out.push_back(f.code + "|" + std::to_string(f.list) + "|" + std::to_string(f.list_row) + "|" + f.column);
  return out;
}

// A complete, valid List 7 row for child `id`.
std::map<std::string, CellValue> GoodPlan(const std::string& id) {
  return {{"child_id", T(id)}, {"gender", T("b) Female")}, {"ethnicity", T("a) WBRI")},
          {"date_of_birth", D(2015, 3, 1)}, {"age", I(11)}, {"disability", T("b) No")},
          {"cp_plan_start_date", D(2026, 1, 10)}, {"initial_category", T("a) Neglect")},
          {"latest_category", T("a) Neglect")}, {"epo_or_police_protection", T("b) No")},
          {"previous_cp_plans", I(0)}, {"allocated_team", T("Team A")}, {"allocated_worker", T("W")}};
}

}  // namespace

TEST_CASE("rules: a complete, consistent list raises nothing", "[validate]") {
  CHECK(validate::Validate({Spec(), kRef, {Make(7, {GoodPlan("A"), GoodPlan("B")})}}).empty());
}

TEST_CASE("rules: missing-required and missing-expected", "[validate]") {
  auto row = GoodPlan("A");
  row.erase("cp_plan_start_date");  // Ofsted: must be filled
  row.erase("allocated_team");      // implementations' reading
  const std::vector<AnnexList> lists = {Make(7, {row})};
  CHECK(Fired(lists, "missing-required") == std::vector<std::string>{"missing-required|7|1|cp_plan_start_date"});
  CHECK(Fired(lists, "missing-expected") == std::vector<std::string>{"missing-expected|7|1|allocated_team"});
}

TEST_CASE("rules: missing-conditional fires only when the other column is filled", "[validate]") {
  std::vector<AnnexList> bad = {Make(6, {{{"child_id", T("A")}, {"cin_closure_date", D(2026, 10, 1)}}})};
  CHECK(Fired(bad, "missing-conditional") == std::vector<std::string>{"missing-conditional|6|1|reason_for_closure"});
  std::vector<AnnexList> open = {Make(6, {{{"child_id", T("A")}}})};
  CHECK(Fired(open, "missing-conditional").empty());
  std::vector<AnnexList> closed = {
      Make(6, {{{"child_id", T("A")}, {"cin_closure_date", D(2026, 10, 1)}, {"reason_for_closure", T("RC2 - Died")}}})};
  CHECK(Fired(closed, "missing-conditional").empty());
}

TEST_CASE("rules: out-of-range uses the spec's bounds", "[validate]") {
  auto row = GoodPlan("A");
  row["previous_cp_plans"] = I(-1);
  auto unborn = GoodPlan("B");
  unborn["age"] = I(-1);
  unborn["date_of_birth"] = D(2027, 1, 1);
  const std::vector<AnnexList> lists = {Make(7, {row, unborn}),
                                        Make(8, {{{"child_id", T("C")}, {"placements_last_12_months", I(0)}}})};
  CHECK(Fired(lists, "out-of-range") ==
        std::vector<std::string>{"out-of-range|7|1|previous_cp_plans", "out-of-range|8|1|placements_last_12_months"});
}

TEST_CASE("rules: date-after-reference spares an expected date of birth", "[validate]") {
  auto row = GoodPlan("A");
  row["cp_plan_start_date"] = D(2026, 11, 24);
  auto unborn = GoodPlan("B");
  unborn["date_of_birth"] = D(2027, 1, 1);
  unborn["age"] = I(-1);
  const std::vector<AnnexList> lists = {Make(7, {row, unborn})};
  CHECK(Fired(lists, "date-after-reference") == std::vector<std::string>{"date-after-reference|7|1|cp_plan_start_date"});
  CHECK(Fired({Make(7, {GoodPlan("A")})}, "date-after-reference").empty());
}

TEST_CASE("rules: date-after-reference flags a date of birth in a list without unborn children", "[validate]") {
  // List 8's age column has min 0 (no unborn child in care): its date of
  // birth after the reference date (23/11/2026) is an error; List 1's is an
  // expected date of birth (age -1 allowed) and is spared.
  const std::vector<AnnexList> lists = {
      Make(1, {{{"child_id", T("A")}, {"date_of_birth", D(2027, 1, 1)}, {"date_of_contact", D(2026, 3, 1)}}}),
      Make(8, {{{"child_id", T("C")}, {"date_of_birth", D(2027, 1, 1)}},
               {{"child_id", T("D")}, {"date_of_birth", D(2026, 11, 23)}}})};
  CHECK(FiredMessages(lists, "date-after-reference") ==
        std::vector<std::string>{"8|1|'Date of Birth' 01/01/2027 is after the reference date 23/11/2026"});
  CHECK(Fired(lists, "date-after-reference") == std::vector<std::string>{"date-after-reference|8|1|date_of_birth"});
}

TEST_CASE("rules: implausible-date flags dates in 1900 or before", "[validate]") {
  auto row = GoodPlan("A");
  row["date_of_birth"] = D(1900, 12, 31);
  auto old = GoodPlan("B");
  old["date_of_birth"] = D(1901, 1, 1);  // the first date allowed
  auto early = GoodPlan("C");
  early["cp_plan_start_date"] = D(1899, 6, 1);
  CHECK(Fired({Make(7, {row, old, early})}, "implausible-date") ==
        std::vector<std::string>{"implausible-date|7|1|date_of_birth", "implausible-date|7|3|cp_plan_start_date"});
}

TEST_CASE("rules: bad-postcode", "[validate]") {
  const std::vector<AnnexList> lists = {Make(8, {{{"child_id", T("A")}, {"placement_postcode", T("EX1 2AB")}},
                                                 {{"child_id", T("B")}, {"placement_postcode", T("SW1A 1AA")}},
                                                 {{"child_id", T("C")}, {"placement_postcode", T("M1 1AE")}},
                                                 {{"child_id", T("D")}, {"placement_postcode", T("EX12AB")}},
                                                 {{"child_id", T("E")}, {"placement_postcode", T("NOT KNOWN")}}})};
  CHECK(Fired(lists, "bad-postcode") ==
        std::vector<std::string>{"bad-postcode|8|4|placement_postcode", "bad-postcode|8|5|placement_postcode"});
}

TEST_CASE("rules: date-order", "[validate]") {
  auto row = GoodPlan("A");
  row["cp_plan_end_date"] = D(2026, 1, 9);
  auto same_day = GoodPlan("B");
  same_day["cp_plan_end_date"] = D(2026, 1, 10);
  CHECK(Fired({Make(7, {row, same_day})}, "date-order") == std::vector<std::string>{"date-order|7|1|cp_plan_end_date"});
}

TEST_CASE("rules: before-birth allows pre-birth work at the front door, not in care", "[validate]") {
  const std::vector<AnnexList> lists = {
      Make(1, {{{"child_id", T("A")}, {"date_of_birth", D(2026, 9, 1)}, {"date_of_contact", D(2026, 3, 1)}},
               {{"child_id", T("B")}, {"date_of_birth", D(2026, 9, 1)}, {"date_of_contact", D(2025, 6, 1)}}}),
      Make(8, {{{"child_id", T("C")}, {"date_of_birth", D(2026, 9, 1)}, {"date_started_looked_after", D(2026, 8, 31)}}})};
  CHECK(Fired(lists, "before-birth") ==
        std::vector<std::string>{"before-birth|1|2|date_of_contact", "before-birth|8|1|date_started_looked_after"});
}

TEST_CASE("rules: age-mismatch", "[validate]") {
  auto row = GoodPlan("A");
  row["age"] = I(12);
  CHECK(Fired({Make(7, {row, GoodPlan("B")})}, "age-mismatch") == std::vector<std::string>{"age-mismatch|7|1|age"});
}

TEST_CASE("rules: child-repeated in one-row-per-child lists only", "[validate]") {
  CHECK(Fired({Make(7, {GoodPlan("A"), GoodPlan("A")})}, "child-repeated") ==
        std::vector<std::string>{"child-repeated|7|2|child_id"});
  CHECK(Fired({Make(1, {{{"child_id", T("A")}}, {{"child_id", T("A")}}})}, "child-repeated").empty());
}

TEST_CASE("rules: count-differs and duplicate-row", "[validate]") {
  const std::vector<AnnexList> lists = {Make(3, {{{"child_id", T("A")}, {"referrals_last_12_months", I(2)}},
                                                 {{"child_id", T("A")}, {"referrals_last_12_months", I(1)}},
                                                 {{"child_id", T("B")}, {"referrals_last_12_months", I(0)}},
                                                 {{"child_id", T("B")}, {"referrals_last_12_months", I(0)}}})};
  CHECK(Fired(lists, "count-differs") == std::vector<std::string>{"count-differs|3|2|referrals_last_12_months"});
  CHECK(Fired(lists, "duplicate-row") == std::vector<std::string>{"duplicate-row|3|4|"});
}

TEST_CASE("rules: findings carry the source row and column", "[validate]") {
  auto row = GoodPlan("A");
  row["age"] = I(12);
  const Findings f = validate::Validate({Spec(), kRef, {Make(7, {GoodPlan("B"), row})}});
  REQUIRE(f.size() == 1);
  CHECK(f[0].source == "src.csv");
  CHECK(f[0].source_row == 3);
  CHECK(f[0].source_column == "SRC");
  CHECK(f[0].value == "12");
  CHECK(f[0].message == "age 12 does not match the date of birth 01/03/2015 (11 at 23/11/2026)");
}

TEST_CASE("rules: docs/rules.md is the current output of annexa rules --markdown", "[validate]") {
  auto doc = ReadFile(testing::SourceDir() + "/docs/rules.md");
  REQUIRE(doc.ok());
  INFO("regenerate with: ./build/annexa rules --markdown > docs/rules.md");
  CHECK(*doc == render::RulesMarkdown(Spec()));
}

TEST_CASE("rules: annexa rules prints every code and list whole", "[validate]") {
  const std::string text = render::RulesText(Spec());
  CHECK(text.rfind("bad-date ", 0) == 0);
  // The code column is as wide as the longest code and two spaces: with the
  // data rules listed too, a longer code than this one may set it.
  CHECK(std::regex_search(text, std::regex("\naudit-cp-under-fives-not-covered  +warning ")));
  CHECK(text.find(" 2, 4, 5, 6, 7, 8, 10, 11  validation ") != std::string::npos);
}

TEST_CASE("rules: cp-not-in-list6 and cla-not-in-list6", "[validate]") {
  const AnnexList l6 = Make(6, {{{"child_id", T("A")}, {"case_status", T("b) Child Protection plan")}},
                                {{"child_id", T("B")}, {"case_status", T("c) Child in need plan")}},
                                {{"child_id", T("C")}, {"case_status", T("a) Looked after child")}},
                                {{"child_id", T("E")}, {"case_status", T("b) Child Protection plan")}}});
  // A fine; B has the wrong status; C is looked after (a) wins); D is missing.
  const AnnexList l7 = Make(7, {{{"child_id", T("A")}}, {{"child_id", T("B")}}, {{"child_id", T("C")}},
                                {{"child_id", T("D")}}});
  // C fine; E is looked after but b) in List 6; F is missing; G ceased care (not checked).
  const AnnexList l8 = Make(8, {{{"child_id", T("C")}}, {{"child_id", T("E")}}, {{"child_id", T("F")}},
                                {{"child_id", T("G")}, {"date_ceased_looked_after", D(2026, 10, 1)}}});
  const std::vector<AnnexList> lists = {l6, l7, l8};
  CHECK(Fired(lists, "cp-not-in-list6") ==
        std::vector<std::string>{"cp-not-in-list6|7|2|child_id", "cp-not-in-list6|7|4|child_id"});
  CHECK(Fired(lists, "cla-not-in-list6") ==
        std::vector<std::string>{"cla-not-in-list6|8|2|child_id", "cla-not-in-list6|8|3|child_id"});
}

TEST_CASE("rules: icpc-plan-not-in-list7 and family-not-in-list11", "[validate]") {
  const std::vector<AnnexList> lists = {
      Make(5, {{{"child_id", T("A")}, {"icpc_resulted_in_plan", T("a) Yes")}},
               {{"child_id", T("B")}, {"icpc_resulted_in_plan", T("a) Yes")}},
               {{"child_id", T("C")}, {"icpc_resulted_in_plan", T("b) No")}}}),
      Make(7, {GoodPlan("A")}),
      Make(10, {{{"child_id", T("K1")}, {"family_id", T("FAM1")}}, {{"child_id", T("K2")}, {"family_id", T("FAM9")}},
                {{"child_id", T("K3")}}}),
      Make(11, {{{"adopter_id", T("P1")}, {"family_id", T("FAM1")}}})};
  CHECK(Fired(lists, "icpc-plan-not-in-list7") ==
        std::vector<std::string>{"icpc-plan-not-in-list7|5|2|icpc_resulted_in_plan"});
  CHECK(Fired(lists, "family-not-in-list11") == std::vector<std::string>{"family-not-in-list11|10|2|family_id"});
}

TEST_CASE("rules: demographics-differ across lists", "[validate]") {
  const std::vector<AnnexList> lists = {
      Make(1, {{{"child_id", T("A")}, {"gender", T("b) Female")}, {"date_of_birth", D(2015, 3, 1)}}}),
      Make(3, {{{"child_id", T("A")}, {"gender", T("a) Male")}, {"date_of_birth", D(2015, 3, 1)}},
               {{"child_id", T("B")}, {"gender", T("a) Male")}}})};
  CHECK(Fired(lists, "demographics-differ") == std::vector<std::string>{"demographics-differ|3|1|gender"});
  CHECK(Fired({Make(1, {{{"child_id", T("A")}, {"gender", T("b) Female")}}})}, "demographics-differ").empty());
  // Findings field by field (date of birth, gender, ethnicity), each in list
  // and row order; a value blank in the first list is set by the next.
  const std::vector<AnnexList> several = {
      Make(1, {{{"child_id", T("A")}, {"gender", T("b) Female")}, {"ethnicity", T("a) WBRI")}},
               {{"child_id", T("B")}, {"gender", T("a) Male")}}}),
      Make(3, {{{"child_id", T("A")}, {"gender", T("a) Male")}, {"ethnicity", T("b) WIRI")}},
               {{"child_id", T("B")}, {"gender", T("b) Female")}, {"ethnicity", T("a) WBRI")}},
               {{"child_id", T("C")}, {"date_of_birth", D(2016, 1, 1)}}}),
      Make(4, {{{"child_id", T("B")}, {"ethnicity", T("b) WIRI")}},
               {{"child_id", T("C")}, {"date_of_birth", D(2016, 1, 2)}}})};
  CHECK(Fired(several, "demographics-differ") ==
        std::vector<std::string>{"demographics-differ|4|2|date_of_birth", "demographics-differ|3|1|gender",
                                 "demographics-differ|3|2|gender", "demographics-differ|3|1|ethnicity",
                                 "demographics-differ|4|1|ethnicity"});
}

// The list and cross-list rules match rows by their cells' display text: a
// later row is compared with the first row holding the same text, a
// child's List 6 case status is that of its last List 6 row, and cells of
// different kinds with the same text (12 and "12") match.

TEST_CASE("list rules: a repeated child is compared with its first row", "[validate]") {
  const AnnexList l7 = Make(7, {{{"child_id", T("A")}}, {{"child_id", T("B")}}, {{"child_id", T("A")}},
                                {{"child_id", I(12)}}, {{"child_id", T("A")}}, {{"child_id", T("12")}}});
  CHECK(FiredMessages({l7}, "child-repeated") ==
        std::vector<std::string>{
            "7|3|the same identifier is already on row 1; List 7: Child protection has one row per child",
            "7|5|the same identifier is already on row 1; List 7: Child protection has one row per child",
            "7|6|the same identifier is already on row 4; List 7: Child protection has one row per child"});
  const AnnexList l3 = Make(3, {{{"child_id", T("A")}, {"referrals_last_12_months", I(2)}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", I(1)}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", T("2")}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", I(3)}}});
  CHECK(FiredMessages({l3}, "count-differs") ==
        std::vector<std::string>{
            "3|2|'Number of Referrals in Last 12 Months' is 1 here but 2 on row 1 for the same child",
            "3|4|'Number of Referrals in Last 12 Months' is 3 here but 2 on row 1 for the same child"});
}

TEST_CASE("list rules: a duplicate row names the first row like it", "[validate]") {
  const AnnexList l3 = Make(3, {{{"child_id", T("A")}, {"referrals_last_12_months", I(0)}},
                                {{"child_id", T("B")}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", T("0")}},
                                {{"child_id", T("B")}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", I(0)}}});
  CHECK(FiredMessages({l3}, "duplicate-row") ==
        std::vector<std::string>{"3|3|the row repeats row 1 exactly", "3|4|the row repeats row 2 exactly",
                                 "3|5|the row repeats row 1 exactly"});
}

TEST_CASE("cross-list rules: List 6 case status is the child's last row's; ids match by text", "[validate]") {
  const AnnexList l6 = Make(6, {{{"child_id", T("A")}, {"case_status", T("c) Child in need plan")}},
                                {{"child_id", I(7)}, {"case_status", T("b) Child Protection plan")}},
                                {{"child_id", T("A")}, {"case_status", T("b) Child Protection plan")}},
                                {{"child_id", T("7")}, {"case_status", T("c) Child in need plan")}}});
  const AnnexList l7 = Make(7, {{{"child_id", T("A")}}, {{"child_id", I(7)}}});
  const AnnexList l8 = Make(8, {{{"child_id", T("7")}}});
  CHECK(FiredMessages({l6, l7}, "cp-not-in-list6") ==
        std::vector<std::string>{
            "7|2|the child is on a child protection plan but List 6 gives case status 'c) Child in need plan'"});
  // Child 7 is looked after (an open List 8 row), so its c) is not queried by cp-not-in-list6.
  CHECK(FiredMessages({l6, l7, l8}, "cp-not-in-list6").empty());
  CHECK(FiredMessages({l6, l7, l8}, "cla-not-in-list6") ==
        std::vector<std::string>{"8|1|the child is looked after but List 6 gives case status 'c) Child in need plan'"});
}

TEST_CASE("cross-list rules: demographics match children by their identifier's text", "[validate]") {
  const std::vector<AnnexList> lists = {Make(1, {{{"child_id", I(7)}, {"gender", T("b) Female")}}}),
                                        Make(3, {{{"child_id", T("7")}, {"gender", T("a) Male")}},
                                                 {{"child_id", T("07")}, {"gender", T("a) Male")}}})};
  CHECK(FiredMessages(lists, "demographics-differ") ==
        std::vector<std::string>{"3|1|'gender' is 'a) Male' here but 'b) Female' in List 1"});
}

TEST_CASE("rules: date-after-reference flags a date of birth too late even for an unborn child", "[validate]") {
  // 42 weeks (294 days) after the reference date 23/11/2026 is 13/09/2027
  // (worked out with Python's datetime): the latest expected date of birth.
  const std::vector<AnnexList> lists = {
      Make(1, {{{"child_id", T("A")}, {"date_of_birth", D(2027, 9, 13)}, {"date_of_contact", D(2026, 3, 1)}},
               {{"child_id", T("B")}, {"date_of_birth", D(2027, 9, 14)}, {"date_of_contact", D(2026, 3, 1)}},
               {{"child_id", T("C")}, {"date_of_birth", D(9999, 12, 31)}, {"date_of_contact", D(2026, 3, 1)}}}),
      Make(8, {{{"child_id", T("D")}, {"date_of_birth", D(9999, 12, 31)}}})};
  CHECK(FiredMessages(lists, "date-after-reference") ==
        std::vector<std::string>{
            "1|2|'Date of Birth' 14/09/2027 is more than 42 weeks after the reference date 23/11/2026: too late even "
            "for an unborn child's expected date of birth",
            "1|3|'Date of Birth' 31/12/9999 is more than 42 weeks after the reference date 23/11/2026: too late even "
            "for an unborn child's expected date of birth",
            "8|1|'Date of Birth' 31/12/9999 is after the reference date 23/11/2026"});
}
