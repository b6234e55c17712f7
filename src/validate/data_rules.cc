#include "validate/data_rules.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/text.h"
#include "spec/rule_loader.h"
#include "validate/cell_text.h"
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {

using spec::DataRule;
using spec::RuleCondition;
using spec::RuleKind;
using Op = RuleCondition::Op;

// A column of one list: its index and, for a code column, its code set and
// what each spelling met so far resolves to.
struct BoundColumn {
  int index = -1;
  const spec::CodeSet* codes = nullptr;
  mutable std::unordered_map<std::string, const std::string*> resolved;  // cell text -> display, or nullptr
};

// The display string of the code a cell holds, or nullptr (blank, or no
// code of the set). The lists hold Ofsted's display strings, so the usual
// answer is an exact match; other spellings are resolved once each.
const std::string* CodeOf(const BoundColumn& col, const CellValue& cell) {
  if (TextEmpty(cell)) return nullptr;
  const std::string text = cell.kind == CellValue::Kind::kText ? cell.text : cell.ToText();
  if (col.codes) {
    for (const spec::CodeValue& v : col.codes->values)
      if (v.display == text) return &v.display;
    auto [it, fresh] = col.resolved.try_emplace(text, nullptr);
    if (fresh) {
      const spec::CodeValue* v = spec::FindRuleCode(*col.codes, text);
      it->second = v ? &v->display : nullptr;
    }
    return it->second;
  }
  return nullptr;
}

struct BoundCondition {
  Op op = Op::kFilled;
  BoundColumn column;
  const std::vector<std::string>* displays = nullptr;
  std::vector<BoundCondition> parts;
};

// One rule bound to one list: column indexes in place of keys.
class Bound {
 public:
  Bound(const DataRule& rule, const AnnexList& list, const spec::SpecVersion& spec)
      : rule_(rule), list_(list), spec_(spec) {}

  BoundColumn Column(const std::string& key) const {
    BoundColumn c;
    if (key.empty() || key == spec::kReferenceDate) return c;
    c.index = ColumnIndex(list_, key);
    if (c.index >= 0) {
      const spec::ColumnSpec& col = list_.spec->columns[static_cast<size_t>(c.index)];
      if (!col.code_set.empty() && (col.type == spec::ColumnType::kCode || col.type == spec::ColumnType::kText))
        c.codes = spec_.FindCodeSet(col.code_set);
    }
    return c;
  }

  BoundCondition Condition(const RuleCondition& c) const {
    BoundCondition b;
    b.op = c.op;
    b.column = Column(c.column);
    b.displays = &c.displays;
    for (const RuleCondition& p : c.parts) b.parts.push_back(Condition(p));
    return b;
  }

  const DataRule& rule_;
  const AnnexList& list_;
  const spec::SpecVersion& spec_;
};

bool Holds(const BoundCondition& c, const AnnexRow& row) {
  switch (c.op) {
    case Op::kAll:
      for (const BoundCondition& p : c.parts)
        if (!Holds(p, row)) return false;
      return true;
    case Op::kAny:
      for (const BoundCondition& p : c.parts)
        if (Holds(p, row)) return true;
      return false;
    default:
      break;
  }
  if (c.column.index < 0) return c.op == Op::kBlank;
  const CellValue& cell = row.cells[static_cast<size_t>(c.column.index)];
  switch (c.op) {
    case Op::kFilled: return !TextEmpty(cell);
    case Op::kBlank: return TextEmpty(cell);
    case Op::kIn:
    case Op::kNotIn: {
      if (TextEmpty(cell)) return false;
      bool in = false;
      if (c.column.codes) {
        const std::string* code = CodeOf(c.column, cell);
        in = code && std::find(c.displays->begin(), c.displays->end(), *code) != c.displays->end();
      } else {  // a whole number or free text: by its text
        const std::string text(Trim(cell.ToText()));
        in = std::find(c.displays->begin(), c.displays->end(), text) != c.displays->end();
      }
      return c.op == Op::kIn ? in : !in;
    }
    default: return false;
  }
}

// The column {when_column} names in a row where the condition holds: the
// condition's own, the first part's of an 'all', the first holding part's
// of an 'any'.
const BoundCondition* WhenLeaf(const BoundCondition& c, const AnnexRow& row) {
  if (c.op != Op::kAll && c.op != Op::kAny) return &c;
  for (const BoundCondition& p : c.parts)
    if (c.op == Op::kAll || Holds(p, row)) return WhenLeaf(p, row);
  return nullptr;
}

std::string Header(const AnnexList& list, int col) {
  return col < 0 ? "the reference date" : std::string(Trim(list.spec->columns[static_cast<size_t>(col)].header));
}

std::string Amount(const DataRule& r) {
  const char* unit = "days";
  switch (r.unit) {
    case spec::DateUnit::kDays: unit = r.amount == 1 ? "day" : "days"; break;
    case spec::DateUnit::kWeeks: unit = r.amount == 1 ? "week" : "weeks"; break;
    case spec::DateUnit::kMonths: unit = r.amount == 1 ? "month" : "months"; break;
    case spec::DateUnit::kYears: unit = r.amount == 1 ? "year" : "years"; break;
  }
  return std::to_string(r.amount) + " " + unit;
}

CivilDate Shift(const CivilDate& d, const DataRule& r, int sign) {
  switch (r.unit) {
    case spec::DateUnit::kDays: return d.AddDays(sign * r.amount);
    case spec::DateUnit::kWeeks: return d.AddDays(sign * 7 * r.amount);
    case spec::DateUnit::kMonths: return d.AddMonths(sign * r.amount);
    case spec::DateUnit::kYears: return d.AddMonths(sign * 12 * r.amount);
  }
  return d;
}

struct Placeholders {
  int column = -1;       // {column}, {value}
  int other = -1;        // {other}, {other_value}; -1 with other_date: the reference date
  CivilDate other_date{};  // when `other` is the reference date
  bool has_other = false;
};

void RunOnList(const DataRule& rule, const FindingKindInfo& kind, const Context& ctx, const AnnexList& list,
               Findings* out) {
  const Bound b(rule, list, ctx.spec);
  std::optional<BoundCondition> when;
  if (rule.when) when = b.Condition(*rule.when);
  auto mapped = [&](int c) {
    return c >= 0 && (static_cast<size_t>(c) >= list.column_origin.size() ||
                      !list.column_origin[static_cast<size_t>(c)].empty());
  };
  std::vector<int> columns;
  for (const std::string& key : rule.columns) columns.push_back(ColumnIndex(list, key));
  const BoundColumn column = b.Column(rule.column);
  const int first = ColumnIndex(list, rule.first), then = ColumnIndex(list, rule.then);
  const int relative = rule.relative_to == spec::kReferenceDate ? -1 : ColumnIndex(list, rule.relative_to);
  std::string codes;
  for (const std::string& c : rule.codes) codes += (codes.empty() ? "" : ", ") + c;

  size_t found = 0;  // rows found, for `report: once`
  std::optional<size_t> first_finding;  // where its one finding is stored
  auto emit = [&](size_t r, const Placeholders& p) {
    if (rule.once_per_list && found++ > 0) return;
    const AnnexRow& row = list.rows[r];
    const BoundCondition* when_leaf = when ? WhenLeaf(*when, row) : nullptr;
    std::string msg;
    const std::string& m = rule.message;
    for (size_t i = 0; i < m.size();) {
      const size_t open = m.find('{', i);
      if (open == std::string::npos) {
        msg.append(m, i, std::string::npos);
        break;
      }
      msg.append(m, i, open - i);
      const size_t close = m.find('}', open);
      if (close == std::string::npos) {
        msg.append(m, open, std::string::npos);
        break;
      }
      const std::string name = m.substr(open + 1, close - open - 1);
      auto cell = [&](int c) { return c < 0 ? std::string() : row.cells[static_cast<size_t>(c)].ToText(); };
      if (name == "column") msg += Header(list, p.column);
      else if (name == "value") msg += cell(p.column);
      else if (name == "when_column") msg += when_leaf ? Header(list, when_leaf->column.index) : "";
      else if (name == "when_value") msg += when_leaf ? cell(when_leaf->column.index) : "";
      else if (name == "other") msg += p.has_other ? Header(list, p.other) : "";
      else if (name == "other_value") msg += !p.has_other ? "" : p.other >= 0 ? cell(p.other) : p.other_date.ToUk();
      else if (name == "amount") msg += Amount(rule);
      else if (name == "codes") msg += codes;
      else msg.append(m, open, close + 1 - open);
      i = close + 1;
    }
    const size_t before = out->size();
    out->push_back(CellFinding(kind, list, r, p.column, msg));
    if (out->size() > before) first_finding = before;  // not when the findings are capped
  };

  for (size_t r = 0; r < list.rows.size(); ++r) {
    const AnnexRow& row = list.rows[r];
    if (when && !Holds(*when, row)) continue;
    auto blank = [&](int c) { return c < 0 || TextEmpty(row.cells[static_cast<size_t>(c)]); };
    auto date = [&](int c) -> const CivilDate* {
      if (c < 0) return nullptr;
      const CellValue& v = row.cells[static_cast<size_t>(c)];
      return v.kind == CellValue::Kind::kDate ? &v.date : nullptr;
    };
    switch (rule.kind) {
      case RuleKind::kRequiredIf:
        for (int c : columns)
          if (mapped(c) && blank(c)) emit(r, {c});
        break;
      case RuleKind::kBlankIf:
        for (int c : columns)
          if (c >= 0 && !blank(c)) emit(r, {c});
        break;
      case RuleKind::kOneOfFilled: {
        bool any = false, all_mapped = true;
        for (int c : columns) {
          any = any || !blank(c);
          all_mapped = all_mapped && mapped(c);
        }
        if (!any && all_mapped) emit(r, {columns.front()});
        break;
      }
      case RuleKind::kAllOrNone: {
        bool any = false;
        for (int c : columns) any = any || (mapped(c) && !blank(c));
        if (!any) break;
        for (int c : columns)
          if (mapped(c) && blank(c)) emit(r, {c});
        break;
      }
      case RuleKind::kDateOrder: {
        const CivilDate* a = rule.first == spec::kReferenceDate ? &ctx.reference_date : date(first);
        const CivilDate* z = date(then);
        if (!a || !z) break;
        if (*z < *a || (rule.strict && *z == *a)) emit(r, {then, first, ctx.reference_date, true});
        break;
      }
      case RuleKind::kDateWithin: {
        const CivilDate* d = date(column.index);
        const CivilDate* rel = relative < 0 ? &ctx.reference_date : date(relative);
        if (!d || !rel) break;
        bool bad = false;
        if (!rule.after) {
          const CivilDate bound = Shift(*rel, rule, -1);
          bad = rule.at_least ? *d > bound : *d < bound;
        } else {
          const CivilDate bound = Shift(*rel, rule, +1);
          bad = rule.at_least ? *d < bound : *d > bound;
        }
        if (bad) emit(r, {column.index, relative, ctx.reference_date, true});
        break;
      }
      case RuleKind::kCodeIf: {
        if (column.index < 0 || blank(column.index)) break;
        const std::string* code = CodeOf(column, row.cells[static_cast<size_t>(column.index)]);
        if (!code) break;  // not a code at all: not-a-code's finding
        const bool in = std::find(rule.code_displays.begin(), rule.code_displays.end(), *code) !=
                        rule.code_displays.end();
        if (in == rule.codes_not_in) emit(r, {column.index});
        break;
      }
    }
  }
  if (rule.once_per_list && found > 1 && first_finding)
    (*out)[*first_finding].message += " (the first of " + std::to_string(found) + " in " +
                                     (list.spec ? "List " + std::to_string(list.spec->number) : "the list") +
                                     ": filter the column to see them all)";
}

// Runs every data rule of the context's spec version.
class DataRules : public Rule {
 public:
  FindingKind kind() const override { return kinds::kDataRule; }
  void Check(const Context& ctx, Findings* out) const override {
    for (const DataRule& rule : ctx.spec.rules) RunDataRule(rule, DataRuleKind(rule), ctx, out);
  }
};

}  // namespace

const FindingKindInfo& DataRuleKind(const DataRule& rule) {
  if (const FindingKindInfo* k = FindFindingKind(rule.id); k && k->kind == kinds::kDataRule &&
                                                           k->severity == rule.severity && k->use.meaning == rule.what)
    return *k;
  std::string lists;
  for (int n : rule.lists) lists += (lists.empty() ? "" : ", ") + std::to_string(n);
  return RegisterDataRuleKind(rule.id, rule.severity, lists, rule.what);
}

void RunDataRule(const DataRule& rule, const FindingKindInfo& kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists)
    if (list.spec && std::find(rule.lists.begin(), rule.lists.end(), list.spec->number) != rule.lists.end())
      RunOnList(rule, kind, ctx, list, out);
}

void AddDataRules(std::vector<std::unique_ptr<Rule>>* rules) { rules->push_back(std::make_unique<DataRules>()); }

}  // namespace annexa::validate
