// The key-indicator table everywhere people look (issue 20, Deliver 4):
// the QA workbook's Indicators sheet (read back with annexa's own xlsx
// reader) and its trend charts, the indicators CSV and the run's JSON, on
// the seed pack of issue 20 (tests/indicators/seed_indicators.h) plus one
// indicator that is not configured and one trend point not available.
// Every expected value is the seed pack's own, typed by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/yaml_reader.h"
#include "history/run_summary.h"
#include "indicators/seed_indicators.h"
#include "render/annex_workbook.h"
#include "render/indicator_rows.h"
#include "sources/xlsx_reader.h"
#include "sources/zip_archive.h"
#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa;

namespace {

constexpr const char* kNeeds = "a management oversight source (indicator_sources.management_oversight)";
constexpr const char* kWhy = "source 'reviews' keeps only each child's latest review";

// The seed, 5.18 with a trend whose first point is not available, and a
// management-oversight measure that is not configured.
std::vector<indicators::Indicator> Indicators() {
  std::vector<indicators::Indicator> v = testing::SeedIndicators();
  indicators::Indicator& reviews = v[13];
  REQUIRE(reviews.reference == "5.18");
  reviews.points = testing::SeedPoints({0, 100, 98.5, 100, 100, 100});
  reviews.points[0].value = NAN;
  reviews.points[0].unavailable = kWhy;
  indicators::Indicator oversight;
  oversight.id = "oversight";
  oversight.reference = "0.1";
  oversight.title = "% of supervisions recorded within 4 weeks";
  oversight.period = "snapshot";
  oversight.unit = "%";
  oversight.not_configured = kNeeds;
  oversight.target.minimum = 90;
  oversight.target.upper = 95;
  v.push_back(oversight);
  return v;
}

std::string Text(const sources::Sheet& s, int row, int col) { return s.At(row, col).ToText(); }

}  // namespace

