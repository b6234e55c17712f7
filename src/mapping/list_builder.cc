#include "mapping/list_builder.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/date_format.h"
#include "core/date_order.h"
#include "core/finding_kinds.h"
#include "core/text.h"
#include "mapping/code_resolver.h"
#include "mapping/derive.h"
#include "mapping/join_index.h"
#include "mapping/related_rows.h"
#include "core/yaml_adapter.h"

namespace annexa::mapping {

namespace {

using spec::ColumnSpec;
using spec::ColumnType;

constexpr size_t kNoRow = static_cast<size_t>(-1);

struct Ref {
  int slot = 0;  // 0 = the base table, k = the k-th join
  int col = -1;
};

// Related rows found by key, filter and dates (related_rows.h), with the
// base-side columns their dates are read from.
struct CompiledRelated {
  std::optional<RelatedIndex> index;
  Ref left;
  bool dated = false;
  Ref during_start, during_end, as_of;
  bool has_during_end = false, as_of_reference = false;
  // The base-side date columns written month first (core/date_order.h):
  // their numeric dates are not read.
  bool during_start_mf = false, during_end_mf = false, as_of_mf = false;
};

struct CompiledTest {
  const RelatedTest* test = nullptr;
  CompiledRelated rows;
  std::optional<RowFilter> passes;  // all / any / none: the test on each related row
};

struct CompiledRule {
  const ColumnRule* rule = nullptr;  // nullptr: the column is not mapped
  std::vector<Ref> refs;
  std::unique_ptr<CodeResolver> resolver;
  std::vector<std::string> date_formats;
  // Per ref: its source column writes dates month first while the rule
  // reads the default (day-first) formats, so its numeric dates are not
  // read (core/date_order.h; reported once for the column).
  std::vector<bool> month_first;
  std::optional<RelatedLookup> lookup;
  std::vector<std::pair<Ref, CompiledCondition>> when;  // all must hold, else the rule's `else`
  std::optional<CompiledTest> related;  // derive: related
  int age_from = -1;  // spec column index of the date of birth
  std::string origin;  // the source column(s) or rule, for findings
};

struct CompiledJoin {
  const JoinConfig* config = nullptr;
  const Table* table = nullptr;
  Ref left;
  const std::unordered_map<std::string_view, size_t>* index = nullptr;  // key (into the table) -> chosen row
  // A join with `where` or `dates`: candidates found per base row instead.
  std::optional<CompiledRelated> related;
  std::vector<CompiledTest> tests;  // over each candidate's own related rows
  int by = -1;
  bool by_month_first = false;  // `by` writes its dates month first: its numeric dates are not read
};

// Where a value came from: a row of the base table or of a joined one.
struct Provenance {
  const Table* table = nullptr;
  size_t row = 0;
  std::string_view column;  // a config or rule string that outlives the build
};

// A source value read as a code by a rule other than the council's own map
// or Ofsted's own spelling ("WBRI - White British", "6.0"): reported once
// per list, column and spelling, with its rows counted.
struct Spelling {
  size_t column = 0;
  std::string_view raw;  // into the tables, which outlive the build
  const std::string* display = nullptr;
};

struct Candidate {
  AnnexRow row;
  size_t base_row = 0;
  std::vector<Finding> findings;
  std::vector<std::pair<Spelling, Provenance>> spellings;
  std::vector<size_t> finding_order;  // per finding: its column, derived ones after rules_.size()
};

// Dates before this are impossible in Annex A: they come from a number in
// a date column (an Excel day number 3 shows as 1900-01-03) or a typo.
constexpr CivilDate kEarliestDate(1901, 1, 1);

// How a whole number read by ParseInteger was spelled when it was not
// plain digits: "3.0" -> ".0", "12.00" -> ".00", "3e0" -> "e0"; empty for
// plain digits.
std::string IntegerSpelling(std::string_view s) {
  s = Trim(s);
  size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return std::string(s.substr(i));
}

std::optional<int64_t> ParseInteger(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size()) return v;
  double d = 0;  // "3.0" from a spreadsheet
  auto [p2, ec2] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec2 == std::errc() && p2 == s.data() + s.size() && std::isfinite(d) && d == std::floor(d) &&
      std::fabs(d) < 1e15)
    return static_cast<int64_t>(d);
  return std::nullopt;
}

// "ex1  2ab" -> "EX1 2AB"; leaves anything that does not look like a
// postcode as it was (validation reports it).
std::string NormalisePostcode(std::string_view raw) {
  std::string compact;
  for (char c : raw)
    if (c != ' ') compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (compact.size() < 5 || compact.size() > 7) return std::string(Trim(raw));
  return compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
}

class ListBuilder {
 public:
  ListBuilder(const BuildContext& ctx, const ListConfig& list, Findings* findings)
      : ctx_(ctx), list_(list), findings_(findings) {}

  Status Prepare();
  AnnexList Run();

