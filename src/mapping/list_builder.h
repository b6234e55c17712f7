// Builds one Annex A list from the council's tables as its ListConfig says:
// joins, filters, column rules (take, first-of, constant, code maps, dates,
// derived values), the list's date window, de-duplication and, for the
// one-row-per-child lists, each child's latest record. Every base row is
// accounted for: included, or excluded with a reason.
//
// Window rules, with R the reference date and F = R minus the list's months
// (calendar months, the day clamped to the month's end; both ends inclusive):
//   months only (Lists 1, 3): the start date is in [F, R].
//   point in time with months (Lists 2, 4-8, 10, 11): the start date is on or
//     before R, and the end date (first filled of `end`) is blank or on or
//     after F.
//   point in time only (List 9): start on or before R, end blank or on or after R.
// A start date after R is excluded ("starts after the reference date").
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/date_order.h"
#include "core/finding.h"
#include "core/status.h"
#include "core/table.h"
#include "lists/annex_list.h"
#include "mapping/config_model.h"
#include "mapping/join_index.h"
#include "mapping/latest_per.h"
#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

struct BuildContext {
  const spec::SpecVersion& spec;
  const CouncilConfig& config;
  const std::map<std::string, Table>& tables;
  const spec::ValueAliases& aliases;
  CivilDate reference_date;
  // Join indexes shared by the lists of a run (built once each); may be
  // null, when each list builds its own.
  JoinIndexCache* join_indexes = nullptr;
  // Which way round each source date column writes its dates
  // (core/date_order.h), scanned once per run; may be null, when each list
  // scans its own.
  DateColumnScans* date_scans = nullptr;
  // The rows each source's `latest_per` set aside (latest_per.h); a list
  // built from such a source counts them as read and excluded. May be null.
  const SetAsideRows* set_aside = nullptr;
  // Per source: rows its contract dropped as exact duplicates before the
  // lists were built (contracts/contract_checks.h); a list built from it
  // counts them as read and excluded. May be null.
  const std::map<std::string, int64_t>* dropped_duplicates = nullptr;
  // Tables that stand in for those of `tables` of the same name: a source's
  // `latest_per` re-applied at a past reference date (pack/past_lists.h).
  // May be null.
  const std::map<std::string, Table>* replaced = nullptr;
  // Per list number, the only columns to fill (others are left blank, their
  // rules not even compiled), besides those the list's own building reads
  // (the id, window, dedupe and latest-per-child columns, a kept
  // derivation's `from`): a list rebuilt at a past date for the key
  // indicators (pack/past_lists.h). Null: every column. A list not named
  // fills every column.
  const std::map<int, std::set<std::string>>* keep_columns = nullptr;
  // The table called `name`: `replaced`'s, else `tables`'; null when neither has it.
  const Table* FindTable(const std::string& name) const {
    if (replaced)
      if (auto it = replaced->find(name); it != replaced->end()) return &it->second;
    auto it = tables.find(name);
    return it == tables.end() ? nullptr : &it->second;
  }
};

// The exclusion reason of the rows a source contract dropped as exact
// duplicates of an earlier source row (reported as source-duplicate-row).
inline constexpr char kExactDuplicateReason[] = "exact duplicate of an earlier source row";

// Builds list `list.number`. Bad data becomes findings (appended to
// `findings`); a config that names a missing column or table is
// kInvalidArgument with the config's file:line:col.
Result<AnnexList> BuildList(const BuildContext& ctx, const ListConfig& list, Findings* findings);

// Fills derived values that read other lists (List 6 `case_status`: the
// first that applies of looked after (an open List 8 row), child protection
// plan (an open List 7 row), child in need plan (the configured plan table
// open at the reference date), open assessment (a List 4 row not yet
// authorised); a closed episode is "e) Closed episode"). In case_status.cc.
Status ApplyCrossListDerivations(const BuildContext& ctx, std::vector<AnnexList>* lists, Findings* findings);

}  // namespace annexa::mapping
