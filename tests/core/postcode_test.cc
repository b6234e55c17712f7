// The one reading of a UK postcode (core/postcode.h) and what each stage
// makes of it. Expected values worked out by hand from the postcode format:
// outward code (one or two letters, a digit, an optional letter or digit),
// inward code (a digit, two letters).
#include <catch2/catch.hpp>

#include "core/postcode.h"
#include "mapping/list_builder_internal.h"
#include "protect/pseudonymise.h"

namespace annexa {
namespace {

TEST_CASE("postcode: a postcode's area, district, sector and whole", "[postcode]") {
  auto p = SplitPostcode("sf12  6eu");
  REQUIRE(p);
  CHECK(p->area == "SF");
  CHECK(p->district == "SF12");
  CHECK(p->sector == "SF12 6");
  CHECK(p->full == "SF12 6EU");
  p = SplitPostcode("EC1A1BB");
  REQUIRE(p);
  CHECK(p->area == "EC");
  CHECK(p->district == "EC1A");
  CHECK(p->sector == "EC1A 1");
  p = SplitPostcode("B1 1AA");
  REQUIRE(p);
  CHECK(p->area == "B");
  CHECK(p->district == "B1");
  p = SplitPostcode("\tW1A 0AX\r\n");
  REQUIRE(p);
  CHECK(p->full == "W1A 0AX");
  // Not postcodes: too short, too long, an inward code not digit-letter-
  // letter, no digit in the outward code, three letters before it, a digit
  // first, other characters, free text.
  CHECK_FALSE(SplitPostcode("SF12"));
  CHECK_FALSE(SplitPostcode("SF12 6EUX"));
  CHECK_FALSE(SplitPostcode("SF12 66U"));
  CHECK_FALSE(SplitPostcode("SFX 6EU"));
  CHECK_FALSE(SplitPostcode("ABC1 2CD"));
  CHECK_FALSE(SplitPostcode("1AB 2CD"));
  CHECK_FALSE(SplitPostcode("AB1 2C!"));
  CHECK_FALSE(SplitPostcode("SF1-2 6EU"));
  CHECK_FALSE(SplitPostcode("Out of area"));
  CHECK_FALSE(SplitPostcode(""));
}

TEST_CASE("postcode: the canonical form is upper case with one space", "[postcode]") {
  CHECK(IsCanonicalPostcode("SF12 6EU"));
  CHECK(IsCanonicalPostcode("M1 1AE"));
  CHECK(IsCanonicalPostcode("EC1A 1BB"));
  CHECK_FALSE(IsCanonicalPostcode("sf12 6eu"));
  CHECK_FALSE(IsCanonicalPostcode("SF126EU"));
  CHECK_FALSE(IsCanonicalPostcode("SF12  6EU"));
  CHECK_FALSE(IsCanonicalPostcode(" SF12 6EU"));
  CHECK_FALSE(IsCanonicalPostcode("SF1 26EU"));
  CHECK_FALSE(IsCanonicalPostcode("XYZ"));
  CHECK(IsOutwardCode("SF12"));
  CHECK(IsOutwardCode("EC1A"));
  CHECK(IsOutwardCode("B1"));
  CHECK_FALSE(IsOutwardCode("sf12"));
  CHECK_FALSE(IsOutwardCode("SF"));
  CHECK_FALSE(IsOutwardCode("SF123"));
}

TEST_CASE("postcode: the builder writes postcodes canonically and leaves the rest as written", "[postcode]") {
  using mapping::list_internal::NormalisePostcode;
  CHECK(NormalisePostcode("ex1  2ab") == "EX1 2AB");
  CHECK(NormalisePostcode(" sw1a1aa ") == "SW1A 1AA");
  // Not a postcode: kept as written (trimmed), for validation to report;
  // never cut into a postcode's shape ("abcdefg" is not "ABCD EFG").
  CHECK(NormalisePostcode(" abcdefg ") == "abcdefg");
  CHECK(NormalisePostcode("Out of area") == "Out of area");
}

TEST_CASE("postcode: pseudonymisation keeps the sector of a postcode only", "[postcode]") {
  CHECK(protect::PostcodeSector("AB1 2CD") == "AB1 2");
  CHECK(protect::PostcodeSector("ab12cd") == "AB1 2");
  CHECK(protect::PostcodeSector("SW1A 1AA") == "SW1A 1");
  CHECK(protect::PostcodeSector("ABC1 2CD") == "");  // three letters: no outward code
  CHECK(protect::PostcodeSector("12345") == "");
}

}  // namespace
}  // namespace annexa
