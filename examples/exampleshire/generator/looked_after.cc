// Children in care: those looked after at the reference date, those who
// ceased in the six-month window and a few who ceased just before it, each
// with the front-door history that brought them into care (when it falls in
// the three-year extract), legal statuses and placements covering every
// period, and the visits, reviews, health checks and missing episodes
// List 8 summarises. Also the short-break children (V1/V3/V4) whom List 8
// must leave out.
#include <algorithm>
#include <cstring>
#include <vector>

#include "care.h"

namespace exampleshire {

namespace {

// At scale 1.0: ~2,750 in care at the reference date, ~650 ceased in the
// window and ~100 just before it (the adoption cohort adds ~170 in care).
constexpr int kChildrenInCare = 3500;
constexpr int kShortBreakChildren = 150;

const char* const kPermanence[] = {
    "Return home",         "Adoption", "SGO", "CAO", "Supported living", "Long-term residential",
    "Long-term fostering", "Other"};

int AgeInCare(Rng& rng) {
  static constexpr int kWeights[18] = {50, 38, 38, 37, 37, 36, 36, 36, 36, 36, 65, 65, 65, 65, 65, 65, 115, 115};
  return rng.Weighted(kWeights, 18);
}

const char* Permanence(Rng& rng, int age, int days_in_care) {
  if (days_in_care < 120 && rng.Percent(60)) return "";  // not agreed yet
  if (age < 5) return kPermanence[rng.Weighted({30, 15, 25, 3, 0, 0, 20, 7})];
  if (age < 12) return kPermanence[rng.Weighted({20, 0, 15, 4, 0, 5, 50, 6})];
  if (age < 16) return kPermanence[rng.Weighted({15, 0, 5, 2, 2, 18, 50, 8})];
  return kPermanence[rng.Weighted({8, 0, 0, 0, 35, 12, 35, 10})];
}

const char* CeasedReason(Rng& rng, int age, bool remand, bool uasc) {
  if (remand && rng.Percent(70)) return rng.Percent(75) ? "E14" : "E9";
  if (uasc && rng.Percent(20)) return "E15";
  struct Reason {
    const char* code;
    int weight;
    int min_age;
  };
  static constexpr Reason kReasons[] = {
      {"E4A", 25, 0}, {"E4B", 4, 0}, {"E13", 5, 0}, {"E41", 3, 0}, {"E45", 4, 0}, {"E46", 2, 0},
      {"E47", 4, 0},  {"E48", 1, 0}, {"E5", 8, 16}, {"E6", 2, 16}, {"E7", 1, 17}, {"E9", 2, 12},
      {"E16", 1, 0},  {"E3", 3, 0},  {"E2", 1, 0},  {"E8", 12, 0},
  };
  int weights[16];
  for (int i = 0; i < 16; ++i) weights[i] = age >= kReasons[i].min_age ? kReasons[i].weight : 0;
  return kReasons[rng.Weighted(weights, 16)].code;
}

// Legal statuses from `start`: accommodated under s20, care proceedings
// (sometimes after police protection or an EPO), remand, or rarer orders.
std::vector<Step> LegalRoute(Rng& rng, Day start, Day until, int age, bool uasc, int forced_route, bool* remand) {
  std::vector<Step> steps;
  auto then = [&](const char* code, Day day) {
    if (day > steps.back().start && day <= until) steps.push_back({code, day});
  };
  *remand = false;
  if (uasc) return {{"V2", start}};
  const int youth = age >= 12 ? 1 : 0;
  const int route =
      forced_route >= 0 ? forced_route : rng.Weighted({350, 545, 50 * youth, 10 * youth, 10, 10, 10 * youth, 5});
  switch (route) {
    case 0:  // s20; one in ten later goes to court
      steps.push_back({"V2", start});
      if (rng.Percent(10)) {
        const Day icao = start + rng.Range(60, 400);
        then("C1", icao);
        then("C2", icao + rng.Range(120, 400));
      }
      break;
    case 1: {  // care proceedings
      Day day = start;
      const int emergency = rng.Weighted({85, 7, 7, 1});
      if (emergency > 0) {
        static constexpr const char* kEmergency[] = {"", "L1", "L2", "L3"};
        steps.push_back({kEmergency[emergency], start});
        day = start + rng.Range(1, 8);
        then("C1", day);
      } else {
        steps.push_back({"C1", start});
      }
      then("C2", day + rng.Range(120, 400));
      break;
    }
    case 2:  // remand, sometimes followed by s20
    case 6:  // PACE accommodation
      *remand = true;
      steps.push_back({route == 2 ? "J1" : "J2", start});
      if (rng.Percent(30)) then("V2", start + rng.Range(14, 120));
      break;
    case 7:  // child assessment order, then proceedings
      steps.push_back({"L3", start});
      then("C1", start + rng.Range(3, 8));
      break;
    case 3:
      steps.push_back({"J3", start});
      break;
    case 4:  // a legacy freeing order
      steps.push_back({"C2", start});
      then("D1", start + rng.Range(300, 700));
      break;
    default:  // 5: placement order granted, adoption plan later changed
      steps.push_back({"C1", start});
      then("C2", start + rng.Range(120, 300));
      then("E1", start + rng.Range(301, 500));
      break;
  }
  return steps;
}

// Choices fixed for the showcase children, who make sure every local code
// appears even in the smallest dataset. -1 / nullptr = draw as usual.
struct Forced {
  int group = -1;  // 0 in care; 1 ceased in the window; 2 ceased just before it
  int age = -1;    // at the reference date (in care) or on leaving
  bool long_stay = false;
  int route = -1;  // LegalRoute's route
  const char* reason = nullptr;
  const char* last_placement = nullptr;
  int recent_placements = -1;  // placements in the last twelve months
  Day end = kNoDay;            // the day care ceased
};

// The care-leaver record a looked-after or just-left child gets.
void MaybeCareLeaver(World& w, Rng& rng, const Child& c, const Period& p) {
  const Day ref = w.windows.reference;
  const Day fourteenth = AddYears(c.dob, 14);
  const Day until = w.Open(p.end) ? ref : p.end;
  const bool thirteen_weeks = until - std::max(p.start, fourteenth) >= 91;
  const int age_now = AgeOn(c.dob, ref);
  const int age_left = AgeOn(c.dob, until);
  const char* in_touch = rng.Percent(90) ? "YES" : rng.Percent(50) ? "NO" : (rng.Percent(50) ? "REFU" : "NREQ");
  if (w.Open(p.end)) {
    if (age_now >= 16 && thirteen_weeks && rng.Percent(92)) WriteCareLeaver(w, rng, c, "ELIG", "YES", p.uasc, p.team);
  } else if (age_left >= 18) {
    WriteCareLeaver(w, rng, c, "FREL", in_touch, p.uasc, Team::kLeavingCare);
  } else if (age_left >= 16 && thirteen_weeks) {
    // Leaving at 16-17 makes a relevant child, except via an order or adoption;
    // leaving under a special guardianship order makes a qualifying one.
    bool relevant = false;
    for (const char* r : {"E5", "E6", "E8", "E13", "E9", "E14", "E4A", "E4B"})
      relevant |= std::strcmp(r, p.reason) == 0;
    const bool sgo = ClosureForCeased(p.reason) == 4;
    if (relevant || sgo) WriteCareLeaver(w, rng, c, sgo ? "QUAL" : "REL", in_touch, p.uasc, Team::kLeavingCare);
  }
}

// What DfE's SSDA903 rules ask of a period, kept in the clean dataset
// (--no-defects) so that a run over it raises no data-rule error
// (annex_a_specs/ilacs-2019/rules/dfe_ssda903.yaml); the default dataset,
// whose figures tests pin, is left as drawn. A youth justice status (J1-J3)
// only from the 10th birthday (rule 358: an interim care order before it);
// a child placed with parents (P1) not under section 20 (378: a full care
// order); a special guardianship order to former carers (E45, E46) from a
// foster placement with them (516: U1 relative, U4 other).
void KeepDfeRules(Period* p, Day dob) {
  for (Step& s : p->legal) {
    const bool youth = s.code[0] == 'J' && std::strchr("123", s.code[1]) != nullptr && s.code[1] != '\0';
    if (youth && s.start < AddYears(dob, 10)) s.code = "C1";
  }
  if (!p->placements.empty() && !p->legal.empty() && std::strcmp(p->placements.back().code, "P1") == 0 &&
      std::strcmp(p->legal.back().code, "V2") == 0)
    p->legal.back().code = "C2";
  const bool sgo_former = std::strcmp(p->reason, "E45") == 0 || std::strcmp(p->reason, "E46") == 0;
  if (sgo_former && !p->placements.empty() && p->placements.back().code[0] != 'U')
    p->placements.back().code = std::strcmp(p->reason, "E45") == 0 ? "U1" : "U4";
}

void InCareChild(World& w, Rng& rng, const Forced& f) {
  const Day ref = w.windows.reference;
  const int drawn_group = rng.Weighted({785, 186, 29});  // in care; ceased in window; ceased just before
  const int group = f.group >= 0 ? f.group : drawn_group;
  const int drawn_age = AgeInCare(rng);
  Period p;
  Day dob;
  if (group == 0) {
    dob = w.DobForAge(rng, ref, f.age >= 0 ? f.age : drawn_age);
    static constexpr int kMin[] = {0, 183, 366, 1096};
    static constexpr int kMax[] = {182, 365, 1095, 5000};
    const int band = f.long_stay ? 3 : rng.Weighted({18, 17, 27, 38});
    p.start = ref - rng.Range(kMin[band], kMax[band]);
  } else {
    p.end = group == 1 ? w.WindowDay(rng) : w.windows.six_months - rng.Range(1, 60);
    if (f.end != kNoDay) p.end = f.end;
    // About one in five leave care on their 18th birthday.
    const bool eighteenth = f.age < 0 && rng.Percent(22);
    dob = eighteenth ? AddYears(p.end, -18) : w.DobForAge(rng, p.end, f.age >= 0 ? f.age : std::min(drawn_age, 17));
    static constexpr int kMin[] = {7, 91, 366, 1096};
    static constexpr int kMax[] = {90, 365, 1095, 4000};
    const int band = rng.Weighted({30, 30, 25, 15});
    p.start = p.end - rng.Range(kMin[band], kMax[band]);
  }
  if (p.start < dob)
    p.start = dob + static_cast<Day>(rng.Below(static_cast<uint64_t>(std::min(ref, p.end) - dob) / 3 + 1));
  const Day until = std::min(ref, p.end);
  const int age_at_start = AgeOn(dob, p.start);
  p.uasc = (age_at_start >= 14 && rng.Percent(18)) || (f.reason != nullptr && std::strcmp(f.reason, "E15") == 0);
  Child c = w.NewChild(rng, dob, p.uasc ? (rng.Percent(92) ? 'M' : 'F') : 0);
  if (p.uasc) c.ethnicity = rng.Pick({12, 14, 17, 15, 3});
  p.need = p.uasc ? 7 : rng.Weighted({600, 30, 40, 80, 130, 30, 3, 80});
  p.team = rng.Percent(50) ? Team::kChildrenInCare1 : Team::kChildrenInCare2;
  bool remand = false;
  p.legal = LegalRoute(rng, p.start, until, age_at_start, p.uasc, f.route, &remand);
  const int recent = RecentPlacementCount(rng);
  p.placements = PlanPlacements(w, rng, c, p.start, until, f.recent_placements > 0 ? f.recent_placements : recent);
  if (f.last_placement != nullptr) {
    // A temporary placement is kept short: it becomes a new, recent move.
    if (f.last_placement[0] == 'T' && until - p.placements.back().start > 21) {
      p.placements.push_back({f.last_placement, std::max(p.placements.back().start + 1, until - rng.Range(1, 20))});
    }
    p.placements.back().code = f.last_placement;
  }
  p.permanence = Permanence(rng, AgeOn(dob, until), until - p.start);
  if (!w.Open(p.end)) {
    p.reason = AgeOn(dob, p.end) >= 18 ? (rng.Percent(60)   ? "E5"
                                          : rng.Percent(50) ? "E6"
                                                            : "E8")
                                       : CeasedReason(rng, AgeOn(dob, p.end), remand, p.uasc);
    if (f.reason != nullptr) p.reason = f.reason;
    if (std::strcmp(p.reason, "E2") == 0) c.died = p.end;
  }
  if (!w.config.defects) KeepDfeRules(&p, dob);
  w.WritePerson(c);

  // A previous period that ended within the last twelve months (List 8's
  // "second or subsequent period"), or one long before.
  Day first_start = p.start;
  if (group == 0 && rng.Percent(9)) {
    Period prev;
    prev.end = p.start - (rng.Percent(70) ? rng.Range(14, 200) : rng.Range(400, 900));
    prev.start = prev.end - rng.Range(10, 300);
    if (prev.start > dob) {
      prev.reason = rng.Pick({"E4A", "E4B", "E13", "E8"});
      prev.need = p.need;
      prev.team = p.team;
      prev.legal = {{"V2", prev.start}};
      prev.placements = {{PlacementTypeFor(rng, std::max(0, AgeOn(dob, prev.start))), prev.start}};
      WritePeriod(w, rng, c, prev);
      first_start = prev.start;
    }
  }
  const bool emergency = p.legal.front().code[0] == 'L' || rng.Percent(20);
  const Day cin_start = PreCareHistory(w, rng, c, first_start, emergency);
  WritePeriod(w, rng, c, p);
  const bool residential = std::strchr("KHS", p.placements.back().code[0]) != nullptr;
  const bool missing_prone = AgeOn(dob, until) >= 11 && rng.Percent(residential ? 35 : 12);
  const Day last_seen = WriteLookedAfterActivity(w, rng, c, p.start, until, missing_prone);
  std::vector<Child*> kids = {&c};
  WriteCinEpisodes(w, rng, kids, cin_start, p.end, p.need, ClosureForCeased(p.reason), p.team, last_seen);
  MaybeCareLeaver(w, rng, c, p);
  w.MaybeAudit(rng, c, "CLA", 60);
}

// One showcase child per placement type, rarer legal route and reason for
// leaving care, with an age that suits it.
std::vector<Forced> Showcase(const World& w) {
  std::vector<Forced> list;
  static constexpr struct {
    const char* type;
    int age;
  } kTypes[] = {{"U1", 8},  {"U2", 1},  {"U3", 4},  {"U4", 9},  {"U5", 1}, {"U6", 6},  {"P1", 10}, {"P2", 17},
                {"P3", 17}, {"H5", 17}, {"K1", 15}, {"K2", 14}, {"R1", 9}, {"R2", 12}, {"R3", 0},  {"R5", 16},
                {"S1", 12}, {"Z1", 15}, {"T0", 10}, {"T1", 13}, {"T2", 9}, {"T3", 7},  {"T4", 11}};
  for (const auto& t : kTypes) list.push_back({.group = 0, .age = t.age, .last_placement = t.type});
  list[11].recent_placements = 5;  // K2: a teenager moved five times in a year
  list[9].recent_placements = 4;   // H5
  for (int route : {2, 3, 4, 5, 6, 7}) list.push_back({.group = 0, .age = 14, .long_stay = true, .route = route});
  for (const char* reason : {"E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E9", "E14",
                             "E15", "E16", "E3", "E2", "E8"}) {
    const bool remand = std::strcmp(reason, "E9") == 0 || std::strcmp(reason, "E14") == 0;
    list.push_back({.group = 1, .age = 17, .route = remand ? 2 : -1, .reason = reason});
  }
  // Care ceased exactly on R-6m, the day before it, and the reference date.
  const size_t first_reason = list.size() - 18;
  list[first_reason].end = w.windows.six_months;
  list[first_reason + 1].end = w.windows.six_months - 1;
  list[first_reason + 2].end = w.windows.reference;
  return list;
}

}  // namespace

void GenerateChildrenInCare(World& w) {
  const int children = w.Count(kChildrenInCare, 60);
  for (int i = 0; i < children; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamInCare, static_cast<uint64_t>(i)));
    InCareChild(w, rng, Forced{});
  }
  const std::vector<Forced> showcase = Showcase(w);
  for (size_t i = 0; i < showcase.size(); ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamShowcase, i));
    InCareChild(w, rng, showcase[i]);
  }
}

