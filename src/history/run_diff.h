// What changed between two runs (`annexa diff RUN_A RUN_B`): rows,
// completeness and errors per list, findings closed and opened, from the
// two runs' summaries (history/run_summary.h).
#pragma once

#include <string>

#include "history/run_summary.h"

namespace annexa::history {

// The differences of `b` against `a`, as text for the terminal.
std::string DiffRuns(const RunSummary& a, const RunSummary& b);

}  // namespace annexa::history
