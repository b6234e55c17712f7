#include "indicators/indicator_spec.h"

#include <cstdlib>
#include <set>

#include "core/yaml_reader.h"
#include "indicators/indicator_checks.h"
#include "indicators/indicator_table.h"

namespace annexa::indicators {
namespace {

// What a condition may name, known while reading one indicator.
struct Scope {
  int list = 0;                         // the rows' list, or 0
  const SourceRole* role = nullptr;     // the rows' source role, or nullptr
  std::string role_name;                // as written (a role not declared: reported once)
};

class Loader {
 public:
  Loader(const spec::SpecVersion* spec, Problems* problems) : spec_(spec), problems_(problems) {}

  void File(const std::string& path, IndicatorSpecs* out) {
    Result<YamlValue> doc = LoadYamlFile(path);
    if (!doc.ok()) {
      problems_->AddRaw(doc.status().message());
      return;
    }
    FileReader r(path, problems_);
    const YamlValue& root = *doc;
    const std::string what = "the indicators file";
    if (!r.ExpectMap(root, what)) return;
    r.CheckKeys(root, {"sources", "indicators"}, what);
    if (const YamlValue* s = root.Find("sources"); s && r.ExpectMap(*s, "'sources'"))
      for (const auto& [name, body] : s->entries) Role(r, name, body, out);
    const YamlValue* list = root.Find("indicators");
    if (!list) return;
    if (!list->IsSequence()) {
      r.Error(list->mark, "'indicators' must be a list of indicators");
      return;
    }
    for (const YamlValue& item : list->items) Indicator(r, item, out);
  }

 private:
  void Role(const FileReader& r, const YamlValue& name, const YamlValue& body, IndicatorSpecs* out) {
    const std::string what = "source role '" + name.scalar + "'";
    if (!r.ExpectMap(body, what)) return;
    r.CheckKeys(body, {"description", "columns", "child_id", "date"}, what);
    if (out->roles.count(name.scalar)) {
      r.Error(name.mark, what + " is defined twice");
      return;
    }
    SourceRole role;
    role.name = name.scalar;
    role.description = r.Str(body, "description", what, true).value_or("");
    if (const YamlValue* c = body.Find("columns")) role.columns = r.StrList(*c, "columns");
    if (role.columns.empty()) r.Error(body.mark, what + " needs 'columns', the columns a council maps");
    role.child_id = r.Str(body, "child_id", what, false).value_or("");
    role.date = r.Str(body, "date", what, true).value_or("");
    for (const auto& [key, value] : {std::pair<const char*, std::string*>{"child_id", &role.child_id},
                                     {"date", &role.date}}) {
      if (value->empty()) continue;
      bool found = false;
      for (const std::string& c : role.columns) found |= c == *value;
      if (!found) r.Error(body.Find(key)->mark, what + ": '" + key + "' names '" + *value + "', not one of its columns");
    }
    out->roles[role.name] = std::move(role);
  }

