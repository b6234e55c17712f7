// Types read strictly on the generate side: numbers are not dates, dates
// before 1901 are impossible, whole numbers spelled "3.0" are read with one
// finding per column and spelling, and a date column exported month first
// is reported once and none of it read day first. Expected values worked
// out by hand from the files written here.
#include <catch2/catch.hpp>

#include <xlsxwriter.h>

#include <algorithm>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

std::vector<std::string> Only(const std::vector<std::string>& keys, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& k : keys)
    if (k.rfind(prefix, 0) == 0) out.push_back(k);
  return out;
}

const annexa::Finding* FindCode(const annexa::mapping::MappedPack& p, const std::string& code) {
  for (const annexa::Finding& f : p.findings)
    if (f.code == code) return &f;
  return nullptr;
}

const char* kList1 = R"Y(lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_birth: DOB
      age: AGE
      date_of_contact: CONTACT_DATE
)Y";

}  // namespace

TEST_CASE("types: numbers and pre-1901 dates in a CSV date of birth column are errors", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv",
         "PERSON_ID,DOB,AGE,CONTACT_DATE\n"
         "C1,17.5,7.0,2026-06-01\n"        // line 2
         "C2,3,12.0,2026-06-02\n"          // line 3
         "C3,1899-12-31,5,2026-06-03\n"    // line 4
         "C4,1900-01-03,6.5,2026-06-04\n"  // line 5: what Excel shows for the number 3
         "C5,23/11/2010,16,2026-06-05\n");  // line 6
  auto p = f.Build(ConfigHead() + "sources:\n  contacts: contacts.csv\n" + kList1);
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 5);
  const auto keys = PackFixture::FindingKeys(p);
  CHECK(Only(keys, "bad-date") == std::vector<std::string>{"bad-date|1|1|date_of_birth|17.5|2",
                                                           "bad-date|1|2|date_of_birth|3|3",
                                                           "bad-date|1|3|date_of_birth|1899-12-31|4",
                                                           "bad-date|1|4|date_of_birth|1900-01-03|5"});
  // Kept as written, never as a 1900 date.
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_birth") == "17.5");
  CHECK(PackFixture::Cell(p, 1, 2, "date_of_birth") == "3");
  CHECK(PackFixture::Cell(p, 1, 3, "date_of_birth") == "1899-12-31");
  CHECK(PackFixture::Cell(p, 1, 4, "date_of_birth") == "1900-01-03");
  CHECK(PackFixture::Cell(p, 1, 5, "date_of_birth") == "23/11/2010");
  for (const annexa::Finding& x : p.findings)
    if (x.code == "bad-date" && x.value == "1899-12-31")
      CHECK(x.message == "'1899-12-31' is not a possible date (Date of Birth): 1899-12-31 is before 1901 (a number in "
                         "a date cell: Excel shows the number 3 as 1900-01-03)");

  // Whole numbers: "7.0" and "12.0" read as 7 and 12 with ONE finding for
  // the column and spelling; "6.5" stays an error.
  CHECK(PackFixture::Cell(p, 1, 1, "age") == "7");
  CHECK(PackFixture::Cell(p, 1, 2, "age") == "12");
  CHECK(PackFixture::Cell(p, 1, 3, "age") == "5");
  CHECK(PackFixture::Cell(p, 1, 4, "age") == "6.5");
  CHECK(Only(keys, "bad-integer") == std::vector<std::string>{"bad-integer|1|4|age|6.5|5"});
  CHECK(Only(keys, "number-spelling") == std::vector<std::string>{"number-spelling|1|0|age|7.0|2"});
  const annexa::Finding* spelled = FindCode(p, "number-spelling");
  REQUIRE(spelled);
  CHECK(spelled->severity == annexa::Severity::kWarning);
  CHECK(spelled->source_column == "AGE");
  CHECK(spelled->message == "2 value(s) of column 'AGE' of " + f.dir +
                                "/contacts.csv are whole numbers written with '.0' (e.g. '7.0' at row 2, read as 7): "
                                "read as whole numbers in Age of Child (Years)");
}

