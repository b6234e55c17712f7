// The council scrutiny pack of issue 20 (August 2023, 17 measures) as
// hand-built indicators: the values, targets and RAG as that pack prints
// them, worked out by hand, not by annexa. Its summary reads "3 are numbers
// of children; of the other 14, 3 are green, 6 amber, 5 red; of the 5 reds,
// 4 miss the target by less than 3%". Used by the tally's, the QA sheet's,
// the CSV's, the JSON's and the PDF's tests.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "indicators/key_indicators.h"

namespace annexa::testing {

inline indicators::TrendPoint SeedPoint(const char* label, CivilDate at, double value, std::string why = "") {
  indicators::TrendPoint p;
  p.label = label;
  p.at = at;
  p.value = why.empty() ? value : NAN;
  p.unavailable = std::move(why);
  return p;
}

// Six month ends, Mar 2023 .. Aug 2023 (R = 31/08/2023), with these values.
inline std::vector<indicators::TrendPoint> SeedPoints(std::vector<double> v) {
  const char* labels[] = {"Mar 2023", "Apr 2023", "May 2023", "Jun 2023", "Jul 2023", "Aug 2023"};
  const CivilDate at[] = {CivilDate(2023, 3, 31), CivilDate(2023, 4, 30), CivilDate(2023, 5, 31),
                          CivilDate(2023, 6, 30), CivilDate(2023, 7, 31), CivilDate(2023, 8, 31)};
  std::vector<indicators::TrendPoint> out;
  for (size_t i = 0; i < 6 && i < v.size(); ++i) out.push_back(SeedPoint(labels[i], at[i], v[i]));
  return out;
}

inline indicators::Indicator SeedIndicator(std::string ref, std::string title, std::string period, int64_t num,
                                           int64_t den, double value, double last_year, std::optional<double> min,
                                           std::optional<double> upper, bool higher, std::string rag) {
  indicators::Indicator i;
  i.id = "seed-" + ref;
  i.reference = ref;
  i.title = std::move(title);
  i.definition = "as the seed pack defines it";
  i.period = std::move(period);
  i.unit = den ? "%" : "count";
  i.numerator = num;
  i.denominator = den;
  i.value = value;
  i.target.minimum = min;
  i.target.upper = upper;
  i.target.higher_is_better = higher;
  i.rag = std::move(rag);
  i.last_year = SeedPoint("2022/23", CivilDate(2023, 3, 31), last_year);
  return i;
}

inline std::vector<indicators::Indicator> SeedIndicators() {
  std::vector<indicators::Indicator> v;
  auto pct = [&](const char* ref, const char* title, const char* period, int64_t num, int64_t den, double value,
                 double last, double min, double upper, const char* rag, bool higher = true) {
    v.push_back(SeedIndicator(ref, title, period, num, den, value, last, min, upper, higher, rag));
  };
  pct("1.1", "% cases with management oversight recorded in past 8 weeks", "snapshot", 1958, 2165, 90.4, 90, 90,
      95, "amber");
  v.back().points = SeedPoints({89.5, 87.6, 92.9, 90.9, 92.9, 90.4});
  for (const auto& [ref, title, n, last] :
       {std::tuple{"1.2", "Number of CIN (excl. CLA, CP, care leavers)", 790, 738},
        std::tuple{"1.3", "Number of children on a CP plan", 274, 214},
        std::tuple{"1.4", "Number of children looked after", 291, 301}}) {
    v.push_back(SeedIndicator(ref, title, "snapshot", n, 0, n, last, std::nullopt, std::nullopt, true, ""));
    v.back().points = SeedPoints({n - 5.0, n - 4.0, n - 3.0, n - 2.0, n - 1.0, n * 1.0});
  }
  pct("2.1", "% of contacts completed within 1 day", "year to date", 6015, 6417, 93.7, 98.3, 90, 95, "amber");
  pct("2.10a", "% of single assessments completed within 45 working days", "year to date", 1725, 1900, 90.8, 89.7,
      90, 95, "amber");
  pct("3.1", "% of children in need with a CIN plan", "snapshot", 691, 790, 87.5, 86.3, 85, 90, "amber");
  pct("3.3", "% of CIN children visited within the past four weeks", "snapshot", 615, 790, 77.8, 84.0, 85, 90, "red");
  pct("4.7.2", "% of children on a CP plan visited within 10 working days", "snapshot", 245, 274, 89.4, 95.3, 92, 95,
      "red");
  pct("5.10", "% of CLA single assessments not completed or outside one year (lower is better)", "snapshot", 34, 291,
      11.7, 29.6, 10, 5, "red", /*higher=*/false);
  pct("5.11", "% of CLA visited in the last 6 weeks", "snapshot", 259, 291, 89.0, 92.0, 90, 95, "red");
  pct("3.2", "% of children with a CIN plan reviewed within the last 3 months", "snapshot", 601, 691, 87.0, 87.8, 85,
      90, "amber");
  pct("4.8", "% of CP reviews within statutory timescales", "snapshot", 168, 176, 95.5, 96.6, 96.5, 98.5, "red");
  pct("5.18", "CLA reviewed within required timescales", "rolling year", 328, 328, 100, 100, 95, 100, "green");
  pct("6.1", "% care leavers in touch", "snapshot", 256, 268, 95.5, 98.1, 90, 95, "green");
  pct("6.2", "% care leavers in education, employment or training", "snapshot", 185, 268, 69.0, 77.3, 65, 75,
      "amber");
  pct("6.3", "% care leavers in suitable accommodation", "snapshot", 243, 268, 90.7, 94.4, 85, 90, "green");
  return v;
}

}  // namespace annexa::testing
