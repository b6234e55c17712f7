#include "core/date_order.h"

#include "core/finding_kinds.h"
#include "core/text.h"

namespace annexa {

namespace {

// One or two digits at `pos`; -1 otherwise.
int Part(std::string_view s, size_t& pos) {
  int v = 0;
  size_t n = 0;
  while (pos < s.size() && n < 2 && s[pos] >= '0' && s[pos] <= '9') v = v * 10 + (s[pos++] - '0'), ++n;
  return n == 0 ? -1 : v;
}

}  // namespace

DateOrder OrderOf(std::string_view value) {
  const std::string_view s = Trim(value);
  size_t pos = 0;
  const int a = Part(s, pos);
  if (a < 0 || pos >= s.size()) return DateOrder::kNotNumeric;
  const char sep = s[pos];
  if (sep != '/' && sep != '-' && sep != '.') return DateOrder::kNotNumeric;
  ++pos;
  const int b = Part(s, pos);
  if (b < 0 || pos >= s.size() || s[pos] != sep) return DateOrder::kNotNumeric;
  ++pos;
  size_t year_digits = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++year_digits;
  if (year_digits != 4 || (pos < s.size() && s[pos] != ' ' && s[pos] != 'T')) return DateOrder::kNotNumeric;
  if (a < 1 || b < 1 || a > 31 || b > 31) return DateOrder::kNotNumeric;
  if (a > 12 && b > 12) return DateOrder::kNotNumeric;  // neither way a date
  if (a > 12) return DateOrder::kDayFirst;
  if (b > 12) return DateOrder::kMonthFirst;
  return DateOrder::kEither;
}

DateColumnScan ScanDateColumn(const Table& t, size_t col) {
  DateColumnScan scan;
  if (col >= t.width()) return scan;
  for (size_t r = 0; r < t.size(); ++r) {
    switch (OrderOf(t.cell(r, col))) {
      case DateOrder::kDayFirst:
        if (scan.day_first_only++ == 0) scan.first_day_first = static_cast<int64_t>(r);
        break;
      case DateOrder::kMonthFirst:
        if (scan.month_first_only++ == 0) scan.first_month_first = static_cast<int64_t>(r);
        break;
      case DateOrder::kEither:
        ++scan.either;
        break;
      case DateOrder::kNotNumeric:
        break;
    }
  }
  return scan;
}

Finding DateOrderFinding(const Table& t, size_t col, const DateColumnScan& scan) {
  const std::string& header = t.headers[col];
  const auto row = static_cast<size_t>(scan.first_month_first);
  const int64_t source_row = t.source_rows.empty() ? static_cast<int64_t>(row) + 2 : t.source_rows[row];
  const std::string example(t.cell(row, col));
  const std::string where = "column '" + header + "' of " + t.OriginOf(row);
  std::string message;
  if (scan.MonthFirst()) {
    message = where + " writes its dates month first: " + std::to_string(scan.month_first_only) +
              " value(s) only make sense as month/day/year (the first at row " +
              std::to_string(source_row) + "), none only as day/month/year, and " + std::to_string(scan.either) +
              " could be either; none of its numeric dates is read (day first they would be wrong or refused). "
              "Set `date_format: MM/DD/YYYY` on the rules that read it";
  } else {
    const auto day_row = static_cast<size_t>(scan.first_day_first);
    const int64_t day_source_row = t.source_rows.empty() ? static_cast<int64_t>(day_row) + 2 : t.source_rows[day_row];
    message = where + " mixes date orders: " + std::to_string(scan.month_first_only) +
              " value(s) only make sense month first (the first at row " + std::to_string(source_row) + ") and " +
              std::to_string(scan.day_first_only) + " only day first (the first at row " +
              std::to_string(day_source_row) + "); the " +
              std::to_string(scan.either) +
              " that could be either are read day first and may be wrong: correct the export, or set "
              "`date_format` for the order it uses";
  }
  Finding f = MakeFinding(kinds::kMonthFirstDates, message);
  f.source = t.OriginOf(row);
  f.source_row = source_row;
  f.source_column = header;
  f.value = example;
  return f;
}

const DateColumnScan& DateColumnScans::Get(const Table& t, size_t col) {
  Entry* e = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = entries_[{&t, col}];
    if (!slot) slot = std::make_unique<Entry>();
    e = slot.get();
  }
  std::call_once(e->once, [&] { e->scan = ScanDateColumn(t, col); });
  return e->scan;
}

}  // namespace annexa
