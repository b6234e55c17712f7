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

// The findings (as FindingKeys gives them) whose code starts with one of `prefixes`.
std::vector<std::string> Only(const annexa::mapping::MappedPack& p, std::initializer_list<std::string> prefixes) {
  std::vector<std::string> out;
  for (const auto& k : PackFixture::FindingKeys(p))
    for (const std::string& prefix : prefixes)
      if (k.rfind(prefix, 0) == 0) out.push_back(k);
  return out;
}

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
  // people.csv line 5 holds C4.
  CHECK(Only(p, {"not-a-code"}) == std::vector<std::string>{"not-a-code|1|4|ethnicity|ZZZZ|5"});
}

TEST_CASE("value constructs: a code map key the loader cannot honour is an error at its line", "[config][values]") {
  PackFixture f;
  // ConfigHead is lines 1-4; sources lines 5-7; code_maps from line 8, so
  // the keys of `eth` are on lines 11-19, each at column 5.
  const std::string err = f.BuildError(ConfigHead() + List1("code_maps:\n  gender: {M: \"a) Male\"}\n  eth:\n"
                                                            "    \"\": NOBT\n"          // 11: empty
                                                            "    ~: NOBT\n"             // 12: null
                                                            "    \"  \": NOBT\n"        // 13: only spaces
                                                            "    WBRI: \"a) WBRI\"\n"   // 14
                                                            "    \" wbri \": \"a) WBRI\"\n"  // 15: 14 once matched
                                                            "    ? [A, B]\n"            // 16: not a single value
                                                            "    : NOBT\n"
                                                            "    REFU: REFU\n"         // 18
                                                            "    refu.: REFU\n"));     // 19: 18 once matched
  const std::string at = f.dir + "/config.yaml:";
  CHECK(err == at + "11:5: code map 'eth': the key '' maps nothing (blank source values are never looked up as keys); "
                    "write '(blank)' to map a blank source value\n" +
                   at + "12:5: code map 'eth': a key must be a single value (a null key maps nothing; write '(blank)' "
                        "to map a blank source value)\n" +
                   at + "13:5: code map 'eth': the key '  ' maps nothing (blank source values are never looked up as "
                        "keys); write '(blank)' to map a blank source value\n" +
                   at + "15:5: code map 'eth': the key ' wbri ' is the key 'WBRI' of line 14 once matched as values "
                        "are (ignoring case, spaces, quote and dash style, a final '.' or '?')\n" +
                   at + "16:7: code map 'eth': a key must be a single value\n" +
                   at + "19:5: code map 'eth': the key 'refu.' is the key 'REFU' of line 18 once matched as values "
                        "are (ignoring case, spaces, quote and dash style, a final '.' or '?')");
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

TEST_CASE("value constructs: a `when` that does not hold leaves the column blank, whatever (blank) says",
          "[mapping][values]") {
  PackFixture f;
  // C1 has a visit whose seen-alone answer is blank (unknown); C2 has a
  // visit answered N; C3 has no visit at all, so the question does not apply.
  f.File("people.csv", "PERSON_ID,GENDER,ETHNICITY\nC1,F,WBRI\nC2,F,WBRI\nC3,F,WBRI\n");
  f.File("visits.csv", "VISIT_ID,PERSON_ID,VISIT_DATE,SEEN_ALONE\nV1,C1,2026-10-01,\nV2,C2,2026-10-02,N\n");
  f.File("contacts.csv", "CONTACT_ID,PERSON_ID,CONTACT_DATE\n1,C1,2026-10-01\n2,C2,2026-10-02\n3,C3,2026-10-03\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  visits: visits.csv
  contacts: contacts.csv
code_maps:
  ynu: {Y: "a) Yes", N: "b) No", (blank): "c) Unknown"}
lists:
  7:
    from: contacts
    join: [{table: visits, on: PERSON_ID, required: false}]
    columns:
      child_id: PERSON_ID
      cp_plan_start_date: CONTACT_DATE
      seen_alone: {column: visits.SEEN_ALONE, map: ynu, when: {column: visits.VISIT_ID, not_blank: true}}
)Y");
  CHECK(PackFixture::Cell(p, 7, 1, "seen_alone") == "c) Unknown");
  CHECK(PackFixture::Cell(p, 7, 2, "seen_alone") == "b) No");
  CHECK(PackFixture::Cell(p, 7, 3, "seen_alone") == "");
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

namespace {

// Keeping-in-touch contacts, several per young person (file lines 2-9).
const char* kKit =
    "PERSON_ID,CONTACT_DATE,IN_TOUCH\n"
    "A,2026-01-10,NO\n"         // 2: A's earlier contact
    "A,2026-06-01,YES\n"        // 3: A's latest on or before R = 2026-11-23: kept
    "B,2026-03-01,YES\n"        // 4: B, same date as line 6, earlier in the file
    "A,2026-12-01,NO\n"         // 5: after R
    "B,2026-03-01,NREQ\n"       // 6: B's latest (the later of two on one date): kept
    "C,not a date,YES\n"        // 7: no date to place it by
    "C,2025-11-23,YES\n"        // 8: C's only dated contact: kept
    ",2026-05-05,YES\n";        // 9: no id: kept for the list to report

std::string KitList9(const std::string& latest_per) {
  return "sources:\n  kit:\n    file: kit.csv\n    latest_per: " + latest_per +
         "\nlists:\n  9:\n    from: kit\n    columns:\n      child_id: PERSON_ID\n"
         "      in_touch: IN_TOUCH\n      latest_contact_date: CONTACT_DATE\n";
}

}  // namespace

TEST_CASE("value constructs: `latest_per` keeps each key's latest row at the source, every other row accounted",
          "[mapping][values]") {
  PackFixture f;
  f.File("kit.csv", kKit);
  auto p = f.Build(ConfigHead() + KitList9("{key: PERSON_ID, by: CONTACT_DATE}"));
  const auto& l9 = PackFixture::List(p, 9);
  REQUIRE(l9.rows.size() == 3);
  CHECK(PackFixture::Cell(p, 9, 1, "child_id") == "A");
  CHECK(PackFixture::Cell(p, 9, 1, "in_touch") == "a) Yes");
  CHECK(PackFixture::Cell(p, 9, 1, "latest_contact_date") == "01/06/2026");
  CHECK(PackFixture::Cell(p, 9, 2, "child_id") == "B");
  CHECK(PackFixture::Cell(p, 9, 2, "in_touch") == "e) NREQ");
  CHECK(PackFixture::Cell(p, 9, 3, "child_id") == "C");
  CHECK(PackFixture::Cell(p, 9, 3, "latest_contact_date") == "23/11/2025");
  CHECK(l9.rows[0].source_row == 3);
  CHECK(l9.rows[1].source_row == 6);
  CHECK(l9.rows[2].source_row == 8);
  // All 8 rows of the file: 3 included; lines 2 and 4 not the latest, 5
  // after R, 7 undated, 9 without an id.
  const std::map<std::string, int64_t> aside = {{"after the reference date (latest_per by CONTACT_DATE)", 1},
                                                {"no valid CONTACT_DATE (latest_per)", 1},
                                                {"not the latest CONTACT_DATE of its PERSON_ID (latest_per)", 2}};
  CHECK(l9.account.read == 8);
  CHECK(l9.account.included == 3);
  std::map<std::string, int64_t> excluded = aside;
  excluded["no Child Unique ID"] = 1;
  CHECK(l9.account.excluded == excluded);
  CHECK(l9.account.Balanced());
  CHECK(p.set_aside == annexa::mapping::SetAsideRows{{"kit", aside}});
  CHECK(p.source_rows == 8);
  CHECK(Only(p, {"latest-per", "missing-id"}) == std::vector<std::string>{"latest-per-no-date|0|0||not a date|7", "missing-id|9|0|child_id||9"});
}

TEST_CASE("value constructs: a `latest_per` column the source does not have is a config error", "[config][values]") {
  PackFixture f;
  f.File("kit.csv", kKit);
  // Line 8 holds latest_per; its mapping opens at column 17.
  std::string err = f.BuildError(ConfigHead() + KitList9("{key: PERSON_ID, by: CONTACT_DT}"));
  CHECK(err == f.dir + "/config.yaml:8:17: source 'kit' 'latest_per': no column 'CONTACT_DT' in source 'kit' (" +
                   f.dir + "/kit.csv); its columns: PERSON_ID, CONTACT_DATE, IN_TOUCH");
  // `by` is required (reported at the mapping).
  err = f.BuildError(ConfigHead() + KitList9("{key: PERSON_ID}"));
  CHECK(err == f.dir + "/config.yaml:8:17: source 'kit' 'latest_per' is missing required key 'by'");
}
