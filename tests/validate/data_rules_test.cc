// The data rules (annex_a_specs/<version>/rules/*.yaml): every rule's own
// `tests:` cases run through the engine, each failing case's findings
// asserted exactly (code, severity, list, row, column, message), each
// passing case silent; the loader's errors for a bad rules file, each
// naming its file, line and key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "core/finding_kinds.h"
#include "spec/rule_loader.h"
#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/data_rules.h"

using namespace annexa;

namespace {

const spec::SpecVersion& Spec2019() {
  static spec::SpecVersion v = [] {
    auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2019");
    INFO(r.status().message());
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return v;
}

// A one-row list of `list` holding the case's cells: dates and whole
// numbers typed, codes as the code set displays them (a value that is no
// code kept as written, as the lists keep it).
AnnexList CaseList(const spec::SpecVersion& v, const spec::RuleCase& c) {
  AnnexList l;
  l.spec = v.FindList(c.list);
  REQUIRE(l.spec);
  l.sources = {"case.csv"};
  l.column_origin.assign(l.spec->columns.size(), "SRC");
  AnnexRow row;
  row.source_row = 2;
  row.cells.resize(l.spec->columns.size());
  for (const auto& [key, text] : c.cells) {
    const int i = l.spec->ColumnIndex(key);
    REQUIRE(i >= 0);
    const spec::ColumnSpec& col = l.spec->columns[static_cast<size_t>(i)];
    CellValue cell = CellValue::Text(text);
    if (col.type == spec::ColumnType::kDate) {
      if (auto d = CivilDate::Parse(text)) cell = CellValue::Date(*d);
    } else if (col.type == spec::ColumnType::kInteger && !text.empty()) {
      cell = CellValue::Integer(std::stoll(text));
    } else if (col.type == spec::ColumnType::kCode) {
      if (const spec::CodeSet* set = v.FindCodeSet(col.code_set))
        if (const spec::CodeValue* cv = spec::FindRuleCode(*set, text)) cell = CellValue::Text(cv->display);
    }
    row.cells[static_cast<size_t>(i)] = cell;
  }
  l.rows.push_back(std::move(row));
  return l;
}

std::map<std::string, std::string> SpecTexts() {
  std::map<std::string, std::string> files;
  const std::filesystem::path root = testing::SourceDir() + "/annex_a_specs";
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".yaml")
      files[std::filesystem::relative(e.path(), root).string()] = testing::ReadBytes(e.path().string());
  return files;
}

// The loader's message for the real spec plus `extra` as a rules file.
std::string LoadError(const std::string& extra) {
  auto files = SpecTexts();
  files["ilacs-2019/rules/zz_test.yaml"] = extra;
  auto r = spec::LoadSpecVersionFromTexts(files, "ilacs-2019", "specs");
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

}  // namespace

TEST_CASE("data rules: every rule's test cases give exactly the findings they expect", "[data-rules]") {
  const spec::SpecVersion& v = Spec2019();
  REQUIRE_FALSE(v.rules.empty());
  size_t cases = 0;
  for (const spec::DataRule& rule : v.rules) {
    for (const spec::RuleCase& c : rule.tests) {
      INFO(rule.file << ":" << c.line << ": rule " << rule.id);
      const AnnexList list = CaseList(v, c);
      const std::vector<AnnexList> lists{list};
      const CivilDate ref = *CivilDate::Parse(c.reference_date.empty() ? spec::kRuleCaseReferenceDate : c.reference_date);
      Findings found;
      validate::RunDataRule(rule, validate::DataRuleKind(rule), {v, ref, lists}, &found);
      if (!c.fails) {
        for (const Finding& f : found) INFO("unexpected: " << f.column << ": " << f.message);
        CHECK(found.size() == 0);
        ++cases;
        continue;
      }
      REQUIRE(found.size() == c.expect.size());
      for (size_t i = 0; i < c.expect.size(); ++i) {
        const Finding& f = found[i];
        CHECK(f.code == rule.id);
        CHECK(f.severity == rule.severity);
        CHECK(f.list == c.list);
        CHECK(f.list_row == 1);
        CHECK(f.source == "case.csv");
        CHECK(f.source_row == 2);
        CHECK(f.column == c.expect[i].column);
        CHECK(f.message == c.expect[i].message);
      }
      ++cases;
    }
  }
  CHECK(cases >= 2 * v.rules.size());
}

TEST_CASE("data rules: the 2023 layout inherits them, checked against its own List 9", "[data-rules]") {
  auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->rules.size() == Spec2019().rules.size());
}

TEST_CASE("data rules: each joins the catalogue of finding kinds with its own code and severity", "[data-rules]") {
  const spec::SpecVersion& v = Spec2019();
  const FindingKindInfo* k = FindFindingKind("cl-in-touch-accommodation");
  REQUIRE(k != nullptr);
  CHECK(k->kind == kinds::kDataRule);
  CHECK(k->severity == Severity::kError);
  CHECK(k->lists == "9");
  CHECK(k->use.stage == FindingStage::kValidation);
  CHECK(k->use.meaning == "a care leaver the LA is in touch with has no type of accommodation");
  CHECK(IsDataRuleCode("cl-in-touch-accommodation"));
  CHECK_FALSE(IsDataRuleCode("not-a-code"));
  const Finding f = MakeFinding(*k, "m");
  CHECK(f.code == "cl-in-touch-accommodation");
  CHECK(f.severity == Severity::kError);
  for (const spec::DataRule& rule : v.rules) {
    INFO(rule.id);
    CHECK(FindFindingKind(rule.id) != nullptr);
    CHECK((rule.cites.has_guidance() || rule.cites.has_dfe()));
  }
}

