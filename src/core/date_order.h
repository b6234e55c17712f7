// Which way round a source column writes its numeric dates. A value such
// as 11/23/2026 only makes sense month first, 23/11/2026 only day first,
// 01/02/2026 either way. The default date formats read day first, so a
// column exported month first (a US-locale SQL Server export) would be
// read wrongly wherever both parts are 12 or less and refused elsewhere:
// such a column is judged as a whole, once, before any of it is read.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/finding.h"
#include "core/table.h"

namespace annexa {

// A value's order: "A/B/YYYY" (separator '/', '-' or '.', A and B of one or
// two digits, then nothing or a time) with A > 12 >= B is day first only;
// with B > 12 >= A month first only; both 12 or less either way. Anything
// else (ISO dates, month names, text) is kNotNumeric.
enum class DateOrder : uint8_t { kNotNumeric, kEither, kDayFirst, kMonthFirst };
DateOrder OrderOf(std::string_view value);

// What a column's values say, counted once over the whole column.
struct DateColumnScan {
  int64_t day_first_only = 0;
  int64_t month_first_only = 0;
  int64_t either = 0;
  // The first row (index into the table) of each sort; -1 when none.
  int64_t first_day_first = -1;
  int64_t first_month_first = -1;

  // Some values only make sense month first and none only day first: no
  // value of the column may be read day first.
  bool MonthFirst() const { return month_first_only > 0 && day_first_only == 0; }
  // Values of both sorts: the column mixes the two orders.
  bool Mixed() const { return month_first_only > 0 && day_first_only > 0; }
  // Either: the column gets its one month-first-dates finding.
  bool Reportable() const { return month_first_only > 0; }
};

DateColumnScan ScanDateColumn(const Table& t, size_t col);

// The month-first-dates finding for a column whose scan is MonthFirst() or
// Mixed(): once for the column, naming its file, how many values, an
// example row and the `date_format` to set.
Finding DateOrderFinding(const Table& t, size_t col, const DateColumnScan& scan);

// Scans shared by the checks and lists of a run: each column scanned once,
// whichever thread asks first. Safe to call from several threads.
class DateColumnScans {
 public:
  const DateColumnScan& Get(const Table& t, size_t col);

 private:
  struct Entry {
    std::once_flag once;
    DateColumnScan scan;
  };
  std::mutex mu_;
  std::map<std::pair<const Table*, size_t>, std::unique_ptr<Entry>> entries_;
};

}  // namespace annexa
