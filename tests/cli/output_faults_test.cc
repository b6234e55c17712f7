// Output failures: a full disk, a file-size limit, a read-only filesystem, a
// path through a file, /proc. Each gives a clear message naming the file and
// the reason, exit code 3, the previous pack byte-for-byte as it was, and
// nothing left beside it. The real binary runs as a child where the fault
// needs a process of its own (rlimit, a private mount namespace).
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "cli/app.h"
#include "support/annexa_process.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace annexa;

namespace {

const std::string kStem = "annex_a_999_2026-11-23";

std::vector<std::string> Args(const std::string& out, const std::string& generated_at) {
  // --no-history: these tests are about the pack folder and what is beside
  // it; the run history's own faults are tests/history/'s.
  return {"generate", "--quiet", "--no-history", "--config", testing::SourceDir() + "/config/exampleshire.yaml",
          "--out", out, "--generated-at", generated_at};
}

std::string PackA(const std::string& out) {
  auto r = testing::RunAnnexa(Args(out, "2026-11-23T09:00:00"));
  INFO(r.err);
  REQUIRE(r.exit_code == 1);  // written, with Exampleshire's deliberate data errors
  return out;
}

// The last line annexa printed (libxlsxwriter prints its own lines first).
std::string LastLine(const std::string& err) {
  const size_t end = err.size() && err.back() == '\n' ? err.size() - 1 : err.size();
  const size_t begin = err.rfind('\n', end ? end - 1 : 0);
  return err.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1));
}

}  // namespace

TEST_CASE("output faults: a write past the file-size limit (EFBIG) exits 3 and keeps the previous pack", "[atomic]") {
  const std::string root = testing::MakeTempDir();
  const std::string out = PackA(root + "/pack");
  const auto before = testing::DirSnapshot(out);
  REQUIRE(before.size() >= 5);
  testing::ProcessOptions limited;
  limited.file_size_limit = 100 * 1024;  // the workbook is larger
  auto r = testing::RunAnnexa(Args(out, "2026-11-23T10:00:00"), limited);
  CHECK(r.exit_code == 3);
  // Caught at the first sheet's temporary file, whose writes annexa now
  // checks itself (issue 17), rather than later when the zip is written.
  CHECK(LastLine(r.err) == "annexa: " + out + "/" + kStem +
                               ".xlsx: cannot write the workbook: File too large (writing sheet 'List_1' to a "
                               "temporary file in " + out + ") (" + out + " was left as it was)");
  CHECK(testing::DirSnapshot(out) == before);
  CHECK(testing::DirEntries(root) == std::set<std::string>{"pack"});
}

