// pack::RunPack as a library call: the stages an observer hears, the
// facts of the run, the working-day calendar reaching the indicators, and
// a failed run leaving the output folder as it was.
#include "pack/run_pack.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/file_util.h"
#include "test_support.h"

namespace annexa {
namespace {

// One assessment of one child: started Mon 03/08/2026, authorised Tue
// 06/10/2026. Counted by hand (and by a separate script), exclusive of the
// start and inclusive of the end: 46 weekdays, 45 working days once the
// Summer bank holiday (Mon 31/08/2026, England and Wales) is skipped. So
// within 45 working days only when the calendar knows the holiday.
std::string WriteCouncil(const std::string& dir) {
  testing::WriteTextFile(dir, "data/people.csv", "ID,SEX,ETH,DOB\nC1,F,WBRI,23/11/2010\n");
  testing::WriteTextFile(dir, "data/assessments.csv",
                         "ID,START,SEEN,AUTH,NEED,TEAM,WORKER\nC1,03/08/2026,Y,06/10/2026,Y,Team A,W1\n");
  return testing::WriteTextFile(dir, "config.yaml", R"(council: Calendarshire
la_code: "002"
spec: ilacs-2023
reference_date: 2026-11-23
base_dir: data
sources:
  people: people.csv
  assessments: assessments.csv
code_maps:
  gender: {M: "a) Male", F: "b) Female"}
  yn: {Y: "a) Yes", N: "b) No"}
lists:
  4:
    from: assessments
    join: [{table: people, on: ID}]
    window: {start: assessment_start_date, end: assessment_authorised_date}
    columns:
      child_id: ID
      gender: {column: people.SEX, map: gender}
      ethnicity: people.ETH
      date_of_birth: people.DOB
      age: {derive: age}
      disability: {value: "b) No"}
      assessment_start_date: START
      child_seen: {column: SEEN, map: yn}
      assessment_authorised_date: AUTH
      requiring_support: {column: NEED, map: yn}
      allocated_team: TEAM
      allocated_worker: WORKER
)");
}

pack::PackRequest Request(const std::string& config, const std::string& out) {
  pack::PackRequest r;
  r.config_path = config;
  r.out_dir = out;
  r.resources = Resources::Under(testing::SourceDir());
  r.generated_at = "2026-11-23T09:30:00";
  return r;
}

const indicators::Indicator& Find(const pack::PackResult& r, const std::string& id) {
  for (const indicators::Indicator& i : r.indicators)
    if (i.id == id) return i;
  FAIL("no indicator " << id);
  return r.indicators.front();
}

struct Recorder : pack::PackObserver {
  std::vector<std::string> events;
  size_t findings_calls = 0;
  void StageStarted(pack::Stage s) override { events.push_back("start " + std::string(pack::StageName(s))); }
  void StageFinished(pack::Stage s) override { events.push_back("end " + std::string(pack::StageName(s))); }
  void FindingsReady(const Findings&) override { ++findings_calls; }
};

TEST_CASE("RunPack: the working-day indicators skip the bank holidays of the run's calendar", "[pack]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = WriteCouncil(dir);

  // config/bank-holidays.json holds 31/08/2026: 45 working days, in time.
  Result<pack::PackResult> with = pack::RunPack(Request(config, dir + "/with"));
  REQUIRE(with.ok());
  CHECK(with->facts.calendar.IsHoliday(CivilDate(2026, 8, 31)));
  const indicators::Indicator& ki04 = Find(*with, "assessments-in-45-days");
  CHECK(ki04.numerator == 1);
  CHECK(ki04.denominator == 1);

  // A calendar with no bank holidays: 46 working days, late.
  pack::PackRequest bare = Request(config, dir + "/bare");
  bare.calendar = WorkingCalendar();
  Result<pack::PackResult> without = pack::RunPack(bare);
  REQUIRE(without.ok());
  CHECK(Find(*without, "assessments-in-45-days").numerator == 0);
  CHECK(Find(*without, "assessments-in-45-days").denominator == 1);
}

TEST_CASE("RunPack: the observer hears every stage in order, the facts are the run's", "[pack]") {
  const std::string dir = testing::MakeTempDir();
  Recorder rec;
  Result<pack::PackResult> r = pack::RunPack(Request(WriteCouncil(dir), dir + "/out"), &rec);
  REQUIRE(r.ok());
  CHECK(rec.events == std::vector<std::string>{
                          "start load the config and specs", "end load the config and specs",
                          "start read the sources", "end read the sources",
                          "start build the lists", "end build the lists",
                          "start check the lists", "end check the lists",
                          "start write the workbook", "end write the workbook",
                          "start write the PDF pack", "end write the PDF pack"});
  CHECK(rec.findings_calls == 1);
  CHECK(r->facts.council == "Calendarshire");
  CHECK(r->facts.la_code == "002");
  CHECK(r->facts.spec_id == "ilacs-2023");
  CHECK(r->facts.reference_date == CivilDate(2026, 11, 23));
  CHECK(r->facts.generated_at == "2026-11-23T09:30:00");
  CHECK(r->facts.PackStem() == "annex_a_002_2026-11-23");
  REQUIRE(r->lists.size() == 11);
  CHECK(r->lists[3].number == 4);
  CHECK(r->lists[3].rows == 1);
  CHECK(r->lists[3].account.read == 1);
  CHECK(r->files.front() == dir + "/out/annex_a_002_2026-11-23.xlsx");
  CHECK(testing::DirEntries(dir + "/out") ==
        std::set<std::string>{"annex_a_002_2026-11-23.xlsx", "annex_a_002_2026-11-23_qa.xlsx", "annex_a_002_2026-11-23_pack.pdf",
                              "annex_a_002_2026-11-23_findings.csv", "annex_a_002_2026-11-23_completeness.csv",
                              "annex_a_002_2026-11-23_run.json",
                              "annex_a_002_2026-11-23_indicators.csv"});  // issue 20
}

TEST_CASE("RunPack: a source that cannot be read leaves the output folder as it was", "[pack]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = WriteCouncil(dir);
  REQUIRE(pack::RunPack(Request(config, dir + "/out")).ok());
  const auto before = testing::DirSnapshot(dir + "/out");
  std::remove((dir + "/data/assessments.csv").c_str());
  Result<pack::PackResult> r = pack::RunPack(Request(config, dir + "/out"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  CHECK(r.status().message().find("assessments.csv") != std::string::npos);
  CHECK(testing::DirSnapshot(dir + "/out") == before);
  CHECK(testing::DirEntries(dir) == std::set<std::string>{"config.yaml", "data", "out"});  // no staging left behind
}

TEST_CASE("RunPack: the audited-case kind needs an audit section", "[pack]") {
  const std::string dir = testing::MakeTempDir();
  pack::PackRequest r = Request(WriteCouncil(dir), dir + "/out");
  r.kind = pack::PackKind::kAuditedCases;
  Result<pack::PackResult> got = pack::RunPack(r);
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().code() == StatusCode::kInvalidArgument);
  CHECK(got.status().message() == dir + "/config.yaml maps no audited-case list: add an 'audit:' section "
                                        "(docs/config.md, \"The audited-case list\")");
  CHECK(testing::DirEntries(dir) == std::set<std::string>{"config.yaml", "data"});
}

// Issue 20: every generate computes the indicators' six monthly points and
// last year's outturn from the lists rebuilt at each past date, and says
// so. The one assessment (started 03/08/2026, authorised 06/10/2026, 45
// working days with the Summer bank holiday) is not in List 4 before it
// started (30/06, 31/07: nothing to count), open at 31/08 and 30/09 (its
// authorisation had not happened: not in the denominator), and in time at
// 31/10 and at R.
TEST_CASE("RunPack: the indicators' past points are rebuilt at each month end", "[pack][history]") {
  struct Lines : pack::PackObserver {
    std::vector<std::string> lines;
    void Progress(const std::string& line) override {
      if (line.rfind("rebuilding", 0) == 0) lines.push_back(line);
    }
  } heard;
  const std::string dir = testing::MakeTempDir();
  Result<pack::PackResult> r = pack::RunPack(Request(WriteCouncil(dir), dir + "/out"), &heard);
  REQUIRE(r.ok());
  CHECK(heard.lines == std::vector<std::string>{
                           "rebuilding the lists at 31/03/2026 for the key indicators",
                           "rebuilding the lists at 30/06/2026 for the key indicators",
                           "rebuilding the lists at 31/07/2026 for the key indicators",
                           "rebuilding the lists at 31/08/2026 for the key indicators",
                           "rebuilding the lists at 30/09/2026 for the key indicators",
                           "rebuilding the lists at 31/10/2026 for the key indicators"});
  const indicators::Indicator& ki04 = Find(*r, "assessments-in-45-days");
  REQUIRE(ki04.points.size() == 6);
  const std::vector<std::string> labels = {"Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"};
  for (size_t i = 0; i < 6; ++i) {
    INFO("point " << i);
    const indicators::TrendPoint& p = ki04.points[i];
    CHECK(p.label == labels[i]);
    if (i < 4) {
      CHECK(std::isnan(p.value));
      CHECK(p.denominator == 0);
      CHECK(p.unavailable.rfind("no value at ", 0) == 0);
    } else {
      CHECK(p.unavailable == "");
      CHECK(p.numerator == 1);
      CHECK(p.denominator == 1);
      CHECK(p.value == 100);
    }
  }
  REQUIRE(ki04.last_year);
  CHECK(ki04.last_year->label == "2025/26");
  CHECK(std::isnan(ki04.last_year->value));
}

}  // namespace
}  // namespace annexa
