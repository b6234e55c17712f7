// Annex A workbooks made elsewhere: lists found by headers, the version
// detected from List 9, values read and checked.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "cli/app.h"
#include "spec/spec_loader.h"
#include "test_support.h"
#include "validate/workbook_reader.h"

using namespace annexa;

namespace {

struct Loaded {
  std::vector<spec::SpecVersion> versions;
  spec::ValueAliases aliases;
  std::vector<const spec::SpecVersion*> candidates;
};

const Loaded& Specs() {
  static Loaded l = [] {
    Loaded out;
    const std::string root = testing::SourceDir() + "/annex_a_specs";
    for (const char* v : {"ilacs-2023", "ilacs-2019"}) out.versions.push_back(*spec::LoadSpecVersion(root, v));
    out.aliases = *spec::LoadValueAliases(root + "/value_aliases.yaml");
    for (const auto& v : out.versions) out.candidates.push_back(&v);
    return out;
  }();
  return l;
}

std::string Sample(const std::string& name) { return testing::SharedReferenceDir() + "/samples/annex_a/" + name; }

std::map<std::string, int> CountByCode(const Findings& f) {
  std::map<std::string, int> out;
  for (const auto& x : f) ++out[x.code];
  return out;
}

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
  CHECK(CountByCode(f) == std::map<std::string, int>{{"code-spelling", 19}, {"not-a-code", 1}});
  int health = 0;
  for (const auto& x : f) health += x.code == "not-a-code" && x.value == "Health" && x.list_row == 2 && x.source_row == 4;
  CHECK(health == 1);
}

TEST_CASE("validate workbook: a renamed sheet is still found by its headers", "[validate][workbook-read]") {
  Findings f;
  auto wb = validate::ReadAnnexWorkbook(Sample("ofsted_2019_template_no_list3.xlsx"), Specs().candidates, "auto", Specs().aliases, &f);
  REQUIRE(wb.ok());
  CHECK(wb->sheet_of_list[2] == "List 3");
  CHECK(f.empty());
}

TEST_CASE("validate workbook: the CLI summary and exit code", "[validate][workbook-read]") {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, testing::SourceDir() + "/annex_a_specs"};
  const std::string dir = testing::MakeTempDir();
  const int rc = cli::RunApp({"validate", "--workbook", Sample("ofsted_2019_template.xlsx"), "--reference-date",
                              "2021-03-31", "--findings", dir + "/f.csv"},
                             ctx);
  CHECK(rc == 1);
  CHECK(out.str().find("ilacs-2019 (detected), reference date 31/03/2021") != std::string::npos);
  CHECK(out.str().find("   3  List_3              5       7        19\n") != std::string::npos);
  CHECK(out.str().find("  error   age-mismatch            5\n") != std::string::npos);
  std::ostringstream out2, err2;
  cli::AppContext ctx2{out2, err2, testing::SourceDir() + "/annex_a_specs"};
  CHECK(cli::RunApp({"validate", "--workbook", "/nonexistent.xlsx", "--reference-date", "2021-03-31"}, ctx2) == 3);
  CHECK(err2.str() == "annexa: /nonexistent.xlsx: no such file\n");
  CHECK(cli::RunApp({"validate"}, ctx2) == 2);
}
