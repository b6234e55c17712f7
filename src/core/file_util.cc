#include "core/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace annexa {

namespace {
std::string Errno() { return std::strerror(errno); }

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { int f = fd_; fd_ = -1; return f; }

 private:
  int fd_;
};
}  // namespace

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + Errno());
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return IoError(path + ": cannot stat: " + Errno());
  if (S_ISDIR(st.st_mode)) return IoError(path + ": is a directory, not a file");
  if (static_cast<uint64_t>(st.st_size) > max_bytes)
    return LimitExceeded(path + ": file is " + std::to_string(st.st_size) +
                         " bytes, over the limit of " + std::to_string(max_bytes));
  std::string data;
  data.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(path + ": read failed: " + Errno());
    }
    if (n == 0) break;
    if (data.size() + static_cast<size_t>(n) > max_bytes)
      return LimitExceeded(path + ": file is over the limit of " + std::to_string(max_bytes) + " bytes");
    data.append(buf, static_cast<size_t>(n));
  }
  return data;
}

Status WriteFileAtomically(const std::string& path, const std::string& data, unsigned mode) {
  std::string tmp = path + ".tmp-XXXXXX";
  Fd fd(::mkstemp(tmp.data()));
  if (fd.get() < 0) return IoError(path + ": cannot create a temporary file beside it: " + Errno());
  auto fail = [&](const std::string& what) {
    const std::string msg = path + ": " + what + ": " + Errno();
    ::unlink(tmp.c_str());
    return IoError(msg);
  };
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) return fail("cannot set permissions");
  size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd.get(), data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed");
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("fsync failed");
  if (::close(fd.release()) != 0) return fail("close failed");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename into place");
  return Status::Ok();
}

}  // namespace annexa
