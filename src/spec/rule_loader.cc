#include "spec/rule_loader.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/civil_date.h"
#include "core/finding_kinds.h"
#include "core/text.h"

namespace annexa::spec {

std::string_view ToString(RuleKind k) {
  switch (k) {
    case RuleKind::kRequiredIf: return "required_if";
    case RuleKind::kBlankIf: return "blank_if";
    case RuleKind::kDateOrder: return "date_order";
    case RuleKind::kDateWithin: return "date_within";
    case RuleKind::kCodeIf: return "code_if";
    case RuleKind::kOneOfFilled: return "one_of_filled";
    case RuleKind::kAllOrNone: return "all_or_none";
  }
  return "?";
}

const CodeValue* FindRuleCode(const CodeSet& set, std::string_view text) {
  if (const CodeValue* v = set.Find(text)) return v;
  const std::string form = MatchForm(text);
  if (form.empty()) return nullptr;
  for (const CodeValue& v : set.values)
    if (!v.code.empty() && MatchForm(v.code) == form) return &v;
  for (const CodeValue& v : set.values)
    if (!v.label.empty() && MatchForm(v.label) == form) return &v;
  return nullptr;
}

namespace {

bool IsKebab(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z') || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (c == '-' && s[i - 1] == '-') return false;
  }
  return true;
}

class RuleReader {
 public:
  RuleReader(const FileReader& r, const SpecVersion& v) : r_(r), v_(v) {}

  std::optional<DataRule> Read(const YamlValue& m) {
    const std::string what0 = "a rule";
    if (!r_.ExpectMap(m, what0)) return std::nullopt;
    DataRule rule;
    rule.file = r_.file();
    rule.line = m.mark.line;
    rule.id = r_.Str(m, "id", what0, true).value_or("");
    const std::string what = rule.id.empty() ? what0 : "rule '" + rule.id + "'";
    if (!rule.id.empty() && !IsKebab(rule.id))
      r_.Error(m.Find("id")->mark, "'id' '" + rule.id + "' is not kebab-case (a-z, 0-9 and single hyphens)");
    if (!rule.id.empty() && FindFindingKind(rule.id) && !IsDataRuleCode(rule.id))
      r_.Error(m.Find("id")->mark, "'id' '" + rule.id + "' is a built-in finding code");
    r_.CheckKeys(m, {"id", "severity", "lists", "kind", "when", "columns", "first", "then", "strict", "column",
                     "within", "at_least", "before", "after", "in", "not_in", "cites", "what", "message", "report",
                     "tests"},
                 what);
    if (const YamlValue* s = m.Find("severity"))
      rule.severity = r_.OneOf<Severity>(*s, "severity", {{"error", Severity::kError}, {"warning", Severity::kWarning}},
                                         what)
                          .value_or(Severity::kError);
    else
      r_.Error(m.mark, what + " is missing required key 'severity'");
    if (const YamlValue* l = m.Find("lists")) {
      for (const std::string& s : r_.StrList(*l, "lists")) {
        int n = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc() || p != s.data() + s.size() || !v_.FindList(n) || n == kAuditedCasesList)
          r_.Error(l->mark, what + ": 'lists' names '" + s + "', not a list of " + v_.id + " (1 to 11)");
        else
          rule.lists.push_back(n);
      }
    } else {
      r_.Error(m.mark, what + " is missing required key 'lists'");
    }
    const YamlValue* k = m.Find("kind");
    if (!k) {
      r_.Error(m.mark, what + " is missing required key 'kind'");
      return std::nullopt;
    }
    auto kind = r_.OneOf<RuleKind>(*k, "kind",
                                   {{"required_if", RuleKind::kRequiredIf},
                                    {"blank_if", RuleKind::kBlankIf},
                                    {"date_order", RuleKind::kDateOrder},
                                    {"date_within", RuleKind::kDateWithin},
                                    {"code_if", RuleKind::kCodeIf},
                                    {"one_of_filled", RuleKind::kOneOfFilled},
                                    {"all_or_none", RuleKind::kAllOrNone}},
                                   what);
    if (!kind) return std::nullopt;
    rule.kind = *kind;
    rule_ = &rule;
    what_ = what;
    if (const YamlValue* w = m.Find("when")) rule.when = Condition(*w, 0);

