// `annexa generate`: a council config in, the Annex A workbook out.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunGenerate(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
