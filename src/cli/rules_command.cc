#include "cli/rules_command.h"

#include <ostream>

#include "render/rules_table.h"
#include "spec/spec_loader.h"

namespace annexa::cli {

int RunRules(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  // The data rules are the default version's (with those it inherits).
  Result<spec::SpecVersion> spec = spec::LoadSpecVersion(ctx.resources.specs_dir, spec::kDefaultSpecVersion);
  if (!spec.ok()) {
    ctx.err << "annexa: " << spec.status().message() << "\n";
    return kExitIo;
  }
  ctx.out << (args.Has("markdown") ? render::RulesMarkdown(*spec) : render::RulesText(*spec));
  return kExitOk;
}

}  // namespace annexa::cli
