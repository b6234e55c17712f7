// Figures in the PDF pack (issue 20): thousands separated, and never
// wrapped inside a table cell.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "cli/app.h"
#include "render/pdf_blocks.h"
#include "test_support.h"

using annexa::render::Count;
using annexa::render::Number;

TEST_CASE("pdf figures: counts and values with thousands separators", "[render][pdf]") {
  CHECK(Count(0) == "0");
  CHECK(Count(999) == "999");
  CHECK(Count(1000) == "1,000");
  CHECK(Count(112000) == "112,000");
  CHECK(Count(1234567) == "1,234,567");
  CHECK(Count(-1234) == "-1,234");
  CHECK(Count(std::numeric_limits<int64_t>::min()) == "-9,223,372,036,854,775,808");
  CHECK(Number(12345.64, "per 10,000") == "12,345.6");
  CHECK(Number(999.96, "per 10,000") == "1,000.0");
  CHECK(Number(1234, "count") == "1,234");
  CHECK(Number(-1234, "count") == "-1,234");
  CHECK(Number(45.67, "%") == "45.7%");
}

TEST_CASE("pdf figures: a six-figure denominator stays on one line of the indicator table", "[render][pdf]") {
  if (annexa::testing::RunCommand("command -v pdftotext").empty()) {
    WARN("pdftotext not installed: not checked (apt-get install poppler-utils)");
    return;
  }
  // The tiny council with a population of 112,000 (its own is 1,000).
  const std::string dir = annexa::testing::MakeTempDir();
  std::string config = annexa::testing::ReadBytes(annexa::testing::SourceDir() + "/tests/golden/tiny/config.yaml");
  const std::string from = "child_population: 1000\n", base = "base_dir: data\n";
  REQUIRE(config.find(from) != std::string::npos);
  config.replace(config.find(from), from.size(), "child_population: 112000\n");
  config.replace(config.find(base), base.size(),
                 "base_dir: " + annexa::testing::SourceDir() + "/tests/golden/tiny/data\n");
  const std::string path = annexa::testing::WriteTextFile(dir, "config.yaml", config);
  std::ostringstream o, e;
  annexa::cli::AppContext ctx{o, e, annexa::Resources::Under(annexa::testing::SourceDir())};
  annexa::cli::RunApp({"generate", "--config", path, "--out", dir + "/out", "--generated-at", "2026-11-23T09:30:00",
                       "--quiet"},
                      ctx);
  const std::string text = annexa::testing::RunCommand("pdftotext -layout '" + dir +
                                                       "/out/annex_a_001_2026-11-23_pack.pdf' - 2>/dev/null");
  REQUIRE(!text.empty());
  // KI-25 (the tiny council's one child on a plan) divides by the
  // population: its row shows it whole.
  for (const char* ref : {"KI-25"}) {
    INFO(ref);
    const size_t at = text.find(std::string("\n") + ref + " ");
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    CHECK(line.find(" 112,000 ") != std::string::npos);
  }
  CHECK(text.find("11200\n") == std::string::npos);
}
