// Care leavers aged 16-25 (with the period of care they left), children
// with an adoption decision (adopted in the last year, waiting, or with the
// decision reversed), and the prospective adopters (written in Windows-1252,
// as the adoption module's export is).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "care.h"

namespace exampleshire {

namespace {

// At scale 1.0.
constexpr int kCareLeavers = 1600;
constexpr int kAdoptionUnits = 250;  // a unit is a child or a sibling pair: ~300 children
constexpr int kOtherFamilies = 25;   // adopter families not linked to one of our children

// CBDS indices of ethnicities common among unaccompanied children.
constexpr int kUascEthnicities[] = {12, 14, 17, 15, 3};
constexpr const char* kLeaveReasons[] = {"1", "2", "3"};

std::string Numbered(const char* prefix, int n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*d", prefix, width, n);
  return buf;
}

}  // namespace

void GenerateCareLeavers(World& w) {
  const Day ref = w.windows.reference;
  const int young_people = w.Count(kCareLeavers, 40);
  for (int i = 0; i < young_people; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamCareLeavers, static_cast<uint64_t>(i)));
    const int age = 16 + rng.Weighted({5, 8, 15, 15, 14, 13, 10, 8, 7, 5});
    const Day dob = w.DobForAge(rng, ref, age);
    const bool uasc = rng.Percent(9);
    const bool qualifying = rng.Percent(10);
    const Day sixteenth = AddYears(dob, 16);
    const Day eighteenth = AddYears(dob, 18);
    Period p;
    if (qualifying) {  // left under a special guardianship order after 16
      p.end = std::min(sixteenth + rng.Range(0, 700), std::min(eighteenth - 1, ref - 14));
      p.reason = rng.Pick({"E45", "E46", "E47", "E48"});
    } else if (age >= 18 && rng.Percent(70)) {  // looked after until 18
      p.end = eighteenth;
      p.reason = rng.Pick({"E5", "E5", "E6", "E8", "E8", "E8"});
    } else {  // left at 16 or 17
      const Day latest = std::min(eighteenth - 1, ref - 14);
      p.end = sixteenth + static_cast<Day>(rng.Below(static_cast<uint64_t>(std::max(1, latest - sixteenth))));
      p.reason = rng.Pick({"E5", "E5", "E5", "E6", "E8", "E8", "E4A", "E13", "E9", "E14"});
    }
    p.start = p.end - (uasc ? rng.Range(200, 1100) : rng.Range(300, 3000));
    p.start = std::min(p.start, sixteenth - 91);  // thirteen weeks in care since 14
    if (uasc) p.start = std::max(p.start, AddYears(dob, 14));
    p.uasc = uasc;
    p.need = uasc ? 7 : rng.Weighted({600, 30, 40, 80, 130, 30, 3, 80});
    p.team = rng.Percent(50) ? Team::kChildrenInCare1 : Team::kChildrenInCare2;
    p.permanence = rng.Pick({"Supported living", "Supported living", "Long-term fostering", "Other"});
    p.legal = {{uasc ? "V2" : (rng.Percent(70) ? "C2" : "V2"), p.start}};

    const char* eligibility = qualifying ? "QUAL" : (age < 18 ? "REL" : "FREL");
    static constexpr const char* kInTouch[] = {"YES", "NO", "REFU", "NREQ", "RHOM", "DIED"};
    const int showcase = i < 16 ? i : -1;  // every accommodation and activity code, in touch
    const char* in_touch = kInTouch[rng.Weighted({84, 5, 3, age >= 21 ? 8 : 2, age < 18 ? 3 : 0, 1})];
    if (showcase >= 0) in_touch = "YES";
    Child c = w.NewChild(rng, dob, uasc ? (rng.Percent(92) ? 'M' : 'F') : 0);
    if (uasc) c.ethnicity = rng.Pick(kUascEthnicities);
    if (std::strcmp(in_touch, "DIED") == 0) c.died = std::max(p.end + 1, ref - rng.Range(10, 300));
    w.WritePerson(c);
    p.placements = PlanPlacements(w, rng, c, p.start, p.end, 1);
    WritePeriod(w, rng, c, p);
    WriteCareLeaver(w, rng, c, eligibility, in_touch, uasc, Team::kLeavingCare, showcase);
    w.MaybeAudit(rng, c, "Care leavers", 25);
  }
}

