#include "care.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace exampleshire {

namespace {

struct TypeWeight {
  const char* type;
  int weights[4];  // by age band: 0-4, 5-10, 11-15, 16-17
};

// SSDA903 placement types by age band, roughly the national mix.
constexpr TypeWeight kPlacementTypes[] = {
    {"U1", {5, 8, 5, 4}}, {"U3", {15, 12, 8, 4}}, {"U4", {15, 25, 20, 15}}, {"U6", {40, 35, 25, 15}},
    {"U2", {1, 0, 0, 0}}, {"U5", {2, 0, 0, 0}},   {"P1", {5, 6, 5, 3}},     {"P2", {0, 0, 0, 8}},
    {"P3", {0, 0, 0, 1}}, {"H5", {0, 0, 2, 25}},  {"K1", {0, 0, 1, 1}},     {"K2", {0, 5, 20, 18}},
    {"R1", {0, 1, 1, 0}}, {"R2", {1, 1, 1, 1}},   {"R3", {3, 0, 0, 1}},     {"R5", {0, 0, 1, 2}},
    {"S1", {0, 1, 2, 1}}, {"Z1", {0, 0, 1, 1}},   {"T0", {0, 1, 1, 0}},     {"T1", {1, 1, 1, 1}},
    {"T2", {0, 1, 1, 0}}, {"T3", {1, 1, 1, 0}},   {"T4", {2, 2, 2, 2}},
};

bool Is(const char* type, const char* prefix) { return std::strncmp(type, prefix, std::strlen(prefix)) == 0; }
bool Temporary(const char* type) { return type[0] == 'T'; }
bool Residential(const char* type) {
  for (const char* t : {"K1", "K2", "S1", "R1", "R2", "R5", "H5"}) {
    if (std::strcmp(type, t) == 0) return true;
  }
  return false;
}

const char* ProviderFor(Rng& rng, const char* type) {
  static constexpr const char* kPr[] = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};
  auto pick = [&](std::initializer_list<int> w) { return kPr[rng.Weighted(w)]; };
  if (Is(type, "U1") || Is(type, "U3")) return pick({0, 85, 0, 0, 15, 0});
  if (Is(type, "U2") || Is(type, "U5")) return pick({0, 60, 0, 0, 20, 20});
  if (Is(type, "U")) return pick({0, 55, 0, 0, 40, 5});
  if (Is(type, "A")) return pick({0, 50, 25, 0, 0, 25});
  if (Is(type, "P1")) return kPr[0];
  if (Is(type, "P")) return pick({0, 60, 0, 0, 40, 0});
  if (Is(type, "H5")) return pick({0, 10, 0, 0, 70, 20});
  if (Is(type, "K1")) return pick({0, 30, 50, 0, 20, 0});
  if (Is(type, "K2")) return pick({0, 20, 0, 0, 75, 5});
  if (Is(type, "R2") || Is(type, "R5")) return kPr[3];
  if (Is(type, "R3")) return pick({0, 0, 0, 40, 60, 0});
  if (Is(type, "S1")) return pick({0, 0, 0, 0, 60, 40});
  if (Is(type, "T")) return pick({0, 60, 0, 0, 40, 0});
  return kPr[4];  // R1, Z1
}

std::string Urn(Rng& rng, int base) { return "SC" + std::to_string(base + static_cast<int>(rng.Below(99999))); }

// Where a placement is and what Ofsted URN it carries. Registered homes
// and schools come from a fixed pool per type and area, so several children
// share a home with the same URN and postcode; foster and parental
// placements give the carer's own postcode and the agency's URN.
void PlacePlacement(World& w, Rng& rng, const char* type, const char* provider, PlacementRow* row,
                    std::string* postcode, std::string* urn) {
  int weights[16];
  for (int i = 0; i < 16; ++i) weights[i] = kAreas[i].weight;
  if (Residential(type)) weights[kHomeArea] = 260;  // residential care is often out of county
  const int area = rng.Weighted(weights, 16);
  row->la = kAreas[area].la;
  row->in_out = area == kHomeArea ? "IN" : "OUT";
  if (Residential(type) || Is(type, "R3")) {
    const uint64_t type_key = static_cast<uint64_t>(type[0]) * 256 + static_cast<uint64_t>(type[1]);
    const uint64_t home = rng.Below(static_cast<uint64_t>(w.Count(40, 6)));
    Rng place(DeriveSeed(w.config.seed, 1000 + type_key, static_cast<uint64_t>(area) * 4096 + home));
    *postcode = MakePostcode(place, kAreas[area]);
    if (!Is(type, "R2") && !Is(type, "R5")) *urn = Urn(place, 500000);
  } else {
    *postcode = Is(type, "T") && rng.Percent(30) ? "" : MakePostcode(rng, kAreas[area]);
    if (Is(type, "U") || Is(type, "A")) {
      // The fostering service or adoption agency: the council's own, another
      // council's, or one of a handful of independent agencies.
      if (std::strcmp(provider, "PR1") == 0) {
        *urn = Is(type, "A") ? "SC055502" : "SC055501";
      } else {
        Rng agency(DeriveSeed(w.config.seed, 2000, rng.Below(12)));
        *urn = Urn(agency, 300000);
      }
    }
  }
  row->postcode = *postcode;
  row->urn = *urn;
}

}  // namespace

