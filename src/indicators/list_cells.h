// Reading the Annex A lists for the key indicators: a list by its number, a
// column by its key, and a cell as a set value, a parsed date, a whole
// number or one of Ofsted's coded display strings. Missing things read as
// blank, so an indicator never indexes past a row or a spec.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "lists/annex_list.h"

namespace annexa::indicators {

// The list with spec number `number`, or nullptr (not built).
const AnnexList* FindList(const std::vector<AnnexList>& lists, int number);

// While one is alive on this thread, every column Col() looks up is noted
// in `out` (list number -> column keys): how the lists' columns an
// indicator reads are learnt, to rebuild only those at past dates
// (pack/past_lists.h).
class ColumnReadRecorder {
 public:
  explicit ColumnReadRecorder(std::map<int, std::set<std::string>>* out);
  ~ColumnReadRecorder();
  ColumnReadRecorder(const ColumnReadRecorder&) = delete;
  ColumnReadRecorder& operator=(const ColumnReadRecorder&) = delete;

 private:
  std::map<int, std::set<std::string>>* previous_;
};

// Index of the column with `key` in `list`, or -1 (list absent, no such
// column, or the column withheld at the list's date: AnnexList::withheld_columns).
int Col(const AnnexList* list, std::string_view key);

// True when every index is a real column. An absent list is "complete":
// it simply has no rows, so the indicator's denominator is 0 anyway.
bool Have(const AnnexList* list, std::initializer_list<int> cols);

// The rows of `list`; none when it is absent.
const std::vector<AnnexRow>& Rows(const AnnexList* list);

bool IsSet(const AnnexRow& row, int col);
bool IsBlank(const AnnexRow& row, int col);

// A parsed date (kDate); a date kept as text never compares.
std::optional<CivilDate> DateOf(const AnnexRow& row, int col);

// A whole number of at least `n` (blank or text: no).
bool IntAtLeast(const AnnexRow& row, int col, int64_t n);

// The cell is Ofsted's `display` string, ignoring case and surrounding spaces.
bool TextIs(const AnnexRow& row, int col, std::string_view display);
// `s` without surrounding spaces, in lower case: how cells and codes are
// compared ("  a) Yes " is "a) yes").
std::string TrimLower(std::string_view s);

// Activity codes F1..F5 / P1..P5 (in education, employment or training).
bool IsEet(const AnnexRow& row, int col);

bool DateOnOrAfter(const AnnexRow& row, int col, CivilDate bound);

// The review in `review_col`, or the start in `start_col` when no review has
// been held yet, is on or after `bound`.
bool ReviewedSince(const AnnexRow& row, int review_col, int start_col, CivilDate bound);

// Open at the end of day `at`: started on or before `at` and not ended by then.
bool OpenAt(const AnnexRow& row, int start_col, int end_col, CivilDate at);

}  // namespace annexa::indicators
