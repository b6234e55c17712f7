// The mapping stage end to end: loads a council config, the spec version it
// names, the built-in value aliases and every source, then builds all the
// lists the config maps (cross-list derivations last). Rendering is a later
// stage (render/); this returns the in-memory lists and findings.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/path_guard.h"
#include "core/run_facts.h"
#include "core/status.h"
#include "lists/annex_list.h"
#include "mapping/config_model.h"
#include "mapping/latest_per.h"
#include "mapping/source_loader.h"
#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::indicators {
struct IndicatorSpecs;  // indicators/indicator_spec.h, loaded with the config by pack::RunPack
}  // namespace annexa::indicators

namespace annexa::mapping {

// The two phases of BuildPackLists, announced as each begins.
enum class BuildPhase { kReading, kBuilding };

struct PackOptions {
  std::string config_path;
  std::string specs_root;                    // annex_a_specs/
  std::optional<CivilDate> reference_date;   // overrides the config's
  std::string data_dir;                      // overrides the config's base_dir
  Fetcher fetch;                             // HTTP(S); default sources::HttpFetch
  std::function<void(const std::string&)> progress;  // stage messages; may be empty
  std::function<void(BuildPhase)> phase;             // may be empty
  const PathGuard* sandbox = nullptr;        // --sandbox: source files must lie inside
};

struct MappedPack {
  CouncilConfig config;
  spec::SpecVersion spec;
  // Council, LA code, spec id and reference date, settled by LoadPackConfig;
  // the caller adds the clock and the calendar (pack::RunPack).
  RunFacts facts;
  std::vector<AnnexList> lists;  // ascending list number, one per list of the spec
  std::optional<AnnexList> audit;  // the audited-case list, when the config maps one (`audit:`)
  Findings findings;
  int64_t source_rows = 0;       // rows read from every source
  SetAsideRows set_aside;        // rows sources' `latest_per` set aside, by source and reason
  spec::ValueAliases aliases;    // the built-in value aliases the lists were mapped with
  // Every source read, by name, as the lists were built from it (after its
  // contract and `latest_per`): kept once the lists are built.
  std::map<std::string, Table> tables;
  // The indicators written as data (the shipped annex_a_specs/indicators.yaml
  // and the config's indicators_file), loaded and checked against the spec
  // by pack::RunPack's load step; nullptr when not loaded (the built-in
  // indicators only). Held here so every computation of the indicators from
  // this pack (at R and at past dates) sees the same definitions.
  std::shared_ptr<const indicators::IndicatorSpecs> indicator_specs;
  // Each source with `latest_per`, as read (after its contract) before
  // latest_per chose its rows at the reference date, so the lists can be
  // rebuilt at a past date with latest_per re-applied there
  // (pack/past_lists.h). A copy shares the rows' text with the source
  // read; it costs the per-row and per-cell offsets of those sources only.
  std::map<std::string, Table> before_latest_per;
};

// kInvalidArgument / kParseError for config problems (exit 2), kNotFound /
// kIoError / kLimitExceeded for unreadable sources (exit 3).
Result<MappedPack> BuildPack(const PackOptions& options);

// BuildPack in two steps, for a caller that starts on the lists while the
// rest are still being built (annexa generate writes each list's sheet as
// soon as it is final):
// LoadPackConfig loads the config, its spec version and the value aliases
// and settles the reference date; no source is read and no list built.
Result<MappedPack> LoadPackConfig(const PackOptions& options);
// Called once for each index of pack->lists when that list is final (no
// longer written to), then once with pack->lists.size() when the
// audited-case list is (or is known not to be mapped). Called from any
// thread, in no particular order; pack->lists is sized before the first
// call and not resized after.
using ListReady = std::function<void(size_t index)>;
// Reads the sources and builds the lists of a pack from LoadPackConfig.
Status BuildPackLists(const PackOptions& options, MappedPack* pack, const ListReady& ready = nullptr);

}  // namespace annexa::mapping
