// List rules: one row per child where Ofsted asks for it, the 12-month
// counts the same on every row of a child, exact duplicate rows.
#include <unordered_map>

#include "validate/rule_support.h"

namespace annexa::validate {

namespace {

using mapping::AnnexList;

void CheckChildRepeated(const RuleInfo& info, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    if (list.spec->grain == spec::Grain::kEvent) continue;
    std::unordered_map<std::string, size_t> first;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const std::string id = list.rows[r].cells[0].ToText();
      auto [it, fresh] = first.emplace(id, r);
      if (!fresh)
        out->push_back(CellFinding(info, list, r, 0,
                                   "the same identifier is already on row " + std::to_string(it->second + 1) + "; " +
                                       list.spec->title + " has one row per " +
                                       (list.spec->grain == spec::Grain::kAdopter ? "adopter" : "child")));
    }
  }
}

void CheckCountsPerChild(const RuleInfo& info, const Context& ctx, Findings* out) {
  static constexpr std::string_view kCounts[] = {"referrals_last_12_months", "s47_last_12_months",
                                                 "icpcs_last_12_months"};
  for (const AnnexList& list : ctx.lists) {
    for (std::string_view key : kCounts) {
      const int c = ColumnIndex(list, key);
      if (c < 0) continue;
      std::unordered_map<std::string, size_t> first;
      for (size_t r = 0; r < list.rows.size(); ++r) {
        const std::string id = list.rows[r].cells[0].ToText();
        auto [it, fresh] = first.emplace(id, r);
        if (fresh) continue;
        const std::string a = list.rows[it->second].cells[static_cast<size_t>(c)].ToText();
        const std::string b = list.rows[r].cells[static_cast<size_t>(c)].ToText();
        if (a != b)
          out->push_back(CellFinding(info, list, r, c,
                                     "'" + list.spec->columns[static_cast<size_t>(c)].header + "' is " + b +
                                         " here but " + a + " on row " + std::to_string(it->second + 1) +
                                         " for the same child"));
      }
    }
  }
}

void CheckDuplicateRows(const RuleInfo& info, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    std::unordered_map<std::string, size_t> seen;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      std::string key;
      for (const auto& cell : list.rows[r].cells) key += cell.ToText() + '\x1f';
      auto [it, fresh] = seen.emplace(std::move(key), r);
      if (!fresh)
        out->push_back(CellFinding(info, list, r, -1, "the row repeats row " + std::to_string(it->second + 1) + " exactly"));
    }
  }
}

}  // namespace

void AddListRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"child-repeated", Severity::kError, Scope::kList, "6-11",
               "a child (or adopter) appears on more than one row of a one-row-per-child (per-adopter) list"},
      CheckChildRepeated));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"count-differs", Severity::kError, Scope::kList, "3, 5",
               "a child's 12-month count differs between its rows (it must be the same on each)"},
      CheckCountsPerChild));
  rules->push_back(std::make_unique<FunctionRule>(
      RuleInfo{"duplicate-row", Severity::kWarning, Scope::kList, "all", "a row repeats an earlier row of the list exactly"},
      CheckDuplicateRows));
}

}  // namespace annexa::validate
