#include "render/rules_table.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/finding_kinds.h"
#include "core/text.h"

namespace annexa::render {

namespace {

struct Row {
  const FindingKindInfo* kind;
  const FindingUse* use;
};

// A row per kind and stage, by scope, code, then stage name (bad-date:
// mapping before reading).
std::vector<Row> SortedRows(const std::vector<FindingKindInfo>& extra = {}) {
  std::vector<Row> rows;
  for (const FindingKindInfo& k : FindingKinds()) {
    rows.push_back({&k, &k.use});
    if (!k.also.meaning.empty()) rows.push_back({&k, &k.also});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.kind->scope != b.kind->scope) return a.kind->scope < b.kind->scope;
    if (a.kind->code != b.kind->code) return a.kind->code < b.kind->code;
    return ToString(a.use->stage) < ToString(b.use->stage);
  });
  // The data rules after the built-in kinds, by code.
  const size_t built_in = rows.size();
  for (const FindingKindInfo& k : extra) rows.push_back({&k, &k.use});
  std::sort(rows.begin() + static_cast<std::ptrdiff_t>(built_in), rows.end(),
            [](const Row& a, const Row& b) { return a.kind->code < b.kind->code; });
  return rows;
}

std::string Padded(std::string_view s, size_t width) {
  std::string out(s);
  out.resize(width, ' ');
  return out;
}

// A Markdown table cell: no pipe or line break breaks the table.
std::string Cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string ListsOf(const spec::DataRule& r) {
  std::string lists;
  for (int n : r.lists) lists += (lists.empty() ? "" : ", ") + std::to_string(n);
  return lists;
}

std::string Guidance(const spec::RuleCitation& c) {
  return "List " + std::to_string(c.guidance_list) + ", *" + Cell(Trim(c.guidance_column)) + "*: \u201c" +
         Cell(c.guidance_quote) + "\u201d";
}

std::string Dfe(const spec::RuleCitation& c) {
  return Cell(c.dfe_return) + " rule " + Cell(c.dfe_rule) + ": " + Cell(c.dfe_text);
}

// The data rules' rows of the terminal table: their texts kept in `store`.
std::vector<FindingKindInfo> DataRuleRows(const spec::SpecVersion& spec, std::vector<std::string>* store) {
  store->reserve(spec.rules.size());
  std::vector<FindingKindInfo> out;
  for (const spec::DataRule& r : spec.rules) {
    store->push_back(ListsOf(r));
    out.push_back({kinds::kDataRule, r.id, r.severity, FindingScope::kCell, store->back(),
                   {FindingStage::kValidation, r.what}, {}});
  }
  return out;
}

std::string DataRulesMarkdown(const spec::SpecVersion& spec) {
  std::string out =
      "\n## Data rules\n\n"
      "The checks written as data beside the spec (`annex_a_specs/" + spec.id + "` and the versions it builds on,\n"
      "`rules/*.yaml`; format: docs/spec_format.md, \"Data rules\"). Each finds under its own code and\n"
      "severity, runs over the lists whatever they were built from (a council's extracts, a CIN census or\n"
      "SSDA903 return, a workbook made elsewhere) and carries its own failing and passing test cases.\n\n"
      "| code | severity | lists | kind | what it checks | cites |\n"
      "|---|---|---|---|---|---|\n";
  std::vector<const spec::DataRule*> rules;
  for (const spec::DataRule& r : spec.rules) rules.push_back(&r);
  std::stable_sort(rules.begin(), rules.end(), [](const spec::DataRule* a, const spec::DataRule* b) {
    return std::make_tuple(a->lists.empty() ? 0 : a->lists.front(), a->id) <
           std::make_tuple(b->lists.empty() ? 0 : b->lists.front(), b->id);
  });
  for (const spec::DataRule* r : rules) {
    std::string cites;
    if (r->cites.has_guidance()) cites += "Guidance: " + Guidance(r->cites);
    if (r->cites.has_dfe()) cites += std::string(cites.empty() ? "" : "<br>") + "DfE: " + Dfe(r->cites);
    out += "| `" + r->id + "` | " + ToString(r->severity) + " | " + ListsOf(*r) + " | " +
           std::string(spec::ToString(r->kind)) + " | " + Cell(r->what) +
           (r->once_per_list ? " (reported once per list, with the count)" : "") + " | " + cites + " |\n";
  }
  return out;
}

