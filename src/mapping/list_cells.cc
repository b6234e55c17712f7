// ListBuilder's cells: taking a value from the base or a joined row,
// converting it to the column's type (dates, whole numbers, codes through
// the code resolver, postcodes) with a finding for what cannot be, and the
// window test a candidate row must pass.
#include "mapping/list_builder_internal.h"

#include "core/postcode.h"

namespace annexa::mapping::list_internal {

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

// "ex1  2ab" -> "EX1 2AB"; leaves anything that is not a postcode as it
// was written (validation reports it).
std::string NormalisePostcode(std::string_view raw) {
  const std::optional<PostcodeParts> p = SplitPostcode(raw);
  return p ? p->full : std::string(Trim(raw));
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
    // The value is the first ref's that is not blank; a blank lives where
    // the first ref points (a joined row's blank is fixed there).
    size_t k = 0;
    while (k < rule.refs.size() && Trim(Get(rule.refs[k], slot_rows)).empty()) ++k;
    if (k == rule.refs.size()) k = 0;
    if (k < rule.refs.size()) {
      const Ref& ref = rule.refs[k];
      raw = Trim(Get(ref, slot_rows));
      const size_t row = slot_rows[static_cast<size_t>(ref.slot)];
      if (ref.slot > 0 && row != kNoRow)
        from = {joins_[static_cast<size_t>(ref.slot - 1)].table, row, rule.rule->columns[k]};
      else
        from.column = rule.rule->columns[k];
      month_first = rule.month_first[k];
    }
    if (from.table != base_) c->elsewhere.emplace_back(i, from);
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
        bad(kinds::kNotACode, "is not a value of " + col.code_set + " and no code map covers it (" + col.header + ")");
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

}  // namespace annexa::mapping::list_internal
