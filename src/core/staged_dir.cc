#include "core/staged_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "core/text.h"

namespace annexa {

namespace {

namespace fs = std::filesystem;

std::string Errno(int e) { return std::strerror(e); }

std::string StagingPrefix(const std::string& name) { return "." + name + ".annexa-staging-"; }
std::string PreviousPrefix(const std::string& name) { return "." + name + ".annexa-previous-"; }
std::string LockName(const std::string& name) { return "." + name + ".annexa-lock"; }

// Which filesystem and which mount a path (not followed if a symlink) is
// on. A bind mount of a folder of the same filesystem has the same device
// but its own mount id (statx STATX_MNT_ID, Linux 5.8); where the kernel
// cannot tell the mount, `mnt` is 0 and only the device counts.
struct Place {
  dev_t dev = 0;
  uint64_t mnt = 0;
  bool dir = false;
};

std::optional<Place> PlaceOf(const std::string& path) {
  struct statx sx;
  if (::statx(AT_FDCWD, path.c_str(), AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_MNT_ID, &sx) != 0) return std::nullopt;
  Place p;
  p.dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
  p.mnt = (sx.stx_mask & STATX_MNT_ID) ? sx.stx_mnt_id : 0;
  p.dir = S_ISDIR(sx.stx_mode);
  return p;
}

bool SameMount(const Place& a, const Place& b) {
  return a.dev == b.dev && (a.mnt == 0 || b.mnt == 0 || a.mnt == b.mnt);
}

// Removes `path` and everything under it on the mount `on` (a folder annexa
// made: a staging folder, or the previous pack after the swap), making
// folders writable on the way (a pack folder kept 0555); never enters
// another mount, so nothing mounted inside is ever deleted. False when
// something is left (the next run tries again).
bool RemoveTree(const std::string& path, const Place& on) {
  const std::optional<Place> here = PlaceOf(path);
  if (!here) return errno == ENOENT;
  if (!SameMount(*here, on)) return false;
  if (!here->dir) return ::unlink(path.c_str()) == 0 || errno == ENOENT;
  ::chmod(path.c_str(), 0700);  // ours: we made it, or it is the folder we replaced
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(path, ec)) names.push_back(e.path().filename().string());
  bool removed = !ec;
  for (const std::string& n : names) removed = RemoveTree(path + "/" + n, on) && removed;
  return removed && (::rmdir(path.c_str()) == 0 || errno == ENOENT);
}

bool RemoveTree(const std::string& path, const std::string& parent) {
  const std::optional<Place> on = PlaceOf(parent);
  return on && RemoveTree(path, *on);
}

// The output folder is replaced as a whole, so everything in it must be
// annexa's to replace: nothing mounted inside it (its files would be copied
// and then deleted with the old folder) and no folder annexa cannot write
// (the old folder could not be removed, leaving a copy of the previous
// pack beside it). kInvalidArgument / kIoError naming the entry as shown.
Status CheckReplaceable(const std::string& root, const std::string& shown) {
  const std::optional<Place> top = PlaceOf(root);
  if (!top) return IoError(shown + ": cannot read the output folder: " + Errno(errno));
  auto writable = [&](const std::string& path, const std::string& as) -> Status {
    if (::access(path.c_str(), W_OK | X_OK) == 0) return Status::Ok();
    const int e = errno;
    return IoError(as + ": cannot write the output folder: " + Errno(e) +
                   " (annexa replaces the output folder and everything in it as a whole, so every folder in it "
                   "must be writable)");
  };
  ANNEXA_RETURN_IF_ERROR(writable(root, shown));
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string path = it->path().string();
    const std::string as = shown + path.substr(root.size());
    const std::optional<Place> here = PlaceOf(path);
    if (!here) return IoError(as + ": cannot read: " + Errno(errno));
    if (!SameMount(*here, *top))
      return InvalidArgument(as + ": is a mount point inside the output folder; annexa replaces the output folder "
                                  "as a whole and would not keep what is mounted there: unmount it, or give an "
                                  "output folder with nothing mounted inside");
    if (here->dir) ANNEXA_RETURN_IF_ERROR(writable(path, as));
  }
  if (ec) return IoError(shown + ": cannot list the output folder: " + ec.message());
  return Status::Ok();
}

enum class Lock { kHeld, kBusy, kUnsupported };

