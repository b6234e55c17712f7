// The audit stage of a run: the audited-case list checked cell by cell like
// the lists (validate/), then its coverage of the lists measured
// (coverage.h). Used by `annexa generate`, `annexa rehearse` and
// `annexa audit`.
#pragma once

#include <vector>

#include "audit/coverage.h"
#include "core/finding.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"

namespace annexa::audit {

// Appends the audit list's findings and its coverage gaps to `findings` and
// returns the coverage. `audit` is only read (the validators are given a
// copy, as they take a vector of lists).
Coverage CheckAuditList(const spec::SpecVersion& spec, CivilDate reference_date,
                        const std::vector<AnnexList>& lists, const AnnexList* audit, Findings* findings);

// The window of the audited-case list in months: the config's, else the spec's.
int AuditWindowMonths(const spec::SpecVersion& spec, int config_months);

}  // namespace annexa::audit
