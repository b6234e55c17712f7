// Source contracts (docs/config.md, "Source contracts"): each check on a
// tiny CSV with one defect gives exactly one finding at the file, line and
// column of the defect. Expected lines are counted by hand: the header is
// line 1, the first data row line 2.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const char* const kPeople = "PERSON_ID,DOB\nC1,01/02/2015\nC2,29/02/2016\n";

// contacts.csv with its contract, and List 1 built from it.
const char* const kConfig = R"Y(sources:
  people: {file: people.csv, contract: {key: [PERSON_ID], required: [DOB], dates: [DOB]}}
  contacts:
    file: contacts.csv
    contract:
      key: ID
      required: [PERSON_ID, DATE]
      references: {PERSON_ID: people.PERSON_ID}
      dates_in_order: [[DATE, END]]
      codes: {SOURCE: src}
code_maps:
  src: {SCH: "2A", POL: "6"}
lists:
  1:
    from: contacts
    columns:
      child_id: PERSON_ID
      date_of_contact: DATE
      contact_source: {column: SOURCE, map: src}
)Y";

// The source-* findings as "code|file|line|column|value".
std::vector<std::string> ContractFindings(const annexa::mapping::MappedPack& p) {
  std::vector<std::string> out;
  for (const annexa::Finding& f : p.findings)
    if (f.code.rfind("source-", 0) == 0)
      out.push_back(f.code + "|" + std::filesystem::path(f.source).filename().string() + "|" +
                    std::to_string(f.source_row) + "|" + f.source_column + "|" + f.value);
  return out;
}

// Builds with `contacts` (after the header) and the clean people table.
std::vector<std::string> Check(const std::string& contacts) {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n" + contacts);
  return ContractFindings(f.Build(ConfigHead() + kConfig));
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("contracts: a clean source gives no finding", "[contracts]") {
  // Every rule holds: unique ids, people known, END blank or after DATE, a
  // map key in any case ("sch"), a map target's bare code ("2A"), a blank
  // code, and "1A": not in the map, but Ofsted's own Contact Source code, so
  // List 1's contact_source (which uses the map) resolves it.
  CHECK(Check("1,C1,01/10/2026,,SCH\n2,C2,02/10/2026,03/10/2026,sch\n3,C1,02/10/2026,,2A\n4,C2,05/10/2026,,\n"
              "5,C2,06/10/2026,,1A\n")
            .empty());
}

TEST_CASE("contracts: one finding per defect, at its file, line and column", "[contracts]") {
  // Row 2 (line 3) of each holds the defect.
  SECTION("missing id") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,,02/10/2026,,SCH\n") == Keys{"source-missing-value|contacts.csv|3|PERSON_ID|"});
  }
  SECTION("blank key") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n,C2,02/10/2026,,SCH\n") == Keys{"source-missing-value|contacts.csv|3|ID|"});
  }
  SECTION("duplicate key: the second row, naming the key's value") {
    CHECK(Check("7,C1,01/10/2026,,SCH\n7,C2,02/10/2026,,SCH\n") == Keys{"source-duplicate-key|contacts.csv|3|ID|7"});
  }
  SECTION("orphan: a person not in people") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,C9,02/10/2026,,SCH\n") == Keys{"source-orphan|contacts.csv|3|PERSON_ID|C9"});
  }
  SECTION("end before start") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,C2,10/10/2026,09/10/2026,SCH\n") ==
          Keys{"source-date-order|contacts.csv|3|END|09/10/2026"});
  }
  SECTION("impossible calendar date (April has 30 days)") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,C2,31/04/2026,,SCH\n") == Keys{"source-bad-date|contacts.csv|3|DATE|31/04/2026"});
  }
  SECTION("a date before 1901 (a number in a date cell, or a typo)") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,C2,31/12/1899,,SCH\n") == Keys{"source-bad-date|contacts.csv|3|DATE|31/12/1899"});
  }
  SECTION("unknown local code") {
    CHECK(Check("1,C1,01/10/2026,,SCH\n2,C2,02/10/2026,,XX\n") == Keys{"source-unknown-code|contacts.csv|3|SOURCE|XX"});
  }
}

TEST_CASE("contracts: the people table's own contract", "[contracts]") {
  PackFixture f;
  // C1 twice with different dates of birth (a duplicate key, line 3); 29
  // February in a common year (line 4); a blank DOB (line 5).
  f.File("people.csv", "PERSON_ID,DOB\nC1,01/02/2015\nC1,02/02/2015\nC2,29/02/2015\nC3,\n");
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,01/10/2026,,SCH\n");
  CHECK(ContractFindings(f.Build(ConfigHead() + kConfig)) ==
        Keys{"source-duplicate-key|people.csv|3|PERSON_ID|C1", "source-bad-date|people.csv|4|DOB|29/02/2015",
             "source-missing-value|people.csv|5|DOB|"});
}

