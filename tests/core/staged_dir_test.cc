// StagedDir: a pack is written into a staging folder beside the output
// folder and swapped in whole; what the run does not write is carried over;
// stale staging folders of dead runs (and only those) are cleared.
#include "core/staged_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "core/file_util.h"
#include "test_support.h"

namespace fs = std::filesystem;
using annexa::StagedDir;
using annexa::testing::MakeTempDir;
using annexa::testing::ReadBytes;
using annexa::testing::WriteTextFile;

namespace {

// Every entry of `dir` (names only, sorted).
void Write(const StagedDir& s, const std::string& name, const std::string& text) {
  REQUIRE(annexa::WriteFileAtomically(s.PathFor(name), text).ok());
}

}  // namespace

TEST_CASE("staged dir: a new output folder appears only on commit, with nothing left beside it", "[atomic]") {
  const std::string root = MakeTempDir();
  auto s = StagedDir::Begin(root + "/out/pack");
  REQUIRE(s.ok());
  Write(*s, "a.csv", "new\n");
  CHECK_FALSE(fs::exists(root + "/out/pack"));
  CHECK(s->FinalPath("a.csv") == root + "/out/pack/a.csv");
  REQUIRE(s->Commit().ok());
  CHECK(annexa::testing::DirEntries(root + "/out") == std::set<std::string>{"pack"});
  CHECK(annexa::testing::DirEntries(root + "/out/pack") == std::set<std::string>{"a.csv"});
  CHECK(ReadBytes(root + "/out/pack/a.csv") == "new\n");
  const mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat st;
  REQUIRE(::stat((root + "/out/pack").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == (0777 & ~mask));
}

TEST_CASE("staged dir: commit replaces what the run wrote and carries over everything else", "[atomic]") {
  const std::string root = MakeTempDir();
  const std::string out = root + "/pack";
  WriteTextFile(out, "a.csv", "old\n");
  WriteTextFile(out, "history_2026-10-01_run.json", "{}\n");
  WriteTextFile(out, "notes/kept.txt", "kept\n");
  REQUIRE(::symlink("a.csv", (out + "/latest").c_str()) == 0);
  REQUIRE(::chmod(out.c_str(), 0750) == 0);
  auto s = StagedDir::Begin(out + "/");  // a trailing slash names the same folder
  REQUIRE(s.ok());
  Write(*s, "a.csv", "new\n");
  Write(*s, "b.csv", "added\n");
  CHECK(ReadBytes(out + "/a.csv") == "old\n");  // nothing visible before the commit
  REQUIRE(s->Commit().ok());
  CHECK(annexa::testing::DirEntries(out) == std::set<std::string>{"a.csv", "b.csv", "history_2026-10-01_run.json", "latest", "notes"});
  CHECK(ReadBytes(out + "/a.csv") == "new\n");
  CHECK(ReadBytes(out + "/history_2026-10-01_run.json") == "{}\n");
  CHECK(ReadBytes(out + "/notes/kept.txt") == "kept\n");
  CHECK(fs::is_symlink(out + "/latest"));
  CHECK(fs::read_symlink(out + "/latest") == "a.csv");
  struct stat st;
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0750);
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack"});  // the old folder and the staging folder are gone
}

TEST_CASE("staged dir: an abandoned run leaves the output folder exactly as it was", "[atomic]") {
  const std::string root = MakeTempDir();
  WriteTextFile(root + "/pack", "a.csv", "old\n");
  {
    auto s = StagedDir::Begin(root + "/pack");
    REQUIRE(s.ok());
    Write(*s, "a.csv", "half\n");
    const annexa::Status failed = annexa::IoError(s->PathFor("a.csv") + ": write failed: No space left on device");
    CHECK(s->Describe(failed).message() ==
          root + "/pack/a.csv: write failed: No space left on device (" + root + "/pack was left as it was)");
  }
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack"});
  CHECK(annexa::testing::DirEntries(root + "/pack") == std::set<std::string>{"a.csv"});
  CHECK(ReadBytes(root + "/pack/a.csv") == "old\n");
}

TEST_CASE("staged dir: stale staging folders of dead runs are removed, nothing else", "[atomic]") {
  const std::string root = MakeTempDir();
  WriteTextFile(root + "/pack", "a.csv", "old\n");
  WriteTextFile(root, ".pack.annexa-staging-999999-AbCdEf/a.csv", "killed run\n");
  WriteTextFile(root, ".other.annexa-staging-999999-AbCdEf/a.csv", "another folder's\n");
  WriteTextFile(root, ".pack.annexa-stagingX/a.csv", "not our prefix\n");
  WriteTextFile(root, ".pack.annexa-staging-notes.txt", "a file, not a folder\n");
  WriteTextFile(root, "pack.annexa-staging-1-x/a.csv", "no leading dot\n");
  // A live run's staging folder: its flock held (as its run holds it) is
  // never stale. (Made by hand: a second Begin() on the same folder in this
  // process would now wait for the first to end, issue 17.)
  const std::string live_name = ".pack.annexa-staging-999998-LiVeRn";
  WriteTextFile(root, live_name + "/a.csv", "live run\n");
  const int live_fd = ::open((root + "/" + live_name).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(live_fd >= 0);
  REQUIRE(::flock(live_fd, LOCK_EX) == 0);
  auto s = StagedDir::Begin(root + "/pack");
  REQUIRE(s.ok());
  const std::string mine = fs::path(s->staging()).filename().string();
  CHECK(mine.rfind(".pack.annexa-staging-" + std::to_string(::getpid()) + "-", 0) == 0);
  CHECK(mine.size() == std::string(".pack.annexa-staging-").size() + std::to_string(::getpid()).size() + 7);
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack", ".other.annexa-staging-999999-AbCdEf", ".pack.annexa-stagingX",
                                               ".pack.annexa-staging-notes.txt", "pack.annexa-staging-1-x",
                                               live_name, mine, ".pack.annexa-lock"});
  Write(*s, "a.csv", "new\n");
  REQUIRE(s->Commit().ok());
  CHECK(fs::exists(root + "/" + live_name + "/a.csv"));
  CHECK_FALSE(fs::exists(root + "/.pack.annexa-lock"));  // removed as the run ended
  ::close(live_fd);
  CHECK(ReadBytes(root + "/pack/a.csv") == "new\n");
}

