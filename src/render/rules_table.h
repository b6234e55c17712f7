// The catalogue of finding kinds (core/finding_kinds.h) as the rules table
// `annexa rules` prints: one row per kind and stage that finds it.
#pragma once

#include <string>

namespace annexa::render {

// As Markdown: docs/rules.md (CI checks it is current).
std::string RulesMarkdown();

// As aligned terminal text.
std::string RulesText();

}  // namespace annexa::render
