// The two workbooks of issue 19: the upload workbook holds Ofsted's list
// sheets in Ofsted's layout and nothing else; the QA workbook marks the
// cells with findings (a fill and a comment), links its Findings sheet to
// them, and both print landscape, one page wide, header rows repeated, the
// QA Cover on one page. Read back with the project's xlsx reader and as
// raw sheet XML; expected values come from Ofsted's own 2019 template
// (tests/data/samples) and from the tiny council's data, not from the writer.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/file_util.h"
#include "render/annex_workbook.h"
#include "render/qa_sheets.h"
#include "sources/xlsx_reader.h"
#include "sources/zip_archive.h"
#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa;

namespace {

std::string Part(const std::string& xlsx, const std::string& part) {
  auto zip = sources::ZipArchive::Open(xlsx);
  REQUIRE(zip.ok());
  auto bytes = zip->Read(part);
  INFO(part);
  REQUIRE(bytes.ok());
  return *bytes;
}

// Header text as Ofsted's template and the spec may each spell it: trailing
// spaces and the quote style aside (the spec's matching ignores these too).
std::string Loose(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  for (const char* curly : {"\u2019", "\u2018"})
    for (size_t at; (at = s.find(curly)) != std::string::npos;) s.replace(at, 3, "'");
  return s;
}

// The tiny council's pack (tests/golden/tiny), made once.
const std::string& TinyPack() {
  static const std::string dir = [] {
    const std::string out = testing::MakeTempDir();
    std::ostringstream o, e;
    cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
    const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml",
                                "--out", out, "--generated-at", "2026-11-23T09:30:00", "--quiet"},
                               ctx);
    INFO(e.str());
    REQUIRE((rc == 0 || rc == 1));
    return out;
  }();
  return dir;
}
std::string Upload() { return TinyPack() + "/annex_a_001_2026-11-23.xlsx"; }
std::string Qa() { return TinyPack() + "/annex_a_001_2026-11-23_qa.xlsx"; }

}  // namespace

TEST_CASE("upload workbook: Ofsted's 2019 template's list sheets and headers, nothing else", "[render][books]") {
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2019");
  REQUIRE(spec.ok());
  RunFacts facts;
  facts.council = "Tinyshire";
  facts.la_code = "001";
  facts.reference_date = CivilDate(2026, 11, 23);
  facts.generated_at = "2026-11-23T09:30:00";
  facts.tool_version = "annexa 0.1.0";
  render::WorkbookMeta meta;
  meta.facts = &facts;
  const std::string path = testing::MakeTempDir() + "/upload.xlsx";
  REQUIRE(render::WriteUploadWorkbook(path, *spec, {}, meta).ok());

  sources::Workbook ours = testing::OpenOk(path);
  sources::Workbook ofsted = testing::OpenOk(testing::AnnexASample("ofsted_2019_template.xlsx"));
  // Ofsted's data sheets are List_1 .. List_11 (its Front_Sheet, FAQ,
  // Guidance and Codes_used are its own notes, not data to upload).
  std::vector<std::string> lists;
  for (int n = 1; n <= 11; ++n) lists.push_back("List_" + std::to_string(n));
  CHECK(ours.SheetNames() == lists);
  for (const std::string& name : lists) {
    INFO(name);
    auto mine = ours.SheetByName(name);
    auto theirs = ofsted.SheetByName(name);
    REQUIRE(mine.ok());
    REQUIRE(theirs.ok());
    // Row 2 holds the headers, as text, in Ofsted's order.
    CHECK((*mine)->max_col() == (*theirs)->max_col());
    for (int c = 1; c <= (*theirs)->max_col(); ++c) {
      INFO("column " << c);
      CHECK((*mine)->At(2, c).kind == sources::CellKind::kString);
      CHECK(Loose(std::string((*mine)->At(2, c).text)) == Loose(std::string((*theirs)->At(2, c).text)));
    }
  }
}