// flock(2) exclusively; `wait` blocks until it is free.
Lock LockFd(int fd, bool wait) {
  for (;;) {
    if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) == 0) return Lock::kHeld;
    if (errno == EINTR) continue;
    return errno == EWOULDBLOCK ? Lock::kBusy : Lock::kUnsupported;
  }
}

// A staging or previous folder left by a run that is gone. Its owner holds a
// flock on it while alive (released by the kernel even on SIGKILL); where
// flock is not supported, the pid in the name decides.
bool IsStale(int parent_fd, const std::string& entry, size_t prefix_len) {
  const int fd = ::openat(parent_fd, entry.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;  // not a folder of ours: never touched
  const Lock lock = LockFd(fd, false);
  ::close(fd);
  if (lock != Lock::kUnsupported) return lock == Lock::kHeld;
  const long pid = std::strtol(entry.c_str() + prefix_len, nullptr, 10);
  return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

Status FsyncPath(const std::string& path, bool dir) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
  if (fd < 0) return IoError(path + ": cannot open to fsync: " + Errno(errno));
  const int rc = ::fsync(fd);
  const int e = errno;
  ::close(fd);
  // Some filesystems cannot fsync a folder (EINVAL): nothing more to do there.
  if (rc != 0 && !(dir && e == EINVAL)) return IoError(path + ": fsync failed: " + Errno(e));
  return Status::Ok();
}

// Every file and folder under `root` (and root itself) made durable.
Status FsyncTree(const std::string& root) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::file_status st = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_regular_file(st)) ANNEXA_RETURN_IF_ERROR(FsyncPath(it->path().string(), false));
    if (fs::is_directory(st)) ANNEXA_RETURN_IF_ERROR(FsyncPath(it->path().string(), true));
  }
  if (ec) return IoError(root + ": cannot list: " + ec.message());
  return FsyncPath(root, true);
}

Status CopyFile(const std::string& from, const std::string& to, mode_t mode) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return IoError(from + ": cannot read: " + Errno(errno));
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
  if (out < 0) {
    const int e = errno;
    ::close(in);
    return IoError(from + ": cannot copy: " + Errno(e));
  }
  char buf[1 << 16];
  Status result = Status::Ok();
  for (;;) {
    const ssize_t n = ::read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result = IoError(from + ": read failed: " + Errno(errno));
      break;
    }
    if (n == 0) break;
    for (ssize_t off = 0; off < n;) {
      const ssize_t w = ::write(out, buf + off, static_cast<size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        result = IoError(from + ": cannot copy: " + Errno(errno));
        break;
      }
      off += w;
    }
    if (!result.ok()) break;
  }
  if (result.ok() && ::fchmod(out, mode & 07777) != 0) result = IoError(from + ": cannot copy: " + Errno(errno));
  ::close(in);
  if (::close(out) != 0 && result.ok()) result = IoError(from + ": cannot copy: " + Errno(errno));
  return result;
}

// Recreates `from` at `to`: files hard-linked (copied where a link is not
// allowed), folders recursively, symlinks as symlinks.
Status CarryOver(const std::string& from, const std::string& to) {
  struct stat st;
  if (::lstat(from.c_str(), &st) != 0) return IoError(from + ": cannot read: " + Errno(errno));
  if (S_ISREG(st.st_mode)) {
    if (::link(from.c_str(), to.c_str()) == 0) return Status::Ok();
    return CopyFile(from, to, st.st_mode);  // EXDEV, EPERM (protected_hardlinks), EMLINK ...
  }
  if (S_ISLNK(st.st_mode)) {
    std::vector<char> buf(static_cast<size_t>(st.st_size) + 1);
    const ssize_t n = ::readlink(from.c_str(), buf.data(), buf.size());
    if (n < 0 || static_cast<size_t>(n) >= buf.size()) return IoError(from + ": cannot read the symlink");
    if (::symlink(std::string(buf.data(), static_cast<size_t>(n)).c_str(), to.c_str()) != 0)
      return IoError(from + ": cannot copy the symlink: " + Errno(errno));
    return Status::Ok();
  }
  if (S_ISDIR(st.st_mode)) {
    if (::mkdir(to.c_str(), 0700) != 0) return IoError(from + ": cannot copy the folder: " + Errno(errno));
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(from, ec))
      ANNEXA_RETURN_IF_ERROR(CarryOver(e.path().string(), to + "/" + e.path().filename().string()));
    if (ec) return IoError(from + ": cannot list: " + ec.message());
    if (::chmod(to.c_str(), st.st_mode & 07777) != 0) return IoError(to + ": cannot set permissions: " + Errno(errno));
    return Status::Ok();
  }
  return IoError(from + ": cannot carry over a special file (not a file, folder or symlink)");
}

}  // namespace

