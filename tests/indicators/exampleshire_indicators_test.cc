// Exampleshire's pack shows all 17 of the seed's measures computed (issue
// 20's first acceptance point): each numerator and denominator below was
// worked out independently of annexa, from the raw CSVs, by
// tests/indicators/exampleshire_seed_measures.py (run it again when the data
// or a definition changes). Also: the config's indicator_sources checked at
// load, and a role left out shown as "not configured".
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "indicators/indicator_spec.h"
#include "indicators/key_indicators.h"
#include "mapping/pack_builder.h"
#include "pack/indicator_history.h"
#include "pack/past_lists.h"
#include "pack/pack_steps.h"
#include "test_support.h"
#include "timeline/timeline.h"

using namespace annexa;

namespace {

std::string SpecsDir() { return testing::SourceDir() + "/annex_a_specs"; }

// Exampleshire's config with `edit` applied (from -> to), written beside a
// base_dir pointing at the committed data.
std::string ConfigWith(const std::string& from, const std::string& to) {
  std::ifstream in(testing::SourceDir() + "/config/exampleshire.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string base = "base_dir: ../examples/exampleshire/data";
  REQUIRE(text.find(base) != std::string::npos);
  text.replace(text.find(base), base.size(), "base_dir: " + testing::SourceDir() + "/examples/exampleshire/data");
  if (!from.empty()) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  }
  return testing::WriteTextFile(testing::MakeTempDir(), "exampleshire.yaml", text);
}

struct Built {
  mapping::MappedPack pack;
  std::vector<indicators::Indicator> indicators;
};

Built Compute(const std::string& config_path) {
  mapping::PackOptions o;
  o.config_path = config_path;
  o.specs_root = SpecsDir();
  auto pack = mapping::BuildPack(o);
  REQUIRE(pack.ok());
  auto specs = pack::LoadPackIndicators(SpecsDir(), config_path, *pack);
  if (!specs.ok()) FAIL(specs.status().message());
  pack->indicator_specs = *specs;
  auto holidays = timeline::LoadBankHolidays(testing::SourceDir() + "/config/bank-holidays.json");
  REQUIRE(holidays.ok());
  pack->facts.calendar = WorkingCalendar(std::move(*holidays));
  Built b{std::move(*pack), {}};
  b.indicators = indicators::ComputeIndicators(b.pack.lists, pack::IndicatorOptionsFor(b.pack));
  return b;
}

indicators::Indicator Get(const std::vector<indicators::Indicator>& all, const std::string& id) {
  for (const indicators::Indicator& i : all)
    if (i.id == id) return i;
  FAIL("no indicator " << id);
  throw 0;
}

std::string LoadError(const std::string& config_path) {
  mapping::PackOptions o;
  o.config_path = config_path;
  o.specs_root = SpecsDir();
  auto pack = mapping::LoadPackConfig(o);
  if (!pack.ok()) return pack.status().message();
  auto specs = pack::LoadPackIndicators(SpecsDir(), config_path, *pack);
  REQUIRE_FALSE(specs.ok());
  return specs.status().message();
}

}  // namespace

TEST_CASE("Exampleshire: the seed's 17 measures, each computed and pinned", "[indicators][exampleshire]") {
  const Built b = Compute(testing::SourceDir() + "/config/exampleshire.yaml");
  // id, numerator, denominator (0: a count): tests/indicators/exampleshire_seed_measures.py's output.
  const std::vector<std::tuple<std::string, int64_t, int64_t>> want = {
      {"management-oversight-8-weeks", 337, 385},
      {"cin-excluding-cp-cla", 261, 0},
      {"cp-cohort", 28, 0},
      {"cla-cohort", 97, 0},
      {"contacts-completed-1-day", 1280, 1413},
      {"assessments-45-days-ytd", 443, 455},
      {"cin-with-plan", 199, 261},
      {"cin-visited-4-weeks", 152, 261},
      {"cp-visited-10-days", 28, 28},
      {"cla-assessments-missing-or-old", 6, 97},
      {"cla-visited-6-weeks", 97, 97},
      {"cin-plans-reviewed-3-months", 111, 199},
      {"cp-reviews-in-time", 28, 28},
      {"cla-reviews-in-time", 123, 129},
      {"leavers-in-touch", 61, 66},
      {"leavers-eet", 46, 66},
      {"leavers-suitable", 60, 66},
  };
  REQUIRE(b.indicators.size() >= want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const auto& [id, num, den] = want[i];
    const indicators::Indicator& ind = b.indicators[i];
    INFO(id);
    CHECK(ind.id == id);  // the seed's order, first
    CHECK(ind.not_configured.empty());
    CHECK(ind.numerator == num);
    CHECK(ind.denominator == den);
    if (den == 0) CHECK(ind.value == num);
    else CHECK(ind.value == Approx(100.0 * num / den));
  }
  // RAG by the seed's bands: 337/385 = 87.5% is below the minimum 90: red.
  CHECK(Get(b.indicators, "management-oversight-8-weeks").rag == "red");
  CHECK(Get(b.indicators, "cla-visited-6-weeks").rag == "green");
  CHECK(Get(b.indicators, "cla-assessments-missing-or-old").rag == "amber");  // 6.2% between 5 and 10
}

