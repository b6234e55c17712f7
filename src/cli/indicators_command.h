// `annexa indicators [--markdown]`: every key indicator the PDF pack shows,
// from the indicator table (src/indicators/indicator_table.h): reference,
// id, title, period, unit and default targets; --markdown prints
// docs/indicators.md.
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunIndicators(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
