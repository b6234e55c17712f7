// `annexa diff`: what changed between two runs.
//   annexa diff [--history FILE] [RUN_A RUN_B] [--csv FILE]
//     two runs of the run history by id (none: the last two runs of the
//     council of the last run), compared by finding identity: closed,
//     opened and still open, by rule and per child; --csv writes each.
//   annexa diff FOLDER_A FOLDER_B
//     two packs' *_run.json: rows, completeness and findings per list.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunDiff(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
