// Shared helpers for tests: where the checked-in specs, test data and the
// shared reference samples live, and small fixtures.
#pragma once

#include <string>

namespace annexa::testing {

// The repository root (annex_a_specs/, examples/ ...).
std::string SourceDir();
// tests/data in the repository.
std::string TestDataDir();
// ../shared/reference beside the checkout; ANNEXA_SHARED_DIR overrides.
std::string SharedReferenceDir();
// A fresh empty directory under the system temp dir, removed at exit.
std::string MakeTempDir();
// Writes `content` to `dir/name` (creating parent folders) and returns the path.
std::string WriteTextFile(const std::string& dir, const std::string& name,
                          const std::string& content);

}  // namespace annexa::testing