TEST_CASE("contracts: an exact duplicate row is reported, kept once and accounted for", "[contracts]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  // Line 3 repeats line 2 in every column; line 4 is the same person on
  // the same day with its own id: a genuine repeat, not a duplicate.
  f.File("contacts.csv",
         "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,01/10/2026,,SCH\n1,C1,01/10/2026,,SCH\n2,C1,01/10/2026,,SCH\n");
  const auto p = f.Build(ConfigHead() + kConfig);
  // Its other checks are not repeated: no duplicate-key for line 3.
  CHECK(ContractFindings(p) == Keys{"source-duplicate-row|contacts.csv|3||"});
  const annexa::AnnexList& l = PackFixture::List(p, 1);
  // 3 rows read: lines 2 and 4 included, line 3 left out as a duplicate.
  CHECK(l.account.read == 3);
  CHECK(l.account.included == 2);
  CHECK(l.account.excluded == std::map<std::string, int64_t>{{"exact duplicate of an earlier source row", 1}});
  CHECK(l.account.Balanced());
  REQUIRE(l.rows.size() == 2);
  CHECK(l.rows[0].source_row == 2);
  CHECK(l.rows[1].source_row == 4);
  CHECK(p.source_rows == 3 + 2);  // every row read, the dropped copy too
}

TEST_CASE("contracts: a source without a contract is not checked", "[contracts]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE\n1,C1,01/10/2026\n1,C1,01/10/2026\n,,31/04/2026\n");
  const auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  contacts: contacts.csv
lists:
  1:
    from: contacts
    columns: {child_id: PERSON_ID, date_of_contact: DATE}
)Y");
  CHECK(ContractFindings(p).empty());
  CHECK(PackFixture::List(p, 1).account.read == 3);
  CHECK(PackFixture::List(p, 1).account.excluded.count("exact duplicate of an earlier source row") == 0);
}

TEST_CASE("contracts: config mistakes are reported at file:line:col", "[contracts]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,01/10/2026,,SCH\n");
  const std::string cfg = f.dir + "/config.yaml";
  const std::string head = ConfigHead();  // 4 lines: the config's sources start on line 5
  const std::string list = "lists:\n  1:\n    from: contacts\n    columns: {child_id: PERSON_ID, date_of_contact: DATE}\n";
  SECTION("an unknown key, a reference to an unknown source, an unknown code map, a bad pair") {
    // Line 7: 'contract:' is at column 5; its keys at column 7.
    const std::string msg = f.BuildError(head + R"Y(sources:
  people: people.csv
  contacts:
    file: contacts.csv
    contract:
      unique: [ID]
      references: {PERSON_ID: persons.PERSON_ID}
      codes: {SOURCE: nomap}
      dates_in_order: [[DATE]]
)Y" + list);
    CHECK(msg == cfg + ":10:7: unknown key 'unique' in the contract of source 'contacts' (expected one of: key, required, "
                       "references, dates_in_order, dates, date_format, codes)\n" +
                 cfg + ":13:24: source 'contacts': each entry of 'dates_in_order' must be a pair [START, END] or "
                       "[START, END, \"the rule it enforces\"]\n" +
                 cfg + ":11:31: source 'contacts': contract references unknown source 'persons'\n" +
                 cfg + ":12:23: source 'contacts': contract names unknown code map 'nomap'");
  }
  SECTION("a column the source does not have: known once read") {
    const std::string msg = f.BuildError(head + R"Y(sources:
  people: people.csv
  contacts:
    file: contacts.csv
    contract: {required: [PERSON_ID, START]}
)Y" + list);
    CHECK(msg == cfg + ":9:38: source 'contacts': the contract names column 'START', which is not in " + f.dir +
                     "/contacts.csv (its columns: ID, PERSON_ID, DATE, END, SOURCE)");
  }
}

TEST_CASE("contracts: a source no list reads is checked too, with its date_format", "[contracts]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,01/10/2026,,SCH\n");
  // visits.csv: with date_format MM/DD/YYYY, 10/31/2026 is a date and
  // 31/10/2026 (line 3) is not (no month 31).
  f.File("visits.csv", "PERSON_ID,VISIT\nC1,10/31/2026\nC2,31/10/2026\n");
  const std::string cfg = std::string(kConfig);
  const auto p = f.Build(ConfigHead() + R"Y(sources:
  visits: {file: visits.csv, contract: {dates: VISIT, date_format: MM/DD/YYYY}}
)Y" + cfg.substr(cfg.find('\n') + 1));
  CHECK(ContractFindings(p) == Keys{"source-bad-date|visits.csv|3|VISIT|31/10/2026"});
}

TEST_CASE("contracts: a date column written month first is reported once, not row by row", "[contracts]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  // DATE: 10/23/2026 (line 2) only makes sense month first, 10/02/2026
  // either way, none only day first. List 1 reads the column too: the run
  // reports it once (the contract's finding).
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,10/23/2026,,SCH\n2,C2,10/02/2026,,SCH\n");
  const auto p = f.Build(ConfigHead() + kConfig);
  CHECK(ContractFindings(p).empty());  // no source-bad-date for 10/23/2026
  std::vector<std::string> month_first;
  for (const annexa::Finding& x : p.findings)
    if (x.code == "month-first-dates")
      month_first.push_back(std::filesystem::path(x.source).filename().string() + "|" + std::to_string(x.source_row) +
                            "|" + x.source_column + "|" + x.value + "|" + std::to_string(x.list));
  CHECK(month_first == Keys{"contacts.csv|2|DATE|10/23/2026|0"});
}

