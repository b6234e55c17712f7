#include "cli/diff_command.h"

#include <ostream>

#include "cli/history_command.h"
#include "core/file_util.h"
#include "history/run_diff.h"
#include "history/run_history.h"

namespace annexa::cli {

namespace {

// A run id: digits only, at least 1.
bool ParseRunId(const std::string& text, int64_t* id) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  *id = std::stoll(text);
  return *id > 0;
}

int DiffFolders(const ParsedArgs& args, AppContext& ctx) {
  if (args.Has("csv") || args.Has("history")) {
    ctx.err << "annexa: --csv and --history compare runs of the history (annexa diff RUN_A RUN_B); two folders are "
               "compared by their *_run.json\n";
    return kExitUsage;
  }
  auto a = history::LoadRunSummary(args.positionals[0]);
  if (!a.ok()) return ReportFailure(a.status(), ctx);
  auto b = history::LoadRunSummary(args.positionals[1]);
  if (!b.ok()) return ReportFailure(b.status(), ctx);
  ctx.out << history::DiffRuns(*a, *b);
  return kExitOk;
}

}  // namespace

int RunDiff(const ParsedArgs& args, AppContext& ctx) {
  const auto& words = args.positionals;
  int64_t ids[2] = {0, 0};
  if (words.size() == 2 && !(ParseRunId(words[0], &ids[0]) && ParseRunId(words[1], &ids[1])))
    return DiffFolders(args, ctx);
  if (words.size() != 0 && words.size() != 2) {
    ctx.err << "annexa: diff compares two runs: annexa diff [--history FILE] [RUN_A RUN_B] (run ids, see annexa "
               "history; none: the last two), or annexa diff FOLDER_A FOLDER_B (two packs)\n";
    return kExitUsage;
  }
  const std::string path = HistoryPathFromArgs(args);
  if (words.empty()) {
    Result<std::pair<int64_t, int64_t>> last = history::LastTwoRuns(path);
    if (!last.ok()) return ReportFailure(last.status(), ctx);
    ids[0] = last->first;
    ids[1] = last->second;
  }
  Result<history::RunFindings> a = history::LoadRun(path, ids[0]);
  if (!a.ok()) return ReportFailure(a.status(), ctx);
  Result<history::RunFindings> b = history::LoadRun(path, ids[1]);
  if (!b.ok()) return ReportFailure(b.status(), ctx);
  const history::RunChanges changes = history::CompareRuns(*a, *b);
  ctx.out << history::ChangesSummary(changes);
  if (a->run.la_code != b->run.la_code)
    ctx.err << "annexa: note: the two runs are of different councils (LA " << a->run.la_code << " and "
            << b->run.la_code << ")\n";
  if (args.Has("csv")) {
    Status written = WriteFileAtomically(args.Get("csv"), history::ChangesCsv(changes), 0600);
    if (!written.ok()) return ReportFailure(written, ctx);
    ctx.out << "Wrote " << args.Get("csv") << "\n";
  }
  return kExitOk;
}

}  // namespace annexa::cli
