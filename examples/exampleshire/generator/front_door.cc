// The front door: households whose contacts arrive in (or just before) the
// six-month window, and households with CIN or CP plans that began earlier
// and are still open or closed recently. Each contact runs the statutory
// pathway for every child it is about: contact -> (early help | referral)
// -> assessment (and strategy discussion -> S47 -> ICPC -> CP plan) -> CIN
// plan or closure, so dates always follow each other in a lawful order.
#include <algorithm>
#include <vector>

#include "casework.h"

namespace exampleshire {

namespace {

// Households at scale 1.0 (the largest English council). Chosen so that the
// six-month window holds about 60,000 contacts and 27,000 referrals.
constexpr int kFrontDoorHouseholds = 31500;
constexpr int kOpenCaseHouseholds = 2600;

enum class Mode {
  kFresh,    // first contact we know of
  kKnown,    // a family known before: referral more likely
  kCinPlan,  // open-case cohort: the referral leads to a CIN plan
  kCpPlan,   // open-case cohort: the referral leads to S47, ICPC and a CP plan
};

struct Household {
  std::vector<Child> kids;
  Team assessment_team = Team::kAssessmentNorth;
  Team safeguarding_team = Team::kSafeguarding1;
  Team cin_team = Team::kCinEast;
  Day busy_until = kNoDay;  // social care involvement open until this day (kOpen: still open)
  Day forced_end = kNoDay;  // the next CIN or CP plan ends on this day (window-edge showcase)
};

enum Outcome { kReferral, kNfa, kInformation, kEarlyHelp, kSignposted, kOpenCase };
const char* const kOutcomeText[] = {"Referral", "NFA", "Information only", "Early Help", "Signposted", "Open case"};

int AgeAtContact(Rng& rng) {
  // Under-ones and teenagers are over-represented among contacts.
  static constexpr int kWeights[18] = {90, 50, 50, 50, 50, 50, 50, 50, 50, 50, 57, 57, 57, 57, 57, 57, 60, 60};
  return rng.Weighted(kWeights, 18);
}

// A contact is about a child who is born (or due within about nine months)
// and under 18 on that day.
bool Present(const Child& c, Day day) { return day >= c.dob - 270 && AgeOn(c.dob, day) <= 17; }

Day Later(Day a, Day b) { return a > b ? a : b; }

class Pathway {
 public:
  Pathway(World& w, Rng& rng, Household& h) : w_(w), rng_(rng), h_(h) {}

  void Contact(Day day, Mode mode) {
    std::vector<Child*> kids;
    bool unborn = false;
    for (Child& c : h_.kids) {
      if (!Present(c, day)) continue;
      kids.push_back(&c);
      unborn = unborn || c.dob > day;
    }
    if (kids.empty()) return;
    const int source = PickSource(rng_, unborn);
    Outcome outcome;
    if (h_.busy_until != kNoDay && day <= h_.busy_until) {
      outcome = kOpenCase;  // passed to the allocated worker; no new referral
    } else if (mode == Mode::kCinPlan || mode == Mode::kCpPlan) {
      outcome = kReferral;
    } else if (mode == Mode::kFresh) {
      outcome = static_cast<Outcome>(rng_.Weighted({40, 31, 16, 10, 3}));
    } else {
      outcome = static_cast<Outcome>(rng_.Weighted({62, 18, 9, 9, 2}));
    }
    const int seconds = World::TimeOfDay(rng_);
    for (Child* c : kids) {
      AddContact(w_.tables, {.id = w_.next_contact++,
                             .person = c->id,
                             .day = day,
                             .seconds = seconds,
                             .source = kSources[source].local,
                             .outcome = kOutcomeText[outcome]});
    }
    if (outcome == kEarlyHelp) {
      EarlyHelp(kids, day + rng_.Range(0, 14));
    } else if (outcome == kReferral) {
      Referral(kids, day, source, mode);
    }
    if (outcome != kReferral) {
      for (Child* c : kids) w_.MaybeAudit(rng_, *c, "Front door", 3);
    }
  }

