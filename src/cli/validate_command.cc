#include "cli/validate_command.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>

#include "cli/sandbox_option.h"
#include "core/text.h"
#include "gaps/explanations.h"
#include "render/findings_csv.h"
#include "validate/finding_people.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"
#include "validate/rules.h"
#include "validate/workbook_reader.h"

namespace annexa::cli {

namespace {

}  // namespace

int RunValidate(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty() || !args.Has("workbook")) {
    ctx.err << "annexa: validate needs --workbook FILE (see: annexa validate --help)\n";
    return kExitUsage;
  }
  // --sandbox: by default the current folder.
  Result<std::optional<PathGuard>> sandbox = SandboxFromArgs(args, {"."});
  if (!sandbox.ok()) return ReportFailure(sandbox.status(), ctx);
  for (const char* given : {"workbook", "findings", "explanations"})
    if (Status s = CheckSandboxed(*sandbox, args.Get(given), std::string("--") + given); !s.ok()) return ReportFailure(s, ctx);
  std::vector<spec::SpecVersion> versions;
  for (const std::string& v : spec::AvailableVersions(ctx.resources.specs_dir)) {
    Result<spec::SpecVersion> sv = spec::LoadSpecVersion(ctx.resources.specs_dir, v);
    if (!sv.ok()) return ReportFailure(sv.status(), ctx);
    versions.push_back(std::move(*sv));
  }
  std::vector<const spec::SpecVersion*> candidates;
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) candidates.push_back(&*it);  // newest first wins ties
  const std::string forced = args.Get("spec", "auto");
  if (forced != "auto" && !std::count_if(versions.begin(), versions.end(), [&](const auto& v) { return v.id == forced; })) {
    ctx.err << "annexa: no spec version '" << forced << "' (see: annexa specs versions)\n";
    return kExitUsage;
  }
  CivilDate reference;
  std::optional<CivilDate> given;
  if (int rc = ReadReferenceDate(args, ctx, &given); rc != kExitOk) return rc;
  if (given) {
    reference = *given;
  } else if (ctx.now) {
    reference = *CivilDate::Parse(ctx.now().substr(0, 10));
  } else {
    ctx.err << "annexa: validate needs --reference-date (no clock here)\n";
    return kExitUsage;
  }
  // --explanations: the council's explained gaps, read before any work.
  std::optional<gaps::Explanations> explanations;
  if (args.Has("explanations")) {
    Result<gaps::Explanations> loaded = gaps::LoadExplanations(args.Get("explanations"));
    if (!loaded.ok()) return ReportFailure(loaded.status(), ctx);
    explanations = std::move(*loaded);
  }
  Result<spec::ValueAliases> aliases = spec::LoadValueAliases(ctx.resources.ValueAliases());
  if (!aliases.ok()) return ReportFailure(aliases.status(), ctx);
  Findings findings;
  const std::string path = args.Get("workbook");
  Result<validate::ReadWorkbook> wb = validate::ReadAnnexWorkbook(path, candidates, forced, *aliases, &findings);
  if (!wb.ok()) {
    const Status& s = wb.status();
    return ReportFailure(s.code() == StatusCode::kInvalidArgument ? s : Status(StatusCode::kIoError, s.message()), ctx);
  }
  Findings checked = validate::Validate({*wb->spec, reference, wb->lists});
  findings.Append(std::move(checked));
  validate::AttachPeople(wb->lists, nullptr, &findings);
  if (explanations) {  // explained findings stay listed, counted apart
    gaps::ExplainOutcome outcome = gaps::ExplainFindings(*explanations, &findings);
    findings.Append(std::move(outcome.stale));
  }

  ctx.out << path << ": " << wb->spec->id << (forced == "auto" ? " (detected)" : "") << ", reference date "
          << reference.ToUk() << "\n\n";
  std::map<int, std::pair<int64_t, int64_t>> per_list;  // errors, warnings
  std::map<std::pair<int, std::string>, int64_t> by_code;
  int64_t errors = 0;
  std::map<std::pair<int, std::string>, int64_t> explained;
  for (const Finding& f : findings) {
    if (f.Explained()) {
      ++explained[{static_cast<int>(f.severity), f.code}];
      continue;
    }
    auto& [e, w] = per_list[f.list];
    (f.severity == Severity::kError ? e : w) += 1;
    errors += f.severity == Severity::kError;
    ++by_code[{static_cast<int>(f.severity), f.code}];
  }
  for (const auto& [key, n] : findings.overflow()) {  // beyond the rule's cap: counted, not stored
    auto& [e, w] = per_list[key.list];
    (key.severity == Severity::kError ? e : w) += n;
    errors += key.severity == Severity::kError ? n : 0;
    by_code[{static_cast<int>(key.severity), key.code}] += n;
  }
  ctx.out << "List  " << Pad("Sheet", 14) << Pad("Rows", 7, true) << Pad("Errors", 8, true) << Pad("Warnings", 10, true) << "\n";
  for (size_t i = 0; i < wb->lists.size(); ++i) {
    const auto& l = wb->lists[i];
    const auto counts = per_list[l.spec->number];
    ctx.out << Pad(std::to_string(l.spec->number), 4, true) << "  "
            << Pad(wb->sheet_of_list[i].empty() ? "(missing)" : wb->sheet_of_list[i], 14)
            << Pad(std::to_string(l.rows.size()), 7, true) << Pad(std::to_string(counts.first), 8, true)
            << Pad(std::to_string(counts.second), 10, true) << "\n";
  }
  int64_t explained_total = 0, explained_errors = 0;
  for (const auto& [key, n] : explained) {
    explained_total += n;
    explained_errors += key.first == static_cast<int>(Severity::kError) ? n : 0;
  }
  ctx.out << "\nFindings: " << findings.total() - explained_total << " (" << errors << " errors)\n";
  for (const auto& [key, n] : by_code)
    ctx.out << "  " << Pad(ToString(static_cast<Severity>(key.first)), 8) << Pad(key.second, std::max<size_t>(24, key.second.size() + 2)) << n << "\n";
  if (explained_total) {
    ctx.out << "Explained: " << explained_total << " (" << explained_errors
            << " errors), not counted above: the council's explanations file accepts them\n";
    for (const auto& [key, n] : explained)
      ctx.out << "  " << Pad(ToString(static_cast<Severity>(key.first)), 8) << Pad(key.second, std::max<size_t>(24, key.second.size() + 2)) << n << "\n";
  }
  if (args.Has("findings")) {
    Status s = render::WriteFindingsCsv(args.Get("findings"), findings, *wb->spec);
    if (!s.ok()) return ReportFailure(s, ctx);
    ctx.out << "\nWrote " << args.Get("findings") << "\n";
  }
  return errors ? kExitFindings : kExitOk;
}

}  // namespace annexa::cli
