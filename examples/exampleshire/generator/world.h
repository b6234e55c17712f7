// Shared state of one generation run: the reference windows, the output
// tables, id counters, the workforce, and the helpers every cohort uses to
// create children and pick dates. Cohorts are generated one after another
// (front door, open cases, children in care, care leavers, adoption), each
// household from its own seeded generator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "civil.h"
#include "reference_data.h"
#include "rng.h"
#include "tables.h"

namespace exampleshire {

struct Config {
  Day reference = kNoDay;
  double scale = 0.02;
  uint64_t seed = 1;
  bool defects = true;
};

// Streams for DeriveSeed: one per cohort, so cohorts are independent.
enum Stream : uint64_t {
  kStreamFrontDoor = 1,
  kStreamOpenCases,
  kStreamInCare,
  kStreamShortBreaks,
  kStreamCareLeavers,
  kStreamAdoption,
  kStreamAdopters,
  kStreamWorkforce,
  kStreamDefects,
  kStreamShowcase,
};

struct Child {
  int64_t id = 0;
  Day dob = kNoDay;                   // the (expected) date of birth; after the reference date = unborn
  bool expected_dob_unknown = false;  // unborn with no expected date recorded
  char gender = 'U';                  // M, F, I (indeterminate), U (unknown / unborn)
  int ethnicity = 0;                  // index into kEthnicities
  bool ethnicity_as_text = false;     // older records hold the label, not the CBDS code
  const char* disabled = "N";         // Y, N or "" (not recorded)
  Day died = kNoDay;
  const char* forename = "";
  const char* surname = "";
  bool in_people = true;  // false: the failed-join defect
};

// Dates that every window rule hinges on.
struct Windows {
  Day reference = kNoDay;      // R: the extract (notification) date
  Day six_months = kNoDay;     // R - 6 months: first day inside Lists 1-8's window
  Day twelve_months = kNoDay;  // R - 12 months: Lists 10-11 and the "last 12 months" counts
  Day history_start = kNoDay;  // R - 36 months: how far front-door history goes back
  // The CIN module's migration day, the 1st of the month 20 months before R:
  // episodes begun / closed before it hold N and RC codes, later ones the
  // council's wording.
  Day migration = kNoDay;
};

struct AdopterFamily {
  std::string id;  // FAM0001
  Day matched = kNoDay;
  Day placed = kNoDay;
  Day adoption_order = kNoDay;
  int children_placed = 0;
  bool ffa = false;
};

class World {
 public:
  World(const Config& config, Tables* tables, DefectSource* defects);

  // round(base * scale), at least `minimum`: small cohorts keep every case
  // type at the default scale.
  int Count(int base, int minimum) const;

  // A new child, written to people.csv. `dob` may be after the reference
  // date (unborn). `sex` 'M'/'F' forces the gender; 0 = random.
  Child NewChild(Rng& rng, Day dob, char sex = 0);
  // Date of birth such that the child is `age` on `on` (now and then a
  // 29 February birthday when one falls in the range).
  Day DobForAge(Rng& rng, Day on, int age) const;
  // A day in [R-6m-30, R], now and then exactly on a boundary: R, R-6m
  // or the day before R-6m, so the window edges are always exercised.
  Day WindowDay(Rng& rng) const;
  // A contact-like time of day in seconds (mostly office hours).
  static int TimeOfDay(Rng& rng);
  // Clamps to the reference date: nothing in the extract is in the future,
  // except expected dates of birth.
  Day NotAfterRef(Day day) const { return day > windows.reference ? windows.reference : day; }
  bool Open(Day end) const { return end == kNoDay || end > windows.reference; }
  // `end` if it has happened by the reference date, else blank.
  Day EndOrBlank(Day end) const { return Open(end) ? kNoDay : end; }

  // Writes the person row (unless this is a failed-join child).
  void WritePerson(const Child& child);
  // Now and then an audit of the child's case, dated in the last year.
  void MaybeAudit(Rng& rng, const Child& child, const char* area, int per_mille);

  Config config;
  Windows windows;
  Tables& tables;
  DefectSource& defects;
  Workforce staff;
  std::vector<AdopterFamily> families;

  int64_t next_person = 0, next_contact = 30000001, next_early_help = 130001, next_referral = 4000001,
          next_assessment = 5000001, next_s47 = 600001, next_cin_episode = 7000001, next_cin_plan = 800001,
          next_cp_plan = 900001, next_period = 110001, next_placement = 1200001, next_audit = 140001;

 private:
  int boundary_per_100k_ = 800;
  bool unknown_dob_written_ = false;
};

// Local codes for Yes / No / Unknown.
inline const char* Yn(bool yes) { return yes ? "Y" : "N"; }

// Cohort generators (front_door.cc, looked_after.cc, leavers_adoption.cc).
void GenerateFrontDoor(World& world);
void GenerateOpenCases(World& world);
void GenerateChildrenInCare(World& world);
void GenerateShortBreaks(World& world);
void GenerateCareLeavers(World& world);
void GenerateAdoption(World& world);
void GenerateAdopters(World& world);

}  // namespace exampleshire
