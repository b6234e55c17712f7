#include "validate/rules.h"

#include "core/two_threads.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <system_error>
#include <thread>

#include "validate/rule_support.h"

namespace annexa::validate {

std::string_view ToString(Scope s) {
  switch (s) {
    case Scope::kCell: return "cell";
    case Scope::kRow: return "row";
    case Scope::kList: return "list";
    case Scope::kCrossList: return "cross-list";
    case Scope::kCoverage: return "coverage";
  }
  return "?";
}

int ColumnIndex(const AnnexList& list, std::string_view key) { return list.spec->ColumnIndex(key); }

Finding CellFinding(const RuleInfo& rule, const AnnexList& list, size_t row, int col,
                    const std::string& message) {
  Finding f;
  f.code = std::string(rule.code);
  f.severity = rule.severity;
  f.message = message;
  f.list = list.spec->number;
  f.list_row = static_cast<int64_t>(row) + 1;
  const AnnexRow& r = list.rows[row];
  if (col >= 0) {
    f.column = list.spec->columns[static_cast<size_t>(col)].key;
    f.value = r.cells[static_cast<size_t>(col)].ToText();
    if (static_cast<size_t>(col) < list.column_origin.size()) f.source_column = list.column_origin[static_cast<size_t>(col)];
  }
  if (static_cast<size_t>(r.source) < list.sources.size()) f.source = list.sources[static_cast<size_t>(r.source)];
  f.source_row = r.source_row;
  return f;
}

const std::vector<std::unique_ptr<Rule>>& AllRules() {
  static const std::vector<std::unique_ptr<Rule>> kRules = [] {
    std::vector<std::unique_ptr<Rule>> rules;
    AddCellRules(&rules);
    AddRowRules(&rules);
    AddListRules(&rules);
    AddCrossListRules(&rules);
    return rules;
  }();
  return kRules;
}

const std::vector<RuleInfo>& MappingRules() {
  static const std::vector<RuleInfo> kRules = {
      {"bad-date", Severity::kError, Scope::kCell, "all", "a date column's source value is not a date (31/02/2026, 'unknown')"},
      {"bad-integer", Severity::kError, Scope::kCell, "all", "a whole-number column's source value is not a whole number"},
      {"unmapped-code", Severity::kError, Scope::kCell, "all",
       "a coded value is not one of Ofsted's and no code map, alias, bare code or label covers it (kept as it was)"},
      {"missing-id", Severity::kError, Scope::kRow, "all", "a source row has no child (or adopter) id: left out"},
      {"missing-window-date", Severity::kError, Scope::kRow, "all",
       "a source row has no valid date to place it in the list's window: left out"},
      {"join-failed", Severity::kWarning, Scope::kRow, "all", "a source row's key has no match in a required joined table: left out"},
      {"join-duplicate-key", Severity::kWarning, Scope::kList, "all", "a joined table repeats a key; the first row is used"},
      {"column-not-mapped", Severity::kWarning, Scope::kList, "all", "the config does not map an Annex A column: it is left blank"},
      {"list-not-mapped", Severity::kWarning, Scope::kList, "all", "the config does not build a list: its sheet has headers only"},
      {"case-status-assumed", Severity::kWarning, Scope::kCrossList, "6",
       "an open episode with no care, plan or open assessment found: case status set to c)"},
  };
  return kRules;
}

const std::vector<RuleInfo>& ReadingRules() {
  static const std::vector<RuleInfo> kRules = {
      {"bad-date", Severity::kError, Scope::kCell, "all", "a date cell is neither a date, an Excel day number nor a date in text"},
      {"bad-integer", Severity::kError, Scope::kCell, "all", "a whole-number cell holds a fraction or text (e.g. an age of 6.14)"},
      {"code-spelling", Severity::kWarning, Scope::kCell, "all",
       "a coded value is recognisable but not in Ofsted's form ('Female' for 'b) Female')"},
      {"not-a-code", Severity::kError, Scope::kCell, "all", "a coded value is not one of Ofsted's values for the column"},
      {"excel-error", Severity::kError, Scope::kCell, "all", "a cell holds a spreadsheet error such as #N/A"},
      {"missing-column", Severity::kError, Scope::kList, "all", "a list's sheet lacks one of Ofsted's columns"},
      {"extra-column", Severity::kWarning, Scope::kList, "all", "a list's sheet has a column Ofsted does not ask for"},
      {"missing-list", Severity::kError, Scope::kList, "all", "no sheet of the workbook looks like one of Ofsted's lists"},
      {"duplicate-list-sheet", Severity::kWarning, Scope::kList, "all", "two sheets look like the same list; the better match is read"},
      {"sheet-name", Severity::kWarning, Scope::kList, "all", "a list was found by its headers on a sheet not named as Ofsted names it (List_3)"},
  };
  return kRules;
}

const std::vector<RuleInfo>& CoverageRules() {
  static const std::vector<RuleInfo> kRules = {
      {"audit-child-not-in-lists", Severity::kWarning, Scope::kCoverage, "audit",
       "an audited child's id is in none of Lists 1-10 (a typo, or a case older than the lists)"},
      {"audit-cohort-not-covered", Severity::kWarning, Scope::kCoverage, "6, 7, 8, 9",
       "children are open in a cohort (in care, on a plan, in need, care leavers) but none of them was audited"},
      {"audit-cp-under-fives-not-covered", Severity::kWarning, Scope::kCoverage, "7",
       "children under five are on child protection plans but none of them was audited"},
      {"audit-no-audits", Severity::kWarning, Scope::kCoverage, "audit", "the audited-case list has no audits in its window"},
      {"audit-team-not-covered", Severity::kInfo, Scope::kCoverage, "audit",
       "a team holds open cases but none of its children was audited"},
  };
  return kRules;
}

const RuleInfo* FindRule(std::string_view code) {
  for (const auto& r : AllRules())
    if (r->info().code == code) return &r->info();
  for (const RuleInfo& r : MappingRules())
    if (r.code == code) return &r;
  for (const RuleInfo& r : ReadingRules())
    if (r.code == code) return &r;
  for (const RuleInfo& r : CoverageRules())
    if (r.code == code) return &r;
  return nullptr;
}

Findings Validate(const Context& ctx) {
  // The rules only read the lists, so they run on two threads, each rule
  // into its own findings; gathered in rule order, the result is the one a
  // rule-by-rule run gives.
  const auto& rules = AllRules();
  std::vector<Findings> found(rules.size());
  std::atomic<size_t> next{0};
  auto check = [&] {
    for (size_t i; (i = next++) < rules.size();) rules[i]->Check(ctx, &found[i]);
  };
  RunOnTwoThreads(check);
  Findings out;
  for (Findings& f : found) out.insert(out.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
  return out;
}

namespace {

struct Row {
  const RuleInfo* info;
  std::string_view when;
};

std::vector<Row> SortedRows() {
  std::vector<Row> rows;
  for (const RuleInfo& r : MappingRules()) rows.push_back({&r, "mapping"});
  for (const RuleInfo& r : ReadingRules()) rows.push_back({&r, "reading"});
  for (const RuleInfo& r : CoverageRules()) rows.push_back({&r, "audit"});
  for (const auto& r : AllRules()) rows.push_back({&r->info(), "validation"});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.info->scope != b.info->scope) return a.info->scope < b.info->scope;
    if (a.info->code != b.info->code) return a.info->code < b.info->code;
    return a.when < b.when;
  });
  return rows;
}

}  // namespace

