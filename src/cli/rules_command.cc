#include "cli/rules_command.h"

#include <ostream>

#include "validate/rules.h"

namespace annexa::cli {

int RunRules(const ParsedArgs& args, AppContext& ctx) {
  if (!args.positionals.empty()) {
    ctx.err << "annexa: unexpected argument '" << args.positionals[0] << "'\n";
    return kExitUsage;
  }
  ctx.out << (args.Has("markdown") ? validate::RulesMarkdown() : validate::RulesText());
  return kExitOk;
}

}  // namespace annexa::cli
