// The RAG tally and the reds' distance to target, on the seed pack of issue
// 20 (tests/indicators/seed_indicators.h), whose own summary is the
// expected sentence; distances worked out by hand from its table.
#include "indicators/rag_tally.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "indicators/seed_indicators.h"

namespace {

using annexa::indicators::DistanceText;
using annexa::indicators::DistanceToTarget;
using annexa::indicators::Indicator;
using annexa::indicators::RagTally;
using annexa::indicators::TallyRag;
using annexa::indicators::TallySentence;

const Indicator& ByRef(const std::vector<Indicator>& v, const std::string& ref) {
  for (const Indicator& i : v)
    if (i.reference == ref) return i;
  FAIL("no indicator " << ref);
  return v.front();
}

}  // namespace

TEST_CASE("rag tally: the seed pack's own summary", "[indicators][tally]") {
  const std::vector<Indicator> seed = annexa::testing::SeedIndicators();
  REQUIRE(seed.size() == 17);
  const RagTally t = TallyRag(seed);
  CHECK(t.counts == 3);
  CHECK(t.Rated() == 14);
  CHECK(t.green == 3);
  CHECK(t.amber == 6);
  CHECK(t.red == 5);
  CHECK(t.near_reds == 4);
  CHECK(t.not_configured == 0);
  CHECK(t.no_target == 0);
  CHECK(t.no_value == 0);
  CHECK(TallySentence(t) ==
        "3 are numbers of children; of the other 14, 3 are green, 6 amber, 5 red; of the 5 reds, 4 miss the target "
        "by less than 3%");
}

TEST_CASE("rag tally: each red's distance to its minimum, signed by direction", "[indicators][tally]") {
  const std::vector<Indicator> seed = annexa::testing::SeedIndicators();
  // 3.3: 77.8% against a minimum of 85%: 7.2 points short, not near.
  auto d = DistanceToTarget(ByRef(seed, "3.3"));
  REQUIRE(d);
  CHECK(d->target == 85);
  CHECK(d->distance == Approx(-7.2));
  CHECK_FALSE(d->near);
  CHECK(DistanceText(ByRef(seed, "3.3")) == "-7.2 pts");
  // 4.7.2: 89.4 against 92: 2.6 short, near.
  d = DistanceToTarget(ByRef(seed, "4.7.2"));
  REQUIRE(d);
  CHECK(d->distance == Approx(-2.6));
  CHECK(d->near);
  // 5.10 is lower-is-better: 11.7% against a minimum (the weaker, higher
  // band) of 10%: 1.7 points over it, positive.
  d = DistanceToTarget(ByRef(seed, "5.10"));
  REQUIRE(d);
  CHECK(d->target == 10);
  CHECK(d->distance == Approx(1.7));
  CHECK(d->near);
  CHECK(DistanceText(ByRef(seed, "5.10")) == "+1.7 pts");
  // 4.8: 95.5 against 96.5: exactly one point short.
  CHECK(DistanceText(ByRef(seed, "4.8")) == "-1.0 pts");
  CHECK(DistanceText(ByRef(seed, "5.11")) == "-1.0 pts");
  // Not red: no distance.
  CHECK_FALSE(DistanceToTarget(ByRef(seed, "1.1")));
  CHECK(DistanceText(ByRef(seed, "6.1")).empty());
  CHECK_FALSE(DistanceToTarget(ByRef(seed, "1.2")));
}

TEST_CASE("rag tally: a red with only an upper band, a tiny miss, and a rate", "[indicators][tally]") {
  Indicator only_upper = annexa::testing::SeedIndicator("X1", "x", "snapshot", 80, 100, 80.0, 0, std::nullopt, 90.0,
                                                        true, "red");
  auto d = DistanceToTarget(only_upper);
  REQUIRE(d);
  CHECK(d->target == 90);
  CHECK(d->distance == Approx(-10));
  // 84.96 against 85 shows to two places, never "-0.0".
  Indicator tiny = annexa::testing::SeedIndicator("X2", "x", "snapshot", 0, 1, 84.96, 0, 85.0, 90.0, true, "red");
  CHECK(DistanceText(tiny) == "-0.04 pts");
  // A rate per 10,000 is near when within 3% of its band: 48.6 against 50
  // misses by 1.4, 2.8% of 50; 48.4 misses by 3.2%.
  Indicator rate = annexa::testing::SeedIndicator("X3", "x", "snapshot", 0, 1, 48.6, 0, 50.0, 60.0, true, "red");
  rate.unit = "per 10,000";
  d = DistanceToTarget(rate);
  REQUIRE(d);
  CHECK(d->near);
  CHECK(DistanceText(rate) == "-1.4");
  rate.value = 48.4;
  CHECK_FALSE(DistanceToTarget(rate)->near);
}

TEST_CASE("rag tally: indicators without a RAG are said apart", "[indicators][tally]") {
  std::vector<Indicator> v = annexa::testing::SeedIndicators();
  // One not configured (its value NaN), one without targets, one with
  // nothing to divide by; one fewer amber, one fewer green, one fewer red.
  Indicator& oversight = v[0];  // 1.1, amber
  oversight.not_configured = "a management oversight source";
  oversight.value = NAN;
  oversight.rag = "";
  Indicator& leavers = v[14];  // 6.1, green
  REQUIRE(leavers.reference == "6.1");
  leavers.target = {};
  leavers.rag = "";
  Indicator& visits = v[7];  // 3.3, red
  REQUIRE(visits.reference == "3.3");
  visits.value = NAN;
  visits.rag = "";
  const RagTally t = TallyRag(v);
  CHECK(t.counts == 3);
  CHECK(t.not_configured == 1);
  CHECK(t.no_target == 1);
  CHECK(t.no_value == 1);
  CHECK(t.green == 2);
  CHECK(t.amber == 5);
  CHECK(t.red == 4);
  CHECK(t.near_reds == 4);
  CHECK(TallySentence(t) ==
        "3 are numbers of children; 1 is not configured; 1 has no value (nothing to divide by); 1 has no target; of "
        "the other 11, 2 are green, 5 amber, 4 red; of the 4 reds, 4 miss the target by less than 3%");
  CHECK(TallySentence(TallyRag({})).empty());
}
