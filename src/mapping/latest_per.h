// A source's `latest_per: {key, by}` (docs/config.md, "Latest per key"):
// of the rows sharing a key, only the one with the latest `by` date on or
// before the reference date is kept, so one file of keeping-in-touch
// contacts gives each young person's current contact without being
// declared twice. No row disappears silently: every row set aside is
// counted under its reason, and a list built from the source counts them
// in its row accounting ("excluded", with the reason).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/status.h"
#include "core/table.h"
#include "mapping/config_model.h"

namespace annexa::mapping {

// Source name -> reason -> rows set aside.
using SetAsideRows = std::map<std::string, std::map<std::string, int64_t>>;

// Replaces `table` by the rows it keeps (in file order, each with its source
// row) and returns the rows set aside by reason:
//   "after the reference date (latest_per by BY)"  - BY is after R;
//   "not the latest BY of its KEY (latest_per)"     - a later row (by date;
//      of the same date, the later in the file) of the same key is kept;
//   "no valid BY (latest_per)"                      - BY blank or not a date,
//      each also a `latest-per-no-date` finding at its source row.
// A row with a blank KEY is kept: it has no key to be latest in, and the
// list reports it (`missing-id`). kInvalidArgument naming `where_text`
// (config file:line:col) when KEY or BY is not a column of the table.
Result<std::map<std::string, int64_t>> KeepLatestPer(const SourceConfig::LatestPer& lp, CivilDate reference_date,
                                                     const std::string& where_text, Table* table,
                                                     Findings* findings);

}  // namespace annexa::mapping
