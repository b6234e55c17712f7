// Key indicators computed from the Annex A lists, in the shape councils'
// performance reports already use: a reference, a definition, numerator,
// denominator, value, period type, six monthly points and last year's
// outturn (filled by pack/indicator_history.h), and the
// council's own minimum and upper targets with a red/amber/green status.
// Pure computation over the lists; rendering is render/'s job.
#pragma once

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/table.h"
#include "core/working_calendar.h"
#include "lists/annex_list.h"

namespace annexa::indicators {

// Targets for one indicator. RAG: with higher_is_better, green when the
// value >= upper, amber when >= minimum, else red (mirrored when lower is
// better). No targets = no RAG.
struct Target {
  std::optional<double> minimum, upper;
  bool higher_is_better = true;
};

struct IndicatorSpecs;  // indicator_spec.h: the indicators written as data

// A council's extra source for one indicator source role
// (`indicator_sources:` in its config): which source table, which of its
// columns is each of the role's columns, and which rows belong (`where`:
// column -> accepted values, as a derivation's `where`).
struct SourceBinding {
  std::string table;                                        // a source's name in the config
  std::map<std::string, std::string> columns;               // role column -> the table's header
  std::map<std::string, std::vector<std::string>> where;    // table header -> accepted values
  std::vector<std::string> date_formats;                    // empty = the defaults
};

struct IndicatorOptions {
  CivilDate reference_date;
  int64_t child_population = 0;             // 0-17 population, for rates per 10,000 (0 = no rates)
  std::map<std::string, Target> targets;    // by indicator id; defaults apply when absent
  WorkingCalendar calendar;                 // for working-day measures (45 working days ...); default: no bank holidays
  // The indicators written as data (annex_a_specs/indicators.yaml and a
  // council's own file), computed before the built-in table; nullptr: the
  // built-in table only.
  const IndicatorSpecs* specs = nullptr;
  // Every source table the pack read (MappedPack::tables), for the
  // indicators that read a council's extra source; and the config's
  // `indicator_sources:` by role. Read as at reference_date: a record dated
  // after it does not count, and any later date in it reads as blank.
  const std::map<std::string, Table>* sources = nullptr;
  std::map<std::string, SourceBinding> source_bindings;
  // When set, ComputeIndicators notes by indicator id the list numbers it
  // read (asked for, built or not), so a past point computed without one of
  // them can be marked "not available" (pack/indicator_history.h).
  std::map<std::string, std::set<int>>* lists_read = nullptr;
  // Likewise the sources (config names) an indicator reads through
  // `source_bindings`, so a past point read from a source that cannot say
  // what held then is "not available" too.
  std::map<std::string, std::set<std::string>>* sources_read = nullptr;
  // When set, ComputeIndicators notes the lists' columns the indicators may
  // read (list number -> column keys), whatever the rows: those a list
  // rebuilt at a past date must hold (pack/past_lists.h). The lists given
  // may then be empty (their specs alone are read).
  std::map<int, std::set<std::string>>* columns_read = nullptr;
};

// One point of an indicator over time: its value as the lists (and extra
// sources) stood at `at`, rebuilt from the same raw records (issue 20).
struct TrendPoint {
  std::string label;         // "Mar 2026" for a month end; "2025/26" for a financial year's outturn
  CivilDate at;              // the date the lists were built at: a month end, R in R's month, a 31 March
  int64_t numerator = 0;
  int64_t denominator = 0;   // 0 for counts
  double value = NAN;        // NaN: not available, and `unavailable` says why
  std::string unavailable;   // "" when there is a value; else the reason ("source 'legal' keeps only the current status")
};

struct Indicator {
  std::string id;            // "assessments-in-45-days"
  std::string reference;     // "KI-04"
  std::string title;         // "Assessments authorised within 45 working days"
  std::string definition;    // how it is computed, in words
  std::string period;        // "snapshot", "six months", "rolling year"
  std::string unit;          // "%", "count", "per 10,000"
  int64_t numerator = 0;
  int64_t denominator = 0;   // 0 for counts
  double value = NAN;        // NaN when the denominator is 0
  // Issue 20: the six month-ends, oldest first, R's month last, each with
  // its label and value (pack/ fills them by building the lists at each
  // past date); the previous financial year's outturn at its 31 March.
  std::vector<TrendPoint> points;
  std::optional<TrendPoint> last_year;
  // "" when the indicator is computed; else what it needs and is not given
  // ("a management oversight source: indicator_sources.management_oversight
  // in the config"): shown as "not configured", never as zero.
  std::string not_configured;
  Target target;
  std::string rag;           // "red", "amber", "green" or "" (no targets / no value)
};

// Every indicator, as at options.reference_date: the data-defined ones
// first, in their files' order (options.specs), then the built-in table's
// (indicator_table.h; the entries are in the area files beside it). Lists
// not built are simply empty.
std::vector<Indicator> ComputeIndicators(const std::vector<AnnexList>& lists,
                                         const IndicatorOptions& options);

// The defaults shipped for targets, from the table and from `specs` when
// given (documented in docs/indicators.md).
std::map<std::string, Target> DefaultTargets(const IndicatorSpecs* specs = nullptr);

// What is wrong with a target's bands, or "": the minimum is the weaker
// band, so with higher_is_better it may not be above the upper target (nor
// below it when lower is better), and a percentage band lies in 0..100.
std::string TargetProblem(const Target& t, bool percent = true);

}  // namespace annexa::indicators
