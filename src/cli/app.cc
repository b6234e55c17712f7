#include "cli/app.h"

#include <algorithm>
#include <ostream>

#include "cli/audit_command.h"
#include "cli/batch_command.h"
#include "cli/diff_command.h"
#include "cli/gaps_command.h"
#include "cli/generate_command.h"
#include "cli/history_command.h"
#include "cli/rehearse_command.h"
#include "cli/indicators_command.h"
#include "cli/rules_command.h"
#include "cli/sandbox_option.h"
#include "cli/validate_command.h"
#include "cli/specs_command.h"
#include "cli/timeline_command.h"
#include "core/text.h"

namespace annexa::cli {

namespace {

// Data protection (docs/protection.md), for every command that writes a pack.
const OptionSpec kPseudonymiseOption{"pseudonymise", "",
                                     "for sharing outside the council: ids hashed, dates of birth to the month, "
                                     "postcodes to the sector, workers' names removed"};
const OptionSpec kSaltFileOption{"salt-file", "FILE", "the secret salt for --pseudonymise (default: $ANNEXA_SALT)"};
const OptionSpec kPdfPasswordOption{"pdf-password-file", "FILE",
                                    "encrypt the PDF with the password in FILE (default: $ANNEXA_PDF_PASSWORD)"};
const OptionSpec kExplanationsOption{"explanations", "FILE",
                                     "the council's explained gaps (docs/gaps.md; default: the config's "
                                     "'explanations:')"};
// The run history (docs/history.md), for generate and rehearse.
const OptionSpec kHistoryOption{"history", "FILE",
                                "the run history to record the run in (default: annexa_history.sqlite in --out's "
                                "parent folder, beside the packs)"};
const OptionSpec kNoHistoryOption{"no-history", "", "do not record the run in a run history"};
const OptionSpec kHistoryReadOption{"history", "FILE",
                                    "the run history (default: ./annexa_history.sqlite, where the packs' folders are)"};
const OptionSpec kSpecOption{"spec", "VERSION", "template version (default ilacs-2023; see `annexa specs versions`)"};

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"generate", "build the Annex A workbooks (upload and QA) from a council config",
       "annexa generate --config FILE --out DIR [--reference-date YYYY-MM-DD] [--data-dir DIR]",
       {{"config", "FILE", "the council's mapping config (docs/config.md)"},
        {"out", "DIR", "folder for the workbooks and findings (created if missing)"},
        {"reference-date", "DATE", "the date the lists are drawn at (default: the config's)"},
        {"data-dir", "DIR", "folder holding the source files (default: the config's base_dir)"},
        {"generated-at", "TIME", "timestamp recorded in the outputs, YYYY-MM-DDTHH:MM:SS (default: now)"},
        {"template", "FILE", "the output template for the PDF pack (default output_templates/default.yaml)"},
        {"min-severity", "LEVEL", "error or warning (default): the least severe findings to report"},
        {"max-findings", "N", "write at most N findings to the findings file"},
        {"findings-per-rule", "N",
         "store at most N findings of one rule (default 100000); the rest are counted, not stored"},
        {"quiet", "", "print only the output paths"},
        kExplanationsOption,
        kSandboxOption, kAllowDirOption,
        kPseudonymiseOption, kSaltFileOption, kPdfPasswordOption, kHistoryOption, kNoHistoryOption},
       RunGenerate},
      {"validate", "check an Annex A workbook made elsewhere (lists found by their headers)",
       "annexa validate --workbook FILE [--spec auto|VERSION] [--reference-date D] [--findings FILE]",
       {{"workbook", "FILE", "the Annex A workbook to check"},
        {"spec", "VERSION", "auto (default: detected from List 9), ilacs-2019 or ilacs-2023"},
        {"reference-date", "DATE", "the date the lists were drawn at (default: today)"},
        {"findings", "FILE", "also write every finding as CSV"},
        {"explanations", "FILE", "the council's explained gaps (docs/gaps.md): listed, counted apart"},
        kSandboxOption, kAllowDirOption},
       RunValidate},
      {"timeline", "every deadline from the notification call to inspectors on site",
       "annexa timeline --notification \"YYYY-MM-DD HH:MM\" [--reference-date D] [--timeline FILE] [--holidays FILE]",
       {{"notification", "TIME", "when the call came, e.g. \"2026-11-23 09:30\""},
        {"reference-date", "DATE", "warn (exit 1) when the lists were extracted too early"},
        {"timeline", "FILE", "the schedule (default annex_a_specs/timeline.yaml)"},
        {"holidays", "FILE", "bank holidays in the public JSON format (default config/bank-holidays.json)"},
        {"holidays-url", "URL", "fetch the bank holidays from a URL serving that format instead"},
        {"save-holidays", "FILE", "with --holidays-url: also save what was fetched"}},
       RunTimeline},
      {"rehearse", "a timed trial run as if Ofsted called at a given time, with readiness and deadlines",
       "annexa rehearse --config FILE --notification \"YYYY-MM-DD HH:MM\" --out DIR [--data-dir DIR]",
       {{"config", "FILE", "the council's mapping config"},
        {"notification", "TIME", "when the call comes in the rehearsal, e.g. \"2026-11-23 09:30\""},
        {"out", "DIR", "folder for the pack and rehearsal.json"},
        {"data-dir", "DIR", "folder holding the source files (default: the config's)"},
        {"timeline", "FILE", "the schedule (default annex_a_specs/timeline.yaml)"},
        {"generated-at", "TIME", "timestamp recorded in the outputs (default: the notification time)"},
        kExplanationsOption,
        kSandboxOption, kAllowDirOption,
        kPseudonymiseOption, kSaltFileOption, kPdfPasswordOption, kHistoryOption, kNoHistoryOption},
       RunRehearse},
      {"audit", "the audited-case list and its coverage of the lists by cohort, age band, team and grade",
       "annexa audit --config FILE --out DIR [--reference-date YYYY-MM-DD] [--data-dir DIR]",
       {{"config", "FILE", "the council's mapping config, with an 'audit:' section"},
        {"out", "DIR", "folder for the audit workbook, coverage and findings (created if missing)"},
        {"reference-date", "DATE", "the reference date (default: the config's)"},
        {"data-dir", "DIR", "folder holding the source files (default: the config's)"},
        {"generated-at", "TIME", "timestamp recorded in the workbook (default: now)"},
        kSandboxOption, kAllowDirOption},
       RunAudit},
      {"batch", "many councils in one run, in parallel: a pack per council and a combined summary",
       "annexa batch --out DIR [-j N | --jobs N] [--reference-date D] [--generated-at T] CONFIG...",
       {{"out", "DIR", "folder for one pack folder and log per council and batch_summary.csv/.json"},
        {"jobs", "N", "councils run at a time, also -j N (default: the number of CPUs)"},
        {"reference-date", "DATE", "the reference date for every council (default: each config's)"},
        {"generated-at", "TIME", "timestamp recorded in every council's outputs (default: now)"},
        {"template", "FILE", "the output template for every council's PDF pack (default: each config's)"},
        {"min-severity", "LEVEL", "error or warning (default): the least severe findings to report"},
        kSandboxOption, kAllowDirOption,
        kPseudonymiseOption, kSaltFileOption, kPdfPasswordOption},
       RunBatch},
      {"diff", "what changed between two runs: findings closed, opened and still open, by identity and per child",
       "annexa diff [--history FILE] [RUN_A RUN_B] [--csv FILE]   (run ids; none: the last two of one council)\n"
       "       annexa diff FOLDER_A FOLDER_B   (two packs' *_run.json: rows, completeness, findings)",
       {kHistoryReadOption, {"csv", "FILE", "also write every finding closed, opened and still open as CSV"}},
       RunDiff},
      {"history", "list the runs recorded in the run history: when, council, reference date, rows, findings",
       "annexa history [--history FILE]", {kHistoryReadOption}, RunHistory},
      {"gaps", "each team's and worker's open gaps, oldest first, ready to send (docs/gaps.md)",
       "annexa gaps --pack DIR [--out DIR] [--team NAME]",
       {{"pack", "DIR", "a pack folder written by generate (or its *_findings.csv)"},
        {"out", "DIR", "write one CSV per team here (created if missing)"},
        {"team", "NAME", "only this team: its gaps as CSV on standard output (or its file in --out)"},
        {"history", "FILE", "the run history that dates each gap (default: annexa_history.sqlite beside the pack's folder)"}},
       RunGaps},
      {"rules", "list every check annexa makes: code, severity, scope, lists, description",
       "annexa rules [--markdown]", {{"markdown", "", "print docs/rules.md"}}, RunRules},
      {"indicators", "list the key indicators of the PDF pack: reference, id, title, period, unit, default targets",
       "annexa indicators [--markdown]", {{"markdown", "", "print docs/indicators.md"}}, RunIndicators},
      {"specs versions", "list the Annex A template versions available", "annexa specs versions", {},
       RunSpecsVersions},
      {"specs list", "list the Annex A lists of a template version",
       "annexa specs list [--spec VERSION]", {kSpecOption}, RunSpecsList},
      {"specs show", "show every column of one list: type, blank rule, allowed codes",
       "annexa specs show LIST [--spec VERSION]", {kSpecOption}, RunSpecsShow},
      {"specs check", "load a template version and report every problem in its YAML",
       "annexa specs check [--spec VERSION] [--specs-dir DIR]",
       {kSpecOption, {"specs-dir", "DIR", "folder holding the template versions"}}, RunSpecsCheck},
      {"specs read", "how local values are read in a code set: Ofsted value, exact or a reported spelling",
       "annexa specs read CODE_SET [VALUE ...] [--column KEY]   (no VALUE: one per line on standard input)",
       {kSpecOption,
        {"specs-dir", "DIR", "folder holding the template versions"},
        {"column", "KEY", "read as in the column with this key (`specs show LIST`), with that column's own "
                          "spellings (`NFA` in referral_nfa)"}},
       RunSpecsRead},
  };
  return kCommands;
}