const char* PlacementTypeFor(Rng& rng, int age) {
  const int band = age < 5 ? 0 : age < 11 ? 1 : age < 16 ? 2 : 3;
  constexpr size_t kCount = sizeof kPlacementTypes / sizeof kPlacementTypes[0];
  int weights[kCount];
  for (size_t i = 0; i < kCount; ++i) weights[i] = kPlacementTypes[i].weights[band];
  return kPlacementTypes[rng.Weighted(weights, kCount)].type;
}

int RecentPlacementCount(Rng& rng) { return 1 + rng.Weighted({58, 24, 10, 5, 3}); }

std::vector<Step> PlanPlacements(World& w, Rng& rng, const Child& c, Day start, Day until, int recent) {
  std::vector<Day> changes;
  // Changes after span_start fall in the last twelve months (none if the
  // period ended before them); earlier ones are history.
  const Day span_start = std::clamp(w.windows.twelve_months, start, until);
  if (until - span_start >= 2) {
    for (int i = 1; i < recent; ++i) {
      changes.push_back(span_start + 1 + static_cast<Day>(rng.Below(static_cast<uint64_t>(until - span_start))));
    }
  }
  if (span_start - start >= 2) {
    const int extra = std::min(rng.Range(0, 3), (span_start - start) / 200);
    for (int i = 0; i < extra; ++i) {
      changes.push_back(start + 1 + static_cast<Day>(rng.Below(static_cast<uint64_t>(span_start - start - 1))));
    }
  }
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
  std::vector<Step> steps;
  steps.push_back({nullptr, start});
  for (Day day : changes) steps.push_back({nullptr, day});
  for (size_t i = 0; i < steps.size(); ++i) {
    const Day segment_end = i + 1 < steps.size() ? steps[i + 1].start : until;
    const int age = std::max(0, AgeOn(c.dob, steps[i].start));
    const char* type = PlacementTypeFor(rng, age);
    // Temporary placements are short by definition.
    for (int tries = 0; tries < 8 && Temporary(type) && segment_end - steps[i].start > 21; ++tries) {
      type = PlacementTypeFor(rng, age);
    }
    if (Temporary(type) && segment_end - steps[i].start > 21) type = age < 16 ? "U6" : "H5";
    steps[i].code = type;
  }
  return steps;
}

void WritePeriod(World& w, Rng& rng, const Child& c, const Period& p) {
  const Day end = w.EndOrBlank(p.end);
  AddCarePeriod(w.tables, {.id = w.next_period++,
                           .person = c.id,
                           .start = p.start,
                           .end = end,
                           .reason = end == kNoDay ? "" : p.reason,
                           .need = kNeeds[p.need].code,
                           .uasc = Yn(p.uasc),
                           .team = TeamName(p.team),
                           .worker = w.staff.Worker(p.team, rng),
                           .permanence = p.permanence});
  for (size_t i = 0; i < p.legal.size(); ++i) {
    AddLegalStatus(w.tables, {.person = c.id,
                              .start = p.legal[i].start,
                              .end = i + 1 < p.legal.size() ? p.legal[i + 1].start : end,
                              .status = p.legal[i].code});
  }
  std::string postcode, urn;
  for (size_t i = 0; i < p.placements.size(); ++i) {
    const char* type = p.placements[i].code;
    const char* provider = ProviderFor(rng, type);
    PlacementRow row;
    row.id = w.next_placement++;
    row.person = c.id;
    row.start = p.placements[i].start;
    row.end = i + 1 < p.placements.size() ? p.placements[i + 1].start : end;
    row.type = type;
    row.provider = provider;
    postcode.clear();
    urn.clear();
    PlacePlacement(w, rng, type, provider, &row, &postcode, &urn);
    AddPlacement(w.tables, row);
  }
}

