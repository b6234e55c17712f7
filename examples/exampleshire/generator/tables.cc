#include "tables.h"

namespace exampleshire {

namespace {

// Per 100,000 rows.
constexpr int kEndBeforeStartRate = 250;
constexpr int kUnknownCodeRate = 200;
constexpr int kBlankGenderRate = 400;
constexpr int kBlankEthnicityRate = 700;

CsvOptions Uk() { return {.date_format = DateFormat::kUk}; }
CsvOptions Iso() { return {.date_format = DateFormat::kIso}; }
CsvOptions IsoTime() { return {.date_format = DateFormat::kIsoTime}; }

// Now and then the end date is keyed in before the start (a real export
// keeps such rows; annexa has to flag them, not crash).
Day End(CsvFile& f, Day start, Day end) {
  if (end == kNoDay || start == kNoDay || !f.Roll(kEndBeforeStartRate)) return end;
  f.Note(Defect::kEndBeforeStart);
  return start - 1 - static_cast<Day>(start % 29);
}

// A value that is not in the documented local code list (legacy or typo).
Sv Unknown(CsvFile& f, Sv code, Sv unknown) {
  if (code.empty() || !f.Roll(kUnknownCodeRate)) return code;
  f.Note(Defect::kUnknownCode);
  return unknown;
}

}  // namespace

Tables::Tables(DefectSource* d)
    : people("people.csv",
             {"PERSON_ID", "FORENAME", "SURNAME", "DOB", "EXPECTED_DOB", "GENDER", "ETHNICITY", "DISABLED",
              "DATE_OF_DEATH"},
             Uk(), d),
      contacts("contacts.csv", {"CONTACT_ID", "PERSON_ID", "CONTACT_DATE_TIME", "CONTACT_SOURCE", "CONTACT_OUTCOME"},
               IsoTime(), d),
      early_help("early_help.csv",
                 {"EH_EPISODE_ID", "PERSON_ID", "EHA_START_DATE", "EHA_END_DATE", "LEAD_ORGANISATION"}, Uk(), d),
      referrals("referrals.csv",
                {"REFERRAL_ID", "PERSON_ID", "REFERRAL_DATE", "REF_SOURCE_CODE", "NFA_FLAG", "ALLOCATED_TEAM",
                 "ALLOCATED_WORKER"},
                Iso(), d),
      assessments("assessments.csv",
                  {"ASSESSMENT_ID", "PERSON_ID", "REFERRAL_ID", "ASSESSMENT_START_DATE", "AUTHORISED_DATE",
                   "CHILD_SEEN", "ASSESSMENT_OUTCOME", "DISABILITY_FLAG", "TEAM_NAME", "WORKER_NAME"},
                  Uk(), d),
      s47("s47.csv",
          {"S47_ID", "PERSON_ID", "STRATEGY_DISC_DATE", "ENQUIRY_END_DATE", "ICPC_REQUIRED", "ICPC_DATE", "ICPC_PLAN",
           "TEAM", "WORKER"},
          IsoTime(), d),
      cin_episodes("cin_episodes.csv",
                   {"CIN_EPISODE_ID", "PERSON_ID", "EPISODE_START", "EPISODE_END", "PRIMARY_NEED", "CLOSURE_REASON",
                    "TEAM", "WORKER", "DATE_LAST_SEEN"},
                   Iso(), d),
      cin_plans("cin_plans.csv", {"CIN_PLAN_ID", "PERSON_ID", "PLAN_START", "PLAN_END"}, Uk(), d),
      cp_plans("cp_plans.csv",
               {"CP_PLAN_ID", "PERSON_ID", "CPP_START", "CPP_END", "INITIAL_CATEGORY", "LATEST_CATEGORY",
                "LAST_STAT_VISIT_DATE", "SEEN_ALONE", "LATEST_RCPC_DATE", "EPO_PP_LAST_6M", "TEAM", "WORKER"},
               Uk(), d),
      care_periods("care_periods.csv",
                   {"PERIOD_ID", "PERSON_ID", "DATE_PERIOD_START", "DATE_PERIOD_END", "REASON_CEASED", "CIN_CATEGORY",
                    "UASC", "TEAM", "WORKER", "PERMANENCE_PLAN"},
                   Iso(), d),
      legal_statuses("legal_statuses.csv", {"PERSON_ID", "LS_START", "LS_END", "LEGAL_STATUS"}, Iso(), d),
      placements("placements.csv",
                 {"PLACEMENT_ID", "PERSON_ID", "PLACEMENT_START", "PLACEMENT_END", "PLACEMENT_TYPE", "PROVIDER_CODE",
                  "PLACEMENT_POSTCODE", "URN", "PLACEMENT_LA", "IN_OUT_AREA"},
                 Uk(), d),
      missing_episodes("missing_episodes.csv",
                       {"PERSON_ID", "MISSING_START", "MISSING_END", "MISSING_TYPE", "RHI_OFFERED", "RHI_ACCEPTED"},
                       IsoTime(), d),
      visits("visits.csv", {"PERSON_ID", "VISIT_DATE", "VISIT_TYPE"}, Uk(), d),
      health("health.csv", {"PERSON_ID", "CHECK_TYPE", "CHECK_DATE"}, Iso(), d),
      reviews("reviews.csv", {"PERSON_ID", "REVIEW_DATE", "REVIEW_TYPE"}, Uk(), d),
      care_leavers("care_leavers.csv",
                   {"PERSON_ID", "ELIGIBILITY", "IN_TOUCH", "LATEST_CONTACT_DATE", "ACCOMMODATION", "ACCOM_SUITABLE",
                    "ACTIVITY", "PERSONAL_ADVISER", "PATHWAY_PLAN_REVIEW_DATE", "UASC", "TEAM", "WORKER"},
                   {.date_format = DateFormat::kUk, .crlf = true}, d),
      adoption(
          "adoption.csv",
          {"PERSON_ID", "DATE_ENTERED_CARE", "ADM_DECISION_DATE", "PLACEMENT_ORDER_DATE", "MATCHED_DATE", "PLACED_DATE",
           "ADOPTION_ORDER_DATE", "DECISION_REVERSED_DATE", "REVERSAL_REASON", "FFA_PLACEMENT_DATE", "FAMILY_ID"},
          Uk(), d),
      adopters("adopters.csv",
               {"ADOPTER_ID",
                "FAMILY_ID",
                "FORENAME",
                "SURNAME",
                "GENDER",
                "ETHNICITY",
                "DISABILITY",
                "FFA",
                "ENQUIRY_DATE",
                "STAGE1_START",
                "STAGE1_END",
                "STAGE2_START",
                "STAGE2_END",
                "APPLICATION_DATE",
                "APPROVAL_DATE",
                "MATCHED_DATE",
                "PLACED_DATE",
                "CHILDREN_PLACED",
                "ADOPTION_ORDER_DATE",
                "LEFT_PROCESS_DATE",
                "LEFT_REASON"},
               {.date_format = DateFormat::kUk, .windows_1252 = true, .crlf = true}, d),
      case_audits(
          "case_audits.csv",
          {"AUDIT_ID", "PERSON_ID", "AUDIT_DATE", "AUDIT_THEME", "SERVICE_AREA", "GRADE", "AUDITOR", "MODERATED"},
          {.date_format = DateFormat::kIso, .bom = true}, d),
      management_oversight("management_oversight.csv", {"PERSON_ID", "OVERSIGHT_DATE"}, Uk(), &no_defects),
      contact_completion("contact_completion.csv", {"CONTACT_ID", "CONTACT_DATE", "COMPLETED_DATE"}, Uk(),
                         &no_defects),
      cin_plan_reviews("cin_plan_reviews.csv", {"CIN_PLAN_ID", "PERSON_ID", "REVIEW_DATE"}, Uk(), &no_defects),
      cla_assessments("cla_assessments.csv", {"PERSON_ID", "ASSESSMENT_DATE"}, Uk(), &no_defects) {}

std::vector<CsvFile*> Tables::All() {
  return {&people,           &contacts,   &early_help, &referrals,    &assessments,    &s47,
          &cin_episodes,     &cin_plans,  &cp_plans,   &care_periods, &legal_statuses, &placements,
          &missing_episodes, &visits,     &health,     &reviews,      &care_leavers,   &adoption,
          &adopters,         &case_audits, &management_oversight, &contact_completion, &cin_plan_reviews,
          &cla_assessments};
}

void AddPerson(Tables& t, const PersonRow& r) {
  CsvFile& f = t.people;
  Sv gender = Unknown(f, r.gender, "X");
  Sv ethnicity = Unknown(f, r.ethnicity, "WSCO");
  if (f.Roll(kBlankGenderRate)) {
    gender = "";
    f.Note(Defect::kBlankDemographic);
  }
  if (f.Roll(kBlankEthnicityRate)) {
    ethnicity = "";
    f.Note(Defect::kBlankDemographic);
  }
  f.Int(r.id).Text(r.forename).Text(r.surname).Date(r.dob).Date(r.expected_dob);
  f.Code(gender).Code(ethnicity).Code(r.disabled).Date(r.died);
  f.EndRow();
}

void AddContact(Tables& t, const ContactRow& r) {
  CsvFile& f = t.contacts;
  f.Int(r.id).Int(r.person).DateTime(r.day, r.seconds).Code(Unknown(f, r.source, "MASH")).Text(r.outcome);
  f.EndRow();
  AddContactCompletion(t, r);
}

void AddEarlyHelp(Tables& t, const EarlyHelpRow& r) {
  CsvFile& f = t.early_help;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end)).Text(r.organisation);
  f.EndRow();
}

