#include "core/path_guard.h"

#include <filesystem>
#include <system_error>

#include "core/text.h"

namespace annexa {

namespace fs = std::filesystem;

std::string PathGuard::Resolve(const std::string& path) {
  if (path.empty()) return "";
  std::error_code ec;
  // absolute() first: weakly_canonical on a relative path keeps it relative
  // when no prefix of it exists.
  const fs::path abs = fs::absolute(path, ec);
  if (ec) return "";
  // weakly_canonical follows every symlink in the part that exists (a link
  // to outside is caught even when the file behind it is missing), then
  // normalises the missing tail lexically: nothing there can be a link.
  const fs::path real = fs::weakly_canonical(abs, ec);
  if (ec) return "";
  std::string out = real.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

Result<PathGuard> PathGuard::Make(const std::vector<std::string>& roots) {
  PathGuard guard;
  for (const std::string& root : roots) {
    if (root.empty()) continue;
    const std::string r = Resolve(root);
    if (r.empty()) return InvalidArgument("--allow-dir: cannot resolve '" + root + "'");
    guard.roots_.push_back(r);
  }
  if (guard.roots_.empty()) return InvalidArgument("--sandbox needs at least one allowed folder");
  return guard;
}

bool PathGuard::Allows(const std::string& path, std::string* resolved) const {
  const std::string r = Resolve(path);
  if (resolved) *resolved = r;
  if (r.empty()) return false;
  for (const std::string& root : roots_) {
    if (r == root) return true;
    // Component-wise: /data/council must not allow /data/council-old.
    const std::string prefix = root == "/" ? root : root + "/";
    if (StartsWith(r, prefix)) return true;
  }
  return false;
}

std::string PathGuard::Problem(const std::string& path, const std::string& shown) const {
  std::string resolved;
  if (Allows(path, &resolved)) return "";
  return "'" + (shown.empty() ? path : shown) + "' resolves to " + (resolved.empty() ? std::string("nothing readable") : resolved) +
         ", outside the allowed folders (" + Join(roots_, ", ") + ")";
}

}  // namespace annexa
