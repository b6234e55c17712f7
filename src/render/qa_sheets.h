// What the QA workbook adds to the lists (issue 19): the marks on list
// cells that have findings (an error or warning fill and a comment naming
// each rule and message) and the Findings sheet, one row per stored
// finding with its child, team, worker and root cause and a link to the
// list cell. Pure functions of their inputs, laid out by workbook_sheets.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/finding.h"
#include "render/data_gap_rows.h"
#include "spec/spec_model.h"

namespace annexa::render {

// The QA workbook's sheet of findings.
inline constexpr const char* kFindingsSheet = "Findings";

// One marked list cell: 0-based data row and column of its list.
struct CellMark {
  int64_t row = 0;
  size_t col = 0;
  Severity worst = Severity::kWarning;  // the most severe of its findings
  std::string comment;                     // empty: filled, not commented (over the budget)
};

// Comments are costly in a workbook (each is a drawn shape Excel loads):
// at most this many in the QA workbook; further marked cells are filled
// only, and the Cover says how many.
inline constexpr size_t kMaxCellComments = 20000;
// A cell's comment names at most this many findings, then "and N more".
inline constexpr size_t kMaxFindingsPerComment = 5;

struct CellMarks {
  // By list number (kAuditedCasesList for the audited-case list), sorted
  // by row then column. Only errors and warnings about a row and a column
  // of a list of `spec` mark a cell.
  std::map<int, std::vector<CellMark>> by_list;
  size_t cells = 0;      // cells marked
  size_t commented = 0;  // of which commented (at most kMaxCellComments)
};

// A comment reads, one line per finding: "error not-a-code: <message>".
CellMarks MarkCells(const spec::SpecVersion& spec, const Findings& findings,
                    size_t max_comments = kMaxCellComments);

// The Findings sheet holds at most this many findings (each cell link is
// one of Excel's at most 65,530 links in a sheet); the rest are in the
// findings CSV, as its trailer says.
inline constexpr size_t kFindingsSheetCap = 65000;

// Findings: Child | Team | Worker | Root | Role | Severity | Rule | List |
// Cell (a link to the list cell, "List_1!G5", when the finding names a row
// of a list) | Header | Value | Source (the file's name; a URL whole) |
// Source row | Source column |
// Message; one row per stored finding in the run's order, errors filled;
// the trailer counts them (and those over the cap, and those counted, not
// stored). Root is the finding's root cause (validate/root_causes.h), "R1"
// onwards, and Role "root" or "consequence", as in the findings CSV.
GapTable FindingsTable(const spec::SpecVersion& spec, const Findings& findings, size_t cap = kFindingsSheetCap);

}  // namespace annexa::render
