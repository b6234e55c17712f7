#include <catch2/catch.hpp>

#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa::spec;

namespace {
const SpecVersion& Load(const std::string& v) {
  static std::map<std::string, SpecVersion> cache;
  auto it = cache.find(v);
  if (it == cache.end()) {
    auto r = LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", v);
    INFO(r.status().message());
    REQUIRE(r.ok());
    it = cache.emplace(v, std::move(r).value()).first;
  }
  return it->second;
}

std::vector<std::string> Displays(const CodeSet& set) {
  std::vector<std::string> out;
  for (const auto& v : set.values) out.push_back(v.display);
  return out;
}
}  // namespace

TEST_CASE("specs: ilacs-2023 has 11 lists and 169 columns, List 9 has 17", "[spec]") {
  const SpecVersion& v = Load("ilacs-2023");
  CHECK(v.id == "ilacs-2023");
  CHECK(v.base == "ilacs-2019");
  REQUIRE(v.lists.size() == 11);
  CHECK(v.TotalColumns() == 169);
  CHECK(v.FindList(9)->columns.size() == 17);
  std::vector<size_t> counts;
  for (const auto& l : v.lists) counts.push_back(l.columns.size());
  CHECK(counts == std::vector<size_t>{7, 8, 11, 12, 14, 14, 17, 34, 17, 16, 19});
}

TEST_CASE("specs: ilacs-2019 has 165 columns with a 13-column List 9", "[spec]") {
  const SpecVersion& v = Load("ilacs-2019");
  CHECK(v.TotalColumns() == 165);
  CHECK(v.FindList(9)->columns.size() == 13);
  CHECK(v.FindList(9)->columns[9].header == "LA In Touch ");
}

TEST_CASE("specs: 2023 List 9 columns in order with the four new ones", "[spec]") {
  const ListSpec* l = Load("ilacs-2023").FindList(9);
  std::vector<std::string> headers;
  for (const auto& c : l->columns) headers.push_back(c.header);
  CHECK(headers == std::vector<std::string>{
                       "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                       "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                       "Does the Child have a Disability", "Allocated Team", "Allocated Worker",
                       "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date",
                       "LA in Touch", "Latest Date of Contact", "Type of Accommodation",
                       "Suitability of Accommodation", "Activity Status"});
}

TEST_CASE("specs: list metadata: title, sheet, grain and window", "[spec]") {
  const SpecVersion& v = Load("ilacs-2023");
  const ListSpec* l8 = v.FindList(8);
  CHECK(l8->title == "List 8: Children in care");
  CHECK(l8->sheet == "List_8");
  CHECK(l8->grain == Grain::kChild);
  CHECK(l8->window.months == 6);
  CHECK(l8->window.point_in_time);
  CHECK(v.FindList(1)->grain == Grain::kEvent);
  CHECK_FALSE(v.FindList(1)->window.point_in_time);
  CHECK(v.FindList(9)->window.months == 0);
  CHECK(v.FindList(10)->window.months == 12);
  CHECK(v.FindList(11)->grain == Grain::kAdopter);
}

TEST_CASE("specs: column types, bounds and blank rules come through", "[spec]") {
  const SpecVersion& v = Load("ilacs-2023");
  const ListSpec* l8 = v.FindList(8);
  const ColumnSpec* dob = l8->FindColumn("date_of_birth");
  CHECK(dob->blank == BlankRule::kNever);  // List 8 overrides the shared rule
  CHECK(dob->blank_when.empty());
  CHECK(*l8->FindColumn("age")->min == 0);
  CHECK(*l8->FindColumn("placements_last_12_months")->min == 1);
  const ColumnSpec* age1 = v.FindList(1)->FindColumn("age");
  CHECK(*age1->min == -1);
  CHECK(*age1->max == 25);
  CHECK(v.FindList(1)->FindColumn("date_of_birth")->blank == BlankRule::kConditional);
  const ColumnSpec* reason = l8->FindColumn("reason_ceased");
  CHECK(reason->blank_only_if_blank == "date_ceased_looked_after");
  CHECK(reason->code_set == "CEASED");
  CHECK(l8->FindColumn("placement_postcode")->type == ColumnType::kPostcode);
  CHECK(l8->FindColumn("placement_la")->type == ColumnType::kText);
  CHECK(l8->FindColumn("placement_la")->code_set == "LA_OUTSIDE_ENGLAND");
  CHECK(v.FindList(11)->FindColumn("gender")->code_set == "GENDER_ADOPTER");
  CHECK(l8->columns[19].header == "Date Ceased to be Looked After ");
}

