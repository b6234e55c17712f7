// The red/amber/green tally of the key indicators, in the words councils'
// performance reports use ("3 are numbers of children; of the other 14, 3
// are green, 6 amber, 5 red; of the 5 reds, 4 miss the target by less than
// 3%"), and each red's distance to the target it misses. Pure functions of
// the computed indicators; the PDF, the QA workbook, the CSV and the run's
// JSON all read them from here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/key_indicators.h"

namespace annexa::indicators {

// A red is "near" when it misses its target by less than this: percentage
// points for a percentage, else this percent of the target's value.
inline constexpr double kNearMiss = 3.0;

// How far a red indicator is from the target it misses: the minimum (or the
// only band given), in the indicator's unit (percentage points for a
// percentage). `distance` is value - target: negative when a higher-is-better
// indicator is below its minimum, positive when a lower-is-better one is
// above its maximum. nullopt for an indicator that is not red.
struct TargetDistance {
  double target = 0;    // the band it misses
  double distance = 0;  // value - target, in the unit
  bool near = false;    // misses by less than kNearMiss (see above)
};
std::optional<TargetDistance> DistanceToTarget(const Indicator& ind);

struct RagTally {
  int counts = 0;          // unit "count": numbers of children, never rated
  int not_configured = 0;  // Indicator::not_configured set
  int no_value = 0;        // computed, but no value (nothing to divide by)
  int no_target = 0;       // a value, but no targets: no RAG
  int green = 0, amber = 0, red = 0;
  int near_reds = 0;       // reds missing by less than kNearMiss
  int Rated() const { return green + amber + red; }
};
RagTally TallyRag(const std::vector<Indicator>& indicators);

// The tally in words, as above; the indicators without a RAG are said
// apart ("2 have no target; 1 is not configured"). "" for no indicators.
std::string TallySentence(const RagTally& tally);

// A red's distance for the pack, signed as DistanceToTarget: "-7.2 pts"
// (percentage points) for a percentage, "-1.5" in other units; "" when not
// red.
std::string DistanceText(const Indicator& ind);

}  // namespace annexa::indicators
