// Deadlines from the notification call, with weekends and bank holidays.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/app.h"
#include "test_support.h"
#include "timeline/timeline.h"

using namespace annexa;
using namespace annexa::timeline;

namespace {

const WorkingCalendar& Calendar() {
  static const WorkingCalendar c(*LoadBankHolidays(testing::SourceDir() + "/config/bank-holidays.json"));
  return c;
}

std::vector<std::string> Deadlines(const std::string& notification) {
  auto schedule = LoadSchedule(testing::SourceDir() + "/annex_a_specs/timeline.yaml");
  REQUIRE(schedule.ok());
  const Timeline t = BuildTimeline(*ParseDateTime(notification), *schedule, Calendar());
  std::vector<std::string> out;
  for (const auto& d : t.deadlines) out.push_back(d.due.ToText() + " " + d.name);
  out.push_back("extract from " + t.earliest_extract.ToIso());
  return out;
}

}  // namespace

TEST_CASE("timeline: bank holidays 2018-2030 from the shipped JSON", "[timeline]") {
  const auto& h = Calendar().holidays();
  CHECK(h.size() == 107);
  CHECK(h.count(CivilDate(2026, 12, 28)) == 1);  // Boxing Day, substitute
  CHECK(h.count(CivilDate(2027, 3, 26)) == 1);   // Good Friday
  CHECK(h.count(CivilDate(2022, 9, 19)) == 1);   // the State Funeral
  CHECK(h.begin()->ToIso() == "2018-01-01");
  CHECK(h.rbegin()->ToIso() == "2030-12-26");
  CHECK_FALSE(Calendar().IsWorkingDay(CivilDate(2026, 12, 26)));  // a Saturday
  CHECK(Calendar().IsWorkingDay(CivilDate(2026, 12, 29)));
}

TEST_CASE("timeline: a Monday call, lists due on Wednesday, on site the next Monday", "[timeline]") {
  CHECK(Deadlines("2026-11-23 09:30") == std::vector<std::string>{
                                             "Wed 25/11/2026 17:00 Annex A child-level lists (Lists 1-11)",
                                             "Wed 25/11/2026 17:00 Audited-case list",
                                             "Mon 30/11/2026 09:00 Inspectors on site", "extract from 2026-11-18"});
}

TEST_CASE("timeline: before Christmas, on site moves past the Boxing Day substitute", "[timeline]") {
  CHECK(Deadlines("2026-12-21 10:00") == std::vector<std::string>{
                                             "Wed 23/12/2026 17:00 Annex A child-level lists (Lists 1-11)",
                                             "Wed 23/12/2026 17:00 Audited-case list",
                                             "Tue 29/12/2026 09:00 Inspectors on site", "extract from 2026-12-16"});
}

TEST_CASE("timeline: before Easter, Easter Monday is skipped", "[timeline]") {
  CHECK(Deadlines("2027-03-22 09:00") == std::vector<std::string>{
                                             "Wed 24/03/2027 17:00 Annex A child-level lists (Lists 1-11)",
                                             "Wed 24/03/2027 17:00 Audited-case list",
                                             "Tue 30/03/2027 09:00 Inspectors on site", "extract from 2027-03-17"});
  // A Thursday call before Easter: Good Friday and Easter Monday are not working days.
  CHECK(Deadlines("2027-03-25 11:00")[0] == "Wed 31/03/2027 17:00 Annex A child-level lists (Lists 1-11)");
}

TEST_CASE("timeline: a Friday call, due on Tuesday, on site the Monday after that", "[timeline]") {
  CHECK(Deadlines("2026-11-27 14:00") == std::vector<std::string>{
                                             "Tue 01/12/2026 17:00 Annex A child-level lists (Lists 1-11)",
                                             "Tue 01/12/2026 17:00 Audited-case list",
                                             "Mon 07/12/2026 09:00 Inspectors on site", "extract from 2026-11-18"});
}

TEST_CASE("timeline: schedule and holiday file mistakes are named", "[timeline]") {
  const std::string dir = testing::MakeTempDir();
  const std::string bad = testing::WriteTextFile(dir, "t.yaml", "items:\n  - name: X\n    time: \"25:00\"\n");
  auto s = LoadSchedule(bad);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() == bad + ":2:5: a timeline item needs 'working_day' from 1 to 20, or 'on_site: true'\n" +
                                    bad + ":3:11: 'time' must be HH:MM, not '25:00'");
  auto h = ParseBankHolidaysJson("{\"scotland\": {\"events\": []}}", "h.json");
  REQUIRE_FALSE(h.ok());
  CHECK(h.status().message() == "h.json: not a bank-holidays file (no \"england-and-wales\" events)");
}

TEST_CASE("timeline: the CLI prints every deadline and warns of an old extract", "[timeline]") {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"timeline", "--notification", "2026-11-23 09:30", "--reference-date", "2026-11-17"}, ctx) == 1);
  CHECK(out.str().find("  Wed 25/11/2026 17:00  Annex A child-level lists (Lists 1-11)      (2 days 7h 30m after the call)\n") !=
        std::string::npos);
  CHECK(out.str().find("WARNING: the reference date 17/11/2026 is older than Ofsted allows.\n") != std::string::npos);
  std::ostringstream out2, err2;
  cli::AppContext ctx2{out2, err2, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"timeline", "--notification", "next Monday"}, ctx2) == 2);
}

TEST_CASE("timeline: bank holidays refreshed from a URL and saved", "[timeline]") {
  const std::string dir = testing::MakeTempDir();
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  std::string asked;
  ctx.fetch = [&](const sources::HttpRequest& r) -> Result<sources::HttpResponse> {
    asked = r.url;
    sources::HttpResponse resp;
    resp.status = 200;
    // Only one holiday: Wednesday 25/11/2026 becomes a day off.
    resp.body = R"({"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Test day", "date": "2026-11-25"}]}})";
    return resp;
  };
  CHECK(cli::RunApp({"timeline", "--notification", "2026-11-23 09:30", "--holidays-url",
                     "https://holidays.example/bank-holidays.json", "--save-holidays", dir + "/h.json"},
                    ctx) == 0);
  CHECK(asked == "https://holidays.example/bank-holidays.json");
  CHECK(out.str().find("  Thu 26/11/2026 17:00  Annex A child-level lists") != std::string::npos);
  auto saved = LoadBankHolidays(dir + "/h.json");
  REQUIRE(saved.ok());
  CHECK(saved->size() == 1);
}
