#include "cli/timeline_command.h"

#include <filesystem>
#include <optional>
#include <ostream>

#include "core/file_util.h"
#include "sources/http_fetch.h"
#include "timeline/timeline.h"

namespace annexa::cli {

namespace {

std::string Duration(int64_t minutes) {
  const int64_t days = minutes / 1440, hours = (minutes % 1440) / 60, mins = minutes % 60;
  std::string out;
  if (days) out += std::to_string(days) + (days == 1 ? " day " : " days ");
  out += std::to_string(hours) + "h " + std::to_string(mins) + "m";
  return out;
}

}  // namespace

int RunTimeline(const ParsedArgs& args, AppContext& ctx) {
  namespace fs = std::filesystem;
  if (!args.positionals.empty() || !args.Has("notification")) {
    ctx.err << "annexa: timeline needs --notification \"YYYY-MM-DD HH:MM\" (see: annexa timeline --help)\n";
    return kExitUsage;
  }
  auto when = timeline::ParseDateTime(args.Get("notification"));
  if (!when) {
    ctx.err << "annexa: --notification must be like \"2026-11-23 09:30\", not '" << args.Get("notification") << "'\n";
    return kExitUsage;
  }
  std::optional<CivilDate> ref;  // checked before anything is printed
  if (int rc = ReadReferenceDate(args, ctx, &ref); rc != kExitOk) return rc;
  const std::string schedule_path = args.Get("timeline", ctx.resources.Timeline());
  const std::string holidays_path = args.Get("holidays", ctx.resources.BankHolidays());
  auto schedule = timeline::LoadSchedule(schedule_path);
  if (!schedule.ok()) return ReportFailure(schedule.status(), ctx);
  Result<std::set<CivilDate>> holidays = std::set<CivilDate>();
  if (args.Has("holidays-url")) {
    // A refresh from a URL serving the public bank-holidays JSON format;
    // --save-holidays keeps it for later runs (written atomically).
    sources::HttpRequest request;
    request.url = args.Get("holidays-url");
    request.max_bytes = 8 << 20;
    Result<sources::HttpResponse> got = ctx.fetch ? ctx.fetch(request) : sources::HttpFetch(request);
    if (!got.ok()) return ReportFailure(got.status(), ctx);
    holidays = timeline::ParseBankHolidaysJson(got->body, sources::RedactUrl(request.url));
    if (holidays.ok() && args.Has("save-holidays")) {
      Status saved = WriteFileAtomically(args.Get("save-holidays"), got->body, 0644);
      if (!saved.ok()) return ReportFailure(saved, ctx);
    }
  } else {
    holidays = timeline::LoadBankHolidays(holidays_path);
  }
  if (!holidays.ok()) return ReportFailure(holidays.status(), ctx);
  const WorkingCalendar calendar(*holidays);
  if (when->date.year() > (holidays->empty() ? 0 : holidays->rbegin()->year()))
    ctx.err << "annexa: warning: " << holidays_path << " has no bank holidays for " << when->date.year()
            << "; refresh it (docs/timeline.md)\n";
  const timeline::Timeline t = timeline::BuildTimeline(*when, *schedule, calendar);
  ctx.out << "Notification: " << t.notification.ToText() << "\n\n";
  for (const auto& d : t.deadlines) {
    std::string name = d.name;
    if (name.size() < 42) name.resize(42, ' ');
    ctx.out << "  " << d.due.ToText() << "  " << name << "  (" << Duration(d.minutes_from_notification)
            << " after the call)\n";
  }
  ctx.out << "\nInspectors on site from " << timeline::DateTime{t.on_site, 0}.ToText().substr(0, 14) << ".\n";
  ctx.out << "Lists may be extracted no earlier than " << timeline::DateTime{t.earliest_extract, 0}.ToText().substr(0, 14)
          << ".\n";
  if (ref) {
    if (*ref < t.earliest_extract) {
      ctx.out << "WARNING: the reference date " << ref->ToUk() << " is older than Ofsted allows.\n";
      return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace annexa::cli
