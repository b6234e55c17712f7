// Cell rules: each cell against its column's spec (blank rules, bounds,
// dates after the reference date, postcodes).

#include "core/postcode.h"
#include "core/text.h"
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {

using spec::BlankBasis;
using spec::BlankRule;
using spec::ColumnType;

template <typename Fn>
void ForEachCell(const Context& ctx, Fn fn) {
  for (const AnnexList& list : ctx.lists)
    for (size_t c = 0; c < list.spec->columns.size(); ++c)
      for (size_t r = 0; r < list.rows.size(); ++r) fn(list, r, static_cast<int>(c));
}

void MissingRequired(FindingKind kind, const Context& ctx, Findings* out, BlankBasis basis) {
  ForEachCell(ctx, [&](const AnnexList& list, size_t r, int c) {
    const spec::ColumnSpec& col = list.spec->columns[static_cast<size_t>(c)];
    if (col.blank != BlankRule::kNever || col.blank_basis != basis) return;
    if (!list.rows[r].cells[static_cast<size_t>(c)].blank()) return;
    // A column the config does not map (or the sheet lacks) is one finding
    // about the column (required-column-not-mapped, missing-column), not
    // one per row.
    if (static_cast<size_t>(c) < list.column_origin.size() && list.column_origin[static_cast<size_t>(c)].empty()) return;
    out->push_back(CellFinding(kind, list, r, c, "'" + col.header + "' is blank"));
  });
}

void CheckMissingRequired(FindingKind kind, const Context& ctx, Findings* out) {
  MissingRequired(kind, ctx, out, BlankBasis::kOfsted);
}

void CheckMissingExpected(FindingKind kind, const Context& ctx, Findings* out) {
  MissingRequired(kind, ctx, out, BlankBasis::kImplementation);
}

void CheckMissingConditional(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    for (size_t c = 0; c < list.spec->columns.size(); ++c) {
      const spec::ColumnSpec& col = list.spec->columns[c];
      if (col.blank_only_if_blank.empty()) continue;
      const int other = ColumnIndex(list, col.blank_only_if_blank);
      if (other < 0) continue;
      const std::string& other_header = list.spec->columns[static_cast<size_t>(other)].header;
      for (size_t r = 0; r < list.rows.size(); ++r) {
        if (!list.rows[r].cells[c].blank() || list.rows[r].cells[static_cast<size_t>(other)].blank()) continue;
        out->push_back(CellFinding(kind, list, r, static_cast<int>(c),
                                   "'" + col.header + "' is blank but '" + other_header + "' is filled"));
      }
    }
  }
}

void CheckOutOfRange(FindingKind kind, const Context& ctx, Findings* out) {
  ForEachCell(ctx, [&](const AnnexList& list, size_t r, int c) {
    const spec::ColumnSpec& col = list.spec->columns[static_cast<size_t>(c)];
    const CellValue& v = list.rows[r].cells[static_cast<size_t>(c)];
    if (col.type != ColumnType::kInteger || v.kind != CellValue::Kind::kInteger) return;
    if (col.min && v.integer < *col.min)
      out->push_back(CellFinding(kind, list, r, c,
                                 "'" + col.header + "' is " + std::to_string(v.integer) + ", below " + std::to_string(*col.min)));
    else if (col.max && v.integer > *col.max)
      out->push_back(CellFinding(kind, list, r, c,
                                 "'" + col.header + "' is " + std::to_string(v.integer) + ", above " + std::to_string(*col.max)));
  });
}

// The latest expected date of birth of an unborn child: 42 weeks (a full
// pregnancy, counted generously: term is 37-42 weeks from the last period)
// after the reference date (docs/rules.md, date-after-reference).
constexpr int64_t kMaxDaysToExpectedBirth = 42 * 7;

// Whether a list can hold unborn children: its age column allows -1 (the
// age of an unborn child), or it has no age column. Lists 8 and 9 set
// their age's minimum to 0.
bool MayHoldUnborn(const spec::ListSpec& l) {
  const spec::ColumnSpec* age = l.FindColumn("age");
  return !age || !age->min || *age->min < 0;
}

void CheckDateAfterReference(FindingKind kind, const Context& ctx, Findings* out) {
  const CivilDate latest_due = ctx.reference_date.AddDays(kMaxDaysToExpectedBirth);
  ForEachCell(ctx, [&](const AnnexList& list, size_t r, int c) {
    const spec::ColumnSpec& col = list.spec->columns[static_cast<size_t>(c)];
    const CellValue& v = list.rows[r].cells[static_cast<size_t>(c)];
    if (col.type != ColumnType::kDate || v.kind != CellValue::Kind::kDate) return;
    // An unborn child's expected date of birth is rightly in the future,
    // in a list that may hold unborn children, but no further than one
    // pregnancy: a child known to children's services before conception
    // is not an unborn child (31/12/9999 is a placeholder or a typing slip).
    if (col.key == "date_of_birth" && MayHoldUnborn(*list.spec)) {
      if (v.date > latest_due)
        out->push_back(CellFinding(kind, list, r, c,
                                   "'" + col.header + "' " + v.date.ToUk() + " is more than 42 weeks after the "
                                   "reference date " + ctx.reference_date.ToUk() +
                                   ": too late even for an unborn child's expected date of birth"));
      return;
    }
    if (v.date > ctx.reference_date)
      out->push_back(CellFinding(kind, list, r, c,
                                 "'" + col.header + "' " + v.date.ToUk() + " is after the reference date " +
                                     ctx.reference_date.ToUk()));
  });
}

// No Annex A date is in 1900 or before: such a date is a small number (17.5,
// 3) typed into a date-formatted cell, or a year mistyped.
void CheckImplausibleDate(FindingKind kind, const Context& ctx, Findings* out) {
  const CivilDate first(1901, 1, 1);
  ForEachCell(ctx, [&](const AnnexList& list, size_t r, int c) {
    const spec::ColumnSpec& col = list.spec->columns[static_cast<size_t>(c)];
    const CellValue& v = list.rows[r].cells[static_cast<size_t>(c)];
    if (col.type != ColumnType::kDate || v.kind != CellValue::Kind::kDate || !(v.date < first)) return;
    out->push_back(CellFinding(kind, list, r, c,
                               "'" + col.header + "' " + v.date.ToUk() +
                                   " is in 1900 or before: no Annex A date can be (a number in a date cell?)"));
  });
}

void CheckPostcode(FindingKind kind, const Context& ctx, Findings* out) {
  ForEachCell(ctx, [&](const AnnexList& list, size_t r, int c) {
    const spec::ColumnSpec& col = list.spec->columns[static_cast<size_t>(c)];
    const CellValue& v = list.rows[r].cells[static_cast<size_t>(c)];
    if (col.type != ColumnType::kPostcode || v.blank() || IsCanonicalPostcode(v.text)) return;
    out->push_back(CellFinding(kind, list, r, c, "'" + v.text + "' does not look like a UK postcode"));
  });
}

}  // namespace

void AddCellRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(kinds::kMissingRequired, CheckMissingRequired));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kMissingExpected, CheckMissingExpected));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kMissingConditional, CheckMissingConditional));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kOutOfRange, CheckOutOfRange));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kDateAfterReference, CheckDateAfterReference));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kImplausibleDate, CheckImplausibleDate));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kBadPostcode, CheckPostcode));
}

}  // namespace annexa::validate
