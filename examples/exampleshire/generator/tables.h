// The twenty extract files: their names, headers, date formats and one row
// struct + writer per table. Column order lives only here (and in the
// README), so the cohort code fills named struct members and cannot put a
// value in the wrong column. Row-level defects that need to know a column's
// meaning (unknown local codes, end-before-start, blank demographics) are
// injected by these writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "civil.h"
#include "csv_file.h"

namespace exampleshire {

using Sv = std::string_view;

struct Tables {
  explicit Tables(DefectSource* defects);
  // All files in output order (people first).
  std::vector<CsvFile*> All();

  CsvFile people, contacts, early_help, referrals, assessments, s47, cin_episodes, cin_plans, cp_plans, care_periods,
      legal_statuses, placements, missing_episodes, visits, health, reviews, care_leavers, adoption, adopters,
      case_audits;

  // The key indicators' extra sources (issue 20; indicator_sources.cc):
  // written beside the rows they follow, each file from its own random
  // stream (seeded from `seed` and the row's id) and without defects, so the
  // twenty files above are byte-identical with or without them.
  uint64_t seed = 1;
  Day reference = kNoDay;
  DefectSource no_defects{0, false};
  CsvFile management_oversight, contact_completion, cin_plan_reviews, cla_assessments;
};

// The streams of the indicator sources (DeriveSeed's `stream`), apart from
// the cohorts' (world.h) and the placements' (1000+, 2000).
inline constexpr uint64_t kStreamOversight = 3001;
inline constexpr uint64_t kStreamContactCompletion = 3002;
inline constexpr uint64_t kStreamCinPlanReviews = 3003;
inline constexpr uint64_t kStreamClaAssessments = 3004;

struct ContactRow;
struct CinEpisodeRow;
struct CinPlanRow;
struct CarePeriodRow;

// One contact's completion; a CIN episode's management oversight; a CIN
// plan's reviews; a care period's single assessments (each up to the
// reference date, the recent ones only, as a report covering the last year
// or two would hold).
void AddContactCompletion(Tables& t, const ContactRow& r);
void AddOversight(Tables& t, const CinEpisodeRow& r);
void AddCinPlanReviews(Tables& t, const CinPlanRow& r);
void AddClaAssessments(Tables& t, const CarePeriodRow& r);

struct PersonRow {
  int64_t id = 0;
  Sv forename, surname;
  Day dob = kNoDay, expected_dob = kNoDay;
  Sv gender, ethnicity, disabled;
  Day died = kNoDay;
};
struct ContactRow {
  int64_t id = 0, person = 0;
  Day day = kNoDay;
  int seconds = 0;
  Sv source, outcome;
};
struct EarlyHelpRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv organisation;
};
struct ReferralRow {
  int64_t id = 0, person = 0;
  Day day = kNoDay;
  Sv source, nfa, team, worker;
};
struct AssessmentRow {
  int64_t id = 0, person = 0, referral = 0;
  Day start = kNoDay, authorised = kNoDay;
  Sv seen, outcome, disability, team, worker;
};
struct S47Row {
  int64_t id = 0, person = 0;
  Day strategy = kNoDay, completed = kNoDay;
  Sv icpc_required;
  Day icpc = kNoDay;
  Sv icpc_plan, team, worker;
};
struct CinEpisodeRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv need, closure, team, worker;
  Day last_seen = kNoDay;
};
struct CinPlanRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
};
struct CpPlanRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv initial_category, latest_category;
  Day last_visit = kNoDay;
  Sv seen_alone;
  Day last_review = kNoDay;
  Sv epo, team, worker;
};
struct CarePeriodRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv reason, need, uasc, team, worker, permanence;
};
struct LegalStatusRow {
  int64_t person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv status;
};
struct PlacementRow {
  int64_t id = 0, person = 0;
  Day start = kNoDay, end = kNoDay;
  Sv type, provider, postcode, urn, la, in_out;
};
struct MissingRow {
  int64_t person = 0;
  Day start = kNoDay;
  int start_seconds = 0;
  Day end = kNoDay;
  int end_seconds = 0;
  Sv type, offered, accepted;
};
struct VisitRow {
  int64_t person = 0;
  Day day = kNoDay;
  Sv type;
};
struct HealthRow {
  int64_t person = 0;
  Sv type;
  Day day = kNoDay;
};
struct ReviewRow {
  int64_t person = 0;
  Day day = kNoDay;
  Sv type;
};
struct CareLeaverRow {
  int64_t person = 0;
  Sv eligibility, in_touch;
  Day latest_contact = kNoDay;
  Sv accommodation, suitable, activity, adviser;
  Day pathway_review = kNoDay;
  Sv uasc, team, worker;
};
struct AdoptionRow {
  int64_t person = 0;
  Day entered_care = kNoDay, decision = kNoDay, placement_order = kNoDay, matched = kNoDay, placed = kNoDay,
      adoption_order = kNoDay, reversed = kNoDay;
  Sv reversal_reason;
  Day ffa = kNoDay;
  Sv family;
};
struct AdopterRow {
  Sv id, family, forename, surname, gender, ethnicity, disability, ffa;
  Day enquiry = kNoDay, stage1_start = kNoDay, stage1_end = kNoDay, stage2_start = kNoDay, stage2_end = kNoDay,
      application = kNoDay, approval = kNoDay, matched = kNoDay, placed = kNoDay;
  int children_placed = -1;  // -1 = blank
  Day adoption_order = kNoDay, left = kNoDay;
  Sv left_reason;
};
struct AuditRow {
  int64_t id = 0, person = 0;
  Day day = kNoDay;
  Sv theme, area, grade, auditor, moderated;
};

void AddPerson(Tables& t, const PersonRow& r);
void AddContact(Tables& t, const ContactRow& r);
void AddEarlyHelp(Tables& t, const EarlyHelpRow& r);
void AddReferral(Tables& t, const ReferralRow& r);
void AddAssessment(Tables& t, const AssessmentRow& r);
void AddS47(Tables& t, const S47Row& r);
void AddCinEpisode(Tables& t, const CinEpisodeRow& r);
void AddCinPlan(Tables& t, const CinPlanRow& r);
void AddCpPlan(Tables& t, const CpPlanRow& r);
void AddCarePeriod(Tables& t, const CarePeriodRow& r);
void AddLegalStatus(Tables& t, const LegalStatusRow& r);
void AddPlacement(Tables& t, const PlacementRow& r);
void AddMissing(Tables& t, const MissingRow& r);
void AddVisit(Tables& t, const VisitRow& r);
void AddHealth(Tables& t, const HealthRow& r);
void AddReview(Tables& t, const ReviewRow& r);
void AddCareLeaver(Tables& t, const CareLeaverRow& r);
void AddAdoption(Tables& t, const AdoptionRow& r);
void AddAdopter(Tables& t, const AdopterRow& r);
void AddAudit(Tables& t, const AuditRow& r);

}  // namespace exampleshire
