#include "support/annexa_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "test_support.h"

namespace annexa::testing {

namespace {

pid_t Spawn(const std::string& program, const std::vector<std::string>& args, const ProcessOptions& options,
            const std::string& err_file) {
  std::vector<std::string> argv_s = {program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  // The child: only async-signal-safe calls until exec.
  const int null_fd = ::open("/dev/null", O_RDWR);
  const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (null_fd < 0 || err_fd < 0) ::_exit(127);
  ::dup2(null_fd, 0);
  ::dup2(null_fd, 1);
  ::dup2(err_fd, 2);
  if (options.file_size_limit >= 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // kept across exec: write() returns EFBIG instead
    rlimit limit{static_cast<rlim_t>(options.file_size_limit), static_cast<rlim_t>(options.file_size_limit)};
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ::execvp(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

std::string AnnexaBinary() { return ANNEXA_BINARY; }

AnnexaProcess::AnnexaProcess(const std::vector<std::string>& args, const ProcessOptions& options)
    : err_file_(MakeTempDir() + "/stderr") {
  pid_ = Spawn(AnnexaBinary(), args, options, err_file_);
}

AnnexaProcess::~AnnexaProcess() {
  if (pid_ > 0 && !reaped_) {
    Kill();
    Wait();
  }
}

void AnnexaProcess::Kill() {
  if (pid_ > 0 && !reaped_) ::kill(pid_, SIGKILL);
}

std::string AnnexaProcess::StderrSoFar() const { return ReadBytes(err_file_); }

ProcessResult AnnexaProcess::Wait() {
  ProcessResult r;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.err = ReadBytes(err_file_);
  return r;
}

ProcessResult RunAnnexa(const std::vector<std::string>& args, const ProcessOptions& options) {
  AnnexaProcess p(args, options);
  return p.Wait();
}

ProcessResult RunShell(const std::string& script) {
  const std::string err_file = MakeTempDir() + "/stderr";
  const pid_t pid = Spawn("sh", {"-c", script}, {}, err_file);
  ProcessResult r;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.err = ReadBytes(err_file);
  return r;
}

}  // namespace annexa::testing