    auto forbid = [&](std::initializer_list<std::string_view> keys) {
      for (std::string_view key : keys)
        if (const YamlValue* x = m.Find(key))
          r_.Error(x->mark, what + ": '" + std::string(key) + "' does not apply to kind " +
                                std::string(ToString(rule.kind)));
    };
    switch (rule.kind) {
      case RuleKind::kRequiredIf:
      case RuleKind::kBlankIf:
      case RuleKind::kOneOfFilled:
      case RuleKind::kAllOrNone:
        forbid({"first", "then", "strict", "column", "within", "at_least", "before", "after", "in", "not_in"});
        if (const YamlValue* c = m.Find("columns")) {
          rule.columns = r_.StrList(*c, "columns");
          for (const std::string& key : rule.columns) Column(key, c->mark, "columns");
          if (rule.columns.empty()) r_.Error(c->mark, what + ": 'columns' is empty");
          if ((rule.kind == RuleKind::kOneOfFilled || rule.kind == RuleKind::kAllOrNone) && rule.columns.size() < 2)
            r_.Error(c->mark, what + ": 'columns' needs two or more columns for " + std::string(ToString(rule.kind)));
        } else {
          r_.Error(m.mark, what + " is missing required key 'columns'");
        }
        break;
      case RuleKind::kDateOrder:
        forbid({"columns", "column", "within", "at_least", "before", "after", "in", "not_in"});
        rule.first = r_.Str(m, "first", what, true).value_or("");
        rule.then = r_.Str(m, "then", what, true).value_or("");
        if (!rule.first.empty()) DateColumn(rule.first, m.Find("first")->mark, "first", true);
        if (!rule.then.empty()) DateColumn(rule.then, m.Find("then")->mark, "then", false);
        if (const YamlValue* s = m.Find("strict")) rule.strict = r_.Bool(*s, "strict").value_or(false);
        break;
      case RuleKind::kDateWithin: {
        forbid({"columns", "first", "then", "strict", "in", "not_in"});
        rule.column = r_.Str(m, "column", what, true).value_or("");
        if (!rule.column.empty()) DateColumn(rule.column, m.Find("column")->mark, "column", false);
        const YamlValue* within = m.Find("within");
        const YamlValue* at_least = m.Find("at_least");
        if ((within != nullptr) == (at_least != nullptr))
          r_.Error(m.mark, what + " needs exactly one of 'within' and 'at_least' (e.g. within: 6 months)");
        rule.at_least = at_least != nullptr;
        if (const YamlValue* d = within ? within : at_least) Duration(*d, rule.at_least ? "at_least" : "within");
        const YamlValue* before = m.Find("before");
        const YamlValue* after = m.Find("after");
        if ((before != nullptr) == (after != nullptr))
          r_.Error(m.mark, what + " needs exactly one of 'before' and 'after' (a date column or reference_date)");
        rule.after = after != nullptr;
        if (const YamlValue* x = before ? before : after) {
          rule.relative_to = x->IsScalar() ? x->scalar : "";
          if (rule.relative_to.empty())
            r_.Error(x->mark, what + ": '" + std::string(after ? "after" : "before") +
                                  "' must name a date column or reference_date");
          else
            DateColumn(rule.relative_to, x->mark, after ? "after" : "before", true);
        }
        break;
      }
      case RuleKind::kCodeIf: {
        forbid({"columns", "first", "then", "strict", "within", "at_least", "before", "after"});
        rule.column = r_.Str(m, "column", what, true).value_or("");
        const YamlValue* in = m.Find("in");
        const YamlValue* not_in = m.Find("not_in");
        if ((in != nullptr) == (not_in != nullptr))
          r_.Error(m.mark, what + " needs exactly one of 'in' and 'not_in' (the codes allowed or refused)");
        rule.codes_not_in = not_in != nullptr;
        if (const YamlValue* set = in ? in : not_in) {
          rule.codes = r_.StrList(*set, in ? "in" : "not_in");
          if (!rule.column.empty()) rule.code_displays = Codes(rule.column, rule.codes, set->mark);
        }
        break;
      }
    }

