#include "cli/rehearse_command.h"

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "cli/generate_command.h"
#include "pack/run_pack.h"
#include "core/file_util.h"
#include "core/text.h"
#include "render/pack_template.h"
#include "render/pdf_writer.h"
#include "render/rehearsal_pdf.h"
#include "timeline/timeline.h"
#include "validate/readiness.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

struct Stage {
  std::string name;
  double seconds = 0;
};

// Times each stage of the run as the main thread turns to it (stages
// overlap on the workbook thread: docs/timeline.md), and passes progress
// lines on. The first stage is timed from the start of the rehearsal.
class StageTimer : public pack::PackObserver {
 public:
  StageTimer(AppContext& ctx, double start) : ctx_(ctx), last_(start) {}
  // One clock reading per stage change: the time since the last goes to
  // the stage that ends (the first is timed from the rehearsal's start).
  void StageStarted(pack::Stage stage) override {
    if (!stages.empty()) Close();
    stages.push_back({std::string(pack::StageName(stage)), 0});
  }
  void Progress(const std::string& message) override {
    if (ctx_.progress) ctx_.progress(message);
  }
  // The time since the last mark goes to the current stage; returns now.
  double Close() {
    const double now = Now();
    if (!stages.empty()) stages.back().seconds += now - last_;
    last_ = now;
    return now;
  }
  double Now() const { return ctx_.seconds ? ctx_.seconds() : 0; }

  std::vector<Stage> stages;

 private:
  AppContext& ctx_;
  double last_;
};

// A list's readiness and what to fix, as JSON (rehearsal.json).
std::string ReadinessJson(const validate::ListReadiness& l) {
  std::string reasons, fixes;
  for (const std::string& r : l.reasons) reasons += std::string(reasons.empty() ? "" : ", ") + JsonString(r);
  for (const validate::ReadinessFix& f : l.fixes) {
    std::string lists;
    for (int n : f.lists) lists += std::string(lists.empty() ? "" : ", ") + std::to_string(n);
    fixes += std::string(fixes.empty() ? "" : ",\n") + "      {\"rule\": " + JsonString(f.rule) +
             ", \"severity\": " + JsonString(ToString(f.rule_severity)) + ", \"column\": " + JsonString(f.header) +
             ", \"source\": " + JsonString(f.source) + ", \"source_row\": " + std::to_string(f.source_row) +
             ", \"source_column\": " + JsonString(f.source_column) + ", \"list\": " + std::to_string(f.list) +
             ", \"list_row\": " + std::to_string(f.list_row) + ", \"findings\": " + std::to_string(f.findings) +
             ", \"lists\": [" + lists + "], \"text\": " + JsonString(f.Text()) + "}";
  }
  return "    {\"list\": " + std::to_string(l.list) + ", \"rows\": " + std::to_string(l.rows) +
         ", \"errors\": " + std::to_string(l.errors) + ", \"warnings\": " + std::to_string(l.warnings) +
         ", \"explained\": " + std::to_string(l.explained) +
         ", \"required_filled_percent\": " + Fixed(l.required_filled_percent, 1) +
         ", \"filled_percent\": " + Fixed(l.filled_percent, 1) + ", \"status\": " + JsonString(l.status) +
         ", \"reason\": " + JsonString(l.Reason()) + ",\n     \"reasons\": [" + reasons + "],\n     \"fixes\": [" +
         (fixes.empty() ? "]}" : "\n" + fixes + "\n     ]}");
}

}  // namespace

