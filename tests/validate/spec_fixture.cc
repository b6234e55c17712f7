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

}  // namespace annexa::testing