TEST_CASE("indicators: the QA workbook's Indicators sheet, laid out like the seed's table", "[render][indicators]") {
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  RunFacts facts;
  facts.council = "Seedshire";
  facts.la_code = "999";
  facts.reference_date = CivilDate(2023, 8, 31);
  facts.generated_at = "2023-09-01T09:00:00";
  facts.tool_version = "annexa test";
  render::WorkbookMeta meta;
  meta.facts = &facts;
  const std::vector<indicators::Indicator> v = Indicators();
  render::DataGaps gaps;
  gaps.indicators = &v;
  const std::string path = testing::MakeTempDir() + "/qa.xlsx";
  REQUIRE(render::WriteAnnexWorkbook(path, *spec, {}, meta, gaps).ok());
  sources::Workbook book = testing::OpenOk(path);
  CHECK(book.SheetNames().back() == "Indicators");
  auto sheet = book.SheetByName("Indicators");
  REQUIRE(sheet.ok());
  const sources::Sheet& s = **sheet;
  CHECK(Text(s, 1, 1) == "Key indicators");
  const std::vector<std::string> headers = {"Ref",      "Measure",  "2022/23",  "Num",      "Denom",    "Current",
                                            "Unit",     "Period",   "Mar 2023", "Apr 2023", "May 2023", "Jun 2023",
                                            "Jul 2023", "Aug 2023", "Trend",    "Min",      "Upper",    "Better",
                                            "RAG",      "To target", "Note"};
  for (size_t c = 0; c < headers.size(); ++c) CHECK(Text(s, 2, static_cast<int>(c) + 1) == headers[c]);
  // 1.1, row 3: every cell as the seed pack prints it.
  CHECK(Text(s, 3, 1) == "1.1");
  CHECK(Text(s, 3, 2) == "% cases with management oversight recorded in past 8 weeks");
  CHECK(s.At(3, 3).number == 90);
  CHECK(s.At(3, 4).number == 1958);
  CHECK(s.At(3, 5).number == 2165);
  CHECK(s.At(3, 6).number == Approx(90.4));
  CHECK(Text(s, 3, 7) == "%");
  CHECK(Text(s, 3, 8) == "snapshot");
  const double trend[] = {89.5, 87.6, 92.9, 90.9, 92.9, 90.4};
  for (int i = 0; i < 6; ++i) CHECK(s.At(3, 9 + i).number == Approx(trend[i]));
  CHECK(s.At(3, 15).empty());  // the chart's cell
  CHECK(s.At(3, 16).number == 90);
  CHECK(s.At(3, 17).number == 95);
  CHECK(Text(s, 3, 18) == "higher");
  CHECK(Text(s, 3, 19) == "amber");
  CHECK(Text(s, 3, 20).empty());
  // 1.2, a count: no denominator, its trend whole numbers.
  CHECK(Text(s, 4, 1) == "1.2");
  CHECK(s.At(4, 4).number == 790);
  CHECK(s.At(4, 5).empty());
  CHECK(s.At(4, 6).number == 790);
  CHECK(s.At(4, 9).number == 785);
  CHECK(Text(s, 4, 3) == "738");
  // 3.3 (row 10), red: 7.2 points short of its minimum of 85%.
  CHECK(Text(s, 10, 1) == "3.3");
  CHECK(Text(s, 10, 19) == "red");
  CHECK(Text(s, 10, 20) == "-7.2 pts");
  // 2.1 (row 7) has no trend computed: said, never 0.
  CHECK(Text(s, 7, 1) == "2.1");
  CHECK(Text(s, 7, 9) == "not available (the trend was not computed)");
  CHECK(Text(s, 7, 21) ==
        "not available: Mar 2023, Apr 2023, May 2023, Jun 2023, Jul 2023, Aug 2023 (the trend was not computed)");
  CHECK(Text(s, 3, 21).empty());  // 1.1: everything there
  // 5.10 (row 12), lower is better: 1.7 points over.
  CHECK(Text(s, 12, 18) == "lower");
  CHECK(Text(s, 12, 20) == "+1.7 pts");
  // 5.18 (row 16): its first point not available, with the reason.
  CHECK(Text(s, 16, 1) == "5.18");
  CHECK(Text(s, 16, 9) == std::string("not available (") + kWhy + ")");
  CHECK(s.At(16, 10).number == 100);
  CHECK(s.At(16, 11).number == Approx(98.5));
  CHECK(Text(s, 16, 21) == std::string("not available: Mar 2023 (") + kWhy + ")");
  // The management-oversight measure (row 20): not configured, as text.
  CHECK(Text(s, 20, 1) == "0.1");
  CHECK(s.At(20, 4).empty());
  CHECK(s.At(20, 5).empty());
  CHECK(Text(s, 20, 6) == std::string("not configured (needs ") + kNeeds + ")");
  CHECK(Text(s, 20, 9) == "not configured");
  CHECK(Text(s, 20, 21) == std::string("not configured (needs ") + kNeeds + ")");
  // The trailer (after one empty row): the tally, then the chart data.
  CHECK(s.At(21, 1).empty());
  CHECK(Text(s, 22, 1) ==
        "3 are numbers of children; 1 is not configured; of the other 14, 3 are green, 6 amber, 5 red; of the 5 reds, "
        "4 miss the target by less than 3%.");
  CHECK(Text(s, 25, 1) == "1.1");
  CHECK(s.At(25, 9).number == Approx(89.5));
  CHECK(Text(s, 38, 1) == "5.18");
  CHECK(s.At(38, 9).empty());  // a gap in the chart's line, never 0
  CHECK(s.At(38, 10).number == 100);

  // Five charts: 1.1, the three counts and 5.18 (two or more values each);
  // 1.1's draws its chart-data row under the month labels.
  auto zip = sources::ZipArchive::Open(path);
  REQUIRE(zip.ok());
  int charts = 0;
  for (const std::string& name : zip->EntryNames())
    if (name.rfind("xl/charts/chart", 0) == 0) ++charts;
  CHECK(charts == 5);
  auto chart1 = zip->Read("xl/charts/chart1.xml");
  REQUIRE(chart1.ok());
  CHECK(chart1->find("<c:f>'Indicators'!$I$2:$N$2</c:f>") != std::string::npos);
  CHECK(chart1->find("<c:f>'Indicators'!$I$25:$N$25</c:f>") != std::string::npos);
  // Blanks drawn as gaps: libxlsxwriter leaves out dispBlanksAs for "gap",
  // the default; never "zero".
  CHECK(chart1->find("dispBlanksAs") == std::string::npos);
}

