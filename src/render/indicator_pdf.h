// The PDF pack's "Key indicators" section (issue 20), laid out like a
// council's performance report: the RAG tally in words; a table of each
// indicator's headline (Ref, Indicator, Period, last year's outturn, Num.,
// Den., Current, Targets, Status, distance to target for the reds; "not
// configured (needs ...)" in place of a value); a table of the six
// month-ends' values under their month labels with a sparkline ("n/a" for
// a point not available, its reason in the notes under the table); then
// each indicator's definition.
#pragma once

#include <string>
#include <vector>

#include "indicators/key_indicators.h"
#include "render/pdf_document.h"

namespace annexa::render {

// `only`: the ids to show, in the table's order (the template's
// `indicators`); empty = all.
Section IndicatorsSection(const std::vector<indicators::Indicator>& all, const std::vector<std::string>& only = {});

}  // namespace annexa::render
