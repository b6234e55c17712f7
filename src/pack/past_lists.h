// The lists as they stood at a past date D, rebuilt from the raw records the
// run already read (MappedPack::tables), without reading any source again:
// every list is built with reference date D (its window ends at D, joins
// and related rows pick what held at D, ages and case status are at D),
// and each source's `latest_per` is re-applied at D from its copy as read
// (MappedPack::before_latest_per), so a row superseded after D counts at D.
//
// A list whose records cannot say what held at D is not built: it is
// "not available", with the reason, and never a number. That is a list
// with no window (no start date: it holds the same rows at any date), or
// one read from (as `from`, a join, related rows, a derivation's table, or a
// List 6 case status over Lists 4, 7, 8) a source that
//   - the council marks `history: current_only` (only the current state),
//   - is a `database` query given :reference_date or a :window_start_<N>m
//     (run once, as at the reference date; a table, or a query naming no
//     date, reads the records as their file export would),
//   - is an `sql` query over a source with `latest_per` or over one of the
//     above (its rows were chosen as at the reference date).
// An `sql` query over plain sources reads the same raw records at any date
// (the kind takes no date), so its rows are used as they are.
//
// A row built at D may hold dates after D, which were not known at D:
//   - an event's own date (an end, a closure, an authorisation, an ICPC):
//     it had not happened at D, so the cell is blanked, with the cells that
//     say how it went (the reason ceased, the ICPC's outcome);
//   - the latest of a repeated event (the last visit, review, health
//     assessment, contact, legal status, placement), taken from a record
//     that keeps only the latest: the value at D is unknown. The column is
//     withheld at D (AnnexList::withheld_columns), with the columns that go
//     with it (seen alone, the in-touch status ...), so an indicator
//     reading it has no value there; `withheld` says why. Taken through a
//     join that picks the latest row on or before D, such a date is never
//     after D, and the column is kept.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/date_order.h"
#include "core/status.h"
#include "lists/annex_list.h"
#include "mapping/config_model.h"
#include "mapping/pack_builder.h"

namespace annexa::pack {

// "31/03/2026", as the progress lines and the reasons give a date.
std::string DayMonthYear(CivilDate d);

// Per source that cannot say what held at a past date, why not ("holds
// only the current state (history: current_only)").
std::map<std::string, std::string> SourcesWithoutHistory(const mapping::CouncilConfig& config);

// Per list number of the config, why it cannot be rebuilt at a past date;
// lists not named can be.
std::map<int, std::string> ListsWithoutHistory(const mapping::CouncilConfig& config);

struct PastLists {
  CivilDate at;
  // One per list of the spec, as MappedPack::lists; only the lists asked
  // for (and those their derivations read) have rows.
  std::vector<AnnexList> lists;
  // List number -> why it was not built at `at` (ListsWithoutHistory).
  std::map<int, std::string> unavailable;
  // List number -> the columns withheld at `at`, and why ("List 7's
  // last_statutory_visit is after 31/03/2026 in 2 rows ...").
  std::map<int, std::string> withheld;
};

// The lists numbered in `wanted` (all the config maps when empty) as they
// stood at `at`. Findings are discarded (the run reports those of R). The
// pack's tables are only read, so several dates may be built at once.
// `scans` (may be null) is shared between the dates: the tables are the
// same. An error only where building the list at R would have failed too
// (a config naming a missing column).
// `columns` (may be null: every column): per list number, the columns to
// fill, those the key indicators read (IndicatorOptions::columns_read);
// the others are left blank, which saves building them at each date. The
// columns that say what was known at `at` (the dates above, with the cells
// that go with them) and those List 6's case status reads are always kept,
// so what is withheld or blanked is the same either way.
Result<PastLists> BuildListsAt(const mapping::MappedPack& pack, CivilDate at, const std::set<int>& wanted,
                               DateColumnScans* scans = nullptr,
                               const std::map<int, std::set<std::string>>* columns = nullptr);

}  // namespace annexa::pack
