#include "validate/spec_fixture.h"

#include "test_support.h"

namespace annexa::testing {

const LoadedSpecs& ValidateSpecs() {
  static const LoadedSpecs l = [] {
    LoadedSpecs out;
    const std::string root = SourceDir() + "/annex_a_specs";
    for (const char* v : {"ilacs-2023", "ilacs-2019"}) out.versions.push_back(*spec::LoadSpecVersion(root, v));
    out.aliases = *spec::LoadValueAliases(root + "/value_aliases.yaml");
    for (const auto& v : out.versions) out.candidates.push_back(&v);
    return out;
  }();
  return l;
}

std::vector<std::string> Tuples(const Findings& f, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& x : f)
    if (x.code == code)
      out.push_back(std::to_string(x.list) + "|" + std::to_string(x.list_row) + "|" + x.column + "|" + x.value);
  return out;
}

}  // namespace annexa::testing