TEST_CASE("output faults: a full disk and a read-only filesystem (tmpfs in a private mount namespace)", "[atomic]") {
  const std::string root = testing::MakeTempDir();
  const std::string mnt = root + "/mnt", res = root + "/res";
  fs::create_directories(mnt);
  fs::create_directories(res);
  // Mounting needs root and a container that allows it; the mount lives and
  // dies with the child's own mount namespace, so nothing leaks on failure.
  auto probe = testing::RunShell("unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k t " + mnt + "'");
  if (probe.exit_code != 0) {
    WARN("tmpfs tests skipped: cannot mount a tmpfs here (" << probe.err << ")");
    return;
  }
  const std::string bin = testing::AnnexaBinary();
  const std::string config = testing::SourceDir() + "/config/exampleshire.yaml";
  const std::string gen = "'" + bin + "' generate --quiet --no-history --config '" + config + "' --out " + mnt + "/pack";
  // Pack A is written, then the disk is filled to within 200 KB: too little
  // for the new workbook (about 240 KB). The disk is 8 MB: the pack is
  // 1.1 MB, but while it is written both workbooks' sheets sit in temporary
  // files beside it (about 2 MB), and the QA workbook's are written while
  // the upload workbook is compressed; 4 MB was full at times under load.
  const std::string script =
      "mount -t tmpfs -o size=8m annexa-test " + mnt + " || exit 90\n" + gen +
      " --generated-at 2026-11-23T09:00:00 >/dev/null 2>" + res + "/err_a; echo $? > " + res + "/rc_a\n" +
      "cp -a " + mnt + "/pack " + res + "/pack_a\n" + "dd if=/dev/zero of=" + mnt + "/filler bs=64k 2>/dev/null\n" +
      "truncate -s -200K " + mnt + "/filler || exit 92\n" + gen + " --generated-at 2026-11-23T10:00:00 >/dev/null 2>" +
      res + "/err_full; echo $? > " + res + "/rc_full\n" + "cp -a " + mnt + "/pack " + res + "/pack_full\n" +
      "ls -A " + mnt + " > " + res + "/ls_full\n" + "mount -o remount,ro " + mnt + " || exit 91\n" + gen +
      " --generated-at 2026-11-23T11:00:00 >/dev/null 2>" + res + "/err_ro; echo $? > " + res + "/rc_ro\n" +
      "cp -a " + mnt + "/pack " + res + "/pack_ro\n" + "ls -A " + mnt + " > " + res + "/ls_ro\n";
  const std::string script_file = testing::WriteTextFile(res, "faults.sh", script);
  auto r = testing::RunShell("unshare -m --propagation private sh " + script_file);
  REQUIRE(r.exit_code == 0);
  INFO(testing::ReadBytes(res + "/err_a"));
  REQUIRE(testing::ReadBytes(res + "/rc_a") == "1\n");
  const auto pack_a = testing::DirSnapshot(res + "/pack_a");
  REQUIRE(pack_a.size() >= 5);

  // Disk full: the file being written is named, with the reason.
  const std::string full = testing::ReadBytes(res + "/err_full");
  CHECK(testing::ReadBytes(res + "/rc_full") == "3\n");
  CHECK_THAT(LastLine(full), Catch::StartsWith("annexa: " + mnt + "/pack/" + kStem));
  CHECK_THAT(LastLine(full), Catch::Contains("No space left on device"));
  CHECK_THAT(LastLine(full), Catch::EndsWith("(" + mnt + "/pack was left as it was)"));
  CHECK(testing::DirSnapshot(res + "/pack_full") == pack_a);
  CHECK(testing::ReadBytes(res + "/ls_full") == "filler\npack\n");  // no staging litter

  // Read-only: refused before anything is written.
  CHECK(testing::ReadBytes(res + "/rc_ro") == "3\n");
  CHECK(testing::ReadBytes(res + "/err_ro") == "annexa: " + mnt + "/pack: cannot write the output folder: cannot "
                                                "create a staging folder beside it in " + mnt +
                                                ": Read-only file system\n");
  CHECK(testing::DirSnapshot(res + "/pack_ro") == pack_a);
  CHECK(testing::ReadBytes(res + "/ls_ro") == "filler\npack\n");
}

TEST_CASE("output faults: folders no one can write, even root, exit 3 with the reason", "[atomic]") {
  const std::string root = testing::MakeTempDir();
  const std::string out = PackA(root + "/pack");
  const auto before = testing::DirSnapshot(out);
  SECTION("a path through a regular file (ENOTDIR)") {
    const std::string through = out + "/" + kStem + "_run.json/pack";
    auto r = testing::RunAnnexa(Args(through, "2026-11-23T10:00:00"));
    CHECK(r.exit_code == 3);
    CHECK(r.err == "annexa: " + through + ": cannot create the output folder: Not a directory\n");
  }
  SECTION("a folder in /proc") {
    auto r = testing::RunAnnexa(Args("/proc/annexa-test-pack", "2026-11-23T10:00:00"));
    CHECK(r.exit_code == 3);
    // The first thing a run makes beside the folder is now its run lock
    // (issue 17: two runs into one folder take turns), so that is what fails.
    CHECK_THAT(r.err, Catch::StartsWith("annexa: /proc/annexa-test-pack: cannot write the output folder: cannot "
                                        "create its lock file /proc/.annexa-test-pack.annexa-lock: "));
  }
  SECTION("the current folder is refused, not replaced under the shell (exit 2)") {
    const fs::path cwd = fs::current_path();
    fs::current_path(out);
    std::ostringstream o, e;
    cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs"), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    const int rc = cli::RunApp(Args(".", "2026-11-23T10:00:00"), ctx);
    fs::current_path(cwd);
    CHECK(rc == 2);
    CHECK(e.str() == "annexa: .: is the current folder or holds it; annexa replaces the output folder as a whole, so "
                     "run it from another folder or give a folder below this one\n");
  }
  CHECK(testing::DirSnapshot(out) == before);
  CHECK(testing::DirEntries(root) == std::set<std::string>{"pack"});
}
