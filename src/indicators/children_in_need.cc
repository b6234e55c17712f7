// Children in need (List 6): seen in time, the open cohort and its rate.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

constexpr const char* kOpenCases = "Open List 6 rows (Case Closure Date blank).";

Measure CinCohort(const Inputs& in) {
  const AnnexList* l6 = in.List(6);
  return OpenCohort(l6, Col(l6, "cin_closure_date"));
}

}  // namespace

void AddChildrenInNeed(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "cin-seen-4-weeks",
      .reference = "KI-15",
      .title = "Children in need seen in the last four weeks",
      .definition = "Open List 6 rows (Case Closure Date blank) whose Date Child Was Last Seen is on or after "
                    "the reference date minus 28 days, as a percentage of open List 6 rows.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(80, 90),
      .compute =
          [](const Inputs& in) {
            const AnnexList* l6 = in.List(6);
            const int seen = Col(l6, "date_last_seen");
            const int end = Col(l6, "cin_closure_date");
            const CivilDate bound = in.R().AddDays(-28);
            return Snapshot(l6, Have(l6, {end, seen}), EndBlank(end),
                            [&](const AnnexRow& row) { return DateOnOrAfter(row, seen, bound); });
          },
  });
  table->push_back({
      .id = "cin-cohort",
      .reference = "KI-20",
      .title = "Children in need",
      .definition = kOpenCases,
      .period = "snapshot",
      .unit = "count",
      .compute = CinCohort,
  });
  table->push_back({
      .id = "cin-rate",
      .reference = "KI-24",
      .title = "Children in need per 10,000 children",
      .definition = RateDefinition(kOpenCases),
      .period = "snapshot",
      .unit = "per 10,000",
      .needs_child_population = true,
      .compute = [](const Inputs& in) { return PerTenThousand(CinCohort(in), in.options.child_population); },
  });
}

}  // namespace annexa::indicators