TEST_CASE("data rules: a rule reported once gives one finding per list, at its first row, with the count",
          "[data-rules]") {
  const spec::SpecVersion& v = Spec2019();
  const spec::DataRule* rc8 = nullptr;
  for (const spec::DataRule& r : v.rules)
    if (r.id == "cin-rc8-not-needed") rc8 = &r;
  REQUIRE(rc8);
  REQUIRE(rc8->once_per_list);
  // Four List 6 rows: RC8, RC7, RC8, RC8 (by hand: three found, the first
  // at list row 1).
  spec::RuleCase c;
  c.list = 6;
  c.cells = {{"cin_closure_date", "01/03/2026"}, {"reason_for_closure", "RC8"}};
  AnnexList list = CaseList(v, c);
  for (const char* reason : {"RC7", "RC8", "RC8"}) {
    AnnexRow row = list.rows[0];
    row.source_row = static_cast<int64_t>(list.rows.size()) + 2;
    c.cells = {{"cin_closure_date", "01/03/2026"}, {"reason_for_closure", reason}};
    row.cells[static_cast<size_t>(list.spec->ColumnIndex("reason_for_closure"))] =
        CaseList(v, c).rows[0].cells[static_cast<size_t>(list.spec->ColumnIndex("reason_for_closure"))];
    list.rows.push_back(row);
  }
  const std::vector<AnnexList> lists{list};
  Findings found;
  validate::RunDataRule(*rc8, validate::DataRuleKind(*rc8), {v, *CivilDate::Parse("2026-03-31"), lists}, &found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].list_row == 1);
  CHECK(found[0].source_row == 2);
  CHECK(found[0].message ==
        "'Reason for Closure' is 'RC8 - Case closed after assessment, no further action': children whose case "
        "closed after assessment with no further action are not needed in List 6 (the first of 3 in List 6: filter "
        "the column to see them all)");
}

TEST_CASE("data rules: a bad rules file is refused at load, each problem with its file, line and key",
          "[data-rules]") {
  const std::string base = R"(rules:
  - id: test-rule
    severity: error
    lists: [9]
    kind: required_if
    when: {column: in_touch, in: ["Yes"]}
    columns: [accommodation]
    cites:
      guidance: {list: 9, column: "Type of Accommodation", quote: "q"}
    what: "w"
    message: "m"
    tests:
      - fails: {in_touch: "Yes"}
        expect: {column: accommodation, message: "m"}
      - passes: {in_touch: "No"}
)";
  SECTION("an unknown column key") {
    std::string bad = base;
    bad.replace(bad.find("columns: [accommodation]"), 24, "columns: [accomodation]");
    CHECK(LoadError(bad) ==
          "specs/ilacs-2019/rules/zz_test.yaml:7:14: rule 'test-rule': 'columns' names column 'accomodation', which "
          "List 9 does not have");
  }
  SECTION("a code not in the column's code set") {
    std::string bad = base;
    bad.replace(bad.find("in: [\"Yes\"]"), 11, "in: [\"Maybe\"]");
    CHECK(LoadError(bad) ==
          "specs/ilacs-2019/rules/zz_test.yaml:6:34: rule 'test-rule': 'Maybe' is not a code of column 'in_touch' "
          "(code set INTOUCH)");
  }
  SECTION("a rule without a citation") {
    std::string bad = base;
    bad.erase(bad.find("    cites:"), std::string("    cites:\n      guidance: {list: 9, column: \"Type of Accommodation\", quote: \"q\"}\n").size());
    CHECK(LoadError(bad) == "specs/ilacs-2019/rules/zz_test.yaml:2:5: rule 'test-rule' cites nothing: give 'cites:' a "
                            "guidance line or a DfE rule");
  }
  SECTION("an id used twice") {
    std::string twice = base + base.substr(base.find("  - id:"));
    CHECK(LoadError(twice) == "specs/ilacs-2019/rules/zz_test.yaml:16:1: rule id 'test-rule' is also defined at "
                              "specs/ilacs-2019/rules/zz_test.yaml:2:1");
  }
  SECTION("report: once on an error") {
    std::string bad = base;
    bad.replace(bad.find("    tests:"), 10, "    report: once\n    tests:");
    CHECK(LoadError(bad) == "specs/ilacs-2019/rules/zz_test.yaml:12:13: rule 'test-rule': 'report: once' is for "
                            "warnings only: every error is located row by row");
  }
  SECTION("an unknown key and an unknown placeholder") {
    std::string bad = base;
    bad.replace(bad.find("    what: \"w\""), 13, "    wat: \"w\"");
    bad.replace(bad.find("    message: \"m\""), 16, "    message: \"{colum}\"");
    const std::string m = LoadError(bad);
    CHECK(m.find("zz_test.yaml:10:5: unknown key 'wat' in rule 'test-rule'") != std::string::npos);
    CHECK(m.find("zz_test.yaml:2:5: rule 'test-rule' is missing required key 'what'") != std::string::npos);
    CHECK(m.find("zz_test.yaml:11:14: rule 'test-rule': 'message' has unknown placeholder '{colum}'") !=
          std::string::npos);
  }
}
