// The PDF writer, checked through poppler-utils: pdfinfo for the page count
// and pdftotext -layout for the text on each page.
#include "render/pdf_writer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.h"

namespace annexa::render {
namespace {


int PageCount(const std::string& pdf) {
  std::string info = testing::RunCommand("pdfinfo '" + pdf + "' 2>/dev/null");
  auto at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

std::string PageText(const std::string& pdf, int page) {
  return testing::RunCommand("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
             pdf + "' - 2>/dev/null");
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The line of `text` containing `needle`, squeezed of runs of spaces.
std::string LineWith(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(needle) == std::string::npos) continue;
    std::string out;
    for (char c : line) {
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  return "";
}

PdfDocument TestDocument() {
  PdfDocument doc;
  doc.title = "Annex A pack";
  doc.subtitle = "Exampleshire County Council";
  doc.cover_facts = {{"Reference date", "31 March 2026"},
                     {"Specification", "Annex A 2025 (Ofsted’s guidance)"},
                     {"Prepared by", "Zoë O’Neill"}};
  doc.footer = "Exampleshire - OFFICIAL-SENSITIVE";
  doc.created_at = "2026-11-23T09:30:00";

  Section summary;
  summary.title = "Summary";
  Block para;
  para.kind = Block::Kind::kParagraph;
  para.text =
      "This pack was generated from the case management system extract. Every list follows the "
      "column order of the specification, and each finding below names the list, the row and the "
      "rule that raised it. Checked by Zoë O’Neill.";
  summary.blocks.push_back(para);
  Block kv;
  kv.kind = Block::Kind::kKeyValues;
  kv.pairs = {{"Lists produced", "11"}, {"Findings", "37 (4 errors)"}};
  summary.blocks.push_back(kv);
  Block h;
  h.kind = Block::Kind::kHeading;
  h.text = "Key indicators";
  summary.blocks.push_back(h);
  Block tb;
  tb.kind = Block::Kind::kTable;
  tb.table.header = {"Indicator", "Value", "Status", "Trend"};
  tb.table.widths = {4, 1.2, 1.2, 1.6};
  tb.table.right_align = {false, true, false, false};
  tb.table.rows = {{"Re-referrals within 12 months", "22.4%", "", ""},
                   {"Assessments completed within 45 working days", "81.0%", "", ""},
                   {"Children seen within timescale", "95.2%", "On track", ""}};
  tb.table.rag_column = 2;
  tb.table.rag = {"red", "amber", "green"};
  tb.table.sparkline_column = 3;
  tb.table.sparklines = {{20, 21, 25, 22.4}, {70, NAN, 78, 80, 81}, {96, 95, 95.2}};
  summary.blocks.push_back(tb);
  Block chart;
  chart.kind = Block::Kind::kBarChart;
  chart.chart.title = "Findings by list";
  chart.chart.bars = {{"List 1: Contacts", 12}, {"List 2: Early help", 4}, {"List 6: Children in need", 21}};
  chart.chart.value_suffix = " rows";
  summary.blocks.push_back(chart);
  doc.sections.push_back(summary);

  Section list;
  list.title = "List 1: Contacts";
  Block big;
  big.kind = Block::Kind::kTable;
  big.table.header = {"Child ID", "Contact date", "Source"};
  for (int i = 1; i <= 120; ++i) {
    big.table.rows.push_back({"C" + std::to_string(1000 + i), "01/04/2025", "Police"});
  }
  list.blocks.push_back(big);
  doc.sections.push_back(list);
  return doc;
}

TEST_CASE("WritePdf lays out cover, contents, sections and a long table", "[pdf]") {
  std::string dir = annexa::testing::MakeTempDir();
  std::string out = dir + "/pack.pdf";
  PdfStyle style;
  Status st = WritePdf(out, TestDocument(), style);
  REQUIRE(st.ok());
  // Set ANNEXA_PDF_TEST_OUT=/some/file.pdf to keep a copy for looking at.
  if (const char* keep = std::getenv("ANNEXA_PDF_TEST_OUT")) {
    REQUIRE(WritePdf(keep, TestDocument(), style).ok());
  }

  // cover, contents, summary, then the 120-row table over three pages.
  const int pages = PageCount(out);
  REQUIRE(pages == 6);

  std::string cover = PageText(out, 1);
  CHECK(cover.find("Annex A pack") != std::string::npos);
  CHECK(cover.find("Exampleshire County Council") != std::string::npos);
  CHECK(LineWith(cover, "Reference date") == "Reference date 31 March 2026");
  CHECK(LineWith(cover, "Prepared by") == "Prepared by Zoë O’Neill");
  CHECK(cover.find("Page 1 of") == std::string::npos);  // no footer on the cover

  std::string contents = PageText(out, 2);
  CHECK(LineWith(contents, "Summary").rfind("Summary .", 0) == 0);
  CHECK(LineWith(contents, "Summary").substr(LineWith(contents, "Summary").size() - 2) == " 3");
  CHECK(LineWith(contents, "List 1: Contacts").substr(LineWith(contents, "List 1: Contacts").size() - 2) == " 4");
  CHECK(LineWith(contents, "Page 2 of") == "Exampleshire - OFFICIAL-SENSITIVE Page 2 of 6");

  std::string summary = PageText(out, 3);
  CHECK(LineWith(summary, "rule that raised it").find("Checked by Zoë") != std::string::npos);
  CHECK(LineWith(summary, "O’Neill.") == "O’Neill.");
  CHECK(LineWith(summary, "Lists produced") == "Lists produced 11");
  CHECK(LineWith(summary, "Re-referrals") == "Re-referrals within 12 months 22.4% Red");
  CHECK(LineWith(summary, "Children seen") == "Children seen within timescale 95.2% On track");
  CHECK(summary.find("Amber") != std::string::npos);
  CHECK(summary.find("Findings by list") != std::string::npos);
  CHECK(LineWith(summary, "List 6: Children in need") == "List 6: Children in need 21 rows");
  CHECK(LineWith(summary, "Page 3 of") == "Exampleshire - OFFICIAL-SENSITIVE Page 3 of 6");

  // The long table's header is repeated on every page it spans.
  for (int p = 4; p <= 6; ++p) {
    INFO("page " << p);
    std::string text = PageText(out, p);
    CHECK(LineWith(text, "Child ID") == "Child ID Contact date Source");
    CHECK(LineWith(text, "Page " + std::to_string(p) + " of") ==
          "Exampleshire - OFFICIAL-SENSITIVE Page " + std::to_string(p) + " of 6");
  }
  CHECK(PageText(out, 4).find("C1001 ") != std::string::npos);
  CHECK(PageText(out, 6).find("C1120 ") != std::string::npos);
  CHECK(PageText(out, 5).find("C1001 ") == std::string::npos);

  std::string info = testing::RunCommand("pdfinfo '" + out + "' 2>/dev/null");
  CHECK(LineWith(info, "Producer:") == "Producer: annexa");
  CHECK(LineWith(info, "Title:") == "Title: Annex A pack");
  CHECK(info.find("2026") != std::string::npos);  // CreationDate from created_at
}

TEST_CASE("WritePdf output is byte-identical for identical input", "[pdf]") {
  std::string dir = annexa::testing::MakeTempDir();
  PdfDocument doc = TestDocument();
  PdfStyle style;
  style.paper = "Letter";
  style.landscape = true;
  REQUIRE(WritePdf(dir + "/a.pdf", doc, style).ok());
  REQUIRE(WritePdf(dir + "/b.pdf", doc, style).ok());
  std::string a = Slurp(dir + "/a.pdf"), b = Slurp(dir + "/b.pdf");
  REQUIRE(a.size() > 1000);
  CHECK(a == b);
  CHECK(a.find("/ID") == std::string::npos);
  CHECK(PageCount(dir + "/a.pdf") >= 6);
  CHECK(testing::RunCommand("pdfinfo '" + dir + "/a.pdf' 2>/dev/null").find("792 x 612 pts") != std::string::npos);
}

TEST_CASE("WritePdf reports missing fonts, logos and unwritable paths", "[pdf]") {
  std::string dir = annexa::testing::MakeTempDir();
  PdfDocument doc = TestDocument();

  PdfStyle style;
  style.font_bold = dir + "/no-such-font.ttf";
  Status st = WritePdf(dir + "/x.pdf", doc, style);
  CHECK(st.code() == StatusCode::kInvalidArgument);
  CHECK(st.message().find(dir + "/no-such-font.ttf") != std::string::npos);

  PdfStyle logo;
  logo.logo_png = dir + "/logo.png";
  st = WritePdf(dir + "/x.pdf", doc, logo);
  CHECK(st.code() == StatusCode::kInvalidArgument);
  CHECK(st.message().find(dir + "/logo.png") != std::string::npos);

  PdfStyle paper;
  paper.paper = "A5";
  CHECK(WritePdf(dir + "/x.pdf", doc, paper).code() == StatusCode::kInvalidArgument);

  PdfDocument bad_date = doc;
  bad_date.created_at = "23/11/2026";
  st = WritePdf(dir + "/x.pdf", bad_date, PdfStyle{});
  CHECK(st.code() == StatusCode::kInvalidArgument);
  CHECK(st.message().find("23/11/2026") != std::string::npos);

  std::string missing = dir + "/no-such-dir/pack.pdf";
  st = WritePdf(missing, doc, PdfStyle{});
  CHECK(st.code() == StatusCode::kIoError);
  CHECK(st.message().find(missing) != std::string::npos);

  // A failed write leaves the previous file as it was.
  std::string good = dir + "/good.pdf";
  REQUIRE(WritePdf(good, doc, PdfStyle{}).ok());
  std::string before = Slurp(good);
  CHECK(WritePdf(good, doc, style).code() == StatusCode::kInvalidArgument);
  CHECK(Slurp(good) == before);
}

TEST_CASE("WritePdf draws a logo and continues a long bar chart", "[pdf]") {
  std::string dir = annexa::testing::MakeTempDir();
  std::string png = dir + "/logo.png";
  PdfDocument small;
  small.title = "Logo";
  small.created_at = "2026-01-01T00:00:00";
  small.contents = false;
  REQUIRE(WritePdf(dir + "/s.pdf", small, PdfStyle{}).ok());
  testing::RunCommand("pdftoppm -r 10 -png -singlefile '" + dir + "/s.pdf' '" + dir + "/logo' 2>/dev/null");
  REQUIRE(Slurp(png).size() > 0);

  PdfDocument doc;
  doc.title = "Charts";
  doc.footer = "F";
  doc.created_at = "2026-01-01T00:00:00";
  Section s;
  s.title = "Many bars";
  Block b;
  b.kind = Block::Kind::kBarChart;
  b.chart.title = "Children by team";
  for (int i = 1; i <= 80; ++i) b.chart.bars.push_back({"Team " + std::to_string(i), i * 1.5});
  b.chart.value_suffix = "%";
  s.blocks.push_back(b);
  doc.sections.push_back(s);
  PdfStyle style;
  style.logo_png = png;
  std::string out = dir + "/c.pdf";
  REQUIRE(WritePdf(out, doc, style).ok());
  const int pages = PageCount(out);
  CHECK(pages == 4);  // cover, contents, two pages of bars
  if (const char* keep = std::getenv("ANNEXA_PDF_TEST_OUT")) {
    REQUIRE(WritePdf(std::string(keep) + ".chart.pdf", doc, style).ok());
  }
  CHECK(LineWith(PageText(out, 3), "Team 1 ") == "Team 1 1.5%");
  CHECK(PageText(out, 4).find("Children by team (continued)") != std::string::npos);
  CHECK(LineWith(PageText(out, pages), "Team 80") == "Team 80 120%");
}

}  // namespace
TEST_CASE("WritePdf sets a cover title over two lines smaller, whole, rather than cutting it", "[pdf]") {
  if (testing::RunCommand("command -v pdftotext").empty()) {
    WARN("pdftotext not installed: not checked (apt-get install poppler-utils)");
    return;
  }
  // Four lines at the cover's title size (27 points); two at a smaller one.
  const std::string title =
      "Annex A pack for the inspection of local authority children's services, with key indicators and data gaps";
  PdfDocument doc;
  doc.title = title;
  doc.subtitle = "Exampleshire County Council";
  doc.created_at = "2026-11-23T09:30:00";
  doc.contents = false;
  const std::string pdf = testing::MakeTempDir() + "/title.pdf";
  REQUIRE(WritePdf(pdf, doc, PdfStyle{}).ok());
  std::string text;
  for (char c : PageText(pdf, 1)) {
    const bool space = c == ' ' || c == '\n';
    if (space && (text.empty() || text.back() == ' ')) continue;
    text += space ? ' ' : c;
  }
  CHECK(text.find(title) != std::string::npos);
  CHECK(text.find("\u2026") == std::string::npos);  // no ellipsis: nothing cut
  // On two lines: the title's first and last words are on different lines,
  // and no third line holds any of it.
  const std::string layout = PageText(pdf, 1);
  const size_t first = layout.find("Annex A pack"), last = layout.find("data gaps");
  REQUIRE(first != std::string::npos);
  REQUIRE(last != std::string::npos);
  CHECK(std::count(layout.begin() + static_cast<std::ptrdiff_t>(first), layout.begin() + static_cast<std::ptrdiff_t>(last),
                   '\n') == 1);
}

}  // namespace annexa::render
