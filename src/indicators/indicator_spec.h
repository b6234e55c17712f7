// Key indicators as data (issue 20): each indicator an entry of a YAML file
// shipped beside the specs (annex_a_specs/indicators.yaml) or added by a
// council (`indicators_file:` in its config), its numerator and denominator
// written as tests over Annex A list rows or over the rows of a council's
// extra source (an "indicator source role": management_oversight, visits
// ...; `indicator_sources:` in the config maps a role onto a source and its
// columns). Statutory timescales a plain window cannot express are named
// checks implemented once in C++ (indicator_checks.h). Format:
// docs/indicators.md, "Indicators as data".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "indicators/key_indicators.h"
#include "spec/spec_model.h"

namespace annexa::indicators {

enum class Period { kSnapshot, kYearToDate, kRollingYear, kWindow };
enum class SpanUnit { kDays, kWeeks, kMonths, kWorkingDays };

// A date that must lie within `n` units of another: of the reference date
// (`of` empty: on or before R and no more than n before it), or of another
// column of the same row (on or after that date and no more than n after).
struct Within {
  int n = 0;
  SpanUnit unit = SpanUnit::kDays;
  std::string of;  // "" = the reference date; else a column key of the same row
};

struct Condition {
  enum class Kind {
    kBlank,    // column: blank
    kFilled,   // column: not blank
    kIn,       // column: one of `codes` (Ofsted's display strings, or the source's values), any case
    kPrefix,   // column: starts with one of `codes` ("F1" ... "P5"), any case
    kWithin,   // column: a date within `within`
    kNot,      // none of `children` holds (one child)
    kAny,      // at least one of `children` holds
    kCheck,    // the named check `check` holds for the row (indicator_checks.h)
    kRecord,   // the row's child has a row of source role `source` passing `children`
    kInList,   // the row's child is on list `list` (a row there passing `children`)
  };
  Kind kind = Kind::kFilled;
  std::string column;
  std::vector<std::string> codes;
  Within within;
  std::vector<Condition> children;
  std::string check;
  std::string source;
  int list = 0;
  int line = 0;  // in its file, for messages
};

// The rows counted: of an Annex A list or of a source role, passing `where`.
struct RowSet {
  int list = 0;         // 1..11, or 0 when `source` is set
  std::string source;   // an indicator source role
  std::vector<Condition> where;
};

// An extra source an indicator may read: the columns the role has (the
// config maps each onto a column of one of its sources), which of them
// identifies the child (matched to the lists' Child Unique ID) and which
// dates the record (records dated after the reference date do not count).
struct SourceRole {
  std::string name;
  std::string description;  // what a council supplies, for "not configured" and the docs
  std::vector<std::string> columns;
  std::string child_id;     // "" when the rows are not about one child each
  std::string date;         // the record's date column
};

struct IndicatorSpec {
  std::string id, reference, title, definition, unit;  // unit: "%", "count"
  Period period = Period::kSnapshot;
  std::string dated;  // year_to_date / rolling_year: the rows' date column that must lie in the period
  std::optional<Target> default_target;  // higher_is_better = !lower_is_better
  bool lower_is_better = false;
  RowSet denominator;                // for a count, the rows counted
  std::vector<Condition> numerator;  // further tests on the denominator's rows (none for a count)
  std::string note;
  std::string file;
  int line = 0;
};

struct IndicatorSpecs {
  std::map<std::string, SourceRole> roles;
  std::vector<IndicatorSpec> indicators;  // in file order, the shipped file first
};

// "snapshot", "year to date", "rolling year", "window".
std::string PeriodName(Period p);

// Loads the files in order (a later file may add roles and indicators, not
// redefine them). With `spec`, list numbers and column keys are checked
// against it. Every problem names file, line and key; all are reported at once.
Result<IndicatorSpecs> LoadIndicatorSpecs(const std::vector<std::string>& paths, const spec::SpecVersion* spec);

// The shipped file beside the specs.
inline std::string ShippedIndicatorsFile(const std::string& specs_dir) { return specs_dir + "/indicators.yaml"; }

}  // namespace annexa::indicators
