#include "indicators/indicators_markdown.h"

#include <cmath>
#include <cstdio>

#include <functional>
#include <set>

#include "indicators/indicator_checks.h"
#include "indicators/indicator_table.h"

namespace annexa::indicators {
namespace {

// What the table cannot say: the conventions, trends and RAG rules shared by
// every indicator.
constexpr const char* kHeader = R"md(# Key indicators

`annexa` computes key indicators from the Annex A lists it builds and, for
the measures Annex A cannot give, from a council's extra sources. Each has a
stable id and reference, a definition in terms of list columns, a numerator
and denominator, a value, six monthly points, last year's outturn
and, where targets exist, a red/amber/green (RAG) status. Two kinds come out, in this order:

1. **Indicators written as data**: `annex_a_specs/indicators.yaml`, the
   seventeen measures of a council's monthly performance report (1.1 …
   6.3), and any a council adds in its own file (`indicators_file:` in its
   config). The format is below ("Indicators as data").
2. **The built-in table** (KI-01 …): one entry each in a file per area in
   `src/indicators/` (`front_door.cc`, `assessments.cc`,
   `children_in_need.cc`, `child_protection.cc`, `looked_after.cc`,
   `care_leavers.cc`).

This page is generated from both by `annexa indicators --markdown`; a test
fails when it is out of date.

R below is the reference date (the inspection date the lists are built for).

## Conventions

- **Lists and columns** are found by list number and column key (the keys in
  `annex_a_specs/<version>/list_*.yaml`). The definitions below name columns
  by Ofsted's headers, as the pack prints them; the notes by their keys. A
  list that was not built counts as empty. If a present list's spec lacks a
  column an indicator needs, the indicator's value is NaN (shown as no
  data) rather than a guess.
- **Percentages** are `100 × numerator / denominator`, kept at full double
  precision (round when displaying). Denominator 0 → value NaN, no RAG.
- **"Set"** means the cell is not blank. A date that did not parse (kept as
  text and reported as a `bad-date` finding) still counts as set, but never
  satisfies a date comparison ("within 45 working days", "on or after …"),
  so it counts against the indicator rather than being dropped.
- **"Open"** means the end column is blank: `cin_closure_date` (List 6),
  `cp_plan_end_date` (List 7). **"Still looked after"** means
  `date_ceased_looked_after` (List 8) is blank.
- **Coded values** are compared with Ofsted's display strings (`a) Yes`,
  `a) Suitable`), ignoring case and surrounding spaces. Activity is EET when
  the code is F1–F5 or P1–P5 (the text starts `F1`…`P5`); G4–G6 are NEET.
- **Months**: `R − 6 months` etc. use calendar months with the day clamped
  to the month's length (31 Aug − 6 months = 28/29 Feb). "On or after" bounds
  are inclusive: a date exactly on the bound passes.
- **Working days** (`WorkingCalendar::WorkingDaysBetween(from, to)`,
  `src/core/working_calendar.h`, the calendar the submission timeline uses
  too): the days after `from` up to and including `to`, skipping Saturdays,
  Sundays and the calendar's bank holidays: `generate`, `rehearse` and
  `batch` use the run's calendar (`RunFacts::calendar`), the England and
  Wales bank holidays of `config/bank-holidays.json`, the same days the
  submission timeline skips. Negative when `to` is before `from`.
- **Counts** (unit `count`, the cohorts): numerator = value = the count;
  denominator 0; no default targets. When the list has no rows the value is
  NaN (no data), not 0: every council has children in need and care leavers,
  so an empty list means it was not supplied.
- **Rates** (unit `per 10,000`): only when `child_population` (0–17
  population) is above 0; they follow the cohorts. Value = count × 10,000 /
  child_population, rounded to one decimal place; numerator = count,
  denominator = child_population. No default targets.

## Trends

Each indicator carries six monthly points, oldest first: the last days of
the five months before R's month, then R itself for R's month (R = 15 June
2026 → 31 January, 28 February, 31 March, 30 April, 31 May and 15 June
2026), each labelled with its month ("Jan 2026"), and last year's outturn
at the last 31 March before R, labelled with the financial year it ends
("2025/26").