TEST_CASE("types: 'date_format: serial' reads numbers as dates, and still not as 1900 dates", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv",
         "PERSON_ID,DOB,AGE,CONTACT_DATE\n"
         "C1,40505,16,2026-06-01\n"  // 23/11/2010
         "C2,3,16,2026-06-02\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_birth: {column: DOB, date_format: serial}
      date_of_contact: CONTACT_DATE
)Y");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_birth") == "23/11/2010");
  CHECK(PackFixture::Cell(p, 1, 2, "date_of_birth") == "3");
  CHECK(Only(PackFixture::FindingKeys(p), "bad-date") == std::vector<std::string>{"bad-date|1|2|date_of_birth|3|3"});
}

TEST_CASE("types: numbers in an xlsx date of birth column are errors, formatted as dates or not", "[mapping][types][xlsx]") {
  PackFixture f;
  const std::string path = f.dir + "/export.xlsx";
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    REQUIRE(wb);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Contacts");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char* heads[] = {"PERSON_ID", "DOB", "CONTACT_DATE"};
    for (lxw_col_t c = 0; c < 3; ++c) worksheet_write_string(ws, 0, c, heads[c], nullptr);
    // Sheet row 2: 17.5, a plain number.
    worksheet_write_string(ws, 1, 0, "C1", nullptr);
    worksheet_write_number(ws, 1, 1, 17.5, nullptr);
    // Sheet row 3: 3 in a date-formatted cell (Excel shows 03/01/1900).
    worksheet_write_string(ws, 2, 0, "C2", nullptr);
    worksheet_write_number(ws, 2, 1, 3, date);
    // Sheet row 4: 3, a plain number.
    worksheet_write_string(ws, 3, 0, "C3", nullptr);
    worksheet_write_number(ws, 3, 1, 3, nullptr);
    // Sheet row 5: a real date, serial 40505 = 23/11/2010.
    worksheet_write_string(ws, 4, 0, "C4", nullptr);
    worksheet_write_number(ws, 4, 1, 40505, date);
    for (lxw_row_t r = 1; r <= 4; ++r) worksheet_write_number(ws, r, 2, 46174, date);  // 01/06/2026
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  }
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: {file: export.xlsx, sheet: Contacts}
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_birth: DOB
      date_of_contact: CONTACT_DATE
)Y");
  REQUIRE(PackFixture::List(p, 1).rows.size() == 4);
  CHECK(Only(PackFixture::FindingKeys(p), "bad-date") ==
        std::vector<std::string>{"bad-date|1|1|date_of_birth|17.5|2", "bad-date|1|2|date_of_birth|1900-01-03|3",
                                 "bad-date|1|3|date_of_birth|3|4"});
  CHECK(PackFixture::Cell(p, 1, 4, "date_of_birth") == "23/11/2010");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "01/06/2026");
}