Result<StagedDir> StagedDir::Begin(const std::string& dir, bool use_exchange, const Notice& waiting) {
  if (dir.empty()) return InvalidArgument("the output folder is an empty path");
  fs::path p = fs::path(dir).lexically_normal();
  if (!p.has_filename() && p.has_relative_path()) p = p.parent_path();  // "out/" -> "out"
  StagedDir s;
  s.use_exchange_ = use_exchange;
  s.shown_ = p.string();
  char buf[PATH_MAX];
  struct stat st;
  if (::lstat(p.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
      return IoError(s.shown_ + ": cannot write the output folder: it is a file, not a folder");
    if (::realpath(p.c_str(), buf) == nullptr)
      return IoError(s.shown_ + ": cannot resolve the output folder: " + Errno(errno));
    s.target_ = buf;
    if (::stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
      return IoError(s.shown_ + ": cannot write the output folder: it is not a folder");
  } else if (errno == ENOENT) {
    fs::path parent = p.parent_path();
    if (parent.empty()) parent = ".";
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) return IoError(s.shown_ + ": cannot create the output folder: " + ec.message());
    if (::realpath(parent.c_str(), buf) == nullptr)
      return IoError(s.shown_ + ": cannot create the output folder: " + Errno(errno));
    s.target_ = (fs::path(buf) / p.filename()).string();
  } else {
    return IoError(s.shown_ + ": cannot create the output folder: " + Errno(errno));  // ENOTDIR, EACCES
  }
  const fs::path target(s.target_);
  s.parent_ = target.parent_path().string();
  s.name_ = target.filename().string();
  if (s.name_.empty() || s.target_ == "/" || s.name_ == "." || s.name_ == "..")
    return InvalidArgument(s.shown_ + ": cannot be the output folder (annexa replaces the output folder as a "
                                      "whole): give a folder inside it");
  // The whole folder is swapped, so it must live in its parent's filesystem
  // and must not be where the caller's shell is standing.
  struct stat parent_st, target_st;
  if (::stat(s.target_.c_str(), &target_st) == 0 && ::stat(s.parent_.c_str(), &parent_st) == 0 &&
      target_st.st_dev != parent_st.st_dev)
    return InvalidArgument(s.shown_ + ": is a mount point; annexa replaces the output folder as a whole, so give "
                                      "a folder inside it (e.g. " + (p / "pack").string() + ")");
  if (::getcwd(buf, sizeof buf) != nullptr &&
      (s.target_ == buf || StartsWith(std::string(buf) + "/", s.target_ + "/")))
    return InvalidArgument(s.shown_ + ": is the current folder or holds it; annexa replaces the output folder as "
                                      "a whole, so run it from another folder or give a folder below this one");

  // Refused before anything is made: a parent where the staging folder
  // cannot be made (a read-only filesystem), a folder that cannot be
  // replaced whole.
  if (::access(s.parent_.c_str(), W_OK | X_OK) != 0) {
    const int e = errno;
    return IoError(s.shown_ + ": cannot write the output folder: cannot create a staging folder beside it in " +
                   s.parent_ + ": " + Errno(e));
  }
  if (::lstat(s.target_.c_str(), &st) == 0) ANNEXA_RETURN_IF_ERROR(CheckReplaceable(s.target_, s.shown_));
  ANNEXA_RETURN_IF_ERROR(s.LockRun(waiting));

  s.parent_fd_ = ::open(s.parent_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s.parent_fd_ < 0) return IoError(s.shown_ + ": cannot open the folder holding it: " + Errno(errno));
  LockFd(s.parent_fd_, true);  // unsupported (some network filesystems): carry on unlocked

  // Put back a folder a killed fallback swap left aside, then clear litter.
  bool target_exists = ::lstat(s.target_.c_str(), &st) == 0;
  std::error_code ec;
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(s.parent_, ec)) entries.push_back(e.path().filename().string());
  for (const std::string& e : entries) {
    const bool staging = StartsWith(e, StagingPrefix(s.name_));
    const bool previous = StartsWith(e, PreviousPrefix(s.name_));
    if (!staging && !previous) continue;
    if (!IsStale(s.parent_fd_, e, (staging ? StagingPrefix(s.name_) : PreviousPrefix(s.name_)).size())) continue;
    if (previous && !target_exists && ::renameat(s.parent_fd_, e.c_str(), s.parent_fd_, s.name_.c_str()) == 0) {
      target_exists = true;
      ::fsync(s.parent_fd_);
      continue;
    }
    RemoveTree(s.parent_ + "/" + e, s.parent_);  // best effort: tried again next run
  }

  std::string tmpl = s.parent_ + "/" + StagingPrefix(s.name_) + std::to_string(::getpid()) + "-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {
    const int e = errno;
    ::flock(s.parent_fd_, LOCK_UN);
    return IoError(s.shown_ + ": cannot write the output folder: cannot create a staging folder beside it in " +
                   s.parent_ + ": " + Errno(e));
  }
  s.staging_ = tmpl;
  s.staging_fd_ = ::open(s.staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s.staging_fd_ < 0) {
    const int e = errno;
    ::flock(s.parent_fd_, LOCK_UN);
    return IoError(s.staging_ + ": cannot open the staging folder: " + Errno(e));
  }
  LockFd(s.staging_fd_, false);
  ::flock(s.parent_fd_, LOCK_UN);
  return s;
}

