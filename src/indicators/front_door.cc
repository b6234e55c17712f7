// The front door: contacts (List 1) and referrals (List 3) in the six months.
#include "indicators/indicator_table.h"
#include "indicators/list_cells.h"

namespace annexa::indicators {

void AddFrontDoor(std::vector<IndicatorDef>* table) {
  table->push_back({
      .id = "contact-conversion",
      .reference = "KI-01",
      .title = "Contacts that became referrals",
      .definition = "Referrals in the six months (List 3 rows) as a percentage of contacts in the six months "
                    "(List 1 rows).",
      .period = "six months",
      .unit = "%",
      .note = "Can exceed 100 % where referrals do not come through contacts.",
      .compute =
          [](const Inputs& in) {
            const AnnexList* l1 = in.List(1);
            const AnnexList* l3 = in.List(3);
            return Percentage(true, [&] { return Counts{int64_t(Rows(l3).size()), int64_t(Rows(l1).size())}; });
          },
  });
  table->push_back({
      .id = "referrals-nfa",
      .reference = "KI-02",
      .title = "Referrals resulting in no further action",
      .definition = "List 3 rows with Referral NFA? = a) Yes as a percentage of List 3 rows.",
      .period = "six months",
      .unit = "%",
      .default_target = LowerIsBetter(15, 10),
      .compute =
          [](const Inputs& in) {
            const AnnexList* l3 = in.List(3);
            const int nfa = Col(l3, "referral_nfa");
            return Flow(l3, Have(l3, {nfa}), AnyRow,
                        [&](const AnnexRow& row) { return TextIs(row, nfa, "a) Yes"); });
          },
  });
  table->push_back({
      .id = "re-referrals",
      .reference = "KI-03",
      .title = "Re-referrals within 12 months",
      .definition = "List 3 rows whose Number of Referrals in Last 12 Months is 1 or more as a percentage of "
                    "List 3 rows.",
      .period = "six months",
      .unit = "%",
      .default_target = LowerIsBetter(25, 20),
      .compute =
          [](const Inputs& in) {
            const AnnexList* l3 = in.List(3);
            const int referrals_12 = Col(l3, "referrals_last_12_months");
            return Flow(l3, Have(l3, {referrals_12}), AnyRow,
                        [&](const AnnexRow& row) { return IntAtLeast(row, referrals_12, 1); });
          },
  });
}

}  // namespace annexa::indicators