  void Indicator(const FileReader& r, const YamlValue& v, IndicatorSpecs* out) {
    std::string what = "an indicator";
    if (!r.ExpectMap(v, what)) return;
    IndicatorSpec ind;
    ind.file = r.file();
    ind.line = v.mark.line;
    ind.id = r.Str(v, "id", what, true).value_or("");
    if (!ind.id.empty()) what = "indicator '" + ind.id + "'";
    r.CheckKeys(v, {"id", "reference", "title", "definition", "unit", "period", "dated", "lower_is_better", "targets",
                    "denominator", "count", "numerator", "note"},
                what);
    if (!ind.id.empty() && !ids_.insert(ind.id).second) r.Error(v.mark, what + " is defined twice");
    for (const IndicatorDef& def : IndicatorTable())
      if (def.id == ind.id) r.Error(v.mark, what + ": the id is a built-in indicator's (" + def.reference + ")");
    ind.reference = r.Str(v, "reference", what, true).value_or("");
    ind.title = r.Str(v, "title", what, true).value_or("");
    ind.definition = r.Str(v, "definition", what, true).value_or("");
    ind.note = r.Str(v, "note", what, false).value_or("");
    ind.unit = "%";
    if (const YamlValue* u = v.Find("unit"))
      ind.unit = r.OneOf<std::string>(*u, "unit", {{"%", "%"}, {"count", "count"}}, what).value_or("%");
    if (const YamlValue* p = v.Find("period"))
      ind.period = r.OneOf<Period>(*p, "period",
                                   {{"snapshot", Period::kSnapshot},
                                    {"year_to_date", Period::kYearToDate},
                                    {"rolling_year", Period::kRollingYear},
                                    {"window", Period::kWindow}},
                                   what)
                       .value_or(Period::kSnapshot);
    if (const YamlValue* l = v.Find("lower_is_better")) ind.lower_is_better = r.Bool(*l, "lower_is_better").value_or(false);
    ind.dated = r.Str(v, "dated", what, false).value_or("");

    const bool count = ind.unit == "count";
    const YamlValue* rows = v.Find(count ? "count" : "denominator");
    if (v.Find(count ? "denominator" : "count"))
      r.Error(v.Find(count ? "denominator" : "count")->mark,
              what + (count ? ": a count says which rows it counts with 'count', not 'denominator'"
                            : ": a percentage has a 'denominator' (and a 'numerator'), not 'count'"));
    Scope scope;
    if (!rows) {
      r.Error(v.mark, what + " is missing required key '" + std::string(count ? "count" : "denominator") + "'");
    } else {
      ind.denominator = Rows(r, *rows, what, &scope);
    }
    if (const YamlValue* n = v.Find("numerator")) {
      if (count) r.Error(n->mark, what + ": a count has no numerator");
      else ind.numerator = Conditions(r, *n, "numerator", scope);
    } else if (!count) {
      r.Error(v.mark, what + " is missing required key 'numerator'");
    }
    if ((ind.period == Period::kYearToDate || ind.period == Period::kRollingYear) && !ind.dated.empty())
      Column(r, *v.Find("dated"), ind.dated, scope);
    if (ind.period == Period::kYearToDate && ind.dated.empty())
      r.Error(v.mark, what + ": a year_to_date indicator needs 'dated', the column whose date must fall since 1 April");
    if (const YamlValue* t = v.Find("targets"); t && r.ExpectMap(*t, what + "'s targets")) {
      r.CheckKeys(*t, {"minimum", "upper"}, what + "'s targets");
      Target target;
      target.higher_is_better = !ind.lower_is_better;
      for (const auto& [key, slot] : {std::pair<const char*, std::optional<double>*>{"minimum", &target.minimum},
                                      {"upper", &target.upper}}) {
        const YamlValue* x = t->Find(key);
        if (!x) continue;
        char* end = nullptr;
        const double d = std::strtod(x->scalar.c_str(), &end);
        if (!x->IsScalar() || x->scalar.empty() || *end) {
          r.Error(x->mark, std::string("'") + key + "' must be a number, not '" + x->scalar + "'");
          continue;
        }
        *slot = d;
      }
      if (std::string why = TargetProblem(target, ind.unit == "%"); !why.empty())
        r.Error(t->mark, what + "'s targets: " + why);
      ind.default_target = target;
    }
    out->indicators.push_back(std::move(ind));
    // Roles are read before indicators in each file; an indicator naming a
    // role checks against those known so far (the shipped file's and this one's).
  }

  RowSet Rows(const FileReader& r, const YamlValue& v, const std::string& what, Scope* scope) {
    RowSet rows;
    if (!r.ExpectMap(v, what + "'s rows")) return rows;
    r.CheckKeys(v, {"list", "source", "where"}, what + "'s rows");
    const YamlValue* list = v.Find("list");
    const YamlValue* source = v.Find("source");
    if ((list != nullptr) == (source != nullptr)) {
      r.Error(v.mark, what + ": say which rows are counted with exactly one of 'list' (an Annex A list number) or "
                             "'source' (an indicator source role)");
      return rows;
    }
    if (list) {
      rows.list = ListNumber(r, *list);
      scope->list = rows.list;
    } else {
      rows.source = source->scalar;
      scope->role = RoleNamed(r, *source, source->scalar);
      scope->role_name = source->scalar;
    }
    if (const YamlValue* w = v.Find("where")) rows.where = Conditions(r, *w, "where", *scope);
    return rows;
  }