TEST_CASE("staged dir: without RENAME_EXCHANGE two renames swap, and a kill between them is undone", "[atomic]") {
  const std::string root = MakeTempDir();
  WriteTextFile(root + "/pack", "a.csv", "old\n");
  WriteTextFile(root + "/pack", "keep.txt", "kept\n");
  {
    auto s = StagedDir::Begin(root + "/pack", /*use_exchange=*/false);
    REQUIRE(s.ok());
    Write(*s, "a.csv", "new\n");
    REQUIRE(s->Commit().ok());
  }
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack"});
  CHECK(annexa::testing::DirEntries(root + "/pack") == std::set<std::string>{"a.csv", "keep.txt"});
  CHECK(ReadBytes(root + "/pack/a.csv") == "new\n");

  // Killed after the old folder stepped aside, before the new one stepped in.
  fs::rename(root + "/pack", root + "/.pack.annexa-previous-999999-QwErTy");
  WriteTextFile(root, ".pack.annexa-staging-999999-AsDfGh/a.csv", "complete but not committed\n");
  auto next = StagedDir::Begin(root + "/pack");
  REQUIRE(next.ok());
  CHECK(ReadBytes(root + "/pack/a.csv") == "new\n");  // the previous pack is back
  // Beside it while the run lives: its staging folder and its run lock.
  CHECK(annexa::testing::DirEntries(root) ==
        std::set<std::string>{"pack", fs::path(next->staging()).filename().string(), ".pack.annexa-lock"});
}

TEST_CASE("staged dir: a symlinked output folder is replaced behind the symlink", "[atomic]") {
  const std::string root = MakeTempDir();
  WriteTextFile(root + "/real", "a.csv", "old\n");
  REQUIRE(::symlink("real", (root + "/pack").c_str()) == 0);
  auto s = StagedDir::Begin(root + "/pack");
  REQUIRE(s.ok());
  CHECK(fs::path(s->staging()).parent_path() == fs::path(root));
  Write(*s, "a.csv", "new\n");
  REQUIRE(s->Commit().ok());
  CHECK(fs::is_symlink(root + "/pack"));
  CHECK(ReadBytes(root + "/real/a.csv") == "new\n");
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack", "real"});
}

TEST_CASE("staged dir: folders that cannot be replaced whole are refused", "[atomic]") {
  const std::string root = MakeTempDir();
  WriteTextFile(root + "/pack", "a.csv", "old\n");
  SECTION("the current folder, or one holding it") {
    const fs::path before = fs::current_path();
    fs::current_path(root + "/pack");
    auto here = StagedDir::Begin(".");
    auto above = StagedDir::Begin("..");
    fs::current_path(before);
    REQUIRE_FALSE(here.ok());
    CHECK(here.status().code() == annexa::StatusCode::kInvalidArgument);
    CHECK(here.status().message() ==
          ".: is the current folder or holds it; annexa replaces the output folder as a whole, so run it from "
          "another folder or give a folder below this one");
    REQUIRE_FALSE(above.ok());
    CHECK(above.status().code() == annexa::StatusCode::kInvalidArgument);
  }
  SECTION("a mount point") {
    auto proc = StagedDir::Begin("/proc");
    REQUIRE_FALSE(proc.ok());
    CHECK(proc.status().code() == annexa::StatusCode::kInvalidArgument);
    CHECK(proc.status().message() ==
          "/proc: is a mount point; annexa replaces the output folder as a whole, so give a folder inside it "
          "(e.g. /proc/pack)");
  }
  SECTION("the root") {
    auto top = StagedDir::Begin("/");
    REQUIRE_FALSE(top.ok());
    CHECK(top.status().code() == annexa::StatusCode::kInvalidArgument);
  }
  SECTION("a path through a file") {
    auto through = StagedDir::Begin(root + "/pack/a.csv/out");
    REQUIRE_FALSE(through.ok());
    CHECK(through.status().code() == annexa::StatusCode::kIoError);
    CHECK(through.status().message() == root + "/pack/a.csv/out: cannot create the output folder: Not a directory");
    auto file = StagedDir::Begin(root + "/pack/a.csv");
    REQUIRE_FALSE(file.ok());
    CHECK(file.status().message() == root + "/pack/a.csv: cannot write the output folder: it is a file, not a folder");
  }
  CHECK(annexa::testing::DirEntries(root) == std::set<std::string>{"pack"});
  CHECK(ReadBytes(root + "/pack/a.csv") == "old\n");
}
