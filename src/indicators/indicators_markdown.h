// docs/indicators.md, generated from the indicators file and the table: the conventions
// and rules every indicator follows (fixed text), then one row per
// indicator and its notes. `annexa indicators --markdown` prints it; a test
// checks the file is current.
#pragma once

#include <string>

#include "indicators/indicator_spec.h"

namespace annexa::indicators {

// `shipped`: the indicators written as data (annex_a_specs/indicators.yaml).
std::string IndicatorsMarkdown(const IndicatorSpecs& shipped);

}  // namespace annexa::indicators