  int ListNumber(const FileReader& r, const YamlValue& v) {
    const int n = static_cast<int>(r.Int(v, "list").value_or(0));
    if (n == 0) return 0;
    if (n < 1 || n > 11 || (spec_ && !spec_->FindList(n))) {
      r.Error(v.mark, "unknown list " + v.scalar + (spec_ ? " (not a list of spec " + spec_->id + ")" : " (lists are 1 to 11)"));
      return 0;
    }
    return n;
  }

  const SourceRole* RoleNamed(const FileReader& r, const YamlValue& at, const std::string& name) {
    auto it = roles_->roles.find(name);
    if (it != roles_->roles.end()) return &it->second;
    r.Error(at.mark, "unknown source role '" + name + "' (declare it under 'sources:')");
    return nullptr;
  }

  void Column(const FileReader& r, const YamlValue& at, const std::string& key, const Scope& scope) {
    if (scope.role) {
      for (const std::string& c : scope.role->columns)
        if (c == key) return;
      r.Error(at.mark, "unknown column '" + key + "' of source role '" + scope.role->name + "' (its columns: " +
                           Join(scope.role->columns, ", ") + ")");
      return;
    }
    if (scope.list == 0 || !spec_) return;
    const spec::ListSpec* ls = spec_->FindList(scope.list);
    if (ls && ls->ColumnIndex(key) < 0)
      r.Error(at.mark, "unknown column '" + key + "' of List " + std::to_string(scope.list) + " in spec " + spec_->id);
  }

  std::vector<Condition> Conditions(const FileReader& r, const YamlValue& v, const std::string& key,
                                    const Scope& scope) {
    std::vector<Condition> out;
    if (!v.IsSequence()) {
      r.Error(v.mark, "'" + key + "' must be a list of conditions");
      return out;
    }
    for (const YamlValue& item : v.items) out.push_back(One(r, item, scope));
    return out;
  }

  Condition One(const FileReader& r, const YamlValue& v, const Scope& scope) {
    Condition c;
    c.line = v.mark.line;
    const std::string what = "a condition";
    if (!r.ExpectMap(v, what)) return c;
    r.CheckKeys(v, {"column", "blank", "filled", "in", "prefix", "within", "not", "any", "check", "record", "in_list"},
                what);
    if (const YamlValue* n = v.Find("not")) {
      c.kind = Condition::Kind::kNot;
      c.children.push_back(One(r, *n, scope));
      return c;
    }
    if (const YamlValue* a = v.Find("any")) {
      c.kind = Condition::Kind::kAny;
      c.children = Conditions(r, *a, "any", scope);
      return c;
    }
    if (const YamlValue* k = v.Find("check")) {
      c.kind = Condition::Kind::kCheck;
      c.check = k->scalar;
      const NamedCheck* check = FindCheck(c.check);
      if (!check) {
        r.Error(k->mark, "unknown check '" + c.check + "' (known: " + Join(CheckNames(), ", ") + ")");
      } else if (scope.list != check->list) {
        r.Error(k->mark, "check '" + c.check + "' applies to List " + std::to_string(check->list) + " rows");
      }
      return c;
    }
    if (const YamlValue* rec = v.Find("record")) {
      c.kind = Condition::Kind::kRecord;
      if (!r.ExpectMap(*rec, "'record'")) return c;
      r.CheckKeys(*rec, {"source", "where"}, "'record'");
      Scope inner;
      if (const YamlValue* s = rec->Find("source")) {
        c.source = s->scalar;
        inner.role = RoleNamed(r, *s, c.source);
        inner.role_name = c.source;
        if (inner.role && inner.role->child_id.empty())
          r.Error(s->mark, "source role '" + c.source + "' has no child_id column, so its records cannot be matched to a child");
      } else {
        r.Error(rec->mark, "'record' is missing required key 'source'");
      }
      if (scope.list == 0) r.Error(rec->mark, "'record' matches a list row's child: it needs rows of a list");
      if (const YamlValue* w = rec->Find("where")) c.children = Conditions(r, *w, "where", inner);
      return c;
    }
    if (const YamlValue* il = v.Find("in_list")) {
      c.kind = Condition::Kind::kInList;
      if (!r.ExpectMap(*il, "'in_list'")) return c;
      r.CheckKeys(*il, {"list", "where"}, "'in_list'");
      Scope inner;
      if (const YamlValue* l = il->Find("list")) c.list = ListNumber(r, *l);
      else r.Error(il->mark, "'in_list' is missing required key 'list'");
      inner.list = c.list;
      if (const YamlValue* w = il->Find("where")) c.children = Conditions(r, *w, "where", inner);
      return c;
    }
    const YamlValue* col = v.Find("column");
    if (!col || !col->IsScalar()) {
      r.Error(v.mark, what + " needs 'column' (with blank, filled, in, prefix or within), or one of not, any, check, "
                             "record, in_list");
      return c;
    }
    c.column = col->scalar;
    Column(r, *col, c.column, scope);
    int forms = 0;
    if (const YamlValue* b = v.Find("blank")) {
      ++forms;
      c.kind = r.Bool(*b, "blank").value_or(true) ? Condition::Kind::kBlank : Condition::Kind::kFilled;
    }
    if (const YamlValue* f = v.Find("filled")) {
      ++forms;
      c.kind = r.Bool(*f, "filled").value_or(true) ? Condition::Kind::kFilled : Condition::Kind::kBlank;
    }
    for (const auto& [key, kind] : {std::pair{"in", Condition::Kind::kIn}, std::pair{"prefix", Condition::Kind::kPrefix}})
      if (const YamlValue* x = v.Find(key)) {
        ++forms;
        c.kind = kind;
        c.codes = r.StrList(*x, key);
        if (c.codes.empty() && x->IsSequence()) r.Error(x->mark, std::string("'") + key + "' needs at least one value");
      }
    if (const YamlValue* w = v.Find("within")) {
      ++forms;
      c.kind = Condition::Kind::kWithin;
      c.within = ReadWithin(r, *w, scope);
    }
    if (forms != 1) r.Error(v.mark, "a condition on column '" + c.column + "' needs exactly one of blank, filled, in, "
                                    "prefix, within");
    return c;
  }

