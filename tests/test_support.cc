#include "test_support.h"

#include <sys/stat.h>

#include <cstdio>

#include <catch2/catch.hpp>

#include <iterator>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace annexa::testing {

namespace fs = std::filesystem;

std::string SourceDir() { return ANNEXA_SOURCE_DIR; }
std::string TestDataDir() { return ANNEXA_TEST_DATA_DIR; }

std::string SampleFile(const std::string& relative) { return TestDataDir() + "/samples/" + relative; }

namespace {
struct TempDirs {
  std::vector<fs::path> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (auto& d : dirs) fs::remove_all(d, ec);
  }
};
TempDirs& Registry() {
  static TempDirs r;
  return r;
}
}  // namespace

// The folder every temporary folder of this test process is made in:
// `generate --out <temp folder>` records its run in the run history of
// --out's parent (docs/history.md), which is then this process's, removed
// with it, rather than one in /tmp shared by every test run. 0711: other
// accounts (the disk-fault tests' 'nobody') may pass through, not list it.
const fs::path& ProcessTempRoot() {
  static const fs::path root = [] {
    std::string tmpl = (fs::temp_directory_path() / "annexa-tests-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    ::chmod(tmpl.c_str(), 0711);
    return fs::path(tmpl);
  }();
  return root;
}

std::string MakeTempDir() {
  const fs::path& root = ProcessTempRoot();
  if (Registry().dirs.empty() || Registry().dirs.front() != root) Registry().dirs.insert(Registry().dirs.begin(), root);
  std::string tmpl = (root / "annexa-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  Registry().dirs.emplace_back(tmpl);
  return tmpl;
}

std::string WriteTextFile(const std::string& dir, const std::string& name, const std::string& content) {
  fs::path p = fs::path(dir) / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
  return p.string();
}

std::string AnnexASample(const std::string& name) { return SampleFile("annex_a/" + name); }

std::string XlsxFixture(const std::string& name) { return TestDataDir() + "/xlsx/" + name; }

std::set<std::string> DirEntries(const std::string& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) out.insert(e.path().filename().string());
  return out;
}

std::map<std::string, std::string> DirSnapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    const std::string rel = std::filesystem::relative(e.path(), dir).string();
    out[rel] = e.is_directory() ? "<dir>" : ReadBytes(e.path().string());
  }
  return out;
}

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

sources::Workbook OpenOk(const std::string& path, sources::XlsxOptions options) {
  Result<sources::Workbook> book = sources::Workbook::Open(path, options);
  INFO(book.status().message());
  REQUIRE(book.ok());
  return std::move(book).value();
}

}  // namespace annexa::testing