void PrintHelp(std::ostream& out) {
  out << "annexa " << ANNEXA_VERSION
      << ": Ofsted ILACS Annex A lists from a council's own records\n\n"
         "Usage: annexa COMMAND [OPTIONS]\n\nCommands:\n";
  for (const CommandSpec& c : Commands()) {
    std::string name(c.name);
    name.resize(18, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nOptions for every command:\n"
         "  --help            show help for the command\n"
         "  --version         print the version\n\n"
         "Exit codes: 0 ok; 1 produced, with errors to look at; 2 bad usage or\n"
         "configuration; 3 a source could not be read or written.\n"
         "Documentation: README.md and docs/ in the annexa source tree.\n";
}

void PrintCommandHelp(const CommandSpec& c, std::ostream& out) {
  out << "Usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.options.empty()) {
    out << "\nOptions:\n";
    for (const OptionSpec& o : c.options) {
      std::string left = "--" + std::string(o.name);
      if (!o.value_name.empty()) left += " " + std::string(o.value_name);
      left.resize(std::max<size_t>(22, left.size() + 2), ' ');  // long names are not cut
      out << "  " << left << o.help << "\n";
    }
  }
}

int UsageError(const std::string& message, AppContext& ctx) {
  ctx.err << "annexa: " << message << "\n";
  return kExitUsage;
}

// Finds the command whose words begin `args`, longest match first.
const CommandSpec* FindCommand(const std::vector<std::string>& args, size_t* words) {
  const CommandSpec* best = nullptr;
  size_t best_words = 0;
  for (const CommandSpec& c : Commands()) {
    const std::vector<std::string> parts = Split(c.name, ' ');
    if (parts.size() > args.size() || parts.size() <= best_words) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size(); ++i) match = match && parts[i] == args[i];
    if (match) {
      best = &c;
      best_words = parts.size();
    }
  }
  *words = best_words;
  return best;
}

