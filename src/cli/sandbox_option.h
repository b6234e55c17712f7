// `--sandbox` and `--allow-dir` for generate, rehearse and validate: the
// command-line half of core/path_guard.h. The config loader checks the
// paths a config names; this checks the ones the command line and the
// output template name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/path_guard.h"
#include "core/status.h"

namespace annexa::cli {

inline constexpr OptionSpec kSandboxOption{
    "sandbox", "", "read and write only inside the allowed folders (docs/config.md, \"Sandbox\")"};
inline constexpr OptionSpec kAllowDirOption{
    "allow-dir", "DIRS", "the allowed folders, ':'-separated; implies --sandbox"};

// nullopt when neither option is given. The allowed folders are those of
// --allow-dir, else `defaults` (empty entries skipped). kInvalidArgument
// when a folder cannot be resolved.
Result<std::optional<PathGuard>> SandboxFromArgs(const ParsedArgs& args, const std::vector<std::string>& defaults);

// kInvalidArgument "<what>: '<path>' resolves to ..., outside the allowed
// folders (...) (--sandbox)" when `path` is outside; Ok without a sandbox.
Status CheckSandboxed(const std::optional<PathGuard>& sandbox, const std::string& path, const std::string& what);

}  // namespace annexa::cli
