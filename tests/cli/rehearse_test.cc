// A rehearsal of the tiny council: stages timed by an injected clock,
// readiness per list, deadlines from the notification.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "render/rehearsal_pdf.h"
#include "test_support.h"

using namespace annexa;

namespace {

// True when a line of `text` matches `pattern` (std::regex, searched).
bool HasLine(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, re)) return true;
  return false;
}

}  // namespace

TEST_CASE("rehearse: timed stages, readiness and deadlines in rehearsal.json", "[rehearse]") {
  const std::string out = testing::MakeTempDir();
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  double tick = 100;
  // Every reading one second later: the clock is read at the start, at each
  // of the five stage changes after the first and at the end, so each of
  // the six stages takes one second and the run six.
  ctx.seconds = [&] { return tick += 1; };
  const int rc = cli::RunApp({"rehearse", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml",
                              "--notification", "2026-11-23 09:30", "--out", out},
                             ctx);
  INFO(o.str() << e.str());
  CHECK(rc == 1);  // List 7 is under 85% filled with an error per row: red
  auto json = ReadFile(out + "/rehearsal.json");
  REQUIRE(json.ok());
  CHECK(json->find("\"notification\": \"Mon 23/11/2026 09:30\"") != std::string::npos);
  CHECK(json->find("    {\"stage\": \"load the config and specs\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"read the sources\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"build the lists\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"check the lists\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"write the workbook\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"write the PDF pack\", \"seconds\": 1.000}\n") != std::string::npos);
  CHECK(json->find("\"total_seconds\": 6.000") != std::string::npos);
  CHECK(json->find("\"window_minutes\": 3330") != std::string::npos);
  CHECK(json->find("{\"list\": 2, \"rows\": 0, \"errors\": 0, \"filled_percent\": 100.0, \"status\": \"amber\"}") !=
        std::string::npos);
  CHECK(json->find("{\"name\": \"Inspectors on site\", \"due\": \"Mon 30/11/2026 09:00\", \"minutes_after_notification\": 10050}") !=
        std::string::npos);
  CHECK(ReadFile(out + "/annex_a_001_2026-11-23_pack.pdf").ok());  // the pack is written beside it
  // The readiness report as a PDF: lists with their status, deadlines with
  // the time left after the 6-second run (rounded up to a minute).
  const std::string text = testing::RunCommand("pdftotext -layout '" + out + "/rehearsal.pdf' - 2>/dev/null");
  CHECK_THAT(text, Catch::Contains("Rehearsal readiness report"));
  CHECK_THAT(text, Catch::Contains("Mon 23/11/2026 09:30"));
  CHECK_THAT(text, Catch::Contains("0 green, 10 amber, 1 red"));
  CHECK(HasLine(text, "Mon 30/11/2026 09:00 +Inspectors on site +167h 30m +167h 29m"));
  CHECK(HasLine(text, "build the lists +1\\.00 s +16\\.7%"));
  CHECK_THAT(o.str(), Catch::Contains("rehearsal.pdf (and the pack beside them)"));
}

TEST_CASE("rehearse: hours and minutes", "[rehearse]") {
  CHECK(render::HoursMinutes(3330) == "55h 30m");
  CHECK(render::HoursMinutes(5) == "0h 05m");
  CHECK(render::HoursMinutes(-10) == "-0h 10m");
}

TEST_CASE("rehearse: Exampleshire's rehearsal writes the report beside a full pack with its audit coverage",
          "[rehearse]") {
  const std::string out = testing::MakeTempDir() + "/drill";
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp({"rehearse", "--config", testing::SourceDir() + "/config/exampleshire.yaml",
                              "--notification", "2026-11-23 09:30", "--out", out},
                             ctx);
  INFO(e.str());
  CHECK(rc == 1);  // List 10 is 66% filled with errors: red (no clock: the run takes 0 s)
  CHECK(HasLine(o.str(), "^ +10 +12 +3 +66\\.1% +red$"));
  const std::string text = testing::RunCommand("pdftotext -layout '" + out + "/rehearsal.pdf' - 2>/dev/null");
  // Since the data rules (issue 21) List 11 is red too: six of its adopters
  // (ADP00017-20, 24, 25 in examples/exampleshire/data/adopters.csv) keep a
  // reason for leaving whose leaving date falls after the reference date
  // and is left blank, which adopter-reason-blank-without-leaving reports.
  CHECK_THAT(text, Catch::Contains("0 green, 9 amber, 2 red"));
  CHECK(HasLine(text, "Wed 25/11/2026 17:00 +Audited-case list +55h 30m +55h 30m"));
  auto json = ReadFile(out + "/rehearsal.json");
  REQUIRE(json.ok());
  CHECK(json->find("{\"list\": 10, \"rows\": 12, \"errors\": 3, \"filled_percent\": 66.1, \"status\": \"red\"}") !=
        std::string::npos);
  auto coverage = ReadFile(out + "/annex_a_999_2026-11-23_audit_coverage.csv");
  REQUIRE(coverage.ok());
  CHECK(coverage->find("cohort,Child protection,0,0,28,0.0\r\n") != std::string::npos);
  const std::string pack = testing::RunCommand("pdftotext -layout '" + out + "/annex_a_999_2026-11-23_pack.pdf' - 2>/dev/null");
  CHECK(HasLine(pack, "^warning +audit-cohort-not-covered +no audited cases of children on child protection plans"));
}
