// Turns a local value into an Ofsted display string for one code set: the
// council's own code map first, then Ofsted's display strings and accepted
// spellings, then the built-in alias table, then the bare code or label
// ("WBRI", "White British"), and last the local map's "*" entry if it has
// one (e.g. "any disability code means a) Yes"). A value that resolves
// nowhere is not guessed: the caller keeps it and reports it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

using CodeMap = std::map<std::string, std::string>;

// The code map key that maps a blank source value (docs/config.md, "Code
// maps"): matched ignoring case, like every key.
inline constexpr const char* kBlankKey = "(blank)";

class CodeResolver {
 public:
  CodeResolver(const spec::CodeSet& set, const spec::ValueAliases& aliases, const CodeMap* local_map);
  // Its memo points into its own tables: not copied or moved.
  CodeResolver(const CodeResolver&) = delete;
  CodeResolver& operator=(const CodeResolver&) = delete;

  // The display string, or nullptr when `value` resolves nowhere.
  // Remembers its answers (a column repeats a handful of values across
  // every row), so one resolver must not be used by two threads at once.
  const std::string* Resolve(std::string_view value) const;
  // The local map's `(blank)` target, or nullptr: what a blank value is.
  const std::string* Blank() const { return blank_.empty() ? nullptr : &blank_; }

 private:
  std::map<std::string, std::string, std::less<>> table_;  // match form -> display (tiers 1-2)
  std::map<std::string, std::string, std::less<>> loose_;  // tier 2b: displays by LooseForm
  std::map<std::string, std::string, std::less<>> words_;  // tier 4: bare codes and labels
  std::string aliases_set_;
  const spec::ValueAliases* aliases_ = nullptr;            // tier 3
  std::string blank_;     // the local map's `(blank)` entry
  std::string fallback_;  // the local map's "*" entry: any other non-blank value

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const std::string* Lookup(std::string_view value) const;
  mutable std::unordered_map<std::string, const std::string*, Hash, std::equal_to<>> memo_;
};

// The same resolution without a local map, for checking code map targets.
std::optional<std::string> ResolveInSet(const spec::CodeSet& set, const spec::ValueAliases& aliases,
                                        std::string_view value);

}  // namespace annexa::mapping
