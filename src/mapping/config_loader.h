// Loads a council's mapping config (docs/config.md) and checks it, first on
// its own (keys, types, references between its parts), then against the
// Annex A spec version it names (list numbers, column keys, code maps whose
// targets must be values of the column's code set). Every problem is
// reported as "file:line:col: what is wrong", one per line.
#pragma once

#include <string>

#include "core/path_guard.h"
#include "core/status.h"
#include "mapping/config_model.h"
#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

// kNotFound when the file is missing; kParseError listing every problem.
// `data_dir`, when given, replaces the config's base_dir (where source
// files are looked for): ready-made profiles are used this way.
// `sandbox`, when given, is a problem for every source file and the output
// template that resolves outside its allowed folders (docs/config.md,
// "Sandbox"), reported at the line that names it.
Result<CouncilConfig> LoadCouncilConfig(const std::string& path, const std::string& data_dir = "",
                                        const PathGuard* sandbox = nullptr);

// The same for the config's YAML text already in memory (the fuzzer feeds
// it this way); `path` names it in messages and places base_dir. Reads no
// file.
Result<CouncilConfig> ParseCouncilConfig(const std::string& yaml_text, const std::string& path,
                                         const std::string& data_dir = "", const PathGuard* sandbox = nullptr);

// Checks `config` against `spec`; kParseError listing every problem.
// Resolves code map targets to Ofsted display strings in place (a map may
// name "F" or "Female" for "b) Female").
Status CheckConfigAgainstSpec(CouncilConfig& config, const spec::SpecVersion& spec,
                              const spec::ValueAliases& aliases);

}  // namespace annexa::mapping
