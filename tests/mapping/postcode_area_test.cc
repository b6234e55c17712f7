// derive: postcode_in's reading of a council's listed areas
// (mapping/postcode_area.h; postcodes themselves: tests/core/postcode_test.cc).
// Expected values worked out by hand from the postcode format: outward code
// (area letters, district digits, an optional letter or digit), a space,
// inward code (a digit, two letters).
#include <catch2/catch.hpp>

#include "mapping/postcode_area.h"

namespace annexa::mapping {
namespace {

TEST_CASE("postcode_in: the most specific listed part decides; a sector needs its space", "[postcode]") {
  PostcodeAreas in;
  CHECK(in.empty());
  CHECK(in.Add("sf"));        // area
  CHECK(in.Add("ZX4"));       // district
  CHECK(in.Add("ZX5 1"));     // sector 1 of ZX5
  CHECK(in.Add("ZX6 2AB"));   // one postcode
  CHECK(in.Add(" zx7 "));     // district, spaces and case aside
  CHECK_FALSE(in.empty());
  CHECK(in.Contains("SF1 1AA") == true);
  CHECK(in.Contains("SF19 9ZZ") == true);
  CHECK(in.Contains("S1 1AA") == false);     // area S, not SF
  CHECK(in.Contains("ZX4 9WX") == true);
  CHECK(in.Contains("ZX44 9WX") == false);   // district ZX44, not ZX4
  CHECK(in.Contains("ZX5 1AB") == true);
  CHECK(in.Contains("ZX5 2AB") == false);
  CHECK(in.Contains("ZX6 2AB") == true);
  CHECK(in.Contains("ZX6 2AC") == false);
  CHECK(in.Contains("ZX7 3CD") == true);
  CHECK(in.Contains("not a postcode") == std::nullopt);
  CHECK(in.Contains("") == std::nullopt);

  // "SF12" is district SF12, not sector 2 of SF1: without its space a
  // sector cannot be told from a district.
  PostcodeAreas d;
  CHECK(d.Add("SF12"));
  CHECK(d.Contains("SF12 6EU") == true);
  CHECK(d.Contains("SF1 2AB") == false);
  PostcodeAreas s;
  CHECK(s.Add("SF1 2"));
  CHECK(s.Contains("SF1 2AB") == true);
  CHECK(s.Contains("SF12 6EU") == false);

  // Refused: three letters, words past a postcode, a sector of two digits,
  // a blank.
  PostcodeAreas bad;
  CHECK_FALSE(bad.Add("SFX"));
  CHECK_FALSE(bad.Add("SF1 2AB extra"));
  CHECK_FALSE(bad.Add("SF1 23"));
  CHECK_FALSE(bad.Add("   "));
  CHECK(bad.empty());
}

}  // namespace
}  // namespace annexa::mapping
