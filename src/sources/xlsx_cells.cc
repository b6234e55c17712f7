// Reading cells back out of the compact table the sheet parser fills: a
// cell by row and column (Sheet::At, SheetRow::At), and a CellView's value
// as a date or as text.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sources/xlsx_reader.h"

namespace annexa::sources {

namespace {

std::string NumberText(double n) {
  if (n == std::floor(n) && std::fabs(n) < 1e15) return std::to_string(static_cast<int64_t>(n));
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);  // shortest round-trip form
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

CellView Sheet::At(int row, int col) const {
  if (row < 1 || col < 1) return {};
  // Rows are usually dense from row 1, so the direct slot is tried first.
  const RowSpan* span = nullptr;
  auto slot = static_cast<size_t>(row - 1);
  if (slot < rows_.size() && rows_[slot].row == row) {
    span = &rows_[slot];
  } else {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), row,
                               [](const RowSpan& s, int r) { return s.row < r; });
    if (it == rows_.end() || it->row != row) return {};
    span = &*it;
  }
  return detail::CellAt(cells_.data() + span->first, span->count, col, texts_);
}

namespace detail {

CellView CellAt(const StoredCell* first, uint32_t count, int col, const CellTexts& texts) {
  if (col < 1) return {};
  const StoredCell* last = first + count;
  const auto ucol = static_cast<uint32_t>(col);
  const StoredCell* cell = nullptr;
  if (ucol <= count && first[ucol - 1].col == ucol) {  // a dense row
    cell = first + (ucol - 1);
  } else {
    cell = std::lower_bound(first, last, ucol,
                            [](const StoredCell& c, uint32_t k) { return c.col < k; });
    if (cell == last || cell->col != ucol) return {};
  }
  CellView view;
  view.kind = cell->kind;
  if (cell->kind != CellKind::kString && cell->kind != CellKind::kError) {
    view.number = cell->number;
  } else if (size_t shared = texts.shared->size(); cell->text < shared) {
    view.text = (*texts.shared)[cell->text];
  } else {
    size_t i = cell->text - shared;
    uint32_t begin = i == 0 ? 0 : texts.local_ends[i - 1];
    view.text = std::string_view(texts.local_text).substr(begin, texts.local_ends[i] - begin);
  }
  return view;
}

}  // namespace detail

std::optional<CivilDate> CellView::AsDate() const {
  if (kind != CellKind::kDate && kind != CellKind::kNumber) return std::nullopt;
  return CivilDate::FromExcelSerial(number);
}

std::string CellView::ToText() const {
  switch (kind) {
    case CellKind::kEmpty:
      return "";
    case CellKind::kString:
    case CellKind::kError:
      return std::string(text);
    case CellKind::kBool:
      return number != 0 ? "TRUE" : "FALSE";
    case CellKind::kNumber:
      return NumberText(number);
    case CellKind::kDate:
      break;
  }
  std::optional<CivilDate> date = AsDate();
  if (!date) return NumberText(number);  // a time of day alone, or serial 60
  std::string out = date->ToIso();
  // Round to the second; a value a hair before midnight stays on its day.
  auto secs = std::min<int64_t>(std::llround((number - std::floor(number)) * 86400), 86399);
  if (secs > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    out += buf;
  }
  return out;
}

}  // namespace annexa::sources
