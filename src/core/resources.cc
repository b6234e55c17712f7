#include "core/resources.h"

#include <cstdlib>
#include <filesystem>

namespace annexa {

namespace fs = std::filesystem;

Resources Resources::Under(const std::string& root) {
  const fs::path r(root);
  return {(r / "annex_a_specs").string(), (r / "output_templates").string(), (r / "config").string()};
}

Resources Resources::BesideSpecs(const std::string& specs_dir) {
  Resources r = Under(fs::path(specs_dir).lexically_normal().parent_path().string());
  r.specs_dir = specs_dir;
  return r;
}

Resources DefaultResources() {
  if (const char* env = std::getenv("ANNEXA_SPECS_DIR"); env && *env) return Resources::BesideSpecs(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share/annexa";
    if (fs::exists(installed / "annex_a_specs", ec)) return Resources::Under(installed.string());
  }
  return Resources::Under(ANNEXA_SOURCE_DIR);
}

}  // namespace annexa
