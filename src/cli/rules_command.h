// `annexa rules`: the table of checks (docs/rules.md is its --markdown form).
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunRules(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
