#include "render/indicator_rows.h"

#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "indicators/rag_tally.h"

namespace annexa::render {

namespace {

using indicators::Indicator;
using indicators::TrendPoint;

bool HasValue(const TrendPoint& p) { return p.unavailable.empty() && std::isfinite(p.value); }

// The month labels over the trend columns: those of the first indicator
// with all six points (they share the reference date); "Month 1".. when
// none has them.
std::vector<std::string> PointLabels(const std::vector<Indicator>& v) {
  for (const Indicator& ind : v)
    if (ind.points.size() == kTrendPoints) {
      std::vector<std::string> out;
      for (const TrendPoint& p : ind.points) out.push_back(p.label);
      return out;
    }
  std::vector<std::string> out;
  for (size_t i = 1; i <= kTrendPoints; ++i) out.push_back("Month " + std::to_string(i));
  return out;
}

// Which point of `ind` sits under the i-th trend column: the one with the
// column's label, else the i-th (a table whose labels differ).
const TrendPoint* PointAt(const Indicator& ind, size_t i, const std::string& label) {
  for (const TrendPoint& p : ind.points)
    if (p.label == label) return &p;
  return i < ind.points.size() && ind.points.size() == kTrendPoints ? &ind.points[i] : nullptr;
}

constexpr const char* kNoTrend = "the trend was not computed";
constexpr const char* kNoLastYear = "last year's outturn was not computed";

// The Note of a computed indicator: what is not available and why, each
// reason once ("not available: Mar 2023, Apr 2023 (why)"); "" when all is.
std::string Unavailable(const Indicator& ind, const std::vector<std::string>& labels) {
  std::vector<std::pair<std::string, std::string>> by_reason;  // reason, where
  auto add = [&](const std::string& where, const std::string& why) {
    for (auto& [reason, at] : by_reason)
      if (reason == why) {
        at += ", " + where;
        return;
      }
    by_reason.emplace_back(why, where);
  };
  if (!ind.last_year) add("last year", kNoLastYear);
  else if (!HasValue(*ind.last_year)) add(ind.last_year->label, ind.last_year->unavailable);
  for (size_t i = 0; i < kTrendPoints; ++i) {
    const TrendPoint* p = PointAt(ind, i, labels[i]);
    if (!p) add(labels[i], kNoTrend);
    else if (!HasValue(*p)) add(p->label, p->unavailable);
  }
  std::string out;
  for (const auto& [reason, where] : by_reason)
    out += (out.empty() ? "not available: " : "; ") + where + (reason.empty() ? "" : " (" + reason + ")");
  return out;
}

std::string LastYearHeader(const std::vector<Indicator>& v) {
  for (const Indicator& ind : v)
    if (ind.last_year && !ind.last_year->label.empty()) return ind.last_year->label;
  return "Last year";
}

std::string Fixed(double v, bool whole) {
  char buf[48];
  std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", v);
  return buf;
}

std::string Bound(const std::optional<double>& b, bool whole) { return b ? Fixed(*b, whole) : ""; }

}  // namespace

std::string NotAvailable(const std::string& why) {
  return why.empty() ? "not available" : "not available (" + why + ")";
}

std::string NotConfigured(const std::string& needs) {
  return needs.empty() ? "not configured" : "not configured (needs " + needs + ")";
}

IndicatorSheet IndicatorsSheet(const std::vector<Indicator>& v) {
  IndicatorSheet out;
  GapTable& t = out.table;
  t.sheet = kIndicatorsSheet;
  t.title = "Key indicators";
  const std::vector<std::string> labels = PointLabels(v);
  t.headers = {"Ref", "Measure", LastYearHeader(v), "Num", "Denom", "Current", "Unit", "Period"};
  out.first_point_col = t.headers.size();
  t.headers.insert(t.headers.end(), labels.begin(), labels.end());
  out.chart_col = t.headers.size();
  t.headers.insert(t.headers.end(), {"Trend", "Min", "Upper", "Better", "RAG", "To target", "Note"});
  // A value in the indicator's unit: percentages and rates to one decimal
  // (the sheet's 0.0 format), counts whole.
  auto value = [](const Indicator& ind, double x) {
    return ind.unit == "count" ? GapCell::Number(x) : GapCell::Percent(x);
  };
  auto point = [&](const Indicator& ind, const TrendPoint* p) {
    if (!ind.not_configured.empty()) return GapCell::Text("not configured");
    if (!p) return GapCell::Text(NotAvailable(kNoTrend));
    return HasValue(*p) ? value(ind, p->value) : GapCell::Text(NotAvailable(p->unavailable));
  };
  std::vector<GapRow> chart_rows;
  for (const Indicator& ind : v) {
    GapRow row;
    auto& c = row.cells;
    const bool configured = ind.not_configured.empty();
    c.push_back(GapCell::Text(ind.reference));
    c.push_back(GapCell::Text(ind.title));
    c.push_back(!ind.last_year && configured ? GapCell::Text(NotAvailable(kNoLastYear))
                                             : point(ind, ind.last_year ? &*ind.last_year : nullptr));
    if (configured) {
      c.push_back(GapCell::Number(static_cast<double>(ind.numerator)));
      c.push_back(ind.denominator || ind.unit != "count" ? GapCell::Number(static_cast<double>(ind.denominator))
                                                         : GapCell::Blank());
      c.push_back(std::isfinite(ind.value) ? value(ind, ind.value)
                                           : GapCell::Text(NotAvailable("nothing to divide by")));
    } else {
      c.insert(c.end(), {GapCell::Blank(), GapCell::Blank(), GapCell::Text(NotConfigured(ind.not_configured))});
    }
    c.push_back(GapCell::Text(ind.unit));
    c.push_back(GapCell::Text(ind.period));
    GapRow data;
    data.cells.assign(out.first_point_col, GapCell::Blank());
    data.cells[0] = GapCell::Text(ind.reference);
    int values = 0;
    for (size_t i = 0; i < kTrendPoints; ++i) {
      const TrendPoint* p = PointAt(ind, i, labels[i]);
      c.push_back(point(ind, p));
      const bool has = configured && p && HasValue(*p);
      values += has;
      data.cells.push_back(has ? value(ind, p->value) : GapCell::Blank());  // a gap, never 0
    }
    out.charted.push_back(values >= 2);
    c.push_back(GapCell::Blank());  // the chart's cell
    c.push_back(ind.target.minimum ? value(ind, *ind.target.minimum) : GapCell::Blank());
    c.push_back(ind.target.upper ? value(ind, *ind.target.upper) : GapCell::Blank());
    c.push_back(GapCell::Text(ind.target.minimum || ind.target.upper ? (ind.target.higher_is_better ? "higher" : "lower")
                                                                      : ""));
    c.push_back(GapCell::Text(ind.rag));
    c.push_back(GapCell::Text(indicators::DistanceText(ind)));
    c.push_back(GapCell::Text(configured ? Unavailable(ind, labels) : NotConfigured(ind.not_configured)));
    t.rows.push_back(std::move(row));
    chart_rows.push_back(std::move(data));
  }
  const std::string tally = indicators::TallySentence(indicators::TallyRag(v));
  if (!tally.empty()) t.trailer.push_back({{GapCell::Text(tally + ".")}, false, true});
  t.trailer.push_back({{GapCell::Text("To target: how far a red is from the target it misses (percentage points for "
                                      "a percentage): negative below a minimum, positive above a lower-is-better "
                                      "maximum.")},
                       false, false});
  t.trailer.push_back({{GapCell::Text("Chart data: the trend values the charts draw (a point not available is "
                                      "blank, a gap in the line).")},
                       false, true});
  out.chart_data_row = t.trailer.size();
  for (GapRow& r : chart_rows) t.trailer.push_back(std::move(r));
  return out;
}

std::string IndicatorsCsv(const std::vector<Indicator>& v) {
  std::string out;
  std::vector<std::string> header = {"ref", "id", "measure", "unit", "period", "last_year_label", "last_year",
                                     "numerator", "denominator", "current"};
  for (size_t i = 1; i <= kTrendPoints; ++i) {
    header.push_back("point_" + std::to_string(i) + "_label");
    header.push_back("point_" + std::to_string(i));
  }
  header.insert(header.end(), {"minimum", "upper", "better", "rag", "distance_to_target", "note"});
  for (size_t i = 0; i < header.size(); ++i) AppendCsvField(&out, header[i], i + 1 == header.size());
  for (const Indicator& ind : v) {
    const bool configured = ind.not_configured.empty();
    const bool whole = ind.unit == "count";
    auto point = [&](const TrendPoint* p) -> std::string {
      if (!configured) return "not configured";
      if (!p) return NotAvailable(kNoTrend);
      return HasValue(*p) ? Fixed(p->value, whole) : NotAvailable(p->unavailable);
    };
    std::vector<std::string> f = {ind.reference, ind.id, ind.title, ind.unit, ind.period,
                                  ind.last_year ? ind.last_year->label : "",
                                  !ind.last_year && configured ? NotAvailable(kNoLastYear)
                                                               : point(ind.last_year ? &*ind.last_year : nullptr)};
    if (configured) {
      f.push_back(std::to_string(ind.numerator));
      f.push_back(ind.denominator || !whole ? std::to_string(ind.denominator) : "");
      f.push_back(std::isfinite(ind.value) ? Fixed(ind.value, whole) : NotAvailable("nothing to divide by"));
    } else {
      f.insert(f.end(), {"", "", NotConfigured(ind.not_configured)});
    }
    for (size_t i = 0; i < kTrendPoints; ++i) {
      const TrendPoint* p = i < ind.points.size() ? &ind.points[i] : nullptr;
      f.push_back(p ? p->label : "");
      f.push_back(point(p));
    }
    f.push_back(Bound(ind.target.minimum, whole));
    f.push_back(Bound(ind.target.upper, whole));
    f.push_back(ind.target.minimum || ind.target.upper ? (ind.target.higher_is_better ? "higher" : "lower") : "");
    f.push_back(ind.rag);
    const std::optional<indicators::TargetDistance> d = indicators::DistanceToTarget(ind);
    f.push_back(d ? Fixed(d->distance, false) : "");
    f.push_back(configured ? "" : NotConfigured(ind.not_configured));
    for (size_t i = 0; i < f.size(); ++i) AppendCsvField(&out, f[i], i + 1 == f.size());
  }
  return out;
}

}  // namespace annexa::render
