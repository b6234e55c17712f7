// A CIN census return read through config/profiles/cin_census.yaml reports
// every event dated after the child's death (DfE rule 8555Q; 4008 for a CIN
// plan): referrals, assessments, CIN plans, S47s and their ICPCs, CP plans
// and their reviews. The expected events are worked out independently by
// tests/mapping/cin_deaths.py (expat, ISO dates compared as text), run on
// the same files; its output is pasted below.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "mapping/pack_fixture.h"

using annexa::testing::SourceDir;

namespace {

annexa::mapping::MappedPack BuildCin(const std::string& xml, const std::string& reference_date) {
  const std::string dir = annexa::testing::MakeTempDir();
  std::filesystem::copy_file(xml, dir + "/cin_census.xml");
  annexa::mapping::PackOptions o;
  o.config_path = SourceDir() + "/config/profiles/cin_census.yaml";
  o.specs_root = SourceDir() + "/annex_a_specs";
  o.data_dir = dir;
  o.reference_date = annexa::CivilDate::Parse(reference_date);
  auto r = annexa::mapping::BuildPack(o);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

// An event after a death as a finding shows it: the line of the record,
// the source (table) it was read into, the dated column, the death date.
using Event = std::tuple<int64_t, std::string, std::string, std::string>;

std::vector<Event> DeathFindings(const annexa::mapping::MappedPack& p) {
  std::vector<Event> out;
  for (const auto& f : p.findings) {
    if (f.code != "source-date-order" || f.source_column != "PersonDeathDate") continue;
    CHECK(f.severity == annexa::Severity::kError);
    // "source row N (record M) of source 'S': 'PersonDeathDate' is before 'C' (cites)"
    const std::string& m = f.message;
    const size_t s = m.find("of source '") + 11, s_end = m.find('\'', s);
    const size_t c = m.find("is before '") + 11, c_end = m.find('\'', c);
    REQUIRE(s_end != std::string::npos);
    REQUIRE(c_end != std::string::npos);
    out.emplace_back(f.source_row, m.substr(s, s_end - s), m.substr(c, c_end - c), f.value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("CIN census deaths: an event of every kind after the death is reported, citing DfE's rule",
          "[mapping][profiles][death]") {
  // cin_deaths.py tests/data/cin_census/death_events.xml:
  //   DEAD-1 Assessments          35 AssessmentActualStartDate 2023-07-05 2023-06-30
  //   DEAD-1 CINPlanDates         42 CINPlanStartDate          2023-08-01 2023-06-30
  //   DEAD-1 Section47            45 DateOfInitialCPC          2023-07-03 2023-06-30
  //   DEAD-1 ChildProtectionPlans 50 CPPreviewDate             2023-08-16 2023-06-30
  //   DEAD-1 CINdetails           61 CINreferralDate           2023-09-01 2023-06-30
  //   DEAD-1 Section47            66 S47ActualStartDate        2023-09-02 2023-06-30
  //   DEAD-1 Section47            66 DateOfInitialCPC          2023-09-20 2023-06-30
  //   DEAD-1 ChildProtectionPlans 71 CPPstartDate              2023-09-20 2023-06-30
  // DEAD-2's referral and assessment on the day of the death are not after
  // it; ALIVE-3 has no death date.
  auto p = BuildCin(SourceDir() + "/tests/data/cin_census/death_events.xml", "2024-03-31");
  const std::string d = "2023-06-30";
  CHECK(DeathFindings(p) == std::vector<Event>{{35, "assessments", "AssessmentActualStartDate", d},
                                               {42, "cin_plans", "CINPlanStartDate", d},
                                               {45, "section47", "DateOfInitialCPC", d},
                                               {50, "cp_reviews", "CPPreviewDate", d},
                                               {61, "episodes", "CINreferralDate", d},
                                               {66, "section47", "DateOfInitialCPC", d},
                                               {66, "section47", "S47ActualStartDate", d},
                                               {71, "cp_plans", "CPPstartDate", d}});
  // Each names the rule it enforces.
  int cited = 0;
  for (const auto& f : p.findings) {
    if (f.code != "source-date-order") continue;
    const bool referral = f.message.find("'CINreferralDate'") != std::string::npos;
    const bool plan = f.message.find("'CINPlanStartDate'") != std::string::npos;
    const std::string cite = referral ? " (DfE rule 8555Q: no referral after the child's death)"
                             : plan   ? " (DfE rule 4008: no CIN plan after the child's death)"
                                      : " (no event after the child's death, as DfE rule 8555Q)";
    CHECK(f.message.size() > cite.size());
    CHECK(f.message.substr(f.message.size() - cite.size()) == cite);
    ++cited;
  }
  CHECK(cited == 8);
}

TEST_CASE("CIN census deaths: the public sample's 30 referrals after a death, exactly",
          "[mapping][profiles][death][samples]") {
  // cin_deaths.py tests/data/samples/public/cin_census/d2i_fake_CIN_data.xml
  // (the file has no assessments, plans or S47s: every event is a referral):
  const std::vector<std::tuple<std::string, int64_t, std::string>> expected = {
      {"RND000958425881", 441, "2007-07-04"},  {"RND000784982652", 916, "2010-06-18"},
      {"RND000784982652", 925, "2010-06-18"},  {"RND000241874800", 1487, "2004-08-26"},
      {"RND000409224929", 1543, "2017-03-27"}, {"RND000319972816", 1958, "2011-12-18"},
      {"RND000319972816", 1967, "2011-12-18"}, {"RND000055985060", 2233, "2012-03-23"},
      {"RND000055985060", 2242, "2012-03-23"}, {"RND000628165525", 2281, "2020-09-05"},
      {"RND000606201353", 2450, "2022-02-26"}, {"RND000606201353", 2459, "2022-02-26"},
      {"RND000606201353", 2468, "2022-02-26"}, {"RND000216102220", 2617, "2008-12-08"},
      {"RND000627202323", 2877, "2013-11-26"}, {"RND000627202323", 2886, "2013-11-26"},
      {"RND000278246033", 3157, "2010-05-29"}, {"RND000626970801", 3643, "2018-02-25"},
      {"RND000929817765", 3662, "2019-08-05"}, {"RND000730290306", 3683, "2020-06-09"},
      {"RND000730290306", 3692, "2020-06-09"}, {"RND000424634735", 4408, "2011-07-29"},
      {"RND000823431582", 4930, "2008-09-25"}, {"RND000823431582", 4939, "2008-09-25"},
      {"RND000823431582", 4948, "2008-09-25"}, {"RND000138103658", 5122, "2018-05-03"},
      {"RND000293974396", 6151, "2005-10-05"}, {"RND000172187785", 6248, "2019-05-02"},
      {"RND000917307767", 6453, "2015-11-02"}, {"RND000059988119", 6650, "2012-03-19"}};
  std::vector<Event> want;
  for (const auto& [child, line, death] : expected) want.emplace_back(line, "episodes", "CINreferralDate", death);
  for (const std::string sample : {"public/cin_census/d2i_fake_CIN_data.xml", "cin_census/fake_cin_332_children.xml"}) {
    INFO(sample);
    auto p = BuildCin(annexa::testing::SampleFile(sample), "2022-03-31");
    CHECK(DeathFindings(p) == want);
  }
}
