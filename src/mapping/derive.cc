#include "mapping/derive.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "core/date_format.h"
#include "core/header_row.h"
#include "core/text.h"

namespace annexa::mapping {

namespace {

// `month_first`: the column writes its dates month first, so its numeric
// dates are not read (day first they would be wrong).
std::optional<CivilDate> DateAt(const Table& t, size_t row, int col, bool month_first) {
  if (col < 0) return std::nullopt;
  const std::string_view v = t.cell(row, static_cast<size_t>(col));
  if (month_first && OrderOf(v) != DateOrder::kNotNumeric) return std::nullopt;
  return ParseDate(v, DefaultDateFormats());
}

}  // namespace

Status MissingColumn(const Table& t, const std::string& column, const std::string& where_text) {
  // DescribeColumns: a header row that is a record (no header exported) is
  // described, never quoted.
  return InvalidArgument(where_text + ": no column '" + column + "' in source '" + t.name + "' (" + t.origin +
                         "); " + DescribeColumns(t, {column}));
}

bool CompiledCondition::Passes(std::string_view value) const {
  if (condition->blank && (*condition->blank != value.empty())) return false;
  if (in.empty() && not_in.empty()) return true;
  const std::string form = MatchForm(value);
  if (!in.empty() && std::find(in.begin(), in.end(), form) == in.end()) return false;
  if (!not_in.empty() && std::find(not_in.begin(), not_in.end(), form) != not_in.end()) return false;
  return true;
}

CompiledCondition Compile(const Condition& c) {
  CompiledCondition out;
  out.condition = &c;
  for (const std::string& v : c.in) out.in.push_back(MatchForm(v));
  for (const std::string& v : c.not_in) out.not_in.push_back(MatchForm(v));
  return out;
}

Result<RowFilter> RowFilter::Compile(const Table& table, const std::vector<Condition>& where,
                                     const std::string& where_text) {
  RowFilter f;
  for (const Condition& c : where) {
    const int col = table.ColumnIndex(c.column);
    if (col < 0) return MissingColumn(table, c.column, where_text);
    f.parts_.emplace_back(col, mapping::Compile(c));
  }
  return f;
}

bool RowFilter::Matches(const Table& table, size_t row) const {
  for (const auto& [col, c] : parts_)
    if (!c.Passes(table.cell(row, static_cast<size_t>(col)))) return false;
  return true;
}

Result<RelatedLookup> RelatedLookup::Build(const DeriveConfig& d, const Table& t, CivilDate ref,
                                           const std::string& where_text, DateColumnScans* scans) {
  const int key = t.ColumnIndex(d.key);
  if (key < 0) return MissingColumn(t, d.key, where_text);
  const int date = t.ColumnIndex(d.date);
  if (date < 0) return MissingColumn(t, d.date, where_text);
  int end = -1, anchor = date;
  if (!d.end.empty() && (end = t.ColumnIndex(d.end)) < 0) return MissingColumn(t, d.end, where_text);
  if (!d.anchor.empty() && (anchor = t.ColumnIndex(d.anchor)) < 0) return MissingColumn(t, d.anchor, where_text);
  Result<RowFilter> filter = RowFilter::Compile(t, d.where, where_text);
  if (!filter.ok()) return filter.status();
  const auto month_first = [&](int col) {
    return scans && col >= 0 && scans->Get(t, static_cast<size_t>(col)).MonthFirst();
  };
  const bool date_mf = month_first(date), end_mf = month_first(end), anchor_mf = month_first(anchor);

  RelatedLookup out;
  // At most one entry per row: sized once rather than rehashed as it grows
  // (a regional alliance's tables run to a million rows).
  if (d.kind == "latest" || d.kind == "count_before_latest") out.latest_.reserve(t.size() / 2);
  else out.counts_.reserve(t.size() / 2);
  const CivilDate from = ref.AddMonths(-d.months);
  if (d.kind == "count_before_latest") {
    // Two passes, so that no child holds a list of its dates: each child's
    // latest anchor date, then its rows dated in the months before it.
    for (size_t r = 0; r < t.size(); ++r) {
      if (!filter->Matches(t, r)) continue;
      if (auto a = DateAt(t, r, anchor, anchor_mf); a && *a <= ref) {
        auto [it, fresh] = out.latest_.emplace(t.cell(r, static_cast<size_t>(key)), *a);
        if (!fresh && it->second < *a) it->second = *a;
      }
    }
    out.counts_.reserve(out.latest_.size());
    for (const auto& [k, latest] : out.latest_) out.counts_.emplace(k, 0);
    for (size_t r = 0; r < t.size(); ++r) {
      if (!filter->Matches(t, r)) continue;
      auto it = out.latest_.find(t.cell(r, static_cast<size_t>(key)));
      if (it == out.latest_.end()) continue;
      const auto dt = DateAt(t, r, date, date_mf);
      if (dt && *dt >= it->second.AddMonths(-d.months) && *dt < it->second) ++out.counts_[it->first];
    }
    return out;
  }
  // distinct: an exact duplicate of an earlier row (every cell the same,
  // after the filter) is not counted again.
  std::unordered_set<std::string> seen;
  const auto repeated = [&](size_t r) {
    if (!d.distinct) return false;
    std::string whole;
    for (size_t c = 0; c < t.headers.size(); ++c) (whole += t.cell(r, c)) += '\x1f';
    return !seen.insert(std::move(whole)).second;
  };
  for (size_t r = 0; r < t.size(); ++r) {
    if (!filter->Matches(t, r) || repeated(r)) continue;
    const std::string_view k = t.cell(r, static_cast<size_t>(key));
    const auto start = DateAt(t, r, date, date_mf);
    if (!start || *start > ref) continue;
    if (d.kind == "latest") {
      auto [it, fresh] = out.latest_.emplace(k, *start);
      if (!fresh && it->second < *start) it->second = *start;
      continue;
    }
    bool counts;
    if (end >= 0) {
      const auto stop = DateAt(t, r, end, end_mf);
      counts = !stop || *stop >= from;
    } else {
      counts = *start >= from;
    }
    if (counts) ++out.counts_[k];
  }
  return out;
}

int64_t RelatedLookup::Count(std::string_view child) const {
  auto it = counts_.find(child);
  return it == counts_.end() ? 0 : it->second;
}

std::optional<CivilDate> RelatedLookup::Latest(std::string_view child) const {
  auto it = latest_.find(child);
  if (it == latest_.end()) return std::nullopt;
  return it->second;
}

}  // namespace annexa::mapping
