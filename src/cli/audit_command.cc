#include "cli/audit_command.h"

#include <ostream>

#include "cli/generate_command.h"
#include "cli/pack_args.h"
#include "core/text.h"
#include "pack/run_pack.h"

namespace annexa::cli {

namespace {

void PrintTable(const char* title, const std::vector<audit::CoverageRow>& rows, bool denominator, std::ostream& out) {
  out << "\n" << Pad(title, 30) << Pad("Audits", 8, true) << Pad("Children", 10, true);
  if (denominator) out << Pad("Open", 8, true) << Pad("Covered", 9, true);
  out << "\n";
  for (const audit::CoverageRow& r : rows) {
    out << "  " << Pad(r.value, 28) << Pad(std::to_string(r.audits), 8, true)
        << Pad(std::to_string(r.children_audited), 10, true);
    if (denominator) {
      char pct[16] = "-";
      if (r.in_cohort > 0) std::snprintf(pct, sizeof pct, "%.1f%%", r.PercentCovered());
      out << Pad(r.in_cohort >= 0 ? std::to_string(r.in_cohort) : "-", 8, true) << Pad(pct, 9, true);
      if (r.in_cohort > 0 && r.children_audited == 0) out << "  GAP";
    }
    out << "\n";
  }
}

}  // namespace

int RunAudit(const ParsedArgs& args, AppContext& ctx) {
  PackArgs pack_args;
  if (int rc = ReadPackArgs(args, ctx, "audit", &pack_args); rc != kExitOk) return rc;
  pack_args.request.kind = pack::PackKind::kAuditedCases;
  ProgressPrinter progress(ctx);
  Result<pack::PackResult> r = pack::RunPack(pack_args.request, &progress);
  if (!r.ok()) return ReportFailure(r.status(), ctx);
  const audit::Coverage& coverage = *r->coverage;

  std::ostream& o = ctx.out;
  const RowAccount& account = r->audit->account;
  o << r->facts.council << ": audited cases in the " << r->audit_window_months << " months to "
    << r->facts.reference_date.ToUk() << "\n" << coverage.audits << " audits of " << coverage.children << " children ("
    << account.read << " audit records read, " << account.ExcludedTotal() << " left out";
  for (const auto& [reason, n] : account.excluded) o << "; " << n << " " << reason;
  o << ")\n";
  PrintTable("Cohort", coverage.by_cohort, true, o);
  PrintTable("Age band", coverage.by_age_band, true, o);
  PrintTable("Team", coverage.by_team, true, o);
  PrintTable("Grade", coverage.by_grade, false, o);
  o << "\nFindings: " << r->audit_findings.total() << "\n";
  for (const Finding& f : r->audit_findings) {
    // Row-level findings are counted in the findings file; the gaps are
    // about cohorts and teams and carry no personal data.
    if (f.list_row == 0) o << "  " << Pad(ToString(f.severity), 8) << f.code << ": " << f.message << "\n";
  }
  o << "\nWrote " << r->files[0] << "\n      " << r->files[1] << "\n      " << r->files[2] << "\n";
  PrintNotStored(*r, ctx.err);
  return r->errors_remain ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
