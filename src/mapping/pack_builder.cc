#include "mapping/pack_builder.h"

#include <atomic>
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "contracts/contract_checks.h"
#include "core/finding_kinds.h"
#include "core/resources.h"
#include "core/two_threads.h"
#include "mapping/code_resolver.h"
#include "mapping/config_loader.h"
#include "mapping/list_builder.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

namespace {

void Say(const PackOptions& o, const std::string& msg) {
  if (o.progress) o.progress(msg);
}

// The sources the lists actually use, so an unused broken source does not
// stop the run.
std::set<std::string> UsedSources(const CouncilConfig& c) {
  std::set<std::string> used;
  for (const auto& [n, list] : c.lists) {
    used.insert(list.from);
    for (const JoinConfig& j : list.joins) used.insert(j.table);
    ForEachRelatedTest(list, [&](const RelatedTest& t) { used.insert(t.rows.table); });
    for (const auto& [key, rule] : list.columns) {
      if (!rule.derive.table.empty()) used.insert(rule.derive.table);
      if (!rule.derive.plan_table.empty()) used.insert(rule.derive.plan_table);
    }
  }
  // The extra sources the indicators read (indicator_sources:).
  for (const auto& [role, src] : c.indicator_sources) used.insert(src.source);
  // A source with a contract is checked whether or not a list reads it.
  for (const auto& [name, s] : c.sources) {
    if (!s.contract) continue;
    used.insert(name);
    for (const contracts::Reference& ref : s.contract->references) used.insert(ref.target);
  }
  return used;
}

// True when the list has a column ApplyCrossListDerivations fills, so it
// is final only after every list is built.
bool DerivedAcrossLists(const ListConfig& list) {
  for (const auto& [key, rule] : list.columns)
    if (rule.kind == RuleKind::kDerive && rule.derive.kind == "case_status") return true;
  return false;
}

// A contract's `codes` check: a value is a known code of a map when the
// lists would resolve it through that map, in some column using it (the
// map's own keys, or Ofsted's values in any spelling the column's code set
// accepts: "WBRI", "White British", "2A").
class ContractCodes {
 public:
  ContractCodes(const CouncilConfig& c, const spec::SpecVersion& spec, const spec::ValueAliases& aliases) {
    std::set<std::pair<std::string, std::string>> seen;  // (map, column key): a column may have spellings of its own
    for (const auto& [n, list] : c.lists) {
      const spec::ListSpec* ls = spec.FindList(n);
      for (const auto& [key, rule] : list.columns) {
        const spec::ColumnSpec* col = ls && !rule.map.empty() ? ls->FindColumn(key) : nullptr;
        const spec::CodeSet* set = col ? spec.FindCodeSet(col->code_set) : nullptr;
        auto m = c.code_maps.find(rule.map);
        if (!set || m == c.code_maps.end() || !seen.emplace(rule.map, key).second) continue;
        resolvers_[rule.map].push_back(std::make_unique<CodeResolver>(*set, aliases, &m->second, key));
      }
    }
  }
  bool Known(const std::string& map, std::string_view value) const {
    auto it = resolvers_.find(map);
    if (it == resolvers_.end()) return false;
    for (const auto& r : it->second)
      if (r->Resolve(value)) return true;
    return false;
  }

 private:
  std::map<std::string, std::vector<std::unique_ptr<CodeResolver>>> resolvers_;
};

}  // namespace

Result<MappedPack> LoadPackConfig(const PackOptions& options) {
  MappedPack pack;
  Result<CouncilConfig> config = LoadCouncilConfig(options.config_path, options.data_dir, options.sandbox);
  if (!config.ok()) return config.status();
  pack.config = std::move(*config);
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(options.specs_root, pack.config.spec_version);
  if (!spec.ok()) return Status(spec.status().code() == StatusCode::kNotFound ? StatusCode::kInvalidArgument : spec.status().code(),
                                options.config_path + ": " + spec.status().message());
  pack.spec = std::move(*spec);
  Result<spec::ValueAliases> aliases = spec::LoadValueAliases(Resources::BesideSpecs(options.specs_root).ValueAliases());
  if (!aliases.ok()) return aliases.status();
  pack.aliases = std::move(*aliases);
  ANNEXA_RETURN_IF_ERROR(CheckConfigAgainstSpec(pack.config, pack.spec, pack.aliases));

  pack.facts.council = pack.config.council;
  pack.facts.la_code = pack.config.la_code;
  pack.facts.spec_id = pack.spec.id;
  if (options.reference_date) pack.facts.reference_date = *options.reference_date;
  else if (pack.config.reference_date) pack.facts.reference_date = *pack.config.reference_date;
  else return InvalidArgument(options.config_path + ": no reference date: set 'reference_date' in the config or pass --reference-date");
  return pack;
}

