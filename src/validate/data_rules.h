// The engine for rules written as data (spec/data_rule.h): one registered
// Rule (kind data-rule) runs every rule of the context's spec version over
// the lists it names. A rule's findings carry its id as code and its
// severity, located like a built-in cell finding (CellFinding: list, row,
// column, source row and column). Semantics of each kind and the message
// placeholders: docs/spec_format.md, "Data rules".
#pragma once

#include "core/finding_kinds.h"
#include "spec/data_rule.h"
#include "validate/rules.h"

namespace annexa::validate {

// Runs `rule` over the lists of `ctx` it names, appending its findings,
// each made from `kind` (the rule's catalogue row).
void RunDataRule(const spec::DataRule& rule, const FindingKindInfo& kind, const Context& ctx, Findings* out);

// The catalogue row of `rule`: registered when its version loaded, else now.
const FindingKindInfo& DataRuleKind(const spec::DataRule& rule);

}  // namespace annexa::validate
