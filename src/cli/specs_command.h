// `annexa specs ...`: what Ofsted asks for, printed from the loaded YAML.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunSpecsVersions(const ParsedArgs& args, AppContext& ctx);
int RunSpecsList(const ParsedArgs& args, AppContext& ctx);
int RunSpecsShow(const ParsedArgs& args, AppContext& ctx);
int RunSpecsCheck(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
