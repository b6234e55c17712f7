#include "validate/root_causes.h"

#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace annexa::validate {

RootCauses FindRootCauses(const Findings& findings) {
  RootCauses out;
  out.root_of.reserve(findings.size());
  // A source cell: its file, row and column, joined (none holds '\x1f').
  std::unordered_map<std::string, uint32_t> cell_root;
  std::string key;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    uint32_t root = 0;
    if (f.source_row > 0 && !f.source_column.empty() && !f.source.empty()) {
      key.assign(f.source).append(1, '\x1f').append(std::to_string(f.source_row)).append(1, '\x1f').append(f.source_column);
      auto [it, fresh] = cell_root.try_emplace(key, static_cast<uint32_t>(out.first.size() + 1));
      root = it->second;
      if (!fresh) {
        ++out.findings[root - 1];
        out.root_of.push_back(root);
        continue;
      }
    } else {
      root = static_cast<uint32_t>(out.first.size() + 1);
    }
    out.first.push_back(i);
    out.findings.push_back(1);
    out.root_of.push_back(root);
  }
  return out;
}

std::map<std::pair<Severity, std::string>, int64_t> CountRootCauses(const Findings& findings) {
  std::map<std::pair<Severity, std::string>, int64_t> out;
  const RootCauses roots = FindRootCauses(findings);
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> worst(roots.count(), kNone);
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].Explained()) continue;
    size_t& w = worst[roots.root_of[i] - 1];
    if (w == kNone || findings[i].severity < findings[w].severity) w = i;
  }
  for (size_t w : worst)
    if (w != kNone) ++out[{findings[w].severity, findings[w].code}];
  for (const auto& [key, n] : findings.overflow()) out[{key.severity, key.code}] += n;
  return out;
}

}  // namespace annexa::validate