std::string RulesMarkdown() {
  std::string out =
      "# Rules\n\n"
      "Every check annexa makes, with its stable code. Generated by `annexa rules --markdown`;\n"
      "CI fails when this file is out of date. `error`: Ofsted would query the list;\n"
      "`warning`: worth a look. *mapping* rules run while a council's source values are\n"
      "converted (`annexa generate`), *reading* rules while a workbook made elsewhere is read\n"
      "(`annexa validate --workbook`), *validation* rules over the lists in both cases, *audit*\n"
      "rules over the audited-case list's coverage of the lists (`annexa audit`, `annexa generate`).\n\n"
      "| code | severity | scope | lists | runs during | what it checks |\n"
      "|---|---|---|---|---|---|\n";
  for (const Row& r : SortedRows()) {
    out += "| `" + std::string(r.info->code) + "` | " + ToString(r.info->severity) + " | " +
           std::string(ToString(r.info->scope)) + " | " + std::string(r.info->lists) + " | " + std::string(r.when) +
           " | " + std::string(r.info->description) + " |\n";
  }
  return out;
}

std::string RulesText() {
  std::string out;
  for (const Row& r : SortedRows()) {
    std::string code(r.info->code);
    code.resize(26, ' ');
    std::string sev = ToString(r.info->severity);
    sev.resize(8, ' ');
    std::string scope(ToString(r.info->scope));
    scope.resize(11, ' ');
    std::string lists(r.info->lists);
    lists.resize(20, ' ');
    std::string when(r.when);
    when.resize(11, ' ');
    out += code + sev + scope + lists + when + std::string(r.info->description) + "\n";
  }
  return out;
}

}  // namespace annexa::validate
