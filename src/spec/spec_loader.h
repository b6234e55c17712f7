// Loads an Annex A template version from annex_a_specs/ into the typed
// model (spec_model.h) and checks it completely before any data is read:
// unknown or missing keys, bad types and bounds, duplicate columns,
// undefined code sets, bad references. Every problem is reported, each as
// "file:line:col: what is wrong", one per line of the Status message.
//
// Folder layout (docs/spec_format.md):
//   <root>/codes.yaml, <root>/columns.yaml      shared by every version
//   <root>/<version>/version.yaml               names its list files, may
//                                               name a `base` version whose
//                                               lists it inherits
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "spec/spec_model.h"

namespace annexa::spec {

inline constexpr const char* kDefaultSpecVersion = "ilacs-2023";

// Loads `version` (a folder name under `specs_root`). kNotFound when there
// is no such version; kParseError listing every problem found.
Result<SpecVersion> LoadSpecVersion(const std::string& specs_root, const std::string& version);

// The same loader reading YAML texts held in memory, keyed by their path
// under the root ("codes.yaml", "v1/version.yaml", "v1/list_01.yaml");
// messages name them "<display_root>/<path>". Reads no file: the spec
// fuzzer and its regression tests use it.
Result<SpecVersion> LoadSpecVersionFromTexts(const std::map<std::string, std::string>& files,
                                             const std::string& version, const std::string& display_root);

// Folders under `specs_root` holding a version.yaml, sorted by name.
std::vector<std::string> AvailableVersions(const std::string& specs_root);

}  // namespace annexa::spec
