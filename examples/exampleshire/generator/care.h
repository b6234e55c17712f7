// Periods of care as SSDA903 records them: a period row, contiguous legal
// statuses and contiguous placements that together cover the period, plus
// the looked-after child's visits, reviews, health checks and missing
// episodes. Shared by the children-in-care, short-break, care-leaver and
// adoption cohorts.
#pragma once

#include <vector>

#include "casework.h"

namespace exampleshire {

struct Step {
  const char* code;  // legal status or placement type
  Day start;
};

struct Period {
  Day start = kNoDay;
  Day end = kOpen;          // kOpen while still looked after at the reference date
  const char* reason = "";  // SSDA903 reason ceased, when ended
  int need = 0;             // index into kNeeds (N1..N8 only)
  bool uasc = false;
  Team team = Team::kChildrenInCare1;
  const char* permanence = "";   // local wording, "" = no plan agreed yet
  std::vector<Step> legal;       // in date order; the first starts with the period
  std::vector<Step> placements;  // in date order; the first starts with the period
};

// Writes the period, its legal statuses and placements (provider, postcode,
// URN, LA and in/out of area are derived from each placement's type).
void WritePeriod(World& w, Rng& rng, const Child& c, const Period& p);

// A placement type suited to the child's age on `day`.
const char* PlacementTypeFor(Rng& rng, int age);
// Placement changes between `start` and `until` such that `recent` placements
// overlap the last twelve months (as far as the period allows).
std::vector<Step> PlanPlacements(World& w, Rng& rng, const Child& c, Day start, Day until, int recent);
// How many placements a child had in the last twelve months: 1 for most,
// up to 5 for a few.
int RecentPlacementCount(Rng& rng);

// Visits (social worker, IRO), statutory reviews, health and dental checks
// and missing / absent episodes for the part of the period before `until`.
// Returns the latest social-work visit (the date the child was last seen).
Day WriteLookedAfterActivity(World& w, Rng& rng, const Child& c, Day start, Day until, bool missing_prone);

// The contact, referral, assessment and S47 (and sometimes a CP plan ending
// the day care begins) that brought the child into care on `start`, written
// when they fall inside the three-year extract. Returns the day the CIN
// episode began.
Day PreCareHistory(World& w, Rng& rng, Child& c, Day start, bool emergency);

// The care-leaver record (List 9): `eligibility` and `in_touch` are local
// codes (REL/FREL/QUAL/ELIG; YES/NO/DIED/REFU/NREQ/RHOM).
// `showcase` >= 0 picks accommodation and activity codes by index (so the
// smallest dataset still holds every code); -1 draws them.
void WriteCareLeaver(World& w, Rng& rng, const Child& c, const char* eligibility, const char* in_touch, bool uasc,
                     Team team, int showcase = -1);

}  // namespace exampleshire
