// Civil (calendar) dates without time zones: the only kind of date Annex A
// knows. Used by every stage: parsing source dates, windows such as "six
// months before the reference date", ages, Excel serial numbers and working
// days. Pure functions; no clock is read here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annexa {

class CivilDate {
 public:
  CivilDate() = default;  // 0000-00-00, !valid()
  // Does not check; use FromYmd to validate.
  constexpr CivilDate(int y, int m, int d)
      : y_(static_cast<int16_t>(y)), m_(static_cast<int8_t>(m)), d_(static_cast<int8_t>(d)) {}

  // A real calendar date in 1800..9999, or nullopt (31/02/2026 is nullopt).
  static std::optional<CivilDate> FromYmd(int y, int m, int d);
  // Days since 1970-01-01 (may be negative) and back.
  static CivilDate FromDays(int64_t days);
  int64_t ToDays() const;

  // Excel 1900 date system: serial 1 = 1900-01-01, and serial 60 is the
  // fictitious 1900-02-29 (Lotus bug), so serials >= 61 are off by one.
  // The fractional part (time of day) is ignored. nullopt for serial < 1,
  // for 60 (a day that never existed) and for dates past 9999-12-31.
  static std::optional<CivilDate> FromExcelSerial(double serial);
  double ToExcelSerial() const;

  // Parses YYYY-MM-DD (ISO), DD/MM/YYYY and D/M/YYYY (UK), each optionally
  // followed by a time ("T10:00:00", " 00:00"). nullopt otherwise or when
  // the date does not exist.
  static std::optional<CivilDate> Parse(std::string_view text);

  int year() const { return y_; }
  int month() const { return m_; }
  int day() const { return d_; }
  bool valid() const { return m_ != 0; }

  // 0 = Monday ... 6 = Sunday.
  int Weekday() const;
  CivilDate AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // Calendar months; the day is clamped to the target month's length
  // (2026-08-31 minus 6 months = 2026-02-28).
  CivilDate AddMonths(int n) const;

  std::string ToIso() const;  // 2026-11-23
  std::string ToUk() const;   // 23/11/2026

  friend bool operator==(const CivilDate& a, const CivilDate& b) {
    return a.y_ == b.y_ && a.m_ == b.m_ && a.d_ == b.d_;
  }
  friend bool operator!=(const CivilDate& a, const CivilDate& b) { return !(a == b); }
  friend bool operator<(const CivilDate& a, const CivilDate& b) {
    if (a.y_ != b.y_) return a.y_ < b.y_;
    if (a.m_ != b.m_) return a.m_ < b.m_;
    return a.d_ < b.d_;
  }
  friend bool operator<=(const CivilDate& a, const CivilDate& b) { return !(b < a); }
  friend bool operator>(const CivilDate& a, const CivilDate& b) { return b < a; }
  friend bool operator>=(const CivilDate& a, const CivilDate& b) { return !(a < b); }

 private:
  // Four bytes: every cell of every list holds one (years 1800-9999 by
  // FromYmd; the unchecked constructor keeps years within +-32767).
  int16_t y_ = 0;
  int8_t m_ = 0, d_ = 0;
};

bool IsLeapYear(int y);
int DaysInMonth(int y, int m);

// Age in whole years at the last birthday on or before `on` (a 29 February
// birthday is reached on 1 March in common years, as in English law).
// -1 when `born` is after `on` (an unborn child, as Annex A asks).
int AgeInYears(const CivilDate& born, const CivilDate& on);

}  // namespace annexa
