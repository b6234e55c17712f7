// `annexa diff RUN_A RUN_B`: what changed between two runs.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunDiff(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