    if (const YamlValue* c = m.Find("cites")) rule.cites = Citation(*c, what);
    if (!rule.cites.has_guidance() && !rule.cites.has_dfe())
      r_.Error(m.Find("cites") ? m.Find("cites")->mark : m.mark,
               what + " cites nothing: give 'cites:' a guidance line or a DfE rule");
    rule.what = r_.Str(m, "what", what, true).value_or("");
    rule.message = r_.Str(m, "message", what, true).value_or("");
    if (const YamlValue* msg = m.Find("message")) Placeholders(rule.message, msg->mark);
    if (const YamlValue* rep = m.Find("report")) {
      rule.once_per_list = r_.OneOf<bool>(*rep, "report", {{"each", false}, {"once", true}}, what).value_or(false);
      if (rule.once_per_list && rule.severity != Severity::kWarning)
        r_.Error(rep->mark, what + ": 'report: once' is for warnings only: every error is located row by row");
    }
    if (const YamlValue* t = m.Find("tests")) Cases(*t);
    bool fails = false, passes = false;
    for (const RuleCase& c : rule.tests) (c.fails ? fails : passes) = true;
    if (!fails || !passes)
      r_.Error(m.Find("tests") ? m.Find("tests")->mark : m.mark,
               what + " needs at least one 'fails' and one 'passes' test case");
    rule_ = nullptr;
    return rule;
  }

  RuleCitation Citation(const YamlValue& c, const std::string& what) {
    RuleCitation out;
    if (!r_.ExpectMap(c, "'cites' of " + what)) return out;
    r_.CheckKeys(c, {"guidance", "dfe"}, "'cites' of " + what);
    if (const YamlValue* g = c.Find("guidance"); g && r_.ExpectMap(*g, "'cites: guidance'")) {
      r_.CheckKeys(*g, {"list", "column", "quote"}, "'cites: guidance'");
      if (const YamlValue* l = g->Find("list")) out.guidance_list = static_cast<int>(r_.Int(*l, "list").value_or(0));
      else r_.Error(g->mark, "'cites: guidance' is missing required key 'list'");
      out.guidance_column = r_.Str(*g, "column", "'cites: guidance'", true).value_or("");
      out.guidance_quote = r_.Str(*g, "quote", "'cites: guidance'", true).value_or("");
      const ListSpec* list = out.guidance_list ? v_.FindList(out.guidance_list) : nullptr;
      if (out.guidance_list && !list)
        r_.Error(g->mark, "'cites: guidance' names list " + std::to_string(out.guidance_list) + ", not a list");
      else if (list && !out.guidance_column.empty() && MatchForm(out.guidance_column) != MatchForm("(list)") &&
               list->FindColumnByHeader(out.guidance_column) < 0)
        r_.Error(g->mark, "'cites: guidance' column '" + out.guidance_column + "' is not a header of " +
                              list->Label() + " (or '(list)' for the list's own guidance)");
      if (out.guidance_list == 0) out.guidance_list = -1;  // given but unreadable: still a citation attempt
    }
    if (const YamlValue* d = c.Find("dfe"); d && r_.ExpectMap(*d, "'cites: dfe'")) {
      r_.CheckKeys(*d, {"return", "rule", "text"}, "'cites: dfe'");
      out.dfe_return = r_.Str(*d, "return", "'cites: dfe'", true).value_or("");
      out.dfe_rule = r_.Str(*d, "rule", "'cites: dfe'", true).value_or("");
      out.dfe_text = r_.Str(*d, "text", "'cites: dfe'", true).value_or("");
    }
    return out;
  }

 private:
  // The column `key` in every list of the rule, or a problem.
  const ColumnSpec* Column(const std::string& key, const YamlMark& mark, std::string_view where) {
    const ColumnSpec* first = nullptr;
    for (int n : rule_->lists) {
      const ListSpec* l = v_.FindList(n);
      const ColumnSpec* c = l ? l->FindColumn(key) : nullptr;
      if (!c) {
        r_.Error(mark, what_ + ": '" + std::string(where) + "' names column '" + key + "', which " +
                           (l ? l->Label() : "List " + std::to_string(n)) + " does not have");
        return nullptr;
      }
      if (first && (first->type != c->type || first->code_set != c->code_set)) {
        r_.Error(mark, what_ + ": column '" + key + "' differs in type or code set between the rule's lists");
        return nullptr;
      }
      if (!first) first = c;
    }
    return first;
  }