Every point is the indicator itself, computed exactly as the headline but
as at that date: the lists are built again at that date from the records
the run read (the six-month windows end there, joins take what held then,
`latest_per` is applied there, events dated after it had not happened yet)
and the indicator is computed with that date as R. So a six-month flow's
point is the six months to that month end, and a snapshot's is the
snapshot then. How the lists are rebuilt is in
[config.md](config.md), "Past dates".

A point is **not available**, with the reason, when the records cannot say
what held then: a list read from a source marked `history: current_only`,
a database query given the reference date, or an SQL query over a
`latest_per` source, or a column
holding only the latest of a repeated event (last visit, last review, ...)
whose latest date is after that date. A point with nothing to count (an
empty denominator, a cohort list with no rows) is not available too ("no
value"). None is ever shown as 0.

## RAG

With `higher_is_better`: green when value ≥ upper, amber when value ≥
minimum, otherwise red. With lower is better the comparisons are mirrored:
green when value ≤ upper, amber when value ≤ minimum, otherwise red. When
only one threshold is given, meeting it is green and missing it red. No
thresholds, or a NaN value → no RAG (`""`).

The council's targets (`IndicatorOptions::targets`, by id) replace the
defaults for that id entirely. The default targets below are broad,
illustrative levels close to recent England averages (children in need
census, SSDA903 and care leaver returns); councils should set their own.
Indicators without a default have no RAG unless the council sets one:
contact conversion, section 47 to ICPC and ICPC to plan are context measures
(too high and too low both call for a look), and cohorts and rates are
volumes.

## The indicators

In this order (the pack's).

)md";

// What is left out, and why.
constexpr const char* kFooter = R"md(
## What is not computed

- Past points of the measures whose records keep only the latest visit,
  review, health check or status (see Trends): "not available".
- Review timeliness (4.8, 5.18) follows the statutory schedule, but the
  lists give only the latest review: a late earlier review is not seen.
)md";

// The format of the indicators file.
constexpr const char* kFormat = R"md(
## Indicators as data

`annex_a_specs/indicators.yaml` (and a council's `indicators_file:`, read
after it: it may add source roles and indicators, not redefine them) has
two keys.

`sources:` the extra sources an indicator may read, by **role**: its
`columns`, which of them is the `child_id` (matched to the lists' Child
Unique ID, ignoring case and surrounding spaces) and which `date` dates the
record. A council maps a role onto one of its configured sources:

```yaml
indicator_sources:
  visits:
    source: visits                      # a source under sources:
    columns: {child_id: PERSON_ID, visit_date: VISIT_DATE}
    where: {VISIT_TYPE: [SW]}           # optional: only these rows
    date_format: DD/MM/YYYY             # optional: else the default formats
```

An indicator reading a role the config does not map is **not configured**:
no value, no RAG, and the pack says which source it needs, never 0.
Sources are read as at R: a record dated after R does not count, and a
later date in any of its columns reads as blank.

`indicators:` a list, each with `id` (stable: the key of
`indicator_targets`), `reference`, `title`, `definition`, `unit` (`%` or
`count`), `period` (`snapshot`, `year_to_date`: rows whose `dated` column
falls from 1 April to R, `rolling_year`: rows whose `dated` column falls in
the 12 months to R when given, or `window`), `lower_is_better`, `targets`
(`minimum`, `upper`; contradictory bands are an error), `note`, and:

- a percentage: `denominator: {list: N | source: role, where: [tests]}` and
  `numerator: [tests]`, further tests on the denominator's rows;
- a count: `count: {list: N | source: role, where: [tests]}` (a list with no
  rows gives no data, not 0).

A test is a mapping, one of:

