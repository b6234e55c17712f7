// Runs the real `annexa` binary (built beside the tests: ANNEXA_BINARY) as a
// child process, for the tests where only a real process is honest: SIGKILL
// at any point, a file-size limit, a private mount namespace.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace annexa::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, or 0
  std::string err;     // what it wrote on stderr
};

struct ProcessOptions {
  // setrlimit(RLIMIT_FSIZE) in the child, with SIGXFSZ ignored so a write
  // past it fails with EFBIG instead of killing the process; -1 = none.
  long long file_size_limit = -1;
};

// The annexa binary under test.
std::string AnnexaBinary();

// A started `annexa args...`; stdout is discarded, stderr kept.
class AnnexaProcess {
 public:
  explicit AnnexaProcess(const std::vector<std::string>& args, const ProcessOptions& options = {});
  ~AnnexaProcess();  // kills and reaps a child still running
  AnnexaProcess(const AnnexaProcess&) = delete;
  AnnexaProcess& operator=(const AnnexaProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Kill();            // SIGKILL
  ProcessResult Wait();   // reaps it
  // What it has written to stderr so far.
  std::string StderrSoFar() const;

 private:
  pid_t pid_ = -1;
  std::string err_file_;
  bool reaped_ = false;
};

// Runs `annexa args...` to the end.
ProcessResult RunAnnexa(const std::vector<std::string>& args, const ProcessOptions& options = {});

// Runs `sh -c script` to the end (stderr kept, stdout discarded).
ProcessResult RunShell(const std::string& script);

}  // namespace annexa::testing