 private:
  std::string WhereText(const YamlMark& mark, const std::string& what) const {
    const std::string name = list_.number == spec::kAuditedCasesList ? "'audit'" : "List " + std::to_string(list_.number);
    return Where(ctx_.config.file, mark) + ": " + name + " " + what;
  }
  Status ResolveRef(const std::string& name, size_t max_slot, const std::string& where, Ref* out) const;
  std::string_view Get(const Ref& ref, const std::vector<size_t>& rows) const;
  // Whether every `when` condition of the rule holds for the row.
  bool WhenHolds(const CompiledRule& rule, const std::vector<size_t>& rows) const {
    for (const auto& [ref, cond] : rule.when)
      if (!cond.Passes(Get(ref, rows))) return false;
    return true;
  }
  Status CompileRule(size_t index, CompiledRule* out);
  // `month_first`: the value's source column writes dates month first
  // (CompiledRule::month_first): a numeric date of it is kept as text.
  // `from_data`: `raw` is a source value (not the config's constant or a
  // derived Yes/No), so a non-exact reading of it is reported.
  CellValue Convert(size_t index, std::string_view raw, const Provenance& from, Candidate* c,
                    bool month_first = false, bool from_data = false) const;
  // The scan of a source date column read with the default formats; its
  // month-first-dates finding is made here, once per list (the pack keeps
  // one per column).
  const DateColumnScan& ScanDates(const Table& t, int col) const;
  // Whether the source column `ref` reads writes its dates month first.
  bool MonthFirst(const Ref& ref) const {
    const Table& t = ref.slot == 0 ? *base_ : *joins_[static_cast<size_t>(ref.slot - 1)].table;
    return ref.col >= 0 && ScanDates(t, ref.col).MonthFirst();
  }
  Provenance BaseProvenance(size_t base_row, std::string_view column) const { return {base_, base_row, column}; }
  void Exclude(const std::string& reason, AnnexList* out) { ++out->account.excluded[reason]; }
  Finding SourceFinding(FindingKind kind, const std::string& message, const Provenance& from, const std::string& column,
                        const std::string& value) const;
  bool InWindow(const Candidate& c, const std::vector<size_t>& slot_rows, AnnexList* out);
  // Fills taken or constant column i of base row r (derived columns and
  // unmapped ones are left alone).
  void Take(size_t i, size_t r, const std::vector<size_t>& slot_rows, Candidate* c) const;
  // Whether a row stays: it has an id and falls in the window; otherwise
  // it is excluded with its reason.
  bool Admit(const Candidate& c, const std::string& child, const std::vector<size_t>& slot_rows, AnnexList* out);
  Status CompileRelated(const Table& table, const std::string& left, const std::string& right,
                        const std::vector<Condition>& where, const DateMatch& dates, size_t max_slot,
                        const std::string& where_text, CompiledRelated* out) const;
  Status CompileTest(const RelatedTest& t, const std::string& where_text, CompiledTest* out) const;
  // The dates a related row must meet for this base row; false when the
  // base row has no date to meet (then no related row belongs to it).
  bool Bounds(const CompiledRelated& rel, const std::vector<size_t>& slot_rows, std::optional<DateBounds>* out) const;
  template <class F>
  void ForEachRelated(const CompiledRelated& rel, const std::vector<size_t>& slot_rows, F&& f) const {
    std::optional<DateBounds> bounds;
    if (Bounds(rel, slot_rows, &bounds)) rel.index->ForEach(Get(rel.left, slot_rows), bounds, f);
  }
  // The row a join with `where` or `dates` picks for the base row (slot:
  // the join's place in slot_rows).
  size_t PickRelated(const CompiledJoin& j, size_t slot, const std::vector<size_t>& slot_rows) const;
  bool TestHolds(const CompiledTest& t, const std::vector<size_t>& slot_rows) const;
  // Whether the row passes the related `where` tests and no `exclude_when`;
  // otherwise it is excluded with its reason.
  bool PassesRelated(const std::vector<size_t>& slot_rows, AnnexList* out);

  const BuildContext& ctx_;
  const ListConfig& list_;
  Findings* findings_;
  const spec::ListSpec* spec_ = nullptr;
  const Table* base_ = nullptr;
  std::vector<CompiledJoin> joins_;
  std::vector<std::pair<Ref, CompiledCondition>> where_;
  std::vector<CompiledTest> where_related_;
  struct CompiledExclusion {
    const Exclusion* config = nullptr;
    std::vector<std::pair<Ref, CompiledCondition>> conditions;
    std::vector<CompiledTest> related;
  };
  std::vector<CompiledExclusion> exclusions_;
  std::vector<CompiledRule> rules_;
  int id_col_ = 0;
  std::vector<int> window_start_;     // spec column indexes
  // End dates: a spec column index, or (index -1) a source column.
  std::vector<std::pair<int, Ref>> window_end_;
  std::vector<int> dedupe_;
  int latest_by_ = -1;
  // The id and window columns, filled before the rest so that the window
  // can leave a row out early; empty when one of them is derived (then
  // every column is filled first, as the window may read a derived value).
  std::vector<size_t> early_;
  std::vector<bool> is_early_;
  JoinIndexCache local_indexes_;  // when the context shares none
  mutable DateColumnScans local_scans_;   // when the context shares none
  mutable std::set<std::pair<const Table*, int>> order_reported_;
  // Per window end read straight from a source column: that column writes
  // dates month first (its numeric dates are not read).
  std::vector<bool> window_end_month_first_;
  // Whole numbers spelled "3.0": per column index and spelling, how many
  // and the first (a finding made at the end of Run).
  struct Spelled {
    int64_t count = 0;
    Finding first;
  };
  mutable std::map<std::pair<size_t, std::string>, Spelled> integer_spellings_;
};

const DateColumnScan& ListBuilder::ScanDates(const Table& t, int col) const {
  DateColumnScans& scans = ctx_.date_scans ? *ctx_.date_scans : local_scans_;
  const DateColumnScan& scan = scans.Get(t, static_cast<size_t>(col));
  if ((scan.MonthFirst() || scan.Mixed()) && order_reported_.emplace(&t, col).second) {
    Finding f = DateOrderFinding(t, static_cast<size_t>(col), scan);
    f.list = list_.number;
    findings_->push_back(std::move(f));
  }
  return scan;
}

Status ListBuilder::ResolveRef(const std::string& name, size_t max_slot, const std::string& where, Ref* out) const {
  // "table.COLUMN" names a joined table; a bare name is the base table's,
  // or a joined table's when exactly one has it.
  const size_t dot = name.find('.');
  if (dot != std::string::npos) {
    const std::string table = name.substr(0, dot);
    for (size_t k = 0; k < joins_.size() && k < max_slot; ++k) {
      if (joins_[k].config->table != table) continue;
      const int col = joins_[k].table->ColumnIndex(name.substr(dot + 1));
      if (col < 0) return MissingColumn(*joins_[k].table, name.substr(dot + 1), where);
      *out = {static_cast<int>(k + 1), col};
      return Status::Ok();
    }
    if (table == list_.from) {
      const int col = base_->ColumnIndex(name.substr(dot + 1));
      if (col < 0) return MissingColumn(*base_, name.substr(dot + 1), where);
      *out = {0, col};
      return Status::Ok();
    }
  }
  if (const int col = base_->ColumnIndex(name); col >= 0) {
    *out = {0, col};
    return Status::Ok();
  }
  int found = 0;
  for (size_t k = 0; k < joins_.size() && k < max_slot; ++k) {
    if (const int col = joins_[k].table->ColumnIndex(name); col >= 0) {
      *out = {static_cast<int>(k + 1), col};
      ++found;
    }
  }
  if (found == 1) return Status::Ok();
  if (found > 1) return InvalidArgument(where + ": column '" + name + "' is in more than one joined table; write table.column");
  return MissingColumn(*base_, name, where);
}