TEST_CASE("upload workbook: the tiny council's pack has the eleven lists only, with typed cells", "[render][books]") {
  sources::Workbook book = testing::OpenOk(Upload());
  std::vector<std::string> lists;
  for (int n = 1; n <= 11; ++n) lists.push_back("List_" + std::to_string(n));
  CHECK(book.SheetNames() == lists);
  auto list1 = book.SheetByName("List_1");
  REQUIRE(list1.ok());
  // tests/golden/tiny/data: contact of C1, born 23/11/2010, contacted 01/06/2026, 16 at the reference date.
  CHECK(std::string((*list1)->At(3, 1).text) == "C1");
  CHECK((*list1)->At(3, 4).kind == sources::CellKind::kDate);
  CHECK((*list1)->At(3, 5).kind == sources::CellKind::kNumber);
  CHECK((*list1)->At(3, 5).number == 16);
  CHECK((*list1)->At(3, 7).kind == sources::CellKind::kString);
  // No comments and no fills: the upload workbook carries no QA marks.
  auto zip = sources::ZipArchive::Open(Upload());
  REQUIRE(zip.ok());
  for (const std::string& part : zip->EntryNames()) CHECK(part.find("comments") == std::string::npos);
}

TEST_CASE("QA workbook: the unknown code's cell is filled red and commented with its rule", "[render][books]") {
  // tests/golden/tiny/data/contacts.csv: C3's contact source is ZZZ, not a
  // code of SOURCE: List_1 row 5 (title, headers, C1, C2, C3), column G
  // (Contact Source, the seventh).
  const std::string sheet = Part(Qa(), "xl/worksheets/sheet2.xml");  // the Cover is sheet1
  std::smatch m;
  REQUIRE(std::regex_search(sheet, m, std::regex(R"re(<c r="G5" s="(\d+)" t="inlineStr"><is><t>ZZZ</t>)re")));
  const int style = std::stoi(m[1]);
  // Its style's fill is light red (FFC7CE), the same as no other cell of List_1 row 3.
  const std::string styles = Part(Qa(), "xl/styles.xml");
  const size_t xfs = styles.find("<cellXfs");
  REQUIRE(xfs != std::string::npos);
  std::vector<std::string> xf;
  std::regex xf_re(R"re(<xf numFmtId="\d+" fontId="\d+" fillId="(\d+)")re");
  for (auto it = std::sregex_iterator(styles.begin() + static_cast<long>(xfs), styles.end(), xf_re);
       it != std::sregex_iterator(); ++it)
    xf.push_back((*it)[1]);
  REQUIRE(style < static_cast<int>(xf.size()));
  const int fill = std::stoi(xf[style]);
  std::vector<std::string> fills;
  const std::string fills_xml = styles.substr(styles.find("<fills"), styles.find("</fills>") - styles.find("<fills"));
  for (size_t at = fills_xml.find("<fill>"); at != std::string::npos; at = fills_xml.find("<fill>", at + 1))
    fills.push_back(fills_xml.substr(at, fills_xml.find("</fill>", at) - at));
  REQUIRE(fill < static_cast<int>(fills.size()));
  CHECK(fills[fill].find("FFFFC7CE") != std::string::npos);
  // C1's contact source (G3) is a code: written plain.
  CHECK(sheet.find(R"(<c r="G3" t="inlineStr"><is><t>e) 2A: Schools</t>)") != std::string::npos);

  // The comment on G5 of List_1 names the severity, the rule and the message.
  const std::string rels = Part(Qa(), "xl/worksheets/_rels/sheet2.xml.rels");
  REQUIRE(std::regex_search(rels, m, std::regex(R"re(Target="../(comments\d+\.xml)")re")));
  const std::string comments = Part(Qa(), "xl/" + std::string(m[1]));
  CHECK(comments.find(R"(<comment ref="G5" authorId="1">)") != std::string::npos);
  CHECK(comments.find("<t>error not-a-code: 'ZZZ' is not a value of SOURCE") != std::string::npos);
  CHECK(comments.find("<author>annexa</author>") != std::string::npos);
}