// Parses --name VALUE, --name=VALUE, flags and positionals. Returns an
// error message, or "" on success.
std::string ParseOptions(const CommandSpec& c, const std::vector<std::string>& args, size_t start,
                         ParsedArgs* out) {
  for (size_t i = start; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--" ) {
      for (++i; i < args.size(); ++i) out->positionals.push_back(args[i]);
      break;
    }
    if (!StartsWith(a, "--") || a.size() == 2) {
      out->positionals.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& o : c.options)
      if (o.name == name) spec = &o;
    if (!spec) return "unknown option '--" + name + "' for '" + std::string(c.name) + "' (see: annexa " + std::string(c.name) + " --help)";
    if (spec->value_name.empty()) {
      if (inline_value) return "option '--" + name + "' takes no value";
      out->flags.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return "option '--" + name + "' needs a value (" + std::string(spec->value_name) + ")";
      value = args[++i];
    }
    if (out->values.count(name)) return "option '--" + name + "' given twice";
    out->values[name] = value;
  }
  return "";
}

}  // namespace

int ReportFailure(const Status& status, AppContext& ctx) {
  ctx.err << "annexa: " << status.message() << "\n";
  switch (status.code()) {
    case StatusCode::kIoError:
    case StatusCode::kLimitExceeded:
      return kExitIo;
    default:
      return kExitUsage;
  }
}

int ReadReferenceDate(const ParsedArgs& args, AppContext& ctx, std::optional<CivilDate>* out) {
  if (!args.Has("reference-date")) return kExitOk;
  *out = ParseReferenceDate(args.Get("reference-date"));
  if (*out) return kExitOk;
  ctx.err << "annexa: --reference-date must be a date like 2026-11-23, not '" << args.Get("reference-date") << "'\n";
  return kExitUsage;
}

int RunApp(const std::vector<std::string>& args, AppContext& ctx) {
  if (args.empty()) {
    PrintHelp(ctx.err);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintHelp(ctx.out);
    return kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    ctx.out << "annexa " << ANNEXA_VERSION << "\n";
    return kExitOk;
  }
  size_t words = 0;
  const CommandSpec* command = FindCommand(args, &words);
  if (!command) {
    std::string known;
    for (const CommandSpec& c : Commands()) {
      const std::string first = Split(c.name, ' ')[0];
      if (first == args[0]) known += (known.empty() ? "" : ", ") + std::string(c.name);
    }
    if (!known.empty()) return UsageError("'" + args[0] + "' needs a subcommand: " + known, ctx);
    return UsageError("unknown command '" + args[0] + "' (see: annexa --help)", ctx);
  }
  for (size_t i = words; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      PrintCommandHelp(*command, ctx.out);
      return kExitOk;
    }
  }
  ParsedArgs parsed;
  if (std::string error = ParseOptions(*command, args, words, &parsed); !error.empty())
    return UsageError(error, ctx);
  return command->run(parsed, ctx);
}

}  // namespace annexa::cli