std::string CoverageMarkdown(const spec::SpecVersion& spec) {
  // Guidance: (list, column, quote) -> the checks enforcing it, or why none.
  struct Statement {
    std::set<std::string> by;
    std::vector<std::string> notes;
  };
  std::map<std::tuple<int, std::string, std::string>, Statement> guidance;
  std::map<std::tuple<std::string, std::string, std::string>, Statement> dfe;
  auto add = [&](const spec::RuleCitation& c, const std::string& by, const std::string& note) {
    if (c.has_guidance()) {
      Statement& s = guidance[{c.guidance_list, std::string(Trim(c.guidance_column)), c.guidance_quote}];
      if (!by.empty()) s.by.insert(by);
      if (!note.empty()) s.notes.push_back(note);
    }
    if (c.has_dfe()) {
      Statement& s = dfe[{c.dfe_return, c.dfe_rule, c.dfe_text}];
      if (!by.empty()) s.by.insert(by);
      if (!note.empty()) s.notes.push_back(note);
    }
  };
  for (const spec::DataRule& r : spec.rules) add(r.cites, r.id, "");
  for (const spec::CoverageEntry& e : spec.coverage) add(e.cites, e.enforced_by, e.note);
  auto enforced = [](const Statement& s) {
    std::string out;
    for (const std::string& b : s.by) out += (out.empty() ? "" : ", ") + ("`" + b + "`");
    if (out.empty()) out = "**not enforced**";
    for (const std::string& n : s.notes) out += ": " + Cell(n);
    return out;
  };
  size_t enforced_guidance = 0, enforced_dfe = 0;
  for (const auto& [k, s] : guidance) enforced_guidance += s.by.empty() ? 0 : 1;
  for (const auto& [k, s] : dfe) enforced_dfe += s.by.empty() ? 0 : 1;
  std::string out =
      "\n## Coverage\n\n"
      "Generated from the data rules' citations and the `coverage:` entries of the rules files (a statement a\n"
      "built-in check or a source contract already enforces, or one nothing enforces and why).\n\n"
      "### Ofsted's Annex A guidance\n\n" +
      std::to_string(guidance.size()) + " statements of the August 2019 guidance, " +
      std::to_string(enforced_guidance) + " enforced.\n\n"
      "| list | column | the guidance says | enforced by |\n"
      "|---|---|---|---|\n";
  for (const auto& [k, s] : guidance)
    out += "| " + std::to_string(std::get<0>(k)) + " | " + Cell(std::get<1>(k)) + " | \u201c" + Cell(std::get<2>(k)) +
           "\u201d | " + enforced(s) + " |\n";
  out += "\n### DfE return rules\n\n" + std::to_string(dfe.size()) +
         " rules of the CIN census and SSDA903 returns that touch a column Annex A reuses, " +
         std::to_string(enforced_dfe) + " enforced.\n\n"
         "| return | rule | DfE's text | enforced by |\n"
         "|---|---|---|---|\n";
  for (const auto& [k, s] : dfe)
    out += "| " + Cell(std::get<0>(k)) + " | " + Cell(std::get<1>(k)) + " | " + Cell(std::get<2>(k)) + " | " +
           enforced(s) + " |\n";
  return out;
}

}  // namespace

std::string RulesMarkdown(const spec::SpecVersion& spec) {
  std::string out =
      "# Rules\n\n"
      "Every check annexa makes, with its stable code. Generated by `annexa rules --markdown`;\n"
      "CI fails when this file is out of date. `error`: Ofsted would query the list;\n"
      "`warning`: worth a look. *mapping* rules run while a council's source values are\n"
      "converted (`annexa generate`), *reading* rules while a workbook made elsewhere is read\n"
      "(`annexa validate --workbook`), *validation* rules over the lists in both cases, *audit*\n"
      "rules over the audited-case list's coverage of the lists (`annexa audit`, `annexa generate`),\n"
      "*contract* rules over every row of a source with a `contract:` (docs/config.md, \"Source contracts\").\n"
      "The table is the catalogue of finding kinds in `src/core/finding_kinds.cc`: a new check\n"
      "adds its kind there, and every finding takes its code and severity from it.\n\n"
      "| code | severity | scope | lists | runs during | what it checks |\n"
      "|---|---|---|---|---|---|\n";
  for (const Row& r : SortedRows()) {
    out += "| `" + std::string(r.kind->code) + "` | " + ToString(r.kind->severity) + " | " +
           std::string(ToString(r.kind->scope)) + " | " + std::string(r.kind->lists) + " | " +
           std::string(ToString(r.use->stage)) + " | " + std::string(r.use->meaning) + " |\n";
  }
  out += "\n" + std::to_string(FindingKinds().size()) + " built-in kinds and " + std::to_string(spec.rules.size()) +
         " data rules: " + std::to_string(FindingKinds().size() + spec.rules.size()) + " checks.\n";
  out += DataRulesMarkdown(spec);
  out += CoverageMarkdown(spec);
  return out;
}

std::string RulesText(const spec::SpecVersion& spec) {
  // Each column as wide as its longest text and two spaces, so that no code
  // or list of lists is cut short (fixed widths cut
  // audit-cp-under-fives-not-covered and date-order's "10, 11").
  std::vector<std::string> store;
  const std::vector<FindingKindInfo> data = DataRuleRows(spec, &store);
  const std::vector<Row> rows = SortedRows(data);
  std::vector<std::array<std::string_view, 5>> cells;
  std::array<size_t, 5> width{};
  for (const Row& r : rows) {
    cells.push_back({r.kind->code, ToString(r.kind->severity), ToString(r.kind->scope), r.kind->lists,
                     ToString(r.use->stage)});
    for (size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], cells.back()[c].size() + 2);
  }
  std::string out;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t c = 0; c < width.size(); ++c) out += Padded(cells[i][c], width[c]);
    out += std::string(rows[i].use->meaning) + "\n";
  }
  return out;
}

}  // namespace annexa::render
