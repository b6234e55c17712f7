// Builds a pack from a config and CSV files written to a temp folder, for
// mapping tests that assert exact cells and exact row accounting.
#pragma once

#include <map>
#include <string>

#include "mapping/pack_builder.h"
#include "test_support.h"

namespace annexa::testing {

struct PackFixture {
  std::string dir = MakeTempDir();

  void File(const std::string& name, const std::string& content) { WriteTextFile(dir, name, content); }

  // Writes `config` as config.yaml and builds; REQUIREs success.
  mapping::MappedPack Build(const std::string& config);
  // Writes and builds; returns the failure message (REQUIREs failure).
  std::string BuildError(const std::string& config);

  static const AnnexList& List(const mapping::MappedPack& p, int n);
  // The cell text of data row `row` (1-based) of list `n`, by column key.
  static std::string Cell(const mapping::MappedPack& p, int n, int row, const std::string& key);
  // Every finding as "code|list|list_row|column|value|source_row".
  static std::vector<std::string> FindingKeys(const mapping::MappedPack& p);
};

// The head of a config: council, LA code, spec and reference date.
std::string ConfigHead(const std::string& reference_date = "2026-11-23");

}  // namespace annexa::testing