void GenerateAdoption(World& w) {
  const Day ref = w.windows.reference;
  const Day year_ago = w.windows.twelve_months;
  const int units = w.Count(kAdoptionUnits, 12);
  for (int i = 0; i < units; ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamAdoption, static_cast<uint64_t>(i)));
    // The first units cover each status, placement type and reversal
    // reason, so even the smallest scale has them all.
    static constexpr int kShowcaseStatus[] = {0, 1, 2, 3, 0, 0, 3, 3, 3};
    const int drawn_status = rng.Weighted({30, 5, 55, 10});  // adopted; adopted >12m ago; waiting; reversed
    const int status = i < 9 ? kShowcaseStatus[i] : drawn_status;
    Day entered, decision, order = kNoDay, matched = kNoDay, placed = kNoDay, adopted = kNoDay, reversed = kNoDay;
    const char* reversal_reason = "";
    if (status <= 1) {
      const int edge = static_cast<int>(rng.Below(100));
      adopted = status == 1          ? year_ago - rng.Range(1, 90)
                : edge < 4 || i == 0 ? year_ago
                : edge < 8 || i == 4 ? year_ago - 1
                                     : ref - rng.Range(0, 364);
      placed = adopted - rng.Range(180, 420);
      matched = placed - rng.Range(7, 30);
      order = matched - rng.Range(30, 240);
      decision = order - rng.Range(30, 150);
    } else if (status == 2) {
      decision = ref - rng.Range(0, 700);
      if (rng.Percent(90)) order = decision + rng.Range(30, 150);
      if (order != kNoDay && rng.Percent(85)) matched = order + rng.Range(30, 240);
      if (matched != kNoDay) placed = matched + rng.Range(7, 30);
      if (placed != kNoDay && placed + 300 < ref && rng.Percent(50)) adopted = placed + rng.Range(200, 300);
    } else {
      reversed = ref - rng.Range(0, 364);
      decision = reversed - rng.Range(60, 500);
      static constexpr const char* kReasons[] = {"RD1", "RD2", "RD3", "RD4"};
      reversal_reason = kReasons[i >= 6 && i < 9 ? (i == 6 ? 0 : i == 7 ? 1 : 3) : rng.Weighted({30, 20, 35, 15})];
      if (reversal_reason[2] != '2' && rng.Percent(70)) order = decision + rng.Range(30, 150);
      if (order != kNoDay && order >= reversed) order = kNoDay;
    }
    entered = decision - rng.Range(90, 360);
    // Dates not reached by the reference date are blank.
    for (Day* d : {&order, &matched, &placed, &adopted}) *d = w.EndOrBlank(*d);
    const bool ffa = i == 0 || (reversed == kNoDay && rng.Percent(15));
    const Day ffa_day = ffa ? entered : kNoDay;  // placed in the FFA placement on entering care
    // Placed with parental consent (s19): no placement order; the adoption
    // order then ends the period as E11 rather than E12.
    const bool consent = i == 4 || i == 5 || (i >= 9 && rng.Percent(10));
    if (consent) order = kNoDay;
    const bool interagency = matched != kNoDay && i >= 9 && rng.Percent(30);
    const int siblings = rng.Percent(20) ? 2 : 1;
    std::string family_id;
    if (matched != kNoDay && !interagency) {
      AdopterFamily family;
      family.id = Numbered("FAM", static_cast<int>(w.families.size()) + 1, 4);
      family.matched = matched;
      family.placed = placed;
      family.adoption_order = adopted;
      family.children_placed = placed != kNoDay ? siblings : 0;
      family.ffa = ffa;
      family_id = family.id;
      w.families.push_back(family);
    }
    // After a reversal the child stays in care or leaves under an order.
    Day left = adopted;
    const char* reason = adopted != kNoDay ? (consent ? "E11" : "E12") : "";
    if (reversed != kNoDay && rng.Percent(40)) {
      left = w.EndOrBlank(reversed + rng.Range(30, 300));
      reason = rng.Pick({"E45", "E47", "E41", "E4A"});
    }
    for (int s = 0; s < siblings; ++s) {
      Day dob = rng.Percent(50) ? entered - rng.Range(0, 14) : entered - rng.Range(15, 3 * 365);
      if (s == 1) dob -= rng.Range(365, 3 * 365);  // the older sibling
      Child c = w.NewChild(rng, dob);
      w.WritePerson(c);
      Period p;
      p.start = entered;
      p.end = left == kNoDay ? kOpen : left;
      p.reason = reason;
      p.need = rng.Percent(85) ? 0 : 7;
      p.team = Team::kAdoption;
      p.permanence = reversed != kNoDay ? rng.Pick({"Long-term fostering", "SGO", "Return home"}) : "Adoption";
      const Day until = std::min(ref, left == kNoDay ? ref : left);
      if (consent) {
        p.legal = {{"V2", entered}};
      } else {
        p.legal = {{"C1", entered}};
        const Day full_order = std::min(entered + rng.Range(120, 300), order == kNoDay ? until : order - 1);
        if (full_order > entered && full_order <= until) p.legal.push_back({"C2", full_order});
        if (order != kNoDay && order > p.legal.back().start) p.legal.push_back({"E1", order});
      }
      const char* foster = ffa ? (rng.Percent(30) ? "U2" : "U5") : (rng.Percent(70) ? "U6" : "U4");
      p.placements = {{foster, entered}};
      if (placed != kNoDay && placed > entered) {
        const bool with_carer = ffa || i == 4 || (i != 5 && rng.Percent(15));
        p.placements.push_back({consent ? (with_carer ? "A3" : "A4") : (with_carer ? "A5" : "A6"), placed});
      }
      WritePeriod(w, rng, c, p);
      const Day cin_start = PreCareHistory(w, rng, c, entered, rng.Percent(30));
      const Day last_seen = WriteLookedAfterActivity(w, rng, c, entered, until, false);
      std::vector<Child*> kids = {&c};
      WriteCinEpisodes(w, rng, kids, cin_start, p.end, p.need, ClosureForCeased(reason), Team::kAdoption, last_seen);
      AddAdoption(w.tables, {.person = c.id,
                             .entered_care = entered,
                             .decision = decision,
                             .placement_order = order,
                             .matched = matched,
                             .placed = placed,
                             .adoption_order = adopted,
                             .reversed = reversed,
                             .reversal_reason = reversal_reason,
                             .ffa = ffa_day,
                             .family = family_id});
    }
  }
}