std::string_view ListBuilder::Get(const Ref& ref, const std::vector<size_t>& rows) const {
  const size_t r = rows[static_cast<size_t>(ref.slot)];
  if (r == kNoRow) return {};
  const Table& t = ref.slot == 0 ? *base_ : *joins_[static_cast<size_t>(ref.slot - 1)].table;
  return t.cell(r, static_cast<size_t>(ref.col));
}

Status ListBuilder::CompileRule(size_t index, CompiledRule* out) {
  const ColumnSpec& col = spec_->columns[index];
  auto it = list_.columns.find(col.key);
  if (it == list_.columns.end()) return Status::Ok();
  const ColumnRule& rule = it->second;
  out->rule = &rule;
  const std::string where = WhereText(rule.mark, "column '" + col.key + "'");
  for (const std::string& name : rule.columns) {
    Ref ref;
    ANNEXA_RETURN_IF_ERROR(ResolveRef(name, joins_.size(), where, &ref));
    out->refs.push_back(ref);
  }
  for (const Condition& c : rule.when) {
    Ref ref;
    ANNEXA_RETURN_IF_ERROR(ResolveRef(c.column, joins_.size(), where + " 'when'", &ref));
    out->when.emplace_back(ref, Compile(c));
  }
  out->origin = rule.kind == RuleKind::kDerive ? "derived: " + rule.derive.kind
                : rule.kind == RuleKind::kConstant ? "constant"
                                                   : Join(rule.columns, " | ");
  out->date_formats = rule.date_formats.empty() ? DefaultDateFormats() : rule.date_formats;
  out->month_first.assign(out->refs.size(), false);
  if (col.type == ColumnType::kDate && rule.date_formats.empty() && rule.kind != RuleKind::kDerive) {
    // Declared formats are trusted; the defaults read day first, so the
    // column is judged as a whole first.
    for (size_t k = 0; k < out->refs.size(); ++k) {
      const Ref& ref = out->refs[k];
      const Table& t = ref.slot == 0 ? *base_ : *joins_[static_cast<size_t>(ref.slot - 1)].table;
      out->month_first[k] = ScanDates(t, ref.col).MonthFirst();
    }
  }
  if (!col.code_set.empty()) {
    const spec::CodeSet* set = ctx_.spec.FindCodeSet(col.code_set);
    const CodeMap* map = nullptr;
    if (!rule.map.empty()) map = &ctx_.config.code_maps.at(rule.map);
    if (set) out->resolver = std::make_unique<CodeResolver>(*set, ctx_.aliases, map);
  }
  if (rule.kind == RuleKind::kDerive) {
    const DeriveConfig& d = rule.derive;
    if (d.kind == "age") {
      out->age_from = spec_->ColumnIndex(d.from);
      if (out->age_from < 0) return InvalidArgument(where + ": derive: age 'from' names unknown column '" + d.from + "'");
    } else if (d.kind == "related") {
      out->related.emplace();
      ANNEXA_RETURN_IF_ERROR(CompileTest(d.related, where, &*out->related));
    } else if (d.kind != "case_status") {
      auto t = ctx_.tables.find(d.table);
      if (t == ctx_.tables.end()) return InvalidArgument(where + ": source '" + d.table + "' was not loaded");
      // Its date columns are judged as a whole (reported here, once); the
      // lookup reads none of a month-first column's numeric dates.
      for (const std::string* name : {&d.date, &d.end, &d.anchor})
        if (const int c = name->empty() ? -1 : t->second.ColumnIndex(*name); c >= 0) ScanDates(t->second, c);
      Result<RelatedLookup> lookup = RelatedLookup::Build(d, t->second, ctx_.reference_date, where,
                                                          ctx_.date_scans ? ctx_.date_scans : &local_scans_);
      if (!lookup.ok()) return lookup.status();
      out->lookup = std::move(*lookup);
    }
  }
  return Status::Ok();
}

