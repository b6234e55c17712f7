#include "cli/batch_command.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <thread>

#include "core/civil_date.h"
#include "core/file_util.h"
#include "core/text.h"
#include "history/run_summary.h"
#include "sources/csv_reader.h"

extern char** environ;

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kListCount = 11;  // Ofsted's lists 1..11: one column each in the summary

struct Council {
  std::string config;   // as given (or folder/name.yaml)
  std::string stem;     // the config file's stem: names the pack folder and the log
  std::string out_dir;  // OUT/<stem>
  std::string log;      // OUT/<stem>.log
  pid_t pid = -1;
  double started = 0;
  std::optional<double> seconds;  // empty without a clock
  int exit_code = -1;             // -1 when it was killed or never started
  int signal = 0;
  std::string status;  // ok, findings, failed
  std::string reason;  // why it failed, or "" (no personal data: generate prints none)
  std::optional<history::RunSummary> summary;
  std::optional<double> filled_percent;  // over every cell of every list
};

int BatchUsage(const std::string& message, AppContext& ctx) {
  ctx.err << "annexa: " << message << "\n";
  return kExitUsage;
}

// The executable each council runs: $ANNEXA_BINARY, else this one.
std::string AnnexaExecutable() {
  if (const char* env = std::getenv("ANNEXA_BINARY"); env && *env) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "/proc/self/exe" : self.string();
}

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The last line the child wrote starting "annexa: " (generate's error
// message), without that prefix; "" when there is none.
std::string LastErrorLine(const std::string& log) {
  auto text = ReadFile(log, 16u << 20);
  if (!text.ok()) return "";
  std::string last;
  for (const std::string& line : Split(*text, '\n')) {
    const std::string_view t = Trim(line);
    if (StartsWith(t, "annexa: ")) last = std::string(t.substr(8));
  }
  return last;
}

// The newest *_run.json in the council's pack folder: generate carries older
// runs over into the new pack, so there may be several.
std::string NewestRunSummary(const std::string& dir) {
  std::error_code ec;
  std::string best;
  fs::file_time_type best_time{};
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() < 9 || name.compare(name.size() - 9, 9, "_run.json") != 0) continue;
    std::error_code tec;
    const auto t = it->last_write_time(tec);
    if (tec) continue;
    if (best.empty() || t > best_time || (t == best_time && name > fs::path(best).filename().string())) {
      best = it->path().string();
      best_time = t;
    }
  }
  return best;
}

// Filled cells over all cells, from the pack's *_completeness.csv.
std::optional<double> FilledPercent(const std::string& completeness_csv) {
  auto table = sources::ReadCsvFile(completeness_csv);
  if (!table.ok()) return std::nullopt;
  const int filled_col = table->ColumnIndex("filled"), blank_col = table->ColumnIndex("blank");
  if (filled_col < 0 || blank_col < 0) return std::nullopt;
  int64_t filled = 0, blank = 0;
  for (size_t r = 0; r < table->size(); ++r) {
    filled += std::strtoll(std::string(table->cell(r, static_cast<size_t>(filled_col))).c_str(), nullptr, 10);
    blank += std::strtoll(std::string(table->cell(r, static_cast<size_t>(blank_col))).c_str(), nullptr, 10);
  }
  return filled + blank == 0 ? 100.0 : 100.0 * static_cast<double>(filled) / static_cast<double>(filled + blank);
}

