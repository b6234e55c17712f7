// The annexa executable: hands the command line to cli::RunApp with the real
// clock, the real terminal and the real HTTP fetcher.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/resources.h"

// When annexa is linked with jemalloc (CMakeLists.txt, ANNEXA_JEMALLOC), it
// runs with jemalloc's defaults. It used to ask for transparent huge pages
// ("thp:always"): that saved page faults on a freshly booted machine, but
// on one whose memory is fragmented (any long-running server) every huge
// page faulted in is compacted and zeroed, 2 MB at a time, again after each
// purge: the scale 1.0 run spent 6.5 s of system time instead of 0.9 s and
// took 1.6 times as long (bench/README.md). MALLOC_CONF still sets options.

namespace {

// Local time now, or SOURCE_DATE_EPOCH (seconds, UTC) when set, for
// reproducible outputs.
std::string Now() {
  std::time_t t = std::time(nullptr);
  struct tm tm_buf;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    gmtime_r(&t, &tm_buf);
  } else {
    localtime_r(&t, &tm_buf);
  }
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm_buf);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  // A write past the file-size limit (`ulimit -f`) would otherwise kill the
  // run by SIGXFSZ with no message and no clean-up; ignored, the write fails
  // with EFBIG and the normal error path names the file, removes the staging
  // folder and exits 3 (docs/reliability.md).
  ::signal(SIGXFSZ, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  annexa::cli::AppContext ctx{std::cout, std::cerr, annexa::DefaultResources(), Now, nullptr, nullptr, nullptr};
  ctx.seconds = [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
  if (isatty(STDERR_FILENO)) ctx.progress = [](const std::string& msg) { std::cerr << "annexa: " << msg << "...\n"; };
  const int rc = annexa::cli::RunApp(args, ctx);
  std::cout.flush();
  return rc;
}