  Within ReadWithin(const FileReader& r, const YamlValue& v, const Scope& scope) {
    Within w;
    if (!r.ExpectMap(v, "'within'")) return w;
    r.CheckKeys(v, {"days", "weeks", "months", "working_days", "of"}, "'within'");
    int units = 0;
    for (const auto& [key, unit] : {std::pair{"days", SpanUnit::kDays}, std::pair{"weeks", SpanUnit::kWeeks},
                                    std::pair{"months", SpanUnit::kMonths},
                                    std::pair{"working_days", SpanUnit::kWorkingDays}})
      if (const YamlValue* x = v.Find(key)) {
        ++units;
        w.unit = unit;
        w.n = static_cast<int>(r.Int(*x, key).value_or(0));
        if (w.n < 0 || w.n > 100000) r.Error(x->mark, std::string("'") + key + "' must be 0 or more");
      }
    if (units != 1) r.Error(v.mark, "'within' needs exactly one of days, weeks, months, working_days");
    if (const YamlValue* o = v.Find("of"); o && o->scalar != "reference_date") {
      w.of = o->scalar;
      Column(r, *o, w.of, scope);
    }
    return w;
  }

 public:
  const IndicatorSpecs* roles_ = nullptr;

 private:
  const spec::SpecVersion* spec_;
  Problems* problems_;
  std::set<std::string> ids_;
};

}  // namespace

std::string PeriodName(Period p) {
  switch (p) {
    case Period::kSnapshot: return "snapshot";
    case Period::kYearToDate: return "year to date";
    case Period::kRollingYear: return "rolling year";
    case Period::kWindow: return "window";
  }
  return "snapshot";
}

Result<IndicatorSpecs> LoadIndicatorSpecs(const std::vector<std::string>& paths, const spec::SpecVersion* spec) {
  Problems problems;
  IndicatorSpecs out;
  Loader loader(spec, &problems);
  loader.roles_ = &out;
  for (const std::string& path : paths) loader.File(path, &out);
  if (!problems.empty()) return problems.ToStatus();
  return out;
}

}  // namespace annexa::indicators
