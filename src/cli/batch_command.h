// `annexa batch`: many council configs in one run, for regional alliances.
// Each council runs in its own forked child process (batch/process_pool.h),
// which calls pack::RunPack as generate does, so a bad config, an unreadable
// source or a crash in one council never touches another; at most --jobs of
// them run at a time. Each council's pack goes to OUT/<config stem>/
// (written atomically by RunPack), what generate would print to
// OUT/<config stem>.log, and the combined summary, made from the reports the
// councils send back (batch/batch_summary.h), to OUT/batch_summary.csv and
// OUT/batch_summary.json.
//
// Exit code: 3 when any council failed, else 1 when any had findings, else 0.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunBatch(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
