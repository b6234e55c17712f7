// The indicator table holds what the docs promise (one entry per indicator,
// ids unique, references KI-01 onwards in order), and docs/indicators.md is
// generated from it.
#include "indicators/indicator_table.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "indicators/indicator_spec.h"
#include "indicators/indicators_markdown.h"
#include "test_support.h"

using namespace annexa;

namespace {

std::string Ref(int n) { return std::string("KI-") + (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

const indicators::IndicatorSpecs& Shipped() {
  static const indicators::IndicatorSpecs specs = [] {
    auto r = indicators::LoadIndicatorSpecs(
        {indicators::ShippedIndicatorsFile(testing::SourceDir() + "/annex_a_specs")}, nullptr);
    if (!r.ok()) FAIL(r.status().message());
    return std::move(r).value();
  }();
  return specs;
}

// Issue 20: nine entries (KI-12..14, 16..19, 21, 22) became entries of
// annex_a_specs/indicators.yaml, keeping their ids.
const std::vector<int> kBuiltIn = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 20, 23, 24, 25, 26};

TEST_CASE("indicators: the table is in reference order, each entry complete", "[indicators]") {
  const auto& table = indicators::IndicatorTable();
  REQUIRE(table.size() == kBuiltIn.size());
  std::set<std::string> ids;
  for (size_t i = 0; i < table.size(); ++i) {
    const indicators::IndicatorDef& d = table[i];
    INFO(d.id);
    CHECK(d.reference == Ref(kBuiltIn[i]));
    CHECK(ids.insert(d.id).second);
    CHECK_FALSE(d.title.empty());
    CHECK_FALSE(d.definition.empty());
    CHECK_FALSE(d.period.empty());
    CHECK(d.compute != nullptr);
    // Only the rates need the child population, and they are per 10,000.
    CHECK(d.needs_child_population == (d.unit == "per 10,000"));
  }
}

TEST_CASE("indicators: docs/indicators.md is the current output of IndicatorsMarkdown", "[indicators]") {
  auto doc = ReadFile(testing::SourceDir() + "/docs/indicators.md");
  REQUIRE(doc.ok());
  INFO("regenerate with: ./build/annexa indicators --markdown > docs/indicators.md");
  CHECK(*doc == indicators::IndicatorsMarkdown(Shipped()));
}

TEST_CASE("indicators: the markdown has a row per indicator with its default targets", "[indicators]") {
  const std::string md = indicators::IndicatorsMarkdown(Shipped());
  CHECK(md.rfind("# Key indicators\n", 0) == 0);
  CHECK(md.find("| KI-01 | `contact-conversion` | Contacts that became referrals |") != std::string::npos);
  // No trend column since issue 20: every indicator's points are it rebuilt
  // at each month end (the Trends section says how), so the row ends here.
  CHECK(md.find("| six months | % | minimum 80, upper 90, higher is better |\n") != std::string::npos);
  CHECK(md.find("| rolling year | % | minimum 12, upper 10, lower is better |") != std::string::npos);
  CHECK(md.find("| snapshot | count | none |") != std::string::npos);
  CHECK(md.find("| KI-26 | `cla-rate` | Children in care per 10,000 children |") != std::string::npos);
  // The seed's measures, written as data, come first, with their sources.
  CHECK(md.find("| 1.1 | `management-oversight-8-weeks` |") != std::string::npos);
  CHECK(md.find("| 5.10 | `cla-assessments-missing-or-old` |") != std::string::npos);
  CHECK(md.find("| snapshot | % | minimum 10, upper 5, lower is better | `cla_assessments` |") != std::string::npos);
  CHECK(md.find("| 1.1 |") < md.find("| KI-01 |"));
  // KI-01 comes before KI-02 ... before KI-26, and there is no KI-27.
  size_t at = 0;
  for (int i : kBuiltIn) {
    const size_t found = md.find("| " + Ref(i) + " | `");
    INFO(Ref(i));
    REQUIRE(found != std::string::npos);
    CHECK(found > at);
    at = found;
  }
  CHECK(md.find("| KI-27 |") == std::string::npos);
}