// Starts `annexa generate` for one council, its stdout and stderr to its log.
Status Spawn(const std::string& binary, const std::vector<std::string>& extra, Council* c) {
  std::vector<std::string> argv_s = {binary, "generate", "--config", c->config, "--out", c->out_dir, "--quiet"};
  argv_s.insert(argv_s.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, c->log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int rc = posix_spawn(&c->pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    c->pid = -1;
    return Status(StatusCode::kIoError, "cannot start '" + binary + "' (log " + c->log + "): " + std::strerror(rc));
  }
  return Status::Ok();
}

// Status, reason and summary of a council whose process has ended.
void Classify(int wait_status, Council* c) {
  if (WIFSIGNALED(wait_status)) {
    c->signal = WTERMSIG(wait_status);
    const char* abbrev = sigabbrev_np(c->signal);
    c->status = "failed";
    c->reason = "killed by signal " + std::to_string(c->signal) + (abbrev ? " (SIG" + std::string(abbrev) + ")" : "");
    return;
  }
  c->exit_code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  if (c->exit_code == kExitOk || c->exit_code == kExitFindings) {
    const std::string run = NewestRunSummary(c->out_dir);
    auto summary = run.empty() ? Result<history::RunSummary>(Status(StatusCode::kNotFound, "no *_run.json in " + c->out_dir))
                               : history::LoadRunSummary(run);
    if (!summary.ok()) {
      c->status = "failed";
      c->reason = summary.status().message();
      return;
    }
    c->summary = std::move(*summary);
    c->filled_percent = FilledPercent(run.substr(0, run.size() - 9) + "_completeness.csv");
    c->status = c->exit_code == kExitOk ? "ok" : "findings";
    return;
  }
  c->status = "failed";
  c->reason = LastErrorLine(c->log);
  if (c->reason.empty()) c->reason = "exit " + std::to_string(c->exit_code) + " (see " + c->log + ")";
}

std::string ShownName(const Council& c) { return c.summary ? c.summary->council : c.stem; }

int64_t SumOver(const Council& c, int64_t history::RunSummary::List::*field) {
  int64_t n = 0;
  if (c.summary)
    for (const auto& l : c.summary->lists) n += l.*field;
  return n;
}

std::string SummaryCsv(const std::vector<Council>& councils) {
  std::string out = "council_config,council,la_code,status,exit_code,seconds";
  for (int i = 1; i <= kListCount; ++i) out += ",list_" + std::to_string(i);
  out += ",errors,warnings,completeness_percent,reason\r\n";
  for (const Council& c : councils) {
    AppendCsvField(&out, c.config);
    AppendCsvField(&out, c.summary ? c.summary->council : "");
    AppendCsvField(&out, c.summary ? c.summary->la_code : "");
    AppendCsvField(&out, c.status);
    AppendCsvField(&out, c.exit_code >= 0 ? std::to_string(c.exit_code) : "");
    AppendCsvField(&out, c.seconds ? Fixed1(*c.seconds) : "");
    for (int i = 1; i <= kListCount; ++i) {
      std::string rows;
      if (c.summary)
        for (const auto& l : c.summary->lists)
          if (l.number == i) rows = std::to_string(l.rows);
      AppendCsvField(&out, rows);
    }
    AppendCsvField(&out, c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::errors)) : "");
    AppendCsvField(&out, c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::warnings)) : "");
    AppendCsvField(&out, c.filled_percent ? Fixed1(*c.filled_percent) : "");
    AppendCsvField(&out, c.reason, true);
  }
  return out;
}

std::string SummaryJson(const std::vector<Council>& councils, int jobs, const std::string& generated_at) {
  std::map<std::string, int> counts{{"ok", 0}, {"findings", 0}, {"failed", 0}};
  for (const Council& c : councils) ++counts[c.status];
  std::string out = "{\n  \"tool\": " + JsonString(std::string("annexa ") + ANNEXA_VERSION) +
                    ",\n  \"generated_at\": " + JsonString(generated_at) + ",\n  \"jobs\": " + std::to_string(jobs) +
                    ",\n  \"ok\": " + std::to_string(counts["ok"]) + ", \"findings\": " + std::to_string(counts["findings"]) +
                    ", \"failed\": " + std::to_string(counts["failed"]) + ",\n  \"councils\": [\n";
  for (size_t i = 0; i < councils.size(); ++i) {
    const Council& c = councils[i];
    out += "    {\"config\": " + JsonString(c.config) + ", \"pack\": " + JsonString(c.out_dir) +
           ", \"log\": " + JsonString(c.log) + ", \"council\": " + JsonString(c.summary ? c.summary->council : "") +
           ", \"la_code\": " + JsonString(c.summary ? c.summary->la_code : "") + ", \"status\": " + JsonString(c.status) +
           ", \"exit_code\": " + (c.exit_code >= 0 ? std::to_string(c.exit_code) : "null") +
           ", \"signal\": " + (c.signal ? std::to_string(c.signal) : "null") +
           ", \"seconds\": " + (c.seconds ? Fixed1(*c.seconds) : "null") + ", \"rows\": [";
    for (int n = 1; n <= kListCount; ++n) {
      std::string rows = "null";
      if (c.summary)
        for (const auto& l : c.summary->lists)
          if (l.number == n) rows = std::to_string(l.rows);
      out += (n > 1 ? ", " : "") + rows;
    }
    out += "], \"errors\": " + (c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::errors)) : "null") +
           ", \"warnings\": " + (c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::warnings)) : "null") +
           ", \"completeness_percent\": " + (c.filled_percent ? Fixed1(*c.filled_percent) : "null") +
           ", \"reason\": " + JsonString(c.reason) + "}" + (i + 1 < councils.size() ? ",\n" : "\n");
  }
  out += "  ]\n}\n";
  return out;
}

