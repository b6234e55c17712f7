// The workbook's audit sheets as plain tables (laid out by
// annex_workbook.cc like the data-gap sheets):
//   Audit_coverage: audits, children audited, open children and the share
//     covered, by cohort, age band, team and grade;
//   Audit_cohorts: each audit with the cohort, age band and team the lists
//     give its child, and the Excel row of the audit on Audited_cases.
#pragma once

#include "audit/coverage.h"
#include "lists/annex_list.h"
#include "render/data_gap_rows.h"

namespace annexa::render {

inline constexpr const char* kAuditCoverageSheet = "Audit_coverage";
inline constexpr const char* kAuditCohortsSheet = "Audit_cohorts";

GapTable AuditCoverageTable(const audit::Coverage& coverage);
GapTable AuditCohortsTable(const audit::Coverage& coverage, const AnnexList& audit);

}  // namespace annexa::render