Status ListBuilder::Prepare() {
  spec_ = ctx_.spec.FindList(list_.number);
  if (!spec_) return InvalidArgument(WhereText(list_.mark, "is not in " + ctx_.spec.id));
  auto base = ctx_.tables.find(list_.from);
  if (base == ctx_.tables.end()) return InvalidArgument(WhereText(list_.mark, "source '" + list_.from + "' was not loaded"));
  base_ = &base->second;
  for (const JoinConfig& j : list_.joins) {
    CompiledJoin cj;
    cj.config = &j;
    auto t = ctx_.tables.find(j.table);
    if (t == ctx_.tables.end()) return InvalidArgument(WhereText(j.mark, "join: source '" + j.table + "' was not loaded"));
    cj.table = &t->second;
    const std::string where = WhereText(j.mark, "join '" + j.table + "'");
    ANNEXA_RETURN_IF_ERROR(ResolveRef(j.left, joins_.size(), where, &cj.left));
    const int right = cj.table->ColumnIndex(j.right);
    if (right < 0) return MissingColumn(*cj.table, j.right, where);
    int by = -1;
    if (j.pick == JoinPick::kLatest && (by = cj.table->ColumnIndex(j.by)) < 0) return MissingColumn(*cj.table, j.by, where);
    cj.by = by;
    if (by >= 0) cj.by_month_first = ScanDates(*cj.table, by).MonthFirst();
    if (j.Filtered()) {
      cj.related.emplace();
      ANNEXA_RETURN_IF_ERROR(CompileRelated(*cj.table, j.left, j.right, j.where, j.dates, joins_.size(), where, &*cj.related));
      // The tests may read the candidate's own columns: compiled with this
      // join in place.
      joins_.push_back(std::move(cj));
      std::vector<CompiledTest> tests(j.where_related.size());
      for (size_t k = 0; k < tests.size(); ++k)
        ANNEXA_RETURN_IF_ERROR(CompileTest(j.where_related[k], WhereText(j.where_related[k].mark, "join '" + j.table + "' 'where'"), &tests[k]));
      joins_.back().tests = std::move(tests);
      continue;
    }
    JoinIndexCache& cache = ctx_.join_indexes ? *ctx_.join_indexes : local_indexes_;
    const JoinIndex& index = cache.Get(*cj.table, right, j.pick, by, ctx_.reference_date, cj.by_month_first);
    cj.index = &index.rows;
    const int64_t duplicates = index.duplicates;
    if (duplicates > 0) {
      // Located at the first repeat, so the row can be found; the value is
      // in the finding's value field, never in the message.
      const size_t first = index.first_duplicate;
      const int64_t line = cj.table->source_rows.empty() ? static_cast<int64_t>(first) + 2 : cj.table->source_rows[first];
      Finding f = MakeFinding(kinds::kJoinDuplicateKey,
                              std::to_string(duplicates) + " rows of '" + j.table + "' repeat a " + j.right +
                                  " already seen (the first at row " + std::to_string(line) + "); " +
                                  spec_->Label() + " uses the first");
      f.list = list_.number;
      f.source = cj.table->OriginOf(first);
      f.source_row = line;
      f.source_column = j.right;
      f.value = std::string(cj.table->cell(first, static_cast<size_t>(right)));
      findings_->push_back(std::move(f));
    }
    joins_.push_back(std::move(cj));
  }
  for (const Condition& c : list_.where) {
    Ref ref;
    ANNEXA_RETURN_IF_ERROR(ResolveRef(c.column, joins_.size(), WhereText(list_.mark, "'where'"), &ref));
    where_.emplace_back(ref, Compile(c));
  }
  for (const RelatedTest& t : list_.where_related) {
    where_related_.emplace_back();
    ANNEXA_RETURN_IF_ERROR(CompileTest(t, WhereText(t.mark, "'where'"), &where_related_.back()));
  }
  for (const Exclusion& e : list_.exclude_when) {
    CompiledExclusion ce;
    ce.config = &e;
    const std::string where = WhereText(e.mark, "'exclude_when'");
    for (const Condition& c : e.conditions) {
      Ref ref;
      ANNEXA_RETURN_IF_ERROR(ResolveRef(c.column, joins_.size(), where, &ref));
      ce.conditions.emplace_back(ref, Compile(c));
    }
    for (const RelatedTest& t : e.related) {
      ce.related.emplace_back();
      ANNEXA_RETURN_IF_ERROR(CompileTest(t, WhereText(t.mark, "'exclude_when'"), &ce.related.back()));
    }
    exclusions_.push_back(std::move(ce));
  }
  rules_.resize(spec_->columns.size());
  for (size_t i = 0; i < spec_->columns.size(); ++i) ANNEXA_RETURN_IF_ERROR(CompileRule(i, &rules_[i]));
  auto index_of = [&](const std::string& key) { return spec_->ColumnIndex(key); };
  for (const std::string& k : list_.window.start) window_start_.push_back(index_of(k));
  for (const std::string& e : list_.window.end) {
    std::pair<int, Ref> end{index_of(e), Ref{}};
    if (end.first < 0)
      ANNEXA_RETURN_IF_ERROR(ResolveRef(e, joins_.size(), WhereText(list_.mark, "'window' end"), &end.second));
    bool month_first = false;
    if (end.first < 0) {
      const Table& t = end.second.slot == 0 ? *base_ : *joins_[static_cast<size_t>(end.second.slot - 1)].table;
      month_first = ScanDates(t, end.second.col).MonthFirst();
    }
    window_end_.push_back(end);
    window_end_month_first_.push_back(month_first);
  }
  for (const std::string& k : list_.dedupe) dedupe_.push_back(index_of(k));
  latest_by_ = list_.latest_per_child.empty() ? -1 : index_of(list_.latest_per_child);
  std::vector<size_t> early = {static_cast<size_t>(id_col_)};
  for (int k : window_start_) early.push_back(static_cast<size_t>(k));
  for (const auto& [cell, ref] : window_end_)
    if (cell >= 0) early.push_back(static_cast<size_t>(cell));
  std::sort(early.begin(), early.end());
  early.erase(std::unique(early.begin(), early.end()), early.end());
  bool derived = false;
  for (size_t i : early) derived = derived || (rules_[i].rule && rules_[i].rule->kind == RuleKind::kDerive);
  is_early_.assign(rules_.size(), false);
  if (!derived) {
    early_ = std::move(early);
    for (size_t i : early_) is_early_[i] = true;
  }
  return Status::Ok();
}

Status ListBuilder::CompileRelated(const Table& table, const std::string& left, const std::string& right,
                                   const std::vector<Condition>& where, const DateMatch& dates, size_t max_slot,
                                   const std::string& where_text, CompiledRelated* out) const {
  ANNEXA_RETURN_IF_ERROR(ResolveRef(left, max_slot, where_text, &out->left));
  Result<RelatedIndex> index = RelatedIndex::Build(table, right, where, dates, where_text);
  if (!index.ok()) return index.status();
  out->index = std::move(*index);
  if (!dates.Active()) return Status::Ok();
  out->dated = true;
  {
    const int start = out->index->start_column(), end = out->index->end_column();
    out->index->SetMonthFirst(start >= 0 && ScanDates(table, start).MonthFirst(),
                              end >= 0 && ScanDates(table, end).MonthFirst());
  }
  if (dates.as_of == "reference_date") {
    out->as_of_reference = true;
  } else if (!dates.as_of.empty()) {
    ANNEXA_RETURN_IF_ERROR(ResolveRef(dates.as_of, max_slot, where_text, &out->as_of));
    out->as_of_mf = MonthFirst(out->as_of);
  } else {
    ANNEXA_RETURN_IF_ERROR(ResolveRef(dates.during_start, max_slot, where_text, &out->during_start));
    out->during_start_mf = MonthFirst(out->during_start);
    if ((out->has_during_end = !dates.during_end.empty())) {
      ANNEXA_RETURN_IF_ERROR(ResolveRef(dates.during_end, max_slot, where_text, &out->during_end));
      out->during_end_mf = MonthFirst(out->during_end);
    }
  }
  return Status::Ok();
}

