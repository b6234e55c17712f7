#include "cli/pack_args.h"

#include <filesystem>
#include <ostream>

#include "cli/sandbox_option.h"

namespace annexa::cli {

int ReadPackArgs(const ParsedArgs& args, AppContext& ctx, const std::string& command, PackArgs* out) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  if (!args.Has("config") || !args.Has("out")) {
    ctx.err << "annexa: " << command << " needs --config FILE and --out DIR (see: annexa " << command << " --help)\n";
    return kExitUsage;
  }
  mapping::PackOptions& options = out->options;
  options.config_path = args.Get("config");
  options.specs_root = ctx.specs_root;
  options.data_dir = args.Get("data-dir");
  if (args.Has("reference-date")) {
    options.reference_date = CivilDate::Parse(args.Get("reference-date"));
    if (!options.reference_date) {
      ctx.err << "annexa: --reference-date must be a date like 2026-11-23, not '" << args.Get("reference-date") << "'\n";
      return kExitUsage;
    }
  }
  options.fetch = ctx.fetch;
  Result<std::optional<PathGuard>> sandbox = SandboxFromArgs(
      args, {std::filesystem::path(options.config_path).parent_path().string(), options.data_dir, args.Get("out")});
  if (!sandbox.ok()) return ReportFailure(sandbox.status(), ctx);
  for (const char* given : {"config", "data-dir", "out", "template"})
    if (Status s = CheckSandboxed(*sandbox, args.Get(given), std::string("--") + given); !s.ok()) return ReportFailure(s, ctx);
  out->sandbox = std::move(*sandbox);
  if (out->sandbox) options.sandbox = &*out->sandbox;
  return kExitOk;
}

render::WorkbookMeta WorkbookMetaFor(const mapping::MappedPack& pack, const ParsedArgs& args, const AppContext& ctx) {
  render::WorkbookMeta meta;
  meta.council = pack.config.council;
  meta.la_code = pack.config.la_code;
  meta.reference_date = pack.reference_date;
  meta.generated_at = args.Has("generated-at") ? args.Get("generated-at") : ctx.now ? ctx.now() : "2000-01-01T00:00:00";
  meta.tool_version = std::string("annexa ") + ANNEXA_VERSION;
  return meta;
}

}  // namespace annexa::cli
