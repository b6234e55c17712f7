// `annexa validate --workbook FILE`: checks an Annex A workbook made
// elsewhere with the same rules as `annexa generate`.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunValidate(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
