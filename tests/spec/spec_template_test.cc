// The ilacs-2019 spec against Ofsted's own August 2019 workbook, read with
// annexa's own xlsx reader: every header cell for cell, every code set
// value for value.
#include <catch2/catch.hpp>

#include <set>

#include "core/text.h"
#include "sources/xlsx_reader.h"
#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa;
using namespace annexa::spec;
using annexa::sources::Sheet;
using annexa::sources::Workbook;

namespace {

const SpecVersion& Spec2019() {
  static SpecVersion v = [] {
    auto r = LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2019");
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return v;
}

Workbook& Template() {
  static Workbook wb = [] {
    auto r = Workbook::Open(annexa::testing::SampleFile("annex_a/ofsted_2019_template.xlsx"));
    INFO(r.status().message());
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return wb;
}

std::string Text(const Sheet& s, int row, int col) { return std::string(s.At(row, col).ToText()); }

// The code set a Codes_used block describes: by code set title, else by the
// column(s) whose header the block is titled with.
std::vector<const CodeSet*> SetsForBlock(const std::string& title) {
  const SpecVersion& v = Spec2019();
  for (const auto& [name, set] : v.code_sets)
    if (MatchForm(set.title) == MatchForm(title)) return {&set};
  std::vector<const CodeSet*> out;
  for (const ListSpec& l : v.lists)
    for (const ColumnSpec& c : l.columns)
      if (c.Matches(title) && !c.code_set.empty()) out.push_back(v.FindCodeSet(c.code_set));
  return out;
}

}  // namespace

TEST_CASE("template 2019: every list title and header equals Ofsted's workbook cell for cell", "[spec][template]") {
  for (const ListSpec& list : Spec2019().lists) {
    auto sheet = Template().SheetByName(list.sheet);
    INFO(list.sheet);
    REQUIRE(sheet.ok());
    const Sheet& s = **sheet;
    CHECK(Text(s, 1, 1) == list.title);
    for (size_t i = 0; i < list.columns.size(); ++i) {
      INFO("column " << ColumnLetters(static_cast<int>(i) + 1));
      CHECK(Text(s, 2, static_cast<int>(i) + 1) == list.columns[i].header);
    }
    CHECK(s.At(2, static_cast<int>(list.columns.size()) + 1).empty());
  }
}

TEST_CASE("template 2019: every Codes_used block equals its code set, value for value", "[spec][template]") {
  auto sheet = Template().SheetByName("Codes_used");
  REQUIRE(sheet.ok());
  const Sheet& s = **sheet;
  int blocks = 0;
  std::set<std::string> covered;
  for (int col = 1; col <= s.max_col(); ++col) {
    const std::string kind = Text(s, 2, col);
    if (kind != "Preferred code" && kind != "Please use codes;") continue;
    const std::string title = Text(s, 1, col);
    INFO("block '" << title << "' at column " << ColumnLetters(col));
    std::vector<std::string> values;
    for (int row = 3; !s.At(row, col).empty(); ++row) values.push_back(Text(s, row, col));
    const auto sets = SetsForBlock(title);
    REQUIRE_FALSE(sets.empty());
    for (const CodeSet* set : sets) {
      covered.insert(set->name);
      std::vector<std::string> displays;
      for (const CodeValue& v : set->values) displays.push_back(v.display);
      CHECK(displays == values);
      // The Detail and Grouped columns beside the block, where present.
      for (int extra = col + 1; extra <= col + 3; ++extra) {
        const std::string head = Text(s, 2, extra);
        if (head != "Detail" && head != "Grouped" && head != "Group 1" && head != "Group 2") break;
        for (size_t i = 0; i < set->values.size(); ++i) {
          const CodeValue& v = set->values[i];
          const std::string want(Trim(Text(s, static_cast<int>(i) + 3, extra)));
          if (head == "Detail") CHECK(v.detail == want);
          if (head == "Grouped" || head == "Group 1") CHECK(v.group == want);
          if (head == "Group 2") CHECK(v.group2 == want);
        }
      }
    }
    ++blocks;
  }
  CHECK(blocks == 34);
  // Every code set the 2019 lists use is in Codes_used, except the two that
  // only the List 11 guidance text defines.
  std::set<std::string> used;
  for (const ListSpec& l : Spec2019().lists)
    for (const ColumnSpec& c : l.columns)
      if (!c.code_set.empty()) used.insert(c.code_set);
  for (const std::string& name : used)
    if (name != "GENDER_ADOPTER" && name != "FFA") CHECK(covered.count(name) == 1);
}