TEST_CASE("QA workbook: the Findings sheet links each finding to its list cell", "[render][books]") {
  sources::Workbook book = testing::OpenOk(Qa());
  const std::vector<std::string> names = book.SheetNames();
  // Issue 20 adds Indicators last: 23 sheets, the Findings sheet still 17th.
  REQUIRE(names.size() == 23);  // ... Audit_cohorts, Changes, Gaps_by_owner, Indicators
  CHECK(names[0] == "Cover");
  CHECK(names[16] == "Findings");  // after Data_gaps and Child_gaps
  auto findings = book.SheetByName("Findings");
  REQUIRE(findings.ok());
  const sources::Sheet& s = **findings;
  CHECK(std::string(s.At(2, 1).text) == "Child");
  CHECK(std::string(s.At(2, 9).text) == "Cell");
  // The not-a-code finding of C3: its row names the child and links to List_1!G5.
  int row = 0;
  for (int r = 3; r <= s.max_row(); ++r)
    if (s.At(r, 7).ToText() == "not-a-code" && s.At(r, 1).ToText() == "C3") row = r;
  REQUIRE(row > 0);
  CHECK(s.At(row, 8).ToText() == "1");
  CHECK(s.At(row, 9).ToText() == "List_1!G5");
  CHECK(s.At(row, 10).ToText() == "Contact Source");
  CHECK(s.At(row, 11).ToText() == "ZZZ");
  CHECK(s.At(row, 6).ToText() == "error");
  const std::string xml = Part(Qa(), "xl/worksheets/sheet17.xml");
  CHECK(xml.find("<hyperlink ref=\"I" + std::to_string(row) + "\" location=\"'List_1'!G5\" display=\"List_1!G5\"/>") !=
        std::string::npos);
}

TEST_CASE("both workbooks: landscape, one page wide, title and header rows repeated; the Cover on one page",
          "[render][books]") {
  for (const std::string& book : {Upload(), Qa()}) {
    INFO(book);
    const std::string list1 = Part(book, book == Qa() ? "xl/worksheets/sheet2.xml" : "xl/worksheets/sheet1.xml");
    // fitToWidth is 1 by default, so it is not written; fitToHeight 0 is "as many pages as it takes".
    CHECK(list1.find("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") != std::string::npos);
    CHECK(list1.find("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>") != std::string::npos);
    const std::string workbook = Part(book, "xl/workbook.xml");
    const int list1_id = book == Qa() ? 1 : 0;  // the sheet's 0-based position
    CHECK(workbook.find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"" + std::to_string(list1_id) +
                        "\">List_1!$1:$2</definedName>") != std::string::npos);
    // Every sheet of the workbook repeats its rows 1 and 2, but the QA Cover.
    size_t titles = 0;
    for (size_t at = workbook.find("_xlnm.Print_Titles"); at != std::string::npos;
         at = workbook.find("_xlnm.Print_Titles", at + 1))
      ++titles;
    CHECK(titles == (book == Qa() ? 19u : 11u));
  }
  // The Cover: one page wide and one page high (fitToHeight 1, the default, not written).
  const std::string cover = Part(Qa(), "xl/worksheets/sheet1.xml");
  CHECK(cover.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
  CHECK(cover.find("<pageSetup paperSize=\"9\" orientation=\"landscape\"/>") != std::string::npos);
}

