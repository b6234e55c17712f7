// The driver: every entry of the indicator table computed over the lists,
// then the council's targets (or the defaults) and the RAG. The definitions
// are in the area files; docs/indicators.md is generated from the same table.
#include "indicators/key_indicators.h"

#include <optional>

#include <cstdio>

#include <utility>

#include "indicators/data_indicators.h"
#include "indicators/list_cells.h"
#include "indicators/indicator_table.h"

namespace annexa::indicators {
namespace {

std::string Rag(double value, const Target& t) {
  if (std::isnan(value) || (!t.minimum && !t.upper)) return "";
  auto meets = [&](double bound) { return t.higher_is_better ? value >= bound : value <= bound; };
  if (t.upper && t.minimum) {
    if (meets(*t.upper)) return "green";
    if (meets(*t.minimum)) return "amber";
    return "red";
  }
  // Only one threshold: meeting it is green, missing it red.
  double bound = t.upper ? *t.upper : *t.minimum;
  return meets(bound) ? "green" : "red";
}

}  // namespace

std::map<std::string, Target> DefaultTargets(const IndicatorSpecs* specs) {
  std::map<std::string, Target> targets;
  for (const IndicatorDef& def : IndicatorTable())
    if (def.default_target) targets[def.id] = *def.default_target;
  if (specs)
    for (const IndicatorSpec& spec : specs->indicators)
      if (spec.default_target) targets[spec.id] = *spec.default_target;
  return targets;
}

std::string TargetProblem(const Target& t, bool percent) {
  auto text = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };
  if (percent)
    for (const auto& [name, v] : {std::pair{"minimum", t.minimum}, std::pair{"upper", t.upper}})
      if (v && (*v < 0 || *v > 100)) return std::string(name) + " " + text(*v) + " is not a percentage (0 to 100)";
  if (t.minimum && t.upper) {
    if (t.higher_is_better && *t.minimum > *t.upper)
      return "minimum " + text(*t.minimum) + " is above the upper target " + text(*t.upper) +
             " (higher is better: the minimum is the lower band)";
    if (!t.higher_is_better && *t.minimum < *t.upper)
      return "minimum " + text(*t.minimum) + " is below the upper target " + text(*t.upper) +
             " (lower is better: the minimum is the higher band)";
  }
  return "";
}

std::vector<Indicator> ComputeIndicators(const std::vector<AnnexList>& lists, const IndicatorOptions& options) {
  // The table's indicators look their columns up before reading any row,
  // so a run over empty lists notes them all (list_cells.h).
  std::optional<ColumnReadRecorder> recorder;
  if (options.columns_read) recorder.emplace(options.columns_read);
  const Inputs in(lists, options);
  // The data-defined indicators first (the seed's measures), then the table's.
  std::vector<Indicator> out = ComputeDataIndicators(lists, options);
  for (Indicator& ind : out) {
    auto own = options.targets.find(ind.id);
    if (own != options.targets.end()) ind.target = own->second;
    ind.rag = ind.not_configured.empty() ? Rag(ind.value, ind.target) : "";
  }
  for (const IndicatorDef& def : IndicatorTable()) {
    if (def.needs_child_population && options.child_population <= 0) continue;
    in.read.clear();
    Measure m = def.compute(in);
    if (options.lists_read) (*options.lists_read)[def.id] = in.read;
    Indicator ind;
    ind.id = def.id;
    ind.reference = def.reference;
    ind.title = def.title;
    ind.definition = def.definition;
    ind.period = def.period;
    ind.unit = def.unit;
    ind.numerator = m.numerator;
    ind.denominator = m.denominator;
    ind.value = m.value;
    // The council's own target replaces the default for that id entirely.
    auto own = options.targets.find(def.id);
    if (own != options.targets.end()) {
      ind.target = own->second;
    } else if (def.default_target) {
      ind.target = *def.default_target;
    }
    ind.rag = Rag(ind.value, ind.target);
    out.push_back(std::move(ind));
  }
  return out;
}

}  // namespace annexa::indicators
