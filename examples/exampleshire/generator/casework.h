// Pieces of social-work activity shared by every cohort: CIN and CP plans
// with their visits and review conferences, CIN episodes, and the small
// coded choices (source, primary need, closure wording, child seen) that
// must be made the same way wherever a child enters the system.
#pragma once

#include <climits>
#include <vector>

#include "world.h"

namespace exampleshire {

// An end date that had not happened by the reference date.
inline constexpr Day kOpen = INT32_MAX;

struct PlanResult {
  Day end = kOpen;          // kOpen while the plan is open at the reference date
  Day last_visit = kNoDay;  // the latest visit recorded, for "date last seen"
};

// A child protection plan for each child (same dates, category and worker
// for siblings), with its statutory visits and review conferences. `end`
// kNoDay draws a realistic length; any other value is the forced end (a
// plan ending when the child comes into care).
PlanResult RunCpPlan(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, Day end, Team team);

// A child-in-need plan of `min_days`..`max_days`, with social-work visits.
PlanResult RunCinPlan(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, int min_days, int max_days);

// One CIN episode row per child. `rc` 1..9 is the closure reason (ignored
// while open); need is an index into kNeeds.
void WriteCinEpisodes(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, Day end, int need, int rc,
                      Team team, Day last_seen);

// The latest `count` visits of `type` (SW, IRO, CP), `min_gap`..`max_gap`
// days apart, the last on `last`, none before `start` (nor before the
// twelve months the visits report covers). Returns `last`, or
// kNoDay when `last` < `start` (nothing written).
Day WriteVisits(World& w, Rng& rng, int64_t person, Day start, Day last, int count, int min_gap, int max_gap,
                const char* type);

// Local source code index into kSources; pre-birth contacts come mostly
// from midwives and health visitors.
int PickSource(Rng& rng, bool about_unborn);
int PickNeed(Rng& rng, bool abuse);
// The CIN reason a closed period of care gives its episode (E11 -> RC1 ...).
int ClosureForCeased(const char* reason_ceased);
const char* ChildSeen(Rng& rng, const Child& c, Day day);
// Y / N / U from the person's disability flag.
const char* DisabilityFlag(const Child& c);

}  // namespace exampleshire
