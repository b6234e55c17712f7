#include "indicators/indicators_markdown.h"

#include <cmath>
#include <cstdio>

#include "indicators/indicator_table.h"

namespace annexa::indicators {
namespace {

// What the table cannot say: the conventions, trends and RAG rules shared by
// every indicator.
constexpr const char* kHeader = R"md(# Key indicators

`annexa` computes a fixed set of key indicators from the Annex A lists it
builds. Each has a stable id and reference, a definition in terms of list
columns, a numerator and denominator, a value, six monthly points, last
year's outturn and,
where targets exist, a red/amber/green (RAG) status. The indicators are a
table in `src/indicators/`, one entry each in a file per area
(`front_door.cc`, `assessments.cc`, `children_in_need.cc`,
`child_protection.cc`, `looked_after.cc`, `care_leavers.cc`). This page is
generated from that table by `annexa indicators --markdown`; a test fails
when it is out of date.

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
- Review timeliness by the statutory schedule (first review at three months
  for plans, 20 working days for children in care): the lists give only the
  latest review, so the six-month rule is used and stated.
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

std::string IndicatorsMarkdown() {
  std::string out = kHeader;
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
  return out + kFooter;
}

}  // namespace annexa::indicators
