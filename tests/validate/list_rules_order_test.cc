// The list and cross-list rules match rows by their cells' display text:
// a later row is compared with the first row holding the same text, a
// child's List 6 case status is that of its last List 6 row, and cells of
// different kinds with the same text (12 and "12") match.
#include <catch2/catch.hpp>

#include <map>

#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/rules.h"

using namespace annexa;
using mapping::AnnexList;
using mapping::CellValue;

namespace {

const spec::SpecVersion& Spec() {
  static spec::SpecVersion v = [] {
    auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return v;
}

CellValue T(const std::string& s) { return CellValue::Text(s); }
CellValue I(int64_t i) { return CellValue::Integer(i); }

// A list with rows given as key -> value; unnamed cells are blank.
AnnexList Make(int number, const std::vector<std::map<std::string, CellValue>>& rows) {
  AnnexList l;
  l.spec = Spec().FindList(number);
  for (const auto& values : rows) {
    mapping::AnnexRow row;
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

// "list|row|message" of every finding with `code`, in order.
std::vector<std::string> Fired(const std::vector<AnnexList>& lists, const std::string& code) {
  std::vector<std::string> out;
  for (const Finding& f : validate::Validate({Spec(), CivilDate(2026, 11, 23), lists}))
    if (f.code == code) out.push_back(std::to_string(f.list) + "|" + std::to_string(f.list_row) + "|" + f.message);
  return out;
}

}  // namespace

TEST_CASE("list rules: a repeated child is compared with its first row", "[validate]") {
  const AnnexList l7 = Make(7, {{{"child_id", T("A")}}, {{"child_id", T("B")}}, {{"child_id", T("A")}},
                                {{"child_id", I(12)}}, {{"child_id", T("A")}}, {{"child_id", T("12")}}});
  CHECK(Fired({l7}, "child-repeated") ==
        std::vector<std::string>{
            "7|3|the same identifier is already on row 1; List 7: Child protection has one row per child",
            "7|5|the same identifier is already on row 1; List 7: Child protection has one row per child",
            "7|6|the same identifier is already on row 4; List 7: Child protection has one row per child"});
  const AnnexList l3 = Make(3, {{{"child_id", T("A")}, {"referrals_last_12_months", I(2)}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", I(1)}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", T("2")}},
                                {{"child_id", T("A")}, {"referrals_last_12_months", I(3)}}});
  CHECK(Fired({l3}, "count-differs") ==
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
  CHECK(Fired({l3}, "duplicate-row") ==
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
  CHECK(Fired({l6, l7}, "cp-not-in-list6") ==
        std::vector<std::string>{
            "7|2|the child is on a child protection plan but List 6 gives case status 'c) Child in need plan'"});
  // Child 7 is looked after (an open List 8 row), so its c) is not queried by cp-not-in-list6.
  CHECK(Fired({l6, l7, l8}, "cp-not-in-list6").empty());
  CHECK(Fired({l6, l7, l8}, "cla-not-in-list6") ==
        std::vector<std::string>{"8|1|the child is looked after but List 6 gives case status 'c) Child in need plan'"});
}

TEST_CASE("cross-list rules: demographics match children by their identifier's text", "[validate]") {
  const std::vector<AnnexList> lists = {Make(1, {{{"child_id", I(7)}, {"gender", T("b) Female")}}}),
                                        Make(3, {{{"child_id", T("7")}, {"gender", T("a) Male")}},
                                                 {{"child_id", T("07")}, {"gender", T("a) Male")}}})};
  CHECK(Fired(lists, "demographics-differ") ==
        std::vector<std::string>{"3|1|'gender' is 'a) Male' here but 'b) Female' in List 1"});
}
