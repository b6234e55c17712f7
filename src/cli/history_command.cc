#include "cli/history_command.h"

#include <ostream>

#include "core/text.h"
#include "history/run_history.h"

namespace annexa::cli {

std::string HistoryPathFromArgs(const ParsedArgs& args) { return args.Get("history", "annexa_history.sqlite"); }

int RunHistory(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "' (annexa history [--history FILE])\n";
    return kExitUsage;
  }
  const std::string path = HistoryPathFromArgs(args);
  Result<std::vector<history::HistoryRun>> runs = history::ListRuns(path);
  if (!runs.ok()) return ReportFailure(runs.status(), ctx);
  ctx.out << Pad("Run", 6, true) << "  " << Pad("When", 20) << Pad("Council", 30) << Pad("LA", 6)
          << Pad("Reference", 11) << Pad("Rows", 8, true) << Pad("Errors", 8, true) << Pad("Warnings", 10, true)
          << Pad("Open", 8, true) << "\n";
  for (const history::HistoryRun& r : *runs) {
    std::string council = r.council;
    if (council.size() > 28) council = council.substr(0, 25) + "...";
    ctx.out << Pad(std::to_string(r.id), 6, true) << "  " << Pad(r.generated_at, 20) << Pad(council, 30)
            << Pad(r.la_code, 6) << Pad(r.reference_date, 11) << Pad(std::to_string(r.rows), 8, true)
            << Pad(std::to_string(r.errors), 8, true) << Pad(std::to_string(r.warnings), 10, true)
            << Pad(std::to_string(r.identities), 8, true) << (r.pseudonymised ? "  (pseudonymised)" : "") << "\n";
  }
  ctx.out << runs->size() << (runs->size() == 1 ? " run" : " runs") << " in " << path
          << " (Open: findings by identity, as annexa diff compares them)\n";
  return kExitOk;
}

}  // namespace annexa::cli