Status StagedDir::LockRun(const Notice& waiting) {
  const std::string path = parent_ + "/" + LockName(name_);
  for (bool said = false;;) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
      return IoError(shown_ + ": cannot write the output folder: cannot create its lock file " + path + ": " +
                     Errno(errno));
    Lock lock = LockFd(fd, false);
    if (lock == Lock::kBusy) {
      if (!said && waiting) waiting("waiting for another annexa run writing to " + shown_ + " to finish");
      said = true;
      lock = LockFd(fd, true);
    }
    // The run we waited for removes the file as it ends: the lock counts
    // only on the file that is still at the path.
    struct stat held, now;
    if (lock != Lock::kHeld || (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &now) == 0 &&
                                held.st_dev == now.st_dev && held.st_ino == now.st_ino)) {
      lock_fd_ = fd;  // kUnsupported (some network filesystems): carry on unlocked
      lock_path_ = path;
      return Status::Ok();
    }
    ::close(fd);
  }
}

StagedDir::StagedDir(StagedDir&& other) noexcept { *this = std::move(other); }

StagedDir& StagedDir::operator=(StagedDir&& other) noexcept {
  if (this != &other) {
    Abandon();
    shown_ = std::move(other.shown_);
    target_ = std::move(other.target_);
    parent_ = std::move(other.parent_);
    name_ = std::move(other.name_);
    staging_ = std::move(other.staging_);
    parent_fd_ = std::exchange(other.parent_fd_, -1);
    staging_fd_ = std::exchange(other.staging_fd_, -1);
    lock_fd_ = std::exchange(other.lock_fd_, -1);
    lock_path_ = std::move(other.lock_path_);
    committed_ = std::exchange(other.committed_, true);
    use_exchange_ = other.use_exchange_;
  }
  return *this;
}

StagedDir::~StagedDir() { Abandon(); }

void StagedDir::Abandon() {
  if (!committed_ && !staging_.empty())
    RemoveTree(staging_, parent_);  // before the lock goes, so no one sees it half removed
  committed_ = true;
  if (staging_fd_ >= 0) ::close(staging_fd_);
  if (parent_fd_ >= 0) ::close(parent_fd_);
  staging_fd_ = parent_fd_ = -1;
  // The run lock last: removed while held, so a run waiting on it looks
  // again and takes a new one (LockRun).
  if (lock_fd_ >= 0) {
    if (!lock_path_.empty()) ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
  }
  lock_fd_ = -1;
  lock_path_.clear();
}

std::string StagedDir::PathFor(const std::string& name) const { return staging_ + "/" + name; }

std::string StagedDir::FinalPath(const std::string& name) const { return (fs::path(shown_) / name).string(); }

