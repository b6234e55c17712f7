// Audit coverage: each audited child joined to the Annex A lists to find
// their current cohort (looked after, child protection, child in need, care
// leaver, closed), age band and team, then counts by cohort, age band, team
// and grade against the size of each cohort, with the gaps inspectors would
// notice flagged as findings (rules "audit-..." in validate/rules.cc).
//
// Cohort at the reference date R, the first that applies:
//   looked after       a List 8 row with no date ceased, or one after R
//   child protection   a List 7 row with no plan end date, or one after R
//   child in need      a List 6 row with no closure date, or one after R
//   care leaver        a List 9 row
//   closed             in some list of 1-11, but none of the above
//   not in the lists   in no list at all (a finding: check the child id)
// Age band and team come from the row that decided the cohort (for closed
// cases, the first list holding the child with a value).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "lists/annex_list.h"

namespace annexa::audit {

enum class Cohort { kLookedAfter, kChildProtection, kChildInNeed, kCareLeaver, kClosed, kNotInLists };
inline constexpr int kCohortCount = 6;
std::string_view ToString(Cohort c);  // "Looked after" ...

// Age bands at the reference date, youngest first.
inline constexpr std::string_view kAgeBands[] = {"Unborn",   "Under 1",  "1 to 4",       "5 to 9",
                                                 "10 to 15", "16 to 17", "18 and over", "Not known"};

// The age band of someone born `dob` at `on` (kAgeBands; "Not known" when
// there is no date of birth).
std::string_view AgeBand(const CivilDate* dob, CivilDate on);

struct AuditedCase {
  size_t row = 0;         // index into the audit list's rows
  std::string child_id;
  Cohort cohort = Cohort::kNotInLists;
  std::string age_band;
  std::string team;       // "Not recorded" when no list gives one
  std::string grade;      // as recorded ("Not recorded" when blank)
};

// One line of a coverage table. `in_cohort` is how many children of the
// lists fall in this cohort / age band / team (open cases only), or -1 where
// there is no such denominator (grades, closed, not in the lists).
struct CoverageRow {
  std::string value;
  int64_t audits = 0;            // audit rows
  int64_t children_audited = 0;  // distinct children
  int64_t in_cohort = -1;
  // children_audited / in_cohort as a percentage; NaN when no denominator.
  double PercentCovered() const;
};

struct Coverage {
  std::vector<AuditedCase> cases;  // one per audit row, in the list's order
  int64_t audits = 0, children = 0;
  std::vector<CoverageRow> by_cohort;    // every cohort, in Cohort order
  std::vector<CoverageRow> by_age_band;  // every band with audits or open children, kAgeBands order
  std::vector<CoverageRow> by_team;      // teams by name; "Not recorded" last
  std::vector<CoverageRow> by_grade;     // grades by name; "Not recorded" last
  Findings findings;                     // the coverage gaps (the coverage kinds of core/finding_kinds.h)
};

// `lists` are Lists 1-11 as built (any order; missing lists count as
// empty); `audit` is the audited-case list.
Coverage MeasureCoverage(const std::vector<AnnexList>& lists, const AnnexList& audit,
                         CivilDate reference_date);

// The coverage tables as CSV (table,value,audits,children_audited,in_cohort,percent).
std::string CoverageCsv(const Coverage& coverage);

}  // namespace annexa::audit
