// Whether a UK postcode lies in a council's own area, from the postcode
// areas, districts, sectors and whole postcodes the council lists (a
// source it keeps, e.g. council_postcodes.csv): `derive: postcode_in`, for
// List 8's Placement Location where the records hold only the placement's
// postcode (the Standard Safeguarding Dataset, config/profiles/ssd.yaml).
// Postcodes are read by core/postcode.h.
//
// A postcode "SF12 6EU" is in the area when its area "SF", district
// "SF12", sector "SF12 6" or the postcode itself is listed. Districts can
// straddle a council's boundary: list sectors or postcodes there.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/postcode.h"

namespace annexa::mapping {

class PostcodeAreas {
 public:
  // Adds an area ("SF"), district ("SF12", "EC1A"), sector ("SF12 6") or
  // postcode ("SF12 6EU"), spaces and case aside; false (nothing added)
  // when `entry` is none of those.
  bool Add(std::string_view entry);
  bool empty() const { return listed_.empty(); }
  // `postcode` is a postcode in one of the listed areas. nullopt when it is
  // not a postcode at all: in or out cannot be told.
  std::optional<bool> Contains(std::string_view postcode) const;

 private:
  std::set<std::string> listed_;
};

}  // namespace annexa::mapping