  void DateColumn(const std::string& key, const YamlMark& mark, std::string_view where, bool reference_ok) {
    if (key == kReferenceDate) {
      if (!reference_ok) r_.Error(mark, what_ + ": '" + std::string(where) + "' cannot be the reference date");
      return;
    }
    const ColumnSpec* c = Column(key, mark, where);
    if (c && c->type != ColumnType::kDate)
      r_.Error(mark, what_ + ": '" + std::string(where) + "' column '" + key + "' is not a date column");
  }

  // The display strings of `values` in `key`'s code set; a problem for each
  // value that names no code of it.
  // `plain_ok` (a condition): a column without a code set (a whole
  // number, free text) is compared by its text, the values kept as written.
  std::vector<std::string> Codes(const std::string& key, const std::vector<std::string>& values,
                                 const YamlMark& mark, bool plain_ok = false) {
    std::vector<std::string> out;
    const ColumnSpec* c = Column(key, mark, "column");
    if (!c) return out;
    const CodeSet* set = c->code_set.empty() ? nullptr : v_.FindCodeSet(c->code_set);
    if (!set && plain_ok && c->type != ColumnType::kDate) {
      if (values.empty()) r_.Error(mark, what_ + ": the list of values is empty");
      return values;
    }
    if ((c->type != ColumnType::kCode && c->type != ColumnType::kText) || !set) {
      r_.Error(mark, what_ + ": column '" + key + "' is not a code column, so its values cannot be listed");
      return out;
    }
    for (const std::string& v : values) {
      if (const CodeValue* cv = FindRuleCode(*set, v)) out.push_back(cv->display);
      else r_.Error(mark, what_ + ": '" + v + "' is not a code of column '" + key + "' (code set " + set->name + ")");
    }
    if (values.empty()) r_.Error(mark, what_ + ": the list of codes is empty");
    return out;
  }

  std::optional<RuleCondition> Condition(const YamlValue& v, int depth) {
    if (!r_.ExpectMap(v, "a condition")) return std::nullopt;
    if (depth > 8) {
      r_.Error(v.mark, what_ + ": conditions nested too deep");
      return std::nullopt;
    }
    RuleCondition c;
    const YamlValue* all = v.Find("all");
    const YamlValue* any = v.Find("any");
    if (all || any) {
      r_.CheckKeys(v, {"all", "any"}, "a condition with all/any");
      if (all && any) r_.Error(v.mark, what_ + ": a condition is 'all' or 'any', not both");
      const YamlValue& parts = all ? *all : *any;
      c.op = all ? RuleCondition::Op::kAll : RuleCondition::Op::kAny;
      if (!parts.IsSequence() || parts.items.empty()) {
        r_.Error(parts.mark, what_ + ": '" + std::string(all ? "all" : "any") + "' must be a list of conditions");
        return std::nullopt;
      }
      for (const YamlValue& p : parts.items)
        if (auto sub = Condition(p, depth + 1)) c.parts.push_back(std::move(*sub));
      return c;
    }
    r_.CheckKeys(v, {"column", "in", "not_in", "filled"}, "a condition");
    c.column = r_.Str(v, "column", "a condition", true).value_or("");
    const ColumnSpec* col = c.column.empty() ? nullptr : Column(c.column, v.mark, "when");
    const YamlValue* in = v.Find("in");
    const YamlValue* not_in = v.Find("not_in");
    const YamlValue* filled = v.Find("filled");
    if ((in != nullptr) + (not_in != nullptr) + (filled != nullptr) != 1) {
      r_.Error(v.mark, what_ + ": a condition needs exactly one of 'in', 'not_in' and 'filled'");
      return std::nullopt;
    }
    if (filled) {
      c.op = r_.Bool(*filled, "filled").value_or(true) ? RuleCondition::Op::kFilled : RuleCondition::Op::kBlank;
      return c;
    }
    c.op = in ? RuleCondition::Op::kIn : RuleCondition::Op::kNotIn;
    c.values = r_.StrList(in ? *in : *not_in, in ? "in" : "not_in");
    if (col) c.displays = Codes(c.column, c.values, (in ? in : not_in)->mark, true);
    return c;
  }

