// Readiness: is a list fit to upload? Red, amber or green from what Ofsted
// reads, not from how full the sheet looks:
//   - the columns every row must fill (blank: never in the spec: Ofsted's
//     required columns, and the "expected" ones established tools treat as
//     required where Ofsted is silent), and
//   - the errors on the list that the council has not explained.
// Optional and conditional columns are reported (their fill is in the
// completeness) but never decide the status: a closure date is rightly
// blank for an open case. Warnings never decide it either. Explained
// findings (gaps/explanations.h) are counted apart and never make a list
// amber or red.
//
// The thresholds live here and only here (kReadiness); ReadinessLegend()
// says them in words for the rehearsal's terminal report, its PDF and
// docs/timeline.md. For each amber or red list: the reasons in words
// ("14 errors in 'Date of last visit'", "'Primary Need Code' 12% blank")
// and the top fixes: the root causes (validate/root_causes.h) of the
// findings that decide its status (its errors, and the warnings in a
// must-fill column too blank) that make the most findings, in every list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.h"
#include "validate/completeness.h"

namespace annexa::validate {

struct ReadinessThresholds {
  // Red when the errors not explained exceed this many per 100 rows.
  double red_errors_per_100_rows = 2;
  // Red when a column every row must fill is less filled than this (%).
  double red_required_filled = 90;
  // Green needs no error not explained and every column every row must
  // fill at least this filled (%): Ofsted-required blanks are errors
  // anyway, so this tolerates a few blanks in the "expected" columns
  // (warnings) only.
  double green_required_filled = 98;
  // How many reasons and fixes are shown per list.
  size_t max_reasons = 3;
  size_t max_fixes = 3;
};
inline constexpr ReadinessThresholds kReadiness{};

// The rules in words, from kReadiness: "A list is green when ...".
std::string ReadinessLegend();

// One thing to fix: a root cause of the list's findings (a source cell that
// feeds one or more list cells, or a list cell alone).
struct ReadinessFix {
  std::string rule;            // the code of the finding that stands for it
  Severity rule_severity = Severity::kError;
  std::string header;          // the Annex A column's header, or ""
  std::string source;          // the source's file name (never its folder), or ""
  int64_t source_row = 0;      // 0 when the cause has no source cell
  std::string source_column;   // as the config names it: "people.DISABLED"
  int list = 0;                // where the cause has no source cell: the list cell
  int64_t list_row = 0;
  int64_t findings = 0;        // findings this cause makes in every list
  std::vector<int> lists;      // the lists those findings are in, ascending
  // In words, without any value: "missing-required in 'Disability':
  // people.csv row 57, column people.DISABLED (5 findings in Lists 5, 6, 7, 8, 10)".
  std::string Text() const;
};

struct ListReadiness {
  int list = 0;
  std::string title;
  int64_t rows = 0;
  int64_t errors = 0, warnings = 0;  // not explained (as the run summary counts them)
  int64_t explained = 0;             // errors and warnings the council explained
  double filled_percent = 100;       // every cell, optional columns too: reported only
  double required_filled_percent = 100;  // the columns every row must fill
  int required_columns = 0;          // how many such columns the list has
  std::string status;                // "green", "amber", "red"
  std::vector<std::string> reasons;  // every reason, most telling first; empty when green
  std::vector<ReadinessFix> fixes;   // at most kReadiness.max_fixes; empty when green
  // The first kReadiness.max_reasons reasons joined with "; ", "and N more"
  // after them; "" when green.
  std::string Reason() const;
};

// One entry per list of `completeness` (the lists measured, in their
// order). `findings` are the run's after explanations were attached; the
// counted-only findings (beyond a rule's cap) count as errors or warnings
// of their list but have no place, so they are never a fix.
std::vector<ListReadiness> AssessReadiness(const std::vector<ListCompleteness>& completeness,
                                           const Findings& findings);

// "12%" or "1.5%": whole when it is, else one decimal.
std::string ShortPercent(double v);

}  // namespace annexa::validate
