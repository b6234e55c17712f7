#include "mapping/list_builder.h"

#include "mapping/list_builder_internal.h"

namespace annexa::mapping {

namespace list_internal {

const DateColumnScan& ListBuilder::ScanDates(const Table& t, int col) const {
  DateColumnScans& scans = ctx_.date_scans ? *ctx_.date_scans : local_scans_;
  const DateColumnScan& scan = scans.Get(t, static_cast<size_t>(col));
  if ((scan.Reportable()) && order_reported_.emplace(&t, col).second) {
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
    if (set) out->resolver = std::make_unique<CodeResolver>(*set, ctx_.aliases, map, col.key);
  }
  if (rule.kind == RuleKind::kDerive) {
    const DeriveConfig& d = rule.derive;
    if (d.kind == "age") {
      out->age_from = spec_->ColumnIndex(d.from);
      if (out->age_from < 0) return InvalidArgument(where + ": derive: age 'from' names unknown column '" + d.from + "'");
    } else if (d.kind == "related") {
      out->related.emplace();
      ANNEXA_RETURN_IF_ERROR(CompileTest(d.related, where, &*out->related));
    } else if (d.kind == "postcode_in") {
      ANNEXA_RETURN_IF_ERROR(CompilePostcodeAreas(index, where, out));
    } else if (d.kind != "case_status") {
      const Table* t = ctx_.FindTable(d.table);
      if (!t) return InvalidArgument(where + ": source '" + d.table + "' was not loaded");
      // Its date columns are judged as a whole (reported here, once); the
      // lookup reads none of a month-first column's numeric dates.
      for (const std::string* name : {&d.date, &d.end, &d.anchor})
        if (const int c = name->empty() ? -1 : t->ColumnIndex(*name); c >= 0) ScanDates(*t, c);
      Result<RelatedLookup> lookup = RelatedLookup::Build(d, *t, ctx_.reference_date, where,
                                                          ctx_.date_scans ? ctx_.date_scans : &local_scans_);
      if (!lookup.ok()) return lookup.status();
      out->lookup = std::move(*lookup);
    }
  }
  return Status::Ok();
}

Status ListBuilder::CompilePostcodeAreas(size_t index, const std::string& where, CompiledRule* out) {
  const DeriveConfig& d = out->rule->derive;
  const Table* t = ctx_.FindTable(d.table);
  if (!t) return InvalidArgument(where + ": source '" + d.table + "' was not loaded");
  const int key = t->ColumnIndex(d.key);
  if (key < 0) return MissingColumn(*t, d.key, where);
  out->postcode_from = spec_->ColumnIndex(d.from);
  if (out->postcode_from < 0) return InvalidArgument(where + ": derive: postcode_in 'from' names unknown column '" + d.from + "'");
  out->postcode_areas.emplace();
  const ColumnSpec& col = spec_->columns[index];
  for (size_t r = 0; r < t->size(); ++r) {
    const std::string_view v = t->cell(r, static_cast<size_t>(key));
    if (Trim(v).empty() || out->postcode_areas->Add(v)) continue;
    // Never guessed: an entry that is no postcode part is left out of the
    // area, and said so.
    Finding f = SourceFinding(kinds::kBadPostcode,
                              "'" + std::string(v) + "' is not a postcode area, district, sector or postcode (" +
                                  col.header + " reads the council's area from " + d.table + "): left out",
                              Provenance{t, r, d.key}, col.key, std::string(v));
    f.list = list_.number;
    findings_->push_back(std::move(f));
  }
  if (out->postcode_areas->empty()) {
    // No area: every placement would read "Out". The column is treated as
    // not mapped (its one finding says why) rather than filled wrongly.
    out->rule = nullptr;
    out->not_mapped_why = " (derive: postcode_in: source '" + d.table + "' lists none of the council's postcode areas, "
                          "districts, sectors or postcodes)";
  }
  return Status::Ok();
}

std::vector<bool> ListBuilder::KeptColumns() const {
  std::vector<bool> keep(spec_->columns.size(), true);
  if (!ctx_.keep_columns) return keep;
  const auto wanted = ctx_.keep_columns->find(list_.number);
  if (wanted == ctx_.keep_columns->end()) return keep;
  keep.assign(keep.size(), false);
  auto mark = [&](const std::string& key) {
    if (const int c = spec_->ColumnIndex(key); c >= 0) keep[static_cast<size_t>(c)] = true;
  };
  for (const std::string& key : wanted->second) mark(key);
  // What building the list reads itself.
  keep[static_cast<size_t>(id_col_)] = true;
  for (const std::string& key : list_.window.start) mark(key);
  for (const std::string& key : list_.window.end) mark(key);
  for (const std::string& key : list_.dedupe) mark(key);
  if (!list_.latest_per_child.empty()) mark(list_.latest_per_child);
  // A kept derivation's input column (age's date of birth, postcode_in's
  // postcode), to a fixed point.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [key, rule] : list_.columns) {
      const int c = spec_->ColumnIndex(key);
      if (c < 0 || !keep[static_cast<size_t>(c)] || rule.kind != RuleKind::kDerive) continue;
      if (rule.derive.kind != "age" && rule.derive.kind != "postcode_in") continue;
      const int from = spec_->ColumnIndex(rule.derive.from);
      if (from >= 0 && !keep[static_cast<size_t>(from)]) keep[static_cast<size_t>(from)] = grew = true;
    }
  }
  return keep;
}

