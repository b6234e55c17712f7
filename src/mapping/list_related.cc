// ListBuilder's related rows (docs/config.md, "Related rows"): the
// candidates of a join with `where` or `dates`, and the all/any/none/exists
// tests of a list `where`, `exclude_when`, a join or a derived column.
#include "mapping/list_builder_internal.h"

namespace annexa::mapping::list_internal {

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
  const Table* table = ctx_.FindTable(t.rows.table);
  if (!table) return InvalidArgument(where_text + ": source '" + t.rows.table + "' was not loaded");
  ANNEXA_RETURN_IF_ERROR(CompileRelated(*table, t.rows.left, t.rows.right, t.rows.where, t.rows.dates,
                                        joins_.size(), where_text, &out->rows));
  if (t.quantifier == Quantifier::kExists || t.quantifier == Quantifier::kNotExists) return Status::Ok();
  Result<RowFilter> passes = RowFilter::Compile(*table, t.test, where_text);
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

}  // namespace annexa::mapping::list_internal
