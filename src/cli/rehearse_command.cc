#include "cli/rehearse_command.h"

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "cli/generate_command.h"
#include "core/file_util.h"
#include "core/text.h"
#include "render/pack_template.h"
#include "render/pdf_writer.h"
#include "render/rehearsal_pdf.h"
#include "render/run_summary.h"
#include "timeline/timeline.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

struct Stage {
  std::string name;
  double seconds = 0;
};

// Readiness of one list: green with no errors and at least 95% filled;
// amber with errors on at most 2% of its rows or at least 85% filled; red
// otherwise. An empty list is amber: it may be right, but look.
std::string Readiness(const render::RunSummary::List& l) {
  if (l.rows == 0) return "amber";
  if (l.errors == 0 && l.filled_percent >= 95) return "green";
  if (l.errors * 50 <= l.rows || l.filled_percent >= 85) return "amber";
  return "red";
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
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
  const fs::path root(ctx.specs_root);
  auto schedule = timeline::LoadSchedule(args.Get("timeline", (root / "timeline.yaml").string()));
  if (!schedule.ok()) return ReportFailure(schedule.status(), ctx);
  auto holidays = timeline::LoadBankHolidays((root / ".." / "config" / "bank-holidays.json").lexically_normal().string());
  if (!holidays.ok()) return ReportFailure(holidays.status(), ctx);
  const timeline::Timeline plan = timeline::BuildTimeline(*when, *schedule, WorkingCalendar(*holidays));

  // Run the pipeline as if notified then: the extract is drawn that day.
  ParsedArgs gen;
  gen.values = {{"config", args.Get("config")},
                {"out", args.Get("out")},
                {"reference-date", when->date.ToIso()},
                {"generated-at", args.Get("generated-at", when->date.ToIso() + "T" + when->ToText().substr(15) + ":00")}};
  if (args.Has("data-dir")) gen.values["data-dir"] = args.Get("data-dir");
  if (args.Has("allow-dir")) gen.values["allow-dir"] = args.Get("allow-dir");
  if (args.Has("sandbox")) gen.flags.insert("sandbox");
  // A rehearsal with partners shares a pseudonymised, password-protected pack.
  for (const char* secret_file : {"salt-file", "pdf-password-file"})
    if (args.Has(secret_file)) gen.values[secret_file] = args.Get(secret_file);
  if (args.Has("pseudonymise")) gen.flags.insert("pseudonymise");
  std::vector<Stage> stages;
  double start = ctx.seconds ? ctx.seconds() : 0, last = start;
  std::ostringstream quiet_out;
  AppContext inner{quiet_out, ctx.err, ctx.specs_root, ctx.now, nullptr, ctx.seconds, ctx.fetch};
  std::string current = "load the config and specs";
  inner.progress = [&](const std::string& msg) {
    // Stages are named by the pipeline's progress messages; a list's build
    // counts toward "build the lists".
    std::string name = msg.rfind("building ", 0) == 0 ? "build the lists"
                       : msg == "reading sources"     ? "read the sources"
                       : msg == "checking the lists"  ? "check the lists"
                       : msg.find(".pdf") != std::string::npos ? "write the PDF pack"
                       : msg.find(".xlsx") != std::string::npos ? "write the workbook"
                                                                : msg;
    const double now = ctx.seconds ? ctx.seconds() : 0;
    if (stages.empty() || stages.back().name != current) stages.push_back({current, 0});
    stages.back().seconds += now - last;
    last = now;
    current = name;
    if (ctx.progress) ctx.progress(msg);
  };
  // rehearsal.json is written into the pack's staging folder, so it is
  // committed with the pack it describes; the report is printed after.
  std::ostringstream o;
  int red = 0;
  auto rehearsal = [&](const std::string& staging, const std::string& run_summary) -> ::annexa::Status {
    const double end = ctx.seconds ? ctx.seconds() : 0;
    if (stages.empty() || stages.back().name != current) stages.push_back({current, 0});
    stages.back().seconds += end - last;
    auto summary = render::LoadRunSummary(run_summary);
    if (!summary.ok()) return summary.status();
    const double total = end - start;
    const int64_t window = plan.deadlines.empty() ? 0 : plan.deadlines.front().minutes_from_notification;

    o << "Rehearsal: notified " << plan.notification.ToText() << ", reference date " << when->date.ToUk() << "\n\n";
    o << "Stages\n";
    for (const Stage& s : stages) o << "  " << s.name << std::string(s.name.size() < 28 ? 28 - s.name.size() : 1, ' ') << Fixed(s.seconds, 2) << " s\n";
    o << "  total" << std::string(23, ' ') << Fixed(total, 2) << " s\n\n";
    o << "List  Rows  Errors  Filled  Status\n";
    std::string lists_json;
    for (const auto& l : summary->lists) {
      const std::string status = Readiness(l);
      red += status == "red";
      char line[96];
      std::snprintf(line, sizeof line, "%4d %5lld %7lld  %5.1f%%  %s\n", l.number, static_cast<long long>(l.rows),
                    static_cast<long long>(l.errors), l.filled_percent, status.c_str());
      o << line;
      lists_json += std::string(lists_json.empty() ? "" : ",\n") + "    {\"list\": " + std::to_string(l.number) +
                    ", \"rows\": " + std::to_string(l.rows) + ", \"errors\": " + std::to_string(l.errors) +
                    ", \"filled_percent\": " + Fixed(l.filled_percent, 1) + ", \"status\": " + JsonString(status) + "}";
    }
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
            ",\n  \"lists\": [\n" + lists_json + "\n  ],\n  \"deadlines\": [\n" + deadlines_json + "\n  ]\n}\n";
    ANNEXA_RETURN_IF_ERROR(WriteFileAtomically((fs::path(staging) / "rehearsal.json").string(), json, 0600));

    // The same report as a PDF: no personal data (counts, times, deadlines).
    render::RehearsalReport report;
    report.council = summary->council;
    report.notification = plan.notification.ToText();
    report.reference_date = when->date.ToUk();
    report.generated_at = gen.values["generated-at"];
    for (const Stage& s : stages) report.stages.push_back({s.name, s.seconds});
    report.total_seconds = total;
    report.window_minutes = window;
    for (const auto& l : summary->lists) report.lists.push_back({l.number, l.rows, l.errors, l.filled_percent, Readiness(l)});
    for (const auto& d : plan.deadlines) report.deadlines.push_back({d.name, d.due.ToText(), d.minutes_from_notification});
    Result<render::PackTemplate> tmpl =
        render::LoadPackTemplate((root / ".." / "output_templates" / "default.yaml").lexically_normal().string());
    return render::WritePdf((fs::path(staging) / "rehearsal.pdf").string(), render::BuildRehearsalDocument(report),
                            tmpl.ok() ? tmpl->style : render::PdfStyle{});
  };
  const int rc = RunGenerate(gen, inner, rehearsal);
  if (rc != kExitOk && rc != kExitFindings) return rc;
  ctx.out << o.str() << "Wrote " << (fs::path(args.Get("out")) / "rehearsal.json").string() << "\n      "
          << (fs::path(args.Get("out")) / "rehearsal.pdf").string() << " (and the pack beside them)\n";
  return red ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
