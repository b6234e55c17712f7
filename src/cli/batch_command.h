// `annexa batch`: many council configs in one run, for regional alliances.
// Each council is its own child process (`annexa generate ... --quiet`), so a
// bad config, an unreadable source or a crash in one council never touches
// another; at most --jobs of them run at a time. Each council's pack goes to
// OUT/<config stem>/ (written atomically by generate itself), its terminal
// output to OUT/<config stem>.log, and the combined summary to
// OUT/batch_summary.csv and OUT/batch_summary.json.
//
// The executable run per council is this one (/proc/self/exe), or
// $ANNEXA_BINARY when set (the test binary is not annexa).
//
// Exit code: 3 when any council failed, else 1 when any had findings, else 0.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunBatch(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
