// Children in care (List 8): placements and health of the children still
// looked after, and the rate. The cohort, visits and reviews are the seed's
// 1.4, 5.11 and 5.18 in annex_a_specs/indicators.yaml.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

constexpr const char* kStillLookedAfter = "List 8 rows still looked after (Date Ceased to be Looked After blank).";

Measure ClaCohort(const Inputs& in) {
  const AnnexList* l8 = in.List(8);
  return OpenCohort(l8, Col(l8, "date_ceased_looked_after"));
}

// The children still looked after whose date in `key` is on or after `bound`.
Measure SinceFor(const Inputs& in, const char* key, CivilDate bound) {
  const AnnexList* l8 = in.List(8);
  const int end = Col(l8, "date_ceased_looked_after");
  const int col = Col(l8, key);
  return Snapshot(l8, Have(l8, {end, col}), EndBlank(end),
                  [&](const AnnexRow& row) { return DateOnOrAfter(row, col, bound); });
}

}  // namespace

void AddLookedAfter(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "placement-stability",
      .reference = "KI-09",
      .title = "Children in care with three or more placements in the year",
      .definition = "List 8 rows still looked after (Date Ceased to be Looked After blank) with Number of "
                    "Placements in the Last 12 Months of 3 or more, as a percentage of List 8 rows still "
                    "looked after.",
      .period = "rolling year",
      .unit = "%",
      .default_target = LowerIsBetter(12, 10),
      .compute =
          [](const Inputs& in) {
            const AnnexList* l8 = in.List(8);
            const int end = Col(l8, "date_ceased_looked_after");
            const int placements = Col(l8, "placements_last_12_months");
            return Snapshot(l8, Have(l8, {end, placements}), EndBlank(end),
                            [&](const AnnexRow& row) { return IntAtLeast(row, placements, 3); });
          },
  });
  table->push_back({
      .id = "health-assessments",
      .reference = "KI-10",
      .title = "Children in care with a health assessment in the last 12 months",
      .definition = "List 8 rows still looked after whose Date of Last Health Assessment is on or after the "
                    "reference date minus 12 months, as a percentage of List 8 rows still looked after.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(85, 90),
      .note = "All children still looked after, including those in care under 12 months.",
      .compute =
          [](const Inputs& in) { return SinceFor(in, "last_health_assessment", in.R().AddMonths(-12)); },
  });
  table->push_back({
      .id = "dental-checks",
      .reference = "KI-11",
      .title = "Children in care with a dental check in the last 12 months",
      .definition = "List 8 rows still looked after whose Date of Last Dental Check is on or after the "
                    "reference date minus 12 months, as a percentage of List 8 rows still looked after.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(70, 80),
      .note = "As KI-10: all children still looked after.",
      .compute = [](const Inputs& in) { return SinceFor(in, "last_dental_check", in.R().AddMonths(-12)); },
  });
  table->push_back({
      .id = "cla-rate",
      .reference = "KI-26",
      .title = "Children in care per 10,000 children",
      .definition = RateDefinition(kStillLookedAfter),
      .period = "snapshot",
      .unit = "per 10,000",
      .needs_child_population = true,
      .compute = [](const Inputs& in) { return PerTenThousand(ClaCohort(in), in.options.child_population); },
  });
}

}  // namespace annexa::indicators
