// A council's mapping config (config/<council>.yaml, docs/config.md): where
// its extracts are and how they map onto Ofsted's lists. Loaded and checked
// by config_loader.h; executed by list_builder.h.
#pragma once

#include <any>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracts/source_contract.h"
#include "core/civil_date.h"
#include "sources/http_fetch.h"
#include "sources/source_readers.h"
#include "core/yaml_adapter.h"

namespace annexa::mapping {

// One named table: a CSV file, an xlsx sheet, one table of a CIN census
// return, each read from a file or fetched from a URL.
struct SourceConfig {
  std::string name;
  const sources::SourceReader* reader = nullptr;  // its kind (source_readers.h); set in every loaded config
  std::string path;              // resolved against the config's base_dir; empty when `url`
  std::string url;
  sources::HttpRequest http;     // url, auth, timeouts (when `url`)
  std::any options;              // the kind's own keys (delimiter, sheet, table ...), as its reader read them
  // `latest_per`: only the row with the latest `by` date on or before the
  // reference date of each `key` is kept (docs/config.md, "Latest per key").
  struct LatestPer {
    std::string key, by;
    std::vector<std::string> date_formats;  // empty = the defaults
    YamlMark mark;
  };
  std::optional<LatestPer> latest_per;
  std::optional<contracts::SourceContract> contract;  // `contract:` (docs/config.md, "Source contracts")
  // `optional: true`: a missing file, an empty one (no header) or one with
  // no rows is a warning (source-optional-empty) and reads as no rows;
  // `columns` are the headers such a table has when the file gives none,
  // so the lists' references to it still resolve (to blanks).
  bool optional = false;
  std::vector<std::string> columns;
  YamlMark mark;
  std::vector<std::string> inputs;  // a source built over others (sql): the sources it reads (source_inputs.h)
  // `history: current_only`: the source holds only the current state (a
  // status overwritten in place), so the lists built from it cannot be
  // rebuilt at a past date: the indicators' past points read from them are
  // "not available" (pack/past_lists.h). `history: kept` (the default): its
  // rows are dated records, kept when superseded.
  bool current_only = false;
};

// Conditions on source columns (`where`) or on related rows (derivations).
struct Condition {
  std::string column;                 // a column reference ("LEGAL_STATUS", "people.GENDER")
  std::vector<std::string> in;        // value must be one of these (trimmed, case-insensitive)
  std::vector<std::string> not_in;    // value must be none of these
  std::optional<bool> blank;          // true: must be blank; false: must not be blank
  std::string reason;                 // why a row failing it is excluded (for `where`)
};

enum class JoinPick { kOne, kLatest };

// Which related rows belong to a base row by dates (docs/config.md, "Related
// rows"). `start`/`end` are the related row's period (a blank end: still
// open; no `end`: a one-day event). The base row gives the period it must
// overlap, both ends inclusive: `during` (its own start and end, a blank end
// open) or `as_of` (one date: a base column, or `reference_date`).
struct DateMatch {
  std::string start, end;                 // related table's columns
  std::string during_start, during_end;   // base (or earlier joined) columns
  std::string as_of;
  bool Active() const { return !start.empty(); }
};

// The rows of `table` related to a base row: same key, passing `where`, and
// meeting `dates`.
struct RelatedRows {
  std::string table;
  std::string left, right;  // base column, related column
  std::vector<Condition> where;
  DateMatch dates;
  YamlMark mark;
};

// A yes/no test over a base row's related rows: `exists: true|false`, or
// all / any / none of them pass `test` (`all` needs at least one row).
enum class Quantifier { kExists, kNotExists, kAll, kAny, kNone };
struct RelatedTest {
  RelatedRows rows;
  Quantifier quantifier = Quantifier::kExists;
  std::vector<Condition> test;
  std::string reason;  // why a row failing it (as a `where`) is excluded
  YamlMark mark;
};

// `exclude_when`: a base row meeting every part is left out with `reason`.
struct Exclusion {
  std::string reason;
  std::vector<Condition> conditions;
  std::vector<RelatedTest> related;
  YamlMark mark;
};

struct JoinConfig {
  std::string table;
  std::string left;       // column of the base (or an earlier joined) table
  std::string right;      // column of `table`
  JoinPick pick = JoinPick::kOne;
  std::string by;         // kLatest: the date column choosing the latest row on or before the reference date
  bool required = true;   // a base row with no match is excluded ("no match in <table>")
  std::vector<Condition> where;  // only related rows passing these are candidates
  DateMatch dates;               // only related rows meeting these dates are candidates
  // Tests over the candidate's own related rows (`where` items with
  // `related:`; their columns may name this join's table).
  std::vector<RelatedTest> where_related;
  YamlMark mark;
  bool Filtered() const { return !where.empty() || dates.Active() || !where_related.empty(); }
};

enum class RuleKind { kColumn, kFirstOf, kConstant, kDerive };

// Parameters of a derived value (docs/config.md, "Derived values").
struct DeriveConfig {
  std::string kind;        // age, count_before_latest, latest, count, exists, case_status
  std::string from;        // age: the date-of-birth column key (default date_of_birth)
  std::string table;       // related table
  std::string key;         // its column holding the child id
  std::string date;        // its date column (event or start)
  std::string end;         // count/exists: an end-date column (intervals)
  std::string anchor;      // count_before_latest: the column whose latest value anchors the count
  int months = 12;
  int min_count = 1;       // exists: how many rows make "yes"
  bool distinct = false;   // count/exists: an exact duplicate row counts once
  RelatedTest related;     // related: the yes/no test
  std::vector<Condition> where;
  // case_status: the CIN plan table (open at the reference date).
  std::string plan_table, plan_key, plan_start, plan_end;
};

struct ColumnRule {
  RuleKind kind = RuleKind::kColumn;
  std::vector<std::string> columns;      // kColumn: one; kFirstOf: several
  std::string constant;                  // kConstant
  DeriveConfig derive;                   // kDerive
  std::string map;                       // a code map name (code columns)
  std::vector<std::string> date_formats; // date columns; empty = the defaults
  // `when`: the rule gives its value only when every condition holds (on
  // source columns of the row, as `where`); otherwise `else` (blank when none).
  std::vector<Condition> when;
  std::string otherwise;
  YamlMark mark;
};

struct WindowConfig {
  // Output column keys; the first holding a date is the event or start date.
  std::vector<std::string> start;
  // Output column keys or source columns; the first holding a date is the
  // end date (blank = still open).
  std::vector<std::string> end;
  // The audited-case list only: the window's length in months, replacing
  // the spec's (Ofsted fixes the windows of Lists 1-11). 0 = the spec's.
  int months = 0;
};

struct ListConfig {
  int number = 0;
  std::string from;                       // the base table
  std::vector<JoinConfig> joins;
  std::vector<Condition> where;
  std::vector<RelatedTest> where_related;  // `where` items with `related:`
  std::vector<Exclusion> exclude_when;
  WindowConfig window;                    // no start = no date window
  std::vector<std::string> dedupe;        // output column keys
  std::string latest_per_child;           // output date key: keep each child's latest row
  std::map<std::string, ColumnRule> columns;  // by spec column key
  YamlMark mark;
};

// Every related-row test of a list: its `where`, `exclude_when` and
// `derive: related` columns.
template <class F>
void ForEachRelatedTest(const ListConfig& list, F&& f) {
  for (const JoinConfig& j : list.joins)
    for (const RelatedTest& t : j.where_related) f(t);
  for (const RelatedTest& t : list.where_related) f(t);
  for (const Exclusion& e : list.exclude_when)
    for (const RelatedTest& t : e.related) f(t);
  for (const auto& [key, rule] : list.columns)
    if (rule.kind == RuleKind::kDerive && rule.derive.kind == "related") f(rule.derive.related);
}

struct CouncilConfig {
  std::string file;                  // the config file path
  std::string council;
  std::string la_code;
  std::string spec_version;
  std::optional<CivilDate> reference_date;
  std::string base_dir;              // resolved folder that source paths are relative to
  std::map<std::string, SourceConfig> sources;
  std::map<std::string, std::map<std::string, std::string>> code_maps;  // name -> local -> Ofsted
  std::map<std::string, std::map<std::string, YamlMark>> code_map_marks;  // where each entry is
  // Lists 1-11 by number; the audited-case list (`audit:`) under
  // spec::kAuditedCasesList.
  std::map<int, ListConfig> lists;
  // The pack: the 0-17 population (rates per 10,000; 0 = none), targets per
  // key indicator (overriding the defaults), and the output template.
  int64_t child_population = 0;
  struct Target {
    std::optional<double> minimum, upper;
    std::optional<bool> higher_is_better;
    int line = 0;  // of its id in the config, for errors found later (unknown id, bands)
  };
  std::map<std::string, Target> indicator_targets;
  // `indicator_sources:` a council's extra sources for the indicators that
  // Annex A cannot give, by indicator source role (annex_a_specs/
  // indicators.yaml, `sources:`): the configured source, each role column's
  // header in it, the rows that belong (`where`, header -> values).
  struct IndicatorSource {
    std::string source;
    std::map<std::string, std::string> columns;
    std::map<std::string, std::vector<std::string>> where;
    std::vector<std::string> date_formats;  // empty = the defaults
    YamlMark mark;                          // of the role's name, for errors found later
  };
  std::map<std::string, IndicatorSource> indicator_sources;
  // `indicators_file:` the council's own indicators, as data (resolved
  // against the config's folder); empty = none.
  std::string indicators_file;
  std::string output_template;  // resolved path; empty = output_templates/default.yaml
  // `explanations:` the council's explained gaps (gaps/explanations.h),
  // resolved against the config's folder; empty = none.
  std::string explanations;
};

}  // namespace annexa::mapping
