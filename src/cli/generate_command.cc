#include "cli/generate_command.h"

#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "cli/pack_args.h"
#include "cli/protect_options.h"
#include "cli/sandbox_option.h"
#include "history/run_history.h"
#include "core/text.h"
#include "pack/run_pack.h"

namespace annexa::cli {

namespace {

void PrintLeftOut(const RowAccount& account, std::ostream& out) {
  bool first = true;
  for (const auto& [reason, n] : account.excluded) {
    out << (first ? "" : "; ") << n << " " << reason;
    first = false;
  }
}

void PrintSummary(const pack::PackResult& r, std::ostream& out) {
  out << r.facts.council << " (LA " << r.facts.la_code << "), " << r.facts.spec_id << ", reference date "
      << r.facts.reference_date.ToUk() << "\n\n";
  out << "List  " << Pad("Title", 42) << Pad("Rows", 8, true) << Pad("Filled", 8, true) << Pad("Read", 9, true)
      << "  Left out\n";
  for (const pack::ListOutcome& l : r.lists) {
    char filled[16];
    std::snprintf(filled, sizeof filled, "%.1f%%", l.filled_percent.value_or(0.0));
    std::string title = l.title;
    if (title.size() > 40) title = title.substr(0, 37) + "...";
    out << Pad(std::to_string(l.number), 4, true) << "  " << Pad(title, 42) << Pad(std::to_string(l.rows), 8, true)
        << Pad(filled, 8, true) << Pad(std::to_string(l.account.read), 9, true) << "  ";
    PrintLeftOut(l.account, out);
    if (!l.account.Balanced()) out << "  [UNBALANCED]";
    out << "\n";
  }
  if (r.audit) {
    out << Pad("A", 4, true) << "  " << Pad(r.audit->title, 42) << Pad(std::to_string(r.audit->rows), 8, true)
        << Pad("", 8, true) << Pad(std::to_string(r.audit->account.read), 9, true) << "  ";
    PrintLeftOut(r.audit->account, out);
    out << "\n";
  }
  int64_t errors = 0;
  for (const auto& [key, n] : r.findings_by_code) errors += key.first == Severity::kError ? n : 0;
  int64_t root_errors = 0;
  for (const auto& [key, n] : r.roots_by_code) root_errors += key.first == Severity::kError ? n : 0;
  // Root causes first: one blank source cell is one thing to fix, however
  // many list cells it feeds.
  out << "\nRoot causes: " << r.root_causes << " (" << root_errors << " errors), from " << r.findings << " findings ("
      << errors << " errors)\n";
  out << "  " << Pad("", 8) << Pad("", 25) << Pad("causes", 8, true) << Pad("findings", 10, true) << "\n";
  for (const auto& [key, n] : r.findings_by_code) {
    auto root = r.roots_by_code.find(key);
    out << "  " << Pad(ToString(key.first), 8) << Pad(key.second, 24) << (key.second.size() >= 24 ? " " : " ")
        << Pad(std::to_string(root == r.roots_by_code.end() ? 0 : root->second), 8, true)
        << Pad(std::to_string(n), 10, true) << "\n";
  }
  // Explained by the council (gaps/explanations.h): still in the findings
  // file, counted apart, never exit 1.
  if (r.findings_explained) {
    int64_t explained_errors = 0;
    for (const auto& [key, n] : r.explained_by_code) explained_errors += key.first == Severity::kError ? n : 0;
    out << "Explained: " << r.findings_explained << " (" << explained_errors
        << " errors), not counted above: the council's explanations file accepts them\n";
    for (const auto& [key, n] : r.explained_by_code)
      out << "  " << Pad(ToString(key.first), 8) << Pad(key.second, 24) << (key.second.size() >= 24 ? " " : "") << n
          << "\n";
  }
}

}  // namespace

void PrintWritten(const pack::PackResult& r, std::ostream& out) {
  out << "\nWrote " << r.files[0];
  for (size_t i = 1; i < r.files.size(); ++i) out << "\n      " << r.files[i];
  out << "\n";
  if (r.findings_omitted) out << "      (" << r.findings_omitted << " findings not written: --max-findings)\n";
}

void PrintNotStored(const pack::PackResult& r, std::ostream& err) {
  if (r.findings_not_stored.empty()) return;
  int64_t n = 0;
  for (const auto& [code, count] : r.findings_not_stored) n += count;
  err << "annexa: " << n << " findings of " << r.findings_not_stored.size()
      << (r.findings_not_stored.size() == 1 ? " rule" : " rules") << " beyond " << r.findings_cap
      << " per rule were counted, not stored (every count includes them; the findings file ends with a line for "
         "each rule)\n";
}

int ReadGenerateArgs(const ParsedArgs& args, AppContext& ctx, const std::string& command, PackArgs* out) {
  if (int rc = ReadPackArgs(args, ctx, command, out); rc != kExitOk) return rc;
  pack::PackRequest& request = out->request;
  // --pseudonymise, --pdf-password-file: read before any work.
  if (int rc = ReadProtectOptions(args, ctx, &request.protect); rc != kExitOk) return rc;
  // --min-severity drops the less severe findings everywhere; errors always
  // decide the exit code. Checked before any work.
  const std::string min_severity = args.Get("min-severity", "warning");
  if (min_severity == "error") request.min_severity = Severity::kError;
  else if (min_severity == "info") request.min_severity = Severity::kInfo;
  else if (min_severity != "warning") {
    ctx.err << "annexa: --min-severity must be error, warning or info, not '" << min_severity << "'\n";
    return kExitUsage;
  }
  if (args.Has("max-findings")) {  // at most this many in the findings file
    const long long cap = std::atoll(args.Get("max-findings").c_str());
    if (cap < 0 || std::to_string(cap) != args.Get("max-findings")) {
      ctx.err << "annexa: --max-findings must be a whole number, not '" << args.Get("max-findings") << "'\n";
      return kExitUsage;
    }
    request.max_findings = static_cast<size_t>(cap);
  }
  // --explanations: the council's explained gaps, instead of the config's.
  request.explanations_path = args.Get("explanations");
  if (request.sandbox && !request.explanations_path.empty())
    if (std::string why = request.sandbox->Problem(request.explanations_path, args.Get("explanations")); !why.empty()) {
      ctx.err << "annexa: --explanations: " << why << " (--sandbox)\n";
      return kExitUsage;
    }
  if (args.Has("findings-per-rule")) {  // at most this many of one rule stored; the rest counted
    const std::string given = args.Get("findings-per-rule");
    const long long cap = std::atoll(given.c_str());
    if (cap < 1 || std::to_string(cap) != given) {
      ctx.err << "annexa: --findings-per-rule must be a whole number of at least 1, not '" << given << "'\n";
      return kExitUsage;
    }
    request.findings_cap = static_cast<size_t>(cap);
  }
  // The run history (docs/history.md): --history FILE, else beside the
  // packs (in --out's parent: --out is replaced whole each run).
  if (args.Has("history") && args.Has("no-history")) {
    ctx.err << "annexa: give --history FILE or --no-history, not both\n";
    return kExitUsage;
  }
  if (!args.Has("no-history")) {
    const bool given = args.Has("history");
    const std::string path = given ? args.Get("history") : history::DefaultHistoryPath(request.out_dir);
    if (given && path.empty()) {
      ctx.err << "annexa: --history needs a file name\n";
      return kExitUsage;
    }
    if (Status s = CheckSandboxed(out->sandbox, path, "--history"); !s.ok()) {
      if (given) return ReportFailure(s, ctx);
      // The default lies outside --sandbox: the run is not recorded, and
      // the summary says so (docs/history.md).
      out->history_note = "Not recorded in a run history: the default, " + path +
                          ", lies outside the allowed folders (--sandbox); give --history FILE inside them";
    } else {
      request.history_path = path;
    }
  }
  return kExitOk;
}

void PrintHistory(const pack::PackResult& r, AppContext& ctx, const PackArgs& args) {
  const std::string& path = args.request.history_path;
  if (!args.history_note.empty()) ctx.out << args.history_note << "\n";
  if (r.history_run)
    ctx.out << "Recorded as run " << r.history_run << " in " << path << " (annexa history, annexa diff)\n";
  if (!r.history_error.empty())
    ctx.err << "annexa: the pack is written, but the run is not recorded in the history: " << r.history_error << "\n";
}

int RunGenerate(const ParsedArgs& args, AppContext& ctx) {
  PackArgs pack_args;
  if (int rc = ReadGenerateArgs(args, ctx, "generate", &pack_args); rc != kExitOk) return rc;
  const bool quiet = args.Has("quiet");
  ProgressPrinter progress(ctx, quiet);
  Result<pack::PackResult> r = pack::RunPack(pack_args.request, &progress);
  if (!r.ok()) return ReportFailure(r.status(), ctx);
  if (!quiet) PrintSummary(*r, ctx.out);
  PrintWritten(*r, ctx.out);
  PrintNotStored(*r, ctx.err);
  if (!quiet || !r->history_error.empty()) PrintHistory(*r, ctx, pack_args);
  return r->errors_remain ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
