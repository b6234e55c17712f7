#include "indicators/data_indicators.h"

#include <cctype>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/date_format.h"
#include "indicators/indicator_checks.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

std::string CellText(const CellValue& c) {
  if (c.kind == CellValue::Kind::kText) return c.text;
  if (c.blank()) return "";
  return c.ToText();
}

// One source role's rows as at R: the table's rows that pass the binding's
// `where` and whose record date is on or before R, each role column's index.
struct RoleRows {
  const Table* table = nullptr;
  std::map<std::string, int> col;  // role column -> table column
  std::vector<size_t> rows;
  std::vector<std::string> formats;
  std::unordered_map<std::string, std::vector<size_t>> by_child;  // child id -> rows
  std::string problem;  // "" when usable; else why not (shown as not configured)
};

// A row being tested: a list's row, or a source role's.
struct Ref {
  const AnnexList* list = nullptr;
  const AnnexRow* row = nullptr;
  const RoleRows* role = nullptr;
  size_t srow = 0;
};

class Evaluator {
 public:
  Evaluator(const std::vector<AnnexList>& lists, const IndicatorOptions& o) : lists_(lists), o_(o), r_(o.reference_date) {}

  Indicator Compute(const IndicatorSpec& spec) {
    Indicator ind;
    ind.id = spec.id;
    ind.reference = spec.reference;
    ind.title = spec.title;
    ind.definition = spec.definition;
    ind.period = PeriodName(spec.period);
    ind.unit = spec.unit;
    if (spec.default_target) ind.target = *spec.default_target;
    missing_column_ = false;
    // What the indicator reads, in one walk over its tests.
    Reads reads;
    if (!spec.denominator.source.empty()) reads.roles.insert(spec.denominator.source);
    if (spec.denominator.list != 0) {
      reads.lists.insert(spec.denominator.list);
      // A dated indicator reads its date column whatever the rows.
      if (!spec.dated.empty()) reads.columns[spec.denominator.list].insert(spec.dated);
    }
    CollectReads(spec.denominator.where, spec.denominator.list, &reads);
    CollectReads(spec.numerator, spec.denominator.list, &reads);
    if (o_.columns_read)
      for (const auto& [list, cols] : reads.columns) (*o_.columns_read)[list].insert(cols.begin(), cols.end());
    if (o_.lists_read) (*o_.lists_read)[spec.id].insert(reads.lists.begin(), reads.lists.end());
    // A role the indicator reads that the config does not map: not configured.
    const std::set<std::string>& roles = reads.roles;
    if (o_.sources_read) {
      std::set<std::string>& read = (*o_.sources_read)[spec.id];
      for (const std::string& role : roles)
        if (auto b = o_.source_bindings.find(role); b != o_.source_bindings.end()) read.insert(b->second.table);
    }
    for (const std::string& name : roles) {
      const RoleRows& rr = Role(name);
      if (!rr.problem.empty()) {
        ind.not_configured += (ind.not_configured.empty() ? "" : "; ") + rr.problem;
      }
    }
    if (!ind.not_configured.empty()) return ind;

    std::vector<Ref> rows;
    bool have_rows = true;
    if (spec.denominator.list != 0) {
      const AnnexList* list = FindList(lists_, spec.denominator.list);
      have_rows = list != nullptr && !list->rows.empty();
      for (const AnnexRow& row : Rows(list)) rows.push_back(Ref{list, &row, nullptr, 0});
    } else {
      const RoleRows& rr = Role(spec.denominator.source);
      for (size_t i : rr.rows) rows.push_back(Ref{nullptr, nullptr, &rr, i});
    }
    for (const Ref& ref : rows) {
      if (!InPeriod(spec, ref) || !All(spec.denominator.where, ref)) continue;
      ++ind.denominator;
      if (spec.unit != "count" && All(spec.numerator, ref)) ++ind.numerator;
    }
    if (spec.unit == "count") {
      // A list with no rows is a list not supplied: no data, not zero.
      ind.numerator = ind.denominator;
      ind.denominator = 0;
      ind.value = have_rows ? static_cast<double>(ind.numerator) : NAN;
    } else {
      ind.value = ind.denominator == 0 ? NAN : 100.0 * static_cast<double>(ind.numerator) /
                                                   static_cast<double>(ind.denominator);
    }
    // A column it reads is not in the list: withheld at a past date (the
    // records keep only its latest value, pack/past_lists.h), so the value
    // then is unknown, not a number counted without it.
    if (missing_column_) {
      ind.numerator = ind.denominator = 0;
      ind.value = NAN;
    }
    return ind;
  }

