// Care leavers (List 9): the cohort. In touch, EET and suitably housed are
// the seed's 6.1-6.3 in annex_a_specs/indicators.yaml.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {

void AddCareLeavers(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "leavers-cohort",
      .reference = "KI-23",
      .title = "Care leavers",
      .definition = "List 9 rows.",
      .period = "snapshot",
      .unit = "count",
      .compute = [](const Inputs& in) { return RowCount(in.List(9)); },
  });
}

}  // namespace annexa::indicators
