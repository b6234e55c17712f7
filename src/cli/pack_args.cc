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
  pack::PackRequest& r = out->request;
  r.config_path = args.Get("config");
  r.out_dir = args.Get("out");
  r.data_dir = args.Get("data-dir");
  r.resources = ctx.resources;
  r.template_path = args.Get("template");
  if (int rc = ReadReferenceDate(args, ctx, &r.reference_date); rc != kExitOk) return rc;
  if (args.Has("generated-at")) r.generated_at = args.Get("generated-at");
  r.clock = ctx.now;
  r.fetch = ctx.fetch;
  r.notice = [&err = ctx.err](const std::string& line) { err << "annexa: " << line << "\n" << std::flush; };
  Result<std::optional<PathGuard>> sandbox = SandboxFromArgs(
      args, {std::filesystem::path(r.config_path).parent_path().string(), r.data_dir, r.out_dir});
  if (!sandbox.ok()) return ReportFailure(sandbox.status(), ctx);
  for (const char* given : {"config", "data-dir", "out", "template"})
    if (Status s = CheckSandboxed(*sandbox, args.Get(given), std::string("--") + given); !s.ok()) return ReportFailure(s, ctx);
  out->sandbox = std::move(*sandbox);
  if (out->sandbox) r.sandbox = &*out->sandbox;
  return kExitOk;
}

}  // namespace annexa::cli
