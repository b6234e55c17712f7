#include <catch2/catch.hpp>

#include "core/date_format.h"

using annexa::DefaultDateFormats;
using annexa::IsValidDateFormat;
using annexa::ParseDate;

namespace {
std::string Iso(std::string_view text, const std::vector<std::string>& formats = DefaultDateFormats()) {
  auto d = ParseDate(text, formats);
  return d ? d->ToIso() : "none";
}
}  // namespace

TEST_CASE("date formats: the defaults read what councils' systems write", "[core][date]") {
  CHECK(Iso("2026-11-23") == "2026-11-23");
  CHECK(Iso("2026-11-23 09:30:00") == "2026-11-23");
  CHECK(Iso("2026-11-23T09:30:00Z") == "2026-11-23");
  CHECK(Iso("23/11/2026") == "2026-11-23");
  CHECK(Iso("3/1/2026") == "2026-01-03");
  CHECK(Iso("23-11-2026") == "2026-11-23");
  CHECK(Iso("23.11.2026") == "2026-11-23");
  CHECK(Iso("23-Nov-2026") == "2026-11-23");
  CHECK(Iso("23 nov 2026") == "2026-11-23");
  CHECK(Iso("05 Sept 2026") == "2026-09-05");  // "Sept" is a common spelling
  CHECK(Iso("5 September 2026") == "2026-09-05");
  CHECK(Iso("20261123") == "2026-11-23");
  CHECK(Iso("23/11/2026 09:30 AM") == "2026-11-23");
}

TEST_CASE("date formats: impossible and ambiguous dates are refused", "[core][date]") {
  CHECK(Iso("31/02/2026") == "none");
  CHECK(Iso("2026-02-29") == "none");
  CHECK(Iso("11/23/2026") == "none");  // US order is never guessed
  CHECK(Iso("") == "none");
  CHECK(Iso("yesterday") == "none");
  CHECK(Iso("23/11/26") == "none");
}

TEST_CASE("date formats: explicit formats, US order and Excel serials", "[core][date]") {
  CHECK(Iso("11/23/2026", {"MM/DD/YYYY"}) == "2026-11-23");
  CHECK(Iso("46349", {"serial"}) == "2026-11-23");
  CHECK(Iso("46349.5", {"serial"}) == "2026-11-23");
  CHECK(Iso("23/11/2026", {"YYYY-MM-DD"}) == "none");
  CHECK(IsValidDateFormat("DD/MM/YYYY"));
  CHECK(IsValidDateFormat("serial"));
  CHECK_FALSE(IsValidDateFormat("DD/MM"));
  CHECK_FALSE(IsValidDateFormat("dd/mm/yyyy"));
}