void AddReferral(Tables& t, const ReferralRow& r) {
  CsvFile& f = t.referrals;
  f.Int(r.id).Int(r.person).Date(r.day).Code(Unknown(f, r.source, "MASH")).Code(r.nfa).Text(r.team).Text(r.worker);
  f.EndRow();
}

void AddAssessment(Tables& t, const AssessmentRow& r) {
  CsvFile& f = t.assessments;
  f.Int(r.id).Int(r.person).Int(r.referral).Date(r.start).Date(End(f, r.start, r.authorised));
  f.Code(r.seen).Text(r.outcome).Code(r.disability).Text(r.team).Text(r.worker);
  f.EndRow();
}

void AddS47(Tables& t, const S47Row& r) {
  CsvFile& f = t.s47;
  f.Int(r.id).Int(r.person).Date(r.strategy).Date(End(f, r.strategy, r.completed)).Code(r.icpc_required);
  f.Date(r.icpc).Code(r.icpc_plan).Text(r.team).Text(r.worker);
  f.EndRow();
}

void AddCinEpisode(Tables& t, const CinEpisodeRow& r) {
  CsvFile& f = t.cin_episodes;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end)).Code(r.need).Code(r.closure);
  f.Text(r.team).Text(r.worker).Date(r.last_seen);
  f.EndRow();
  AddOversight(t, r);
}

