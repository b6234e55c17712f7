// Which way round a column writes its numeric dates (core/date_order.h),
// with every sort of value worked out by hand.
#include <catch2/catch.hpp>

#include "core/date_order.h"
#include "core/finding_kinds.h"

using annexa::DateOrder;
using annexa::OrderOf;

TEST_CASE("date order: each value's possible readings", "[dates]") {
  CHECK(OrderOf("11/23/2026") == DateOrder::kMonthFirst);   // no month 23
  CHECK(OrderOf("23/11/2026") == DateOrder::kDayFirst);     // no month 23 the other way
  CHECK(OrderOf("01/02/2026") == DateOrder::kEither);
  CHECK(OrderOf("12/12/2026") == DateOrder::kEither);
  CHECK(OrderOf("1-13-2026") == DateOrder::kMonthFirst);    // one digit, dashes
  CHECK(OrderOf("13.1.2026") == DateOrder::kDayFirst);      // dots
  CHECK(OrderOf(" 06/15/2026 09:30:00 ") == DateOrder::kMonthFirst);  // a time part, spaces
  CHECK(OrderOf("06/15/2026T09:30") == DateOrder::kMonthFirst);
  // Not numeric day-month-year: never judged.
  CHECK(OrderOf("2026-11-23") == DateOrder::kNotNumeric);   // ISO
  CHECK(OrderOf("23 Nov 2026") == DateOrder::kNotNumeric);
  CHECK(OrderOf("13/13/2026") == DateOrder::kNotNumeric);   // neither way a date
  CHECK(OrderOf("32/01/2026") == DateOrder::kNotNumeric);
  CHECK(OrderOf("00/05/2026") == DateOrder::kNotNumeric);
  CHECK(OrderOf("11/23/26") == DateOrder::kNotNumeric);     // two-digit year
  CHECK(OrderOf("11/23-2026") == DateOrder::kNotNumeric);   // mixed separators
  CHECK(OrderOf("17.5") == DateOrder::kNotNumeric);
  CHECK(OrderOf("3") == DateOrder::kNotNumeric);
  CHECK(OrderOf("") == DateOrder::kNotNumeric);
  CHECK(OrderOf("11/23/2026x") == DateOrder::kNotNumeric);
}

TEST_CASE("date order: a column is judged as a whole, and reported once with its fix", "[dates]") {
  annexa::Table t;
  t.origin = "contacts.csv";
  t.headers = {"ID", "WHEN"};
  const std::vector<std::vector<std::string>> rows = {
      {"1", "01/02/2026"}, {"2", "11/23/2026"}, {"3", "2026-05-01"}, {"4", ""}, {"5", "06/15/2026"}, {"6", "07/08/2026"}};
  int64_t line = 2;
  for (const auto& r : rows) REQUIRE(t.AddRow(r, line++));
  const annexa::DateColumnScan scan = annexa::ScanDateColumn(t, 1);
  CHECK(scan.month_first_only == 2);   // 11/23, 06/15
  CHECK(scan.day_first_only == 0);
  CHECK(scan.either == 2);             // 01/02, 07/08
  CHECK(scan.first_month_first == 1);  // record 2, line 3
  CHECK(scan.first_day_first == -1);
  CHECK(scan.MonthFirst());
  CHECK_FALSE(scan.Mixed());
  const annexa::Finding f = annexa::DateOrderFinding(t, 1, scan);
  CHECK(f.code == "month-first-dates");
  CHECK(f.severity == annexa::Severity::kError);
  CHECK(f.source == "contacts.csv");
  CHECK(f.source_row == 3);
  CHECK(f.source_column == "WHEN");
  CHECK(f.value == "11/23/2026");
  CHECK(f.message ==
        "column 'WHEN' of contacts.csv writes its dates month first: 2 value(s) only make sense as month/day/year "
        "(the first at row 3), none only as day/month/year, and 2 could be either; none of its numeric dates is read "
        "(day first they would be wrong or refused). Set `date_format: MM/DD/YYYY` on the rules that read it");

  // One value only day first as well: mixed, not month first.
  REQUIRE(t.AddRow({"7", "25/12/2025"}, line++));
  const annexa::DateColumnScan mixed = annexa::ScanDateColumn(t, 1);
  CHECK(mixed.day_first_only == 1);
  CHECK(mixed.first_day_first == 6);
  CHECK(mixed.Mixed());
  CHECK_FALSE(mixed.MonthFirst());
  CHECK(annexa::DateOrderFinding(t, 1, mixed).message ==
        "column 'WHEN' of contacts.csv mixes date orders: 2 value(s) only make sense month first (the first at row 3) "
        "and 1 only day first (the first at row 8); the 2 that could be either are read day first and may be wrong: "
        "correct the export, or set `date_format` for the order it uses");

  // Day first throughout (or undecided): nothing to say.
  annexa::Table uk;
  uk.headers = {"WHEN"};
  REQUIRE(uk.AddRow({"23/11/2026"}, 2));
  REQUIRE(uk.AddRow({"01/02/2026"}, 3));
  const annexa::DateColumnScan day = annexa::ScanDateColumn(uk, 0);
  CHECK_FALSE(day.MonthFirst());
  CHECK_FALSE(day.Mixed());
}

TEST_CASE("date order: a run scans each column once, whoever asks", "[dates]") {
  annexa::Table t;
  t.headers = {"WHEN"};
  REQUIRE(t.AddRow({"11/23/2026"}, 2));
  annexa::DateColumnScans scans;
  const annexa::DateColumnScan& a = scans.Get(t, 0);
  const annexa::DateColumnScan& b = scans.Get(t, 0);
  CHECK(&a == &b);
  CHECK(a.month_first_only == 1);
}
