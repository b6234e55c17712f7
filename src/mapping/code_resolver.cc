#include "mapping/code_resolver.h"

#include <set>

#include "core/text.h"

namespace annexa::mapping {

namespace {

// Adds a tier's entries; an earlier (higher) tier wins a clash.
void AddTier(const std::map<std::string, std::string>& tier,
             std::map<std::string, std::string, std::less<>>* table) {
  for (const auto& [form, display] : tier) table->emplace(form, display);
}

}  // namespace

CodeResolver::CodeResolver(const spec::CodeSet& set, const spec::ValueAliases& aliases, const CodeMap* local_map) {
  // Tier 1: the council's own map (already resolved to display strings).
  std::map<std::string, std::string> local;
  if (local_map) {
    for (const auto& [from, to] : *local_map) {
      if (from == "*") fallback_ = to;  // any other non-blank value
      else if (MatchForm(from) == kBlankKey) blank_ = to;  // a blank value
      else local.emplace(MatchForm(from), to);
    }
  }
  AddTier(local, &table_);
  // Tier 2: Ofsted's display strings and accepted spellings.
  std::map<std::string, std::string> ofsted;
  for (const spec::CodeValue& v : set.values) {
    ofsted.emplace(MatchForm(v.display), v.display);
    for (const std::string& a : v.aliases) ofsted.emplace(MatchForm(a), v.display);
  }
  AddTier(ofsted, &table_);
  // Tier 2b: Ofsted's strings differing only by punctuation.
  std::set<std::string> loose_clash;
  for (const spec::CodeValue& v : set.values) {
    auto [it, fresh] = loose_.emplace(LooseForm(v.display), v.display);
    if (!fresh && it->second != v.display) loose_clash.insert(it->first);
  }
  for (const std::string& f : loose_clash) loose_.erase(f);
  // Tier 3 (built-in aliases) is looked up lazily in Resolve: it is large
  // and shared. Tier 4: bare codes and labels, where unambiguous.
  std::map<std::string, std::string> words;
  std::set<std::string> ambiguous;
  for (const spec::CodeValue& v : set.values) {
    for (const std::string* w : {&v.code, &v.label}) {
      if (w->empty()) continue;
      const std::string form = MatchForm(*w);
      auto [it, fresh] = words.emplace(form, v.display);
      if (!fresh && it->second != v.display) ambiguous.insert(form);
    }
  }
  for (const std::string& form : ambiguous) words.erase(form);
  aliases_set_ = set.name;
  aliases_ = &aliases;
  for (const auto& [form, display] : words) words_.emplace(form, display);
}

const std::string* CodeResolver::Resolve(std::string_view value) const {
  // Bounded, so that a free-text column of distinct values cannot grow it
  // without limit; past the bound values are simply resolved each time.
  constexpr size_t kMemoLimit = 4096;
  if (auto it = memo_.find(value); it != memo_.end()) return it->second;
  const std::string* d = Lookup(value);
  if (memo_.size() < kMemoLimit) memo_.emplace(std::string(value), d);
  return d;
}

const std::string* CodeResolver::Lookup(std::string_view value) const {
  const std::string form = MatchForm(value);
  if (auto it = table_.find(form); it != table_.end()) return &it->second;
  if (auto it = loose_.find(LooseForm(value)); it != loose_.end()) return &it->second;
  if (const std::string* d = aliases_->Find(aliases_set_, value)) return d;
  if (auto it = words_.find(form); it != words_.end()) return &it->second;
  if (!fallback_.empty()) return &fallback_;
  return nullptr;
}

std::optional<std::string> ResolveInSet(const spec::CodeSet& set, const spec::ValueAliases& aliases,
                                        std::string_view value) {
  CodeResolver r(set, aliases, nullptr);
  if (const std::string* d = r.Resolve(value)) return *d;
  return std::nullopt;
}

}  // namespace annexa::mapping
