#include "history/run_diff.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace annexa::history {

namespace {

std::string Signed(int64_t d) { return (d > 0 ? "+" : "") + std::to_string(d); }

}  // namespace

std::string DiffRuns(const RunSummary& a, const RunSummary& b) {
  std::string out = "From " + a.generated_at + " (reference date " + a.reference_date + ") to " + b.generated_at +
                    " (reference date " + b.reference_date + ")\n\n";
  out += "List  Rows                 Filled               Errors\n";
  for (const auto& lb : b.lists) {
    auto it = std::find_if(a.lists.begin(), a.lists.end(), [&](const auto& x) { return x.number == lb.number; });
    const RunSummary::List la = it == a.lists.end() ? RunSummary::List{} : *it;
    char line[160];
    std::snprintf(line, sizeof line, "%4d  %6lld -> %-6lld %5s  %5.1f%% -> %5.1f%%   %5lld -> %-5lld\n", lb.number,
                  static_cast<long long>(la.rows), static_cast<long long>(lb.rows),
                  lb.rows == la.rows ? "" : Signed(lb.rows - la.rows).c_str(), la.filled_percent, lb.filled_percent,
                  static_cast<long long>(la.errors), static_cast<long long>(lb.errors));
    out += line;
  }
  const std::set<std::string> ka(a.finding_keys.begin(), a.finding_keys.end()),
      kb(b.finding_keys.begin(), b.finding_keys.end());
  std::map<std::string, std::pair<int64_t, int64_t>> change;  // code -> closed, opened
  for (const std::string& k : ka)
    if (!kb.count(k)) ++change[k.substr(0, k.find('|'))].first;
  for (const std::string& k : kb)
    if (!ka.count(k)) ++change[k.substr(0, k.find('|'))].second;
  int64_t closed = 0, opened = 0;
  for (const auto& [code, c] : change) {
    closed += c.first;
    opened += c.second;
  }
  out += "\nFindings: " + std::to_string(closed) + " closed, " + std::to_string(opened) + " opened\n";
  for (const auto& [code, c] : change) {
    char line[120];
    std::snprintf(line, sizeof line, "  %-24s %5lld closed %5lld opened\n", code.c_str(), static_cast<long long>(c.first),
                  static_cast<long long>(c.second));
    out += line;
  }
  // A rule over its cap in either run: its findings beyond the cap have no
  // keys, so closed and opened compare the stored ones only.
  std::set<std::string> capped;
  for (const RunSummary* s : {&a, &b})
    for (const auto& [code, n] : s->not_stored) capped.insert(code);
  for (const std::string& code : capped) {
    const auto count = [&](const std::map<std::string, int64_t>& m) {
      const auto it = m.find(code);
      return static_cast<long long>(it == m.end() ? 0 : it->second);
    };
    char line[200];
    std::snprintf(line, sizeof line, "  %-24s %lld -> %lld in all; beyond the cap (counted, not compared): %lld -> %lld\n",
                  code.c_str(), count(a.by_code), count(b.by_code), count(a.not_stored), count(b.not_stored));
    out += line;
  }
  return out;
}

}  // namespace annexa::history