TEST_CASE("types: a contacts column exported month first is reported once with its fix, none of it read day first",
          "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv",
         "PERSON_ID,CONTACT_DATE\n"
         "C1,11/23/2026\n"  // line 2: only month first (23 November)
         "C2,01/02/2026\n"  // line 3: either
         "C3,06/15/2026\n"  // line 4: only month first (15 June)
         "C4,07/08/2026\n"  // line 5: either; day first it would be 7 August, in the window and wrong
         "C5,2026-06-01\n");  // line 6: ISO, read
  // Lists 1 and 3 both read the column: one finding for the run.
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
  3:
    from: contacts
    window: {start: date_of_referral}
    columns:
      child_id: PERSON_ID
      date_of_referral: CONTACT_DATE
)Y");
  const auto keys = PackFixture::FindingKeys(p);
  CHECK(Only(keys, "month-first-dates") == std::vector<std::string>{"month-first-dates|1|0||11/23/2026|2"});
  const annexa::Finding* mf = FindCode(p, "month-first-dates");
  REQUIRE(mf);
  CHECK(mf->severity == annexa::Severity::kError);
  CHECK(mf->source == f.dir + "/contacts.csv");
  CHECK(mf->source_column == "CONTACT_DATE");
  CHECK(mf->message == "column 'CONTACT_DATE' of " + f.dir +
                           "/contacts.csv writes its dates month first: 2 value(s) only make sense as month/day/year "
                           "(the first at row 2), none only as day/month/year, and 2 could be either; none of its "
                           "numeric dates is read (day first they would be wrong or refused). Set "
                           "`date_format: MM/DD/YYYY` on the rules that read it");
  // Not one value read day first, and no row-by-row noise.
  CHECK(Only(keys, "bad-date").empty());
  CHECK(Only(keys, "missing-window-date").empty());
  for (int list : {1, 3}) {
    const auto& l = PackFixture::List(p, list);
    REQUIRE(l.rows.size() == 1);
    CHECK(PackFixture::Cell(p, list, 1, "child_id") == "C5");
    CHECK(l.account.read == 5);
    CHECK(l.account.Balanced());
  }
  CHECK(PackFixture::List(p, 1).account.excluded ==
        std::map<std::string, int64_t>{{"Date of Contact written month first", 4}});
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "01/06/2026");

  // Declared, the same file is read month first throughout.
  PackFixture g;
  g.File("contacts.csv", "PERSON_ID,CONTACT_DATE\nC1,11/23/2026\nC2,01/02/2026\nC3,06/15/2026\nC4,07/08/2026\n");
  auto q = g.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: {column: CONTACT_DATE, date_format: MM/DD/YYYY}
)Y");
  CHECK(Only(PackFixture::FindingKeys(q), "month-first-dates").empty());
  const auto& l1 = PackFixture::List(q, 1);
  // 23/11/2026, 15/06/2026 and 08/07/2026 are in the six months to
  // 23/11/2026; 02/01/2026 is before them.
  REQUIRE(l1.rows.size() == 3);
  CHECK(PackFixture::Cell(q, 1, 1, "date_of_contact") == "23/11/2026");
  CHECK(PackFixture::Cell(q, 1, 2, "date_of_contact") == "15/06/2026");
  CHECK(PackFixture::Cell(q, 1, 3, "date_of_contact") == "08/07/2026");
}

TEST_CASE("types: a column mixing both orders is reported once and read as before", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv",
         "PERSON_ID,CONTACT_DATE\n"
         "C1,11/23/2026\n"   // line 2: only month first: refused as before
         "C2,25/06/2026\n"   // line 3: only day first
         "C3,01/07/2026\n");  // line 4: either, read day first
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
)Y");
  const auto keys = PackFixture::FindingKeys(p);
  CHECK(Only(keys, "month-first-dates") == std::vector<std::string>{"month-first-dates|1|0||11/23/2026|2"});
  const annexa::Finding* mf = FindCode(p, "month-first-dates");
  REQUIRE(mf);
  CHECK(mf->message == "column 'CONTACT_DATE' of " + f.dir +
                           "/contacts.csv mixes date orders: 1 value(s) only make sense month first (the first at row "
                           "2) and 1 only day first (the first at row 3); the 1 that could be either are read day "
                           "first and may be wrong: correct the export, or set `date_format` for the order it uses");
  REQUIRE(PackFixture::List(p, 1).rows.size() == 2);
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "25/06/2026");
  CHECK(PackFixture::Cell(p, 1, 2, "date_of_contact") == "01/07/2026");
}

TEST_CASE("types: a derived latest date from a month-first column is not read day first", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE\nC1,2026-06-01\nC2,2026-06-02\nC3,2026-06-03\n");
  // visits.csv, VISIT: 10/23/2026 (line 2) only month first; 07/08/2026
  // (line 3) either (day first 7 August: wrong); 2026-09-01 ISO (line 4).
  f.File("visits.csv", "PERSON_ID,VISIT\nC1,10/23/2026\nC2,07/08/2026\nC3,2026-09-01\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
  visits: visits.csv
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
      date_of_birth: {derive: latest, table: visits, key: PERSON_ID, date: VISIT}
)Y");
  CHECK(Only(PackFixture::FindingKeys(p), "month-first-dates") ==
        std::vector<std::string>{"month-first-dates|1|0||10/23/2026|2"});
  REQUIRE(PackFixture::List(p, 1).rows.size() == 3);
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_birth").empty());
  CHECK(PackFixture::Cell(p, 1, 2, "date_of_birth").empty());
  CHECK(PackFixture::Cell(p, 1, 3, "date_of_birth") == "01/09/2026");
}