 private:
  // What an indicator's tests read: the lists (the denominator's, in_list
  // and checks), the list columns (every one a test may read, whatever the
  // rows: a test reads a column only for rows that reach it) and the
  // source roles (`record`).
  struct Reads {
    std::set<int> lists;
    std::map<int, std::set<std::string>> columns;
    std::set<std::string> roles;
  };
  // `list` is the list whose rows `cs` test (0: a source role's rows).
  void CollectReads(const std::vector<Condition>& cs, int list, Reads* r) {
    for (const Condition& c : cs) {
      switch (c.kind) {
        case Condition::Kind::kBlank:
        case Condition::Kind::kFilled:
        case Condition::Kind::kIn:
        case Condition::Kind::kPrefix:
        case Condition::Kind::kWithin:
          if (list != 0) {
            r->columns[list].insert(c.column);
            if (!c.within.of.empty()) r->columns[list].insert(c.within.of);
          }
          break;
        case Condition::Kind::kNot:
        case Condition::Kind::kAny:
          break;
        case Condition::Kind::kCheck:
          if (const NamedCheck* check = FindCheck(c.check)) {
            r->lists.insert(check->list);
            r->columns[check->list].insert(check->columns.begin(), check->columns.end());
          }
          break;
        case Condition::Kind::kRecord:
          r->roles.insert(c.source);
          if (list != 0) r->columns[list].insert("child_id");
          break;
        case Condition::Kind::kInList:
          r->lists.insert(c.list);
          if (list != 0) r->columns[list].insert("child_id");
          r->columns[c.list].insert("child_id");
          break;
      }
      // A record's tests read the role's rows; an in_list's, its list's.
      const int inner = c.kind == Condition::Kind::kRecord ? 0 : c.kind == Condition::Kind::kInList ? c.list : list;
      CollectReads(c.children, inner, r);
    }
  }

  // A list column's index; a column the list does not have (withheld at a
  // past date) is noted, so the indicator has no value.
  int ListCol(const AnnexList* list, const std::string& key) {
    const int c = Col(list, key);
    if (c < 0) missing_column_ = true;
    return c;
  }

  const RoleRows& Role(const std::string& name) {
    auto it = roles_.find(name);
    if (it != roles_.end()) return *it->second;
    auto rr = std::make_unique<RoleRows>();
    const SourceRole* role = nullptr;
    if (o_.specs) {
      auto r = o_.specs->roles.find(name);
      if (r != o_.specs->roles.end()) role = &r->second;
    }
    auto binding = o_.source_bindings.find(name);
    if (role == nullptr) {
      rr->problem = "source role '" + name + "' is not declared";
    } else if (binding == o_.source_bindings.end()) {
      rr->problem = NeedsSource(*role);
    } else {
      Fill(*role, binding->second, rr.get());
    }
    return *(roles_[name] = std::move(rr));
  }

