// Child protection plans (List 7): repeat and long plans and the rate. The
// cohort, visits and reviews are the seed's 1.3, 4.7.2 and 4.8 in
// annex_a_specs/indicators.yaml.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

constexpr const char* kOpenPlans = "Open List 7 rows (Child Protection Plan End Date blank).";

Measure CpCohort(const Inputs& in) {
  const AnnexList* l7 = in.List(7);
  return OpenCohort(l7, Col(l7, "cp_plan_end_date"));
}

}  // namespace

void AddChildProtection(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "repeat-plans",
      .reference = "KI-07",
      .title = "Child protection plans that are a second or subsequent plan",
      .definition = "List 7 rows with Number of Previous Child Protection Plans of 1 or more as a percentage "
                    "of List 7 rows.",
      .period = "six months",
      .unit = "%",
      .default_target = LowerIsBetter(25, 20),
      .note = "List 7 holds the children on a plan at R or whose plan ended in the six months.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l7 = in.List(7);
            const int previous = Col(l7, "previous_cp_plans");
            return Flow(l7, Have(l7, {previous}), AnyRow,
                        [&](const AnnexRow& row) { return IntAtLeast(row, previous, 1); });
          },
  });
  table->push_back({
      .id = "plans-over-2-years",
      .reference = "KI-08",
      .title = "Open child protection plans lasting two years or more",
      .definition = "Open List 7 rows (Child Protection Plan End Date blank) whose Child Protection Plan Start "
                    "Date is before the reference date minus 24 months, as a percentage of open List 7 rows.",
      .period = "snapshot",
      .unit = "%",
      .default_target = LowerIsBetter(5, 2),
      .note = "A plan started exactly 24 months before R is not counted.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l7 = in.List(7);
            const int start = Col(l7, "cp_plan_start_date");
            const int end = Col(l7, "cp_plan_end_date");
            const auto started_before = [&](CivilDate bound) {
              return [start, bound](const AnnexRow& row) {
                auto s = DateOf(row, start);
                return s && *s < bound;
              };
            };
            return Percentage(Have(l7, {start, end}), [&] {
              return CountRows(l7, EndBlank(end), started_before(in.R().AddMonths(-24)));
            });
          },
  });
  table->push_back({
      .id = "cp-rate",
      .reference = "KI-25",
      .title = "Children on a child protection plan per 10,000 children",
      .definition = RateDefinition(kOpenPlans),
      .period = "snapshot",
      .unit = "per 10,000",
      .needs_child_population = true,
      .compute = [](const Inputs& in) { return PerTenThousand(CpCohort(in), in.options.child_population); },
  });
}

}  // namespace annexa::indicators
