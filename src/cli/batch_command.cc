#include "cli/batch_command.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include "batch/batch_summary.h"
#include "batch/process_pool.h"
#include "cli/generate_command.h"
#include "core/civil_date.h"
#include "core/file_util.h"
#include "core/text.h"
#include "pack/run_pack.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

using batch::Council;

int BatchUsage(const std::string& message, AppContext& ctx) {
  ctx.err << "annexa: " << message << "\n";
  return kExitUsage;
}

// In a council's own process: generate's options for this council (its
// config and pack folder, the batch's other options), checked as generate
// checks them, then RunPack. What generate would print goes to the log;
// the report goes back to the batch.
int RunCouncil(const ParsedArgs& batch_args, const Council& c, AppContext& ctx, std::string* report) {
  ParsedArgs args;
  args.values = batch_args.values;
  args.flags = batch_args.flags;
  args.values.erase("jobs");
  args.values["config"] = c.config;
  args.values["out"] = c.out_dir;
  std::ostringstream err;  // the reason of a usage failure, also in the log
  AppContext child{std::cout, err, ctx.resources, ctx.now, nullptr, nullptr, ctx.fetch};
  PackArgs pack_args;
  int rc = ReadGenerateArgs(args, child, "generate", &pack_args);
  Result<pack::PackResult> result = Status(StatusCode::kInvalidArgument, "");
  if (rc == kExitOk) {
    result = pack::RunPack(pack_args.request);
    rc = !result.ok() ? ReportFailure(result.status(), child) : result->errors_remain ? kExitFindings : kExitOk;
    if (result.ok()) PrintWritten(*result, std::cout);
  }
  std::cerr << err.str();
  batch::CouncilReport r = batch::ReportOf(rc, result);
  if (!result.ok()) {  // the last line generate would have printed, without "annexa: "
    std::string last;
    for (const std::string& line : Split(err.str(), '\n'))
      if (StartsWith(line, "annexa: ")) last = line.substr(8);
    r.reason = last;
  }
  *report = batch::CouncilReportJson(r);
  return rc;
}

// Status and reason of a council whose process has ended.
void Classify(const batch::ChildOutcome& outcome, Council* c) {
  c->seconds = outcome.seconds;
  c->exit_code = outcome.exit_code;
  c->signal = outcome.signal;
  Result<batch::CouncilReport> report =
      outcome.report.empty() ? Result<batch::CouncilReport>(Status(StatusCode::kNotFound, "")) : batch::ParseCouncilReport(outcome.report);
  if (report.ok()) c->report = std::move(*report);
  if (!outcome.signal && outcome.start_error.empty() && c->report &&
      (c->exit_code == kExitOk || c->exit_code == kExitFindings)) {
    c->status = c->exit_code == kExitOk ? "ok" : "findings";
    return;
  }
  c->status = "failed";
  c->reason = c->report && !c->report->reason.empty() && !outcome.signal ? c->report->reason : batch::DescribeEnd(outcome);
  if (!outcome.signal && outcome.start_error.empty() && !(c->report && !c->report->reason.empty()))
    c->reason += " (see " + c->log + ")";
}

std::string ShownName(const Council& c) {
  return c.report && !c.report->council.empty() && c.reason.empty() ? c.report->council : c.stem;
}

void PrintTable(const std::vector<Council>& councils, std::ostream& out) {
  out << Pad("Config", 20) << Pad("Council", 24) << Pad("LA", 6) << Pad("Status", 10) << Pad("Errors", 8, true)
      << Pad("Warnings", 10, true) << Pad("Filled", 8, true) << "  Reason\n";
  auto cut = [](std::string s, size_t width) { return s.size() > width ? s.substr(0, width - 3) + "..." : s; };
  for (const Council& c : councils) {
    const batch::CouncilReport* r = c.report && c.reason.empty() ? &*c.report : nullptr;
    out << Pad(cut(c.stem, 19), 19) << " " << Pad(cut(r ? r->council : "", 23), 23) << " " << Pad(r ? r->la_code : "", 6)
        << Pad(c.status, 10) << Pad(r ? std::to_string(r->errors) : "", 8, true)
        << Pad(r ? std::to_string(r->warnings) : "", 10, true)
        << Pad(r && r->filled_percent ? Fixed(*r->filled_percent, 1) + "%" : "", 8, true) << "  " << c.reason << "\n";
  }
}

// The council configs named on the command line: files as given, folders as
// every *.yaml in them, sorted by name.
Result<std::vector<std::string>> ExpandConfigs(const std::vector<std::string>& given) {
  std::vector<std::string> configs;
  for (const std::string& g : given) {
    std::error_code ec;
    if (!fs::is_directory(g, ec)) {
      configs.push_back(g);
      continue;
    }
    std::vector<std::string> found;
    for (fs::directory_iterator it(g, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".yaml" && !it->is_directory()) found.push_back(it->path().filename().string());
    if (ec) return Status(StatusCode::kIoError, "cannot list folder '" + g + "': " + ec.message());
    if (found.empty()) return Status(StatusCode::kInvalidArgument, "no *.yaml council configs in folder '" + g + "'");
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) configs.push_back((fs::path(g) / f).string());
  }
  return configs;
}

}  // namespace