Status ListBuilder::CompileTest(const RelatedTest& t, const std::string& where_text, CompiledTest* out) const {
  out->test = &t;
  auto table = ctx_.tables.find(t.rows.table);
  if (table == ctx_.tables.end()) return InvalidArgument(where_text + ": source '" + t.rows.table + "' was not loaded");
  ANNEXA_RETURN_IF_ERROR(CompileRelated(table->second, t.rows.left, t.rows.right, t.rows.where, t.rows.dates,
                                        joins_.size(), where_text, &out->rows));
  if (t.quantifier == Quantifier::kExists || t.quantifier == Quantifier::kNotExists) return Status::Ok();
  Result<RowFilter> passes = RowFilter::Compile(table->second, t.test, where_text);
  if (!passes.ok()) return passes.status();
  out->passes = std::move(*passes);
  return Status::Ok();
}

bool ListBuilder::Bounds(const CompiledRelated& rel, const std::vector<size_t>& slot_rows,
                         std::optional<DateBounds>* out) const {
  if (!rel.dated) return true;
  const auto date = [&](const Ref& ref, bool month_first) -> std::optional<CivilDate> {
    const std::string_view v = Get(ref, slot_rows);
    if (month_first && OrderOf(v) != DateOrder::kNotNumeric) return std::nullopt;  // reported for the column
    return ParseDate(v, DefaultDateFormats());
  };
  if (rel.as_of_reference) {
    *out = DateBounds{ctx_.reference_date, ctx_.reference_date};
    return true;
  }
  const auto from = rel.as_of.col >= 0 ? date(rel.as_of, rel.as_of_mf) : date(rel.during_start, rel.during_start_mf);
  if (!from) return false;
  if (rel.as_of.col >= 0) {
    *out = DateBounds{*from, *from};
    return true;
  }
  *out = DateBounds{*from, std::nullopt};
  if (rel.has_during_end && !Trim(Get(rel.during_end, slot_rows)).empty()) {
    const auto to = date(rel.during_end, rel.during_end_mf);
    if (!to) return false;  // an end that is not a date: the period is unknown
    (*out)->to = *to;
  }
  return true;
}

size_t ListBuilder::PickRelated(const CompiledJoin& j, size_t slot, const std::vector<size_t>& slot_rows) const {
  size_t chosen = kNoRow;
  std::optional<CivilDate> best;
  const Table& t = *j.table;
  std::vector<size_t> with_candidate;  // the tests read the candidate in its slot
  if (!j.tests.empty()) with_candidate = slot_rows;
  ForEachRelated(*j.related, slot_rows, [&](size_t row) {
    if (!j.tests.empty()) {
      with_candidate[slot] = row;
      for (const CompiledTest& test : j.tests)
        if (!TestHolds(test, with_candidate)) return;
    }
    if (j.config->pick == JoinPick::kOne) {
      if (chosen == kNoRow) chosen = row;
      return;
    }
    // The latest by `by` on or before the reference date; ties to the later row.
    const std::string_view v = t.cell(row, static_cast<size_t>(j.by));
    if (j.by_month_first && OrderOf(v) != DateOrder::kNotNumeric) return;
    const auto d = ParseDate(v, DefaultDateFormats());
    if (!d || *d > ctx_.reference_date || (best && *d < *best)) return;
    best = *d;
    chosen = row;
  });
  return chosen;
}

bool ListBuilder::TestHolds(const CompiledTest& t, const std::vector<size_t>& slot_rows) const {
  int64_t rows = 0, passing = 0;
  const Table& table = t.rows.index->table();
  ForEachRelated(t.rows, slot_rows, [&](size_t row) {
    ++rows;
    passing += t.passes && t.passes->Matches(table, row);
  });
  return Holds(t.test->quantifier, rows, passing);
}

bool ListBuilder::PassesRelated(const std::vector<size_t>& slot_rows, AnnexList* out) {
  for (const CompiledTest& t : where_related_) {
    if (TestHolds(t, slot_rows)) continue;
    Exclude(t.test->reason.empty() ? "filtered out by 'where' on related " + t.test->rows.table : t.test->reason, out);
    return false;
  }
  for (const CompiledExclusion& e : exclusions_) {
    bool all = true;
    for (const auto& [ref, cond] : e.conditions) all = all && cond.Passes(Get(ref, slot_rows));
    for (const CompiledTest& t : e.related) all = all && TestHolds(t, slot_rows);
    if (!all) continue;
    Exclude(e.config->reason, out);
    return false;
  }
  return true;
}

void ListBuilder::Take(size_t i, size_t r, const std::vector<size_t>& slot_rows, Candidate* c) const {
  const CompiledRule& rule = rules_[i];
  if (!rule.rule || rule.rule->kind == RuleKind::kDerive) return;
  std::string_view raw;  // into the tables or the config, both outlive the build
  Provenance from = BaseProvenance(r, rule.origin);
  bool month_first = false;
  if (!WhenHolds(rule, slot_rows)) {
    // `else`; without one the column does not apply: blank, whatever the
    // map's `(blank)` says a blank source value means.
    if (rule.rule->otherwise.empty()) {
      c->row.cells[i] = CellValue::Blank();
      c->finding_order.resize(c->findings.size(), i);
      return;
    }
    raw = rule.rule->otherwise;
  } else if (rule.rule->kind == RuleKind::kConstant) {
    raw = rule.rule->constant;
  } else {
    for (size_t k = 0; k < rule.refs.size(); ++k) {
      const Ref& ref = rule.refs[k];
      raw = Trim(Get(ref, slot_rows));
      if (raw.empty()) continue;
      if (ref.slot > 0)
        from = {joins_[static_cast<size_t>(ref.slot - 1)].table, slot_rows[static_cast<size_t>(ref.slot)], rule.rule->columns[k]};
      else
        from.column = rule.rule->columns[k];
      month_first = rule.month_first[k];
      break;
    }
  }
  const bool from_data = rule.rule->kind != RuleKind::kConstant && raw.data() != rule.rule->otherwise.data();
  c->row.cells[i] = Convert(i, raw, from, c, month_first, from_data);
  c->finding_order.resize(c->findings.size(), i);
}

