#include "mapping/related_rows.h"

#include "core/date_format.h"
#include "core/date_order.h"

namespace annexa::mapping {

Result<RelatedIndex> RelatedIndex::Build(const Table& t, const std::string& key, const std::vector<Condition>& where,
                                         const DateMatch& dates, const std::string& where_text) {
  RelatedIndex out;
  out.table_ = &t;
  const int k = t.ColumnIndex(key);
  if (k < 0) return MissingColumn(t, key, where_text);
  if (dates.Active() && (out.start_ = t.ColumnIndex(dates.start)) < 0) return MissingColumn(t, dates.start, where_text);
  if (!dates.end.empty() && (out.end_ = t.ColumnIndex(dates.end)) < 0) return MissingColumn(t, dates.end, where_text);
  Result<RowFilter> filter = RowFilter::Compile(t, where, where_text);
  if (!filter.ok()) return filter.status();
  // Two passes over the rows: how many each key has, then each row's place.
  std::vector<uint32_t> keep;
  keep.reserve(t.size());
  for (size_t r = 0; r < t.size(); ++r) {
    const std::string_view v = t.cell(r, static_cast<size_t>(k));
    if (v.empty() || !filter->Matches(t, r)) continue;
    keep.push_back(static_cast<uint32_t>(r));
    ++out.spans_[v].second;
  }
  uint32_t at = 0;
  for (auto& [v, span] : out.spans_) {
    const uint32_t n = span.second;
    span = {at, at};
    at += n;
  }
  out.rows_.resize(keep.size());
  for (uint32_t r : keep) out.rows_[out.spans_[t.cell(r, static_cast<size_t>(k))].second++] = r;
  return out;
}

bool RelatedIndex::Meets(size_t row, const DateBounds& b) const {
  const std::string_view start_text = table_->cell(row, static_cast<size_t>(start_));
  if (start_month_first_ && OrderOf(start_text) != DateOrder::kNotNumeric) return false;
  const auto start = ParseDate(start_text, DefaultDateFormats());
  if (!start) return false;
  if (b.to && *start > *b.to) return false;
  if (end_ < 0) return *start >= b.from;  // a one-day event
  const std::string_view text = table_->cell(row, static_cast<size_t>(end_));
  if (text.empty()) return true;  // still open
  if (end_month_first_ && OrderOf(text) != DateOrder::kNotNumeric) return false;  // not read: the row is placed nowhere
  const auto end = ParseDate(text, DefaultDateFormats());
  return end && *end >= b.from;  // an end that is not a date places the row nowhere
}

bool Holds(Quantifier q, int64_t rows, int64_t passing) {
  switch (q) {
    case Quantifier::kExists: return rows > 0;
    case Quantifier::kNotExists: return rows == 0;
    case Quantifier::kAll: return rows > 0 && passing == rows;
    case Quantifier::kAny: return passing > 0;
    case Quantifier::kNone: return passing == 0;
  }
  return false;
}

}  // namespace annexa::mapping