Day WriteLookedAfterActivity(World& w, Rng& rng, const Child& c, Day start, Day until, bool missing_prone) {
  if (until > w.windows.reference) until = w.windows.reference;
  if (until < start) return kNoDay;
  const int age = std::max(0, AgeOn(c.dob, until));
  // Social worker visits at least every six weeks; the latest three kept.
  const Day last_visit = WriteVisits(w, rng, c.id, start, std::max(start, until - rng.Range(0, 42)), 3, 35, 49, "SW");
  if (rng.Percent(90)) WriteVisits(w, rng, c.id, start + 20, until - rng.Range(0, 100), 2, 90, 150, "IRO");
  // Reviews at 20 days, three months later, then six-monthly; the extract
  // keeps the last fifteen months.
  const Day keep_from = AddMonths(w.windows.reference, -15);
  Day review = start + 20;
  for (int n = 0; review <= until; ++n) {
    if (review >= keep_from) AddReview(w.tables, {.person = c.id, .day = review, .type = "CLA"});
    review = AddMonths(review, n == 0 ? 3 : 6);
  }
  // Health assessments: six-monthly under five, yearly after; some overdue.
  if (until - start >= 28 && rng.Percent(92)) {
    const int interval = age < 5 ? 183 : 365;
    const Day last = std::max(start + 20, until - rng.Range(0, interval));
    AddHealth(w.tables, {.person = c.id, .type = "HA", .day = last});
    if (last - interval >= start) AddHealth(w.tables, {.person = c.id, .type = "HA", .day = last - interval});
  }
  if (age >= 1 && until - start >= 60 && rng.Percent(85)) {
    AddHealth(w.tables, {.person = c.id, .type = "DENTAL", .day = std::max(start + 30, until - rng.Range(0, 365))});
  }
  if (!missing_prone) return last_visit;
  const Day from = std::max(start, AddMonths(w.windows.reference, -15));
  if (until <= from) return last_visit;
  const int episodes = rng.Range(1, 8);
  std::vector<Day> days;
  for (int i = 0; i < episodes; ++i) {
    days.push_back(from + static_cast<Day>(rng.Below(static_cast<uint64_t>(until - from) + 1)));
  }
  std::sort(days.begin(), days.end());
  for (Day day : days) {
    const int start_seconds = 14 * 3600 + static_cast<int>(rng.Below(10 * 3600));
    const int length = rng.Range(2 * 3600, 72 * 3600);
    const int end_total = start_seconds + length;
    const bool missing = rng.Percent(70);
    const char* offered = "";
    const char* accepted = "";
    if (missing) {
      static constexpr const char* kOffered[] = {"Y", "N", ""};
      offered = kOffered[rng.Weighted({75, 20, 5})];
      if (offered[0] == 'Y') accepted = Yn(rng.Percent(65));
    }
    AddMissing(w.tables, {.person = c.id,
                          .start = day,
                          .start_seconds = start_seconds,
                          .end = w.EndOrBlank(day + end_total / 86400),
                          .end_seconds = end_total % 86400,
                          .type = missing ? "Missing" : "Absent",
                          .offered = offered,
                          .accepted = accepted});
  }
  return last_visit;
}

// The contact, referral, assessment and S47 (and sometimes a CP plan that
// ends the day care begins) that led to this child coming into care.
// Returns the day the CIN episode began.
Day PreCareHistory(World& w, Rng& rng, Child& c, Day start, bool emergency) {
  Day referral = start - (emergency ? rng.Range(0, 3) : rng.Range(14, 180));
  if (referral < c.dob - 240) referral = c.dob - rng.Range(30, 200);  // removed at birth: pre-birth referral
  // Older than the extract: only the CIN episode it opened remains.
  if (referral < w.windows.history_start) return referral;
  const Day contact = referral - (rng.Percent(70) ? 0 : rng.Range(1, 3));
  const int source = PickSource(rng, c.dob > contact);
  AddContact(w.tables, {.id = w.next_contact++,
                        .person = c.id,
                        .day = contact,
                        .seconds = World::TimeOfDay(rng),
                        .source = kSources[source].local,
                        .outcome = "Referral"});
  const Team team = rng.Percent(50) ? Team::kAssessmentNorth : Team::kAssessmentSouth;
  const std::string& worker = w.staff.Worker(team, rng);
  const int64_t referral_id = w.next_referral++;
  AddReferral(w.tables, {.id = referral_id,
                         .person = c.id,
                         .day = referral,
                         .source = kSources[source].local,
                         .nfa = "N",
                         .team = TeamName(team),
                         .worker = worker});
  const Day assessment = w.NotAfterRef(referral + rng.Range(0, 3));
  const Day authorised = assessment + rng.Range(10, 45);
  AddAssessment(w.tables, {.id = w.next_assessment++,
                           .person = c.id,
                           .referral = referral_id,
                           .start = assessment,
                           .authorised = w.EndOrBlank(authorised),
                           .seen = ChildSeen(rng, c, assessment),
                           .outcome = w.Open(authorised) ? "" : "Services required",
                           .disability = DisabilityFlag(c),
                           .team = TeamName(team),
                           .worker = worker});
  if (rng.Percent(emergency ? 80 : 60)) {
    const Day strategy = w.NotAfterRef(referral + rng.Range(0, 2));
    const Day enquiry_end = strategy + rng.Range(3, 15);
    const Day icpc = enquiry_end + rng.Range(2, 10);
    const bool conference = !emergency && icpc < start - 14 && rng.Percent(55);
    const Team safeguarding = static_cast<Team>(static_cast<int>(Team::kSafeguarding1) + rng.Range(0, 2));
    AddS47(w.tables, {.id = w.next_s47++,
                      .person = c.id,
                      .strategy = strategy,
                      .completed = w.EndOrBlank(enquiry_end),
                      .icpc_required = w.Open(enquiry_end) ? "" : Yn(conference),
                      .icpc = conference ? icpc : kNoDay,
                      .icpc_plan = conference ? "Y" : "",
                      .team = TeamName(safeguarding),
                      .worker = w.staff.Worker(safeguarding, rng)});
    if (conference) {
      std::vector<Child*> kids = {&c};
      RunCpPlan(w, rng, kids, icpc, start, safeguarding);
    }
  }
  return referral;
}

