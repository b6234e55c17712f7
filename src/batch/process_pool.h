// Runs many jobs in child processes, a few at a time: each job forks from
// this process and runs a function in the child (no command line, no new
// program), its stdout and stderr going to the job's log, and sends a short
// report back through a pipe. A job that crashes, is killed or exits
// without a report fails alone; the others go on. (batch: one council per
// child, so one council's crash or memory never touches another's pack.)
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"

namespace annexa::batch {

struct ChildOutcome {
  int exit_code = -1;     // -1 when it was killed or never started
  int signal = 0;         // the signal that ended it, else 0
  std::string report;     // what the child sent back ("" when it sent nothing)
  std::string start_error;  // why it could not be started, else ""
  std::optional<double> seconds;  // empty without a clock
};

// Runs in the child: writes its report and returns the exit code.
using ChildWork = std::function<int(size_t job, std::string* report)>;
// Heard in the parent as each job ends, in the order they end.
using ChildDone = std::function<void(size_t job, const ChildOutcome& outcome)>;

struct PoolOptions {
  size_t jobs = 0;                     // how many jobs
  int parallel = 1;                    // at most this many children at once
  std::function<std::string(size_t)> log_path;  // the job's log (created 0600, truncated)
  std::function<double()> seconds;     // a monotonic clock; empty = no timings
};

// Every job is run; returns the outcomes in job order.
std::vector<ChildOutcome> RunInChildren(const PoolOptions& options, const ChildWork& work, const ChildDone& done);

// "killed by signal 9 (SIGKILL)", "exit 3": how a child that sent no
// report ended.
std::string DescribeEnd(const ChildOutcome& outcome);

}  // namespace annexa::batch
