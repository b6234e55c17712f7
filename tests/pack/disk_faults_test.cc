// Disk faults against the real binary (issue 17): a full disk at every size
// from nothing to the pack's size, a file-size limit (`ulimit -f`, with
// SIGXFSZ at its default action), a filesystem or bind mount inside --out,
// an --out the user cannot write, and two runs into one --out. Whatever
// happens: exit 3 (2 for a mount) with one message naming the file, the
// previous pack byte-for-byte as it was, and nothing of annexa's left
// beside it. Mounts are made in a private mount namespace (unshare), so
// nothing outlives the test; where the machine cannot, the test says so.
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "sources/zip_archive.h"
#include "support/annexa_process.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace annexa;

namespace {

const std::string kStem = "annex_a_999_2026-11-23";
const std::string kAt = "2026-11-23T09:00:00";  // every run the same: a pack that fits is byte-identical

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// `annexa generate` of Exampleshire into `out`, as a shell command.
// --no-history: these tests are about the pack folder and what is beside
// it; the run history's own faults are tests/history/'s.
std::string Generate(const std::string& out) {
  return Quote(testing::AnnexaBinary()) + " generate --quiet --no-history --config " +
         Quote(testing::SourceDir() + "/config/exampleshire.yaml") + " --out " + Quote(out) + " --generated-at " + kAt;
}

std::vector<std::string> GenerateArgs(const std::string& out) {
  return {"generate", "--quiet", "--no-history", "--config", testing::SourceDir() + "/config/exampleshire.yaml",
          "--out", out, "--generated-at", kAt};
}

// The last line annexa printed (libxlsxwriter may print lines of its own first).
std::string LastLine(const std::string& err) {
  std::string s = err;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const size_t nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

// Whether a tmpfs can be mounted in a private mount namespace here.
bool CanMount(std::string* why) {
  const std::string dir = testing::MakeTempDir();
  auto probe = testing::RunShell("unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k t " + dir + "'");
  *why = probe.err;
  return probe.exit_code == 0;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("disk faults: a full disk at every size up to the pack's: exit 3 naming the file, the old pack kept",
          "[atomic][disk]") {
  std::string why;
  if (!CanMount(&why)) {
    WARN("disk-full sweep skipped: cannot mount a tmpfs in a private mount namespace here (" << why << ")");
    return;
  }
  const std::string root = testing::MakeTempDir();
  const std::string mnt = root + "/mnt", res = root + "/res";
  fs::create_directories(mnt);
  fs::create_directories(res);
  // The pack's size and a sheet's, measured on a pack written outside.
  const std::string probe = root + "/probe";
  auto a = testing::RunAnnexa(GenerateArgs(probe));
  INFO(a.err);
  REQUIRE(a.exit_code == 1);  // written, with Exampleshire's deliberate data errors
  uintmax_t pack_bytes = 0;
  for (const auto& e : fs::directory_iterator(probe)) pack_bytes += fs::file_size(e.path());
  // Steps of about the compressed size of Exampleshire's largest list sheet
  // (52 KB), from nothing to the pack's size (583 KB). Then sizes where the
  // workbook library's temporary files (every sheet as plain XML, 2.1 MB,
  // until the workbook is closed) fit but the copies it assembles each
  // sheet in at the close do not: there it used to zip a sheet cut short
  // into a workbook that closed cleanly (the 2,040-2,360 KB tmpfs).
  // Last, room for all, where the run must fit: 8 MB (the new pack is
  // 1.1 MB, but while it is written both workbooks' sheets sit in
  // temporary files beside it, about 2 MB together, and the zip copies as
  // each workbook closes; with 4 MB it failed now and then under load).
  const uintmax_t step = 64 * 1024;
  std::vector<uintmax_t> free_kb;
  for (uintmax_t k = 0; k <= pack_bytes + step; k += step) free_kb.push_back(k / 1024);
  free_kb.insert(free_kb.end(), {2112, 2240, 2368, 8192});
  // Pack A on a fresh tmpfs; then, for each size, the disk filled to within
  // that many KB and the same run again.
  std::string script = "mount -t tmpfs -o size=16m annexa-test " + mnt + " || exit 90\n" + Generate(mnt + "/pack") +
                       " >/dev/null 2>" + res + "/err_a; echo $? > " + res + "/rc_a\n" + "cp -a " + mnt + "/pack " +
                       res + "/pack_a\n";
  for (uintmax_t k : free_kb) {
    const std::string n = std::to_string(k);
    script += "dd if=/dev/zero of=" + mnt + "/filler bs=4k 2>/dev/null\ntruncate -s -" + n + "K " + mnt +
              "/filler || exit 92\n" + Generate(mnt + "/pack") + " >/dev/null 2>" + res + "/err_" + n +
              "; echo $? > " + res + "/rc_" + n + "\n" + "if diff -r " + res + "/pack_a " + mnt +
              "/pack >/dev/null; then echo same; else echo changed; fi > " + res + "/same_" + n + "\n" + "ls -A " +
              mnt + " > " + res + "/ls_" + n + "\n";
  }
  const std::string script_file = testing::WriteTextFile(res, "sweep.sh", script);
  auto r = testing::RunShell("unshare -m --propagation private sh " + script_file);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  INFO(testing::ReadBytes(res + "/err_a"));
  REQUIRE(testing::ReadBytes(res + "/rc_a") == "1\n");
  REQUIRE(testing::DirSnapshot(res + "/pack_a") == testing::DirSnapshot(probe));

  int failed = 0, fitted = 0;
  for (uintmax_t k : free_kb) {
    const std::string n = std::to_string(k);
    const std::string rc = testing::ReadBytes(res + "/rc_" + n), err = testing::ReadBytes(res + "/err_" + n);
    INFO("free: " << n << " KB; exit " << rc << "; stderr: " << err);
    if (std::getenv("ANNEXA_SHOW_SWEEP")) WARN(n << " KB free: exit " << rc << LastLine(err));
    CHECK(testing::ReadBytes(res + "/same_" + n) == "same\n");  // never a changed pack, corrupt or not
    CHECK(testing::ReadBytes(res + "/ls_" + n) == "filler\npack\n");  // no staging folder, no lock file
    if (rc == "3\n") {
      ++failed;
      CHECK_THAT(LastLine(err), Catch::StartsWith("annexa: " + mnt + "/pack/" + kStem));
      CHECK_THAT(LastLine(err), Catch::Contains("No space left on device"));
      CHECK_THAT(LastLine(err), Catch::EndsWith("(" + mnt + "/pack was left as it was)"));
    } else {
      ++fitted;
      CHECK(rc == "1\n");  // it fitted: the same pack, written again
    }
  }
  CHECK(testing::ReadBytes(res + "/rc_0") == "3\n");
  CHECK(failed >= 3);
  CHECK(testing::ReadBytes(res + "/rc_" + std::to_string(free_kb.back())) == "1\n");  // room for the pack twice over
  CHECK(fitted >= 1);
}

TEST_CASE("disk faults: a file-size limit (ulimit -f, SIGXFSZ not ignored by the caller) exits 3, the old pack kept",
          "[atomic][disk]") {
  const std::string root = testing::MakeTempDir();
  const std::string out = root + "/pack";
  auto a = testing::RunAnnexa(GenerateArgs(out));
  INFO(a.err);
  REQUIRE(a.exit_code == 1);
  const auto before = testing::DirSnapshot(out);
  const uintmax_t book = fs::file_size(out + "/" + kStem + ".xlsx");
  // The largest sheet as XML: the workbook library writes it whole to a
  // temporary file before compressing it into the workbook, so a limit
  // between the workbook's size and this one cut the sheet short unseen.
  Result<sources::ZipArchive> zip = sources::ZipArchive::Open(out + "/" + kStem + ".xlsx");
  REQUIRE(zip.ok());
  uint64_t largest_sheet = 0;
  for (const std::string& part : zip->EntryNames())
    if (part.starts_with("xl/worksheets/sheet")) largest_sheet = std::max(largest_sheet, zip->DeclaredSize(part));
  REQUIRE(largest_sheet > book);
  const std::string res = testing::MakeTempDir();
  std::vector<uint64_t> limits = {0, 1, 4096, book / 4, book / 2, book - 1, (book + largest_sheet) / 2,
                                  largest_sheet - 1};
  for (uint64_t limit : limits) {
    INFO("limit: " << limit << " bytes (workbook " << book << ", largest sheet " << largest_sheet << ")");
    // prlimit sets RLIMIT_FSIZE in bytes and leaves SIGXFSZ as the shell
    // would: its default action kills, unless annexa ignores it. Its
    // stderr goes through a pipe (the limit applies to files only), its
    // exit status (128 + 25 had SIGXFSZ killed it) to a file.
    const std::string rc_file = res + "/rc_" + std::to_string(limit);
    auto r = testing::RunShell("{ prlimit --fsize=" + std::to_string(limit) + " " + Generate(out) +
                               " 2>&1 >/dev/null; echo $? > " + rc_file + "; } | cat >&2");
    INFO(r.err);
    CHECK(testing::ReadBytes(rc_file) == "3\n");
    CHECK_THAT(LastLine(r.err), Catch::StartsWith("annexa: " + out + "/" + kStem));
    CHECK_THAT(LastLine(r.err), Catch::Contains("File too large"));
    CHECK_THAT(LastLine(r.err), Catch::EndsWith("(" + out + " was left as it was)"));
    CHECK(testing::DirSnapshot(out) == before);
    CHECK(testing::DirEntries(root) == std::set<std::string>{"pack"});
  }
}

TEST_CASE("disk faults: a filesystem or a bind mount inside --out is refused and its files kept", "[atomic][disk]") {
  std::string why;
  if (!CanMount(&why)) {
    WARN("mount-inside-out test skipped: cannot mount in a private mount namespace here (" << why << ")");
    return;
  }
  const std::string root = testing::MakeTempDir();
  const std::string out = root + "/pack", res = root + "/res", elsewhere = root + "/elsewhere";
  auto a = testing::RunAnnexa(GenerateArgs(out));
  INFO(a.err);
  REQUIRE(a.exit_code == 1);
  fs::create_directories(out + "/scans");
  fs::create_directories(out + "/notes/bound");
  fs::create_directories(res);
  testing::WriteTextFile(elsewhere, "minutes.txt", "not annexa's\n");
  const auto before = testing::DirSnapshot(out);
  const std::string script =
      "mount -t tmpfs -o size=1m annexa-test " + out + "/scans || exit 90\n" + "echo 'scanned letter' > " + out +
      "/scans/letter.txt\n" + Generate(out) + " >/dev/null 2>" + res + "/err_tmpfs; echo $? > " + res +
      "/rc_tmpfs\n" + "cat " + out + "/scans/letter.txt > " + res + "/letter\n" + "umount " + out +
      "/scans || exit 91\n" + "mount --bind " + elsewhere + " " + out + "/notes/bound || exit 92\n" + Generate(out) +
      " >/dev/null 2>" + res + "/err_bind; echo $? > " + res + "/rc_bind\n" + "umount " + out +
      "/notes/bound || exit 93\n";
  auto r = testing::RunShell("unshare -m --propagation private sh " + testing::WriteTextFile(res, "m.sh", script));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string tail = " is a mount point inside the output folder; annexa replaces the output folder as a whole "
                           "and would not keep what is mounted there: unmount it, or give an output folder with "
                           "nothing mounted inside\n";
  CHECK(testing::ReadBytes(res + "/rc_tmpfs") == "2\n");
  CHECK(testing::ReadBytes(res + "/err_tmpfs") == "annexa: " + out + "/scans:" + tail);
  CHECK(testing::ReadBytes(res + "/letter") == "scanned letter\n");
  // A bind mount is the same filesystem (the same st_dev): told apart by its mount id.
  CHECK(testing::ReadBytes(res + "/rc_bind") == "2\n");
  CHECK(testing::ReadBytes(res + "/err_bind") == "annexa: " + out + "/notes/bound:" + tail);
  CHECK(testing::ReadBytes(elsewhere + "/minutes.txt") == "not annexa's\n");
  CHECK(testing::DirSnapshot(out) == before);
  CHECK(testing::DirEntries(root) == std::set<std::string>{"elsewhere", "pack", "res"});
}

TEST_CASE("disk faults: an --out the user cannot write (0555) is refused before any work, nothing left",
          "[atomic][disk]") {
  // Root writes anywhere: as root the run is made as the user 'nobody'.
  std::string as;
  if (::geteuid() == 0) {
    if (testing::RunShell("setpriv --reuid=65534 --regid=65534 --clear-groups true").exit_code != 0) {
      WARN("0555 --out test skipped: running as root and cannot drop to another user with setpriv");
      return;
    }
    as = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    // 'nobody' must reach the binary, the config and its data: not so in a
    // checkout copied into a private (0700) folder, as .ci/run makes.
    if (testing::RunShell(as + "sh -c " +
                          Quote("test -x " + testing::AnnexaBinary() + " && test -r " + testing::SourceDir() +
                                "/config/exampleshire.yaml && test -r " + testing::SourceDir() +
                                "/annex_a_specs/codes.yaml"))
            .exit_code != 0) {
      WARN("0555 --out test skipped: running as root, and the user 'nobody' cannot read this checkout or run its "
           "binary (" << testing::SourceDir() << ")");
      return;
    }
  }
  const std::string top = testing::MakeTempDir();
  REQUIRE(::chmod(top.c_str(), 0755) == 0);
  const std::string root = top + "/parent", out = root + "/pack";
  fs::create_directories(root);
  if (!as.empty()) REQUIRE(::chown(root.c_str(), 65534, 65534) == 0);
  auto a = testing::RunShell(as + Generate(out) + " >/dev/null");
  INFO(a.err);
  REQUIRE(a.exit_code == 1);
  const auto before = testing::DirSnapshot(out);
  SECTION("the folder itself") {
    REQUIRE(::chmod(out.c_str(), 0555) == 0);
    auto r = testing::RunShell(as + Generate(out) + " >/dev/null");
    CHECK(r.exit_code == 3);
    CHECK(r.err == "annexa: " + out + ": cannot write the output folder: Permission denied (annexa replaces the "
                   "output folder and everything in it as a whole, so every folder in it must be writable)\n");
  }
  SECTION("a folder inside it") {
    fs::create_directories(out + "/kept");
    if (!as.empty()) REQUIRE(::chown((out + "/kept").c_str(), 65534, 65534) == 0);
    REQUIRE(::chmod((out + "/kept").c_str(), 0555) == 0);
    auto r = testing::RunShell(as + Generate(out) + " >/dev/null");
    CHECK(r.exit_code == 3);
    CHECK(r.err == "annexa: " + out + "/kept: cannot write the output folder: Permission denied (annexa replaces "
                   "the output folder and everything in it as a whole, so every folder in it must be writable)\n");
    ::chmod((out + "/kept").c_str(), 0755);
    fs::remove(out + "/kept");
  }
  ::chmod(out.c_str(), 0755);
  CHECK(testing::DirSnapshot(out) == before);
  CHECK(testing::DirEntries(root) == std::set<std::string>{"pack"});  // no staging copy, no lock file
}

TEST_CASE("disk faults: a second run into the same --out waits for the first, and says so once", "[atomic][disk]") {
  const std::string root = testing::MakeTempDir();
  const std::string out = root + "/pack", lock = root + "/.pack.annexa-lock";
  // The test plays the first run: it holds the lock a run holds.
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  testing::AnnexaProcess second(GenerateArgs(out));
  // Until it says it waits (a fixed pause was too short for a sanitizer
  // build on a busy machine: the lock was let go before it was reached).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (second.StderrSoFar().find("waiting for another annexa run") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(second.StderrSoFar() == "annexa: waiting for another annexa run writing to " + out + " to finish\n");
  // Waiting, before anything is made: no staging folder yet.
  CHECK(testing::DirEntries(root) == std::set<std::string>{".pack.annexa-lock"});
  // The first run ends as a run does: the lock file removed while held.
  ::unlink(lock.c_str());
  ::close(fd);
  testing::ProcessResult r = second.Wait();
  CHECK(r.exit_code == 1);
  CHECK(r.err == "annexa: waiting for another annexa run writing to " + out + " to finish\n");
  CHECK(fs::exists(out + "/" + kStem + ".xlsx"));
  CHECK(testing::DirEntries(root) == std::set<std::string>{"pack"});
}