void GenerateShortBreaks(World& w) {
  const Day ref = w.windows.reference;
  const int children = w.Count(kShortBreakChildren, 6);
  for (int i = 0; i < children; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamShortBreaks, static_cast<uint64_t>(i)));
    const Day dob = w.DobForAge(rng, ref, rng.Range(6, 17));
    Child c = w.NewChild(rng, dob);
    c.disabled = "Y";
    w.WritePerson(c);
    Period p;
    p.start = std::max(AddYears(dob, 5), ref - rng.Range(60, 1500));
    if (rng.Percent(15)) {
      p.end = ref - rng.Range(0, 365);
      if (p.end <= p.start) p.end = p.start + 30;
      p.reason = rng.Percent(60) ? "E8" : "E4A";
    }
    p.need = 1;  // N2: child's disability
    p.team = Team::kDisabledChildren;
    // V3: agreed series of short breaks, episodes recorded; V4: agreements
    // recorded; V1: the council's legacy short-break code.
    p.legal = {{rng.Pick({"V3", "V3", "V3", "V4", "V4", "V1"}), p.start}};
    p.placements = {{rng.Percent(60) ? "K2" : "U4", p.start}};
    WritePeriod(w, rng, c, p);
    std::vector<Child*> kids = {&c};
    const Day cin_start = p.start - rng.Range(30, 400);
    const PlanResult plan = RunCinPlan(w, rng, kids, cin_start + rng.Range(20, 45), 3000, 4000);
    WriteCinEpisodes(w, rng, kids, cin_start, kOpen, 1, 7, Team::kDisabledChildren, plan.last_visit);
  }
}

}  // namespace exampleshire
