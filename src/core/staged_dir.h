// Pack-level atomic output. Every file of a run is written into a staging
// folder beside the output folder (same parent, so the same filesystem),
// then the staging folder replaces the output folder in one rename: a reader,
// a crash or a SIGKILL only ever sees the complete earlier pack or the
// complete new one, never a new workbook beside an old PDF.
//
//   Result<StagedDir> staged = StagedDir::Begin("out/exampleshire");
//   write every file to staged->PathFor("annex_a_999_2026-11-23.xlsx") ...
//   Status s = staged->Commit();   // or let it go out of scope to abandon
//
// The staging folder is `.<name>.annexa-staging-<pid>-XXXXXX` in the parent
// of the output folder. Commit() first carries over (hard link, else copy)
// every entry of the old output folder the run did not write, so history
// (other dates' *_run.json for `annexa diff`) is never lost; then fsyncs
// everything, swaps the two folders with renameat2(RENAME_EXCHANGE) (a plain
// rename when the output folder is new) and removes the old one.
//
// Where the filesystem has no RENAME_EXCHANGE (EINVAL/ENOSYS/EOPNOTSUPP:
// some network and FUSE filesystems) it falls back to two renames: the old
// folder to `.<name>.annexa-previous-<pid>-XXXXXX`, the staging folder into
// place. A kill between the two leaves no output folder; the next Begin()
// puts the previous one back before anything else.
//
// Staging folders of runs that died (SIGKILL, power loss) are removed by the
// next Begin() on the same output folder. A folder counts as stale only when
// its name has the exact prefix above and no live process holds the flock(2)
// its owner takes on it for its whole life; runs in one parent folder take a
// flock on the parent while they create, clean up and swap.
//
// The output folder may be a symlink: the folder it points at is replaced and
// the symlink kept. It may not be a mount point (the parent is another
// filesystem), hold one (a filesystem or bind mount anywhere inside it: its
// files would be copied, then deleted with the old folder), be the root, or
// the current folder or one of its parents (the caller's shell would be left
// in a deleted folder): those are refused with kInvalidArgument before
// anything is made. An output folder (or a folder in it) the user cannot
// write, or a parent where no staging folder can be made, is refused with
// kIoError, also before anything is made. Folder mode and (as root) owner
// are kept; ACLs and extended attributes of the folder itself are not.
//
// Two runs into one output folder take turns: each holds a flock(2) on
// `.<name>.annexa-lock` beside it from Begin() to its end, and removes the
// file as it ends. Folders are removed (the staging folder on failure, the
// old pack after the swap, stale litter) without ever entering another
// mount, and made writable on the way.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"

namespace annexa {

class StagedDir {
 public:
  // Prepares a staging folder for `dir` (created with its parents if
  // missing). kInvalidArgument for an output folder that cannot be replaced
  // (see above), kIoError naming `dir` and the reason when the staging folder
  // cannot be made (EACCES, EROFS, ENOTDIR, ENOSPC ...). `use_exchange`
  // false forces the two-rename fallback (for its tests).
  // Another run writing to the same folder is waited for (a flock on
  // `.<name>.annexa-lock` beside it, removed as the run ends); `waiting`
  // hears once that it is being waited for.
  using Notice = std::function<void(const std::string&)>;
  static Result<StagedDir> Begin(const std::string& dir, bool use_exchange = true, const Notice& waiting = nullptr);

  StagedDir(StagedDir&& other) noexcept;
  StagedDir& operator=(StagedDir&& other) noexcept;
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;
  // Removes the staging folder unless Commit() succeeded: the output folder
  // stays exactly as it was.
  ~StagedDir();

  // Where to write `name` now, and where it will be after Commit().
  std::string PathFor(const std::string& name) const;
  std::string FinalPath(const std::string& name) const;
  const std::string& staging() const { return staging_; }

  // `status` with the staging folder's path in its message replaced by the
  // output folder's, plus "(DIR was left as it was)", for a failure before
  // Commit(): the user is told the file that failed and that nothing changed.
  Status Describe(const Status& status) const;

  // Carries over, fsyncs and swaps (see above). On failure the output folder
  // is as it was and the staging folder is removed; kIoError naming the file.
  Status Commit();

 private:
  StagedDir() = default;
  void Abandon();
  Status LockRun(const Notice& waiting);

  std::string shown_;    // the output folder as the user named it
  std::string target_;   // its canonical path (a symlink resolved)
  std::string parent_;   // canonical parent of target_
  std::string name_;     // target_'s last component
  std::string staging_;  // parent_/.<name_>.annexa-staging-<pid>-XXXXXX
  int parent_fd_ = -1;
  int staging_fd_ = -1;  // holds the flock that marks the staging folder live
  int lock_fd_ = -1;      // the run lock (LockRun), held from Begin to the end
  std::string lock_path_;
  bool committed_ = false;
  bool use_exchange_ = true;
};

}  // namespace annexa
