// `annexa rehearse`: a trial run as if Ofsted called at a given time: the
// whole pipeline timed stage by stage, a readiness status per list, and the
// deadlines with the time left.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunRehearse(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
