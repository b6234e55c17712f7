// Audit coverage judged by the template's bands (issue 20): not green at 3%.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "audit/coverage.h"
#include "render/audit_pdf.h"
#include "render/pack_template.h"
#include "test_support.h"

using namespace annexa;

namespace {

audit::CoverageRow Row(const std::string& value, int64_t audited, int64_t open) {
  audit::CoverageRow r;
  r.value = value;
  r.audits = audited;
  r.children_audited = audited;
  r.in_cohort = open;
  return r;
}

// The RAG of each row of the section's first table (the cohorts).
std::vector<std::string> CohortRag(const audit::Coverage& c, const render::AuditBands& bands) {
  const render::Section s = render::AuditedCasesSection(&c, CivilDate(2026, 11, 23), 6, bands);
  for (const render::Block& b : s.blocks)
    if (b.kind == render::Block::Kind::kTable) return b.table.rag;
  return {};
}

}  // namespace

TEST_CASE("audit bands: coverage red below the minimum, amber below the upper band, green above", "[render][audit]") {
  audit::Coverage c;
  // 3 of 100 (3%), 7 of 100 (7%), 12 of 100 (12%), none of 40, 10 of 100
  // (10%: at the upper band), no open children.
  c.by_cohort = {Row("a", 3, 100), Row("b", 7, 100), Row("c", 12, 100), Row("d", 0, 40), Row("e", 10, 100),
                 Row("f", 2, -1)};
  CHECK(CohortRag(c, {}) == std::vector<std::string>{"red", "amber", "green", "red", "green", ""});
  CHECK(CohortRag(c, {2, 5}) == std::vector<std::string>{"amber", "green", "green", "red", "green", ""});
}

TEST_CASE("audit bands: read from the template, checked", "[render][audit]") {
  const std::string dir = testing::MakeTempDir();
  auto ok = render::LoadPackTemplate(testing::WriteTextFile(dir, "t.yaml", "audit_coverage: {minimum: 2.5, upper: 8}\n"));
  REQUIRE(ok.ok());
  CHECK(ok->audit_bands.minimum == 2.5);
  CHECK(ok->audit_bands.upper == 8);
  auto defaults = render::LoadPackTemplate(testing::WriteTextFile(dir, "d.yaml", "title: T\n"));
  REQUIRE(defaults.ok());
  CHECK(defaults->audit_bands.minimum == 5);
  CHECK(defaults->audit_bands.upper == 10);
  auto bad = render::LoadPackTemplate(testing::WriteTextFile(dir, "b.yaml", "audit_coverage: {minimum: 20, upper: 110}\n"));
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(),
             Catch::Contains("'audit_coverage' 'upper' must be a percentage from 0 to 100, not '110'"));
  auto crossed = render::LoadPackTemplate(testing::WriteTextFile(dir, "c.yaml", "audit_coverage: {minimum: 20, upper: 10}\n"));
  REQUIRE_FALSE(crossed.ok());
  CHECK_THAT(crossed.status().message(), Catch::Contains("'audit_coverage' minimum is above its upper band"));
}
