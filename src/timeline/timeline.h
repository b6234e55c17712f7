// The notification-to-submission timeline: working days (weekends and
// England and Wales bank holidays excluded), deadlines from a YAML schedule,
// the on-site start, and Ofsted's rule on how old the lists may be.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "core/working_calendar.h"

namespace annexa::timeline {

struct DateTime {
  CivilDate date;
  int minutes = 0;  // since midnight
  std::string ToText() const;  // "Wed 25/11/2026 17:00"
};

// Parses "YYYY-MM-DD HH:MM" (or with a T). nullopt when malformed.
std::optional<DateTime> ParseDateTime(const std::string& text);

// Reads bank holidays in the public bank-holidays JSON format (the
// "england-and-wales" division). kParseError naming the file otherwise.
Result<std::set<CivilDate>> ParseBankHolidaysJson(const std::string& json, const std::string& origin);
Result<std::set<CivilDate>> LoadBankHolidays(const std::string& path);

struct ScheduleItem {
  std::string name;
  int working_day = 0;   // due on this working day after notification (0 with on_site)
  bool on_site = false;  // the on-site start: the Monday after notification and after every deadline
  int minutes = 17 * 60;
};

// Loads a schedule (annex_a_specs/timeline.yaml); file:line:col problems.
Result<std::vector<ScheduleItem>> LoadSchedule(const std::string& path);

struct Deadline {
  std::string name;
  DateTime due;
  int64_t minutes_from_notification = 0;
};

struct Timeline {
  DateTime notification;
  std::vector<Deadline> deadlines;
  CivilDate on_site;
  // Ofsted: lists may be extracted no earlier than the Wednesday of the week
  // before the inspection, read here as the Wednesday before the notification
  // week (docs/timeline.md).
  CivilDate earliest_extract;
};

Timeline BuildTimeline(const DateTime& notification, const std::vector<ScheduleItem>& schedule,
                       const WorkingCalendar& calendar);

}  // namespace annexa::timeline
