#include "batch/process_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <vector>

namespace annexa::batch {

namespace {

struct Running {
  size_t job = 0;
  pid_t pid = -1;
  int pipe_fd = -1;  // the report's read end; -1 once closed
  double started = 0;
};

// Reads what is there without blocking; false at end of file or error.
bool Drain(int fd, std::string* into) {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into->append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

// In the child: stdout and stderr to the log, the work, the report, exit.
[[noreturn]] void RunChild(const PoolOptions& options, const ChildWork& work, size_t job, int report_fd) {
  const int null_in = ::open("/dev/null", O_RDONLY);
  if (null_in >= 0) ::dup2(null_in, 0);
  const int log = ::open(options.log_path(job).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log < 0) ::_exit(127);
  ::dup2(log, 1);
  ::dup2(log, 2);
  std::string report;
  const int rc = work(job, &report);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  for (size_t done = 0; done < report.size();) {
    const ssize_t n = ::write(report_fd, report.data() + done, report.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::_exit(rc);  // no atexit handlers, no destructors of the parent's objects
}

}  // namespace

std::vector<ChildOutcome> RunInChildren(const PoolOptions& options, const ChildWork& work, const ChildDone& done) {
  std::vector<ChildOutcome> outcomes(options.jobs);
  std::vector<Running> running;
  size_t next = 0, finished = 0;
  auto now = [&] { return options.seconds ? options.seconds() : 0.0; };
  auto end = [&](size_t job) {
    ++finished;
    if (done) done(job, outcomes[job]);
  };
  while (finished < options.jobs) {
    while (next < options.jobs && running.size() < static_cast<size_t>(std::max(1, options.parallel))) {
      const size_t job = next++;
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0) {
        outcomes[job].start_error = std::string("cannot make a pipe: ") + std::strerror(errno);
        end(job);
        continue;
      }
      // Nothing buffered may be written twice, by the parent and the child.
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);
      const double started = now();
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::close(fds[0]);
        RunChild(options, work, job, fds[1]);
      }
      ::close(fds[1]);
      if (pid < 0) {
        ::close(fds[0]);
        outcomes[job].start_error = std::string("cannot start a process: ") + std::strerror(errno);
        end(job);
        continue;
      }
      ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
      running.push_back({job, pid, fds[0], started});
    }
    if (running.empty()) continue;
    // Wait for a report to arrive or a child to end (a closed pipe), at
    // most 20 ms; reports are drained as they come so no child blocks on a
    // full pipe.
    std::vector<pollfd> polls;
    for (const Running& r : running)
      if (r.pipe_fd >= 0) polls.push_back({r.pipe_fd, POLLIN, 0});
    ::poll(polls.data(), polls.size(), 20);
    for (auto it = running.begin(); it != running.end();) {
      ChildOutcome& out = outcomes[it->job];
      if (it->pipe_fd >= 0 && !Drain(it->pipe_fd, &out.report)) {
        ::close(it->pipe_fd);
        it->pipe_fd = -1;
      }
      // Only our own children: waitpid(-1) could reap a process the caller
      // (a test, an embedding program) is waiting for itself.
      int status = 0;
      const pid_t r = ::waitpid(it->pid, &status, WNOHANG);
      if (r == 0 || (r < 0 && errno == EINTR)) {
        ++it;
        continue;
      }
      if (it->pipe_fd >= 0) {  // the rest of the report, now the writer is gone
        Drain(it->pipe_fd, &out.report);
        ::close(it->pipe_fd);
      }
      if (r < 0) status = 0x7f00;  // lost (ECHILD): exit 127
      if (WIFSIGNALED(status)) out.signal = WTERMSIG(status);
      else out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      if (options.seconds) out.seconds = now() - it->started;
      const size_t job = it->job;
      it = running.erase(it);
      end(job);
    }
  }
  return outcomes;
}

std::string DescribeEnd(const ChildOutcome& outcome) {
  if (!outcome.start_error.empty()) return outcome.start_error;
  if (outcome.signal) {
    const char* abbrev = sigabbrev_np(outcome.signal);
    return "killed by signal " + std::to_string(outcome.signal) + (abbrev ? " (SIG" + std::string(abbrev) + ")" : "");
  }
  return "exit " + std::to_string(outcome.exit_code);
}

}  // namespace annexa::batch
