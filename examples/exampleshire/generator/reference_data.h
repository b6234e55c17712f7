// Exampleshire's local code lists and name pools. The local codes are what
// the council's case-management system stores; their meaning in Ofsted terms
// is documented in examples/exampleshire/README.md, which must be updated
// whenever a list here changes (the lead's mapping config is written from it).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rng.h"

namespace exampleshire {

// A local code with its relative frequency.
struct WeightedCode {
  const char* code;
  int weight;
};

template <size_t N>
const char* PickCode(Rng& rng, const WeightedCode (&codes)[N]) {
  int weights[N];
  for (size_t i = 0; i < N; ++i) weights[i] = codes[i].weight;
  return codes[rng.Weighted(weights, N)].code;
}

// Ethnicity: the CBDS code and the free-text label the older module stored.
struct Ethnicity {
  const char* cbds;
  const char* text;
  int weight;
};
extern const Ethnicity kEthnicities[20];

// Contact / referral source: local code, the CIN-census code it stands for,
// and its share of contacts (police and schools dominate, as nationally).
struct Source {
  const char* local;
  const char* census;
  int weight;
};
extern const Source kSources[22];

extern const char* const kMaleForenames[40];
extern const char* const kFemaleForenames[40];
extern const char* const kSurnames[60];
extern const char* const kOrganisations[12];  // early help lead organisations
extern const char* const kAuditThemes[8];

// Primary need: the N code and the wording the older CIN module wrote.
struct Need {
  const char* code;
  const char* text;
};
extern const Need kNeeds[10];  // N1..N9, N0

// CIN closure: the RC code and the council's own wording.
struct Closure {
  const char* code;
  const char* text;
};
extern const Closure kClosures[9];  // RC1..RC9

// Places a child can be placed: an LA name as the system stores it and a
// postcode area. Index 0 is Exampleshire itself.
struct Area {
  const char* la;
  const char* postcode_area;
  int weight;
};
extern const Area kAreas[16];
inline constexpr int kHomeArea = 0;

// Teams. Workers are generated per team so names recur across tables.
enum class Team {
  kFrontDoor,
  kAssessmentNorth,
  kAssessmentSouth,
  kSafeguarding1,
  kSafeguarding2,
  kSafeguarding3,
  kCinEast,
  kCinWest,
  kChildrenInCare1,
  kChildrenInCare2,
  kLeavingCare,
  kDisabledChildren,
  kAdoption,
  kQualityAssurance,
  kCount
};
const char* TeamName(Team team);

class Workforce {
 public:
  // About `per_team` workers in each team (scaled by the caller), plus a
  // pool of personal advisers for care leavers.
  Workforce(uint64_t seed, int per_team);
  const std::string& Worker(Team team, Rng& rng) const;
  const std::string& PersonalAdviser(Rng& rng) const;

 private:
  std::vector<std::vector<std::string>> teams_;
  std::vector<std::string> advisers_;
};

// A synthetic but valid-looking postcode in `area` ("EX7 2QB").
std::string MakePostcode(Rng& rng, const Area& area);

}  // namespace exampleshire
