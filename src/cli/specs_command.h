// `annexa specs ...`: what Ofsted asks for, printed from the loaded YAML.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunSpecsVersions(const ParsedArgs& args, AppContext& ctx);
int RunSpecsList(const ParsedArgs& args, AppContext& ctx);
int RunSpecsShow(const ParsedArgs& args, AppContext& ctx);
int RunSpecsCheck(const ParsedArgs& args, AppContext& ctx);
// How annexa reads local values in one code set: each value (arguments, or
// lines on standard input), its Ofsted display and whether it is exact, a
// reported spelling or not read. Exit 1 when any is not read.
int RunSpecsRead(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
