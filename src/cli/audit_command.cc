#include "cli/audit_command.h"

#include <filesystem>
#include <ostream>

#include "audit/audit_check.h"
#include "cli/pack_args.h"
#include "core/file_util.h"
#include "core/staged_dir.h"
#include "core/text.h"
#include "mapping/pack_builder.h"
#include "render/annex_workbook.h"
#include "render/findings_csv.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

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
  mapping::PackOptions& options = pack_args.options;
  options.progress = ctx.progress;
  Result<mapping::MappedPack> pack = mapping::BuildPack(options);
  if (!pack.ok()) return ReportFailure(pack.status(), ctx);
  if (!pack->audit) {
    ctx.err << "annexa: " << options.config_path
            << " maps no audited-case list: add an 'audit:' section (docs/config.md, \"The audited-case list\")\n";
    return kExitUsage;
  }
  // Only the audit list's own findings and its coverage gaps: the lists'
  // findings are `annexa generate`'s business.
  Findings findings;
  for (const Finding& f : pack->findings)
    if (f.list == spec::kAuditedCasesList) findings.push_back(f);
  const audit::Coverage coverage =
      audit::CheckAuditList(pack->spec, pack->reference_date, pack->lists, &*pack->audit, &findings);
  const int months = audit::AuditWindowMonths(pack->spec, pack->config.lists.at(spec::kAuditedCasesList).window.months);

  Result<StagedDir> staged = StagedDir::Begin(args.Get("out"));
  if (!staged.ok()) return ReportFailure(staged.status(), ctx);
  const std::string stem = "audited_cases_" + pack->config.la_code + "_" + pack->reference_date.ToIso();
  render::WorkbookMeta meta = WorkbookMetaFor(*pack, args, ctx);
  // The audit workbook: the cover, the audited-case list, its row account
  // and the coverage sheets; no Annex A lists.
  spec::SpecVersion audit_only = pack->spec;
  audit_only.lists.clear();
  render::DataGaps sheets;
  sheets.audit = &*pack->audit;
  sheets.coverage = &coverage;
  Status written = render::WriteAnnexWorkbook(staged->PathFor(stem + ".xlsx"), audit_only, {}, meta, sheets);
  if (!written.ok()) return ReportFailure(staged->Describe(written), ctx);
  written = WriteFileAtomically(staged->PathFor(stem + "_coverage.csv"), audit::CoverageCsv(coverage), 0600);
  if (!written.ok()) return ReportFailure(staged->Describe(written), ctx);
  written = render::WriteFindingsCsv(staged->PathFor(stem + "_findings.csv"), findings, pack->spec);
  if (!written.ok()) return ReportFailure(staged->Describe(written), ctx);
  if (Status s = staged->Commit(); !s.ok()) return ReportFailure(s, ctx);

  std::ostream& o = ctx.out;
  const RowAccount& account = pack->audit->account;
  o << pack->config.council << ": audited cases in the " << months << " months to " << pack->reference_date.ToUk()
    << "\n" << coverage.audits << " audits of " << coverage.children << " children (" << account.read
    << " audit records read, " << account.ExcludedTotal() << " left out";
  for (const auto& [reason, n] : account.excluded) o << "; " << n << " " << reason;
  o << ")\n";
  PrintTable("Cohort", coverage.by_cohort, true, o);
  PrintTable("Age band", coverage.by_age_band, true, o);
  PrintTable("Team", coverage.by_team, true, o);
  PrintTable("Grade", coverage.by_grade, false, o);
  int64_t errors = 0;
  o << "\nFindings: " << findings.size() << "\n";
  for (const Finding& f : findings) {
    errors += f.severity == Severity::kError;
    // Row-level findings are counted in the findings file; the gaps are
    // about cohorts and teams and carry no personal data.
    if (f.list_row == 0) o << "  " << Pad(ToString(f.severity), 8) << f.code << ": " << f.message << "\n";
  }
  o << "\nWrote " << staged->FinalPath(stem + ".xlsx") << "\n      " << staged->FinalPath(stem + "_coverage.csv")
    << "\n      " << staged->FinalPath(stem + "_findings.csv") << "\n";
  return errors ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
