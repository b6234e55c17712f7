#include "indicators/list_cells.h"

#include <cctype>
#include <string>

namespace annexa::indicators {
namespace {

const CellValue& Cell(const AnnexRow& row, int col) {
  static const CellValue kBlank;
  if (col < 0 || static_cast<size_t>(col) >= row.cells.size()) return kBlank;
  return row.cells[col];
}

std::optional<int64_t> IntOf(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind == CellValue::Kind::kInteger) return c.integer;
  return std::nullopt;
}

}  // namespace

std::string TrimLower(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  return out;
}

const AnnexList* FindList(const std::vector<AnnexList>& lists, int number) {
  for (const AnnexList& l : lists)
    if (l.spec != nullptr && l.spec->number == number) return &l;
  return nullptr;
}

namespace {
thread_local std::map<int, std::set<std::string>>* t_columns_read = nullptr;
}  // namespace

ColumnReadRecorder::ColumnReadRecorder(std::map<int, std::set<std::string>>* out) : previous_(t_columns_read) {
  t_columns_read = out;
}
ColumnReadRecorder::~ColumnReadRecorder() { t_columns_read = previous_; }

int Col(const AnnexList* list, std::string_view key) {
  if (list == nullptr || list->spec == nullptr) return -1;
  if (t_columns_read) (*t_columns_read)[list->spec->number].emplace(key);
  const int c = list->spec->ColumnIndex(key);
  return c >= 0 && list->withheld_columns.count(c) ? -1 : c;
}

bool Have(const AnnexList* list, std::initializer_list<int> cols) {
  if (list == nullptr) return true;
  for (int c : cols)
    if (c < 0) return false;
  return true;
}

const std::vector<AnnexRow>& Rows(const AnnexList* list) {
  static const std::vector<AnnexRow> kNone;
  return list == nullptr ? kNone : list->rows;
}

bool IsSet(const AnnexRow& row, int col) { return !Cell(row, col).blank(); }
bool IsBlank(const AnnexRow& row, int col) { return Cell(row, col).blank(); }

std::optional<CivilDate> DateOf(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind == CellValue::Kind::kDate && c.date.valid()) return c.date;
  return std::nullopt;
}

bool IntAtLeast(const AnnexRow& row, int col, int64_t n) {
  auto v = IntOf(row, col);
  return v && *v >= n;
}

bool TextIs(const AnnexRow& row, int col, std::string_view display) {
  const CellValue& c = Cell(row, col);
  return c.kind == CellValue::Kind::kText && TrimLower(c.text) == TrimLower(display);
}

bool IsEet(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind != CellValue::Kind::kText) return false;
  std::string t = TrimLower(c.text);
  return t.size() >= 2 && (t[0] == 'f' || t[0] == 'p') && t[1] >= '1' && t[1] <= '5';
}

bool DateOnOrAfter(const AnnexRow& row, int col, CivilDate bound) {
  auto d = DateOf(row, col);
  return d && *d >= bound;
}

bool ReviewedSince(const AnnexRow& row, int review_col, int start_col, CivilDate bound) {
  return DateOnOrAfter(row, IsBlank(row, review_col) ? start_col : review_col, bound);
}

bool OpenAt(const AnnexRow& row, int start_col, int end_col, CivilDate at) {
  auto start = DateOf(row, start_col);
  if (!start || *start > at) return false;
  if (IsBlank(row, end_col)) return true;
  auto end = DateOf(row, end_col);
  return end && *end > at;
}

}  // namespace annexa::indicators
