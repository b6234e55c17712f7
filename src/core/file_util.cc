#include "core/file_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

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

// What a path that is not a regular file is, for the message.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "something else";  // S_ISLNK cannot come from stat
}

Status NotRegular(const std::string& path, mode_t mode) {
  return IoError(path + ": is " + KindOf(mode) + ", not a regular file");
}
}  // namespace

ReadOnlyFile::~ReadOnlyFile() {
  if (fd_ >= 0) ::close(fd_);
}

ReadOnlyFile::ReadOnlyFile(ReadOnlyFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }

ReadOnlyFile& ReadOnlyFile::operator=(ReadOnlyFile&& other) noexcept {
  std::swap(fd_, other.fd_);
  std::swap(size_, other.size_);
  return *this;
}

Result<ReadOnlyFile> OpenRegularFile(const std::string& path) {
  // stat first: a device is refused without being opened (opening one can
  // have effects of its own), a FIFO before anything could wait on it.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + Errno());
  }
  if (!S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
  // Non-blocking: a FIFO put in the file's place since the stat does not
  // block the open (fstat below refuses it).
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + Errno());
  }
  if (::fstat(fd.get(), &st) != 0) return IoError(path + ": cannot stat: " + Errno());
  if (!S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
    return IoError(path + ": cannot open: " + Errno());
  return ReadOnlyFile(fd.release(), static_cast<uint64_t>(st.st_size));
}

Status CheckRegularFile(const std::string& path) {
  Result<ReadOnlyFile> file = OpenRegularFile(path);
  return file.ok() ? Status::Ok() : file.status();
}

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  Result<ReadOnlyFile> file = OpenRegularFile(path);
  if (!file.ok()) return file.status();
  const int fd = file->fd();
  if (file->size() > max_bytes)
    return LimitExceeded(path + ": file is " + std::to_string(file->size()) +
                         " bytes, over the limit of " + std::to_string(max_bytes));
  std::string data;
  data.reserve(static_cast<size_t>(file->size()));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
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
