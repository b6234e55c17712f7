// Whole-file reads and atomic writes. Every output annexa produces goes
// through WriteFileAtomically so that a failed or killed run never leaves a
// half-written file where a good one was.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace annexa {

// A file opened for reading by OpenRegularFile; closed when destroyed.
class ReadOnlyFile {
 public:
  ReadOnlyFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~ReadOnlyFile();
  ReadOnlyFile(ReadOnlyFile&& other) noexcept;
  ReadOnlyFile& operator=(ReadOnlyFile&& other) noexcept;
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }  // as fstat saw it when opened

 private:
  int fd_;
  uint64_t size_;
};

// The one way annexa opens a path a user gave it (the config, a source, the
// salt file, a template, a font or logo, a CA file): only a regular file.
// A FIFO, a device (/dev/zero), a socket or a directory is refused with
// kIoError "PATH: is a FIFO (named pipe), not a regular file" before any
// byte is read: a FIFO would block the open or the read for ever, a device
// like /dev/zero never ends. The path is stat'ed first, so a device is never
// opened; the open itself is O_RDONLY|O_NONBLOCK|O_CLOEXEC (a FIFO swapped in
// after the stat cannot block it) and fstat checks again what was opened;
// O_NONBLOCK is then cleared. kNotFound when the path does not exist.
Result<ReadOnlyFile> OpenRegularFile(const std::string& path);

// The same check for a file a library opens by name itself (libzip, libharu,
// libcurl's CA bundle): Ok when `path` is a regular file annexa can open.
Status CheckRegularFile(const std::string& path);

// Reads a whole regular file (OpenRegularFile). Fails with kNotFound when it
// does not exist, kIoError when it cannot be read or is not a regular file,
// kLimitExceeded when it is larger than max_bytes.
Result<std::string> ReadFile(const std::string& path,
                             uint64_t max_bytes = 4ull * 1024 * 1024 * 1024);

// Writes `data` to `path` via a temporary file in the same directory, fsync
// and rename(2). On failure the previous file (if any) is untouched and the
// temporary file is removed. `mode` is applied to the new file.
Status WriteFileAtomically(const std::string& path, const std::string& data,
                           unsigned mode = 0600);

}  // namespace annexa
