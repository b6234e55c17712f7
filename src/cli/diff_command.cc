#include "cli/diff_command.h"

#include <ostream>

#include "history/run_diff.h"

namespace annexa::cli {

int RunDiff(const ParsedArgs& args, AppContext& ctx) {
  if (args.positionals.size() != 2) {
    ctx.err << "annexa: diff needs two runs: annexa diff RUN_A RUN_B (output folders or *_run.json files)\n";
    return kExitUsage;
  }
  auto a = history::LoadRunSummary(args.positionals[0]);
  if (!a.ok()) return ReportFailure(a.status(), ctx);
  auto b = history::LoadRunSummary(args.positionals[1]);
  if (!b.ok()) return ReportFailure(b.status(), ctx);
  ctx.out << history::DiffRuns(*a, *b);
  return kExitOk;
}

}  // namespace annexa::cli
