#include "indicators/rag_tally.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace annexa::indicators {

std::optional<TargetDistance> DistanceToTarget(const Indicator& ind) {
  if (ind.rag != "red" || std::isnan(ind.value)) return std::nullopt;
  // Red is short of the minimum, or of the only band when just one is set
  // (key_indicators.cc: Rag).
  const std::optional<double>& band = ind.target.minimum ? ind.target.minimum : ind.target.upper;
  if (!band) return std::nullopt;
  TargetDistance d;
  d.target = *band;
  d.distance = ind.value - *band;
  const double miss = std::fabs(d.distance);
  d.near = ind.unit == "%" ? miss < kNearMiss : miss < std::fabs(*band) * kNearMiss / 100.0;
  return d;
}

RagTally TallyRag(const std::vector<Indicator>& indicators) {
  RagTally t;
  for (const Indicator& ind : indicators) {
    if (ind.unit == "count") {
      ++t.counts;
    } else if (!ind.not_configured.empty()) {
      ++t.not_configured;
    } else if (std::isnan(ind.value)) {
      ++t.no_value;
    } else if (ind.rag == "green") {
      ++t.green;
    } else if (ind.rag == "amber") {
      ++t.amber;
    } else if (ind.rag == "red") {
      ++t.red;
      const std::optional<TargetDistance> d = DistanceToTarget(ind);
      if (d && d->near) ++t.near_reds;
    } else {
      ++t.no_target;
    }
  }
  return t;
}

namespace {

// "1 is a number of children" / "3 are numbers of children".
std::string Are(int n, const char* one, const char* many) {
  return std::to_string(n) + (n == 1 ? " is " : " are ") + (n == 1 ? one : many);
}
std::string Have(int n, const char* what) { return std::to_string(n) + (n == 1 ? " has " : " have ") + what; }

}  // namespace

std::string TallySentence(const RagTally& t) {
  std::vector<std::string> parts;
  if (t.counts) parts.push_back(Are(t.counts, "a number of children", "numbers of children"));
  if (t.not_configured) parts.push_back(Are(t.not_configured, "not configured", "not configured"));
  if (t.no_value) parts.push_back(Have(t.no_value, "no value (nothing to divide by)"));
  if (t.no_target) parts.push_back(Have(t.no_target, "no target"));
  const int rated = t.Rated();
  if (rated) {
    const bool others = !parts.empty();
    std::string s = others ? "of the other " + std::to_string(rated) + ", " : "of the " + std::to_string(rated) + ", ";
    s += std::to_string(t.green) + (t.green == 1 ? " is" : " are") + " green, " +
         std::to_string(t.amber) + " amber, " + std::to_string(t.red) + " red";
    parts.push_back(s);
    if (t.red)
      parts.push_back("of the " + std::to_string(t.red) + (t.red == 1 ? " red, " : " reds, ") +
                      std::to_string(t.near_reds) + (t.near_reds == 1 ? " misses" : " miss") +
                      " the target by less than 3%");
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string DistanceText(const Indicator& ind) {
  const std::optional<TargetDistance> d = DistanceToTarget(ind);
  if (!d) return "";
  char buf[48];
  // A miss that rounds to 0.0 is shown to two places: a red never reads "+0.0".
  const char* format = std::fabs(d->distance) < 0.05 ? "%+.2f%s" : "%+.1f%s";
  std::snprintf(buf, sizeof buf, format, d->distance, ind.unit == "%" ? " pts" : "");
  return buf;
}

}  // namespace annexa::indicators
