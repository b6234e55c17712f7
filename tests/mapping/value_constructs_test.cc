// The mapping language's value constructs (docs/config.md): what a blank
// source value means in a code map, conditional column values (`when`),
// and the latest row per key at the source (`latest_per`). Expected values
// are worked out by hand from the small CSV files in each test.
#include <catch2/catch.hpp>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const char* kContacts =
    "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE\n"
    "1,C1,2026-10-01,2A\n"
    "2,C2,2026-10-02,2A\n"
    "3,C3,2026-10-03,2A\n"
    "4,C4,2026-10-04,2A\n";

// List 1 from contacts joined to people, ethnicity through map `eth`.
std::string List1(const std::string& code_maps) {
  return "sources:\n  people: people.csv\n  contacts: contacts.csv\n" + code_maps +
         "lists:\n  1:\n    from: contacts\n    join: [{table: people, on: PERSON_ID}]\n"
         "    columns:\n      child_id: PERSON_ID\n      gender: {column: GENDER, map: gender}\n"
         "      ethnicity: {column: ETHNICITY, map: eth}\n      date_of_contact: CONTACT_DATE\n";
}

}  // namespace

TEST_CASE("value constructs: a code map's (blank) key says what a blank value is", "[mapping][values]") {
  PackFixture f;
  // C1's ethnicity is empty, C2's only spaces (trimmed to blank), C3's a
  // mapped code, C4's a code nothing maps.
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY\nC1,,\nC2,M,   \nC3,F,WBRI\nC4,F,ZZZZ\n");
  f.File("contacts.csv", kContacts);
  auto p = f.Build(ConfigHead() + List1("code_maps:\n  gender: {M: \"a) Male\", F: \"b) Female\"}\n"
                                        "  eth:\n    (Blank): NOBT\n    WBRI: \"a) WBRI\"\n"));
  // "(Blank)" is the blank key whatever its case; its target, the bare code
  // NOBT, is Ofsted's "s) NOBT" (annex_a_specs/codes.yaml).
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity") == "s) NOBT");
  CHECK(PackFixture::Cell(p, 1, 2, "ethnicity") == "s) NOBT");
  CHECK(PackFixture::Cell(p, 1, 3, "ethnicity") == "a) WBRI");
  // Never guessed: kept as it was and reported.
  CHECK(PackFixture::Cell(p, 1, 4, "ethnicity") == "ZZZZ");
  // The gender map has no (blank) key: C1's blank gender stays blank.
  CHECK(PackFixture::Cell(p, 1, 1, "gender") == "");
  std::vector<std::string> unmapped;
  for (const auto& k : PackFixture::FindingKeys(p))
    if (k.rfind("unmapped-code", 0) == 0) unmapped.push_back(k);
  // people.csv line 5 holds C4.
  CHECK(unmapped == std::vector<std::string>{"unmapped-code|1|4|ethnicity|ZZZZ|5"});
}

TEST_CASE("value constructs: a code map key the loader cannot honour is an error at its line", "[config][values]") {
  PackFixture f;
  // ConfigHead is lines 1-4; sources lines 5-7; code_maps from line 8, so
  // the keys of `eth` are on lines 11-17, each at column 5.
  const std::string err = f.BuildError(ConfigHead() + List1("code_maps:\n  gender: {M: \"a) Male\"}\n  eth:\n"
                                                            "    \"\": NOBT\n"          // 11: empty
                                                            "    ~: NOBT\n"             // 12: null
                                                            "    \"  \": NOBT\n"        // 13: only spaces
                                                            "    WBRI: \"a) WBRI\"\n"   // 14
                                                            "    \" wbri \": \"a) WBRI\"\n"  // 15: 14 once matched
                                                            "    ? [A, B]\n"            // 16: not a single value
                                                            "    : NOBT\n"));
  const std::string at = f.dir + "/config.yaml:";
  CHECK(err == at + "11:5: code map 'eth': the key '' maps nothing (blank source values are never looked up as keys); "
                    "write '(blank)' to map a blank source value\n" +
                   at + "12:5: code map 'eth': a key must be a single value (a null key maps nothing; write '(blank)' "
                        "to map a blank source value)\n" +
                   at + "13:5: code map 'eth': the key '  ' maps nothing (blank source values are never looked up as "
                        "keys); write '(blank)' to map a blank source value\n" +
                   at + "15:5: code map 'eth': the key ' wbri ' is the key 'WBRI' of line 14 once case, spaces and "
                        "quote style are ignored, as values are matched\n" +
                   at + "16:7: code map 'eth': a key must be a single value");
}

TEST_CASE("value constructs: a (blank) target outside the column's code set is an error at its line", "[config][values]") {
  PackFixture f;
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY\n");
  f.File("contacts.csv", kContacts);
  // Line 10 holds `eth`; its value "z) Unknown" starts at column 18.
  const std::string err = f.BuildError(ConfigHead() + List1("code_maps:\n  gender: {M: \"a) Male\"}\n"
                                                            "  eth: {(blank): \"z) Unknown\"}\n"));
  CHECK(err == f.dir + "/config.yaml:10:18: code map 'eth' maps '(blank)' to 'z) Unknown', which is not a value of "
                       "ETHNICITY in ilacs-2023");
}