TEST_CASE("QA marks: a cell's findings in one comment, the worst severity, info and unknown columns left out",
          "[render][books]") {
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  const std::string id = spec->lists[0].columns[0].key, second = spec->lists[0].columns[1].key;
  auto finding = [](Severity s, const std::string& code, int64_t row, const std::string& column, const std::string& msg) {
    Finding f;
    f.severity = s;
    f.code = code;
    f.list = 1;
    f.list_row = row;
    f.column = column;
    f.message = msg;
    return f;
  };
  Findings findings;
  findings.push_back(finding(Severity::kWarning, "w-one", 2, second, "first"));
  findings.push_back(finding(Severity::kError, "e-two", 2, second, "second"));
  for (int i = 3; i <= 7; ++i) findings.push_back(finding(Severity::kWarning, "w-more", 2, second, std::to_string(i)));
  findings.push_back(finding(Severity::kInfo, "i-note", 1, second, "an info finding marks nothing"));
  findings.push_back(finding(Severity::kError, "e-col", 1, "no_such_column", "not a column of List 1"));
  findings.push_back(finding(Severity::kWarning, "w-id", 1, id, "the id"));

  const render::CellMarks marks = render::MarkCells(*spec, findings);
  CHECK(marks.cells == 2);
  CHECK(marks.commented == 2);
  REQUIRE(marks.by_list.size() == 1);
  const std::vector<render::CellMark>& list1 = marks.by_list.at(1);
  REQUIRE(list1.size() == 2);
  // Sorted as the sheet is written: data row 0 (list row 1) first.
  CHECK(list1[0].row == 0);
  CHECK(list1[0].col == 0);
  CHECK(list1[0].worst == Severity::kWarning);
  CHECK(list1[0].comment == "warning w-id: the id");
  CHECK(list1[1].row == 1);
  CHECK(list1[1].col == 1);
  CHECK(list1[1].worst == Severity::kError);
  CHECK(list1[1].comment ==
        "warning w-one: first\nerror e-two: second\nwarning w-more: 3\nwarning w-more: 4\nwarning w-more: 5\n"
        "and 2 more (see the Findings sheet)");

  // Over the comment budget, a cell is filled but not commented.
  const render::CellMarks capped = render::MarkCells(*spec, findings, 1);
  CHECK(capped.cells == 2);
  CHECK(capped.commented == 1);
  CHECK(capped.by_list.at(1)[0].comment == "warning w-id: the id");
  CHECK(capped.by_list.at(1)[1].comment.empty());
}

TEST_CASE("QA workbook: further tables (the hook for run history and gaps by owner) are sheets at the end",
          "[render][books]") {
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  RunFacts facts;
  facts.council = "Tinyshire";
  facts.la_code = "001";
  facts.reference_date = CivilDate(2026, 11, 23);
  facts.generated_at = "2026-11-23T09:30:00";
  facts.tool_version = "annexa 0.1.0";
  render::WorkbookMeta meta;
  meta.facts = &facts;
  render::GapTable changes;
  changes.sheet = "Changes";
  changes.title = "Changes since the last run";
  changes.headers = {"Child", "Change", "Cell"};
  render::GapRow row;
  row.cells = {render::GapCell::Text("C1"), render::GapCell::Text("closed"),
               render::GapCell::Link("List_1!B3", "'List_1'!B3")};
  changes.rows.push_back(row);
  const std::vector<render::GapTable> extra = {changes};
  const Findings none;
  render::DataGaps gaps;
  gaps.findings = &none;
  gaps.mark_cells = true;
  gaps.extra = &extra;
  const std::string path = testing::MakeTempDir() + "/qa.xlsx";
  REQUIRE(render::WriteAnnexWorkbook(path, *spec, {}, meta, gaps).ok());
  sources::Workbook book = testing::OpenOk(path);
  const std::vector<std::string> names = book.SheetNames();
  REQUIRE(!names.empty());
  CHECK(names.back() == "Changes");
  auto sheet = book.SheetByName("Changes");
  REQUIRE(sheet.ok());
  CHECK((*sheet)->At(1, 1).ToText() == "Changes since the last run");
  CHECK((*sheet)->At(2, 3).ToText() == "Cell");
  CHECK((*sheet)->At(3, 1).ToText() == "C1");
  CHECK((*sheet)->At(3, 3).ToText() == "List_1!B3");
  const std::string xml = Part(path, "xl/worksheets/sheet" + std::to_string(names.size()) + ".xml");
  CHECK(xml.find("<hyperlink ref=\"C3\" location=\"'List_1'!B3\" display=\"List_1!B3\"/>") != std::string::npos);

  // A further table may not take a sheet's name.
  std::vector<render::GapTable> clash = {changes};
  clash[0].sheet = "Findings";
  gaps.extra = &clash;
  const Status refused = render::WriteAnnexWorkbook(testing::MakeTempDir() + "/clash.xlsx", *spec, {}, meta, gaps);
  CHECK(refused.message().find("two sheets named 'Findings'") != std::string::npos);
}