  void Duration(const YamlValue& d, std::string_view key) {
    // "6 months", "42 days", "2 weeks", "1 year".
    const std::string s = d.IsScalar() ? d.scalar : "";
    const size_t space = s.find(' ');
    int n = 0;
    bool ok = space != std::string::npos;
    if (ok) {
      auto [p, ec] = std::from_chars(s.data(), s.data() + space, n);
      ok = ec == std::errc() && p == s.data() + space && n > 0;
    }
    const std::string unit = ok ? s.substr(space + 1) : "";
    if (unit == "day" || unit == "days") rule_->unit = DateUnit::kDays;
    else if (unit == "week" || unit == "weeks") rule_->unit = DateUnit::kWeeks;
    else if (unit == "month" || unit == "months") rule_->unit = DateUnit::kMonths;
    else if (unit == "year" || unit == "years") rule_->unit = DateUnit::kYears;
    else ok = false;
    if (!ok) {
      r_.Error(d.mark, what_ + ": '" + std::string(key) + "' must be a whole number and a unit (days, weeks, months, "
                                   "years), e.g. '6 months', not '" + s + "'");
      return;
    }
    rule_->amount = n;
  }

  void Placeholders(const std::string& message, const YamlMark& mark) {
    for (size_t open = message.find('{'); open != std::string::npos; open = message.find('{', open + 1)) {
      const size_t close = message.find('}', open);
      if (close == std::string::npos) {
        r_.Error(mark, what_ + ": 'message' has a '{' without its '}'");
        return;
      }
      const std::string name = message.substr(open + 1, close - open - 1);
      if (std::find(std::begin(kRulePlaceholders), std::end(kRulePlaceholders), name) == std::end(kRulePlaceholders)) {
        std::vector<std::string> names(std::begin(kRulePlaceholders), std::end(kRulePlaceholders));
        r_.Error(mark, what_ + ": 'message' has unknown placeholder '{" + name + "}' (known: " + Join(names, ", ") + ")");
      }
    }
  }

  void Cases(const YamlValue& t) {
    if (!t.IsSequence()) {
      r_.Error(t.mark, what_ + ": 'tests' must be a list of cases");
      return;
    }
    for (const YamlValue& item : t.items) {
      if (!r_.ExpectMap(item, "a test case")) continue;
      r_.CheckKeys(item, {"fails", "passes", "expect", "list", "reference_date"}, "a test case of " + what_);
      RuleCase c;
      c.line = item.mark.line;
      const YamlValue* fails = item.Find("fails");
      const YamlValue* passes = item.Find("passes");
      if ((fails != nullptr) == (passes != nullptr)) {
        r_.Error(item.mark, what_ + ": a test case needs exactly one of 'fails' and 'passes'");
        continue;
      }
      c.fails = fails != nullptr;
      c.list = rule_->lists.empty() ? 0 : rule_->lists.front();
      if (const YamlValue* l = item.Find("list")) {
        c.list = static_cast<int>(r_.Int(*l, "list").value_or(0));
        if (std::find(rule_->lists.begin(), rule_->lists.end(), c.list) == rule_->lists.end())
          r_.Error(l->mark, what_ + ": a test case's list " + l->scalar + " is not one of the rule's lists");
      }
      if (const YamlValue* d = item.Find("reference_date")) {
        c.reference_date = d->IsScalar() ? d->scalar : "";
        if (!CivilDate::Parse(c.reference_date)) r_.Error(d->mark, what_ + ": 'reference_date' is not a date");
      }
      const ListSpec* list = v_.FindList(c.list);
      const YamlValue& row = fails ? *fails : *passes;
      if (r_.ExpectMap(row, "a test case's row")) {
        for (const auto& [key, value] : row.entries) {
          if (list && !list->FindColumn(key.scalar))
            r_.Error(key.mark, what_ + ": a test case names column '" + key.scalar + "', which " + list->Label() +
                                   " does not have");
          c.cells[key.scalar] = value.IsScalar() ? value.scalar : "";
        }
      }
      if (const YamlValue* e = item.Find("expect")) {
        if (!c.fails) r_.Error(e->mark, what_ + ": a 'passes' case expects no finding: remove 'expect'");
        std::vector<const YamlValue*> each;
        if (e->IsSequence())
          for (const YamlValue& x : e->items) each.push_back(&x);
        else
          each.push_back(e);
        for (const YamlValue* x : each) {
          if (!r_.ExpectMap(*x, "'expect'")) continue;
          r_.CheckKeys(*x, {"column", "message"}, "'expect'");
          RuleCase::Expect ex;
          ex.column = r_.Str(*x, "column", "'expect'", true).value_or("");
          ex.message = r_.Str(*x, "message", "'expect'", true).value_or("");
          if (list && !ex.column.empty() && !list->FindColumn(ex.column))
            r_.Error(x->mark, what_ + ": 'expect' names column '" + ex.column + "', which " + list->Label() +
                                  " does not have");
          c.expect.push_back(std::move(ex));
        }
      } else if (c.fails) {
        r_.Error(item.mark, what_ + ": a 'fails' case needs 'expect' (the column and message of its finding)");
      }
      rule_->tests.push_back(std::move(c));
    }
  }