TEST_CASE("Exampleshire: an indicator source left out is not configured, never zero", "[indicators][exampleshire]") {
  const std::string line =
      "  management_oversight: {source: management_oversight, columns: {child_id: PERSON_ID, oversight_date: "
      "OVERSIGHT_DATE}}\n";
  const Built b = Compute(ConfigWith(line, ""));
  const indicators::Indicator& m = Get(b.indicators, "management-oversight-8-weeks");
  CHECK(std::isnan(m.value));
  CHECK(m.numerator == 0);
  CHECK(m.rag.empty());
  CHECK_THAT(m.not_configured, Catch::Contains("indicator_sources.management_oversight"));
  CHECK(Get(b.indicators, "cin-visited-4-weeks").numerator == 152);
}

TEST_CASE("Exampleshire: indicator_sources are checked at load", "[indicators][exampleshire]") {
  const std::string visits =
      "  visits: {source: visits, columns: {child_id: PERSON_ID, visit_date: VISIT_DATE}, where: {VISIT_TYPE: [SW]}}\n";
  CHECK_THAT(LoadError(ConfigWith(visits, "  visit: {source: visits, columns: {child_id: PERSON_ID}}\n")),
             Catch::Contains("exampleshire.yaml:22: indicator_sources: 'visit': no indicator source role is called "
                             "that (the roles: cin_plan_reviews, cla_assessments, contact_completion, "
                             "management_oversight, visits)"));
  CHECK_THAT(LoadError(ConfigWith(visits, "  visits: {source: visits, columns: {child_id: PERSON_ID, seen: X}}\n")),
             Catch::Contains("exampleshire.yaml:22: indicator_sources: 'visits': 'columns' does not map the role's "
                             "column 'visit_date'") &&
                 Catch::Contains("'columns' maps 'seen', not a column of the role"));
  CHECK_THAT(LoadError(ConfigWith(visits, "  visits: {source: home_visits, columns: {child_id: PERSON_ID, visit_date: D}}\n")),
             Catch::Contains("indicator source 'visits': 'source' names unknown source 'home_visits'"));
}

TEST_CASE("Exampleshire: indicator_sources' own mistakes are the config's, at their line", "[indicators][exampleshire]") {
  const std::string visits =
      "  visits: {source: visits, columns: {child_id: PERSON_ID, visit_date: VISIT_DATE}, where: {VISIT_TYPE: [SW]}}\n";
  CHECK_THAT(LoadError(ConfigWith(visits, "  visits: {source: visits, colums: {child_id: PERSON_ID}}\n")),
             Catch::Contains("exampleshire.yaml:22:") &&
                 Catch::Contains("unknown key 'colums' in indicator source 'visits' (expected one of: source, columns, "
                                 "where, date_format)"));
  CHECK_THAT(LoadError(ConfigWith(visits, "  visits: {source: visits, columns: {child_id: PERSON_ID, visit_date: "
                                          "VISIT_DATE}, date_format: QQ-QQ}\n")),
             Catch::Contains("indicator source 'visits': unknown date format 'QQ-QQ'"));
}

TEST_CASE("Exampleshire: a council's own indicators file", "[indicators][exampleshire]") {
  const std::string dir = testing::MakeTempDir();
  const std::string own = testing::WriteTextFile(dir, "our_indicators.yaml",
                                                 "indicators:\n"
                                                 "  - id: our-care-leavers\n"
                                                 "    reference: X1\n"
                                                 "    title: Care leavers on List 9\n"
                                                 "    definition: every List 9 row\n"
                                                 "    unit: count\n"
                                                 "    count: {list: 9}\n");
  const Built b = Compute(ConfigWith("indicator_sources:\n", "indicators_file: " + own + "\nindicator_sources:\n"));
  REQUIRE(b.indicators.size() > 17);
  const indicators::Indicator& ours = b.indicators[17];  // after the shipped 17, before the built-in table
  CHECK(ours.id == "our-care-leavers");
  CHECK(ours.value == 66);  // care_leavers.csv's 66 rows, all in people.csv (the script's List 9)
  SECTION("a mistake in it stops the load, naming its line") {
    const std::string bad = testing::WriteTextFile(dir, "bad.yaml",
                                                   "indicators:\n  - id: x\n    reference: X\n    title: t\n"
                                                   "    definition: d\n    unit: count\n    count: {list: 9, where: "
                                                   "[{column: in_touch, in: [a) Yes]}, {check: in_touch_often}]}\n");
    CHECK_THAT(LoadError(ConfigWith("indicator_sources:\n", "indicators_file: " + bad + "\nindicator_sources:\n")),
               Catch::Contains("bad.yaml:7:") && Catch::Contains("unknown check 'in_touch_often'"));
  }
}

