// Working days: weekends and a set of bank holidays skipped. One calendar
// serves the submission timeline (deadlines N working days after the call)
// and the working-day indicators (assessments within 45 working days, CP
// visits within 10), so both skip the same days.
#pragma once

#include <set>

#include "core/civil_date.h"

namespace annexa {

class WorkingCalendar {
 public:
  WorkingCalendar() = default;  // weekends only: no bank holidays
  explicit WorkingCalendar(std::set<CivilDate> holidays) : holidays_(std::move(holidays)) {}
  bool IsWorkingDay(CivilDate d) const { return d.Weekday() < 5 && !holidays_.count(d); }
  bool IsHoliday(CivilDate d) const { return holidays_.count(d) > 0; }
  // The n-th working day after `d` (n >= 1).
  CivilDate AddWorkingDays(CivilDate d, int n) const;
  // Working days from `from` to `to`, exclusive of `from` and inclusive of
  // `to`; negative when `to` is before `from`, 0 when either is invalid.
  int WorkingDaysBetween(CivilDate from, CivilDate to) const;
  const std::set<CivilDate>& holidays() const { return holidays_; }

 private:
  std::set<CivilDate> holidays_;
};

}  // namespace annexa