Status StagedDir::Describe(const Status& status) const {
  if (status.ok()) return status;
  std::string msg = status.message();
  for (size_t at = 0; (at = msg.find(staging_, at)) != std::string::npos; at += shown_.size())
    msg.replace(at, staging_.size(), shown_);
  return Status(status.code(), msg + " (" + shown_ + " was left as it was)");
}

Status StagedDir::Commit() {
  if (committed_) return Internal(shown_ + ": the pack was already committed or abandoned");
  LockFd(parent_fd_, true);
  auto fail = [&](Status s) {
    Abandon();
    return Describe(s);  // parent_fd_ closed by Abandon, which drops its lock
  };
  // The message names the file as the user knows it.
  auto shown = [&](const std::string& path) {
    return StartsWith(path, target_) ? shown_ + path.substr(target_.size()) : path;
  };
  struct stat st;
  const bool target_exists = ::stat(target_.c_str(), &st) == 0;
  if (target_exists) {
    // Again, as something may have been mounted inside during the run.
    if (Status s = CheckReplaceable(target_, shown_); !s.ok()) return fail(s);
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(target_, ec)) {
      const std::string name = e.path().filename().string();
      struct stat mine;
      if (::lstat(PathFor(name).c_str(), &mine) == 0) continue;  // this run wrote it
      Status carried = CarryOver(e.path().string(), PathFor(name));
      if (!carried.ok()) return fail(Status(carried.code(), shown(carried.message())));
    }
    if (ec) return fail(IoError(shown_ + ": cannot list the output folder: " + ec.message()));
    // The folder keeps its mode and, where we may, its owner.
    if (::fchmod(staging_fd_, st.st_mode & 07777) != 0)
      return fail(IoError(shown_ + ": cannot set the folder's permissions: " + Errno(errno)));
    if (::geteuid() == 0 && (st.st_uid != 0 || st.st_gid != 0) && ::fchown(staging_fd_, st.st_uid, st.st_gid) != 0) {
      // best effort: the pack files themselves are private (0600) anyway
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(staging_fd_, 0777 & ~mask) != 0)
      return fail(IoError(shown_ + ": cannot set the folder's permissions: " + Errno(errno)));
  }
  if (Status s = FsyncTree(staging_); !s.ok()) return fail(s);

  const std::string staging_name = fs::path(staging_).filename().string();
  std::string old;  // where the previous folder ends up, to remove
  if (!target_exists) {
    if (::renameat(parent_fd_, staging_name.c_str(), parent_fd_, name_.c_str()) != 0)
      return fail(IoError(shown_ + ": cannot move the new pack into place: " + Errno(errno)));
  } else if (use_exchange_ &&
             ::renameat2(parent_fd_, staging_name.c_str(), parent_fd_, name_.c_str(), RENAME_EXCHANGE) == 0) {
    old = staging_;
  } else if (use_exchange_ && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
    return fail(IoError(shown_ + ": cannot swap in the new pack: " + Errno(errno)));
  } else {
    // No RENAME_EXCHANGE here: the old folder steps aside (over an empty
    // placeholder, so the name is ours), then the new one steps in.
    std::string aside = parent_ + "/" + PreviousPrefix(name_) + std::to_string(::getpid()) + "-XXXXXX";
    if (::mkdtemp(aside.data()) == nullptr)
      return fail(IoError(shown_ + ": cannot swap in the new pack: " + Errno(errno)));
    const std::string aside_name = fs::path(aside).filename().string();
    if (::renameat(parent_fd_, name_.c_str(), parent_fd_, aside_name.c_str()) != 0) {
      const int e = errno;
      ::rmdir(aside.c_str());
      return fail(IoError(shown_ + ": cannot swap in the new pack: " + Errno(e)));
    }
    if (::renameat(parent_fd_, staging_name.c_str(), parent_fd_, name_.c_str()) != 0) {
      const int e = errno;
      ::renameat(parent_fd_, aside_name.c_str(), parent_fd_, name_.c_str());
      return fail(IoError(shown_ + ": cannot swap in the new pack: " + Errno(e)));
    }
    old = aside;
  }
  committed_ = true;
  ::fsync(parent_fd_);
  if (!old.empty()) RemoveTree(old, parent_);  // best effort: a leftover is stale litter the next run clears
  Abandon();  // closes the descriptors, releasing both locks
  return Status::Ok();
}

}  // namespace annexa