TEST_CASE("contracts: an SQL source reads its inputs after their own checks", "[contracts][sql]") {
  PackFixture f;
  f.File("people.csv", kPeople);
  // Line 3 is an exact copy of line 2; C2 has two keeping-in-touch rows and
  // latest_per keeps the later (line 5). The query counts rows per person:
  // by hand, C1 1 (the copy dropped), C2 1 (line 4 set aside).
  f.File("kit.csv", "ID,PERSON_ID,DATE\n1,C1,01/10/2026\n1,C1,01/10/2026\n2,C2,01/09/2026\n3,C2,01/10/2026\n");
  const auto p = f.Build(ConfigHead() + R"Y(sources:
  people: people.csv
  kit:
    file: kit.csv
    latest_per: {key: PERSON_ID, by: DATE}
    contract: {key: ID, references: {PERSON_ID: people.PERSON_ID}}
  per_person:
    format: sql
    query: SELECT MIN(_row) AS _row, PERSON_ID, COUNT(*) AS N, MAX(DATE) AS DATE FROM kit GROUP BY PERSON_ID
    contract: {references: {PERSON_ID: people.PERSON_ID}}
lists:
  1:
    from: per_person
    columns: {child_id: PERSON_ID, date_of_contact: DATE, contact_source: N}
)Y");
  CHECK(ContractFindings(p) == Keys{"source-duplicate-row|kit.csv|3||"});
  const annexa::AnnexList& l = PackFixture::List(p, 1);
  REQUIRE(l.rows.size() == 2);
  CHECK(l.rows[0].cells[0].ToText() == "C1");
  CHECK(l.rows[0].cells[6].ToText() == "1");
  CHECK(l.rows[1].cells[0].ToText() == "C2");
  CHECK(l.rows[1].cells[6].ToText() == "1");
  CHECK(l.rows[1].source_row == 5);  // the kept row's own line
  // people 2 + kit 4 (the copy and the set-aside row too) + the query's 2.
  CHECK(p.source_rows == 2 + 4 + 2);
}

TEST_CASE("contracts: duplicates found among many rows (the flat row index grows no chains)", "[contracts]") {
  // 4,000 data rows, lines 2..4001, record i (0-based) on line i + 2. Record
  // i has id i, except: every record i with i % 10 == 9 repeats record
  // i - 1 exactly (400 exact duplicates, left out); every record i with
  // i % 10 == 5 takes the id of record i - 1 with another date (400
  // duplicate keys). Worked by construction, not by running annexa.
  std::string contacts;
  for (int i = 0; i < 4000; ++i) {
    const int source = i % 10 == 9 ? i - 1 : i;
    const int id = source % 10 == 5 ? source - 1 : source;
    const std::string day = source % 10 == 5 ? "02" : "01";
    contacts += std::to_string(id) + ",C1," + day + "/10/2026,,SCH\n";
  }
  std::map<std::string, int> by_code;
  int first_duplicate_line = 0, first_key_line = 0;
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n" + contacts);
  const auto p = f.Build(ConfigHead() + kConfig);
  for (const annexa::Finding& finding : p.findings) {
    if (finding.source.find("contacts.csv") == std::string::npos || finding.code.rfind("source-", 0) != 0) continue;
    ++by_code[finding.code];
    if (finding.code == "source-duplicate-row" && !first_duplicate_line) first_duplicate_line = static_cast<int>(finding.source_row);
    if (finding.code == "source-duplicate-key" && !first_key_line) first_key_line = static_cast<int>(finding.source_row);
  }
  CHECK(by_code == std::map<std::string, int>{{"source-duplicate-key", 400}, {"source-duplicate-row", 400}});
  CHECK(first_duplicate_line == 11);  // record 9
  CHECK(first_key_line == 7);         // record 5
  CHECK(PackFixture::List(p, 1).account.read == 4000);
  CHECK(PackFixture::List(p, 1).account.included == 3600);
}

TEST_CASE("contracts: a dates_in_order pair may name the rule it enforces, and its finding says so", "[contracts]") {
  // Line 3: END 01/10/2026 is before DATE 02/10/2026.
  PackFixture f;
  f.File("people.csv", kPeople);
  f.File("contacts.csv", "ID,PERSON_ID,DATE,END,SOURCE\n1,C1,01/10/2026,,SCH\n2,C2,02/10/2026,01/10/2026,SCH\n");
  std::string config = kConfig;
  const std::string pair = "dates_in_order: [[DATE, END]]";
  config.replace(config.find(pair), pair.size(), "dates_in_order: [[DATE, END, \"DfE rule 9999: no end before start\"]]");
  auto p = f.Build(ConfigHead() + config);
  std::vector<std::string> messages;
  for (const annexa::Finding& finding : p.findings)
    if (finding.code == "source-date-order") messages.push_back(finding.message);
  CHECK(messages == Keys{"source row 3 (record 2) of source 'contacts': 'END' is before 'DATE' "
                         "(DfE rule 9999: no end before start)"});
}
