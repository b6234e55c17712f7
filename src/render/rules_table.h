// The catalogue of finding kinds (core/finding_kinds.h) as the rules table
// `annexa rules` prints: one row per kind and stage that finds it, then the
// data rules of a spec version (spec/data_rule.h) with their citations, and
// the coverage of Ofsted's guidance and DfE's return rules they and the
// built-in kinds give.
#pragma once

#include <string>

#include "spec/spec_model.h"

namespace annexa::render {

// As Markdown: docs/rules.md (CI checks it is current), the data rules and
// coverage those of `spec`.
std::string RulesMarkdown(const spec::SpecVersion& spec);

// As aligned terminal text: the built-in kinds and `spec`'s data rules.
std::string RulesText(const spec::SpecVersion& spec);

}  // namespace annexa::render
