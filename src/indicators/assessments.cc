// Assessments (List 4) and section 47 enquiries with their initial
// conferences (List 5), in the six months.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {

void AddAssessments(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "assessments-in-45-days",
      .reference = "KI-04",
      .title = "Assessments authorised within 45 working days",
      .definition = "List 4 rows with an Assessment Authorised Date that is within 45 working days of the "
                    "Assessment Start Date (weekends and bank holidays skipped) as a percentage of List 4 rows "
                    "with an Assessment Authorised Date.",
      .period = "six months",
      .unit = "%",
      .default_target = HigherIsBetter(80, 90),
      .note = "Open assessments (`assessment_authorised_date` blank) are left out. The numerator needs a parsed "
              "`assessment_start_date` and `WorkingDaysBetween(assessment_start_date, "
              "assessment_authorised_date)` ≤ 45, in the options' calendar.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l4 = in.List(4);
            const int start = Col(l4, "assessment_start_date");
            const int authorised = Col(l4, "assessment_authorised_date");
            const WorkingCalendar& calendar = in.options.calendar;
            return Flow(l4, Have(l4, {start, authorised}), [&](const AnnexRow& row) { return IsSet(row, authorised); },
                [&](const AnnexRow& row) {
                  auto s = DateOf(row, start);
                  auto a = DateOf(row, authorised);
                  return s && a && calendar.WorkingDaysBetween(*s, *a) <= 45;
                });
          },
  });
  table->push_back({
      .id = "s47-to-icpc",
      .reference = "KI-05",
      .title = "Section 47 enquiries leading to an initial child protection conference",
      .definition = "List 5 rows with a Date of ICPC as a percentage of List 5 rows.",
      .period = "six months",
      .unit = "%",
      .note = "The denominator includes enquiries still open, so recent months read low.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l5 = in.List(5);
            const int icpc = Col(l5, "icpc_date");
            return Flow(l5, Have(l5, {icpc}), AnyRow,
                        [&](const AnnexRow& row) { return IsSet(row, icpc); });
          },
  });
  table->push_back({
      .id = "icpc-to-plan",
      .reference = "KI-06",
      .title = "Initial conferences resulting in a child protection plan",
      .definition = "List 5 rows with a Date of ICPC and Did the ICPC result in a Child Protection Plan = "
                    "a) Yes as a percentage of List 5 rows with a Date of ICPC.",
      .period = "six months",
      .unit = "%",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l5 = in.List(5);
            const int icpc = Col(l5, "icpc_date");
            const int icpc_plan = Col(l5, "icpc_resulted_in_plan");
            return Flow(l5, Have(l5, {icpc, icpc_plan}), [&](const AnnexRow& row) { return IsSet(row, icpc); },
                [&](const AnnexRow& row) { return TextIs(row, icpc_plan, "a) Yes"); });
          },
  });
}

}  // namespace annexa::indicators
