#include "cli/rules_command.h"

#include <ostream>

#include "render/rules_table.h"

namespace annexa::cli {

int RunRules(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  ctx.out << (args.Has("markdown") ? render::RulesMarkdown() : render::RulesText());
  return kExitOk;
}

}  // namespace annexa::cli
