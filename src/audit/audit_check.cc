#include "audit/audit_check.h"

#include <iterator>

#include "validate/rules.h"

namespace annexa::audit {

Coverage CheckAuditList(const spec::SpecVersion& spec, CivilDate reference_date,
                        const std::vector<AnnexList>& lists, const AnnexList* audit,
                        Findings* findings) {
  // A copy, not a move out and back: in `annexa generate` the workbook
  // thread may be writing the list's sheet meanwhile. It is small (one row
  // per audit in the window).
  const std::vector<AnnexList> one = {*audit};
  Findings checked = validate::Validate({spec, reference_date, one});
  findings->Append(std::move(checked));
  Coverage coverage = MeasureCoverage(lists, *audit, reference_date);
  findings->Append(coverage.findings);
  return coverage;
}

int AuditWindowMonths(const spec::SpecVersion& spec, int config_months) {
  if (config_months > 0) return config_months;
  return spec.audit ? spec.audit->window.months : 0;
}

}  // namespace annexa::audit
