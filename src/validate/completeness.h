// Completeness: how many cells of each Annex A column hold a value. Not a
// rule (a blank where blanks are allowed is no finding) but the measure an
// inspector reads first: which columns are thin, and whether any column
// Ofsted says is never blank has blanks. Read by the workbook's Completeness
// sheet and written as completeness.csv.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lists/annex_list.h"
#include "spec/spec_model.h"

namespace annexa::validate {

struct ColumnCompleteness {
  std::string key;     // the spec column key
  std::string header;  // exactly as Ofsted spells it
  std::string letter;  // Excel column letter in the list's sheet: "A", "B" ...
  spec::BlankRule blank = spec::BlankRule::kAllowed;
  spec::BlankBasis basis = spec::BlankBasis::kOfsted;
  int64_t filled = 0;       // cells holding a value (a text that failed to parse counts)
  int64_t blank_cells = 0;  // blank cells; filled + blank_cells == the list's rows

  // 100 * filled / rows; 100.0 when the list has no rows (nothing is missing).
  double PercentFilled() const;
};

struct ListCompleteness {
  int list = 0;       // the list number
  std::string title;  // "List 1: Contacts"
  int64_t rows = 0;
  std::vector<ColumnCompleteness> columns;  // in the spec's column order

  // Over every cell of the list; 100.0 when it has no cells.
  double PercentFilled() const;
  // Blank cells in columns whose blank rule is never: each is a gap to fix
  // (the never-blank rule reports them one by one as findings too).
  int64_t BlankNotAllowed() const;
};

// One entry per list that has its spec, in the order of `lists`; its columns
// in the spec's order. A row shorter than its spec (never made by the
// mapper) counts the missing cells as blank, so the counts always add up.
std::vector<ListCompleteness> MeasureCompleteness(const std::vector<AnnexList>& lists);

// The CSV text (RFC 4180: fields with a comma, quote, CR or LF quoted, quotes
// doubled; CRLF line ends; UTF-8), one row per column of each list:
// list,title,column,excel_column,header,blank_rule,basis,rows,filled,blank,
// percent_filled. column is the spec key, blank_rule never / allowed /
// conditional, basis ofsted / implementation, percent_filled with one
// decimal ("97.5", "100.0"), independent of the locale.
std::string CompletenessCsv(const std::vector<ListCompleteness>& lists);

}  // namespace annexa::validate