  void Fill(const SourceRole& role, const SourceBinding& b, RoleRows* rr) {
    const Table* t = nullptr;
    if (o_.sources) {
      auto it = o_.sources->find(b.table);
      if (it != o_.sources->end()) t = &it->second;
    }
    if (t == nullptr) {
      rr->problem = "source '" + b.table + "' (indicator_sources." + role.name + ") was not read";
      return;
    }
    rr->table = t;
    rr->formats = b.date_formats.empty() ? DefaultDateFormats() : b.date_formats;
    for (const std::string& c : role.columns) {
      auto m = b.columns.find(c);
      const int idx = m == b.columns.end() ? -1 : t->ColumnIndex(m->second);
      if (idx < 0) {
        rr->problem = "source '" + b.table + "' has no column " +
                      (m == b.columns.end() ? "mapped to '" + c + "'" : "'" + m->second + "'") +
                      " (indicator_sources." + role.name + ")";
        return;
      }
      rr->col[c] = idx;
    }
    std::vector<std::pair<int, std::set<std::string>>> where;
    for (const auto& [header, values] : b.where) {
      const int idx = t->ColumnIndex(header);
      if (idx < 0) {
        rr->problem = "source '" + b.table + "' has no column '" + header + "' (indicator_sources." + role.name +
                      ".where)";
        return;
      }
      std::set<std::string> accepted;
      for (const std::string& v : values) accepted.insert(TrimLower(v));
      where.emplace_back(idx, std::move(accepted));
    }
    const int date_col = rr->col.at(role.date);
    const int child_col = role.child_id.empty() ? -1 : rr->col.at(role.child_id);
    for (size_t i = 0; i < t->size(); ++i) {
      bool pass = true;
      for (const auto& [idx, accepted] : where) pass = pass && accepted.count(TrimLower(t->cell(i, idx)));
      if (!pass) continue;
      // Only records made by R count.
      auto d = ParseDate(t->cell(i, date_col), rr->formats);
      if (!d || *d > r_) continue;
      rr->rows.push_back(i);
      if (child_col >= 0) rr->by_child[TrimLower(t->cell(i, child_col))].push_back(i);
    }
  }

  bool InPeriod(const IndicatorSpec& spec, const Ref& ref) {
    if (spec.dated.empty()) return true;
    auto d = Date(ref, spec.dated);
    if (!d || *d > r_) return false;
    if (spec.period == Period::kYearToDate) {
      const int year = r_.month() >= 4 ? r_.year() : r_.year() - 1;
      return *d >= CivilDate(year, 4, 1);
    }
    if (spec.period == Period::kRollingYear) return *d > r_.AddMonths(-12);
    return true;
  }

  // A cell's text ("" when blank); for a source row, a role column.
  std::string Text(const Ref& ref, const std::string& key) {
    if (ref.list) {
      const int c = ListCol(ref.list, key);
      if (c < 0 || static_cast<size_t>(c) >= ref.row->cells.size()) return "";
      return CellText(ref.row->cells[c]);
    }
    auto it = ref.role->col.find(key);
    if (it == ref.role->col.end()) return "";
    return std::string(ref.role->table->cell(ref.srow, it->second));
  }

  // A date; a source's date after R has not happened yet as at R.
  std::optional<CivilDate> Date(const Ref& ref, const std::string& key) {
    if (ref.list) return DateOf(*ref.row, ListCol(ref.list, key));
    auto it = ref.role->col.find(key);
    if (it == ref.role->col.end()) return std::nullopt;
    auto d = ParseDate(ref.role->table->cell(ref.srow, it->second), ref.role->formats);
    if (d && *d > r_) return std::nullopt;
    return d;
  }

  bool Blank(const Ref& ref, const std::string& key) {
    if (!ref.list) {
      // A date column of a source dated after R is blank as at R.
      const std::string text = TrimLower(Text(ref, key));
      if (text.empty()) return true;
      auto d = ParseDate(text, ref.role->formats);
      return d && *d > r_;
    }
    return IsBlank(*ref.row, ListCol(ref.list, key));
  }

  bool WithinSpan(CivilDate from, CivilDate to, const Within& w) {
    if (to < from) return false;
    switch (w.unit) {
      case SpanUnit::kDays: return to <= from.AddDays(w.n);
      case SpanUnit::kWeeks: return to <= from.AddDays(7 * static_cast<int64_t>(w.n));
      case SpanUnit::kMonths: return to <= from.AddMonths(w.n);
      case SpanUnit::kWorkingDays: return o_.calendar.WorkingDaysBetween(from, to) <= w.n;
    }
    return false;
  }

