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
  // Red: List 1 (one error in its 3 rows) and List 7 (two columns every
  // row must fill not mapped). Readiness once read "filled" over optional
  // columns too, which made List 1 amber; it reads the must-fill columns
  // and the errors per 100 rows now (validate/readiness.h).
  CHECK(rc == 1);
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
  // List 2 is not mapped: no rows (amber) and its list-not-mapped warning.
  CHECK(json->find("{\"list\": 2, \"rows\": 0, \"errors\": 0, \"warnings\": 1, \"explained\": 0, "
                   "\"required_filled_percent\": 100.0, \"filled_percent\": 100.0, \"status\": \"amber\", "
                   "\"reason\": \"no rows (an empty list may be right: check its source is mapped and read)\"") !=
        std::string::npos);
  // List 1: contact 3 (contacts.csv row 4) has source ZZZ, no code.
  CHECK_THAT(o.str(), Catch::Contains("  List 1 (red): 1 error in 'Contact Source'\n"
                                      "    1. not-a-code in 'Contact Source': contacts.csv row 4, column SRC (1 finding in "
                                      "List 1)\n"));
  // List 7 maps neither disability (required: an error) nor the EPO column
  // (expected: a warning): both 100% blank; neither has a source cell.
  CHECK_THAT(o.str(), Catch::Contains(
                          "  List 7 (red): 'Does the Child have a Disability' 100% blank; 'Subject to Emergency "
                          "Protection Order or Protected Under Police Powers in Last Six Months (Y/N)' 100% blank\n"
                          "    1. required-column-not-mapped in 'Does the Child have a Disability': List 7 (1 finding in "
                          "List 7)\n"
                          "    2. column-not-mapped in 'Subject to Emergency Protection Order or Protected Under Police "
                          "Powers in Last Six Months (Y/N)': List 7 (1 finding in List 7)\n"));
  CHECK(json->find("{\"name\": \"Inspectors on site\", \"due\": \"Mon 30/11/2026 09:00\", \"minutes_after_notification\": 10050}") !=
        std::string::npos);
  CHECK(ReadFile(out + "/annex_a_001_2026-11-23_pack.pdf").ok());  // the pack is written beside it
  // The readiness report as a PDF: lists with their status, deadlines with
  // the time left after the 6-second run (rounded up to a minute).
  const std::string text = testing::RunCommand("pdftotext -layout '" + out + "/rehearsal.pdf' - 2>/dev/null");
  CHECK_THAT(text, Catch::Contains("Rehearsal readiness report"));
  CHECK_THAT(text, Catch::Contains("Mon 23/11/2026 09:30"));
  CHECK_THAT(text, Catch::Contains("0 green, 9 amber, 2 red"));
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
  // List 10 is red (no clock: the run takes 0 s): its one error in 12 rows
  // is people.csv row 1372's gender X (the generator's unknown-code
  // defect). It was 3 errors and 66% filled under the old readiness, which
  // counted optional columns; the other two were blank disabilities, which
  // the config now maps to c) Unknown as Exampleshire's README says.
  CHECK(rc == 1);
  CHECK(HasLine(o.str(), "^ +10 +12 +1 +0 +100\\.0% +67\\.2% +red$"));
  CHECK_THAT(o.str(), Catch::Contains("  List 10 (red): 1 error in 'Gender'\n"
                                      "    1. not-a-code in 'Gender': people.csv row 1372, column people.GENDER (3 "
                                      "findings in Lists 6, 8, 10)\n"));
  const std::string text = testing::RunCommand("pdftotext -layout '" + out + "/rehearsal.pdf' - 2>/dev/null");
  // Lists 9 and 11 were green before the data rules (issue 21); now both are
  // red (more than 2 errors per 100 rows): List 9's care leaver at
  // care_leavers.csv row 54 is not in touch yet has accommodation,
  // suitability and activity (3 errors in 66 rows), and six of List 11's
  // adopters (adopters.csv rows 18-20 ...) keep a reason for leaving whose
  // leaving date falls after the reference date and is left blank.
  CHECK_THAT(text, Catch::Contains("2 green, 5 amber, 4 red"));
  CHECK(HasLine(text, "Wed 25/11/2026 17:00 +Audited-case list +55h 30m +55h 30m"));
  auto json = ReadFile(out + "/rehearsal.json");
  REQUIRE(json.ok());
  CHECK(json->find("{\"list\": 10, \"rows\": 12, \"errors\": 1, \"warnings\": 0, \"explained\": 0, "
                   "\"required_filled_percent\": 100.0, \"filled_percent\": 67.2, \"status\": \"red\", "
                   "\"reason\": \"1 error in 'Gender'\"") != std::string::npos);
  auto coverage = ReadFile(out + "/annex_a_999_2026-11-23_audit_coverage.csv");
  REQUIRE(coverage.ok());
  CHECK(coverage->find("cohort,Child protection,0,0,28,0.0\r\n") != std::string::npos);
  const std::string pack = testing::RunCommand("pdftotext -layout '" + out + "/annex_a_999_2026-11-23_pack.pdf' - 2>/dev/null");
  CHECK(HasLine(pack, "^warning +audit-cohort-not-covered +no audited cases of children on child protection plans"));
}
