// Which Annex A list a sheet of a workbook made elsewhere is, by its
// headers: a sheet's first rows (SheetHead), each spec version's headers and
// their known spellings (HeaderForms), and the list and header row that
// match best (MatchSheet). Used by workbook_reader.cc.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sources/xlsx_reader.h"
#include "spec/spec_model.h"

namespace annexa::validate {

inline constexpr int kHeaderSearchRows = 10;

// The first kHeaderSearchRows rows of a sheet, kept (their texts owned) to
// find its header row and list.
class SheetHead {
 public:
  explicit SheetHead(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  int max_row() const { return rows_.empty() ? 0 : rows_.back().number; }
  int max_col() const { return max_col_; }

  sources::CellView At(int row, int col) const {
    for (const Row& r : rows_) {
      if (r.number != row) continue;
      if (col < 1 || static_cast<size_t>(col) > r.cells.size()) return {};
      const Cell& c = r.cells[static_cast<size_t>(col) - 1];
      sources::CellView v;
      v.kind = c.kind;
      v.number = c.number;
      v.text = c.text;
      return v;
    }
    return {};
  }

  // Adds row `number` (above every row added so far) of up to `max_col` columns.
  void AddRow(int number, int max_col, const std::function<sources::CellView(int)>& at) {
    Row& r = rows_.emplace_back();
    r.number = number;
    r.cells.resize(static_cast<size_t>(max_col));
    for (int c = 1; c <= max_col; ++c) {
      const sources::CellView v = at(c);
      Cell& cell = r.cells[static_cast<size_t>(c) - 1];
      cell.kind = v.kind;
      cell.number = v.number;
      cell.text = std::string(v.text);
      if (!v.empty()) max_col_ = std::max(max_col_, c);
    }
  }

  void Clear() {
    rows_.clear();
    max_col_ = 0;
  }

 private:
  struct Cell {
    sources::CellKind kind = sources::CellKind::kEmpty;
    double number = 0;
    std::string text;
  };
  struct Row {
    int number = 0;
    std::vector<Cell> cells;  // column c at c - 1
  };
  std::string name_;
  std::vector<Row> rows_;  // ascending
  int max_col_ = 0;
};

// The first kHeaderSearchRows rows of sheet `s`.
SheetHead HeadOf(const sources::Sheet& s);

// A version's headers in the two forms a sheet's headers are compared in,
// worked out once rather than for every header cell.
struct HeaderForms {
  struct Column {
    std::vector<std::string> match;  // MatchForm: the spec's, then each alias's
    std::vector<std::string> loose;  // LooseForm: the header's, then each alias's
  };
  std::vector<std::vector<Column>> lists;  // per list of the version, per column

  explicit HeaderForms(const spec::SpecVersion& v);
};

struct SheetMatch {
  int list = 0;
  int header_row = 0;
  int matched = 0;
  double fraction = 0;
  std::vector<int> sheet_col;  // per spec column: the sheet column (1-based), or 0
};

// The list and header row sheet `s` matches best in version `v`, if any
// (list 0 when none).
SheetMatch MatchSheet(const SheetHead& s, const spec::SpecVersion& v, const HeaderForms& forms);

}  // namespace annexa::validate
