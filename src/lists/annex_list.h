// The output of the mapping stage: one AnnexList per Ofsted list, its cells
// typed by the spec's column types and in the spec's column order, every row
// traceable to the source row it came from, and an account of every source
// row read (included, or excluded with a reason).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "spec/spec_model.h"

namespace annexa {

// One cell of an Annex A list. A date or integer column holds kDate or
// kInteger when the source value parsed, else kText with the original text
// (reported as a finding, never blanked or guessed).
struct CellValue {
  enum class Kind : uint8_t { kBlank, kText, kDate, kInteger };
  Kind kind = Kind::kBlank;
  CivilDate date;
  int64_t integer = 0;
  std::string text;  // kText: codes as Ofsted display strings, ids, free text

  static CellValue Blank() { return {}; }
  static CellValue Text(std::string t) {
    CellValue v;
    v.kind = t.empty() ? Kind::kBlank : Kind::kText;
    v.text = std::move(t);
    return v;
  }
  static CellValue Date(CivilDate d) {
    CellValue v;
    v.kind = Kind::kDate;
    v.date = d;
    return v;
  }
  static CellValue Integer(int64_t i) {
    CellValue v;
    v.kind = Kind::kInteger;
    v.integer = i;
    return v;
  }
  bool blank() const { return kind == Kind::kBlank; }
  // Display text: dates DD/MM/YYYY, integers in decimal, text as is.
  std::string ToText() const;
};

// Where a cell's value lives when that is not the row's own source row: a
// joined table's row (the people table's disability, say), so that a
// finding about the cell points at the row to fix.
struct CellSource {
  uint32_t column = 0;        // the spec column
  uint32_t source = 0;        // index into AnnexList::sources
  uint32_t source_column = 0; // index into AnnexList::source_columns
  int64_t source_row = 0;     // row in that source
};

struct AnnexRow {
  std::vector<CellValue> cells;  // one per spec column, in order
  int source = 0;                // index into AnnexList::sources
  int64_t source_row = 0;        // row in that source (Table::source_rows)
  std::vector<CellSource> elsewhere;  // cells taken from another row, by column
  // Where cell `column`'s value lives: its CellSource, or nullptr when it is
  // the row's own source row.
  const CellSource* SourceOf(size_t column) const {
    for (const CellSource& c : elsewhere)
      if (c.column == column) return &c;
    return nullptr;
  }
};

// read == included + sum(excluded): every source row of the base table is
// accounted for.
struct RowAccount {
  int64_t read = 0;
  int64_t included = 0;
  std::map<std::string, int64_t> excluded;  // reason -> rows
  int64_t ExcludedTotal() const;
  bool Balanced() const { return read == included + ExcludedTotal(); }
};

struct AnnexList {
  const spec::ListSpec* spec = nullptr;
  std::vector<AnnexRow> rows;
  RowAccount account;
  std::string base_table;                  // the config's base table name
  std::vector<std::string> sources;        // origins (file/URL) rows refer to
  std::vector<std::string> column_origin;  // per spec column: the source column or rule, for findings
  std::vector<std::string> source_columns; // the source columns CellSource::source_column names
  // Columns (spec indexes) whose values at the list's date are unknown: a
  // list rebuilt at a past date whose records keep only the latest value
  // (pack/past_lists.h). The key indicators read them as absent.
  std::set<int> withheld_columns;
};

}  // namespace annexa
