#include "cli/generate_command.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <ostream>

#include "core/file_util.h"
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
    const mapping::AnnexList& l = pack.lists[i];
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
  std::map<std::pair<int, std::string>, int64_t> by_code;
  int64_t errors = 0;
  for (const Finding& f : pack.findings) {
    ++by_code[{static_cast<int>(f.severity), f.code}];
    errors += f.severity == Severity::kError;
  }
  out << "\nFindings: " << pack.findings.size() << " (" << errors << " errors)\n";
  for (const auto& [key, n] : by_code)
    out << "  " << Pad(ToString(static_cast<Severity>(key.first)), 8) << Pad(key.second, 24) << n << "\n";
}

}  // namespace

int RunGenerate(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  if (!args.Has("config") || !args.Has("out")) {
    ctx.err << "annexa: generate needs --config FILE and --out DIR (see: annexa generate --help)\n";
    return kExitUsage;
  }
  mapping::PackOptions options;
  options.config_path = args.Get("config");
  options.specs_root = ctx.specs_root;
  options.data_dir = args.Get("data-dir");
  if (args.Has("reference-date")) {
    options.reference_date = CivilDate::Parse(args.Get("reference-date"));
    if (!options.reference_date) {
      ctx.err << "annexa: --reference-date must be a date like 2026-11-23, not '" << args.Get("reference-date") << "'\n";
      return kExitUsage;
    }
  }
  options.fetch = ctx.fetch;
  const bool quiet = args.Has("quiet");
  options.progress = [&](const std::string& msg) {
    if (!quiet && ctx.progress) ctx.progress(msg);
  };
  Result<mapping::MappedPack> pack = mapping::BuildPack(options);
  if (!pack.ok()) return ReportFailure(pack.status(), ctx);
  if (!quiet && ctx.progress) ctx.progress("checking the lists");
  Findings checked = validate::Validate({pack->spec, pack->reference_date, pack->lists});
  pack->findings.insert(pack->findings.end(), std::make_move_iterator(checked.begin()),
                        std::make_move_iterator(checked.end()));
  // --min-severity drops the less severe findings everywhere; errors always
  // decide the exit code.
  bool errors_remain = false;
  for (const Finding& f : pack->findings) errors_remain = errors_remain || f.severity == Severity::kError;
  const std::string min_severity = args.Get("min-severity", "warning");
  Severity floor = Severity::kWarning;
  if (min_severity == "error") floor = Severity::kError;
  else if (min_severity == "info") floor = Severity::kInfo;
  else if (min_severity != "warning") {
    ctx.err << "annexa: --min-severity must be error, warning or info, not '" << min_severity << "'\n";
    return kExitUsage;
  }
  std::erase_if(pack->findings, [&](const Finding& f) { return static_cast<int>(f.severity) > static_cast<int>(floor); });

  const std::string out_dir = args.Get("out");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return ReportFailure(IoError(out_dir + ": cannot create the output folder: " + ec.message()), ctx);
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
  render::WorkbookMeta meta;
  meta.council = pack->config.council;
  meta.la_code = pack->config.la_code;
  meta.reference_date = pack->reference_date;
  meta.generated_at = args.Has("generated-at") ? args.Get("generated-at") : ctx.now ? ctx.now() : "2000-01-01T00:00:00";
  meta.tool_version = std::string("annexa ") + ANNEXA_VERSION;
  meta.header_fill = tmpl->workbook_header_fill;
  if (!quiet && ctx.progress) ctx.progress("writing " + workbook);
  const std::vector<validate::ListCompleteness> completeness = validate::MeasureCompleteness(pack->lists);
  Status written = render::WriteAnnexWorkbook(workbook, pack->spec, pack->lists, meta,
                                              render::DataGaps{&pack->findings, &completeness});
  if (!written.ok()) return ReportFailure(written, ctx);
  const std::string completeness_path = (fs::path(out_dir) / (stem + "_completeness.csv")).string();
  written = WriteFileAtomically(completeness_path, validate::CompletenessCsv(completeness), 0600);
  if (!written.ok()) return ReportFailure(written, ctx);

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
  inputs.generated_at = meta.generated_at;
  inputs.tool_version = meta.tool_version;
  const std::string pdf_path = (fs::path(out_dir) / (stem + "_pack.pdf")).string();
  if (!quiet && ctx.progress) ctx.progress("writing " + pdf_path);
  written = render::WritePdf(pdf_path, render::BuildPackDocument(inputs, *tmpl), tmpl->style);
  if (!written.ok()) return ReportFailure(written, ctx);
  const std::string findings_path = (fs::path(out_dir) / (stem + "_findings.csv")).string();
  size_t omitted = 0;
  Findings to_write = pack->findings;
  if (args.Has("max-findings")) {
    const long long cap = std::atoll(args.Get("max-findings").c_str());
    if (cap < 0 || std::to_string(cap) != args.Get("max-findings")) {
      ctx.err << "annexa: --max-findings must be a whole number, not '" << args.Get("max-findings") << "'\n";
      return kExitUsage;
    }
    if (to_write.size() > static_cast<size_t>(cap)) {
      omitted = to_write.size() - static_cast<size_t>(cap);
      to_write.resize(static_cast<size_t>(cap));
    }
  }
  written = render::WriteFindingsCsv(findings_path, to_write, pack->spec);
  if (!written.ok()) return ReportFailure(written, ctx);

  // History: a small summary of this run, for `annexa diff`.
  const std::string run_path = (fs::path(out_dir) / (stem + "_run.json")).string();
  written = WriteFileAtomically(
      run_path,
      render::RunSummaryJson(render::SummariseRun(meta.tool_version, pack->config.council, pack->config.la_code,
                                                  pack->spec.id, pack->reference_date.ToIso(), meta.generated_at,
                                                  pack->lists, pack->findings, completeness)),
      0600);
  if (!written.ok()) return ReportFailure(written, ctx);
  if (!quiet) PrintSummary(*pack, completeness, ctx.out);
  ctx.out << "\nWrote " << workbook << "\n      " << pdf_path << "\n      " << findings_path << "\n      "
          << completeness_path << "\n";
  if (omitted) ctx.out << "      (" << omitted << " findings not written: --max-findings)\n";
  return errors_remain ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
