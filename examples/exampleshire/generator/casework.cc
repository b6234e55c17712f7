#include "casework.h"

#include <cstring>

namespace exampleshire {

namespace {

const char* const kCategories[] = {"Neglect", "Emotional", "Physical", "Sexual", "Multiple"};
constexpr int kCategoryWeights[] = {48, 38, 7, 4, 3};  // national shares of CP plans

Day Earlier(Day a, Day b) { return a < b ? a : b; }

}  // namespace

Day WriteVisits(World& w, Rng& rng, int64_t person, Day start, Day last, int count, int min_gap, int max_gap,
                const char* type) {
  if (last < start) return kNoDay;
  // The visits report covers the twelve months before the extract.
  Day day = last;
  for (int i = 0; i < count && day >= start && day >= w.windows.twelve_months; ++i) {
    AddVisit(w.tables, {.person = person, .day = day, .type = type});
    day -= rng.Range(min_gap, max_gap);
  }
  return last;
}

PlanResult RunCpPlan(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, Day end, Team team) {
  if (end == kNoDay) {
    static constexpr int kMin[] = {60, 181, 366, 546};
    static constexpr int kMax[] = {180, 365, 545, 900};
    const int bucket = rng.Weighted({20, 45, 25, 10});
    end = start + rng.Range(kMin[bucket], kMax[bucket]);
  }
  const bool open = w.Open(end);
  const int initial = rng.Weighted(kCategoryWeights, 5);
  const int latest = rng.Percent(85) ? initial : rng.Weighted(kCategoryWeights, 5);
  const std::string& worker = w.staff.Worker(team, rng);
  const bool epo = rng.Percent(4);
  const Day until = w.NotAfterRef(Earlier(end, w.windows.reference));
  PlanResult result{.end = open ? kOpen : end};
  // Statutory visits every ten working days or so; the latest few are kept.
  Day last_visit = until - rng.Range(0, 13);
  if (last_visit < start) last_visit = start;
  for (Child* c : kids) {
    const Day visit = WriteVisits(w, rng, c->id, start, last_visit, open ? 3 : 1, 10, 16, "CP");
    result.last_visit = visit;
    // Babies and toddlers cannot meaningfully be seen alone.
    static constexpr const char* kSeen[] = {"Y", "N", "U"};
    const char* seen_alone = AgeOn(c->dob, last_visit) < 3 ? kSeen[1 + rng.Below(2)] : kSeen[rng.Weighted({70, 22, 8})];
    // Review conferences three months after the ICPC, then every six.
    Day latest_review = kNoDay;
    for (Day review = AddMonths(start, 3); review <= until; review = AddMonths(review, 6)) {
      AddReview(w.tables, {.person = c->id, .day = review, .type = "CP"});
      latest_review = review;
    }
    AddCpPlan(w.tables, {.id = w.next_cp_plan++,
                         .person = c->id,
                         .start = start,
                         .end = open ? kNoDay : end,
                         .initial_category = kCategories[initial],
                         .latest_category = kCategories[latest],
                         .last_visit = visit,
                         .seen_alone = seen_alone,
                         .last_review = latest_review,
                         .epo = Yn(epo),
                         .team = TeamName(team),
                         .worker = worker});
    // Some children had a plan years ago (it counts as a previous plan).
    const Day old_start = AddYears(start, -rng.Range(3, 6));
    if (rng.Percent(5) && old_start > c->dob) {
      const Day old_end = old_start + rng.Range(120, 420);
      if (old_end < start - 90) {
        const int old_category = rng.Weighted(kCategoryWeights, 5);
        AddCpPlan(w.tables, {.id = w.next_cp_plan++,
                             .person = c->id,
                             .start = old_start,
                             .end = old_end,
                             .initial_category = kCategories[old_category],
                             .latest_category = kCategories[old_category],
                             .last_visit = old_end - rng.Range(1, 12),
                             .seen_alone = "Y",
                             .last_review = AddMonths(old_start, 3) < old_end ? AddMonths(old_start, 3) : kNoDay,
                             .epo = "N",
                             .team = TeamName(team),
                             .worker = w.staff.Worker(team, rng)});
      }
    }
  }
  return result;
}

PlanResult RunCinPlan(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, int min_days, int max_days) {
  const Day end = start + rng.Range(min_days, max_days);
  const bool open = w.Open(end);
  const Day until = Earlier(end, w.windows.reference);
  PlanResult result{.end = open ? kOpen : end};
  Day last_visit = until - rng.Range(0, 40);
  if (last_visit < start) last_visit = start;
  for (Child* c : kids) {
    AddCinPlan(w.tables, {.id = w.next_cin_plan++, .person = c->id, .start = start, .end = open ? kNoDay : end});
    result.last_visit = WriteVisits(w, rng, c->id, start, last_visit, open ? 2 : 1, 28, 42, "SW");
  }
  return result;
}

void WriteCinEpisodes(World& w, Rng& rng, const std::vector<Child*>& kids, Day start, Day end, int need, int rc,
                      Team team, Day last_seen) {
  const bool open = w.Open(end);
  // Rows migrated from the old CIN module hold codes; later ones mostly the
  // council's wording, but records made by bulk closure or the API still
  // write codes.
  const char* need_value = start < w.windows.migration || rng.Percent(20) ? kNeeds[need].code : kNeeds[need].text;
  const char* closure = "";
  if (!open) {
    closure = end < w.windows.migration || rng.Percent(20) ? kClosures[rc - 1].code : kClosures[rc - 1].text;
  }
  const std::string& worker = w.staff.Worker(team, rng);
  if (last_seen != kNoDay && last_seen > w.windows.reference) last_seen = w.windows.reference;
  for (Child* c : kids) {
    AddCinEpisode(w.tables, {.id = w.next_cin_episode++,
                             .person = c->id,
                             .start = start,
                             .end = open ? kNoDay : end,
                             .need = need_value,
                             .closure = closure,
                             .team = TeamName(team),
                             .worker = worker,
                             .last_seen = c->dob > last_seen ? kNoDay : last_seen});
  }
}

int PickSource(Rng& rng, bool about_unborn) {
  if (about_unborn && rng.Percent(60)) return rng.Percent(50) ? 9 /* HLTH: midwife */ : 7 /* HV */;
  int weights[22];
  for (int i = 0; i < 22; ++i) weights[i] = kSources[i].weight;
  return rng.Weighted(weights, 22);
}

int PickNeed(Rng& rng, bool abuse) {
  if (abuse && rng.Percent(80)) return 0;
  return rng.Weighted({36, 6, 7, 15, 20, 5, 1, 3, 4, 3});
}

int ClosureForCeased(const char* reason) {
  if (std::strcmp(reason, "E11") == 0 || std::strcmp(reason, "E12") == 0) return 1;
  if (std::strcmp(reason, "E2") == 0) return 2;
  if (std::strcmp(reason, "E41") == 0) return 3;
  if (std::strncmp(reason, "E4", 2) == 0 && reason[2] >= '5' && reason[2] <= '8') return 4;  // E45-E48
  if (std::strcmp(reason, "E3") == 0) return 5;
  if (std::strcmp(reason, "E7") == 0) return 6;
  return 7;
}

const char* ChildSeen(Rng& rng, const Child& c, Day day) {
  if (c.dob > day) return "N";  // unborn: the mother is seen, not the child
  static constexpr const char* kSeen[] = {"Y", "N", "U"};
  return kSeen[rng.Weighted({90, 6, 4})];
}

const char* DisabilityFlag(const Child& c) {
  if (c.disabled[0] == 'Y') return "Y";
  if (c.disabled[0] == 'N') return "N";
  return "U";
}

}  // namespace exampleshire
