// The options `generate` and `audit` share for building a pack: --config
// and --out (both required, no positional words), --data-dir,
// --reference-date, and --sandbox / --allow-dir (by default the config's
// folder, --data-dir and --out), checked the same way with the same
// messages.
#pragma once

#include <optional>
#include <string>

#include "cli/app.h"
#include "core/path_guard.h"
#include "mapping/pack_builder.h"
#include "render/annex_workbook.h"

namespace annexa::cli {

struct PackArgs {
  mapping::PackOptions options;     // options.sandbox points into `sandbox`
  std::optional<PathGuard> sandbox;
};

// Fills `out` from `args` (specs root and fetcher from ctx). Returns
// kExitOk, or the exit code after printing why to ctx.err. `command` names
// the command in the usage message. Do not copy `out` after: it points
// into itself.
int ReadPackArgs(const ParsedArgs& args, AppContext& ctx, const std::string& command, PackArgs* out);

// The workbook's cover facts for `pack`: council, LA code, reference date,
// --generated-at (else the injected clock) and the tool's version.
render::WorkbookMeta WorkbookMetaFor(const mapping::MappedPack& pack, const ParsedArgs& args, const AppContext& ctx);

}  // namespace annexa::cli
