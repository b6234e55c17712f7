// The PDF pack's "Audited cases" section: how many audits, of whom, and how
// well they cover the cohorts, age bands and teams of the lists, with the
// coverage gaps (audit/coverage.h). No child ids: leaders read this.
#pragma once

#include "audit/coverage.h"
#include "core/civil_date.h"
#include "render/pdf_document.h"

namespace annexa::render {

// `coverage` may be null: the section then says no audited-case list is
// configured and how to add one. `window_months` is the list's window.
Section AuditedCasesSection(const audit::Coverage* coverage, CivilDate reference_date, int window_months,
                            const AuditBands& bands = {});

}  // namespace annexa::render