 private:
  void EarlyHelp(const std::vector<Child*>& kids, Day start) {
    if (w_.Open(start)) return;
    const Day end = start + rng_.Range(42, 240);
    const char* organisation = rng_.Pick(kOrganisations);
    for (Child* c : kids) {
      AddEarlyHelp(w_.tables, {.id = w_.next_early_help++,
                               .person = c->id,
                               .start = start,
                               .end = w_.EndOrBlank(end),
                               .organisation = organisation});
    }
  }

  void Referral(const std::vector<Child*>& kids, Day contact_day, int source, Mode mode) {
    const Day day = w_.NotAfterRef(contact_day + (rng_.Percent(70) ? 0 : rng_.Range(1, 3)));
    const int referral_source = rng_.Percent(90) ? source : PickSource(rng_, false);
    const bool planned = mode == Mode::kCinPlan || mode == Mode::kCpPlan;
    const bool nfa = !planned && rng_.Percent(13);
    const Team team = h_.assessment_team;
    const std::string& worker = w_.staff.Worker(team, rng_);
    std::vector<int64_t> referral_ids;
    for (Child* c : kids) {
      referral_ids.push_back(w_.next_referral);
      AddReferral(w_.tables, {.id = w_.next_referral++,
                              .person = c->id,
                              .day = day,
                              .source = kSources[referral_source].local,
                              .nfa = Yn(nfa),
                              .team = TeamName(team),
                              .worker = worker});
    }
    if (nfa) {
      // The CIN census opens an episode at referral and closes it the same day.
      const int need = rng_.Percent(50) ? 8 : PickNeed(rng_, false);
      WriteCinEpisodes(w_, rng_, kids, day, day, need, 8, team, kNoDay);
      h_.busy_until = day;
      return;
    }
    const bool s47 = mode == Mode::kCpPlan || (!planned && rng_.Percent(25));
    const int need = PickNeed(rng_, s47);

    // Assessment: most are authorised within the 45 working-day timescale.
    const Day assessment_start = w_.NotAfterRef(day + rng_.Range(0, 3));
    static constexpr int kMinDays[] = {5, 11, 46};
    static constexpr int kMaxDays[] = {10, 45, 100};
    const int band = rng_.Weighted({20, 75, 5});
    const Day authorised = assessment_start + rng_.Range(kMinDays[band], kMaxDays[band]);
    const bool assessment_open = w_.Open(authorised);

    const Day icpc = s47 ? Enquiry(kids, day, mode) : kNoDay;
    const bool cp = icpc != kNoDay;

    enum { kServices, kNoAction, kStepDown, kPending };
    int outcome = kPending;
    if (!assessment_open) outcome = (cp || planned) ? kServices : rng_.Weighted({45, 38, 17});
    static constexpr const char* kAssessmentOutcome[] = {"Services required", "NFA", "Step down to Early Help", ""};
    for (size_t i = 0; i < kids.size(); ++i) {
      AddAssessment(w_.tables, {.id = w_.next_assessment++,
                                .person = kids[i]->id,
                                .referral = referral_ids[i],
                                .start = assessment_start,
                                .authorised = assessment_open ? kNoDay : authorised,
                                .seen = ChildSeen(rng_, *kids[i], assessment_start),
                                .outcome = kAssessmentOutcome[outcome],
                                .disability = DisabilityFlag(*kids[i]),
                                .team = TeamName(team),
                                .worker = worker});
    }

    Day end = kOpen;
    int rc = 7;
    Team episode_team = team;
    Day last_seen = assessment_open ? w_.NotAfterRef(assessment_start + rng_.Range(0, 7)) : authorised;
    const char* audit_area = "Front door";
    if (cp) {
      const Day forced = h_.forced_end > icpc ? h_.forced_end : kNoDay;
      h_.forced_end = kNoDay;
      const PlanResult plan = RunCpPlan(w_, rng_, kids, icpc, forced, h_.safeguarding_team);
      end = plan.end;
      episode_team = h_.safeguarding_team;
      last_seen = Later(last_seen, plan.last_visit);
      audit_area = "CP";
      const bool stepped_down = rng_.Percent(45);
      if (end != kOpen && stepped_down && forced == kNoDay) {  // stepped down to a CIN plan
        const PlanResult step_down = RunCinPlan(w_, rng_, kids, end, 90, 240);
        end = step_down.end;
        episode_team = h_.cin_team;
        last_seen = Later(last_seen, step_down.last_visit);
      }
    } else if (outcome == kServices) {
      const Day plan_start = authorised + rng_.Range(0, 10);
      if (!w_.Open(plan_start)) {
        int min_days = mode == Mode::kCinPlan ? 180 : 60;
        int max_days = mode == Mode::kCinPlan ? 600 : 365;
        if (h_.forced_end > plan_start) min_days = max_days = h_.forced_end - plan_start;
        h_.forced_end = kNoDay;
        const PlanResult plan = RunCinPlan(w_, rng_, kids, plan_start, min_days, max_days);
        end = plan.end;
        episode_team = h_.cin_team;
        last_seen = Later(last_seen, plan.last_visit);
        audit_area = "CIN";
      }
    } else if (outcome == kNoAction) {
      end = authorised;
      rc = 8;
    } else if (outcome == kStepDown) {
      end = authorised;
      rc = 9;
      EarlyHelp(kids, authorised + rng_.Range(0, 10));
    }
    if (end != kOpen && rc == 7) {
      // Why plans close: mostly no longer in need; some leave via orders,
      // moves or (for 17-year-olds) adult services.
      rc = 3 + rng_.Weighted({5, 4, 6, 0, 85});
      if (AgeOn(kids.front()->dob, end) >= 17 && rng_.Percent(30)) rc = 6;
    }
    WriteCinEpisodes(w_, rng_, kids, day, end, need, rc, episode_team, last_seen);
    h_.busy_until = end;
    for (Child* c : kids) w_.MaybeAudit(rng_, *c, audit_area, 25);
  }

