#include "cli/gaps_command.h"

#include "history/run_history.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "core/file_util.h"
#include "core/run_facts.h"
#include "core/text.h"
#include "gaps/owner_gaps.h"
#include "history/run_summary.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFindingsSuffix = "_findings.csv";

bool EndsWith(const std::string& s, std::string_view end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// The findings file: --pack names it, or the folder holding exactly one.
Result<std::string> FindingsFile(const std::string& pack) {
  std::error_code ec;
  if (!fs::is_directory(pack, ec)) return pack;
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(pack, ec))
    if (EndsWith(e.path().filename().string(), kFindingsSuffix)) found.push_back(e.path().string());
  if (ec) return IoError(pack + ": cannot list the folder: " + ec.message());
  std::sort(found.begin(), found.end());
  if (found.size() != 1)
    return NotFound(pack + ": expected one *_findings.csv (a folder written by annexa generate), found " +
                    std::to_string(found.size()) + (found.empty() ? "" : ": " + Join(found, ", ")));
  return found[0];
}

// The run's reference date: its *_run.json beside the findings, else the
// date in the file's name (annex_a_<la>_<date>_findings.csv); "" if neither.
std::string ReferenceDate(const std::string& findings_file) {
  const fs::path dir = fs::path(findings_file).parent_path();
  Result<history::RunSummary> summary = history::LoadRunSummary(dir.empty() ? "." : dir.string());
  if (summary.ok() && ParseReferenceDate(summary->reference_date)) return summary->reference_date;
  const std::string name = fs::path(findings_file).filename().string();
  if (EndsWith(name, kFindingsSuffix) && name.size() >= kFindingsSuffix.size() + 10) {
    const std::string date = name.substr(name.size() - kFindingsSuffix.size() - 10, 10);
    if (ParseReferenceDate(date)) return date;
  }
  return "";
}

void PrintCounts(const std::vector<gaps::OwnerCount>& counts, std::ostream& out) {
  out << Pad("Team", 28) << Pad("Worker", 26) << Pad("Errors", 8, true) << Pad("Warnings", 10, true)
      << "  Oldest\n";
  for (const gaps::OwnerCount& c : counts) {
    std::string team = c.team.empty() ? "(no team)" : c.team;
    std::string worker = c.team_total ? "all" : c.worker.empty() ? "(no worker)" : c.worker;
    if (team.size() > 26) team = team.substr(0, 23) + "...";
    if (worker.size() > 24) worker = worker.substr(0, 21) + "...";
    out << Pad(team, 28) << Pad(worker, 26) << Pad(std::to_string(c.errors), 8, true)
        << Pad(std::to_string(c.warnings), 10, true) << "  " << c.oldest << "\n";
  }
}

}  // namespace

int RunGaps(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty() || !args.Has("pack")) {
    ctx.err << "annexa: gaps needs --pack DIR (a folder written by annexa generate; see: annexa gaps --help)\n";
    return kExitUsage;
  }
  Result<std::string> file = FindingsFile(args.Get("pack"));
  if (!file.ok()) return ReportFailure(file.status(), ctx);
  Result<std::string> csv = ReadFile(*file);
  if (!csv.ok()) return ReportFailure(csv.status(), ctx);
  // A gap's age: the date the run history first saw its finding (the
  // history generate records by default, beside the pack's folder, or
  // --history); a gap the history does not know is dated by the run's
  // reference date (first seen in this run).
  gaps::FirstSeen first_seen;
  const fs::path pack_dir = fs::path(*file).parent_path();
  const std::string history_path =
      args.Has("history") ? args.Get("history")
                          : (fs::absolute(pack_dir.empty() ? fs::path(".") : pack_dir).parent_path() /
                             "annexa_history.sqlite")
                                .string();
  if (Result<history::RunSummary> run = history::LoadRunSummary(pack_dir.empty() ? "." : pack_dir.string()); run.ok()) {
    Result<std::map<std::string, std::string>> seen = history::FirstSeenDates(history_path, run->la_code);
    if (seen.ok()) first_seen = std::move(*seen);
    else ctx.err << "annexa: the run history was not read (" << seen.status().message()
                 << "): gaps are dated by this run\n";
  }
  const std::string reference = ReferenceDate(*file);
  Result<gaps::FindingsFileGaps> read = gaps::ReadFindingsGaps(*csv, *file, first_seen, reference);
  if (!read.ok()) return ReportFailure(read.status(), ctx);

  std::vector<std::pair<std::string, std::vector<gaps::OwnerGap>>> teams = gaps::ByTeam(read->gaps);
  if (args.Has("team")) {
    const std::string wanted = args.Get("team");
    std::vector<std::string> known;
    std::vector<std::pair<std::string, std::vector<gaps::OwnerGap>>> kept;
    for (auto& team : teams) {
      known.push_back(team.first.empty() ? "(no team)" : team.first);
      if (MatchForm(team.first) == MatchForm(wanted) || (wanted == "(no team)" && team.first.empty()))
        kept.push_back(std::move(team));
    }
    if (kept.empty()) {
      ctx.err << "annexa: no open gaps for team '" << wanted << "'"
              << (known.empty() ? std::string(" (no team has any)") : "; teams with open gaps: " + Join(known, ", "))
              << "\n";
      return kExitOk;
    }
    teams = std::move(kept);
    if (!args.Has("out")) {  // ready to send: the team's CSV alone on standard output
      ctx.out << gaps::GapsCsv(teams.front().second);
      return kExitOk;
    }
  }

  std::vector<gaps::OwnerGap> shown;
  int64_t errors = 0;
  for (const auto& [team, team_gaps] : teams)
    for (const gaps::OwnerGap& g : team_gaps) {
      errors += g.is_error;
      shown.push_back(g);
    }
  ctx.out << "Open gaps in " << *file << (reference.empty() ? "" : " (reference date " + reference + ")") << ": "
          << errors << " errors, " << shown.size() - static_cast<size_t>(errors) << " warnings";
  if (read->explained) ctx.out << "; " << read->explained << " explained, left out";
  ctx.out << "\n";
  if (read->not_stored)
    ctx.out << "(" << read->not_stored
            << " rule(s) had findings beyond the per-rule cap, counted but not stored: they have no child or owner "
               "and are not listed here)\n";
  ctx.out << "\n";
  PrintCounts(gaps::CountByOwner(shown), ctx.out);

  if (args.Has("out")) {
    const std::string out_dir = args.Get("out");
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) return ReportFailure(IoError(out_dir + ": cannot create the folder: " + ec.message()), ctx);
    std::vector<std::string> taken;
    ctx.out << "\n";
    for (const auto& [team, team_gaps] : teams) {
      const std::string path = (fs::path(out_dir) / gaps::TeamFileName(team, &taken)).string();
      // Names, ids and values of children: owner-only, like the findings file.
      if (Status s = WriteFileAtomically(path, gaps::GapsCsv(team_gaps), 0600); !s.ok()) return ReportFailure(s, ctx);
      ctx.out << "Wrote " << path << " (" << team_gaps.size() << " gaps)\n";
    }
  }
  return kExitOk;
}

}  // namespace annexa::cli
