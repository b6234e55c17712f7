#include "render/indicator_pdf.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "indicators/rag_tally.h"
#include "render/indicator_rows.h"
#include "render/pdf_blocks.h"

namespace annexa::render {

namespace {

using indicators::Indicator;
using indicators::TrendPoint;

bool HasValue(const TrendPoint& p) { return p.unavailable.empty() && std::isfinite(p.value); }

std::string PointText(const Indicator& ind, const TrendPoint* p) {
  if (!ind.not_configured.empty()) return "\u2013";
  if (!p || !HasValue(*p)) return "n/a";
  return Number(p->value, ind.unit);
}

// A red's distance as one figure ("-7.2"), so that it never wraps; the
// section's paragraph says its unit.
std::string DistanceFigure(const Indicator& ind) {
  std::string text = indicators::DistanceText(ind);
  const size_t unit = text.find(' ');
  return unit == std::string::npos ? text : text.substr(0, unit);
}

}  // namespace

Section IndicatorsSection(const std::vector<Indicator>& all, const std::vector<std::string>& only) {
  Section s;
  s.title = "Key indicators";
  std::vector<const Indicator*> shown;
  std::vector<Indicator> kept;  // for the tally: the indicators shown
  for (const Indicator& ki : all)
    if (only.empty() || std::find(only.begin(), only.end(), ki.id) != only.end()) {
      shown.push_back(&ki);
      kept.push_back(ki);
    }
  const std::string tally = indicators::TallySentence(indicators::TallyRag(kept));
  s.blocks.push_back(Text(Block::Kind::kParagraph,
                          "Computed from the lists in this pack at the reference date. Targets are the council's "
                          "minimum / upper bands; status is green at or beyond the upper band, amber between the bands, "
                          "red short of the minimum; for a red, To target is how far it is from the minimum, in "
                          "percentage points for a percentage and in the indicator's unit otherwise: negative below "
                          "it, positive above a lower-is-better one."));
  if (!tally.empty()) s.blocks.push_back(Text(Block::Kind::kParagraph, tally + "."));

  std::string last_year = "Last year";
  for (const Indicator* ki : shown)
    if (ki->last_year && !ki->last_year->label.empty()) {
      last_year = ki->last_year->label;
      break;
    }
  Table t;
  t.header = {"Ref", "Indicator", "Period", last_year, "Num.", "Den.", "Current", "Targets", "Status", "To target"};
  t.widths = {0.6, 2.7, 1.0, 0.8, 0.8, 0.8, 0.9, 1.9, 0.8, 0.8};
  t.right_align = {false, false, false, true, true, true, true, false, false, true};
  t.rag_column = 8;
  for (const Indicator* ki : shown) {
    std::string targets;
    if (ki->target.minimum || ki->target.upper) {
      targets = (ki->target.minimum ? Number(*ki->target.minimum, ki->unit) : "") + " / " +
                (ki->target.upper ? Number(*ki->target.upper, ki->unit) : "");
      if (!ki->target.higher_is_better) targets += " (lower)";
    }
    const bool configured = ki->not_configured.empty();
    const std::string title = configured ? ki->title : ki->title + "\n" + NotConfigured(ki->not_configured);
    const std::string last = !configured ? "\u2013" : ki->last_year ? PointText(*ki, &*ki->last_year) : "n/a";
    if (configured)
      t.rows.push_back({ki->reference, title, ki->period, last, Count(ki->numerator),
                        ki->denominator || ki->unit != "count" ? Count(ki->denominator) : "",
                        std::isfinite(ki->value) ? Number(ki->value, ki->unit) : "n/a", targets, "",
                        DistanceFigure(*ki)});
    else
      t.rows.push_back({ki->reference, title, ki->period, last, "", "", "not configured", targets, "", ""});
    t.rag.push_back(ki->rag);
  }
  s.blocks.push_back(TableBlock(std::move(t)));

  // The six month-ends under their labels, each a value or "n/a".
  std::vector<std::string> labels;
  for (const Indicator* ki : shown)
    if (ki->points.size() == kTrendPoints) {
      for (const TrendPoint& p : ki->points) labels.push_back(p.label);
      break;
    }
  s.blocks.push_back(Text(Block::Kind::kHeading, "Six-month trend"));
  if (labels.empty()) {
    s.blocks.push_back(Text(Block::Kind::kParagraph, "Not available: the trend was not computed for this pack."));
  } else {
    Table tr;
    tr.header = {"Ref"};
    tr.header.insert(tr.header.end(), labels.begin(), labels.end());
    tr.header.push_back("Trend");
    tr.widths = {0.6, 1, 1, 1, 1, 1, 1, 1.4};
    tr.right_align = {false, true, true, true, true, true, true, false};
    tr.sparkline_column = 7;
    // Why points are not there: each reason once, with the points it explains.
    std::vector<std::pair<std::string, std::string>> why;  // reason, "KI-03 Mar 2026, Apr 2026"
    for (const Indicator* ki : shown) {
      std::vector<std::string> row = {ki->reference};
      std::vector<double> line;
      std::map<std::string, std::string> missing;
      for (size_t i = 0; i < kTrendPoints; ++i) {
        const TrendPoint* p = nullptr;
        for (const TrendPoint& q : ki->points)
          if (q.label == labels[i]) p = &q;
        row.push_back(PointText(*ki, p));
        line.push_back(ki->not_configured.empty() && p && HasValue(*p) ? p->value : NAN);
        if (ki->not_configured.empty() && (!p || !HasValue(*p))) {
          std::string& months = missing[p && !p->unavailable.empty() ? p->unavailable : "not computed"];
          months += (months.empty() ? "" : ", ") + labels[i];
        }
      }
      row.push_back("");
      tr.rows.push_back(std::move(row));
      tr.sparklines.push_back(std::move(line));
      for (const auto& [reason, months] : missing) why.emplace_back(reason, ki->reference + " " + months);
    }
    s.blocks.push_back(TableBlock(std::move(tr)));
    if (!why.empty()) {
      std::string notes = "n/a: not available.";
      for (const auto& [reason, where] : why) notes += " " + where + ": " + reason + ".";
      s.blocks.push_back(Text(Block::Kind::kParagraph, notes));
    }
    if (std::any_of(shown.begin(), shown.end(), [](const Indicator* ki) { return !ki->not_configured.empty(); }))
      s.blocks.push_back(Text(Block::Kind::kParagraph, "\u2013: not configured (see the table above)."));
  }
  s.blocks.push_back(Text(Block::Kind::kHeading, "Definitions"));
  for (const Indicator* ki : shown)
    s.blocks.push_back(Text(Block::Kind::kParagraph, ki->reference + " " + ki->title + ": " + ki->definition));
  return s;
}

}  // namespace annexa::render
