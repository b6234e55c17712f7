// The steps RunPack's two kinds of pack share: loading the config and the
// run's facts, building the lists, the stage bookkeeping the observer
// hears, and small reckonings over the findings. Internal to src/pack/.
#pragma once

#include <optional>

#include "core/staged_dir.h"
#include "indicators/key_indicators.h"
#include "mapping/pack_builder.h"
#include "pack/run_pack.h"

namespace annexa::pack {

class Run {
 public:
  Run(const PackRequest& request, PackObserver& listener) : observer(listener), request_(request) {}
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // The config, its spec version and value aliases, the reference date,
  // the clock and the calendar (RunFacts), then the staging folder.
  Status Load();
  // Reads the sources and builds the lists (mapping::BuildPackLists);
  // `ready` hears each list as it is final.
  Status Build(const mapping::ListReady& ready);
  // The main thread turns to `stage`: the observer hears the one before end.
  void Enter(Stage stage);
  // The last stage has ended.
  void Finish();

  PackObserver& observer;
  mapping::MappedPack pack;
  std::optional<StagedDir> staged;

 private:
  mapping::PackOptions Options();

  const PackRequest& request_;
  std::optional<Stage> current_;
};

// Drops the findings less severe than `floor`. True when any error was
// found (errors decide the exit code whatever the floor).
bool KeepFindings(Severity floor, Findings* findings);
// result->findings_by_code and result->findings from `findings`, and the
// explained ones apart (explained_by_code, findings_explained).
void CountFindings(const Findings& findings, PackResult* result);
// The key indicators' options: the reference date and working-day
// calendar of the run, the council's population and targets, the
// indicators written as data (pack.indicator_specs), the pack's kept source
// tables and the config's indicator_sources. Valid while `pack` lives.
indicators::IndicatorOptions IndicatorOptionsFor(const mapping::MappedPack& pack);
// The config's indicator_targets checked against the indicators: an
// unknown id, or bands that contradict each other or (for a percentage) lie
// outside 0-100, is kInvalidArgument naming the config's line; all at once.
// `specs` (may be nullptr) adds the indicators written as data.
Status CheckIndicatorTargets(const std::string& config_path, const mapping::CouncilConfig& config,
                             const indicators::IndicatorSpecs* specs);
// The indicators written as data for this pack: the shipped file beside the
// specs and the config's `indicators_file`, checked against the pack's spec;
// and the config's `indicator_sources` checked against their roles (each
// role known, exactly its columns mapped). kInvalidArgument naming file and
// line otherwise (exit 2).
Result<std::shared_ptr<const indicators::IndicatorSpecs>> LoadPackIndicators(const std::string& specs_dir,
                                                                            const std::string& config_path,
                                                                            const mapping::MappedPack& pack);
// The audited cases' window in months (the config's, else the spec's).
int AuditWindow(const mapping::MappedPack& pack);

}  // namespace annexa::pack