Status ListBuilder::Prepare() {
  spec_ = ctx_.spec.FindList(list_.number);
  if (!spec_) return InvalidArgument(WhereText(list_.mark, "is not in " + ctx_.spec.id));
  base_ = ctx_.FindTable(list_.from);
  if (!base_) return InvalidArgument(WhereText(list_.mark, "source '" + list_.from + "' was not loaded"));
  for (const JoinConfig& j : list_.joins) {
    CompiledJoin cj;
    cj.config = &j;
    cj.table = ctx_.FindTable(j.table);
    if (!cj.table) return InvalidArgument(WhereText(j.mark, "join: source '" + j.table + "' was not loaded"));
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
  const std::vector<bool> keep = KeptColumns();
  pruned_.assign(spec_->columns.size(), false);
  for (size_t i = 0; i < spec_->columns.size(); ++i) {
    if (keep[i])
      ANNEXA_RETURN_IF_ERROR(CompileRule(i, &rules_[i]));
    else
      pruned_[i] = true;
  }
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
    if (rules_[i].rule || pruned_[i]) continue;
    // One finding for the column, not one per row: the rows' blanks are
    // this, not the records' (validate's missing-required skips it).
    const spec::ColumnSpec& col = spec_->columns[i];
    const bool required = col.blank == spec::BlankRule::kNever && col.blank_basis == spec::BlankBasis::kOfsted;
    Finding f = MakeFinding(required ? kinds::kRequiredColumnNotMapped : kinds::kColumnNotMapped,
                            "'" + col.header + "' is not mapped in the config" + rules_[i].not_mapped_why +
                                ": it is left blank" + (required ? " on every row, where Ofsted expects a value" : ""));
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
  // A row's findings wait in its candidate until the rows are final. When
  // no later stage drops rows (no dedupe, no latest per child), those of a
  // code already held `cap` times are counted at once instead of held, so
  // a list whose every row breaks a rule holds no more findings than the
  // cap (core/finding.h; issue 17). The counts are the same either way.
  const bool rows_final = dedupe_.empty() && latest_by_ < 0;
  std::map<std::string, size_t, std::less<>> held;
  Findings::Overflow counted_early;
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
      } else if (d.kind == "postcode_in") {
        // Blank when the postcode is (or is no postcode: its own column's
        // finding says so); the blank is then reported like any other.
        const CellValue& postcode = c.row.cells[static_cast<size_t>(rule.postcode_from)];
        if (postcode.kind == CellValue::Kind::kText)
          if (const std::optional<bool> in = rule.postcode_areas->Contains(postcode.text))
            cell = Convert(i, *in ? "In" : "Out", BaseProvenance(r, rule.origin), &c);
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
    if (rows_final && !c.findings.empty()) {
      std::erase_if(c.findings, [&](const Finding& f) {
        size_t& n = held.try_emplace(f.code, 0).first->second;
        if (n < findings_->cap()) {
          ++n;
          return false;
        }
        ++counted_early[{f.code, f.severity, f.list}];
        return true;
      });
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
  // Cells taken from joined rows: their sources and columns named once.
  std::map<std::string, uint32_t, std::less<>> source_index, column_index;
  for (size_t k = 0; k < out.sources.size(); ++k) source_index.emplace(out.sources[k], static_cast<uint32_t>(k));
  auto intern = [](std::string_view name, std::map<std::string, uint32_t, std::less<>>* index,
                   std::vector<std::string>* names) {
    auto it = index->find(name);
    if (it != index->end()) return it->second;
    names->emplace_back(name);
    return index->emplace(std::string(name), static_cast<uint32_t>(names->size() - 1)).first->second;
  };
  for (Candidate& c : kept) {
    for (const auto& [column, from] : c.elsewhere) {
      const std::string& origin = from.table->OriginOf(from.row);
      CellSource cs;
      cs.column = static_cast<uint32_t>(column);
      cs.source = intern(origin, &source_index, &out.sources);
      cs.source_column = intern(from.column, &column_index, &out.source_columns);
      cs.source_row = from.table->source_rows.empty() ? static_cast<int64_t>(from.row) + 2 : from.table->source_rows[from.row];
      c.row.elsewhere.push_back(cs);
    }
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
  for (const auto& [key, n] : counted_early) findings_->Count(key, n);
  // One finding per column and spelling, naming the rows it stands for.
  for (auto& [key, counted] : spellings) {
    Finding& f = counted.second;
    f.message += counted.first == 1 ? " in 1 row" : " in " + std::to_string(counted.first) + " rows, the first shown";
    findings_->push_back(std::move(f));
  }
  out.account.included = static_cast<int64_t>(out.rows.size());
  return out;
}

}  // namespace list_internal

using list_internal::ListBuilder;

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
