// Child protection plans (List 7): repeat and long plans, visits and
// reviews, the open cohort and its rate.
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
      .id = "cp-visited-10-days",
      .reference = "KI-16",
      .title = "Children on a plan visited in the last 10 working days",
      .definition = "Open List 7 rows (Child Protection Plan End Date blank) whose Date of Last Statutory "
                    "Visit is no more than 10 working days before the reference date (weekends and bank "
                    "holidays skipped), as a percentage of open List 7 rows.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(85, 95),
      .note = "The numerator needs a parsed `last_statutory_visit` and `WorkingDaysBetween(last_statutory_visit, "
              "R)` ≤ 10, in the options' calendar.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l7 = in.List(7);
            const int end = Col(l7, "cp_plan_end_date");
            const int visit = Col(l7, "last_statutory_visit");
            const WorkingCalendar& calendar = in.options.calendar;
            const CivilDate r = in.R();
            return Snapshot(l7, Have(l7, {end, visit}), EndBlank(end), [&](const AnnexRow& row) {
              auto v = DateOf(row, visit);
              return v && calendar.WorkingDaysBetween(*v, r) <= 10;
            });
          },
  });
  table->push_back({
      .id = "cp-reviews-in-time",
      .reference = "KI-18",
      .title = "Child protection plans reviewed in time",
      .definition = "Open List 7 rows whose Date of Latest Review Conference (or, when blank, Child Protection "
                    "Plan Start Date) is on or after the reference date minus 6 months, as a percentage of "
                    "open List 7 rows. Simple rule: every plan reviewed within six months (the first review is "
                    "actually due within three).",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(90, 95),
      .note = "Simplification: the first review conference is due within three months of the ICPC and later "
              "ones every six months; this indicator uses six months for every plan, so a first review that is "
              "late (three to six months after the plan began) still counts as in time.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l7 = in.List(7);
            const int start = Col(l7, "cp_plan_start_date");
            const int end = Col(l7, "cp_plan_end_date");
            const int review = Col(l7, "latest_review_conference");
            const CivilDate bound = in.R().AddMonths(-6);
            return Snapshot(l7, Have(l7, {end, review, start}), EndBlank(end),
                            [&](const AnnexRow& row) { return ReviewedSince(row, review, start, bound); });
          },
  });
  table->push_back({
      .id = "cp-cohort",
      .reference = "KI-21",
      .title = "Children on a child protection plan",
      .definition = kOpenPlans,
      .period = "snapshot",
      .unit = "count",
      .compute = CpCohort,
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
