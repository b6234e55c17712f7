// The Annex A spec versions and built-in value aliases the validate tests
// read workbooks against: loaded once from annex_a_specs/ for the run.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

#include "spec/spec_loader.h"
#include "spec/value_aliases.h"

namespace annexa::testing {

struct LoadedSpecs {
  std::vector<spec::SpecVersion> versions;  // ilacs-2023, ilacs-2019
  spec::ValueAliases aliases;
  std::vector<const spec::SpecVersion*> candidates;  // each of versions
};

const LoadedSpecs& ValidateSpecs();

// "list|row|column|value" of every finding with `code`.
std::vector<std::string> Tuples(const Findings& f, const std::string& code);

}  // namespace annexa::testing
