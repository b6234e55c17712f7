#include "pack/run_pack.h"

#include <filesystem>
#include <thread>

#include "audit/audit_check.h"
#include "core/file_util.h"
#include "core/ready_slots.h"
#include "core/staged_dir.h"
#include "gaps/explanations.h"
#include "history/run_history.h"
#include "indicators/key_indicators.h"
#include "mapping/pack_builder.h"
#include "pack/indicator_history.h"
#include "pack/pack_steps.h"
#include "pack/qa_extras.h"
#include "protect/pseudonymise.h"
#include "render/annex_workbook.h"
#include "render/findings_csv.h"
#include "render/indicator_rows.h"
#include "render/pack_pdf.h"
#include "render/pack_template.h"
#include "render/pdf_writer.h"
#include "validate/completeness.h"
#include "validate/finding_people.h"
#include "validate/rules.h"

namespace annexa::pack {

namespace {

namespace fs = std::filesystem;

// Marks the findings the council has explained (after AttachPeople: an
// identity needs the child) and adds a warning per stale explanation.
// Returns whether an error remains that is not explained.
bool Explain(const gaps::Explanations* explanations, Severity floor, Findings* findings) {
  if (!explanations) return gaps::UnexplainedErrors(*findings);
  gaps::ExplainOutcome outcome = gaps::ExplainFindings(*explanations, findings);
  outcome.stale.DropBelow(floor);
  findings->Append(std::move(outcome.stale));
  return gaps::UnexplainedErrors(*findings);
}

// The Annex A pack: the lists built, checked and written, with the PDF pack.
Result<PackResult> RunAnnexA(const PackRequest& request, Run& run, const gaps::Explanations* explanations) {
  PackObserver& observer = run.observer;
  mapping::MappedPack& pack = run.pack;
  StagedDir& staged = *run.staged;
  PackResult result;
  const std::string stem = pack.facts.PackStem();
  // Two workbooks (issue 19): the upload workbook, Ofsted's lists and
  // nothing else, under the name councils upload; the QA workbook beside it.
  const std::string workbook = staged.PathFor(stem + ".xlsx");
  const std::string qa_workbook = staged.PathFor(stem + "_qa.xlsx");
  // The output template: the PDF pack's look and the workbook's header colour.
  const std::string template_path = !request.template_path.empty()       ? request.template_path
                                    : !pack.config.output_template.empty() ? pack.config.output_template
                                                                           : request.resources.DefaultTemplate();
  Result<render::PackTemplate> tmpl = render::LoadPackTemplate(template_path);
  if (!tmpl.ok()) return tmpl.status();
  ANNEXA_RETURN_IF_ERROR(render::CheckTemplateFiles(request.sandbox, template_path, *tmpl));
  render::WorkbookMeta meta;
  meta.facts = &pack.facts;
  meta.header_fill = tmpl->workbook_header_fill;
  if (request.protect.pseudonymise) meta.notice = std::string(protect::kNotice);
  render::WorkbookMeta qa_meta = meta;
  qa_meta.purpose = "QA: not for upload (upload " + stem + ".xlsx)";
  Result<std::unique_ptr<render::AnnexWorkbook>> book = render::AnnexWorkbook::BeginUpload(workbook, pack.spec, meta);
  if (!book.ok()) return staged.Describe(book.status());

  // The list sheets are the bulk of the run. Each of the upload workbook's
  // is written on a second thread as soon as its list is final, while the
  // other lists are built and checked (the checks only read them); the QA
  // workbook's, which mark the findings, wait for the checks. Under --pseudonymise they
  // wait: the lists are pseudonymised after the checks, which must see the
  // real values. Declared before the thread, so that on any early return
  // the thread is stopped and joined before they go.
  std::optional<audit::Coverage> coverage;
  std::vector<validate::ListCompleteness> completeness;
  std::vector<render::GapTable> extra_sheets;  // the QA workbook's Changes and Gaps_by_owner
  std::vector<indicators::Indicator> key_indicators;  // the QA workbook's Indicators, the CSV, JSON and PDF
  ReadySlots ready(pack.spec.lists.size() + 1);
  // Set once the key indicators have their past points: the QA workbook's
  // Indicators sheet, written last, waits for it.
  ReadySlots indicators_ready(1);
  Status book_status, qa_status;
  std::jthread qa_thread, book_thread;
  struct CancelFirst {
    ReadySlots& slots;
    ReadySlots& indicators;
    ~CancelFirst() {  // runs before the jthreads join
      slots.Cancel();
      indicators.Cancel();
    }
  } cancel_first{ready, indicators_ready};
  if (!request.protect.pseudonymise) {
    // Sheets are independent, so each is written as its list is ready,
    // whichever that is: the writer starts on the first list done (the
    // bytes are the same in any order).
    book_thread = std::jthread([&] {
      for (size_t done = 0, i; done < (*book)->ListSheets() && book_status.ok();) {
        if (!ready.Next(&i)) return;
        if (i >= (*book)->ListSheets()) continue;  // the audit slot when there is no audit sheet
        const AnnexList* data = i < pack.lists.size() ? &pack.lists[i] : &*pack.audit;
        book_status = (*book)->WriteList(i, data);
        ++done;
      }
    });
  }
  // Errors met after the workbook was started: the workbook's own failure
  // comes first, as it would in a run that did one thing at a time.
  auto stop_book = [&] {
    ready.Cancel();
    indicators_ready.Cancel();
    if (book_thread.joinable()) book_thread.join();
    if (qa_thread.joinable()) qa_thread.join();
  };
  auto fail = [&](const Status& s) {
    stop_book();
    return staged.Describe(!book_status.ok() ? book_status : !qa_status.ok() ? qa_status : s);
  };

  if (Status built = run.Build([&](size_t i) { ready.MarkReady(i); }); !built.ok()) {
    stop_book();
    return built;
  }
  // The key indicators' past points and last year's outturn: the lists
  // rebuilt at each past date from the raw records just read, on their own
  // thread while the lists are checked and the workbooks written (it only
  // reads the pack's tables and config). Joined before the QA workbook.
  const indicators::IndicatorOptions indicator_options = IndicatorOptionsFor(pack);
  for (CivilDate d : PastDates(pack.facts.reference_date))
    observer.Progress("rebuilding the lists at " + DayMonthYear(d) + " for the key indicators");
  std::optional<Result<IndicatorHistory>> history;
  std::jthread history_thread([&] { history.emplace(ComputeIndicatorHistory(pack, indicator_options)); });

  run.Enter(Stage::kCheck);
  observer.Progress("checking the lists");
  Findings checked = validate::Validate({pack.spec, pack.facts.reference_date, pack.lists});
  pack.findings.Append(std::move(checked));
  // The audited-case list: checked like the lists, then its coverage of them.
  if (pack.audit)
    coverage = audit::CheckAuditList(pack.spec, pack.facts.reference_date, pack.lists, &*pack.audit, &pack.findings);
  observer.FindingsReady(pack.findings);
  result.errors_remain = KeepFindings(request.min_severity, &pack.findings);
  completeness = validate::MeasureCompleteness(pack.lists);
  // The key indicators at R, before pseudonymisation: an indicator reading
  // a council's extra source matches its rows to the lists' real ids.
  key_indicators = indicators::ComputeIndicators(pack.lists, indicator_options);

  run.Enter(Stage::kWriteWorkbook);
  observer.Progress("writing " + staged.FinalPath(stem + ".xlsx"));
  if (book_thread.joinable()) book_thread.join();
  if (!book_status.ok()) return staged.Describe(book_status);
  ANNEXA_RETURN_IF_ERROR(ApplyPseudonymisation(request.protect, &pack.lists, pack.audit ? &*pack.audit : nullptr,
                                               &pack.findings));
  validate::AttachPeople(pack.lists, pack.audit ? &*pack.audit : nullptr, &pack.findings);
  // Errors decide the exit code whatever the floor, unless explained.
  result.errors_remain = result.errors_remain && Explain(explanations, request.min_severity, &pack.findings);
  // The rest of the upload workbook (compressing it into the file) and
  // the whole QA workbook (its lists marked, the Cover and data-gap
  // sheets) run beside each other and beside the PDF pack and the CSV
  // files.
  render::DataGaps gaps;
  gaps.findings = &pack.findings;
  gaps.completeness = &completeness;
  gaps.audit = pack.audit ? &*pack.audit : nullptr;
  gaps.coverage = coverage ? &*coverage : nullptr;
  gaps.mark_cells = true;
  extra_sheets = QaExtraSheets(request.history_path, pack, request.protect.pseudonymise);
  gaps.extra = &extra_sheets;
  // The key indicators against the council's targets, with their past
  // points: the QA workbook's Indicators sheet, the indicators CSV, the
  // run's JSON and the PDF pack. The QA workbook starts now, its lists and
  // data-gap sheets while the past points are still being computed; its
  // Indicators sheet, the last, waits for them.
  gaps.indicators = &key_indicators;
  book_thread = std::jthread([&] { book_status = (*book)->Finish(pack.lists, render::DataGaps{}); });
  qa_thread = std::jthread([&, gaps]() mutable {
    // Stopped while waiting (the run failed elsewhere): that failure is
    // the one to report, not the unfinished workbook.
    bool stopped = false;
    gaps.await_indicators = [&] { return !(stopped = !indicators_ready.Wait(0)); };
    Status s = render::WriteAnnexWorkbook(qa_workbook, pack.spec, pack.lists, qa_meta, gaps);
    if (!stopped) qa_status = std::move(s);
  });
  history_thread.join();
  if (!history->ok()) return fail(history->status());
  ApplyIndicatorHistory(**history, pack.facts.reference_date, &key_indicators);
  indicators_ready.MarkReady(0);
  const std::string completeness_path = staged.PathFor(stem + "_completeness.csv");
  Status written = WriteFileAtomically(completeness_path, validate::CompletenessCsv(completeness), 0600);
  if (!written.ok()) return fail(written);

  written = WriteFileAtomically(staged.PathFor(stem + "_indicators.csv"), render::IndicatorsCsv(key_indicators), 0600);
  if (!written.ok()) return fail(written);

  // The PDF pack: key indicators against the council's targets, in the
  // output template's look.
  render::PackInputs inputs;
  inputs.facts = &pack.facts;
  inputs.spec = &pack.spec;
  inputs.lists = &pack.lists;
  inputs.findings = &pack.findings;
  inputs.completeness = &completeness;
  inputs.indicators = &key_indicators;
  if (pack.audit) {
    inputs.audit = &*pack.audit;
    inputs.audit_coverage = &*coverage;
    inputs.audit_window_months = AuditWindow(pack);
  }
  const std::string pdf_path = staged.PathFor(stem + "_pack.pdf");
  run.Enter(Stage::kWritePdf);
  observer.Progress("writing " + staged.FinalPath(stem + "_pack.pdf"));
  render::PdfDocument document = render::BuildPackDocument(inputs, *tmpl);
  ProtectDocument(request.protect, &document);
  written = render::WritePdf(pdf_path, document, tmpl->style);
  if (!written.ok()) return fail(written);
  if (coverage) {
    written = WriteFileAtomically(staged.PathFor(stem + "_audit_coverage.csv"), audit::CoverageCsv(*coverage), 0600);
    if (!written.ok()) return fail(written);
  }
  const std::string findings_path = staged.PathFor(stem + "_findings.csv");
  Findings to_write = pack.findings;
  if (request.max_findings && to_write.size() > *request.max_findings) {
    result.findings_omitted = to_write.size() - *request.max_findings;
    to_write.resize(*request.max_findings);
  }
  written = render::WriteFindingsCsv(findings_path, to_write, pack.spec);
  if (!written.ok()) return fail(written);
  book_thread.join();
  qa_thread.join();
  if (!book_status.ok()) return staged.Describe(book_status);
  if (!qa_status.ok()) return staged.Describe(qa_status);

  // History: a small summary of this run, for `annexa diff`.
  result.summary = history::SummariseRun(pack.facts, pack.lists, pack.findings, completeness);
  result.summary.indicators = key_indicators;
  written = WriteFileAtomically(staged.PathFor(stem + "_run.json"), history::RunSummaryJson(result.summary), 0600);
  if (!written.ok()) return fail(written);

  result.facts = pack.facts;
  for (size_t i = 0; i < pack.lists.size(); ++i) {
    const AnnexList& l = pack.lists[i];
    result.lists.push_back({l.spec->number, l.spec->title, static_cast<int64_t>(l.rows.size()),
                            i < completeness.size() ? completeness[i].PercentFilled() : 0.0, l.account});
  }
  for (const validate::ListCompleteness& c : completeness)
    for (const auto& col : c.columns) {
      result.filled_cells += col.filled;
      result.blank_cells += col.blank_cells;
    }
  if (pack.audit)
    result.audit = ListOutcome{0, pack.audit->spec->title, static_cast<int64_t>(pack.audit->rows.size()), std::nullopt,
                               pack.audit->account};
  CountFindings(pack.findings, &result);
  result.readiness = validate::AssessReadiness(completeness, pack.findings);
  result.indicators = key_indicators;
  for (const std::string& name :
       {stem + ".xlsx", stem + "_qa.xlsx", stem + "_pack.pdf", stem + "_findings.csv", stem + "_completeness.csv",
        stem + "_indicators.csv"})
    result.files.push_back(staged.FinalPath(name));
  if (coverage) result.files.push_back(staged.FinalPath(stem + "_audit_coverage.csv"));
  return result;
}

// The audited-case pack: the audit list, its row account and coverage, and
// its own findings; no Annex A lists.
Result<PackResult> RunAuditedCases(const PackRequest& request, Run& run, const gaps::Explanations* explanations) {
  mapping::MappedPack& pack = run.pack;
  StagedDir& staged = *run.staged;
  ANNEXA_RETURN_IF_ERROR(run.Build(nullptr));
  run.Enter(Stage::kCheck);
  PackResult result;
  result.audit_findings = Findings(pack.findings.cap());
  // Only the audit list's own findings and its coverage gaps: the lists'
  // findings are the Annex A pack's business.
  for (const Finding& f : pack.findings)
    if (f.list == spec::kAuditedCasesList) result.audit_findings.push_back(f);
  for (const auto& [key, n] : pack.findings.overflow())
    if (key.list == spec::kAuditedCasesList) result.audit_findings.Count(key, n);
  const audit::Coverage coverage =
      audit::CheckAuditList(pack.spec, pack.facts.reference_date, pack.lists, &*pack.audit, &result.audit_findings);
  run.observer.FindingsReady(result.audit_findings);
  validate::AttachPeople(pack.lists, &*pack.audit, &result.audit_findings);
  const bool unexplained_errors = Explain(explanations, request.min_severity, &result.audit_findings);

  run.Enter(Stage::kWriteWorkbook);
  const std::string stem = "audited_cases_" + pack.facts.la_code + "_" + pack.facts.reference_date.ToIso();
  render::WorkbookMeta meta;
  meta.facts = &pack.facts;
  // The audit workbook: the cover, the audited-case list, its row account
  // and the coverage sheets; no Annex A lists.
  spec::SpecVersion audit_only = pack.spec;
  audit_only.lists.clear();
  render::DataGaps sheets;
  sheets.audit = &*pack.audit;
  sheets.coverage = &coverage;
  Status written = render::WriteAnnexWorkbook(staged.PathFor(stem + ".xlsx"), audit_only, {}, meta, sheets);
  if (!written.ok()) return staged.Describe(written);
  run.Enter(Stage::kWritePdf);
  written = WriteFileAtomically(staged.PathFor(stem + "_coverage.csv"), audit::CoverageCsv(coverage), 0600);
  if (!written.ok()) return staged.Describe(written);
  written = render::WriteFindingsCsv(staged.PathFor(stem + "_findings.csv"), result.audit_findings, pack.spec);
  if (!written.ok()) return staged.Describe(written);

  result.facts = pack.facts;
  result.audit = ListOutcome{0, pack.audit->spec->title, static_cast<int64_t>(pack.audit->rows.size()), std::nullopt,
                             pack.audit->account};
  result.coverage = coverage;
  result.audit_window_months = AuditWindow(pack);
  result.errors_remain = unexplained_errors;
  CountFindings(result.audit_findings, &result);
  for (const std::string& name : {stem + ".xlsx", stem + "_coverage.csv", stem + "_findings.csv"})
    result.files.push_back(staged.FinalPath(name));
  return result;
}

// Adds the committed run to the history; says why not in result->history_error.
void RecordHistory(const PackRequest& request, const mapping::MappedPack& pack, PackResult* result) {
  history::RunRecord record;
  const RunFacts& facts = result->facts;
  record.council = facts.council;
  record.la_code = facts.la_code;
  record.spec = facts.spec_id;
  record.reference_date = facts.reference_date.ToIso();
  record.generated_at = facts.generated_at;
  std::error_code ec;
  const fs::path out = fs::absolute(request.out_dir, ec);
  record.out_dir = ec ? request.out_dir : out.lexically_normal().string();
  record.tool = facts.tool_version;
  record.pseudonymised = request.protect.pseudonymise;
  for (size_t i = 0; i < result->lists.size(); ++i) {
    const ListOutcome& l = result->lists[i];
    history::RunRecord::List list{l.number, l.title, l.rows, l.account.read, l.account.ExcludedTotal(), 0, 0,
                                  l.filled_percent.value_or(0)};
    for (const history::RunSummary::List& s : result->summary.lists)
      if (s.number == l.number) {
        list.errors = s.errors;
        list.warnings = s.warnings;
      }
    record.lists.push_back(std::move(list));
  }
  record.findings = &pack.findings;
  Result<int64_t> id = history::RecordRun(request.history_path, record);
  if (id.ok())
    result->history_run = *id;
  else
    result->history_error = id.status().message();
}

}  // namespace

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kLoad: return "load the config and specs";
    case Stage::kRead: return "read the sources";
    case Stage::kBuild: return "build the lists";
    case Stage::kCheck: return "check the lists";
    case Stage::kWriteWorkbook: return "write the workbook";
    case Stage::kWritePdf: return "write the PDF pack";
  }
  return "";
}

