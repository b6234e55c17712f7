// Computing the indicators written as data (indicator_spec.h) as at the
// reference date: rows of a list or of a council's extra source, the
// denominator's tests, then the numerator's. An indicator whose source role
// the config does not map comes out "not configured", never as zero.
#pragma once

#include <vector>

#include "indicators/indicator_spec.h"
#include "indicators/key_indicators.h"

namespace annexa::indicators {

// Every indicator of options.specs (none when it is nullptr), in order; the
// headline fields filled (numerator, denominator, value, not_configured,
// period, target and RAG by the caller).
std::vector<Indicator> ComputeDataIndicators(const std::vector<AnnexList>& lists, const IndicatorOptions& options);

// What an unmapped role needs, as `not_configured` says it.
std::string NeedsSource(const SourceRole& role);

}  // namespace annexa::indicators
