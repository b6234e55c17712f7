// Sources built over other sources (an SQL source reads the Tables of the
// sources its query names): which sources each one reads, checked when the
// config loads, and the order the source loader reads them in.
#pragma once

#include <set>
#include <string>

#include "core/yaml_reader.h"
#include "mapping/config_model.h"

namespace annexa::mapping {

// Sets SourceConfig::inputs of each source whose kind reads others (asking
// the kind), and reports at the source's line a name no source has and a
// cycle (a source that reads itself, directly or through others).
void ResolveSourceInputs(const FileReader& r, CouncilConfig* config);

// `names` with every source they read, directly or through others.
std::set<std::string> WithInputs(const CouncilConfig& config, const std::set<std::string>& names);

}  // namespace annexa::mapping
