// A rehearsal of the tiny council: stages timed by an injected clock,
// readiness per list, deadlines from the notification.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "test_support.h"

using namespace annexa;

TEST_CASE("rehearse: timed stages, readiness and deadlines in rehearsal.json", "[rehearse]") {
  const std::string out = testing::MakeTempDir();
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, testing::SourceDir() + "/annex_a_specs"};
  double tick = 100;
  ctx.seconds = [&] { return tick += 1; };  // every reading one second later (the tiny config builds Lists 1 and 7)
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
                   "    {\"stage\": \"build the lists\", \"seconds\": 2.000},\n"
                   "    {\"stage\": \"check the lists\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"write the workbook\", \"seconds\": 1.000},\n"
                   "    {\"stage\": \"write the PDF pack\", \"seconds\": 1.000}\n") != std::string::npos);
  CHECK(json->find("\"total_seconds\": 7.000") != std::string::npos);
  CHECK(json->find("\"window_minutes\": 3330") != std::string::npos);
  CHECK(json->find("{\"list\": 2, \"rows\": 0, \"errors\": 0, \"filled_percent\": 100.0, \"status\": \"amber\"}") !=
        std::string::npos);
  CHECK(json->find("{\"name\": \"Inspectors on site\", \"due\": \"Mon 30/11/2026 09:00\", \"minutes_after_notification\": 10050}") !=
        std::string::npos);
  CHECK(ReadFile(out + "/annex_a_001_2026-11-23_pack.pdf").ok());  // the pack is written beside it
}
