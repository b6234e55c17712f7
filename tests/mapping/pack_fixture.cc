#include "mapping/pack_fixture.h"

#include <catch2/catch.hpp>

#include <filesystem>

namespace annexa::testing {

std::string ConfigHead(const std::string& reference_date) {
  return "council: Testshire\nla_code: \"998\"\nspec: ilacs-2023\nreference_date: " + reference_date + "\n";
}

mapping::MappedPack PackFixture::Build(const std::string& config) {
  File("config.yaml", config);
  mapping::PackOptions o;
  o.config_path = dir + "/config.yaml";
  o.specs_root = SourceDir() + "/annex_a_specs";
  auto r = mapping::BuildPack(o);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string PackFixture::BuildError(const std::string& config) {
  File("config.yaml", config);
  mapping::PackOptions o;
  o.config_path = dir + "/config.yaml";
  o.specs_root = SourceDir() + "/annex_a_specs";
  auto r = mapping::BuildPack(o);
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

const AnnexList& PackFixture::List(const mapping::MappedPack& p, int n) {
  for (const auto& l : p.lists)
    if (l.spec->number == n) return l;
  FAIL("no list " << n);
  return p.lists.front();
}

std::string PackFixture::Cell(const mapping::MappedPack& p, int n, int row, const std::string& key) {
  const AnnexList& l = List(p, n);
  REQUIRE(row >= 1);
  REQUIRE(static_cast<size_t>(row) <= l.rows.size());
  for (size_t i = 0; i < l.spec->columns.size(); ++i)
    if (l.spec->columns[i].key == key) return l.rows[static_cast<size_t>(row - 1)].cells[i].ToText();
  FAIL("no column " << key);
  return "";
}

std::vector<std::string> PackFixture::FindingKeys(const mapping::MappedPack& p) {
  std::vector<std::string> out;
  for (const Finding& f : p.findings)
    out.push_back(f.code + "|" + std::to_string(f.list) + "|" + std::to_string(f.list_row) + "|" + f.column + "|" +
                  f.value + "|" + std::to_string(f.source_row));
  return out;
}

}  // namespace annexa::testing
