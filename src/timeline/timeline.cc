#include "timeline/timeline.h"

#include <algorithm>
#include <cstdio>

#include "core/file_util.h"
#include "core/yaml_reader.h"

namespace annexa::timeline {

namespace {
constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::optional<int> ParseTime(const std::string& t) {
  int h = -1, m = -1;
  char tail = 0;
  if (std::sscanf(t.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}
}  // namespace

std::string DateTime::ToText() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %s %02d:%02d", kDays[date.Weekday()], date.ToUk().c_str(), minutes / 60, minutes % 60);
  return buf;
}

std::optional<DateTime> ParseDateTime(const std::string& text) {
  if (text.size() < 10) return std::nullopt;
  auto d = CivilDate::Parse(text.substr(0, 10));
  if (!d || text.size() == 10) return d ? std::optional<DateTime>(DateTime{*d, 0}) : std::nullopt;
  if (text[10] != ' ' && text[10] != 'T') return std::nullopt;
  auto m = ParseTime(text.substr(11));
  if (!m) return std::nullopt;
  return DateTime{*d, *m};
}

Result<std::set<CivilDate>> ParseBankHolidaysJson(const std::string& json, const std::string& origin) {
  // JSON is YAML: the project's one YAML adapter reads it.
  Result<YamlValue> doc = ParseYaml(json, origin);
  if (!doc.ok()) return doc.status();
  const YamlValue* division = doc->Find("england-and-wales");
  const YamlValue* events = division ? division->Find("events") : nullptr;
  if (!events || !events->IsSequence())
    return ParseError(origin + ": not a bank-holidays file (no \"england-and-wales\" events)");
  std::set<CivilDate> out;
  for (const YamlValue& e : events->items) {
    const YamlValue* date = e.Find("date");
    auto d = date && date->IsScalar() ? CivilDate::Parse(date->scalar) : std::nullopt;
    if (!d) return ParseError(Where(origin, e.mark) + ": an event without a valid \"date\"");
    out.insert(*d);
  }
  return out;
}

Result<std::set<CivilDate>> LoadBankHolidays(const std::string& path) {
  Result<std::string> text = ReadFile(path, 8 << 20);
  if (!text.ok()) return text.status();
  return ParseBankHolidaysJson(*text, path);
}

Result<std::vector<ScheduleItem>> LoadSchedule(const std::string& path) {
  Result<YamlValue> doc = LoadYamlFile(path);
  if (!doc.ok()) return doc.status();
  Problems problems;
  FileReader r(path, &problems);
  std::vector<ScheduleItem> out;
  if (r.ExpectMap(*doc, "the timeline")) {
    r.CheckKeys(*doc, {"items"}, "the timeline");
    const YamlValue* items = doc->Find("items");
    if (!items || !items->IsSequence() || items->items.empty()) {
      r.Error(doc->mark, "the timeline needs a non-empty list of 'items'");
    } else {
      for (const YamlValue& v : items->items) {
        const std::string what = "a timeline item";
        if (!r.ExpectMap(v, what)) continue;
        r.CheckKeys(v, {"name", "working_day", "on_site", "time"}, what);
        ScheduleItem item;
        item.name = r.Str(v, "name", what, true).value_or("");
        if (const YamlValue* o = v.Find("on_site")) item.on_site = r.Bool(*o, "on_site").value_or(false);
        if (const YamlValue* w = v.Find("working_day")) item.working_day = static_cast<int>(r.Int(*w, "working_day").value_or(0));
        if (!item.on_site && (item.working_day < 1 || item.working_day > 20))
          r.Error(v.mark, what + " needs 'working_day' from 1 to 20, or 'on_site: true'");
        if (auto t = r.Str(v, "time", what, false)) {
          auto m = ParseTime(*t);
          if (!m) r.Error(v.Find("time")->mark, "'time' must be HH:MM, not '" + *t + "'");
          else item.minutes = *m;
        }
        out.push_back(std::move(item));
      }
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  return out;
}

Timeline BuildTimeline(const DateTime& notification, const std::vector<ScheduleItem>& schedule,
                       const WorkingCalendar& calendar) {
  Timeline t;
  t.notification = notification;
  // On site: the Monday after the notification, and after every submission
  // deadline (so a Friday call, whose lists are due on Tuesday, means the
  // Monday after that); a bank holiday moves it to the next working day.
  CivilDate last = notification.date;
  for (const ScheduleItem& item : schedule)
    if (!item.on_site) last = std::max(last, calendar.AddWorkingDays(notification.date, item.working_day));
  CivilDate monday = last.AddDays(7 - last.Weekday());
  while (!calendar.IsWorkingDay(monday)) monday = monday.AddDays(1);
  t.on_site = monday;
  const CivilDate notification_monday = notification.date.AddDays(-notification.date.Weekday());
  t.earliest_extract = notification_monday.AddDays(-5);
  const int64_t start = notification.date.ToDays() * 1440 + notification.minutes;
  for (const ScheduleItem& item : schedule) {
    Deadline d;
    d.name = item.name;
    d.due = {item.on_site ? t.on_site : calendar.AddWorkingDays(notification.date, item.working_day), item.minutes};
    d.minutes_from_notification = d.due.date.ToDays() * 1440 + d.due.minutes - start;
    t.deadlines.push_back(std::move(d));
  }
  return t;
}

}  // namespace annexa::timeline
