#include "cli/sandbox_option.h"

#include "core/text.h"

namespace annexa::cli {

Result<std::optional<PathGuard>> SandboxFromArgs(const ParsedArgs& args, const std::vector<std::string>& defaults) {
  if (!args.Has("sandbox") && !args.Has("allow-dir")) return std::optional<PathGuard>();
  std::vector<std::string> roots = defaults;
  if (args.Has("allow-dir")) roots = Split(args.Get("allow-dir"), ':');
  Result<PathGuard> guard = PathGuard::Make(roots);
  if (!guard.ok()) return guard.status();
  return std::optional<PathGuard>(std::move(*guard));
}

Status CheckSandboxed(const std::optional<PathGuard>& sandbox, const std::string& path, const std::string& what) {
  if (!sandbox || path.empty()) return Status::Ok();
  const std::string why = sandbox->Problem(path);
  if (why.empty()) return Status::Ok();
  return InvalidArgument(what + ": " + why + " (--sandbox)");
}

}  // namespace annexa::cli