| test | holds when |
|---|---|
| `{column: c, blank: true}` / `{column: c, filled: true}` | the cell is blank / not blank |
| `{column: c, in: [v, ...]}` | the cell is one of the values (Ofsted's display strings for a list), ignoring case and surrounding spaces |
| `{column: c, prefix: [v, ...]}` | the cell starts with one of the values |
| `{column: c, within: {days \| weeks \| months \| working_days: n}}` | the date is on or before R and no more than n before it |
| `{column: c, within: {...: n, of: d}}` | the date is on or after the row's date `d` and no more than n after it |
| `{not: test}`, `{any: [tests]}` | the test fails / one of the tests holds |
| `{check: name}` | a named check (below) holds |
| `{record: {source: role, where: [tests]}}` | the row's child has a record of the role passing the tests |
| `{in_list: {list: N, where: [tests]}}` | the row's child has a row on list N passing the tests |

Working days skip weekends and the run's bank holidays. Every list number,
column, role and check is checked when the pack loads; a mistake is an
error naming the file, line and key.

)md";

// A table cell: a `|` would end it.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Targets(const std::optional<Target>& t) {
  if (!t || (!t->minimum && !t->upper)) return "none";
  std::string out;
  if (t->minimum) out += "minimum " + Number(*t->minimum);
  if (t->upper) out += std::string(out.empty() ? "" : ", ") + "upper " + Number(*t->upper);
  return out + (t->higher_is_better ? ", higher is better" : ", lower is better");
}

}  // namespace

std::string IndicatorsMarkdown(const IndicatorSpecs& shipped) {
  std::string out = kHeader;
  out += "### Written as data (annex_a_specs/indicators.yaml)\n\n";
  out += "| ref | id | title | definition | period | unit | default targets | source |\n";
  out += "|---|---|---|---|---|---|---|---|\n";
  for (const IndicatorSpec& d : shipped.indicators) {
    std::set<std::string> roles;
    if (!d.denominator.source.empty()) roles.insert(d.denominator.source);
    std::function<void(const std::vector<Condition>&)> collect = [&](const std::vector<Condition>& cs) {
      for (const Condition& c : cs) {
        if (c.kind == Condition::Kind::kRecord) roles.insert(c.source);
        collect(c.children);
      }
    };
    collect(d.denominator.where);
    collect(d.numerator);
    std::string source;
    for (const std::string& r : roles) source += (source.empty() ? "" : ", ") + ("`" + r + "`");
    if (source.empty()) source = "Annex A";
    out += "| " + d.reference + " | `" + d.id + "` | " + Cell(d.title) + " | " + Cell(d.definition) + " | " +
           PeriodName(d.period) + " | " + d.unit + " | " + Targets(d.default_target) + " | " + source + " |\n";
  }
  out += "\n";
  for (const IndicatorSpec& d : shipped.indicators)
    if (!d.note.empty()) out += "- " + d.reference + " `" + d.id + "`: " + d.note + "\n";
  out += "\nThe source roles (`indicator_sources:` in the config):\n\n";
  for (const auto& [name, role] : shipped.roles) {
    std::string cols;
    for (const std::string& c : role.columns) cols += (cols.empty() ? "" : ", ") + ("`" + c + "`");
    out += "- `" + name + "`: " + role.description + "; columns " + cols + ".\n";
  }
  out += "\nThe named checks (`check:`):\n\n";
  for (const NamedCheck& c : NamedChecks())
    out += "- `" + std::string(c.name) + "` (List " + std::to_string(c.list) + "): " + c.description + "\n";
  out += "\n### The built-in table\n\n";
  out += "| ref | id | title | definition | period | unit | default targets |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const IndicatorDef& d : IndicatorTable()) {
    out += "| " + d.reference + " | `" + d.id + "` | " + Cell(d.title) + " | " + Cell(d.definition) + " | " +
           d.period + " | " + d.unit + " | " + Targets(d.default_target) + " |\n";
  }
  out += "\n### Notes\n\n";
  for (const IndicatorDef& d : IndicatorTable()) {
    std::string note = d.note;
    if (d.needs_child_population) note += std::string(note.empty() ? "" : " ") + "Only when `child_population` is above 0.";
    if (!note.empty()) out += "- " + d.reference + " `" + d.id + "`: " + note + "\n";
  }
  return out + kFooter + kFormat;
}

}  // namespace annexa::indicators