Result<PackResult> RunPack(const PackRequest& request, PackObserver* observer) {
  PackObserver quiet;
  Run run(request, observer ? *observer : quiet);
  ANNEXA_RETURN_IF_ERROR(run.Load());
  // The council's explained gaps, read before any work: a bad file stops
  // the run (exit 2) with every problem named by row and column.
  std::optional<gaps::Explanations> explanations;
  const std::string& explanations_path =
      !request.explanations_path.empty() ? request.explanations_path : run.pack.config.explanations;
  if (!explanations_path.empty()) {
    Result<gaps::Explanations> loaded = gaps::LoadExplanations(explanations_path, request.sandbox);
    if (!loaded.ok()) return loaded.status();
    explanations = std::move(*loaded);
  }
  const gaps::Explanations* explained = explanations ? &*explanations : nullptr;
  Result<PackResult> result = request.kind == PackKind::kAnnexA ? RunAnnexA(request, run, explained)
                                                                : RunAuditedCases(request, run, explained);
  if (!result.ok()) return result.status();
  // Further files for the same pack, committed with it.
  if (request.extras) {
    if (Status s = request.extras(run.staged->staging(), *result); !s.ok()) return run.staged->Describe(s);
  }
  ANNEXA_RETURN_IF_ERROR(run.staged->Commit());
  // The run history, after the commit: only a pack that exists is recorded.
  if (request.kind == PackKind::kAnnexA && !request.history_path.empty()) RecordHistory(request, run.pack, &*result);
  run.Finish();
  return result;
}

}  // namespace annexa::pack
