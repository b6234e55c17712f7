#include "world.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace exampleshire {

namespace {

// Per 100,000 children: person records missing from people.csv (merged or
// deleted records whose activity rows survive), the failed-join defect.
constexpr int kMissingPersonRate = 300;

const char* GenderCode(char g) {
  switch (g) {
    case 'M':
      return "M";
    case 'F':
      return "F";
    case 'I':
      return "I";
    default:
      return "U";
  }
}

}  // namespace

World::World(const Config& c, Tables* t, DefectSource* d)
    : config(c),
      tables(*t),
      defects(*d),
      staff(DeriveSeed(c.seed, kStreamWorkforce, 0), Count(25, 3) > 200 ? 200 : Count(25, 3)) {
  windows.reference = c.reference;
  windows.six_months = AddMonths(c.reference, -6);
  windows.twelve_months = AddMonths(c.reference, -12);
  windows.history_start = AddMonths(c.reference, -36);
  const Ymd m = YmdFromDay(AddMonths(c.reference, -20));
  windows.migration = DayFromYmd(m.y, m.m, 1);
  next_person = 1000000;
  // Small datasets need the boundary days forced; large ones hit them
  // anyway, and forcing would put a visible spike on those days.
  boundary_per_100k_ = c.scale <= 0.05 ? 800 : std::max(20, static_cast<int>(40.0 / c.scale));
}

int World::Count(int base, int minimum) const {
  const long long n = std::llround(static_cast<double>(base) * config.scale);
  return n < minimum ? minimum : static_cast<int>(n);
}

Day World::DobForAge(Rng& rng, Day on, int age) const {
  const Day hi = AddYears(on, -age);
  const Day lo = AddYears(on, -(age + 1)) + 1;
  if (rng.PerMille(15)) {
    // A 29 February birthday, if the year of possible birth dates has one.
    for (int y : {YmdFromDay(lo).y, YmdFromDay(hi).y}) {
      if (!IsLeap(y)) continue;
      const Day leap_day = DayFromYmd(y, 2, 29);
      if (leap_day >= lo && leap_day <= hi) return leap_day;
    }
  }
  return lo + static_cast<Day>(rng.Below(static_cast<uint64_t>(hi - lo) + 1));
}

Day World::WindowDay(Rng& rng) const {
  const int r = static_cast<int>(rng.Below(100000));
  if (r < boundary_per_100k_) return windows.six_months;
  if (r < 2 * boundary_per_100k_) return windows.six_months - 1;
  if (r < 5 * boundary_per_100k_ / 2) return windows.reference;
  const Day lo = windows.six_months - 30;
  return lo + static_cast<Day>(rng.Below(static_cast<uint64_t>(windows.reference - lo) + 1));
}

int World::TimeOfDay(Rng& rng) {
  const int r = static_cast<int>(rng.Below(100));
  if (r < 2) return 0;                                                                    // migrated, no time
  if (r < 10) return (18 * 3600 + static_cast<int>(rng.Below(14 * 3600))) % (24 * 3600);  // out of hours
  return 8 * 3600 + 30 * 60 + static_cast<int>(rng.Below(9 * 3600));
}

Child World::NewChild(Rng& rng, Day dob, char sex) {
  Child c;
  next_person += 1 + static_cast<int64_t>(rng.Below(7));
  c.id = next_person;
  c.dob = dob;
  const bool unborn = dob > windows.reference;
  if (sex != 0) {
    c.gender = sex;
  } else if (unborn) {
    c.gender = rng.Percent(12) ? (rng.Percent(50) ? 'M' : 'F') : 'U';
  } else {
    c.gender = "MFIU"[rng.Weighted({506, 486, 2, 6})];
  }
  int weights[20];
  for (int i = 0; i < 20; ++i) weights[i] = kEthnicities[i].weight;
  c.ethnicity = rng.Weighted(weights, 20);
  if (unborn && rng.Percent(50)) c.ethnicity = 19;  // NOBT
  c.ethnicity_as_text = rng.Percent(25);
  c.disabled = unborn ? "" : std::array<const char*, 3>{"Y", "N", ""}[rng.Weighted({7, 83, 10})];
  // The first unborn child always lacks an expected date, so even the
  // smallest dataset has a blank DOB with no expected DOB.
  c.expected_dob_unknown = unborn && (rng.Percent(8) || !unknown_dob_written_);
  unknown_dob_written_ = unknown_dob_written_ || c.expected_dob_unknown;
  if (unborn) {
    c.forename = "Unborn";
  } else if (c.gender == 'M' || (c.gender != 'F' && rng.Percent(50))) {
    c.forename = rng.Pick(kMaleForenames);
  } else {
    c.forename = rng.Pick(kFemaleForenames);
  }
  c.surname = rng.Pick(kSurnames);
  c.in_people = !defects.Roll(kMissingPersonRate);
  return c;
}

void World::WritePerson(const Child& c) {
  if (!c.in_people) {
    tables.people.Note(Defect::kMissingPerson);
    return;
  }
  const bool unborn = c.dob > windows.reference;
  const Ethnicity& e = kEthnicities[c.ethnicity];
  AddPerson(tables, {.id = c.id,
                     .forename = c.forename,
                     .surname = c.surname,
                     .dob = unborn ? kNoDay : c.dob,
                     .expected_dob = unborn && !c.expected_dob_unknown ? c.dob : kNoDay,
                     .gender = GenderCode(c.gender),
                     .ethnicity = c.ethnicity_as_text ? e.text : e.cbds,
                     .disabled = c.disabled,
                     .died = c.died});
}

void World::MaybeAudit(Rng& rng, const Child& c, const char* area, int per_mille) {
  if (!rng.PerMille(per_mille)) return;
  static constexpr const char* kGrades[] = {"Outstanding", "Good", "Requires improvement", "Inadequate"};
  AddAudit(tables, {.id = next_audit++,
                    .person = c.id,
                    .day = windows.reference - static_cast<Day>(rng.Below(365)),
                    .theme = rng.Pick(kAuditThemes),
                    .area = area,
                    .grade = kGrades[rng.Weighted({5, 42, 43, 10})],
                    .auditor = staff.Worker(Team::kQualityAssurance, rng),
                    .moderated = Yn(rng.Percent(30))});
}

}  // namespace exampleshire