int RunRehearse(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty() || !args.Has("config") || !args.Has("notification") || !args.Has("out")) {
    ctx.err << "annexa: rehearse needs --config FILE --notification \"YYYY-MM-DD HH:MM\" --out DIR\n";
    return kExitUsage;
  }
  auto when = timeline::ParseDateTime(args.Get("notification"));
  if (!when) {
    ctx.err << "annexa: --notification must be like \"2026-11-23 09:30\", not '" << args.Get("notification") << "'\n";
    return kExitUsage;
  }
  const double start = ctx.seconds ? ctx.seconds() : 0;
  auto schedule = timeline::LoadSchedule(args.Get("timeline", ctx.resources.Timeline()));
  if (!schedule.ok()) return ReportFailure(schedule.status(), ctx);
  auto holidays = timeline::LoadBankHolidays(ctx.resources.BankHolidays());
  if (!holidays.ok()) return ReportFailure(holidays.status(), ctx);
  const WorkingCalendar calendar(std::move(*holidays));
  const timeline::Timeline plan = timeline::BuildTimeline(*when, *schedule, calendar);

  // Run the pipeline as if notified then: the extract is drawn that day.
  PackArgs pack_args;
  if (int rc = ReadGenerateArgs(args, ctx, "rehearse", &pack_args); rc != kExitOk) return rc;
  pack::PackRequest& request = pack_args.request;
  request.reference_date = when->date;
  request.calendar = calendar;
  const std::string generated_at =
      args.Get("generated-at", when->date.ToIso() + "T" + when->ToText().substr(15) + ":00");
  request.generated_at = generated_at;
  StageTimer timer(ctx, start);
  // rehearsal.json is written into the pack's staging folder, so it is
  // committed with the pack it describes; the report is printed after.
  std::ostringstream o;
  int red = 0;
  request.extras = [&](const std::string& staging, const pack::PackResult& result) -> ::annexa::Status {
    const double end = timer.Close();
    const std::vector<Stage>& stages = timer.stages;
    const history::RunSummary* summary = &result.summary;
    const double total = end - start;
    const int64_t window = plan.deadlines.empty() ? 0 : plan.deadlines.front().minutes_from_notification;
    o << "Rehearsal: notified " << plan.notification.ToText() << ", reference date " << when->date.ToUk() << "\n\n";
    o << "Stages\n";
    for (const Stage& s : stages) o << "  " << s.name << std::string(s.name.size() < 28 ? 28 - s.name.size() : 1, ' ') << Fixed(s.seconds, 2) << " s\n";
    o << "  total" << std::string(23, ' ') << Fixed(total, 2) << " s\n\n";
    // Readiness (validate/readiness.h): required columns and the errors
    // not explained decide; everything else is reported.
    o << "List  Rows  Errors  Explained  Required  Filled  Status\n";
    std::string lists_json, fixes_text;
    for (const validate::ListReadiness& l : result.readiness) {
      red += l.status == "red";
      char line[128];
      std::snprintf(line, sizeof line, "%4d %5lld %7lld %10lld %8.1f%% %6.1f%%  %s\n", l.list,
                    static_cast<long long>(l.rows), static_cast<long long>(l.errors),
                    static_cast<long long>(l.explained), l.required_filled_percent, l.filled_percent, l.status.c_str());
      o << line;
      lists_json += std::string(lists_json.empty() ? "" : ",\n") + ReadinessJson(l);
      if (l.status == "green") continue;
      fixes_text += "  List " + std::to_string(l.list) + " (" + l.status + "): " + l.Reason() + "\n";
      for (size_t i = 0; i < l.fixes.size(); ++i)
        fixes_text += "    " + std::to_string(i + 1) + ". " + l.fixes[i].Text() + "\n";
    }
    o << "\n" << validate::ReadinessLegend() << "\n";
    if (!fixes_text.empty()) o << "\nWhat to fix\n" << fixes_text;
    o << "\nDeadlines\n";
    std::string deadlines_json;
    for (const auto& d : plan.deadlines) {
      o << "  " << d.due.ToText() << "  " << d.name << "  (" << d.minutes_from_notification / 60 << "h "
        << d.minutes_from_notification % 60 << "m after the call)\n";
      deadlines_json += std::string(deadlines_json.empty() ? "" : ",\n") + "    {\"name\": " + JsonString(d.name) +
                        ", \"due\": " + JsonString(d.due.ToText()) +
                        ", \"minutes_after_notification\": " + std::to_string(d.minutes_from_notification) + "}";
    }
    o << "\nThe run took " << Fixed(total, 1) << " s of the " << window / 60 << "h " << window % 60
      << "m before the first deadline; " << red << " list(s) red.\n";

    std::string json = "{\n  \"notification\": " + JsonString(plan.notification.ToText()) + ",\n  \"reference_date\": " +
                       JsonString(when->date.ToIso()) + ",\n  \"stages\": [\n";
    for (size_t i = 0; i < stages.size(); ++i)
      json += "    {\"stage\": " + JsonString(stages[i].name) + ", \"seconds\": " + Fixed(stages[i].seconds, 3) + "}" +
              (i + 1 < stages.size() ? ",\n" : "\n");
    json += "  ],\n  \"total_seconds\": " + Fixed(total, 3) + ",\n  \"window_minutes\": " + std::to_string(window) +
            ",\n  \"readiness_rules\": " + JsonString(validate::ReadinessLegend()) + ",\n  \"lists\": [\n" + lists_json + "\n  ],\n  \"deadlines\": [\n" + deadlines_json + "\n  ]\n}\n";
    ANNEXA_RETURN_IF_ERROR(WriteFileAtomically((fs::path(staging) / "rehearsal.json").string(), json, 0600));

    // The same report as a PDF: no personal data (counts, times, deadlines).
    render::RehearsalReport report;
    report.council = summary->council;
    report.notification = plan.notification.ToText();
    report.reference_date = when->date.ToUk();
    report.generated_at = generated_at;
    for (const Stage& s : stages) report.stages.push_back({s.name, s.seconds});
    report.total_seconds = total;
    report.window_minutes = window;
    report.legend = validate::ReadinessLegend();
    for (const validate::ListReadiness& l : result.readiness) {
      render::RehearsalReport::List list{l.list, l.rows, l.errors, l.explained, l.required_filled_percent,
                                         l.filled_percent, l.status, l.Reason(), {}};
      for (const validate::ReadinessFix& f : l.fixes) list.fixes.push_back(f.Text());
      report.lists.push_back(std::move(list));
    }
    for (const auto& d : plan.deadlines) report.deadlines.push_back({d.name, d.due.ToText(), d.minutes_from_notification});
    Result<render::PackTemplate> tmpl = render::LoadPackTemplate(ctx.resources.DefaultTemplate());
    return render::WritePdf((fs::path(staging) / "rehearsal.pdf").string(), render::BuildRehearsalDocument(report),
                            tmpl.ok() ? tmpl->style : render::PdfStyle{});
  };
  Result<pack::PackResult> r = pack::RunPack(request, &timer);
  if (!r.ok()) return ReportFailure(r.status(), ctx);
  ctx.out << o.str() << "Wrote " << (fs::path(args.Get("out")) / "rehearsal.json").string() << "\n      "
          << (fs::path(args.Get("out")) / "rehearsal.pdf").string() << " (and the pack beside them)\n";
  PrintNotStored(*r, ctx.err);
  PrintHistory(*r, ctx, pack_args);
  return red ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
