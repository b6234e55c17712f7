// Shared helpers for tests: where the checked-in specs, test data and the
// public sample files live, and small fixtures.
#pragma once

#include <map>
#include <set>
#include <string>

#include "sources/xlsx_reader.h"

namespace annexa::testing {

// The repository root (annex_a_specs/, examples/ ...).
std::string SourceDir();
// tests/data in the repository.
std::string TestDataDir();
// A public sample file, tests/data/samples/<relative> (where each came
// from: tests/data/samples/README.md).
std::string SampleFile(const std::string& relative);
// A fresh empty directory under the system temp dir, removed at exit.
std::string MakeTempDir();
// Writes `content` to `dir/name` (creating parent folders) and returns the path.
std::string WriteTextFile(const std::string& dir, const std::string& name,
                          const std::string& content);

// A public Annex A sample workbook: tests/data/samples/annex_a/<name>.
std::string AnnexASample(const std::string& name);
// A checked-in xlsx fixture: tests/data/xlsx/<name>.
std::string XlsxFixture(const std::string& name);
// The names in `dir` (not recursive); empty when it cannot be read.
std::set<std::string> DirEntries(const std::string& dir);
// Every file under `dir` (recursive, by relative path) with its bytes, and
// every folder as "<dir>": equal snapshots mean an untouched folder.
std::map<std::string, std::string> DirSnapshot(const std::string& dir);
// What a shell command prints on stdout ("" when it cannot be run).
std::string RunCommand(const std::string& command);
// A file's bytes ("" when it cannot be read).
std::string ReadBytes(const std::string& path);
// Opens a workbook, REQUIRE-ing success (the failure message shown).
sources::Workbook OpenOk(const std::string& path, sources::XlsxOptions options = {});

}  // namespace annexa::testing
