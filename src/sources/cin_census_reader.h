// Reads a DfE children in need (CIN) census XML return into flat Tables,
// one per kind of record, so a council config (or the ready profile
// config/profiles/cin_census.yaml) maps them like any other extract.
//
// Tables produced (column names are the CIN census element names):
//   children     one row per <Child>: LAchildID, PersonBirthDate,
//                ExpectedPersonBirthDate, GenderCurrent, Ethnicity, UPN,
//                PersonDeathDate, Disabilities (codes joined with ";"),
//                Sex (the 2024+ schema's element; GenderCurrent before)
//   cin_episodes one row per <CINdetails>: LAchildID, CINreferralDate,
//                ReferralSource, PrimaryNeedCode, CINclosureDate,
//                ReasonForClosure, DateOfInitialCPC, ReferralNFA
//   assessments  one row per <Assessments>: LAchildID, CINreferralDate,
//                AssessmentActualStartDate, AssessmentInternalReviewDate,
//                AssessmentAuthorisationDate, AssessmentFactors (";"-joined)
//   cin_plans    one row per <CINPlanDates>: LAchildID, CINreferralDate,
//                CINPlanStartDate, CINPlanEndDate
//   section47    one row per <Section47>: LAchildID, CINreferralDate,
//                S47ActualStartDate, InitialCPCtarget, DateOfInitialCPC,
//                ICPCnotRequired
//   cp_plans     one row per <ChildProtectionPlans>: LAchildID,
//                CINreferralDate, CPPstartDate, CPPendDate,
//                InitialCategoryOfAbuse, LatestCategoryOfAbuse,
//                NumberOfPreviousCPP, CPPreviewDates (";"-joined)
// Every table but children ends with PersonDeathDate: the child's, copied
// as context (DfE rule 8555Q: no event after a child's death).
// Every row's source_rows entry is the 1-based line number on which its
// element starts (<Child>, <CINdetails>, <Assessments> ...), so findings can
// say "file:line".
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "core/table.h"

namespace annexa::sources {

// Parses the XML bytes. kParseError naming the origin and byte offset for
// malformed XML (or a DOCTYPE), and "<origin>: not a CIN census return (root
// element is 'X', expected 'Message')" for other XML.
Result<std::map<std::string, Table>> ParseCinCensus(const std::string& xml, const std::string& origin);

Result<std::map<std::string, Table>> ReadCinCensusFile(const std::string& path);

}  // namespace annexa::sources