TEST_CASE("specs: headers match tolerantly: case, quotes, trailing spaces, aliases", "[spec]") {
  const SpecVersion& v = Load("ilacs-2023");
  CHECK(v.FindList(8)->FindColumnByHeader("date ceased to be looked after") == 19);
  CHECK(v.FindList(4)->FindColumnByHeader(
            "Was the child assessed as requiring LA children's social care support?") == 9);
  CHECK(v.FindList(4)->FindColumnByHeader("Was the child assessed as being in need at assessment?") == 9);
  CHECK(v.FindList(6)->FindColumnByHeader("Case Status") == 11);
  CHECK(v.FindList(8)->FindColumnByHeader(
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months") == 28);
  CHECK(v.FindList(1)->FindColumnByHeader("Postcode") == -1);
}

TEST_CASE("specs: code sets differ by version: 2023 additions", "[spec]") {
  const SpecVersion& v19 = Load("ilacs-2019");
  const SpecVersion& v23 = Load("ilacs-2023");
  CHECK(v19.FindCodeSet("SOURCE")->values.size() == 21);
  CHECK(v23.FindCodeSet("SOURCE")->values.size() == 22);
  CHECK(v23.FindCodeSet("SOURCE")->Find("p1) 5D: LA services") != nullptr);
  CHECK(v19.FindCodeSet("SOURCE")->Find("p1) 5D: LA services") == nullptr);
  CHECK(v23.FindCodeSet("RC")->Find("RC9 - Case closed after assessment, referred to early help"));
  CHECK_FALSE(v19.FindCodeSet("RC")->Find("RC9 - Case closed after assessment, referred to early help"));
  CHECK(Displays(*v23.FindCodeSet("ELIG")) ==
        std::vector<std::string>{"a) Relevant child", "b) Former relevant child", "c) Qualifying care leaver",
                                 "d) Eligible child"});
  CHECK(v23.FindCodeSet("ACTIVITY")->values.size() == 13);
  CHECK(v19.FindCodeSet("ACTIVITY")->values.size() == 9);
}

TEST_CASE("specs: code values carry bare code, group and accepted quirks", "[spec]") {
  const SpecVersion& v = Load("ilacs-2023");
  const CodeSet* eth = v.FindCodeSet("ETHNICITY");
  const CodeValue* nobt = eth->Find("t) NOBT");
  REQUIRE(nobt);
  CHECK(nobt->display == "s) NOBT");
  CHECK(nobt->code == "NOBT");
  CHECK(nobt->group == "i) Unknown");
  CHECK(eth->Find("a) wbri")->label == "White British");
  CHECK(v.FindCodeSet("LEGAL")->Find("C2: FCO")->code == "C2");
  CHECK(v.FindCodeSet("NEED10")->Find("N2 - Child's disability")->display == "N2 - Child’s disability");
  CHECK(v.FindCodeSet("CEASED")->Find("u) X1: CodeError")->display == "u) X1:CodeError");
  CHECK(v.FindCodeSet("GENDER_ADOPTER")->Find("c) Not stated/recorded")->display == "d) Not stated/recorded");
  CHECK(v.FindCodeSet("GENDER")->Find("Female") == nullptr);  // labels are for mapping, not the spec
}

TEST_CASE("specs: both versions are found and an unknown one is named", "[spec]") {
  const std::string root = annexa::testing::SourceDir() + "/annex_a_specs";
  CHECK(AvailableVersions(root) == std::vector<std::string>{"ilacs-2019", "ilacs-2023"});
  auto r = LoadSpecVersion(root, "ilacs-2030");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == annexa::StatusCode::kNotFound);
  CHECK(r.status().message() == "no spec version 'ilacs-2030' in " + root + " (versions: ilacs-2019, ilacs-2023)");
}
