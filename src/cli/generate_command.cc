#include "cli/generate_command.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <thread>

#include "audit/audit_check.h"
#include "cli/pack_args.h"
#include "cli/protect_options.h"
#include "cli/sandbox_option.h"
#include "core/file_util.h"
#include "core/ready_slots.h"
#include "core/staged_dir.h"
#include "core/text.h"
#include "indicators/key_indicators.h"
#include "mapping/pack_builder.h"
#include "render/annex_workbook.h"
#include "render/findings_csv.h"
#include "render/pack_pdf.h"
#include "render/pack_template.h"
#include "render/pdf_writer.h"
#include "render/run_summary.h"
#include "validate/completeness.h"
#include "validate/rules.h"

namespace annexa::cli {

namespace {

namespace fs = std::filesystem;

void PrintSummary(const mapping::MappedPack& pack, const std::vector<validate::ListCompleteness>& completeness,
                  std::ostream& out) {
  out << pack.config.council << " (LA " << pack.config.la_code << "), " << pack.spec.id << ", reference date "
      << pack.reference_date.ToUk() << "\n\n";
  out << "List  " << Pad("Title", 42) << Pad("Rows", 8, true) << Pad("Filled", 8, true) << Pad("Read", 9, true)
      << "  Left out\n";
  for (size_t i = 0; i < pack.lists.size(); ++i) {
    const AnnexList& l = pack.lists[i];
    char filled[16];
    std::snprintf(filled, sizeof filled, "%.1f%%", i < completeness.size() ? completeness[i].PercentFilled() : 0.0);
    std::string title = l.spec->title;
    if (title.size() > 40) title = title.substr(0, 37) + "...";
    out << Pad(std::to_string(l.spec->number), 4, true) << "  " << Pad(title, 42)
        << Pad(std::to_string(l.rows.size()), 8, true) << Pad(filled, 8, true)
        << Pad(std::to_string(l.account.read), 9, true) << "  ";
    bool first = true;
    for (const auto& [reason, n] : l.account.excluded) {
      out << (first ? "" : "; ") << n << " " << reason;
      first = false;
    }
    if (!l.account.Balanced()) out << "  [UNBALANCED]";
    out << "\n";
  }
  if (pack.audit) {
    const AnnexList& a = *pack.audit;
    out << Pad("A", 4, true) << "  " << Pad(a.spec->title, 42) << Pad(std::to_string(a.rows.size()), 8, true)
        << Pad("", 8, true) << Pad(std::to_string(a.account.read), 9, true) << "  ";
    bool first = true;
    for (const auto& [reason, n] : a.account.excluded) {
      out << (first ? "" : "; ") << n << " " << reason;
      first = false;
    }
    out << "\n";
  }
  std::map<std::pair<int, std::string>, int64_t> by_code;
  int64_t errors = 0;
  for (const Finding& f : pack.findings) {
    ++by_code[{static_cast<int>(f.severity), f.code}];
    errors += f.severity == Severity::kError;
  }
  out << "\nFindings: " << pack.findings.size() << " (" << errors << " errors)\n";
  for (const auto& [key, n] : by_code)
    out << "  " << Pad(ToString(static_cast<Severity>(key.first)), 8) << Pad(key.second, 24)
        << (key.second.size() >= 24 ? " " : "") << n << "\n";
}

}  // namespace

int RunGenerate(const ParsedArgs& args, AppContext& ctx) { return RunGenerate(args, ctx, nullptr); }

int RunGenerate(const ParsedArgs& args, AppContext& ctx, const PackExtras& extra) {
  PackArgs pack_args;
  if (int rc = ReadPackArgs(args, ctx, "generate", &pack_args); rc != kExitOk) return rc;
  ProtectOptions protect;  // --pseudonymise, --pdf-password-file: read before any work
  if (int rc = ReadProtectOptions(args, ctx, &protect); rc != kExitOk) return rc;
  mapping::PackOptions& options = pack_args.options;
  const std::optional<PathGuard>& sandbox = pack_args.sandbox;
  const bool quiet = args.Has("quiet");
  options.progress = [&](const std::string& msg) {
    if (!quiet && ctx.progress) ctx.progress(msg);
  };
  // --min-severity drops the less severe findings everywhere; errors always
  // decide the exit code. Checked before any work.
  const std::string min_severity = args.Get("min-severity", "warning");
  Severity floor = Severity::kWarning;
  if (min_severity == "error") floor = Severity::kError;
  else if (min_severity == "info") floor = Severity::kInfo;
  else if (min_severity != "warning") {
    ctx.err << "annexa: --min-severity must be error, warning or info, not '" << min_severity << "'\n";
    return kExitUsage;
  }
  std::optional<size_t> max_findings;  // --max-findings: at most this many in the findings file
  if (args.Has("max-findings")) {
    const long long cap = std::atoll(args.Get("max-findings").c_str());
    if (cap < 0 || std::to_string(cap) != args.Get("max-findings")) {
      ctx.err << "annexa: --max-findings must be a whole number, not '" << args.Get("max-findings") << "'\n";
      return kExitUsage;
    }
    max_findings = static_cast<size_t>(cap);
  }
  Result<mapping::MappedPack> pack = mapping::LoadPackConfig(options);
  if (!pack.ok()) return ReportFailure(pack.status(), ctx);

  // Every file is written into a staging folder beside --out and the folder
  // is swapped in whole at the end, so --out only ever holds one complete
  // pack (docs/reliability.md). Messages name files where they will be.
  Result<StagedDir> staged = StagedDir::Begin(args.Get("out"));
  if (!staged.ok()) return ReportFailure(staged.status(), ctx);
  const std::string out_dir = staged->staging();
  auto shown = [&](const std::string& path) { return staged->FinalPath(fs::path(path).filename().string()); };
  const std::string stem = "annex_a_" + pack->config.la_code + "_" + pack->reference_date.ToIso();
  const std::string workbook = (fs::path(out_dir) / (stem + ".xlsx")).string();
  // The output template: the PDF pack's look and the workbook's header colour.
  const std::string template_path =
      args.Has("template") ? args.Get("template")
      : !pack->config.output_template.empty()
          ? pack->config.output_template
          : (fs::path(ctx.specs_root) / ".." / "output_templates" / "default.yaml").lexically_normal().string();
  Result<render::PackTemplate> tmpl = render::LoadPackTemplate(template_path);
  if (!tmpl.ok()) return ReportFailure(tmpl.status(), ctx);
  if (Status s = CheckTemplateFiles(sandbox, template_path, *tmpl); !s.ok()) return ReportFailure(s, ctx);
  render::WorkbookMeta meta = WorkbookMetaFor(*pack, args, ctx);
  meta.header_fill = tmpl->workbook_header_fill;
  if (protect.pseudonymise) meta.notice = std::string(protect::kNotice);
  const bool has_audit = pack->config.lists.count(spec::kAuditedCasesList) > 0;
  Result<std::unique_ptr<render::AnnexWorkbook>> book =
      render::AnnexWorkbook::Begin(workbook, pack->spec, meta, has_audit, render::GapSheets{true, true, has_audit});
  if (!book.ok()) return ReportFailure(staged->Describe(book.status()), ctx);

  // The list sheets are the bulk of the run. Each is written on a second
  // thread as soon as its list is final, while the other lists are built
  // and checked (the checks only read them). Under --pseudonymise they
  // wait: the lists are pseudonymised after the checks, which must see the
  // real values. Declared before the thread, so that on any early return
  // the thread is stopped and joined before they go.
  std::optional<audit::Coverage> coverage;
  std::vector<validate::ListCompleteness> completeness;
  ReadySlots ready(pack->spec.lists.size() + 1);
  Status book_status;
  std::jthread book_thread;
  struct CancelFirst {
    ReadySlots& slots;
    ~CancelFirst() { slots.Cancel(); }  // runs before the jthread joins
  } cancel_first{ready};
  if (!protect.pseudonymise) {
    // Sheets are independent, so each is written as its list is ready,
    // whichever that is: the writer starts on the first list done (the
    // bytes are the same in any order).
    book_thread = std::jthread([&] {
      for (size_t done = 0, i; done < (*book)->ListSheets() && book_status.ok();) {
        if (!ready.Next(&i)) return;
        if (i >= (*book)->ListSheets()) continue;  // the audit slot when there is no audit sheet
        const AnnexList* data = i < pack->lists.size() ? &pack->lists[i] : &*pack->audit;
        book_status = (*book)->WriteList(i, data);
        ++done;
      }
    });
  }
  // Errors met after the workbook was started: the workbook's own failure
  // comes first, as it would in a run that did one thing at a time.
  auto stop_book = [&] {
    ready.Cancel();
    if (book_thread.joinable()) book_thread.join();
  };
  auto fail = [&](const Status& s) {
    stop_book();
    return ReportFailure(staged->Describe(book_status.ok() ? s : book_status), ctx);
  };

  if (Status built = mapping::BuildPackLists(options, &*pack, [&](size_t i) { ready.MarkReady(i); });
      !built.ok()) {
    stop_book();
    return ReportFailure(built, ctx);
  }
  if (!quiet && ctx.progress) ctx.progress("checking the lists");
  Findings checked = validate::Validate({pack->spec, pack->reference_date, pack->lists});
  pack->findings.insert(pack->findings.end(), std::make_move_iterator(checked.begin()),
                        std::make_move_iterator(checked.end()));
  // The audited-case list: checked like the lists, then its coverage of them.
  if (pack->audit)
    coverage = audit::CheckAuditList(pack->spec, pack->reference_date, pack->lists, &*pack->audit, &pack->findings);
  bool errors_remain = false;
  for (const Finding& f : pack->findings) errors_remain = errors_remain || f.severity == Severity::kError;
  std::erase_if(pack->findings, [&](const Finding& f) { return static_cast<int>(f.severity) > static_cast<int>(floor); });
  completeness = validate::MeasureCompleteness(pack->lists);

  if (!quiet && ctx.progress) ctx.progress("writing " + shown(workbook));
  if (book_thread.joinable()) book_thread.join();
  if (!book_status.ok()) return ReportFailure(staged->Describe(book_status), ctx);
  if (Status s = ApplyPseudonymisation(protect, &*pack); !s.ok()) return ReportFailure(s, ctx);
  // The rest of the workbook (the Cover and data-gap sheets, then
  // compressing it all into the file) runs beside the PDF pack and the CSV
  // files.
  const render::DataGaps gaps{&pack->findings, &completeness, pack->audit ? &*pack->audit : nullptr,
                              coverage ? &*coverage : nullptr};
  book_thread = std::jthread([&, gaps] { book_status = (*book)->Finish(pack->lists, gaps); });
  Status written;
  const std::string completeness_path = (fs::path(out_dir) / (stem + "_completeness.csv")).string();
  written = WriteFileAtomically(completeness_path, validate::CompletenessCsv(completeness), 0600);
  if (!written.ok()) return fail(written);

  // The PDF pack: key indicators against the council's targets, in the
  // output template's look.

  indicators::IndicatorOptions ki_options;
  ki_options.reference_date = pack->reference_date;
  ki_options.child_population = pack->config.child_population;
  ki_options.targets = indicators::DefaultTargets();
  for (const auto& [id, t] : pack->config.indicator_targets) {
    indicators::Target& target = ki_options.targets[id];
    if (t.minimum) target.minimum = t.minimum;
    if (t.upper) target.upper = t.upper;
    if (t.higher_is_better) target.higher_is_better = *t.higher_is_better;
  }
  const std::vector<indicators::Indicator> key_indicators = indicators::ComputeIndicators(pack->lists, ki_options);
  render::PackInputs inputs;
  inputs.council = pack->config.council;
  inputs.la_code = pack->config.la_code;
  inputs.reference_date = pack->reference_date;
  inputs.spec = &pack->spec;
  inputs.lists = &pack->lists;
  inputs.findings = &pack->findings;
  inputs.completeness = &completeness;
  inputs.indicators = &key_indicators;
  if (pack->audit) {
    inputs.audit = &*pack->audit;
    inputs.audit_coverage = &*coverage;
    inputs.audit_window_months = audit::AuditWindowMonths(pack->spec, pack->config.lists.at(spec::kAuditedCasesList).window.months);
  }
  inputs.generated_at = meta.generated_at;
  inputs.tool_version = meta.tool_version;
  const std::string pdf_path = (fs::path(out_dir) / (stem + "_pack.pdf")).string();
  if (!quiet && ctx.progress) ctx.progress("writing " + shown(pdf_path));
  render::PdfDocument document = render::BuildPackDocument(inputs, *tmpl);
  ProtectDocument(protect, &document);
  written = render::WritePdf(pdf_path, document, tmpl->style);
  if (!written.ok()) return fail(written);
  if (coverage) {
    const std::string coverage_path = (fs::path(out_dir) / (stem + "_audit_coverage.csv")).string();
    written = WriteFileAtomically(coverage_path, audit::CoverageCsv(*coverage), 0600);
    if (!written.ok()) return fail(written);
  }
  const std::string findings_path = (fs::path(out_dir) / (stem + "_findings.csv")).string();
  size_t omitted = 0;
  Findings to_write = pack->findings;
  if (max_findings && to_write.size() > *max_findings) {
    omitted = to_write.size() - *max_findings;
    to_write.resize(*max_findings);
  }
  written = render::WriteFindingsCsv(findings_path, to_write, pack->spec);
  if (!written.ok()) return fail(written);
  book_thread.join();
  if (!book_status.ok()) return ReportFailure(staged->Describe(book_status), ctx);

  // History: a small summary of this run, for `annexa diff`.
  const std::string run_path = (fs::path(out_dir) / (stem + "_run.json")).string();
  written = WriteFileAtomically(
      run_path,
      render::RunSummaryJson(render::SummariseRun(meta.tool_version, pack->config.council, pack->config.la_code,
                                                  pack->spec.id, pack->reference_date.ToIso(), meta.generated_at,
                                                  pack->lists, pack->findings, completeness)),
      0600);
  if (!written.ok()) return fail(written);
  if (extra) {
    if (Status s = extra(out_dir, run_path); !s.ok()) return ReportFailure(staged->Describe(s), ctx);
  }
  if (Status s = staged->Commit(); !s.ok()) return ReportFailure(s, ctx);
  if (!quiet) PrintSummary(*pack, completeness, ctx.out);
  ctx.out << "\nWrote " << shown(workbook) << "\n      " << shown(pdf_path) << "\n      " << shown(findings_path)
          << "\n      " << shown(completeness_path) << "\n";
  if (coverage) ctx.out << "      " << staged->FinalPath(stem + "_audit_coverage.csv") << "\n";
  if (omitted) ctx.out << "      (" << omitted << " findings not written: --max-findings)\n";
  return errors_remain ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