void WriteCareLeaver(World& w, Rng& rng, const Child& c, const char* eligibility, const char* in_touch, bool uasc,
                     Team team, int showcase) {
  const Day ref = w.windows.reference;
  const bool yes = std::strcmp(in_touch, "YES") == 0;
  Day contact = kNoDay;
  if (yes) {
    contact = ref - rng.Range(0, rng.Percent(85) ? 56 : 150);
  } else if (std::strcmp(in_touch, "DIED") == 0) {
    contact = c.died;
  } else if (rng.Percent(70)) {
    contact = ref - rng.Range(60, 500);
  }
  // Accommodation, suitability and activity are blank unless in touch
  // (Ofsted's rule); a few stale values survive in the record, a defect the
  // data rules cl-not-in-touch-* report (left out under --no-defects, after
  // the same draws, so that the other rows are the same either way).
  const char* accommodation = "";
  const char* suitable = "";
  const char* activity = "";
  if (yes || rng.Percent(10)) {
    static constexpr const char* kAccommodation[] = {"B", "C", "D", "E", "G", "H", "K", "R",
                                                     "S", "T", "U", "V", "W", "X", "Y", "Z"};
    static constexpr const char* kActivity[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5",
                                                "P5", "G4", "G5", "G6", "F3", "P3"};
    const bool minor = AgeOn(c.dob, ref) < 18;
    accommodation = minor ? kAccommodation[rng.Weighted({10, 25, 25, 15, 0, 0, 0, 0, 0, 5, 3, 0, 0, 2, 3, 12})]
                          : kAccommodation[rng.Weighted({12, 3, 20, 8, 1, 1, 3, 1, 2, 5, 25, 2, 1, 2, 3, 10})];
    const bool poor = std::strchr("RSVWX", accommodation[0]) != nullptr;
    suitable = Yn(poor ? rng.Percent(15) : rng.Percent(95));
    activity = minor ? kActivity[rng.Weighted({0, 0, 60, 5, 8, 1, 5, 1, 4, 14, 2, 0, 0})]
                     : kActivity[rng.Weighted({8, 1, 20, 3, 5, 1, 15, 5, 8, 25, 6, 2, 1})];
    if (showcase >= 0) {
      accommodation = kAccommodation[showcase % 16];
      activity = kActivity[showcase % 13];
    }
    if (!yes && !w.config.defects) accommodation = suitable = activity = "";
  }
  Day pathway = kNoDay;
  if (yes || rng.Percent(50)) pathway = ref - rng.Range(0, rng.Percent(85) ? 182 : 400);
  AddCareLeaver(w.tables, {.person = c.id,
                           .eligibility = eligibility,
                           .in_touch = in_touch,
                           .latest_contact = contact,
                           .accommodation = accommodation,
                           .suitable = suitable,
                           .activity = activity,
                           .adviser = w.staff.PersonalAdviser(rng),
                           .pathway_review = pathway,
                           .uasc = Yn(uasc),
                           .team = TeamName(team),
                           .worker = w.staff.Worker(team, rng)});
}

}  // namespace exampleshire