int RunBatch(const ParsedArgs& args, AppContext& ctx) {
  // The option parser only knows --long options: -j N and -jN come through
  // as positionals, so they are taken out here.
  std::vector<std::string> given;
  std::optional<std::string> jobs_text = args.Has("jobs") ? std::optional(args.Get("jobs")) : std::nullopt;
  for (size_t i = 0; i < args.positionals.size(); ++i) {
    const std::string& p = args.positionals[i];
    if (p == "-j" || (StartsWith(p, "-j") && p.size() > 2)) {
      if (jobs_text) return BatchUsage("option '--jobs' given twice", ctx);
      if (p == "-j" && i + 1 >= args.positionals.size()) return BatchUsage("option '-j' needs a value (N)", ctx);
      jobs_text = p == "-j" ? args.positionals[++i] : p.substr(2);
      continue;
    }
    given.push_back(p);
  }
  if (!args.Has("out")) return BatchUsage("batch needs --out DIR (see: annexa batch --help)", ctx);
  if (given.empty())
    return BatchUsage("batch needs at least one council config (a file, or a folder of *.yaml files)", ctx);
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (jobs_text) {
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(jobs_text->c_str(), &end, 10);
    if (jobs_text->empty() || *end != '\0' || errno != 0 || n < 1 || n > 1024)
      return BatchUsage("--jobs must be a whole number from 1 to 1024, not '" + *jobs_text + "'", ctx);
    jobs = static_cast<int>(n);
  }
  std::optional<CivilDate> reference_date;  // checked here; each council's run reads it again from args
  if (int rc = ReadReferenceDate(args, ctx, &reference_date); rc != kExitOk) return rc;
  // The rest as generate takes them; each council's run checks them (a bad
  // value fails every council alike, each with generate's message).

  auto configs = ExpandConfigs(given);
  if (!configs.ok()) return ReportFailure(configs.status(), ctx);
  const std::string out = args.Get("out");
  std::vector<Council> councils;
  std::map<std::string, std::string> by_stem;
  for (const std::string& config : *configs) {
    Council c;
    c.config = config;
    c.stem = fs::path(config).stem().string();
    if (c.stem.empty() || c.stem[0] == '.') return BatchUsage("cannot name a pack folder after config '" + config + "'", ctx);
    if (auto [it, fresh] = by_stem.emplace(c.stem, config); !fresh)
      return BatchUsage("configs '" + it->second + "' and '" + config + "' would share the pack folder '" +
                            (fs::path(out) / c.stem).string() + "': rename one",
                        ctx);
    c.out_dir = (fs::path(out) / c.stem).string();
    c.log = (fs::path(out) / (c.stem + ".log")).string();
    councils.push_back(std::move(c));
  }
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return ReportFailure(Status(StatusCode::kIoError, "cannot create folder '" + out + "': " + ec.message()), ctx);

  const size_t total = councils.size();
  size_t done = 0;
  batch::PoolOptions pool;
  pool.jobs = total;
  pool.parallel = jobs;
  pool.log_path = [&](size_t i) { return councils[i].log; };
  pool.seconds = ctx.seconds;
  batch::RunInChildren(
      pool, [&](size_t i, std::string* report) { return RunCouncil(args, councils[i], ctx, report); },
      [&](size_t i, const batch::ChildOutcome& outcome) {
        Council* c = &councils[i];
        Classify(outcome, c);
        ++done;
        if (ctx.progress) {
          std::string line = "[" + std::to_string(done) + "/" + std::to_string(total) + "] " + ShownName(*c) + ": " + c->status;
          if (c->seconds) line += " in " + Fixed(*c->seconds, 1) + " s";
          if (c->status == "failed") line += " (" + c->reason + ")";
          ctx.progress(line);
        }
      });

  const std::string generated_at = args.Has("generated-at") ? args.Get("generated-at") : (ctx.now ? ctx.now() : "");
  const std::string csv_path = (fs::path(out) / "batch_summary.csv").string();
  const std::string json_path = (fs::path(out) / "batch_summary.json").string();
  if (Status s = WriteFileAtomically(csv_path, batch::SummaryCsv(councils), 0600); !s.ok()) return ReportFailure(s, ctx);
  if (Status s = WriteFileAtomically(json_path, batch::SummaryJson(councils, jobs, generated_at), 0600); !s.ok())
    return ReportFailure(s, ctx);

  int ok = 0, findings = 0, failed = 0;
  for (const Council& c : councils) (c.status == "ok" ? ok : c.status == "findings" ? findings : failed)++;
  PrintTable(councils, ctx.out);
  ctx.out << "\n" << total << (total == 1 ? " council: " : " councils: ") << ok << " ok, " << findings
          << " with findings, " << failed << " failed\nSummary: " << csv_path << "\n         " << json_path << "\n";
  return failed ? kExitIo : findings ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