Status BuildPackLists(const PackOptions& options, MappedPack* out, const ListReady& ready) {
  MappedPack& pack = *out;
  auto announce = [&](size_t i) {
    if (ready) ready(i);
  };
  if (options.phase) options.phase(BuildPhase::kReading);
  Say(options, "reading sources");
  // Each source's own checks (its contract, then latest_per) run as soon as
  // it is read, before an SQL source reads it: a query sees the rows the
  // lists see, never an exact duplicate or a superseded record.
  contracts::DroppedDuplicates dropped;
  std::optional<ContractCodes> codes;
  std::set<std::string> checked;
  // Checks the contracts of the loaded sources not checked yet; with
  // `when_ready`, only those whose references are loaded too (a contract
  // naming a source built over the others waits for it).
  const auto check_contracts = [&](std::map<std::string, Table>* tables, bool when_ready) -> Status {
    std::map<std::string, const contracts::SourceContract*> contracted;
    for (const auto& [name, s] : pack.config.sources) {
      if (!s.contract || !tables->count(name) || checked.count(name)) continue;
      bool loaded = true;
      for (const contracts::Reference& ref : s.contract->references) loaded = loaded && tables->count(ref.target) > 0;
      if (loaded || !when_ready) contracted.emplace(name, &*s.contract);
    }
    if (contracted.empty()) return Status::Ok();
    if (checked.empty()) Say(options, "checking source contracts");
    if (!codes) codes.emplace(pack.config, pack.spec, pack.aliases);
    const contracts::KnownCode known = [&codes](const std::string& map, std::string_view value) {
      return codes->Known(map, value);
    };
    for (const auto& entry : contracted) checked.insert(entry.first);
    return contracts::CheckSourceContracts(pack.config.file, contracted, pack.config.code_maps, known, tables,
                                           &pack.findings, &dropped);
  };
  const SourcesRead prepare = [&](const std::set<std::string>& names, std::map<std::string, Table>* tables) -> Status {
    for (const std::string& name : names) pack.source_rows += static_cast<int64_t>(tables->at(name).size());
    ANNEXA_RETURN_IF_ERROR(check_contracts(tables, true));
    for (const std::string& name : names) {
      Table& t = tables->at(name);
      const SourceConfig& s = pack.config.sources.at(name);
      if (!s.latest_per) continue;
      const std::string where = Where(pack.config.file, s.latest_per->mark) + ": source '" + name + "' 'latest_per'";
      pack.before_latest_per[name] = t;
      Result<std::map<std::string, int64_t>> aside =
          KeepLatestPer(*s.latest_per, pack.facts.reference_date, where, &t, &pack.findings);
      if (!aside.ok()) return aside.status();
      if (!aside->empty()) pack.set_aside[name] = std::move(*aside);
    }
    return Status::Ok();
  };
  Result<std::map<std::string, Table>> tables =
      LoadSources(pack.config, UsedSources(pack.config), options.fetch, prepare, &pack.findings,
                  pack.facts.reference_date);
  if (!tables.ok()) {
    // A source that is missing or unreadable is an I/O failure (exit 3); a
    // missing credential variable stays a configuration problem (exit 2).
    const StatusCode code = tables.status().code();
    if (code == StatusCode::kNotFound || code == StatusCode::kParseError)
      return IoError(tables.status().message());
    return tables.status();
  }
  ANNEXA_RETURN_IF_ERROR(check_contracts(&*tables, false));

  JoinIndexCache join_indexes;
  DateColumnScans date_scans;
  BuildContext ctx{pack.spec, pack.config, *tables, pack.aliases, pack.facts.reference_date, &join_indexes,
                   &date_scans, &pack.set_aside};
  ctx.dropped_duplicates = &dropped;
  // The lists are independent until the cross-list step, so they are built
  // on two threads, each into its own findings, straight into their place
  // in pack.lists; the findings are gathered below in list order, so the
  // pack is the one a list-by-list build gives.
  const size_t n = pack.spec.lists.size();
  pack.lists.assign(n, AnnexList{});
  std::vector<Findings> list_findings(n, Findings(pack.findings.cap()));
  std::vector<Status> failed(n);
  std::vector<bool> waits(n, false);  // final only after the cross-list step
  for (size_t i = 0; i < n; ++i) {
    pack.lists[i].spec = &pack.spec.lists[i];
    auto it = pack.config.lists.find(pack.spec.lists[i].number);
    waits[i] = it != pack.config.lists.end() && DerivedAcrossLists(it->second);
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  auto build = [&] {
    for (size_t i; (i = next++) < n && !stop;) {
      auto it = pack.config.lists.find(pack.spec.lists[i].number);
      if (it == pack.config.lists.end()) {
        announce(i);
        continue;
      }
      Result<AnnexList> list = BuildList(ctx, it->second, &list_findings[i]);
      if (!list.ok()) {
        failed[i] = list.status();
        stop = true;
        continue;
      }
      pack.lists[i] = std::move(*list);
      if (!waits[i]) announce(i);
    }
  };
  // Announced up front, one message per list as before (rehearse times the
  // stage from the first of them).
  if (options.phase) options.phase(BuildPhase::kBuilding);
  for (const spec::ListSpec& ls : pack.spec.lists)
    if (pack.config.lists.count(ls.number)) Say(options, "building " + ls.title);
  RunOnTwoThreads(build);
  // A source column that writes its dates month first is reported once,
  // by its contract or by the first list (in list order) that reads it.
  std::set<std::pair<std::string, std::string>> order_reported;
  const std::string month_first_code(Describe(kinds::kMonthFirstDates).code);
  for (const Finding& f : pack.findings)
    if (f.code == month_first_code) order_reported.emplace(f.source, f.source_column);
  const auto gather = [&](Findings* from) {
    for (Finding& f : *from)
      if (f.code != month_first_code || order_reported.emplace(f.source, f.source_column).second)
        pack.findings.push_back(std::move(f));
    for (const auto& [key, count] : from->overflow()) pack.findings.Count(key, count);
  };
  for (size_t i = 0; i < n; ++i) {
    if (!failed[i].ok()) return failed[i];
    const spec::ListSpec& ls = pack.spec.lists[i];
    if (!pack.config.lists.count(ls.number)) {
      Finding f = MakeFinding(kinds::kListNotMapped, ls.title + " is not in the config: its sheet has headers only");
      f.list = ls.number;
      pack.findings.push_back(std::move(f));
      continue;
    }
    gather(&list_findings[i]);
  }
  ANNEXA_RETURN_IF_ERROR(ApplyCrossListDerivations(ctx, &pack.lists, &pack.findings));
  for (size_t i = 0; i < n; ++i)
    if (waits[i]) announce(i);
  if (auto it = pack.config.lists.find(spec::kAuditedCasesList); it != pack.config.lists.end()) {
    Say(options, "building the audited-case list");
    Findings audit_findings(pack.findings.cap());
    Result<AnnexList> audit = BuildList(ctx, it->second, &audit_findings);
    if (!audit.ok()) return audit.status();
    gather(&audit_findings);
    pack.audit = std::move(*audit);
  }
  announce(n);
  // Kept for what is computed after the lists: the key indicators read a
  // council's extra sources, and the past month-ends are rebuilt from them.
  pack.tables = std::move(*tables);
  return Status::Ok();
}

Result<MappedPack> BuildPack(const PackOptions& options) {
  Result<MappedPack> pack = LoadPackConfig(options);
  if (!pack.ok()) return pack.status();
  ANNEXA_RETURN_IF_ERROR(BuildPackLists(options, &*pack));
  return pack;
}

}  // namespace annexa::mapping
