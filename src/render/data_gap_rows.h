// The contents of the workbook's data-gap sheets (Data_gaps, Child_gaps,
// Completeness) as plain tables: what each sheet says is decided here, how
// it is laid out in workbook_sheets.cc (through the libxlsxwriter adapter,
// xlsx_writer.h). Pure functions of their inputs, so the sheets are
// deterministic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"
#include "validate/completeness.h"

namespace annexa::render {

struct GapCell {
  // kPercent: 0..100, shown 0.0; kLink: `text` shown, a link to `link`,
  // a place in the same workbook ("'List_1'!G5").
  enum class Kind : uint8_t { kBlank, kText, kNumber, kPercent, kLink };
  Kind kind = Kind::kBlank;
  std::string text;
  double number = 0;
  std::string link;

  static GapCell Blank() { return {}; }
  static GapCell Text(std::string t) {
    return {t.empty() ? Kind::kBlank : Kind::kText, std::move(t), 0, {}};
  }
  static GapCell Number(double n) { return {Kind::kNumber, {}, n, {}}; }
  static GapCell Percent(double p) { return {Kind::kPercent, {}, p, {}}; }
  static GapCell Link(std::string shown, std::string target) {
    return {Kind::kLink, std::move(shown), 0, std::move(target)};
  }
};

struct GapRow {
  std::vector<GapCell> cells;
  bool highlight = false;  // filled: a gap that breaks a never-blank rule
  bool bold = false;       // a label row (totals)
};

// The data-gap sheets' names.
inline constexpr const char* kDataGapsSheet = "Data_gaps";
inline constexpr const char* kChildGapsSheet = "Child_gaps";
inline constexpr const char* kCompletenessSheet = "Completeness";

// Also the shape of any further table the QA workbook is given (DataGaps::
// extra in annex_workbook.h): a sheet of its own with a title, headers,
// rows and a trailer, laid out as the data-gap sheets.
struct GapTable {
  std::string sheet;  // "Data_gaps"
  std::string title;  // row 1
  std::vector<std::string> headers;  // row 2
  std::vector<GapRow> rows;          // from row 3, under the autofilter
  std::vector<GapRow> trailer;       // after one empty row: totals and notes
};

// Child_gaps lists at most this many children, the most affected first.
inline constexpr size_t kChildGapsCap = 50000;

// Data_gaps: one row per (list, severity, code): List | Title | Code |
// Severity | Findings | Example (the first such finding's message) | First
// row (Excel row of that finding, blank when it names no row). Sorted by
// list (findings about no list last), then severity (errors first), then
// code; then a total line.
GapTable DataGapsTable(const spec::SpecVersion& spec, const Findings& findings);

// Child_gaps: one row per child (the first cell, Child Unique ID, of the row
// an error or warning names): Child Unique ID | Lists ("1, 3, 6") | Errors |
// Warnings | Codes (distinct, sorted, ", "-joined). Findings naming no row,
// a row that is not there or a row without an id, and info findings, are
// left to Data_gaps. Sorted by errors, then warnings (both descending), then
// id; at most `cap` children, with a note saying how many were left out.
GapTable ChildGapsTable(const std::vector<AnnexList>& lists, const Findings& findings,
                        size_t cap = kChildGapsCap);

// Completeness: one row per column of each list: List | Title | Column
// (Excel letter) | Header | Blank rule | Rows | Filled | Blank | % filled;
// highlighted where the blank rule is never and there are blanks.
GapTable CompletenessTable(const std::vector<validate::ListCompleteness>& completeness);

// Column widths fitted to the headers and the first rows (not the trailer,
// whose notes may run long).
std::vector<double> GapTableWidths(const GapTable& table);

}  // namespace annexa::render
