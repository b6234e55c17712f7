// `annexa timeline --notification "YYYY-MM-DD HH:MM"`: every deadline.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunTimeline(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
