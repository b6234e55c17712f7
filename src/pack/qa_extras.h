// The QA workbook's last two sheets (issue 19): `Changes` (the findings
// closed, opened and still open since the last run of the same council in
// the run history, by identity) and `Gaps_by_owner` (each team's and
// worker's open gaps, oldest first, dated by the history). Built after the
// findings are final (people attached, explanations applied), before the QA
// workbook is written. A history that cannot be read never fails the pack:
// the sheet says why.
#pragma once

#include <string>
#include <vector>

#include "mapping/pack_builder.h"
#include "render/data_gap_rows.h"

namespace annexa::pack {

// `history_path` "" (--no-history): Changes says there is no history, and
// the gaps are dated by the reference date.
// `pseudonymised`: this run's ids are pseudonyms; an earlier run of the
// other kind is not compared (its ids would show in a pseudonymised pack).
std::vector<render::GapTable> QaExtraSheets(const std::string& history_path, const mapping::MappedPack& pack,
                                            bool pseudonymised);

}  // namespace annexa::pack