void PrintTable(const std::vector<Council>& councils, std::ostream& out) {
  out << Pad("Config", 20) << Pad("Council", 24) << Pad("LA", 6) << Pad("Status", 10) << Pad("Errors", 8, true)
      << Pad("Warnings", 10, true) << Pad("Filled", 8, true) << "  Reason\n";
  auto cut = [](std::string s, size_t width) { return s.size() > width ? s.substr(0, width - 3) + "..." : s; };
  for (const Council& c : councils) {
    out << Pad(cut(c.stem, 19), 19) << " " << Pad(cut(c.summary ? c.summary->council : "", 23), 23) << " "
        << Pad(c.summary ? c.summary->la_code : "", 6) << Pad(c.status, 10)
        << Pad(c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::errors)) : "", 8, true)
        << Pad(c.summary ? std::to_string(SumOver(c, &history::RunSummary::List::warnings)) : "", 10, true)
        << Pad(c.filled_percent ? Fixed1(*c.filled_percent) + "%" : "", 8, true) << "  " << c.reason << "\n";
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
  std::vector<std::string> extra;  // passed to every council's generate
  if (args.Has("reference-date")) {
    if (!CivilDate::Parse(args.Get("reference-date")))
      return BatchUsage("--reference-date must be a date like 2026-11-23, not '" + args.Get("reference-date") + "'", ctx);
    extra.insert(extra.end(), {"--reference-date", args.Get("reference-date")});
  }
  if (args.Has("generated-at")) extra.insert(extra.end(), {"--generated-at", args.Get("generated-at")});
  // The rest as generate takes them; each council's generate checks them
  // (a bad value fails every council alike, each with generate's message).
  for (const char* value : {"template", "min-severity", "allow-dir", "salt-file", "pdf-password-file"})
    if (args.Has(value)) extra.insert(extra.end(), {std::string("--") + value, args.Get(value)});
  for (const char* flag : {"sandbox", "pseudonymise"})
    if (args.Has(flag)) extra.push_back(std::string("--") + flag);

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

  const std::string binary = AnnexaExecutable();
  const size_t total = councils.size();
  size_t next = 0, done = 0;
  std::vector<Council*> running;
  auto finish = [&](Council* c) {
    if (ctx.seconds) c->seconds = ctx.seconds() - c->started;
    ++done;
    if (ctx.progress) {
      std::string line = "[" + std::to_string(done) + "/" + std::to_string(total) + "] " + ShownName(*c) + ": " + c->status;
      if (c->seconds) line += " in " + Fixed1(*c->seconds) + " s";
      if (c->status == "failed") line += " (" + c->reason + ")";
      ctx.progress(line);
    }
  };
  while (done < total) {
    while (next < total && running.size() < static_cast<size_t>(jobs)) {
      Council* c = &councils[next++];
      if (ctx.seconds) c->started = ctx.seconds();
      if (Status s = Spawn(binary, extra, c); !s.ok()) {
        c->status = "failed";
        c->reason = s.message();
        finish(c);
        continue;
      }
      running.push_back(c);
    }
    if (running.empty()) continue;
    // Poll only our own children: waitpid(-1) could reap a process the
    // caller (a test, an embedding program) is waiting for itself.
    bool reaped = false;
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      const pid_t r = ::waitpid((*it)->pid, &status, WNOHANG);
      if (r == 0 || (r < 0 && errno == EINTR)) {
        ++it;
        continue;
      }
      if (r < 0) status = 0x7f00;  // lost (ECHILD): classified below as exit 127
      Classify(status, *it);
      finish(*it);
      it = running.erase(it);
      reaped = true;
    }
    if (!reaped) {
      const timespec pause{0, 20 * 1000 * 1000};  // 20 ms: nothing to do until a council ends
      ::nanosleep(&pause, nullptr);
    }
  }

  const std::string generated_at = args.Has("generated-at") ? args.Get("generated-at") : (ctx.now ? ctx.now() : "");
  const std::string csv_path = (fs::path(out) / "batch_summary.csv").string();
  const std::string json_path = (fs::path(out) / "batch_summary.json").string();
  if (Status s = WriteFileAtomically(csv_path, SummaryCsv(councils), 0600); !s.ok()) return ReportFailure(s, ctx);
  if (Status s = WriteFileAtomically(json_path, SummaryJson(councils, jobs, generated_at), 0600); !s.ok())
    return ReportFailure(s, ctx);

  int ok = 0, findings = 0, failed = 0;
  for (const Council& c : councils) (c.status == "ok" ? ok : c.status == "findings" ? findings : failed)++;
  PrintTable(councils, ctx.out);
  ctx.out << "\n" << total << (total == 1 ? " council: " : " councils: ") << ok << " ok, " << findings
          << " with findings, " << failed << " failed\nSummary: " << csv_path << "\n         " << json_path << "\n";
  return failed ? kExitIo : findings ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
