// Annex A workbooks made elsewhere: lists found by headers, the version
// detected from List 9, values read and checked.
#include <catch2/catch.hpp>

#include "core/finding_kinds.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "cli/app.h"
#include "render/annex_workbook.h"
#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/rules.h"
#include "validate/spec_fixture.h"
#include "validate/workbook_reader.h"

using namespace annexa;

namespace {

const testing::LoadedSpecs& Specs() { return testing::ValidateSpecs(); }

const auto& Sample = testing::AnnexASample;

// The built-in kinds' findings by code. The data rules' (issue 21) are left
// out: these counts were worked out before them, and each data rule is
// tested by its own cases (tests/validate/data_rules_test.cc) and on this
// file's dirty sample by data_rules_acceptance_test.cc.
std::map<std::string, int> CountByCode(const Findings& f) {
  std::map<std::string, int> out;
  for (const auto& x : f)
    if (!IsDataRuleCode(x.code)) ++out[x.code];
  return out;
}

using testing::Tuples;

}  // namespace

TEST_CASE("validate workbook: the version is detected from List 9", "[validate][workbook-read]") {
  Findings f;
  auto old = validate::ReadAnnexWorkbook(Sample("la_sample_2019_layout.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(old.ok());
  CHECK(old->spec->id == "ilacs-2019");
  auto current = validate::ReadAnnexWorkbook(Sample("la_sample_2024_layout.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(current.ok());
  CHECK(current->spec->id == "ilacs-2023");
  CHECK(current->sheet_of_list[8] == "List 9");
  CHECK(current->lists[8].rows.size() == 6);
  auto forced = validate::ReadAnnexWorkbook(Sample("la_sample_2024_layout.xlsx"), Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(forced.ok());
  CHECK(forced->spec->id == "ilacs-2019");
}

TEST_CASE("validate workbook: Ofsted's template, title rows skipped, code tables not mistaken for lists", "[validate][workbook-read]") {
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(Sample("ofsted_2019_template.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->spec->id == "ilacs-2019");
  CHECK(wb->sheet_of_list[8] == "List_9");  // not Codes_used
  const auto& l3 = wb->lists[2];
  REQUIRE(l3.rows.size() == 5);
  CHECK(l3.rows[0].source_row == 3);
  CHECK(l3.rows[0].cells[1].ToText() == "b) Female");   // "F", reported as code-spelling
  CHECK(l3.rows[0].cells[3].ToText() == "01/01/2014");  // an Excel date cell
  CHECK(l3.rows[0].cells[6].ToText() == "e) 2A: Schools");
  // code-spelling was one finding per cell (19 here); it is now one per
  // column and spelling, its rows counted (issue 16): 8.
  CHECK(CountByCode(f) == std::map<std::string, int>{{"code-spelling", 8}, {"not-a-code", 1}});  // sheets named as Ofsted names them
  // Ofsted's own template's five uncoded test rows: F in rows 1, 2, 5; M in
  // 3, 4; WBRI in 1, OOTH in 2-5; School in 1, 4, 5, Police in 3; yes in 1
  // and 3, no in 2, 4, 5. Each spelling at its first row, by column, then text.
  CHECK(Tuples(f, "code-spelling") ==
        std::vector<std::string>{"3|1|gender|F", "3|3|gender|M", "3|2|ethnicity|OOTH", "3|1|ethnicity|WBRI",
                                 "3|3|referral_source|Police", "3|1|referral_source|School", "3|2|referral_nfa|no",
                                 "3|1|referral_nfa|yes"});
  for (const auto& x : f)
    if (x.code == "code-spelling" && x.value == "OOTH")
      CHECK(x.message == "'OOTH' is not Ofsted's spelling; read as 'r) OOTH' (Ethnicity) in 4 rows, the first shown");
  int health = 0;
  for (const auto& x : f) health += x.code == "not-a-code" && x.value == "Health" && x.list_row == 2 && x.source_row == 4;
  CHECK(health == 1);
}

TEST_CASE("validate workbook: a renamed sheet is still found by its headers", "[validate][workbook-read]") {
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(Sample("ofsted_2019_template_no_list3.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[2] == "List 3");
  REQUIRE(f.size() == 1);  // no List_3 sheet: the list is found, the name reported
  CHECK(f[0].code == "sheet-name");
  CHECK(f[0].list == 3);
  CHECK(f[0].message == "List 3: Referral was found on sheet 'List 3', not Ofsted's 'List_3'");
}

TEST_CASE("validate workbook: the CLI summary and exit code", "[validate][workbook-read]") {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const std::string dir = testing::MakeTempDir();
  const int rc = cli::RunApp({"validate", "--workbook", Sample("ofsted_2019_template.xlsx"), "--reference-date",
                              "2021-03-31", "--findings", dir + "/f.csv"},
                             ctx);
  CHECK(rc == 1);
  CHECK(out.str().find("ilacs-2019 (detected), reference date 31/03/2021") != std::string::npos);
  // 19 warnings before code-spelling was per column. Errors 7 before the
  // data rules: List_3's five referrals are all dated 15/03/2015 (Excel day
  // 42078), more than six months before 31/03/2021, so
  // referral-within-six-months adds five.
  CHECK(out.str().find("   3  List_3              5      12         8\n") != std::string::npos);
  CHECK(out.str().find("  error   age-mismatch            5\n") != std::string::npos);
  std::ostringstream out2, err2;
  cli::AppContext ctx2{out2, err2, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"validate", "--workbook", "/nonexistent.xlsx", "--reference-date", "2021-03-31"}, ctx2) == 3);
  CHECK(err2.str() == "annexa: /nonexistent.xlsx: no such file\n");
  CHECK(cli::RunApp({"validate"}, ctx2) == 2);
}


TEST_CASE("validate workbook: the dirty 2019-layout council sample, finding by finding", "[validate][workbook-read]") {
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(Sample("la_sample_2019_layout.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(wb.ok());
  Findings checked = validate::Validate({*wb->spec, CivilDate(2021, 3, 31), wb->lists});
  f.Append(checked);
  // code-spelling: 39 cells hold 15 distinct (list, column, spelling); one
  // finding each since issue 16. (The 15th: List 6's "PSRMEM - Support with
  // memory and cognition", adult social care's support reason, is read as
  // the child's own need, N2, since 2026-12-06.)
  CHECK(CountByCode(f) == std::map<std::string, int>{{"age-mismatch", 4}, {"bad-integer", 49}, {"before-birth", 9},
                                                     {"cla-not-in-list6", 4}, {"cp-not-in-list6", 2},
                                                     {"excel-error", 10}, {"icpc-plan-not-in-list7", 3},
                                                     {"missing-required", 5}, {"not-a-code", 5}, {"bad-postcode", 1},
                                                     {"code-spelling", 15}, {"demographics-differ", 10},
                                                     {"missing-expected", 12}, {"sheet-name", 11},
                                                     // Issue 16: every header not spelled as Ofsted spells it is
                                                     // now reported: "Age" on Lists 1-9, "Date of Referral",
                                                     // "Case Status", "LA in Touch", List 4's "requiring LA
                                                     // children's social care support?" and List 8's UASC header
                                                     // with a doubled ")".
                                                     {"header-spelling", 14}});
  CHECK(Tuples(f, "header-spelling")[0] == "1|0|age|Age");
  // Unknown support codes, kept as they were.
  CHECK(Tuples(f, "not-a-code") == std::vector<std::string>{
                                       "4|1|requiring_support|CS Assessment Updated", "4|2|requiring_support|CS Assessment Updated",
                                       "4|3|requiring_support|CS Assessment Updated", "4|4|requiring_support|CS Assessment Updated",
                                       "4|5|requiring_support|CS Assessment Updated"});
  CHECK(Tuples(f, "bad-postcode") == std::vector<std::string>{"8|2|placement_postcode|nope"});
  const auto spelling = Tuples(f, "code-spelling");
  CHECK(spelling[0] == "1|1|gender|Female");
  CHECK(std::count(spelling.begin(), spelling.end(), "8|2|placement_provider|b) PR1 - Own provision") == 1);
  CHECK(std::count(spelling.begin(), spelling.end(), "6|1|primary_need|PSRMEM - Support with memory and cognition") == 1);
  const auto decimals = Tuples(f, "bad-integer");
  CHECK(decimals[0] == "1|1|age|6.138261464750171");
  const auto errors = Tuples(f, "excel-error");
  CHECK(errors[0] == "6|1|allocated_team|#N/A");
  // The first List 1 row's cells as read.
  const auto& row = wb->lists[0].rows[0];
  CHECK(row.cells[0].ToText() == "9212044");
  CHECK(row.cells[1].ToText() == "b) Female");
  CHECK(row.cells[3].ToText() == "25/01/2015");
  CHECK(row.cells[5].ToText() == "16/09/2020");
}

TEST_CASE("validate workbook: missing and extra columns, a missing list, two sheets for one list", "[validate][workbook-read]") {
  // A workbook written from an altered 2019 spec: List 1 without its last
  // column, List 2 with an extra one, no List 11, and a second List 2.
  spec::SpecVersion altered = Specs().versions[1];
  REQUIRE(altered.id == "ilacs-2019");
  altered.lists[0].columns.pop_back();
  spec::ColumnSpec extra = altered.lists[1].columns.back();
  extra.key = "postcode";
  extra.header = "Postcode";
  altered.lists[1].columns.push_back(extra);
  spec::ListSpec copy = altered.lists[1];
  copy.number = 12;
  copy.sheet = "EH copy";
  copy.title = "List 2: Early Help (copy)";
  copy.columns.pop_back();
  copy.columns.pop_back();  // a worse match than List_2
  altered.lists.pop_back();
  altered.lists.push_back(copy);
  const std::string path = testing::MakeTempDir() + "/altered.xlsx";
  RunFacts facts;
  facts.council = "T";
  facts.la_code = "1";
  facts.reference_date = CivilDate(2026, 11, 23);
  facts.generated_at = "2026-11-23T09:30:00";
  facts.tool_version = "test";
  render::WorkbookMeta meta;
  meta.facts = &facts;
  REQUIRE(render::WriteAnnexWorkbook(path, altered, {}, meta).ok());
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(path, Specs().candidates, "ilacs-2019", Specs().aliases, &f);
  REQUIRE(wb.ok());
  std::vector<std::string> got;
  for (const auto& x : f) got.push_back(x.code + "|" + std::to_string(x.list) + "|" + x.message);
  CHECK(got == std::vector<std::string>{
                   "missing-column|1|sheet 'List_1' has no column 'Contact Source'",
                   "extra-column|2|sheet 'List_2' column I 'Postcode' is not an Annex A column of List 2: Early Help",
                   "duplicate-list-sheet|2|sheet 'EH copy' also looks like List 2: Early Help (read from 'List_2'); it was not read",
                   "missing-list|11|no sheet looks like List 11: Adopters (ilacs-2019)"});
  // The good template raises none of these.
  Findings clean;
  REQUIRE(validate::ReadAnnexWorkbook(Sample("ofsted_2019_template.xlsx"), Specs().candidates, "auto", Specs().aliases, &clean).ok());
  for (const auto& x : clean)
    CHECK((x.code != "missing-column" && x.code != "extra-column" && x.code != "missing-list" &&
           x.code != "duplicate-list-sheet" && x.code != "sheet-name"));
}

TEST_CASE("validate workbook: the 2024-layout sample and la_sample_b, finding by finding", "[validate][workbook-read]") {
  auto run = [](const std::string& name) {
    Findings f;
    auto wb = validate::ReadAnnexWorkbook(Sample(name), Specs().candidates, "auto", Specs().aliases, &f);
    REQUIRE(wb.ok());
    Findings checked = validate::Validate({*wb->spec, CivilDate(2021, 3, 31), wb->lists});
    f.Append(checked);
    return f;
  };
  const Findings current = run("la_sample_2024_layout.xlsx");
  CHECK(CountByCode(current) == std::map<std::string, int>{{"age-mismatch", 4}, {"bad-integer", 49}, {"before-birth", 9},
                                                           {"cla-not-in-list6", 4}, {"cp-not-in-list6", 2},
                                                           {"excel-error", 10}, {"icpc-plan-not-in-list7", 3},
                                                           {"missing-required", 5}, {"not-a-code", 5}, {"bad-postcode", 1},
                                                           {"code-spelling", 15}, {"demographics-differ", 10},
                                                           {"missing-expected", 24}, {"sheet-name", 11},
                                                           // Issue 16: headers not spelled as Ofsted's, as in the
                                                           // 2019-layout sample but for List 9's, which is the 2023
                                                           // list's own.
                                                           {"header-spelling", 13}});
  const Findings b = run("la_sample_b.xlsx");
  CHECK(CountByCode(b) == std::map<std::string, int>{{"age-mismatch", 10}, {"bad-date", 1}, {"code-spelling", 1},
                                                     {"duplicate-row", 1}});
  CHECK(Tuples(b, "bad-date") == std::vector<std::string>{"2|8|date_of_birth|May be 8 Jan 2000"});
  CHECK(Tuples(b, "code-spelling") == std::vector<std::string>{"1|1|contact_source|POLICE"});
  CHECK(Tuples(b, "duplicate-row") == std::vector<std::string>{"2|10||"});
}
