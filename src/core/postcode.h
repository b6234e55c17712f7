// The one reading of a UK postcode, shared by every stage: the builder
// writes it in its canonical form, validation checks a cell is in that
// form, `derive: postcode_in` compares its parts with a council's listed
// areas, and pseudonymisation keeps only its sector.
//
// A postcode is an outward code (one or two letters, a digit, then at most
// one letter or digit: "B1", "SF12", "EC1A", "W1A") and an inward code (a
// digit and two letters). Its canonical form is upper case with one space
// between the two: "SF12 6EU".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace annexa {

// The four parts of a postcode, upper case, one space ("sf12 6eu" ->
// SF, SF12, SF12 6, SF12 6EU).
struct PostcodeParts {
  std::string area, district, sector, full;
};
// nullopt when `text` is not a postcode, spaces and case aside ("SF126EU"
// and " sf12  6eu" are; "SF12", "SFX 6EU" and "Out of area" are not).
std::optional<PostcodeParts> SplitPostcode(std::string_view text);

// `text` is a postcode written in its canonical form, as the builder writes
// it ("SF12 6EU"; not "sf12 6eu", "SF126EU" or "SF12  6EU").
bool IsCanonicalPostcode(std::string_view text);

// `text` is an outward code alone, upper case ("SF12", "EC1A"; not "sf12").
bool IsOutwardCode(std::string_view text);

}  // namespace annexa
