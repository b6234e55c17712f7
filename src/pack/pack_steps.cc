#include "pack/pack_steps.h"

#include "validate/root_causes.h"

#include <algorithm>
#include <set>

#include "audit/audit_check.h"
#include "indicators/indicator_spec.h"
#include "indicators/indicator_table.h"
#include "timeline/timeline.h"

namespace annexa::pack {

mapping::PackOptions Run::Options() {
  mapping::PackOptions o;
  o.config_path = request_.config_path;
  o.specs_root = request_.resources.specs_dir;
  o.reference_date = request_.reference_date;
  o.data_dir = request_.data_dir;
  o.fetch = request_.fetch;
  o.sandbox = request_.sandbox;
  o.progress = [this](const std::string& message) { observer.Progress(message); };
  o.phase = [this](mapping::BuildPhase phase) {
    Enter(phase == mapping::BuildPhase::kReading ? Stage::kRead : Stage::kBuild);
  };
  return o;
}

Status Run::Load() {
  Enter(Stage::kLoad);
  Result<mapping::MappedPack> loaded = mapping::LoadPackConfig(Options());
  if (!loaded.ok()) return loaded.status();
  pack = std::move(*loaded);
  pack.findings.SetCap(request_.findings_cap);
  if (request_.kind == PackKind::kAuditedCases && !pack.config.lists.count(spec::kAuditedCasesList))
    return InvalidArgument(request_.config_path +
                           " maps no audited-case list: add an 'audit:' section (docs/config.md, \"The audited-case "
                           "list\")");
  {
    Result<std::shared_ptr<const indicators::IndicatorSpecs>> specs =
        LoadPackIndicators(request_.resources.specs_dir, request_.config_path, pack);
    if (!specs.ok()) return specs.status();
    pack.indicator_specs = std::move(*specs);
  }
  ANNEXA_RETURN_IF_ERROR(CheckIndicatorTargets(request_.config_path, pack.config, pack.indicator_specs.get()));
  RunFacts& facts = pack.facts;
  facts.generated_at = request_.generated_at ? *request_.generated_at
                       : request_.clock      ? request_.clock()
                                             : facts.generated_at;
  // The working-day indicators skip the same bank holidays as the
  // submission timeline.
  if (request_.calendar) {
    facts.calendar = *request_.calendar;
  } else {
    Result<std::set<CivilDate>> holidays = timeline::LoadBankHolidays(request_.resources.BankHolidays());
    if (!holidays.ok()) return holidays.status();
    facts.calendar = WorkingCalendar(std::move(*holidays));
  }
  // Every file is written into a staging folder beside the output folder
  // and the folder is swapped in whole at the end (docs/reliability.md).
  Result<StagedDir> staging = StagedDir::Begin(request_.out_dir, true, request_.notice);
  if (!staging.ok()) return staging.status();
  staged.emplace(std::move(*staging));
  return Status::Ok();
}

Status Run::Build(const mapping::ListReady& ready) { return mapping::BuildPackLists(Options(), &pack, ready); }

void Run::Enter(Stage stage) {
  if (current_ == stage) return;
  if (current_) observer.StageFinished(*current_);
  current_ = stage;
  observer.StageStarted(stage);
}

void Run::Finish() {
  if (current_) observer.StageFinished(*current_);
  current_.reset();
}

bool KeepFindings(Severity floor, Findings* findings) {
  bool errors = std::any_of(findings->begin(), findings->end(),
                            [](const Finding& f) { return f.severity == Severity::kError; });
  for (const auto& [key, n] : findings->overflow()) errors |= key.severity == Severity::kError;
  findings->DropBelow(floor);
  return errors;
}

void CountFindings(const Findings& findings, PackResult* result) {
  for (const Finding& f : findings) {
    if (!f.Explained()) continue;
    ++result->explained_by_code[{f.severity, f.code}];
    ++result->findings_explained;
  }
  for (const Finding& f : findings)
    if (!f.Explained()) ++result->findings_by_code[{f.severity, f.code}];
  for (const auto& [key, n] : findings.overflow()) {
    result->findings_by_code[{key.severity, key.code}] += n;
    result->findings_not_stored[key.code] += n;
  }
  result->findings = findings.total() - result->findings_explained;
  result->findings_cap = findings.cap();
  // Root causes (validate/root_causes.h), explained ones apart.
  result->roots_by_code = validate::CountRootCauses(findings);
  result->root_causes = 0;
  for (const auto& [key, n] : result->roots_by_code) result->root_causes += n;
}

Result<std::shared_ptr<const indicators::IndicatorSpecs>> LoadPackIndicators(const std::string& specs_dir,
                                                                            const std::string& config_path,
                                                                            const mapping::MappedPack& pack) {
  std::vector<std::string> files = {indicators::ShippedIndicatorsFile(specs_dir)};
  if (!pack.config.indicators_file.empty()) files.push_back(pack.config.indicators_file);
  Result<indicators::IndicatorSpecs> loaded = indicators::LoadIndicatorSpecs(files, &pack.spec);
  if (!loaded.ok()) return InvalidArgument(loaded.status().message());
  // Each indicator source names a role of the files and maps exactly its columns.
  std::string problems;
  for (const auto& [role, src] : pack.config.indicator_sources) {
    const std::string where =
        config_path + ":" + std::to_string(src.mark.line) + ": indicator_sources: '" + role + "': ";
    auto known = loaded->roles.find(role);
    if (known == loaded->roles.end()) {
      std::string names;
      for (const auto& [name, r] : loaded->roles) names += (names.empty() ? "" : ", ") + name;
      problems += where + "no indicator source role is called that (the roles: " + names + ")\n";
      continue;
    }
    for (const std::string& c : known->second.columns)
      if (!src.columns.count(c)) problems += where + "'columns' does not map the role's column '" + c + "'\n";
    for (const auto& [c, header] : src.columns)
      if (std::find(known->second.columns.begin(), known->second.columns.end(), c) == known->second.columns.end())
        problems += where + "'columns' maps '" + c + "', not a column of the role\n";
  }
  if (!problems.empty()) {
    problems.pop_back();
    return InvalidArgument(problems);
  }
  return std::make_shared<const indicators::IndicatorSpecs>(std::move(*loaded));
}

Status CheckIndicatorTargets(const std::string& config_path, const mapping::CouncilConfig& config,
                             const indicators::IndicatorSpecs* specs) {
  std::map<std::string, std::optional<indicators::Target>> known;  // id -> default
  std::map<std::string, bool> percent;
  for (const indicators::IndicatorDef& def : indicators::IndicatorTable()) {
    known[def.id] = def.default_target;
    percent[def.id] = def.unit == "%";
  }
  if (specs)
    for (const indicators::IndicatorSpec& spec : specs->indicators) {
      indicators::Target plain;
      plain.higher_is_better = !spec.lower_is_better;
      known[spec.id] = spec.default_target ? spec.default_target : plain;
      percent[spec.id] = spec.unit == "%";
    }
  std::string problems;
  for (const auto& [id, t] : config.indicator_targets) {
    const std::string where = config_path + ":" + std::to_string(t.line) + ": indicator_targets: ";
    auto def = known.find(id);
    if (def == known.end()) {
      problems += where + "no indicator is called '" + id + "' (`annexa indicators` lists them)\n";
      continue;
    }
    // The bands as the run will use them: the council's fields over the defaults.
    indicators::Target band = def->second.value_or(indicators::Target{});
    if (t.minimum) band.minimum = t.minimum;
    if (t.upper) band.upper = t.upper;
    if (t.higher_is_better) band.higher_is_better = *t.higher_is_better;
    if (std::string why = indicators::TargetProblem(band, percent[id]); !why.empty())
      problems += where + "'" + id + "': " + why + "\n";
  }
  if (problems.empty()) return Status::Ok();
  problems.pop_back();
  return InvalidArgument(problems);
}

indicators::IndicatorOptions IndicatorOptionsFor(const mapping::MappedPack& pack) {
  indicators::IndicatorOptions o;
  o.reference_date = pack.facts.reference_date;
  o.child_population = pack.config.child_population;
  o.specs = pack.indicator_specs.get();
  o.targets = indicators::DefaultTargets(o.specs);
  // An indicator that is lower-is-better by definition keeps that direction
  // under a council's bands unless they say otherwise.
  if (o.specs)
    for (const indicators::IndicatorSpec& spec : o.specs->indicators)
      if (spec.lower_is_better && !o.targets.count(spec.id)) o.targets[spec.id].higher_is_better = false;
  for (const auto& [id, t] : pack.config.indicator_targets) {
    indicators::Target& target = o.targets[id];
    if (t.minimum) target.minimum = t.minimum;
    if (t.upper) target.upper = t.upper;
    if (t.higher_is_better) target.higher_is_better = *t.higher_is_better;
  }
  o.calendar = pack.facts.calendar;
  o.sources = &pack.tables;
  for (const auto& [role, src] : pack.config.indicator_sources) {
    indicators::SourceBinding& b = o.source_bindings[role];
    b.table = src.source;
    b.columns = src.columns;
    b.where = src.where;
    b.date_formats = src.date_formats;
  }
  return o;
}

int AuditWindow(const mapping::MappedPack& pack) {
  return audit::AuditWindowMonths(pack.spec, pack.config.lists.at(spec::kAuditedCasesList).window.months);
}

}  // namespace annexa::pack
