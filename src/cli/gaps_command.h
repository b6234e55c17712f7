// `annexa gaps --pack DIR [--out DIR] [--team NAME]`: each team's and
// worker's open gaps (errors and warnings not explained), oldest first,
// from a pack's findings file (gaps/owner_gaps.h; docs/gaps.md).
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunGaps(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