bool ListBuilder::Admit(const Candidate& c, const std::string& child, const std::vector<size_t>& slot_rows,
                        AnnexList* out) {
  if (child.empty()) {
    const ColumnSpec& id_col = spec_->columns[static_cast<size_t>(id_col_)];
    Exclude("no " + id_col.header, out);
    findings_->push_back(SourceFinding(kinds::kMissingId, "row left out: no " + id_col.header,
                                       BaseProvenance(c.base_row, rules_[static_cast<size_t>(id_col_)].origin),
                                       id_col.key, ""));
    return false;
  }
  return InWindow(c, slot_rows, out);
}

Finding ListBuilder::SourceFinding(FindingKind kind, const std::string& message, const Provenance& from,
                                   const std::string& column, const std::string& value) const {
  Finding f = MakeFinding(kind, message);
  f.list = list_.number;
  f.column = column;
  f.value = value;
  f.source = from.table->OriginOf(from.row);
  f.source_row = from.table->source_rows.empty() ? static_cast<int64_t>(from.row) + 2 : from.table->source_rows[from.row];
  f.source_column = std::string(from.column);
  return f;
}

CellValue ListBuilder::Convert(size_t index, std::string_view raw, const Provenance& from, Candidate* c,
                               bool month_first, bool from_data) const {
  const ColumnSpec& col = spec_->columns[index];
  const CompiledRule& rule = rules_[index];
  if (raw.empty()) {  // a blank is a value only when the column's map says what it means
    const bool coded = col.type == ColumnType::kCode || col.type == ColumnType::kText;
    if (const std::string* b = coded && rule.resolver ? rule.resolver->Blank() : nullptr) return CellValue::Text(*b);
    return CellValue::Blank();
  }
  const auto text = [&] { return CellValue::Text(std::string(raw)); };
  const auto code = [&](const Resolution& r) {
    if (!r.exact && from_data) c->spellings.push_back({Spelling{index, raw, r.display}, from});
    return CellValue::Text(*r.display);
  };
  const auto bad = [&](FindingKind kind, const std::string& why) {
    const std::string value(raw);
    c->findings.push_back(SourceFinding(kind, "'" + value + "' " + why, from, col.key, value));
  };
  switch (col.type) {
    case ColumnType::kDate:
      // A month-first column's numeric dates: kept as text, never read day
      // first (the column's month-first-dates finding says what to set).
      if (month_first && OrderOf(raw) != DateOrder::kNotNumeric) return text();
      if (auto d = ParseDate(raw, rule.date_formats)) {
        if (!(*d < kEarliestDate)) return CellValue::Date(*d);
        bad(kinds::kBadDate, "is not a possible date (" + col.header + "): " + d->ToIso() +
                                 " is before 1901 (a number in a date cell: Excel shows the number 3 as 1900-01-03)");
        return text();
      }
      bad(kinds::kBadDate, "is not a date (" + col.header + ")");
      return text();
    case ColumnType::kInteger:
      if (auto i = ParseInteger(raw)) {
        if (std::string spelling = IntegerSpelling(raw); !spelling.empty()) {
          Spelled& s = integer_spellings_[{index, spelling}];
          if (s.count++ == 0) {
            const std::string value(raw);
            s.first = SourceFinding(kinds::kNumberSpelling, "", from, col.key, value);
          }
        }
        return CellValue::Integer(*i);
      }
      bad(kinds::kBadInteger, "is not a whole number (" + col.header + ")");
      return text();
    case ColumnType::kCode:
      if (rule.resolver) {
        if (const Resolution r = rule.resolver->Read(raw); r.display) return code(r);
        bad(kinds::kUnmappedCode, "is not a value of " + col.code_set + " and no code map covers it (" + col.header + ")");
      }
      return text();
    case ColumnType::kText:
      if (rule.resolver)  // special values among free text (LA of Placement)
        if (const Resolution r = rule.resolver->Read(raw); r.display) return code(r);
      return text();
    case ColumnType::kPostcode:
      return CellValue::Text(NormalisePostcode(raw));
    case ColumnType::kId:
      return text();
  }
  return text();
}

bool ListBuilder::InWindow(const Candidate& c, const std::vector<size_t>& slot_rows, AnnexList* out) {
  if (window_start_.empty()) return true;
  spec::Window w = spec_->window;
  if (list_.window.months > 0) w.months = list_.window.months;  // the audited-case list's own window
  const CellValue* start = nullptr;
  for (int k : window_start_) {
    start = &c.row.cells[static_cast<size_t>(k)];
    if (start->kind == CellValue::Kind::kDate) break;
  }
  if (start->kind != CellValue::Kind::kDate) {
    const size_t first = static_cast<size_t>(window_start_[0]);
    const ColumnSpec& start_col = spec_->columns[first];
    const std::vector<bool>& month_first = rules_[first].month_first;
    if (std::find(month_first.begin(), month_first.end(), true) != month_first.end() &&
        c.row.cells[first].kind == CellValue::Kind::kText &&
        OrderOf(c.row.cells[first].text) != DateOrder::kNotNumeric) {
      // Its column writes dates month first: reported once for the column
      // (month-first-dates), not again for each row it leaves out.
      Exclude(start_col.header + " written month first", out);
      return false;
    }
    Exclude("no valid " + start_col.header, out);
    findings_->push_back(SourceFinding(kinds::kMissingWindowDate,
                                       "row left out: no valid '" + start_col.header + "' to place it in the window",
                                       BaseProvenance(c.base_row, rules_[first].origin), start_col.key,
                                       c.row.cells[first].text));
    return false;
  }
  const CellValue& start_cell = *start;
  const CivilDate ref = ctx_.reference_date;
  const CivilDate from = ref.AddMonths(-w.months);
  if (start_cell.date > ref) {
    Exclude("starts after the reference date", out);
    return false;
  }
  if (!w.point_in_time) {
    if (start_cell.date < from) {
      Exclude("before the " + std::to_string(w.months) + "-month window", out);
      return false;
    }
    return true;
  }
  std::optional<CivilDate> end;
  for (size_t e = 0; e < window_end_.size(); ++e) {
    const auto& [cell, ref_col] = window_end_[e];
    if (cell >= 0) {
      const CellValue& v = c.row.cells[static_cast<size_t>(cell)];
      if (v.kind != CellValue::Kind::kDate) continue;
      end = v.date;
    } else {
      const std::string_view v = Get(ref_col, slot_rows);
      if (window_end_month_first_[e] && OrderOf(v) != DateOrder::kNotNumeric) continue;  // reported for the column
      end = ParseDate(v, DefaultDateFormats());
      if (!end) continue;
    }
    break;
  }
  const CivilDate limit = w.months > 0 ? from : ref;
  if (end && *end < limit) {
    Exclude(w.months > 0 ? "ended before the " + std::to_string(w.months) + "-month window"
                         : "ended before the reference date",
            out);
    return false;
  }
  return true;
}

