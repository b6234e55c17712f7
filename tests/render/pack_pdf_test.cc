// The output template loader and the pack document built from a run.
#include <catch2/catch.hpp>

#include "render/pack_pdf.h"
#include "render/pack_template.h"
#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa;
using render::Block;

TEST_CASE("templates: the default template loads", "[pack]") {
  auto t = render::LoadPackTemplate(testing::SourceDir() + "/output_templates/default.yaml");
  INFO(t.status().message());
  REQUIRE(t.ok());
  CHECK(t->title == "Annex A pack");
  CHECK(t->style.paper == "A4");
  CHECK(t->style.primary.r == Approx(0x1C / 255.0));
  CHECK(t->sections == std::vector<std::string>{"summary", "indicators", "lists", "audited_cases", "data_gaps", "row_accounting"});
  CHECK(t->style.font_regular == "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  CHECK(t->workbook_header_fill == 0xDDEBF7u);
}

TEST_CASE("templates: mistakes are reported with file, line and column", "[pack]") {
  const std::string dir = testing::MakeTempDir();
  const std::string path = testing::WriteTextFile(dir, "t.yaml",
                                                  "title: X\npaper: A5\ncolours: {primary: navy}\n"
                                                  "sections: [summary, appendix]\nlogo: logo.png\n");
  auto t = render::LoadPackTemplate(path);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message() == path + ":2:8: 'paper' must be A4 or Letter, not 'A5'\n" + path +
                                    ":3:20: colour 'primary' must be \"#RRGGBB\", not 'navy'\n" + path +
                                    ":4:11: unknown section 'appendix' (expected some of: summary, indicators, lists, "
                                    "audited_cases, data_gaps, row_accounting)");
}

TEST_CASE("pack document: sections in the template's order, list pages with their charts", "[pack]") {
  auto spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  std::vector<AnnexList> lists;
  for (const auto& ls : spec->lists) {
    AnnexList l;
    l.spec = &ls;
    lists.push_back(std::move(l));
  }
  // Two contacts from schools, one from the police, in October and November.
  auto& l1 = lists[0];
  auto row = [&](const std::string& id, CivilDate d, const std::string& source) {
    AnnexRow r;
    r.cells.resize(l1.spec->columns.size());
    r.cells[0] = CellValue::Text(id);
    r.cells[5] = CellValue::Date(d);
    r.cells[6] = CellValue::Text(source);
    l1.rows.push_back(std::move(r));
  };
  row("A", CivilDate(2026, 10, 5), "e) 2A: Schools");
  row("B", CivilDate(2026, 11, 2), "e) 2A: Schools");
  row("A", CivilDate(2026, 11, 20), "q) 6: Police");
  l1.account.read = 4;
  l1.account.included = 3;
  l1.account.excluded["before the 6-month window"] = 1;
  Findings findings;
  std::vector<indicators::Indicator> kis;
  RunFacts facts;
  facts.council = "Testshire";
  facts.la_code = "998";
  facts.reference_date = CivilDate(2026, 11, 23);
  facts.generated_at = "2026-11-23T09:30:00";
  facts.tool_version = "annexa test";
  render::PackInputs in;
  in.facts = &facts;
  in.spec = &*spec;
  in.lists = &lists;
  in.findings = &findings;
  in.indicators = &kis;
  render::PackTemplate tmpl;
  tmpl.sections = {"summary", "lists", "row_accounting"};
  const render::PdfDocument doc = render::BuildPackDocument(in, tmpl);
  REQUIRE(doc.sections.size() == 13);
  CHECK(doc.sections[0].title == "Summary");
  CHECK(doc.sections[1].title == "List 1: Contacts");
  CHECK(doc.sections[12].title == "Row accounting");
  const auto& summary_table = doc.sections[0].blocks[2].table;
  CHECK(summary_table.rows[0] == std::vector<std::string>{"1", "List 1: Contacts", "3", "2", "0", "0", "\u2013"});
  const auto& page = doc.sections[1].blocks;
  REQUIRE(page.size() == 4);  // facts, by month, by source, by gender
  CHECK(page[0].pairs[2].second == "05/10/2026 to 20/11/2026 (Date of Contact)");
  CHECK(page[1].chart.title == "Rows by month of Date of Contact");
  CHECK(page[1].chart.bars == std::vector<std::pair<std::string, double>>{{"Oct 2026", 1}, {"Nov 2026", 2}});
  CHECK(page[2].chart.bars == std::vector<std::pair<std::string, double>>{{"e) 2A: Schools", 2}, {"q) 6: Police", 1}});
  CHECK(doc.sections[12].blocks[1].table.rows[0] ==
        std::vector<std::string>{"1", "4", "3", "1", "1 before the 6-month window"});
  CHECK(doc.footer == "Testshire");
  CHECK(doc.created_at == "2026-11-23T09:30:00");
}