void GenerateAdopters(World& w) {
  const Day ref = w.windows.reference;
  // Families not matched with one of our children: in assessment, approved
  // and waiting, matched with another council's child, left the process,
  // enquiry only (not for List 11), or finished long ago.
  const int others = w.Count(kOtherFamilies, 10);
  const size_t linked = w.families.size();
  for (int i = 0; i < others; ++i) {
    AdopterFamily f;
    f.id = Numbered("FAM", static_cast<int>(w.families.size()) + 1, 4);
    w.families.push_back(f);
  }
  int adopter_number = 0;
  for (size_t i = 0; i < w.families.size(); ++i) {
    Rng rng(DeriveSeed(w.config.seed, kStreamAdopters, i + 1));
    AdopterFamily& f = w.families[i];
    AdopterRow row;
    Day enquiry, s1_start, s1_end = kNoDay, s2_start = kNoDay, s2_end = kNoDay;
    int kind = 0;  // 0 linked; 1 in assessment; 2 approved waiting; 3 other LA's child; 4 left; 5 enquiry; 6 old
    static constexpr int kShowcaseKind[] = {1, 2, 3, 4, 4, 4, 5, 6};
    const int drawn_kind = 1 + rng.Weighted({30, 20, 15, 20, 10, 5});
    if (i >= linked) kind = i - linked < 8 ? kShowcaseKind[i - linked] : drawn_kind;
    if (kind == 3 || kind == 6) {
      f.matched = kind == 3 ? ref - rng.Range(0, 300) : AddMonths(ref, -12) - rng.Range(120, 300);
      f.placed = w.EndOrBlank(f.matched + rng.Range(7, 30));
      if (kind == 6) f.adoption_order = f.placed + rng.Range(60, 110);
      f.children_placed = f.placed != kNoDay ? 1 + static_cast<int>(rng.Below(2)) : 0;
    }
    if (kind == 0 || kind == 3 || kind == 6) {
      s2_end = f.matched - rng.Range(30, 270);
      s2_start = s2_end - rng.Range(90, 150);
      s1_end = s2_start - rng.Range(0, 30);
      s1_start = s1_end - rng.Range(50, 70);
      enquiry = s1_start - rng.Range(7, 60);
    } else {
      enquiry = ref - (kind == 2 ? rng.Range(250, 500) : rng.Range(20, 330));
      s1_start = enquiry + rng.Range(7, 60);
      if (kind == 5) s1_start = kNoDay;
      if (s1_start != kNoDay) s1_end = s1_start + rng.Range(50, 70);
      if (s1_end != kNoDay) s2_start = s1_end + rng.Range(0, 30);
      if (s2_start != kNoDay) s2_end = s2_start + rng.Range(90, 150);
      if (kind == 4) {
        row.left = s1_start + rng.Range(20, 200);
        row.left_reason =
            s2_start != kNoDay && row.left > s2_start && rng.Percent(40) ? "3" : rng.Pick({"1", "1", "2"});
        if (i >= linked && i - linked >= 3 && i - linked < 6) row.left_reason = kLeaveReasons[i - linked - 3];
        for (Day* d : {&s1_end, &s2_start, &s2_end}) {
          if (*d != kNoDay && *d >= row.left) *d = kNoDay;
        }
        row.left = w.EndOrBlank(row.left);
        // Leaving after the reference date: not left yet. The reason kept
        // without its date is a defect (data rule
        // adopter-reason-blank-without-leaving), left out under --no-defects.
        if (row.left == kNoDay && !w.config.defects) row.left_reason = "";
      }
    }
    for (Day* d : {&s1_start, &s1_end, &s2_start, &s2_end}) *d = w.EndOrBlank(*d);
    // Records from before the two-stage process fill the application fields instead.
    const bool legacy = rng.Percent(10) && kind != 5;
    row.family = f.id;
    row.ffa = Yn(f.ffa);
    row.enquiry = enquiry;
    row.stage1_start = legacy ? kNoDay : s1_start;
    row.stage1_end = legacy ? kNoDay : s1_end;
    row.stage2_start = legacy ? kNoDay : s2_start;
    row.stage2_end = legacy ? kNoDay : s2_end;
    row.application = legacy ? s2_start : kNoDay;
    row.approval = legacy ? s2_end : kNoDay;
    row.matched = f.matched;
    row.placed = f.placed;
    row.children_placed = f.placed != kNoDay ? f.children_placed : -1;
    row.adoption_order = f.adoption_order;
    // Couples are two adopters with their own ids; most single adopters are women.
    const int members = rng.Percent(70) ? 2 : 1;
    const int pair = rng.Weighted({75, 13, 12});  // M+F, F+F, M+M
    const std::string surname = i == 1 ? "O’Neill" : rng.Pick(kSurnames);
    for (int m = 0; m < members; ++m) {
      char sex = members == 1 ? (rng.Percent(85) ? 'F' : 'M') : (pair == 0 ? "FM"[m] : pair == 1 ? 'F' : 'M');
      if (i == 0 && m == 0) sex = 'F';  // "Zoë" below
      const std::string id = Numbered("ADP", ++adopter_number, 5);
      const char* forename = sex == 'F' ? rng.Pick(kFemaleForenames) : rng.Pick(kMaleForenames);
      if (i == 0 && m == 0) forename = "Zoë";
      row.id = id;
      row.forename = forename;
      row.surname = m == 1 && rng.Percent(30) ? rng.Pick(kSurnames) : surname.c_str();
      // 1 male, 2 female, 9 neither, 0 not recorded (the adoption module's codes).
      row.gender = rng.PerMille(8) ? "9" : rng.PerMille(8) ? "0" : (sex == 'F' ? "2" : "1");
      static constexpr int kAdopterEthnicity[20] = {880, 5, 2, 40, 2, 10, 5, 8, 8, 8, 6, 3, 4, 5, 6, 2, 2, 2, 3, 0};
      const Ethnicity& e = kEthnicities[rng.Weighted(kAdopterEthnicity, 20)];
      row.ethnicity = rng.Percent(50) ? e.cbds : e.text;
      row.disability = Yn(rng.Percent(4));
      AddAdopter(w.tables, row);
    }
  }
}

}  // namespace exampleshire
