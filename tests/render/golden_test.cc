// Golden tests of the pack for a tiny council (tests/golden/tiny): the
// workbook compared part by part (its unzipped XML), the PDF by page count
// and pdftotext's text of each page. After an intended change, regenerate
// with tests/golden/update.sh and review the diff.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "sources/zip_archive.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {

std::string Golden() { return testing::SourceDir() + "/tests/golden/tiny"; }

// Generates the tiny pack once per test run.
const std::string& PackDir() {
  static const std::string dir = [] {
    const std::string out = testing::MakeTempDir();
    std::ostringstream o, e;
    cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
    // No run history: the QA workbook's Changes sheet would show earlier runs.
    const int rc = cli::RunApp({"generate", "--config", Golden() + "/config.yaml", "--out", out, "--generated-at",
                                "2026-11-23T09:30:00", "--no-history", "--quiet"},
                               ctx);
    INFO(e.str());
    REQUIRE((rc == 0 || rc == 1));
    return out;
  }();
  return dir;
}

// Each XML part of `workbook` (in the pack) equals the one in `golden`
// (under tests/golden/tiny), and there are no others.
void CheckParts(const std::string& workbook, const std::string& golden_dir) {
  auto zip = sources::ZipArchive::Open(PackDir() + "/" + workbook);
  REQUIRE(zip.ok());
  std::set<std::string> parts, golden;
  for (const std::string& name : zip->EntryNames()) {
    parts.insert(name);
    INFO(name);
    auto got = zip->Read(name);
    REQUIRE(got.ok());
    auto want = ReadFile(Golden() + "/" + golden_dir + "/" + name);
    REQUIRE(want.ok());
    CHECK(*got == *want);
  }
  for (const auto& entry : fs::recursive_directory_iterator(Golden() + "/" + golden_dir))
    if (entry.is_regular_file()) golden.insert(fs::relative(entry.path(), Golden() + "/" + golden_dir).string());
  CHECK(parts == golden);
}

}  // namespace

TEST_CASE("golden: the upload workbook's XML parts equal the golden ones", "[golden]") {
  CheckParts("annex_a_001_2026-11-23.xlsx", "xlsx");
}

TEST_CASE("golden: the QA workbook's XML parts equal the golden ones", "[golden]") {
  CheckParts("annex_a_001_2026-11-23_qa.xlsx", "xlsx_qa");
}

TEST_CASE("golden: the PDF's page count and the text of every page", "[golden]") {
  const std::string pdf = PackDir() + "/annex_a_001_2026-11-23_pack.pdf";
  const std::string info = testing::RunCommand("pdfinfo '" + pdf + "' 2>/dev/null");
  const int pages = std::stoi(*ReadFile(Golden() + "/pdf/pages.txt"));
  CHECK(info.find("Pages:           " + std::to_string(pages) + "\n") != std::string::npos);
  for (int p = 1; p <= pages; ++p) {
    INFO("page " << p);
    const std::string text =
        testing::RunCommand("pdftotext -layout -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" + pdf + "' - 2>/dev/null");
    CHECK(text == *ReadFile(Golden() + "/pdf/page-" + std::to_string(p) + ".txt"));
  }
}
