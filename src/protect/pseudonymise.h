// --pseudonymise: rewrites a checked pack so that it can be shared outside
// the council (peer reviews, rehearsals with partners) without the
// children's identifiers, exact dates of birth, full postcodes or workers'
// names. Which columns hold what comes from the spec (`personal:` in
// annex_a_specs/, see docs/spec_format.md), never from header strings:
//
//   id             "P-" + 12 Crockford base32 characters of HMAC-SHA256(salt, id):
//                  the same id gets the same pseudonym in every list and run
//                  with the same salt; without the salt it cannot be reversed
//                  or recomputed from a guessed id
//   date_of_birth  the first of its month (a value that is not a date: "[withheld]")
//   postcode       its sector, "AB1 2CD" -> "AB1 2" (not a full postcode: "[withheld]")
//   name           removed (blank)
//
// Findings are rewritten to match: their values, and every personal value of
// the row they name (and of that child's rows in other lists) wherever it is
// quoted in their messages; their source is cut to the file name. Run it
// after validation and completeness (they need the real values, ages are
// computed from the real date of birth) and before anything is written.
// This is pseudonymisation, not anonymisation: see SECURITY.md.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/civil_date.h"
#include "core/finding.h"
#include "core/status.h"
#include "lists/annex_list.h"
#include "spec/spec_model.h"

namespace annexa::protect {

// A salt shorter than this is refused: it must not be guessable.
inline constexpr size_t kMinSaltBytes = 16;

// What stands for a value that cannot be reduced (a date of birth that is
// not a date, a malformed postcode) and, in messages, for a removed name.
inline constexpr std::string_view kWithheld = "[withheld]";
inline constexpr std::string_view kRemoved = "[removed]";

// Said prominently on the workbook's cover and the PDF's.
inline constexpr std::string_view kNotice =
    "PSEUDONYMISED: identifiers are salted hashes, dates of birth the first of the month, postcodes their "
    "sector, workers' names removed. Not for upload to Ofsted.";

// The keyed hash of identifiers, remembering every id it has seen so that a
// collision (two ids, one pseudonym) is detected rather than silently
// merging two children.
class Pseudonymiser {
 public:
  explicit Pseudonymiser(std::string salt) : salt_(std::move(salt)) {}
  Pseudonymiser(const Pseudonymiser&) = delete;
  Pseudonymiser& operator=(const Pseudonymiser&) = delete;

  // "P-" + 12 characters (60 bits) of HMAC-SHA256(salt, Trim(id)) in
  // Crockford base32; "" for a blank id.
  std::string Id(std::string_view id);
  // True once two different ids have produced the same pseudonym.
  bool collided() const { return collided_; }

 private:
  std::string salt_;
  std::unordered_map<std::string, std::string> forward_;  // id -> pseudonym
  std::unordered_map<std::string, std::string> reverse_;  // pseudonym -> id
  bool collided_ = false;
};

CivilDate FirstOfMonth(CivilDate d);
// "AB1 2CD", "ab12cd" -> "AB1 2"; "" when `postcode` is not a full postcode
// (core/postcode.h).
std::string PostcodeSector(std::string_view postcode);
// A value of a `kind` column as text (a finding's value): ids hashed, dates
// of birth (DD/MM/YYYY or YYYY-MM-DD) to the first of the month, postcodes
// to their sector, names to "". kNone: unchanged.
std::string PseudonymiseText(Pseudonymiser& p, spec::Personal kind, std::string_view text);
// "/data/exports/people.csv" -> "people.csv"; a URL loses its query too.
std::string SourceName(std::string_view source);

// Rewrites every personal column of `lists` (the Annex A lists and any
// other list of the pack, such as the audited cases) and every finding (see
// above). kInternal when two different ids share a pseudonym (under one
// chance in a million for a million ids; a new salt fixes it).
Status PseudonymisePack(Pseudonymiser& p, const std::vector<AnnexList*>& lists, Findings* findings);

}  // namespace annexa::protect