  // Strategy discussion -> S47 enquiry -> ICPC. Returns the ICPC date when
  // it resulted in a plan, else kNoDay.
  Day Enquiry(const std::vector<Child*>& kids, Day referral_day, Mode mode) {
    const Day strategy = w_.NotAfterRef(referral_day + rng_.Range(0, 4));
    const Day enquiry_end = strategy + rng_.Range(3, 15);
    const char* required = "";  // blank while the enquiry is open
    const char* plan = "";
    Day icpc = kNoDay;
    bool cp = false;
    if (!w_.Open(enquiry_end)) {
      const bool needed = mode == Mode::kCpPlan || rng_.Percent(30);
      required = Yn(needed);
      // The ICPC is due within 15 working days of the strategy discussion.
      const Day conference = Later(strategy + rng_.Range(10, 21), enquiry_end);
      if (needed && !w_.Open(conference)) {
        icpc = conference;
        cp = mode == Mode::kCpPlan || rng_.Percent(75);
        plan = Yn(cp);
      }
    }
    const std::string& worker = w_.staff.Worker(h_.safeguarding_team, rng_);
    for (Child* c : kids) {
      AddS47(w_.tables, {.id = w_.next_s47++,
                         .person = c->id,
                         .strategy = strategy,
                         .completed = w_.EndOrBlank(enquiry_end),
                         .icpc_required = required,
                         .icpc = icpc,
                         .icpc_plan = plan,
                         .team = TeamName(h_.safeguarding_team),
                         .worker = worker});
    }
    return cp ? icpc : kNoDay;
  }

