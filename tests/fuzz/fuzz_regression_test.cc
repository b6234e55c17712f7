// Replays fuzzing through the fuzz targets' own entry points
// (fuzz/fuzz_entry.h): every seed in fuzz/corpus/ must give an answer (OK or
// an error, never a broken invariant), and every input a fuzzer found a bug
// with (tests/data/fuzz_regressions/<target>/) must now give the exact
// answer written here. Run under scripts/sanitize, a regressed crash, leak or
// undefined behaviour fails these tests too.
#include "fuzz/fuzz_entry.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::fuzz {
namespace {

namespace fs = std::filesystem;

using Entry = std::function<Status(std::string_view)>;

const std::map<std::string, Entry>& Targets() {
  static const std::map<std::string, Entry> targets = {
      {"csv", FuzzCsv},         {"xlsx", FuzzXlsx},     {"xlsx_xml", FuzzXlsxXml},
      {"cin_census", FuzzCinCensus}, {"config", FuzzConfig}, {"spec", FuzzSpec}};
  return targets;
}

// Files directly in `dir`, sorted by name.
std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// "ok", or the Status message (its code is checked where it matters).
std::string Answer(const Status& s) { return s.ok() ? "ok" : s.message(); }

struct Regression {
  const char* target;
  const char* file;  // under tests/data/fuzz_regressions/<target>/
  StatusCode code;
  const char* message;  // exact, or "ok"
};

// One row per input a fuzzer found a bug with (docs/fuzzing.md, "Bugs
// found"); the answer each gives now that the bug is fixed.
const std::vector<Regression>& Regressions() {
  static const std::vector<Regression> list = {
      // Signed overflow (UB) in config_loader.cc: timeout_seconds * 1000 and
      // 1 + retries were computed before any range check. (Issue 17 made
      // timeouts 1 to 600 s: 0 meant no timeout, and a URL's whole fetch
      // ends within 600 s.)
      {"config", "http_numbers_overflow.yaml", StatusCode::kParseError,
       "fuzz/config.yaml:8:22: 'timeout_seconds' must be from 1 to 600\n"
       "fuzz/config.yaml:10:14: 'retries' must be from 0 to 100"},
      // spec_loader.cc narrowed 'list' and 'months' to int before the range
      // check: 4294967297 was read as List 1, 4294967302 months as 6.
      {"spec", "list_number_wraps.bundle", StatusCode::kParseError,
       "fuzz_specs/v1/l1.yaml:1:7: 'list' must be a number from 1 to 99 (or audited_cases)\n"
       "fuzz_specs/v1/l1.yaml:6:18: 'months' must be from 1 to 120"},
  };
  return list;
}

TEST_CASE("fuzz: every seed of every target gets an answer, never a broken invariant", "[fuzz]") {
  const fs::path corpus = fs::path(testing::SourceDir()) / "fuzz" / "corpus";
  for (const auto& [name, entry] : Targets()) {
    const std::vector<fs::path> seeds = FilesIn(corpus / name);
    INFO("target " << name);
    CHECK(!seeds.empty());
    for (const fs::path& seed : seeds) {
      INFO("seed " << seed.filename().string());
      const Status s = entry(testing::ReadBytes(seed.string()));
      CHECK(s.code() != StatusCode::kInternal);
    }
  }
}

TEST_CASE("fuzz: the seeds that are valid inputs read without error", "[fuzz]") {
  // The copies of the repository's own configs, specs and fixtures must
  // load: a seed that fails early teaches the fuzzer little.
  const fs::path corpus = fs::path(testing::SourceDir()) / "fuzz" / "corpus";
  const std::vector<std::pair<std::string, std::string>> valid = {
      {"csv", "people_head"},        {"csv", "semicolon"},
      {"csv", "windows1252"},        {"csv", "title_rows"},
      {"xlsx", "cell_types.xlsx"},   {"xlsx_xml", "cell_types.bundle"},
      {"xlsx_xml", "date1904.bundle"}, {"cin_census", "full_child.xml"},
      {"config", "exampleshire.yaml"}, {"config", "profiles_cin_census.yaml"},
      {"spec", "minimal.bundle"},    {"spec", "ilacs_2023_on_2019.bundle"}};
  for (const auto& [target, file] : valid) {
    INFO(target << "/" << file);
    const Status s = Targets().at(target)(testing::ReadBytes((corpus / target / file).string()));
    CHECK(Answer(s) == "ok");
  }
}

TEST_CASE("fuzz: every input a fuzzer found a bug with gives its exact answer now", "[fuzz]") {
  const fs::path dir = fs::path(testing::TestDataDir()) / "fuzz_regressions";
  std::set<std::string> listed;
  for (const Regression& r : Regressions()) {
    INFO(r.target << "/" << r.file);
    listed.insert(std::string(r.target) + "/" + r.file);
    const Status s = Targets().at(r.target)(testing::ReadBytes((dir / r.target / r.file).string()));
    CHECK(s.code() == r.code);
    CHECK(Answer(s) == r.message);
  }
  // A finding checked in without its row here would be replayed by nothing.
  for (const auto& [name, entry] : Targets())
    for (const fs::path& f : FilesIn(dir / name)) {
      INFO("unlisted regression input " << name << "/" << f.filename().string());
      CHECK(listed.count(name + "/" + f.filename().string()) == 1);
    }
}

TEST_CASE("fuzz: a bundle splits into named texts", "[fuzz]") {
  const std::map<std::string, std::string> parts =
      SplitBundle("ignored\n@@ a.yaml\nx: 1\n@@ b/c.xml\r\n<r/>\n\n@@ a.yaml\nx: 2");
  CHECK(parts == std::map<std::string, std::string>{{"a.yaml", "x: 2"}, {"b/c.xml", "<r/>\n\n"}});
}

TEST_CASE("fuzz: a stored zip of parts opens as a workbook", "[fuzz]") {
  const std::string zip = StoredZip({{"a.txt", "hello"}, {"b/c.txt", ""}});
  // Local header, name, body; the central directory; the end record.
  CHECK(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(zip.size() == (30 + 5 + 5) + (30 + 7) + (46 + 5) + (46 + 7) + 22);
  CHECK(Answer(FuzzXlsx(zip)) == "fuzz.xlsx: not an xlsx workbook (no xl/workbook.xml)");
}

}  // namespace
}  // namespace annexa::fuzz
