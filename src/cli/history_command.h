// `annexa history [--history FILE]`: the runs recorded in the run history
// (history/run_history.h), one a line.
#pragma once

#include <string>

#include "cli/app.h"

namespace annexa::cli {

int RunHistory(const ParsedArgs& args, AppContext& ctx);

// --history FILE, else ./annexa_history.sqlite (where `annexa generate
// --out DIR` puts it when DIR is a folder of the current one).
std::string HistoryPathFromArgs(const ParsedArgs& args);

}  // namespace annexa::cli