  World& w_;
  Rng& rng_;
  Household& h_;
};

// Children of one household, written to people.csv. Some households are
// expecting a baby; a few contacts are about an unborn child only.
Household MakeHousehold(World& w, Rng& rng, Day index) {
  Household h;
  if (rng.PerMille(15)) {
    h.kids.push_back(w.NewChild(rng, index + rng.Range(20, 220)));
  } else {
    const int size = 1 + rng.Weighted({55, 25, 13, 7});
    const int first_age = AgeAtContact(rng);
    for (int k = 0; k < size; ++k) {
      int age = first_age;
      if (k > 0) age = std::clamp(first_age + (rng.Percent(50) ? 1 : -1) * rng.Range(1, 6), 0, 17);
      h.kids.push_back(w.NewChild(rng, w.DobForAge(rng, index, age)));
    }
    if (rng.Percent(3)) h.kids.push_back(w.NewChild(rng, index + rng.Range(20, 220)));
  }
  h.assessment_team = rng.Percent(50) ? Team::kAssessmentNorth : Team::kAssessmentSouth;
  h.safeguarding_team = static_cast<Team>(static_cast<int>(Team::kSafeguarding1) + rng.Range(0, 2));
  h.cin_team = rng.Percent(50) ? Team::kCinEast : Team::kCinWest;
  for (const Child& c : h.kids) w.WritePerson(c);
  return h;
}

// Earlier contacts with the family, going back up to three years.
void AddHistory(World& w, Rng& rng, Day index, int max_count, std::vector<Day>* days) {
  const int count = 1 + rng.Weighted({70, 25, 5});
  Day day = index;
  for (int i = 0; i < count && i < max_count; ++i) {
    day -= rng.Range(30, 300);
    if (day < w.windows.history_start) break;
    days->push_back(day);
  }
  std::sort(days->begin(), days->end());
}

}  // namespace

void GenerateFrontDoor(World& w) {
  const int households = w.Count(kFrontDoorHouseholds, 40);
  for (int i = 0; i < households; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamFrontDoor, static_cast<uint64_t>(i)));
    const Day index = w.WindowDay(rng);
    Household h = MakeHousehold(w, rng, index);
    std::vector<Day> days;
    if (rng.Percent(40)) AddHistory(w, rng, index, 3, &days);
    days.push_back(index);
    // Repeat contacts in the window (about one household in five).
    Day repeat = index;
    for (int k = 0; k < 2 && rng.Percent(k == 0 ? 18 : 25); ++k) {
      repeat += rng.Range(7, 150);
      if (repeat > w.windows.reference) break;
      days.push_back(repeat);
    }
    Pathway pathway(w, rng, h);
    for (size_t k = 0; k < days.size(); ++k) pathway.Contact(days[k], k == 0 ? Mode::kFresh : Mode::kKnown);
  }
}

void GenerateOpenCases(World& w) {
  const int households = w.Count(kOpenCaseHouseholds, 12);
  const Day lo = AddMonths(w.windows.reference, -30);
  const Day hi = w.windows.six_months - 31;
  for (int i = 0; i < households; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamOpenCases, static_cast<uint64_t>(i)));
    // The first six households' plans end exactly on the window's edges:
    // R-6m, the day before, and the reference date (CP, then CIN).
    const bool edge = i < 6;
    Day index = lo + static_cast<Day>(rng.Below(static_cast<uint64_t>(hi - lo) + 1));
    if (edge) index = w.windows.six_months - rng.Range(200, 400);
    Household h = MakeHousehold(w, rng, index);
    if (edge) {
      const Day edges[] = {w.windows.six_months, w.windows.six_months - 1, w.windows.reference};
      h.forced_end = edges[i % 3];
    }
    std::vector<Day> days;
    if (rng.Percent(25) && !edge) AddHistory(w, rng, index, 1, &days);
    const size_t index_position = days.size();
    days.push_back(index);
    if (rng.Percent(35)) {
      std::vector<Day> later = {w.WindowDay(rng)};
      if (rng.Percent(30)) later.push_back(w.WindowDay(rng));
      std::sort(later.begin(), later.end());
      days.insert(days.end(), later.begin(), later.end());
    }
    Mode plan = rng.Percent(40) ? Mode::kCpPlan : Mode::kCinPlan;
    if (edge) plan = i < 3 ? Mode::kCpPlan : Mode::kCinPlan;
    Pathway pathway(w, rng, h);
    for (size_t k = 0; k < days.size(); ++k) {
      const Mode mode = k == index_position ? plan : (k == 0 ? Mode::kFresh : Mode::kKnown);
      pathway.Contact(days[k], mode);
    }
  }
}

}  // namespace exampleshire