AnnexList ListBuilder::Run() {
  AnnexList out;
  out.spec = spec_;
  out.base_table = list_.from;
  out.sources = base_->row_origins.empty() ? std::vector<std::string>{base_->origin} : base_->origins;
  if (ctx_.set_aside) {  // rows of the base source its `latest_per` did not keep
    if (auto it = ctx_.set_aside->find(list_.from); it != ctx_.set_aside->end()) {
      for (const auto& [reason, n] : it->second) {
        out.account.read += n;
        out.account.excluded[reason] += n;
      }
    }
  }
  for (const CompiledRule& r : rules_) out.column_origin.push_back(r.rule ? r.origin : "");
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (rules_[i].rule) continue;
    // One finding for the column, not one per row: the rows' blanks are
    // this, not the records' (validate's missing-required skips it).
    const spec::ColumnSpec& col = spec_->columns[i];
    const bool required = col.blank == spec::BlankRule::kNever && col.blank_basis == spec::BlankBasis::kOfsted;
    Finding f = MakeFinding(required ? kinds::kRequiredColumnNotMapped : kinds::kColumnNotMapped,
                            "'" + col.header + "' is not mapped in the config: it is left blank" +
                                (required ? " on every row, where Ofsted expects a value" : ""));
    f.list = list_.number;
    f.column = spec_->columns[i].key;
    findings_->push_back(std::move(f));
  }
  // Room for every base row up front: growing by doubling copied the
  // candidates over and over and touched twice the memory (fresh pages cost
  // more than the copying on a virtual machine). Only the part used is ever
  // touched.
  std::vector<Candidate> kept;
  kept.reserve(base_->size());
  std::vector<size_t> slot_rows(joins_.size() + 1, kNoRow);
  for (size_t r = 0; r < base_->size(); ++r) {
    ++out.account.read;
    slot_rows[0] = r;
    bool joined = true;
    for (size_t k = 0; k < joins_.size(); ++k) {
      const CompiledJoin& j = joins_[k];
      const std::string_view key = Get(j.left, slot_rows);
      if (j.related) {
        slot_rows[k + 1] = PickRelated(j, k + 1, slot_rows);
      } else {
        auto it = key.empty() ? j.index->end() : j.index->find(key);
        slot_rows[k + 1] = it == j.index->end() ? kNoRow : it->second;
      }
      if (slot_rows[k + 1] == kNoRow && j.config->required) {
        Exclude("no match in " + j.config->table, &out);
        findings_->push_back(SourceFinding(kinds::kJoinFailed,
                                           "row left out: " + j.config->left + " '" + std::string(key) +
                                               "' has no match in " + j.config->table,
                                           BaseProvenance(r, j.config->left), "", std::string(key)));
        joined = false;
        break;
      }
    }
    if (!joined) continue;
    bool passes = true;
    for (const auto& [ref, cond] : where_) {
      if (cond.Passes(Get(ref, slot_rows))) continue;
      Exclude(cond.condition->reason.empty() ? "filtered out by 'where' on " + cond.condition->column
                                             : cond.condition->reason,
              &out);
      passes = false;
      break;
    }
    if (!passes || !PassesRelated(slot_rows, &out)) continue;
    Candidate c;
    c.base_row = r;
    c.row.source = base_->row_origins.empty() ? 0 : static_cast<int>(base_->row_origins[r]);
    c.row.source_row = base_->source_rows.empty() ? static_cast<int64_t>(r) + 2 : base_->source_rows[r];
    c.row.cells.resize(spec_->columns.size());
    // The id and window columns first: a row the window leaves out (a third
    // of the rows read, typically) costs only those. Its other columns, and
    // their findings, were never kept anyway.
    for (size_t i : early_) Take(i, r, slot_rows, &c);
    std::string child;
    if (!early_.empty()) {
      child = c.row.cells[static_cast<size_t>(id_col_)].ToText();
      if (!Admit(c, child, slot_rows, &out)) continue;
    }
    // Taken and constant values; then derived ones, which may read them.
    for (size_t i = 0; i < rules_.size(); ++i)
      if (!is_early_[i]) Take(i, r, slot_rows, &c);
    if (early_.empty()) child = c.row.cells[static_cast<size_t>(id_col_)].ToText();
    for (size_t i = 0; i < rules_.size(); ++i) {
      const CompiledRule& rule = rules_[i];
      if (!rule.rule || rule.rule->kind != RuleKind::kDerive) continue;
      const DeriveConfig& d = rule.rule->derive;
      CellValue& cell = c.row.cells[i];
      if (!WhenHolds(rule, slot_rows)) {
        cell = rule.rule->otherwise.empty() ? CellValue::Blank()
                                            : Convert(i, rule.rule->otherwise, BaseProvenance(r, rule.origin), &c);
      } else if (d.kind == "age") {
        const CellValue& dob = c.row.cells[static_cast<size_t>(rule.age_from)];
        if (dob.kind == CellValue::Kind::kDate) cell = CellValue::Integer(AgeInYears(dob.date, ctx_.reference_date));
      } else if (d.kind == "latest") {
        if (auto latest = rule.lookup->Latest(child)) cell = CellValue::Date(*latest);
      } else if (d.kind == "count" || d.kind == "count_before_latest") {
        cell = CellValue::Integer(rule.lookup->Count(child));
      } else if (d.kind == "related") {
        cell = Convert(i, TestHolds(*rule.related, slot_rows) ? "Yes" : "No", BaseProvenance(r, rule.origin), &c);
      } else if (d.kind == "exists") {
        cell = Convert(i, rule.lookup->Count(child) >= d.min_count ? "Yes" : "No", BaseProvenance(r, rule.origin), &c);
      }
      c.finding_order.resize(c.findings.size(), rules_.size() + i);
    }
    if (early_.empty() && !Admit(c, child, slot_rows, &out)) continue;
    // A row's findings in column order, taken columns before derived ones,
    // whatever order the columns were filled in.
    if (!early_.empty() && c.findings.size() > 1) {
      std::vector<size_t> order(c.findings.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return c.finding_order[a] < c.finding_order[b]; });
      std::vector<Finding> sorted;
      sorted.reserve(order.size());
      for (size_t k : order) sorted.push_back(std::move(c.findings[k]));
      c.findings = std::move(sorted);
    }
    kept.push_back(std::move(c));
  }
  // Duplicates by the configured key: the first is kept.
  if (!dedupe_.empty()) {
    std::unordered_map<std::string, size_t> seen;
    std::vector<Candidate> unique;
    for (Candidate& c : kept) {
      std::string key;
      for (int k : dedupe_) key += c.row.cells[static_cast<size_t>(k)].ToText() + '\x1f';
      if (!seen.emplace(key, unique.size()).second) {
        Exclude("duplicate (same " + Join(list_.dedupe, ", ") + ")", &out);
        continue;
      }
      unique.push_back(std::move(c));
    }
    kept = std::move(unique);
  }
  // One row per child: the latest by the configured date; ties go to the later row.
  if (latest_by_ >= 0) {
    std::unordered_map<std::string, size_t> best;
    auto date_of = [&](const Candidate& c) {
      const CellValue& v = c.row.cells[static_cast<size_t>(latest_by_)];
      return v.kind == CellValue::Kind::kDate ? v.date : CivilDate(1, 1, 1);
    };
    for (size_t i = 0; i < kept.size(); ++i) {
      const std::string child = kept[i].row.cells[static_cast<size_t>(id_col_)].ToText();
      auto [it, fresh] = best.emplace(child, i);
      if (!fresh && !(date_of(kept[i]) < date_of(kept[it->second]))) it->second = i;
    }
    std::vector<Candidate> latest;
    for (size_t i = 0; i < kept.size(); ++i) {
      if (best[kept[i].row.cells[static_cast<size_t>(id_col_)].ToText()] != i) {
        Exclude("superseded by a later record of the same child", &out);
        continue;
      }
      latest.push_back(std::move(kept[i]));
    }
    kept = std::move(latest);
  }
  // Whole numbers spelled "3.0": one finding per column and spelling.
  for (auto& [key, s] : integer_spellings_) {
    const ColumnSpec& col = spec_->columns[key.first];
    Finding f = std::move(s.first);
    const std::optional<int64_t> whole = ParseInteger(f.value);
    f.message = std::to_string(s.count) + " value(s) of column '" + f.source_column + "' of " + f.source +
                " are whole numbers written with '" + key.second + "' (e.g. '" + f.value + "' at row " +
                std::to_string(f.source_row) + ", read as " + std::to_string(whole.value_or(0)) + "): read as whole numbers in " + col.header;
    findings_->push_back(std::move(f));
  }
  out.rows.reserve(kept.size());
  // (column, spelling) -> rows, and the first row's finding.
  std::map<std::pair<size_t, std::string_view>, std::pair<int64_t, Finding>> spellings;
  for (Candidate& c : kept) {
    out.rows.push_back(std::move(c.row));
    for (Finding& f : c.findings) {
      f.list_row = static_cast<int64_t>(out.rows.size());
      findings_->push_back(std::move(f));
    }
    for (const auto& [sp, from] : c.spellings) {
      auto [it, fresh] = spellings.try_emplace({sp.column, sp.raw});
      ++it->second.first;
      if (!fresh) continue;
      const spec::ColumnSpec& col = spec_->columns[sp.column];
      it->second.second = SourceFinding(kinds::kCodeSpelling, "", from, col.key, std::string(sp.raw));
      it->second.second.list_row = static_cast<int64_t>(out.rows.size());
      it->second.second.message = "'" + std::string(sp.raw) + "' is not Ofsted's spelling; read as '" + *sp.display +
                                  "' (" + col.header + ")";
    }
  }
  // One finding per column and spelling, naming the rows it stands for.
  for (auto& [key, counted] : spellings) {
    Finding& f = counted.second;
    f.message += counted.first == 1 ? " in 1 row" : " in " + std::to_string(counted.first) + " rows, the first shown";
    findings_->push_back(std::move(f));
  }
  out.account.included = static_cast<int64_t>(out.rows.size());
  return out;
}

}  // namespace

Result<AnnexList> BuildList(const BuildContext& ctx, const ListConfig& list, Findings* findings) {
  ListBuilder builder(ctx, list, findings);
  ANNEXA_RETURN_IF_ERROR(builder.Prepare());
  AnnexList out = builder.Run();
  if (ctx.dropped_duplicates)
    if (auto it = ctx.dropped_duplicates->find(list.from); it != ctx.dropped_duplicates->end()) {
      out.account.read += it->second;
      out.account.excluded[kExactDuplicateReason] += it->second;
    }
  return out;
}

}  // namespace annexa::mapping
