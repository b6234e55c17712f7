// Reading data rules (data_rule.h) out of a rules file's YAML tree, checked
// against a loaded version's lists and code sets: unknown keys and kinds,
// column keys a list does not have, codes not in the column's code set, a
// rule without a citation, a message placeholder the engine does not fill,
// test cases naming unknown columns. Every problem goes to `problems` with
// the file, line and key (the spec loader reports them together).
#pragma once

#include <string_view>
#include <vector>

#include "core/yaml_adapter.h"
#include "core/yaml_reader.h"
#include "spec/data_rule.h"
#include "spec/spec_model.h"

namespace annexa::spec {

// Reads the `rules:` and `coverage:` of one rules file.
void ReadRulesFile(const FileReader& r, const YamlValue& doc, const SpecVersion& version,
                   std::vector<DataRule>* rules, std::vector<CoverageEntry>* coverage);

// Checks over every file read: ids unique, each coverage entry's
// `enforced_by` a built-in finding code or a data rule's id.
void CheckRuleSet(const std::vector<DataRule>& rules, const std::vector<CoverageEntry>& coverage,
                  Problems* problems);

// The value of `set` that `text` names: its display string or an alias
// (CodeSet::Find), else its bare code, else its label, each compared by
// MatchForm. nullptr when none does.
const CodeValue* FindRuleCode(const CodeSet& set, std::string_view text);

// The placeholders a rule's message may use.
inline constexpr std::string_view kRulePlaceholders[] = {"column", "value", "when_column", "when_value",
                                                          "other",  "other_value", "amount", "codes"};

}  // namespace annexa::spec
