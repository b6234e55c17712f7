#include <catch2/catch.hpp>

#include "core/civil_date.h"

using annexa::AgeInYears;
using annexa::CivilDate;

TEST_CASE("civil date: rejects days that do not exist", "[core][date]") {
  CHECK_FALSE(CivilDate::FromYmd(2026, 2, 31).has_value());
  CHECK_FALSE(CivilDate::FromYmd(2026, 2, 29).has_value());
  CHECK(CivilDate::FromYmd(2024, 2, 29).has_value());
  CHECK_FALSE(CivilDate::FromYmd(1900, 2, 29).has_value());
  CHECK(CivilDate::FromYmd(2000, 2, 29).has_value());
  CHECK_FALSE(CivilDate::FromYmd(2026, 13, 1).has_value());
  CHECK_FALSE(CivilDate::FromYmd(2026, 4, 31).has_value());
}

TEST_CASE("civil date: parses ISO and UK forms, with or without a time", "[core][date]") {
  CHECK(CivilDate::Parse("2026-11-23")->ToIso() == "2026-11-23");
  CHECK(CivilDate::Parse("23/11/2026")->ToIso() == "2026-11-23");
  CHECK(CivilDate::Parse("3/1/2026")->ToIso() == "2026-01-03");
  CHECK(CivilDate::Parse(" 2026-11-23T09:30:00 ")->ToIso() == "2026-11-23");
  CHECK(CivilDate::Parse("23/11/2026 00:00")->ToIso() == "2026-11-23");
  CHECK_FALSE(CivilDate::Parse("31/02/2026").has_value());
  CHECK_FALSE(CivilDate::Parse("2026-11-23x").has_value());
  CHECK_FALSE(CivilDate::Parse("23/11/26").has_value());
  CHECK_FALSE(CivilDate::Parse("").has_value());
  CHECK_FALSE(CivilDate::Parse("11/2026").has_value());
}

TEST_CASE("civil date: Excel 1900 serials, including the fictitious 29 February 1900", "[core][date]") {
  CHECK(CivilDate::FromExcelSerial(1)->ToIso() == "1900-01-01");
  CHECK(CivilDate::FromExcelSerial(59)->ToIso() == "1900-02-28");
  CHECK_FALSE(CivilDate::FromExcelSerial(60).has_value());
  CHECK(CivilDate::FromExcelSerial(61)->ToIso() == "1900-03-01");
  CHECK(CivilDate::FromExcelSerial(43678)->ToIso() == "2019-08-01");
  CHECK(CivilDate::FromExcelSerial(46349.75)->ToIso() == "2026-11-23");
  CHECK_FALSE(CivilDate::FromExcelSerial(0).has_value());
  CHECK_FALSE(CivilDate::FromExcelSerial(-5).has_value());
  CHECK(CivilDate(2026, 11, 23).ToExcelSerial() == 46349);
  CHECK(CivilDate(1900, 1, 1).ToExcelSerial() == 1);
  CHECK(CivilDate(1900, 3, 1).ToExcelSerial() == 61);
}

TEST_CASE("civil date: weekday, days and month arithmetic clamp to month end", "[core][date]") {
  CHECK(CivilDate(2026, 11, 23).Weekday() == 0);  // Monday
  CHECK(CivilDate(2026, 11, 22).Weekday() == 6);  // Sunday
  CHECK(CivilDate(1970, 1, 1).ToDays() == 0);
  CHECK(CivilDate::FromDays(-1).ToIso() == "1969-12-31");
  CHECK(CivilDate(2026, 8, 31).AddMonths(-6).ToIso() == "2026-02-28");
  CHECK(CivilDate(2024, 8, 31).AddMonths(-6).ToIso() == "2024-02-29");
  CHECK(CivilDate(2026, 1, 15).AddMonths(-12).ToIso() == "2025-01-15");
  CHECK(CivilDate(2026, 11, 23).AddDays(7).ToIso() == "2026-11-30");
  CHECK(CivilDate(2026, 11, 23).ToUk() == "23/11/2026");
}

TEST_CASE("civil date: age at last birthday, unborn -1, leap-day birthdays on 1 March", "[core][date]") {
  CHECK(AgeInYears(CivilDate(2010, 11, 23), CivilDate(2026, 11, 23)) == 16);
  CHECK(AgeInYears(CivilDate(2010, 11, 24), CivilDate(2026, 11, 23)) == 15);
  CHECK(AgeInYears(CivilDate(2026, 11, 23), CivilDate(2026, 11, 23)) == 0);
  CHECK(AgeInYears(CivilDate(2026, 12, 25), CivilDate(2026, 11, 23)) == -1);
  CHECK(AgeInYears(CivilDate(2008, 2, 29), CivilDate(2026, 2, 28)) == 17);
  CHECK(AgeInYears(CivilDate(2008, 2, 29), CivilDate(2026, 3, 1)) == 18);
  CHECK(AgeInYears(CivilDate(2008, 2, 29), CivilDate(2028, 2, 29)) == 20);
}
