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

#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

using CodeMap = std::map<std::string, std::string>;

class CodeResolver {
 public:
  CodeResolver(const spec::CodeSet& set, const spec::ValueAliases& aliases, const CodeMap* local_map);

  // The display string, or nullptr when `value` resolves nowhere.
  const std::string* Resolve(std::string_view value) const;

 private:
  std::map<std::string, std::string, std::less<>> table_;  // match form -> display (tiers 1-2)
  std::map<std::string, std::string, std::less<>> loose_;  // tier 2b: displays by LooseForm
  std::map<std::string, std::string, std::less<>> words_;  // tier 4: bare codes and labels
  std::string aliases_set_;
  const spec::ValueAliases* aliases_ = nullptr;            // tier 3
  std::string fallback_;  // the local map's "*" entry: any other non-blank value
};

// The same resolution without a local map, for checking code map targets.
std::optional<std::string> ResolveInSet(const spec::CodeSet& set, const spec::ValueAliases& aliases,
                                        std::string_view value);

}  // namespace annexa::mapping