TEST_CASE("types: a join's latest row is not chosen by a month-first date read day first", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE\nC1,2026-06-01\nC2,2026-06-02\n");
  // UPDATED: 11/23/2025 (line 4) only month first. Day first, C1's latest
  // would be 01/10/2026 (1 October: WBRI); month first it is 03/05/2026
  // (5 March: WIRI). Neither is read: C1 has no latest row.
  f.File("people.csv",
         "PERSON_ID,UPDATED,ETHNICITY\n"
         "C1,01/10/2026,WBRI\n"
         "C1,03/05/2026,WIRI\n"
         "C2,11/23/2025,WBRI\n"
         "C2,2026-01-05,WIRI\n");  // line 5: ISO, read
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
  people: people.csv
lists:
  1:
    from: contacts
    join: [{table: people, on: PERSON_ID, pick: latest, by: UPDATED, required: false}]
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
      ethnicity: ETHNICITY
)Y");
  CHECK(Only(PackFixture::FindingKeys(p), "month-first-dates") ==
        std::vector<std::string>{"month-first-dates|1|0||11/23/2025|4"});
  REQUIRE(PackFixture::List(p, 1).rows.size() == 2);
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity").empty());
  CHECK(PackFixture::Cell(p, 1, 2, "ethnicity") == "b) WIRI");
}

TEST_CASE("types: related rows dated by a month-first column meet no dates", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE\nC1,2026-06-01\nC2,2026-06-02\nC3,2026-06-03\n");
  // P_START: 01/02/2026 (line 2) either way (day first 1 February: in
  // force at the reference date, but not read); 06/15/2026 (line 3) only
  // month first; 2026-01-01 (line 4) ISO, read.
  f.File("placements.csv",
         "PERSON_ID,P_START,P_END,ETHNICITY\n"
         "C1,01/02/2026,,WBRI\n"
         "C2,06/15/2026,,WBRI\n"
         "C3,2026-01-01,,WIRI\n");
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: contacts.csv
  placements: placements.csv
lists:
  1:
    from: contacts
    join:
      - {table: placements, on: PERSON_ID, dates: {start: P_START, end: P_END}, as_of: reference_date, required: false}
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
      ethnicity: ETHNICITY
)Y");
  CHECK(Only(PackFixture::FindingKeys(p), "month-first-dates") ==
        std::vector<std::string>{"month-first-dates|1|0||06/15/2026|3"});
  REQUIRE(PackFixture::List(p, 1).rows.size() == 3);
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity").empty());
  CHECK(PackFixture::Cell(p, 1, 2, "ethnicity").empty());
  CHECK(PackFixture::Cell(p, 1, 3, "ethnicity") == "b) WIRI");
}

TEST_CASE("types: latest_per by a month-first column sets its numeric dates aside, reported once", "[mapping][types]") {
  PackFixture f;
  f.File("contacts.csv",
         "PERSON_ID,UPDATED,CONTACT_DATE\n"
         "C1,11/23/2025,2026-06-01\n"   // line 2: only month first
         "C1,2026-01-01,2026-06-02\n"   // line 3: ISO, C1's only dated row: kept
         "C2,01/02/2026,2026-06-03\n");  // line 4: either way: not read
  auto p = f.Build(ConfigHead() + R"Y(sources:
  contacts: {file: contacts.csv, latest_per: {key: PERSON_ID, by: UPDATED}}
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      date_of_contact: CONTACT_DATE
)Y");
  const auto keys = PackFixture::FindingKeys(p);
  CHECK(Only(keys, "month-first-dates") == std::vector<std::string>{"month-first-dates|0|0||11/23/2025|2"});
  CHECK(Only(keys, "latest-per-no-date").empty());
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 1);
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "02/06/2026");
  CHECK(l1.account.read == 3);
  CHECK(l1.account.excluded == std::map<std::string, int64_t>{{"UPDATED written month first (latest_per)", 2}});
  CHECK(l1.account.Balanced());
}
