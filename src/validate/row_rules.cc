// Row rules: dates in the right order, events after birth, age consistent
// with the date of birth.
#include "validate/rule_support.h"

namespace annexa::validate {

namespace {


// Pairs of column keys whose dates must not run backwards, wherever both
// columns exist in a list.
constexpr std::pair<std::string_view, std::string_view> kDateOrder[] = {
    {"assessment_start_date", "assessment_completion_date"},
    {"assessment_start_date", "assessment_authorised_date"},
    {"strategy_discussion_date", "icpc_date"},
    {"cin_start_date", "cin_closure_date"},
    {"cp_plan_start_date", "cp_plan_end_date"},
    {"date_started_looked_after", "date_ceased_looked_after"},
    {"placement_start_date", "date_ceased_looked_after"},
    {"date_entered_care", "adm_decision_date"},
    {"adm_decision_date", "adoption_order_date"},
    {"stage1_start", "stage1_end"},
    {"stage2_start", "stage2_end"},
    {"application_submitted", "application_approved"},
};

void CheckDateOrder(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    for (const auto& [first, second] : kDateOrder) {
      const int a = ColumnIndex(list, first), b = ColumnIndex(list, second);
      if (a < 0 || b < 0) continue;
      for (size_t r = 0; r < list.rows.size(); ++r) {
        const CellValue& x = list.rows[r].cells[static_cast<size_t>(a)];
        const CellValue& y = list.rows[r].cells[static_cast<size_t>(b)];
        if (x.kind != CellValue::Kind::kDate || y.kind != CellValue::Kind::kDate || !(y.date < x.date)) continue;
        out->push_back(CellFinding(kind, list, r, b,
                                   "'" + list.spec->columns[static_cast<size_t>(b)].header + "' " + y.date.ToUk() +
                                       " is before '" + list.spec->columns[static_cast<size_t>(a)].header + "' " +
                                       x.date.ToUk()));
      }
    }
  }
}

constexpr int kPreBirthDays = 280;

void CheckBeforeBirth(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    const int dob = ColumnIndex(list, "date_of_birth");
    if (dob < 0) continue;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const CellValue& born = list.rows[r].cells[static_cast<size_t>(dob)];
      if (born.kind != CellValue::Kind::kDate) continue;
      for (size_t c = 0; c < list.spec->columns.size(); ++c) {
        if (static_cast<int>(c) == dob || list.spec->columns[c].type != spec::ColumnType::kDate) continue;
        const CellValue& v = list.rows[r].cells[c];
        if (v.kind != CellValue::Kind::kDate || !(v.date < born.date)) continue;
        // Pre-birth work is normal at the front door and in child protection
        // (Lists 1-7): allow up to a pregnancy's length before birth there.
        if (list.spec->number <= 7 && v.date >= born.date.AddDays(-kPreBirthDays)) continue;
        out->push_back(CellFinding(kind, list, r, static_cast<int>(c),
                                   "'" + list.spec->columns[c].header + "' " + v.date.ToUk() +
                                       " is before the date of birth " + born.date.ToUk()));
      }
    }
  }
}

void CheckAge(FindingKind kind, const Context& ctx, Findings* out) {
  for (const AnnexList& list : ctx.lists) {
    const int dob = ColumnIndex(list, "date_of_birth"), age = ColumnIndex(list, "age");
    if (dob < 0 || age < 0) continue;
    for (size_t r = 0; r < list.rows.size(); ++r) {
      const CellValue& born = list.rows[r].cells[static_cast<size_t>(dob)];
      const CellValue& years = list.rows[r].cells[static_cast<size_t>(age)];
      if (born.kind != CellValue::Kind::kDate || years.kind != CellValue::Kind::kInteger) continue;
      const int expected = AgeInYears(born.date, ctx.reference_date);
      if (years.integer == expected) continue;
      out->push_back(CellFinding(kind, list, r, age,
                                 "age " + std::to_string(years.integer) + " does not match the date of birth " +
                                     born.date.ToUk() + " (" + std::to_string(expected) + " at " +
                                     ctx.reference_date.ToUk() + ")"));
    }
  }
}

}  // namespace

void AddRowRules(std::vector<std::unique_ptr<Rule>>* rules) {
  rules->push_back(std::make_unique<FunctionRule>(kinds::kDateOrder, CheckDateOrder));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kBeforeBirth, CheckBeforeBirth));
  rules->push_back(std::make_unique<FunctionRule>(kinds::kAgeMismatch, CheckAge));
}

}  // namespace annexa::validate
