// batch::RunInChildren: jobs run in forked children, a few at a time, each
// with its own log and a report sent back; a crash fails one job only.
#include "batch/process_pool.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::batch {
namespace {

PoolOptions Options(const std::string& dir, size_t jobs, int parallel) {
  PoolOptions o;
  o.jobs = jobs;
  o.parallel = parallel;
  o.log_path = [dir](size_t i) { return dir + "/job" + std::to_string(i) + ".log"; };
  return o;
}

TEST_CASE("process pool: reports, exit codes and logs come back per job", "[batch]") {
  const std::string dir = testing::MakeTempDir();
  std::vector<size_t> ended;
  const std::vector<ChildOutcome> out = RunInChildren(
      Options(dir, 3, 2),
      [](size_t job, std::string* report) {
        std::cout << "job " << job << " on stdout\n";
        std::cerr << "job " << job << " on stderr\n";
        *report = "report " + std::to_string(job);
        return static_cast<int>(job);  // exit 0, 1, 2
      },
      [&](size_t job, const ChildOutcome&) { ended.push_back(job); });
  REQUIRE(out.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(out[i].exit_code == static_cast<int>(i));
    CHECK(out[i].signal == 0);
    CHECK(out[i].report == "report " + std::to_string(i));
    CHECK(testing::ReadBytes(dir + "/job" + std::to_string(i) + ".log") ==
          "job " + std::to_string(i) + " on stdout\njob " + std::to_string(i) + " on stderr\n");
  }
  CHECK(std::set<size_t>(ended.begin(), ended.end()) == std::set<size_t>{0, 1, 2});
  CHECK(DescribeEnd(out[2]) == "exit 2");
}

TEST_CASE("process pool: a job killed by a signal fails alone, saying which", "[batch]") {
  const std::string dir = testing::MakeTempDir();
  const std::vector<ChildOutcome> out = RunInChildren(
      Options(dir, 3, 3),
      [](size_t job, std::string* report) {
        if (job == 1) ::raise(SIGKILL);
        *report = "fine";
        return 0;
      },
      nullptr);
  CHECK(out[0].report == "fine");
  CHECK(out[2].report == "fine");
  CHECK(out[1].signal == 9);
  CHECK(out[1].exit_code == -1);
  CHECK(out[1].report.empty());
  CHECK(DescribeEnd(out[1]) == "killed by signal 9 (SIGKILL)");
}

TEST_CASE("process pool: a report larger than a pipe's buffer arrives whole", "[batch]") {
  const std::string dir = testing::MakeTempDir();
  const std::string big(1 << 20, 'x');  // 1 MiB: the child blocks unless the parent drains as it goes
  const std::vector<ChildOutcome> out = RunInChildren(
      Options(dir, 2, 1),
      [&](size_t, std::string* report) {
        *report = big;
        return 0;
      },
      nullptr);
  CHECK(out[0].report.size() == big.size());
  CHECK(out[1].report == big);
}

}  // namespace
}  // namespace annexa::batch
