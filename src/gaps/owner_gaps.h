// Gaps by owner (issue 19): each team's and worker's open gaps (errors and
// warnings not explained), oldest first, with the child, what is wrong and
// where to fix it, ready to send. `annexa gaps` builds them from a pack's
// findings CSV (render/findings_csv.h); the QA workbook's "gaps by owner"
// sheet from the run's findings in memory. Both give the same rows.
//
// A gap's age is the date its finding (by FindingIdentity) was first seen:
// the caller passes what the run history knows (FirstSeen, empty when no
// history) and the date to use for a finding it does not know (the run's
// reference date: first seen in this run).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/status.h"
#include "spec/spec_model.h"

namespace annexa::gaps {

// FindingIdentity -> the date it was first seen, YYYY-MM-DD.
using FirstSeen = std::map<std::string, std::string>;

struct OwnerGap {
  std::string team, worker, child;
  std::string first_seen;  // YYYY-MM-DD; the fallback when the history does not know it
  bool is_error = false;   // an error; else a warning (open gaps are no less severe)
  std::string rule, list;  // list: "4", "audit" or ""
  int64_t excel_row = 0;   // the row in the Annex A workbook's list sheet (0: not a list cell)
  std::string column, header, value, message;
  std::string source;      // where to fix it: file, row, column
  int64_t source_row = 0;
  std::string source_column;
  std::string identity;    // FindingIdentity
};

// The open gaps of the findings: errors and warnings not explained, in
// owner order (SortGaps). `spec` gives the column headers.
std::vector<OwnerGap> OpenGaps(const Findings& findings, const spec::SpecVersion& spec, const FirstSeen& first_seen,
                               const std::string& fallback_date);

struct FindingsFileGaps {
  std::vector<OwnerGap> gaps;  // open gaps, in owner order
  int64_t explained = 0;       // errors and warnings explained, left out
  int64_t not_stored = 0;      // findings only counted (beyond a rule's cap): no child, so no owner
};
// The same from a findings CSV's text (columns found by name). kParseError
// naming `origin` when a needed column is missing or the CSV is malformed.
Result<FindingsFileGaps> ReadFindingsGaps(const std::string& csv, const std::string& origin,
                                          const FirstSeen& first_seen, const std::string& fallback_date);

// Owner order: team, then worker (by name; no team or worker last), then
// oldest first, errors before warnings, child, list, workbook row.
void SortGaps(std::vector<OwnerGap>* gaps);

// One team's (or worker's) gaps as CSV, ready to send. Columns: team,
// worker, child, first_seen, severity, rule, list, excel_row, column,
// header, value, message, source, source_row, source_column.
std::string GapsCsv(const std::vector<OwnerGap>& gaps);

// The same columns as rows of text, header first: the QA workbook's
// "gaps by owner" sheet (render/ writes it; excel_row and source_row are
// numbers, "" when 0).
std::vector<std::vector<std::string>> GapsSheetRows(const std::vector<OwnerGap>& gaps);

struct OwnerCount {
  std::string team, worker;  // worker "" on a team's total line
  bool team_total = false;
  int64_t errors = 0, warnings = 0;
  std::string oldest;        // the earliest first_seen
};
// Per team: a line per worker then the team's total, in owner order.
std::vector<OwnerCount> CountByOwner(const std::vector<OwnerGap>& gaps);

// The gaps split by team, in owner order ("" for no team last).
std::vector<std::pair<std::string, std::vector<OwnerGap>>> ByTeam(const std::vector<OwnerGap>& gaps);

// A file name for a team's gaps: "gaps_" + the team's letters and digits
// in lower case, others as '_' ("gaps_no_team.csv" for none), made unique
// against `taken` (a "-2" added) and added to it.
std::string TeamFileName(const std::string& team, std::vector<std::string>* taken);

}  // namespace annexa::gaps