TEST_CASE("indicators: the CSV, values never 0 where there is none", "[render][indicators]") {
  const std::string csv = render::IndicatorsCsv(Indicators());
  std::vector<std::string> lines;
  for (size_t at = 0; at < csv.size();) {
    const size_t end = csv.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    lines.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  REQUIRE(lines.size() == 19);
  CHECK(lines[0] ==
        "ref,id,measure,unit,period,last_year_label,last_year,numerator,denominator,current,point_1_label,point_1,"
        "point_2_label,point_2,point_3_label,point_3,point_4_label,point_4,point_5_label,point_5,point_6_label,point_6,"
        "minimum,upper,better,rag,distance_to_target,note");
  CHECK(lines[1] ==
        "1.1,seed-1.1,% cases with management oversight recorded in past 8 weeks,%,snapshot,2022/23,90.0,1958,2165,"
        "90.4,Mar 2023,89.5,Apr 2023,87.6,May 2023,92.9,Jun 2023,90.9,Jul 2023,92.9,Aug 2023,90.4,90.0,95.0,higher,"
        "amber,,");
  CHECK(lines[2] ==
        "1.2,seed-1.2,\"Number of CIN (excl. CLA, CP, care leavers)\",count,snapshot,2022/23,738,790,,790,Mar 2023,785,"
        "Apr 2023,786,May 2023,787,Jun 2023,788,Jul 2023,789,Aug 2023,790,,,,,,");
  // 5.10: lower is better, red, +1.7 points; no trend computed.
  CHECK(lines[10] ==
        "5.10,seed-5.10,% of CLA single assessments not completed or outside one year (lower is better),%,snapshot,"
        "2022/23,29.6,34,291,11.7,,not available (the trend was not computed),,not available (the trend was not "
        "computed),,not available (the trend was not computed),,not available (the trend was not computed),,not "
        "available (the trend was not computed),,not available (the trend was not computed),10.0,5.0,lower,red,1.7,");
  CHECK(lines[14].find(std::string("Mar 2023,not available (") + kWhy + "),Apr 2023,100.0,") != std::string::npos);
  CHECK(lines[18] == std::string("0.1,oversight,% of supervisions recorded within 4 weeks,%,snapshot,,not configured,,,"
                                 "not configured (needs ") +
                         kNeeds +
                         "),,not configured,,not configured,,not configured,,not configured,,not configured,,not "
                         "configured,90.0,95.0,higher,,,not configured (needs " +
                         kNeeds + ")");
}

TEST_CASE("indicators: the run's JSON carries them, null where there is no value", "[render][indicators][history]") {
  history::RunSummary s;
  s.tool = "annexa test";
  s.indicators = Indicators();
  const std::string json = history::RunSummaryJson(s);
  CHECK(json.find("\"indicator_tally\": \"3 are numbers of children; 1 is not configured; of the other 14, 3 are "
                  "green, 6 amber, 5 red; of the 5 reds, 4 miss the target by less than 3%\"") != std::string::npos);
  Result<YamlValue> doc = LoadYamlFile(testing::WriteTextFile(testing::MakeTempDir(), "x_run.json", json));
  REQUIRE(doc.ok());
  const YamlValue* list = doc->Find("indicators");
  REQUIRE(list);
  REQUIRE(list->items.size() == 18);
  const YamlValue& first = list->items[0];
  CHECK(first.Find("ref")->scalar == "1.1");
  CHECK(first.Find("numerator")->scalar == "1958");
  CHECK(first.Find("denominator")->scalar == "2165");
  CHECK(first.Find("value")->scalar == "90.4");
  CHECK(first.Find("last_year")->Find("label")->scalar == "2022/23");
  CHECK(first.Find("last_year")->Find("value")->scalar == "90");
  REQUIRE(first.Find("points")->items.size() == 6);
  CHECK(first.Find("points")->items[0].Find("label")->scalar == "Mar 2023");
  CHECK(first.Find("points")->items[0].Find("at")->scalar == "2023-03-31");
  CHECK(first.Find("points")->items[0].Find("value")->scalar == "89.5");
  CHECK(first.Find("rag")->scalar == "amber");
  const YamlValue& reviews = list->items[13];
  CHECK(reviews.Find("ref")->scalar == "5.18");
  CHECK(reviews.Find("points")->items[0].Find("value")->IsNull());
  CHECK(reviews.Find("points")->items[0].Find("unavailable")->scalar == kWhy);
  const YamlValue& visits = list->items[7];
  CHECK(visits.Find("ref")->scalar == "3.3");
  CHECK(visits.Find("distance_to_target")->scalar == "-7.2");
  const YamlValue& oversight = list->items[17];
  CHECK(oversight.Find("value")->IsNull());
  CHECK(oversight.Find("numerator")->IsNull());
  CHECK(oversight.Find("not_configured")->scalar == kNeeds);
  // A summary without indicators (not a pack's run) has no such keys.
  history::RunSummary bare;
  CHECK(history::RunSummaryJson(bare).find("indicators") == std::string::npos);
}
