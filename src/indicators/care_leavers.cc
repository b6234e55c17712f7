// Care leavers (List 9): in touch, and of those in touch, suitably housed
// and in education, employment or training; the cohort.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

// The care leavers in touch whose `key` column passes `pass`.
Measure InTouchFor(const Inputs& in, const char* key, bool (*pass)(const AnnexRow&, int)) {
  const AnnexList* l9 = in.List(9);
  const int in_touch = Col(l9, "in_touch");
  const int col = Col(l9, key);
  return Snapshot(
      l9, Have(l9, {in_touch, col}), [&](const AnnexRow& row) { return TextIs(row, in_touch, "a) Yes"); },
      [&](const AnnexRow& row) { return pass(row, col); });
}

}  // namespace

void AddCareLeavers(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "leavers-in-touch",
      .reference = "KI-12",
      .title = "Care leavers the local authority is in touch with",
      .definition = "List 9 rows with In Touch = a) Yes as a percentage of List 9 rows.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(85, 90),
      .compute =
          [](const Inputs& in) {
            const AnnexList* l9 = in.List(9);
            const int in_touch = Col(l9, "in_touch");
            return Snapshot(l9, Have(l9, {in_touch}), AnyRow,
                            [&](const AnnexRow& row) { return TextIs(row, in_touch, "a) Yes"); });
          },
  });
  table->push_back({
      .id = "leavers-suitable",
      .reference = "KI-13",
      .title = "Care leavers in touch in suitable accommodation",
      .definition = "List 9 rows in touch (In Touch = a) Yes) whose Suitability of Accommodation is "
                    "a) Suitable, as a percentage of List 9 rows in touch.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(85, 90),
      .compute =
          [](const Inputs& in) {
            return InTouchFor(in, "accommodation_suitable",
                              [](const AnnexRow& row, int col) { return TextIs(row, col, "a) Suitable"); });
          },
  });
  table->push_back({
      .id = "leavers-eet",
      .reference = "KI-14",
      .title = "Care leavers in touch in education, employment or training",
      .definition = "List 9 rows in touch (In Touch = a) Yes) whose Activity is an F1-F5 or P1-P5 code "
                    "(education, employment or training), as a percentage of List 9 rows in touch.",
      .period = "snapshot",
      .unit = "%",
      .default_target = HigherIsBetter(50, 55),
      .compute = [](const Inputs& in) { return InTouchFor(in, "activity", IsEet); },
  });
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