  bool Holds(const Condition& c, const Ref& ref) {
    switch (c.kind) {
      case Condition::Kind::kBlank: return Blank(ref, c.column);
      case Condition::Kind::kFilled: return !Blank(ref, c.column);
      case Condition::Kind::kIn: {
        const std::string t = TrimLower(Text(ref, c.column));
        for (const std::string& code : c.codes)
          if (t == TrimLower(code)) return true;
        return false;
      }
      case Condition::Kind::kPrefix: {
        const std::string t = TrimLower(Text(ref, c.column));
        for (const std::string& code : c.codes)
          if (t.rfind(TrimLower(code), 0) == 0) return true;
        return false;
      }
      case Condition::Kind::kWithin: {
        auto d = Date(ref, c.column);
        if (!d) return false;
        if (c.within.of.empty()) return *d <= r_ && WithinSpan(*d, r_, c.within);
        auto of = Date(ref, c.within.of);
        return of && WithinSpan(*of, *d, c.within);
      }
      case Condition::Kind::kNot: return !c.children.empty() && !Holds(c.children[0], ref);
      case Condition::Kind::kAny:
        for (const Condition& x : c.children)
          if (Holds(x, ref)) return true;
        return false;
      case Condition::Kind::kCheck: {
        const NamedCheck* check = FindCheck(c.check);
        if (!check || !ref.list) return false;
        // A check reads the list's latest dates: one withheld at a past
        // date leaves the check unknown then.
        if (!ref.list->withheld_columns.empty()) missing_column_ = true;
        return check->test(*ref.list, *ref.row, r_, o_.calendar);
      }
      case Condition::Kind::kRecord: {
        if (!ref.list) return false;
        const RoleRows& rr = Role(c.source);
        auto it = rr.by_child.find(TrimLower(Text(ref, "child_id")));
        if (it == rr.by_child.end()) return false;
        for (size_t i : it->second)
          if (All(c.children, Ref{nullptr, nullptr, &rr, i})) return true;
        return false;
      }
      case Condition::Kind::kInList: {
        if (!ref.list) return false;
        return ChildrenOn(c).count(TrimLower(Text(ref, "child_id"))) > 0;
      }
    }
    return false;
  }

  bool All(const std::vector<Condition>& cs, const Ref& ref) {
    for (const Condition& c : cs)
      if (!Holds(c, ref)) return false;
    return true;
  }

  // The children with a row on c.list passing c.children, once per condition.
  const std::set<std::string>& ChildrenOn(const Condition& c) {
    auto it = on_list_.find(&c);
    if (it != on_list_.end()) return it->second;
    std::set<std::string> ids;
    const AnnexList* list = FindList(lists_, c.list);
    for (const AnnexRow& row : Rows(list)) {
      const Ref ref{list, &row, nullptr, 0};
      if (All(c.children, ref)) ids.insert(TrimLower(Text(ref, "child_id")));
    }
    return on_list_[&c] = std::move(ids);
  }

  const std::vector<AnnexList>& lists_;
  const IndicatorOptions& o_;
  const CivilDate r_;
  std::map<std::string, std::unique_ptr<RoleRows>> roles_;
  std::map<const Condition*, std::set<std::string>> on_list_;
  bool missing_column_ = false;  // in the indicator being computed
};

}  // namespace

std::string NeedsSource(const SourceRole& role) {
  return role.description + ": map one under indicator_sources." + role.name + " in the config";
}

std::vector<Indicator> ComputeDataIndicators(const std::vector<AnnexList>& lists, const IndicatorOptions& options) {
  std::vector<Indicator> out;
  if (!options.specs) return out;
  Evaluator eval(lists, options);
  for (const IndicatorSpec& spec : options.specs->indicators) out.push_back(eval.Compute(spec));
  return out;
}

}  // namespace annexa::indicators
