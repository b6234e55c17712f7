// Calendar arithmetic for the generator. Dates are whole days since
// 1970-01-01 (a plain int), which keeps histories cheap to build and compare;
// they become text only when a row is written. The generator is deliberately
// independent of annexa's own CivilDate so that a bug there cannot hide
// itself by being reproduced here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace exampleshire {

using Day = int32_t;
inline constexpr Day kNoDay = INT32_MIN;  // a blank date cell

struct Ymd {
  int y = 0;
  int m = 0;
  int d = 0;
};

bool IsLeap(int y);
int DaysInMonth(int y, int m);
Day DayFromYmd(int y, int m, int d);
Ymd YmdFromDay(Day day);

// Calendar months, the day clamped to the target month's length
// (2026-08-31 minus 6 months is 2026-02-28), as annexa reads "six months".
Day AddMonths(Day day, int months);
Day AddYears(Day day, int years);
// Whole years at the last birthday on or before `on`; -1 if `dob` > `on`.
int AgeOn(Day dob, Day on);

// Strict YYYY-MM-DD; false if malformed or not a real date.
bool ParseIsoDay(std::string_view text, Day* out);

// How a table writes its dates: DD/MM/YYYY, YYYY-MM-DD, or
// YYYY-MM-DD HH:MM:SS (seconds of the day supplied separately).
enum class DateFormat { kUk, kIso, kIsoTime };

// Appends y-m-d (which need not be a real date: the impossible-date defect
// writes 31/02) in `format`. `seconds` is the time of day for kIsoTime.
void AppendYmd(std::string* out, const Ymd& ymd, DateFormat format, int seconds);

}  // namespace exampleshire