// Issue 20, trends: an extra source the council marks as holding only the
// current state cannot say what held at a past month end, so an indicator
// reading it (3.3 reads the visits source) has every past point "not
// available" with the source named, and its point at R is the headline;
// one not reading it (1.3, List 7 only) keeps its past values.
TEST_CASE("exampleshire indicators: an extra source with history: current_only has no past points",
          "[indicators][history]") {
  Built b = Compute(ConfigWith("  visits: visits.csv\n", "  visits: {file: visits.csv, history: current_only}\n"));
  Result<pack::IndicatorHistory> history =
      pack::ComputeIndicatorHistory(b.pack, pack::IndicatorOptionsFor(b.pack));
  INFO(history.status().message());
  REQUIRE(history.ok());
  pack::ApplyIndicatorHistory(*history, b.pack.facts.reference_date, &b.indicators);
  const indicators::Indicator visited = Get(b.indicators, "cin-visited-4-weeks");
  REQUIRE(visited.points.size() == 6);
  CHECK(visited.points[0].unavailable ==
        "not available at 30/06/2026: source 'visits' holds only the current state (history: current_only)");
  CHECK(std::isnan(visited.points[4].value));
  CHECK(visited.points[5].value == Approx(100.0 * 152 / 261));  // R's point: the headline
  REQUIRE(visited.last_year);
  CHECK(visited.last_year->unavailable ==
        "not available at 31/03/2026: source 'visits' holds only the current state (history: current_only)");
  const indicators::Indicator cp = Get(b.indicators, "cp-cohort");
  CHECK(cp.points[4].unavailable == "");
  CHECK_FALSE(std::isnan(cp.points[4].value));
}

// The past dates build only the columns the indicators read (with those
// that say what was known then): every indicator, at every past date, is
// what it is with every column built. A column an indicator reads but does
// not declare would be blank there, and its value would differ.
TEST_CASE("exampleshire indicators: past lists with only the indicators' columns give the same values",
          "[indicators][history]") {
  Built b = Compute(ConfigWith("", ""));
  indicators::IndicatorOptions options = pack::IndicatorOptionsFor(b.pack);
  std::map<int, std::set<std::string>> columns = pack::ProbeIndicatorReads(b.pack, options).columns;
  // A few of the columns learnt, by hand from the definitions: List 6's
  // last-seen date (KI-15), List 8's review date (5.18's named check),
  // List 1 nothing (KI-01 counts its rows).
  CHECK(columns[6].count("date_last_seen") == 1);
  CHECK(columns[8].count("latest_review_date") == 1);
  CHECK(columns.count(1) == 0);
  for (CivilDate at : pack::PastDates(b.pack.facts.reference_date)) {
    INFO(pack::DayMonthYear(at));
    Result<pack::PastLists> all = pack::BuildListsAt(b.pack, at, {});
    Result<pack::PastLists> some = pack::BuildListsAt(b.pack, at, {}, nullptr, &columns);
    REQUIRE(all.ok());
    REQUIRE(some.ok());
    CHECK(all->withheld == some->withheld);
    indicators::IndicatorOptions then = options;
    then.reference_date = at;
    const std::vector<indicators::Indicator> a = indicators::ComputeIndicators(all->lists, then);
    const std::vector<indicators::Indicator> s = indicators::ComputeIndicators(some->lists, then);
    REQUIRE(a.size() == s.size());
    for (size_t i = 0; i < a.size(); ++i) {
      INFO(a[i].id);
      CHECK(a[i].numerator == s[i].numerator);
      CHECK(a[i].denominator == s[i].denominator);
      CHECK((a[i].value == s[i].value || (std::isnan(a[i].value) && std::isnan(s[i].value))));
    }
    // And the lists are smaller: List 1 keeps only its id and window columns.
    for (size_t l = 0; l < some->lists.size(); ++l) {
      if (some->lists[l].spec->number != 1 || some->lists[l].rows.empty()) continue;
      const AnnexList& list = some->lists[l];
      const int source = list.spec->ColumnIndex("contact_source");
      REQUIRE(source >= 0);
      for (const AnnexRow& row : list.rows) CHECK(row.cells[static_cast<size_t>(source)].blank());
    }
  }
}
