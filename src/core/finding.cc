#include "core/finding.h"

#include "core/finding_kinds.h"
#include "core/text.h"

#include <algorithm>

namespace annexa {

const char* ToString(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "?";
}

}  // namespace annexa

namespace annexa {

namespace {

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

Findings::Findings(std::initializer_list<Finding> findings) {
  for (const Finding& f : findings) push_back(f);
}

void Findings::push_back(Finding f) {
  auto it = per_code_.find(f.code);
  if (it == per_code_.end()) it = per_code_.emplace(f.code, 0).first;
  if (it->second >= cap_) {
    ++overflow_[{std::move(f.code), f.severity, f.list}];
    return;
  }
  ++it->second;
  stored_.push_back(std::move(f));
}

void Findings::Append(Findings&& other) {
  if (stored_.empty() && overflow_.empty() && other.cap_ == cap_) {
    *this = std::move(other);
    return;
  }
  for (Finding& f : other.stored_) push_back(std::move(f));
  for (const auto& [key, n] : other.overflow_) overflow_[key] += n;
  other.clear();
}

void Findings::Append(const Findings& other) {
  for (const Finding& f : other.stored_) push_back(f);
  for (const auto& [key, n] : other.overflow_) overflow_[key] += n;
}

void Findings::resize(size_t n) {
  if (n >= stored_.size()) return;
  for (size_t i = n; i < stored_.size(); ++i) --per_code_[stored_[i].code];
  stored_.resize(n);
}

void Findings::clear() {
  stored_.clear();
  per_code_.clear();
  overflow_.clear();
}

void Findings::DropBelow(Severity floor) {
  auto below = [&](Severity s) { return static_cast<int>(s) > static_cast<int>(floor); };
  std::vector<Finding> kept;
  kept.reserve(stored_.size());
  per_code_.clear();
  for (Finding& f : stored_)
    if (!below(f.severity)) {
      ++per_code_[f.code];
      kept.push_back(std::move(f));
    }
  stored_ = std::move(kept);
  std::erase_if(overflow_, [&](const auto& entry) { return below(entry.first.severity); });
}

void Findings::SetCap(size_t cap) {
  cap_ = cap;
  std::vector<Finding> all = std::move(stored_);
  stored_.clear();
  per_code_.clear();
  Overflow counted = std::move(overflow_);
  overflow_.clear();
  for (Finding& f : all) push_back(std::move(f));
  for (const auto& [key, n] : counted) overflow_[key] += n;
}

int64_t Findings::not_stored() const {
  int64_t n = 0;
  for (const auto& [key, count] : overflow_) n += count;
  return n;
}

std::string FindingIdentity(const Finding& f) {
  constexpr char kSep = '\x1f';
  std::string id = f.code + kSep + std::to_string(f.list) + kSep + f.column + kSep;
  // One finding that stands for a spelling in many rows (code-spelling,
  // number-spelling) is about the spelling, not the first row's child.
  const bool per_spelling =
      f.code == Describe(kinds::kCodeSpelling).code || f.code == Describe(kinds::kNumberSpelling).code;
  if (!f.child.empty() && !per_spelling) return id + f.child;
  id += kSep;  // no child
  id += SourceFileName(f.source);
  return id + kSep + f.value;
}

std::string NotStoredMessage(const Findings::OverflowKey& key, int64_t count, size_t cap) {
  return "a further " + Thousands(static_cast<uint64_t>(count)) + " " + key.code + " " + ToString(key.severity) +
         (count == 1 ? "" : "s") + " counted, not stored: at most " + Thousands(cap) + " findings of one rule are kept";
}

}  // namespace annexa