void AddCinPlan(Tables& t, const CinPlanRow& r) {
  CsvFile& f = t.cin_plans;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end));
  f.EndRow();
  AddCinPlanReviews(t, r);
}

void AddCpPlan(Tables& t, const CpPlanRow& r) {
  CsvFile& f = t.cp_plans;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end));
  f.Code(r.initial_category).Code(Unknown(f, r.latest_category, "Domestic abuse"));
  f.Date(r.last_visit).Code(r.seen_alone).Date(r.last_review).Code(r.epo).Text(r.team).Text(r.worker);
  f.EndRow();
}

void AddCarePeriod(Tables& t, const CarePeriodRow& r) {
  CsvFile& f = t.care_periods;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end)).Code(r.reason).Code(r.need);
  f.Code(r.uasc).Text(r.team).Text(r.worker).Text(r.permanence);
  f.EndRow();
  AddClaAssessments(t, r);
}

void AddLegalStatus(Tables& t, const LegalStatusRow& r) {
  CsvFile& f = t.legal_statuses;
  f.Int(r.person).Date(r.start).Date(End(f, r.start, r.end)).Code(r.status);
  f.EndRow();
}

void AddPlacement(Tables& t, const PlacementRow& r) {
  CsvFile& f = t.placements;
  f.Int(r.id).Int(r.person).Date(r.start).Date(End(f, r.start, r.end)).Code(Unknown(f, r.type, "Q2"));
  f.Code(r.provider).Text(r.postcode).Text(r.urn).Text(r.la).Code(r.in_out);
  f.EndRow();
}

