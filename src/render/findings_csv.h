// Writes findings as CSV (RFC 4180, UTF-8), one row per finding, for QA
// leads to sort and filter: where in Annex A (list, row, column and its
// Excel letter), the value, where it came from, and what is wrong.
#pragma once

#include <string>

#include "core/finding.h"
#include "core/status.h"
#include "spec/spec_model.h"

namespace annexa::render {

// The CSV text. Columns: child, team, worker (whom it is about: the list
// row's id, allocated team and worker), root, root_role, root_findings (its
// root cause, validate/root_causes.h: "R12", "root" for the finding that
// stands for the source cell or "consequence", and how many findings share
// it), severity, code, list, list_row, excel_row, column, excel_column,
// header, value, source, source_row, source_column, message, then
// explained_by, explained_on, explained_reason (gaps/explanations.h: who
// accepted the gap, when, why; empty when not explained).
// After the stored findings, one line per rule (severity and list) whose
// findings went beyond the cap: severity, code and list, the other columns
// empty, and the message "a further N CODE SEVERITYs counted, not stored:
// at most CAP findings of one rule are kept".
std::string FindingsToCsv(const Findings& findings, const spec::SpecVersion& spec);

// Writes FindingsToCsv atomically (mode 0600). kIoError naming the path.
Status WriteFindingsCsv(const std::string& path, const Findings& findings, const spec::SpecVersion& spec);

}  // namespace annexa::render
