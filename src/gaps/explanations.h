// Explained gaps (issue 19): a council's file of explanations, each keyed by
// a finding's identity between runs (core/finding.h FindingIdentity: rule,
// list, column and child), saying who accepted the gap, when and why
// ("unborn child, gender not known"). An explained finding stays in the
// findings file and the workbook but is counted apart: it does not make a
// list red (the run summary's per-list errors leave it out) nor the run
// exit 1. An explanation whose finding no longer occurs is reported as an
// `explanation-stale` warning naming its row.
//
// The file is CSV, since QA leads keep it in Excel (docs/gaps.md):
//   rule,list,column,child,explained_by,explained_on,reason[,source,value]
// rule: a finding code (`code` is read as `rule` too, so rows copied from a
//   findings file fit); list: 1-11, "audit" or empty (a finding about no
//   list); column: the spec column key, or empty; child: the child's (or
//   adopter's) id as the findings file shows it, pseudonym included;
// source, value: for a finding about no child (and for code-spelling and
//   number-spelling, which are about a spelling), the source file's name
//   and the value, as FindingIdentity tells such findings apart;
// explained_by, reason: required text; explained_on: a date, YYYY-MM-DD or
//   DD/MM/YYYY (as Excel saves it in a UK locale).
// Header names match whatever their case and spacing; other columns (a
// QA lead's notes) are ignored.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/path_guard.h"
#include "core/status.h"

namespace annexa::gaps {

struct Explanation {
  int64_t row = 0;        // the file's line where the row starts (the header is line 1)
  Finding key;            // code, list, column, child, source, value: what it explains
  std::string by, on, reason;  // on: YYYY-MM-DD
};

struct Explanations {
  std::string file;  // as given, for messages
  std::vector<Explanation> rows;
  std::map<std::string, size_t> by_identity;  // FindingIdentity -> index in rows
};

// Parses the file's bytes; `origin` names it in messages. kParseError
// listing every problem (at most 20), one a line, each naming the file, the
// row and the column: "explanations.csv row 4, column explained_on: '31/02/2026'
// is not a date (YYYY-MM-DD or DD/MM/YYYY)". Problems: a required column
// missing from the header, an empty explained_by / explained_on / reason,
// a bad date, an unknown rule code, a list that is not 1-99, "audit" or
// empty, and a second row with the identity of an earlier one.
Result<Explanations> ParseExplanations(const std::string& data, const std::string& origin);

// Reads and parses `path` (kNotFound / kIoError naming it). With `sandbox`,
// a path outside it is refused (kInvalidArgument) before it is opened.
Result<Explanations> LoadExplanations(const std::string& path, const PathGuard* sandbox = nullptr);

struct ExplainOutcome {
  int64_t explained = 0;  // findings marked explained
  Findings stale;         // an explanation-stale warning per explanation that matched nothing
};

// Marks every stored finding whose identity has an explanation (its
// explained_by, explained_on and explained_reason filled) and returns the
// stale explanations as findings: list 0, source the explanations file,
// source_row its row, value the explained rule, child the explained child.
// Findings only counted (beyond their rule's cap) cannot be matched: they
// stay unexplained. Run it after validate::AttachPeople (identities need
// the child; under --pseudonymise the pseudonym).
ExplainOutcome ExplainFindings(const Explanations& explanations, Findings* findings);

// True when an error remains that is not explained (stored or only counted).
bool UnexplainedErrors(const Findings& findings);

}  // namespace annexa::gaps
