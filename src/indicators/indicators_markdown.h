// docs/indicators.md, generated from the indicator table: the conventions
// and rules every indicator follows (fixed text), then one row per
// indicator and its notes. `annexa indicators --markdown` prints it; a test
// checks the file is current.
#pragma once

#include <string>

namespace annexa::indicators {

std::string IndicatorsMarkdown();

}  // namespace annexa::indicators
