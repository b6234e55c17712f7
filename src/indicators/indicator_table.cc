#include "indicators/indicator_table.h"

#include <algorithm>

namespace annexa::indicators {
namespace {

Target MakeTarget(double minimum, double upper, bool higher_is_better) {
  Target t;
  t.minimum = minimum;
  t.upper = upper;
  t.higher_is_better = higher_is_better;
  return t;
}

}  // namespace

Target HigherIsBetter(double minimum, double upper) { return MakeTarget(minimum, upper, true); }
Target LowerIsBetter(double minimum, double upper) { return MakeTarget(minimum, upper, false); }

const std::vector<IndicatorDef>& IndicatorTable() {
  static const std::vector<IndicatorDef> kTable = [] {
    std::vector<IndicatorDef> table;
    AddFrontDoor(&table);
    AddAssessments(&table);
    AddChildrenInNeed(&table);
    AddChildProtection(&table);
    AddLookedAfter(&table);
    AddCareLeavers(&table);
    // References are KI-01, KI-02 ...: same width, so text order is number order.
    std::stable_sort(table.begin(), table.end(),
                     [](const IndicatorDef& a, const IndicatorDef& b) { return a.reference < b.reference; });
    return table;
  }();
  return kTable;
}

}  // namespace annexa::indicators
