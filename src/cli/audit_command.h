// `annexa audit`: the audited-case list on its own, with its coverage of the
// lists printed and written (a workbook holding Audited_cases,
// Audit_coverage and Audit_cohorts; the coverage and findings as CSV).
#pragma once

#include "cli/app.h"

namespace annexa::cli {

int RunAudit(const ParsedArgs& args, AppContext& ctx);

}  // namespace annexa::cli
