// Issue 17, item 5: names capped and control characters removed before any
// writer sees them; libharu failures in words, never a crash; a date of birth
// too late even for an unborn child is a finding. Expected values are worked
// out by hand from the inputs (the caps are in core/text_limits.h).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/file_util.h"
#include "core/text_limits.h"
#include "render/annex_workbook.h"
#include "render/pdf_errors.h"
#include "render/pdf_writer.h"
#include "sources/xml_document.h"
#include "sources/zip_archive.h"
#include "spec/spec_loader.h"
#include "test_support.h"

namespace annexa {
namespace {

const std::string kTiny = testing::SourceDir() + "/tests/golden/tiny";

// The tiny council's config with its `council:` line replaced by `council`
// (a YAML scalar as written), its data read from `data_dir`.
std::string TinyConfig(const std::string& dir, const std::string& council, const std::string& data_dir = "") {
  std::ifstream in(kTiny + "/config.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string from = "council: Tinyshire\n";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "council: " + council + "\n");
  const std::string base = "base_dir: data\n";
  REQUIRE(text.find(base) != std::string::npos);
  text.replace(text.find(base), base.size(), "base_dir: " + (data_dir.empty() ? kTiny + "/data" : data_dir) + "\n");
  return testing::WriteTextFile(dir, "config.yaml", text);
}

int Run(const std::vector<std::string>& args, std::string* err_text = nullptr) {
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp(args, ctx);
  if (err_text) *err_text = e.str();
  return rc;
}

int Generate(const std::string& config, const std::string& out, std::string* err_text = nullptr) {
  return Run({"generate", "--config", config, "--out", out, "--generated-at", "2026-11-23T09:30:00", "--quiet"},
             err_text);
}

// Every XML part of an xlsx parses (well-formed, as Excel needs it to open
// without repair).
void RequireWellFormed(const std::string& xlsx) {
  Result<sources::ZipArchive> zip = sources::ZipArchive::Open(xlsx);
  REQUIRE(zip.ok());
  int parts = 0;
  for (const std::string& name : zip->EntryNames()) {
    if (name.size() < 4 || (name.substr(name.size() - 4) != ".xml" && name.substr(name.size() - 5) != ".rels")) continue;
    Result<std::string> bytes = zip->Read(name);
    REQUIRE(bytes.ok());
    Result<sources::XmlDocument> doc = sources::XmlDocument::Parse(*bytes, name);
    INFO(name << ": " << doc.status().message());
    CHECK(doc.ok());
    ++parts;
  }
  CHECK(parts > 10);
}

bool Have(const std::string& tool) { return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0; }

// --- the config refuses an over-long or unprintable name, at file:line:col ---

TEST_CASE("name limits: a 100,000-character council name in the config is refused at its line", "[name_limits]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = TinyConfig(dir, std::string(100000, 'x'));
  std::string err;
  CHECK(Generate(config, dir + "/out", &err) == 2);
  // Line 2 (after the comment), the value from column 10.
  CHECK(err.find(config + ":2:10: 'council' is 100000 characters long; at most 200 are allowed") != std::string::npos);
  CHECK(testing::DirEntries(dir + "/out").empty());
}

TEST_CASE("name limits: a council name of exactly 200 characters is accepted", "[name_limits]") {
  const std::string dir = testing::MakeTempDir();
  std::string err;
  const int rc = Generate(TinyConfig(dir, std::string(200, 'y')), dir + "/out", &err);
  INFO(err);
  CHECK((rc == 0 || rc == 1));
}

TEST_CASE("name limits: control characters in the council name or LA code are refused", "[name_limits]") {
  const std::string dir = testing::MakeTempDir();
  std::string err;
  const std::string bell = TinyConfig(dir, "\"Tiny\\ashire\"");  // YAML \a is U+0007
  CHECK(Generate(bell, dir + "/out", &err) == 2);
  CHECK(err.find(bell + ":2:10: 'council' holds a control character (U+0007) at character 5") != std::string::npos);
  const std::string tab = TinyConfig(dir, "\"Tiny\\tshire\"");
  CHECK(Generate(tab, dir + "/out", &err) == 2);
  CHECK(err.find("'council' holds a control character (U+0009) at character 5") != std::string::npos);
  const std::string nel = TinyConfig(dir, "\"Tiny\\x85shire\"");  // U+0085, a C1 control
  CHECK(Generate(nel, dir + "/out", &err) == 2);
  CHECK(err.find("'council' holds a control character (U+0085) at character 5") != std::string::npos);
  CHECK(testing::DirEntries(dir + "/out").empty());
}

// --- the writers never see what they cannot take -----------------------------

render::PdfDocument LongNamesDocument(const std::string& name, const std::string& team) {
  render::PdfDocument doc;
  doc.title = "Annex A pack";
  doc.subtitle = name;
  doc.footer = name + " \u2013 OFFICIAL-SENSITIVE";
  doc.created_at = "2026-11-23T09:30:00";
  doc.cover_facts = {{"Council", name}};
  render::Section s;
  s.title = "By team";
  render::Block t;
  t.kind = render::Block::Kind::kTable;
  t.table.header = {"Team", "Audits"};
  t.table.rows = {{team, "3"}, {"Team B", "1"}};
  s.blocks.push_back(t);
  render::Block chart;
  chart.kind = render::Block::Kind::kBarChart;
  chart.chart.bars = {{team, 3}, {"Team B", 1}};
  s.blocks.push_back(chart);
  doc.sections.push_back(s);
  return doc;
}

TEST_CASE("name limits: a 100,000-character council and a 70,000-character team make a PDF, names capped",
          "[name_limits]") {
  // Before: the footer's 100,000 bytes went to libharu in one call
  // (HPDF_STRING_OUT_OF_RANGE), and the next page was used though libharu
  // had made none (SIGSEGV at pdf_writer.cc:277, with words short enough to
  // pass the measuring pass); one long word stopped the run with
  // "error 0x105B", as did the team name.
  std::string words;
  for (int i = 0; i < 12500; ++i) words += "Council ";  // 100,000 characters
  // The spaced name alone (the crash), then one long word with the team.
  const std::pair<std::string, std::string> cases[] = {{words, "Team A"}, {std::string(100000, 'x'), std::string(70000, 't')}};
  for (const auto& [name, team] : cases) {
    const std::string word = name.substr(0, 7);  // "Council" or "xxxxxxx"
    INFO(word);
    const std::string dir = testing::MakeTempDir();
    const std::string path = dir + "/pack.pdf";
    const Status s = render::WritePdf(path, LongNamesDocument(name, team), render::PdfStyle{});
    INFO(s.message());
    REQUIRE(s.ok());
    if (!Have("pdftotext")) {
      WARN("pdftotext not installed: the PDF's text is not checked (apt-get install poppler-utils)");
      return;
    }
    // Cover, contents, then the section (its long row cut at a page): the
    // footer of page 2 is the capped name cut again to the footer's width,
    // ending in an ellipsis.
    const std::string page2 = testing::RunCommand("pdftotext -layout -f 2 -l 2 '" + path + "' - 2>/dev/null");
    CHECK(page2.find(word) != std::string::npos);
    CHECK(page2.find("\u2026") != std::string::npos);
    CHECK(page2.find("Page 2 of ") != std::string::npos);
    const std::string page3 = testing::RunCommand("pdftotext -layout -f 3 -l 3 '" + path + "' - 2>/dev/null");
    CHECK(page3.find("By team") != std::string::npos);
    const std::string all = testing::RunCommand("pdftotext -layout '" + path + "' - 2>/dev/null");
    CHECK(all.find("Team B") != std::string::npos);
  }
}

TEST_CASE("name limits: libharu's error codes are put in words", "[name_limits]") {
  CHECK(render::HpdfErrorText(0x105B) == "a text longer than the PDF library takes (65,535 bytes) (libharu error 0x105B)");
  CHECK(render::HpdfErrorText(0x1015) == "out of memory (libharu error 0x1015)");
  CHECK(render::HpdfErrorText(0x1043, 7) == "not a usable PNG image (libharu error 0x1043, detail 7)");
  CHECK(render::HpdfErrorText(0x1999) == "libharu error 0x1999");
}

const spec::SpecVersion& Spec() {
  static const spec::SpecVersion spec = [] {
    Result<spec::SpecVersion> loaded = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return spec;
}

std::string CoverCouncil(const std::string& xlsx) {
  sources::Workbook book = testing::OpenOk(xlsx);
  Result<const sources::Sheet*> cover = book.SheetByName("Cover");
  REQUIRE(cover.ok());
  // Row 3 (Council), column B.
  const sources::CellView cell = (*cover)->At(3, 2);
  return cell.kind == sources::CellKind::kString ? std::string(cell.text) : "<not a string>";
}

TEST_CASE("name limits: the workbook never holds a control character or an uncapped council name", "[name_limits]") {
  const std::string dir = testing::MakeTempDir();
  RunFacts facts;
  facts.la_code = "001";
  facts.reference_date = CivilDate(2026, 11, 23);
  facts.generated_at = "2026-11-23T09:30:00";
  facts.tool_version = "annexa 0.1.0";
  render::WorkbookMeta meta;
  meta.facts = &facts;

  // U+0001, U+001F, DEL and U+0085 (C1): four spaces.
  facts.council = "Tiny\x01shire\x1F\x7F\xC2\x85" "Council";
  const std::string ctl = dir + "/ctl.xlsx";
  REQUIRE(render::WriteAnnexWorkbook(ctl, Spec(), {}, meta).ok());
  RequireWellFormed(ctl);
  CHECK(CoverCouncil(ctl) == "Tiny shire   Council");
  Result<sources::ZipArchive> zip = sources::ZipArchive::Open(ctl);
  REQUIRE(zip.ok());
  Result<std::string> core = zip->Read("docProps/core.xml");
  REQUIRE(core.ok());
  CHECK(core->find("<dc:title>Annex A: Tiny shire   Council</dc:title>") != std::string::npos);

  facts.council = std::string(100000, 'x');
  const std::string longest = dir + "/long.xlsx";
  REQUIRE(render::WriteAnnexWorkbook(longest, Spec(), {}, meta).ok());
  RequireWellFormed(longest);
  CHECK(CoverCouncil(longest) == std::string(199, 'x') + "\u2026");

  if (!Have("soffice")) {
    WARN("soffice not installed: the workbook is not opened in LibreOffice (apt-get install libreoffice-calc)");
    return;
  }
  // LibreOffice converts the Cover without repair (the conversion fails on a
  // workbook it cannot read) and shows the cleaned name.
  const std::string command = "cd '" + dir + "' && timeout 180 soffice -env:UserInstallation=file://" + dir +
                              "/profile --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,"
                              "true,true,false,false,1' --outdir '" + dir + "/csv' ctl.xlsx >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  Result<std::string> csv = ReadFile(dir + "/csv/ctl-Cover.csv");  // sheet 1, named by LibreOffice;
  REQUIRE(csv.ok());
  CHECK(csv->find("Council,Tiny shire   Council") != std::string::npos);
}

// --- a date of birth too late even for an unborn child ------------------------

TEST_CASE("name limits: a date of birth of 31/12/9999 is a finding in generate, located, and in validate",
          "[name_limits]") {
  const std::string dir = testing::MakeTempDir();
  const std::string data = dir + "/data";
  for (const char* f : {"contacts.csv", "plans.csv", "audits.csv"})
    testing::WriteTextFile(data, f, testing::ReadBytes(kTiny + "/data/" + f));
  // C1's date of birth 31/12/9999; C2's 10/01/2027 (48 days after the
  // reference date 23/11/2026) stays an unborn child's expected date.
  testing::WriteTextFile(data, "people.csv",
                         "ID,SEX,ETH,DOB\nC1,F,WBRI,31/12/9999\nC2,M,White British,10/01/2027\nC3,F,APKN,29/02/2008\n");
  const std::string out = dir + "/out";
  std::string err;
  const int rc = Generate(TinyConfig(dir, "Tinyshire", data), out, &err);
  INFO(err);
  REQUIRE(rc == 1);
  Result<std::string> csv = ReadFile(out + "/annex_a_001_2026-11-23_findings.csv");
  REQUIRE(csv.ok());
  const std::string message =
      "'Date of Birth' 31/12/9999 is more than 42 weeks after the reference date 23/11/2026: too late even for an "
      "unborn child's expected date of birth";
  // List 1 row 1 is C1's contact of 01/06/2026, List 7 row 1 C1's plan; the
  // date of birth is column D of both, and lives in people.csv line 2 (C1's
  // row, joined), where both findings point.
  CHECK(csv->find("error,date-after-reference,1,1,3,date_of_birth,D,Date of Birth,31/12/9999,") != std::string::npos);
  // ",,,": the explained_by, explained_on and explained_reason columns (issue 19), empty.
  CHECK(csv->find(",31/12/9999," + data + "/people.csv,2,people.DOB," + message + ",,,\r\n") != std::string::npos);
  CHECK(csv->find("error,date-after-reference,7,1,3,date_of_birth,D,Date of Birth,31/12/9999,") != std::string::npos);
  CHECK(csv->find("contacts.csv,2,people.DOB,") == std::string::npos);
  CHECK(csv->find("plans.csv,2,people.DOB,") == std::string::npos);
  CHECK(csv->find("10/01/2027") == std::string::npos);  // C2: no finding about its date of birth

  // validate --workbook on the workbook generate wrote finds the same.
  const std::string findings = dir + "/validate.csv";
  const int vrc = Run({"validate", "--workbook", out + "/annex_a_001_2026-11-23.xlsx", "--reference-date",
                       "2026-11-23", "--findings", findings},
                      &err);
  INFO(err);
  CHECK(vrc == 1);
  Result<std::string> vcsv = ReadFile(findings);
  REQUIRE(vcsv.ok());
  CHECK(vcsv->find("error,date-after-reference,1,1,3,date_of_birth,D,Date of Birth,31/12/9999,") != std::string::npos);
  CHECK(vcsv->find("error,date-after-reference,7,1,3,date_of_birth,D,Date of Birth,31/12/9999,") != std::string::npos);
  CHECK(vcsv->find(message) != std::string::npos);
}

}  // namespace
}  // namespace annexa

namespace annexa {
namespace {

TEST_CASE("name limits: a 70,000-character team name in a source is no error", "[name_limits]") {
  // Before: "libharu failed while measuring the layout: error 0x105B" (exit 2).
  const std::string dir = testing::MakeTempDir();
  const std::string data = dir + "/data";
  for (const char* f : {"people.csv", "contacts.csv", "audits.csv"})
    testing::WriteTextFile(data, f, testing::ReadBytes(kTiny + "/data/" + f));
  testing::WriteTextFile(data, "plans.csv",
                         "ID,START,END,CAT,PREV,TEAM,WORKER\nC1,2026-01-10,,Neglect,0," + std::string(70000, 'T') +
                             ",Zoë O’Neill\nC3,2025-06-01,2026-07-01,Emotional,1,Team B,Sam Smith\n");
  const std::string out = dir + "/out";
  std::string err;
  const int rc = Generate(TinyConfig(dir, "Tinyshire", data), out, &err);
  INFO(err);
  CHECK(rc == 1);  // the tiny council's data problems, as without the long name
  CHECK(err.find("libharu") == std::string::npos);
  const std::string pdf = out + "/annex_a_001_2026-11-23_pack.pdf";
  REQUIRE(!testing::ReadBytes(pdf).empty());
  RequireWellFormed(out + "/annex_a_001_2026-11-23.xlsx");
  if (!Have("pdftotext")) {
    WARN("pdftotext not installed: the PDF's text is not checked (apt-get install poppler-utils)");
    return;
  }
  // The team's table cell wraps its first lines (a run of T's), never the whole name.
  const std::string text = testing::RunCommand("pdftotext -layout '" + pdf + "' - 2>/dev/null");
  CHECK(text.find("TTTTTTTTTTTTTTTTTTTT") != std::string::npos);
  CHECK(text.size() < 70000);
}

}  // namespace
}  // namespace annexa