void AddMissing(Tables& t, const MissingRow& r) {
  CsvFile& f = t.missing_episodes;
  f.Int(r.person).DateTime(r.start, r.start_seconds).DateTime(End(f, r.start, r.end), r.end_seconds);
  f.Code(r.type).Code(r.offered).Code(r.accepted);
  f.EndRow();
}

void AddVisit(Tables& t, const VisitRow& r) {
  CsvFile& f = t.visits;
  f.Int(r.person).Date(r.day).Code(r.type);
  f.EndRow();
}

void AddHealth(Tables& t, const HealthRow& r) {
  CsvFile& f = t.health;
  f.Int(r.person).Code(r.type).Date(r.day);
  f.EndRow();
}

void AddReview(Tables& t, const ReviewRow& r) {
  CsvFile& f = t.reviews;
  f.Int(r.person).Date(r.day).Code(r.type);
  f.EndRow();
}

void AddCareLeaver(Tables& t, const CareLeaverRow& r) {
  CsvFile& f = t.care_leavers;
  f.Int(r.person).Code(r.eligibility).Code(r.in_touch).Date(r.latest_contact).Code(r.accommodation);
  f.Code(r.suitable).Code(r.activity).Text(r.adviser).Date(r.pathway_review).Code(r.uasc).Text(r.team);
  f.Text(r.worker);
  f.EndRow();
}

void AddAdoption(Tables& t, const AdoptionRow& r) {
  CsvFile& f = t.adoption;
  f.Int(r.person).Date(r.entered_care).Date(r.decision).Date(r.placement_order).Date(r.matched).Date(r.placed);
  f.Date(r.adoption_order).Date(r.reversed).Code(r.reversal_reason).Date(r.ffa).Text(r.family);
  f.EndRow();
}

void AddAdopter(Tables& t, const AdopterRow& r) {
  CsvFile& f = t.adopters;
  f.Text(r.id).Text(r.family).Text(r.forename).Text(r.surname).Code(r.gender).Code(r.ethnicity);
  f.Code(r.disability).Code(r.ffa).Date(r.enquiry).Date(r.stage1_start).Date(r.stage1_end).Date(r.stage2_start);
  f.Date(r.stage2_end).Date(r.application).Date(r.approval).Date(r.matched).Date(r.placed);
  if (r.children_placed < 0) {
    f.Blank();
  } else {
    f.Int(r.children_placed);
  }
  f.Date(r.adoption_order).Date(r.left).Code(r.left_reason);
  f.EndRow();
}

void AddAudit(Tables& t, const AuditRow& r) {
  CsvFile& f = t.case_audits;
  f.Int(r.id).Int(r.person).Date(r.day).Text(r.theme).Text(r.area).Text(r.grade).Text(r.auditor);
  f.Code(r.moderated);
  f.EndRow();
}

}  // namespace exampleshire