namespace {

// ROUTE and FLAG decide which values the rules give.
const char* kFlagged =
    "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE,FLAG,ROUTE\n"
    "1,C1,2026-10-01,2A,Y,\n"
    "2,C2,2026-10-02,2A,n,INTERAGENCY\n"
    "3,C3,2026-10-03,2A,1,interagency\n"
    "4,C4,2026-10-04,2A,,OTHER\n";

std::string WhenList1(const std::string& rules) {
  return "sources:\n  contacts: contacts.csv\nlists:\n  1:\n    from: contacts\n    columns:\n"
         "      child_id: PERSON_ID\n" + rules + "      date_of_contact: CONTACT_DATE\n";
}

}  // namespace

TEST_CASE("value constructs: `when` gives a column's value only when its conditions hold, else `else`",
          "[mapping][values]") {
  PackFixture f;
  f.File("contacts.csv", kFlagged);
  auto p = f.Build(ConfigHead() + WhenList1(
      // Blank unless the route is interagency (matched ignoring case; a blank route is not interagency).
      "      contact_source: {column: SOURCE, when: {column: ROUTE, not_in: [INTERAGENCY]}}\n"
      // One value when FLAG is Y or 1, another otherwise (a blank FLAG is not Y).
      "      gender: {value: \"a) Male\", when: {column: FLAG, in: [\"Y\", \"1\"]}, else: F}\n"
      // A list of conditions: all must hold.
      "      ethnicity: {value: WBRI, when: [{column: FLAG, not_blank: true}, {column: ROUTE, blank: true}]}\n"
      // A derived value too: the age at R = 2026-11-23 of a child born 23/11/2010 is 16, given only with a FLAG.
      "      date_of_birth: {value: 23/11/2010}\n      age: {derive: age, when: {column: FLAG, not_blank: true}}\n"));
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 4);
  // Row 1: route blank, FLAG Y.
  CHECK(PackFixture::Cell(p, 1, 1, "contact_source") == "e) 2A: Schools");
  CHECK(PackFixture::Cell(p, 1, 1, "gender") == "a) Male");
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity") == "a) WBRI");
  // Row 2: interagency, FLAG n: the `else` F is resolved like any value.
  CHECK(PackFixture::Cell(p, 1, 2, "contact_source") == "");
  CHECK(PackFixture::Cell(p, 1, 2, "gender") == "b) Female");
  CHECK(PackFixture::Cell(p, 1, 2, "ethnicity") == "");
  // Row 3: "interagency" in lower case is still interagency; FLAG 1.
  CHECK(PackFixture::Cell(p, 1, 3, "contact_source") == "");
  CHECK(PackFixture::Cell(p, 1, 3, "gender") == "a) Male");
  CHECK(PackFixture::Cell(p, 1, 3, "ethnicity") == "");
  // Row 4: route OTHER, FLAG blank.
  CHECK(PackFixture::Cell(p, 1, 4, "contact_source") == "e) 2A: Schools");
  CHECK(PackFixture::Cell(p, 1, 4, "gender") == "b) Female");
  CHECK(PackFixture::Cell(p, 1, 4, "ethnicity") == "");
  CHECK(PackFixture::Cell(p, 1, 1, "age") == "16");
  CHECK(PackFixture::Cell(p, 1, 3, "age") == "16");
  CHECK(PackFixture::Cell(p, 1, 4, "age") == "");
  CHECK(l1.account.read == 4);
  CHECK(l1.account.included == 4);
}

TEST_CASE("value constructs: a `when` column no table has, and `else` without `when`, are config errors",
          "[config][values]") {
  PackFixture f;
  f.File("contacts.csv", kFlagged);
  // Line 12 is contact_source's rule; its mapping opens at column 23.
  std::string err = f.BuildError(ConfigHead() + WhenList1(
      "      contact_source: {column: SOURCE, when: {column: ROUTEX, not_in: [INTERAGENCY]}}\n"));
  CHECK(err == f.dir + "/config.yaml:12:23: List 1 column 'contact_source' 'when': no column 'ROUTEX' in source "
                       "'contacts' (" + f.dir + "/contacts.csv); its columns: CONTACT_ID, PERSON_ID, CONTACT_DATE, "
                       "SOURCE, FLAG, ROUTE");
  // `else` (its value at column 46 of line 12) with no `when`; a `when` takes no `reason`.
  err = f.BuildError(ConfigHead() + WhenList1(
      "      contact_source: {column: SOURCE, else: X}\n"
      "      gender: {value: M, when: {column: FLAG, blank: true, reason: r}}\n"));
  CHECK(err == f.dir + "/config.yaml:12:46: column 'contact_source': 'else' needs 'when'\n" +
                   f.dir + "/config.yaml:13:60: unknown key 'reason' in column 'gender' 'when' (expected one of: "
                           "column, in, not_in, blank, not_blank)");
}