  const FileReader& r_;
  const SpecVersion& v_;
  DataRule* rule_ = nullptr;
  std::string what_;
};

}  // namespace

void ReadRulesFile(const FileReader& r, const YamlValue& doc, const SpecVersion& version,
                   std::vector<DataRule>* rules, std::vector<CoverageEntry>* coverage) {
  if (doc.IsNull()) return;
  if (!r.ExpectMap(doc, "a rules file")) return;
  r.CheckKeys(doc, {"rules", "coverage"}, "a rules file");
  RuleReader reader(r, version);
  if (const YamlValue* list = doc.Find("rules")) {
    if (!list->IsSequence() && !list->IsNull()) r.Error(list->mark, "'rules' must be a list of rules");
    for (const YamlValue& item : list->items)
      if (auto rule = reader.Read(item)) rules->push_back(std::move(*rule));
  }
  if (const YamlValue* list = doc.Find("coverage")) {
    if (!list->IsSequence() && !list->IsNull()) r.Error(list->mark, "'coverage' must be a list of entries");
    for (const YamlValue& item : list->items) {
      if (!r.ExpectMap(item, "a coverage entry")) continue;
      r.CheckKeys(item, {"cites", "enforced_by", "note"}, "a coverage entry");
      CoverageEntry e;
      e.file = r.file();
      e.line = item.mark.line;
      if (const YamlValue* c = item.Find("cites")) e.cites = reader.Citation(*c, "a coverage entry");
      if (!e.cites.has_guidance() && !e.cites.has_dfe())
        r.Error(item.mark, "a coverage entry cites nothing: give 'cites:' a guidance line or a DfE rule");
      e.enforced_by = r.Str(item, "enforced_by", "a coverage entry", false).value_or("");
      e.note = r.Str(item, "note", "a coverage entry", false).value_or("");
      if (e.enforced_by.empty() && e.note.empty())
        r.Error(item.mark, "a coverage entry enforced by nothing needs a 'note' saying why");
      coverage->push_back(std::move(e));
    }
  }
}

void CheckRuleSet(const std::vector<DataRule>& rules, const std::vector<CoverageEntry>& coverage,
                  Problems* problems) {
  std::map<std::string, const DataRule*> ids;
  for (const DataRule& r : rules) {
    if (r.id.empty()) continue;
    auto [it, fresh] = ids.emplace(r.id, &r);
    if (!fresh)
      problems->Add(r.file, {r.line, 1},
                    "rule id '" + r.id + "' is also defined at " + Where(it->second->file, {it->second->line, 1}));
  }
  for (const CoverageEntry& e : coverage) {
    if (e.enforced_by.empty() || ids.count(e.enforced_by)) continue;
    const FindingKindInfo* k = FindFindingKind(e.enforced_by);
    if (!k || IsDataRuleCode(e.enforced_by))
      problems->Add(e.file, {e.line, 1},
                    "'enforced_by' '" + e.enforced_by + "' is neither a finding code nor a rule id (see annexa rules)");
  }
}

}  // namespace annexa::spec
