// Working days between two dates: weekends and a calendar's bank holidays
// skipped, counted after `from` up to and including `to`.
#include "core/working_calendar.h"

#include <catch2/catch.hpp>

namespace {

using annexa::CivilDate;
using annexa::WorkingCalendar;

// England and Wales, spring 2026: Good Friday, Easter Monday, the early May
// and the spring bank holidays.
WorkingCalendar England2026() {
  return WorkingCalendar({CivilDate(2026, 4, 3), CivilDate(2026, 4, 6), CivilDate(2026, 5, 4), CivilDate(2026, 5, 25)});
}

}  // namespace

TEST_CASE("working calendar: WorkingDaysBetween skips weekends and bank holidays", "[core][calendar]") {
  const WorkingCalendar h = England2026();
  const WorkingCalendar none;
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 6, 15), CivilDate(2026, 6, 15)) == 0);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 6, 12), CivilDate(2026, 6, 13)) == 0);  // Fri -> Sat
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 6, 12), CivilDate(2026, 6, 15)) == 1);  // Fri -> Mon
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 6, 8), CivilDate(2026, 6, 15)) == 5);
  // Thu 2 April to Tue 7 April: Fri, Mon, Tue; Good Friday and Easter Monday off leaves Tue.
  CHECK(none.WorkingDaysBetween(CivilDate(2026, 4, 2), CivilDate(2026, 4, 7)) == 3);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 4, 2), CivilDate(2026, 4, 7)) == 1);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 4, 7), CivilDate(2026, 4, 2)) == -1);
  // A holiday given twice, and one on a Saturday, are not taken off twice.
  const WorkingCalendar odd({CivilDate(2026, 4, 3), CivilDate(2026, 4, 3), CivilDate(2026, 4, 4)});
  CHECK(odd.WorkingDaysBetween(CivilDate(2026, 4, 2), CivilDate(2026, 4, 7)) == 2);
  // Fri 20 Feb to Tue 28 Apr: 47 weekdays, two of them Easter holidays.
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 2, 20), CivilDate(2026, 4, 28)) == 45);
  CHECK(none.WorkingDaysBetween(CivilDate(2026, 2, 20), CivilDate(2026, 4, 28)) == 47);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 2, 25), CivilDate(2026, 5, 1)) == 45);  // Fri
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 2, 25), CivilDate(2026, 5, 3)) == 45);  // Sun
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 2, 25), CivilDate(2026, 5, 4)) == 45);  // May Day
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 2, 25), CivilDate(2026, 5, 5)) == 46);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 5, 5), CivilDate(2026, 2, 25)) == -46);
  // A holiday on `from` is not inside the span; one on `to` is.
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 4, 6), CivilDate(2026, 4, 7)) == 1);
  CHECK(h.WorkingDaysBetween(CivilDate(2026, 4, 2), CivilDate(2026, 4, 6)) == 0);
  // Long spans agree with day-by-day counting (no holidays): 2020-01-01 (Wed) .. 2026-01-01 (Thu).
  CHECK(none.WorkingDaysBetween(CivilDate(2020, 1, 1), CivilDate(2026, 1, 1)) == 1566);
  CHECK(none.WorkingDaysBetween(CivilDate(), CivilDate(2026, 1, 1)) == 0);
}

TEST_CASE("working calendar: AddWorkingDays is the inverse of WorkingDaysBetween", "[core][calendar]") {
  const WorkingCalendar h = England2026();
  // Thu 2 April + 1 working day: Good Friday, the weekend and Easter Monday pass, Tue 7 April.
  CHECK(h.AddWorkingDays(CivilDate(2026, 4, 2), 1) == CivilDate(2026, 4, 7));
  CHECK(WorkingCalendar().AddWorkingDays(CivilDate(2026, 4, 2), 1) == CivilDate(2026, 4, 3));
  CHECK(h.AddWorkingDays(CivilDate(2026, 2, 20), 45) == CivilDate(2026, 4, 28));
  CHECK(h.IsHoliday(CivilDate(2026, 5, 25)));
  CHECK_FALSE(h.IsWorkingDay(CivilDate(2026, 5, 25)));
  CHECK_FALSE(h.IsWorkingDay(CivilDate(2026, 5, 23)));  // Saturday
  CHECK(h.IsWorkingDay(CivilDate(2026, 5, 26)));
}
