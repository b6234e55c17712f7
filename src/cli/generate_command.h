// `annexa generate`: a council config in, the Annex A workbook out.
#pragma once

#include <functional>
#include <string>

#include "cli/app.h"

namespace annexa::cli {

int RunGenerate(const ParsedArgs& args, AppContext& ctx);

// Further files for the same pack (rehearse's rehearsal.json): called once
// every generate output is in the staging folder, with that folder and the
// run summary (*_run.json) in it; what it writes there is committed with the
// pack, and a failure abandons the whole pack.
using PackExtras = std::function<Status(const std::string& staging_dir, const std::string& run_summary)>;
int RunGenerate(const ParsedArgs& args, AppContext& ctx, const PackExtras& extra);

}  // namespace annexa::cli
