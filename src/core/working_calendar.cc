#include "core/working_calendar.h"

#include <cstdint>

namespace annexa {

CivilDate WorkingCalendar::AddWorkingDays(CivilDate d, int n) const {
  while (n > 0) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

int WorkingCalendar::WorkingDaysBetween(CivilDate from, CivilDate to) const {
  if (!from.valid() || !to.valid()) return 0;
  const int64_t a = from.ToDays(), b = to.ToDays();
  if (b < a) return -WorkingDaysBetween(to, from);
  const int64_t weeks = (b - a) / 7;
  int64_t count = weeks * 5;  // any 7 consecutive days hold 5 weekdays
  for (int64_t d = a + weeks * 7 + 1; d <= b; ++d)
    if (CivilDate::FromDays(d).Weekday() < 5) ++count;
  // Bank holidays on a weekday inside (from, to]: the set holds each once.
  for (auto it = holidays_.upper_bound(from); it != holidays_.end() && it->ToDays() <= b; ++it)
    if (it->Weekday() < 5) --count;
  return static_cast<int>(count);
}

}  // namespace annexa
