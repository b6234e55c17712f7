// --pseudonymise in memory: the keyed hash (RFC 4231 vectors, exact
// pseudonyms for a known salt), dates of birth to the month, postcodes to
// the sector, names removed, and findings rewritten to match. Driven by the
// spec's `personal:` marks, so the real ilacs-2023 spec is loaded.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/crypto.h"
#include "core/file_util.h"
#include "protect/pseudonymise.h"
#include "spec/spec_loader.h"
#include "test_support.h"

using namespace annexa;

namespace {

const char kSalt[] = "annexa-test-salt-0123456789";

std::string Hex(const Sha256Digest& d) {
  return ToHex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

const spec::SpecVersion& Spec() {
  static const spec::SpecVersion spec = [] {
    auto r = spec::LoadSpecVersion(testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    REQUIRE(r.ok());
    return std::move(*r);
  }();
  return spec;
}

// A list of spec list `n` whose rows set the given columns (by key).
AnnexList MakeList(int n, const std::vector<std::map<std::string, CellValue>>& rows) {
  AnnexList l;
  l.spec = Spec().FindList(n);
  REQUIRE(l.spec);
  l.sources = {"/home/jsmith/exports/list" + std::to_string(n) + ".csv"};
  for (const auto& values : rows) {
    AnnexRow row;
    row.cells.resize(l.spec->columns.size());
    for (const auto& [key, v] : values) {
      const int c = l.spec->ColumnIndex(key);
      REQUIRE(c >= 0);
      row.cells[static_cast<size_t>(c)] = v;
    }
    l.rows.push_back(std::move(row));
  }
  return l;
}

std::string Cell(const AnnexList& l, size_t row, const std::string& key) {
  return l.rows[row].cells[static_cast<size_t>(l.spec->ColumnIndex(key))].ToText();
}

Finding MakeFinding(int list, int64_t row, std::string column, std::string value, std::string message) {
  Finding f;
  f.code = "test";
  f.list = list;
  f.list_row = row;
  f.column = std::move(column);
  f.value = std::move(value);
  f.message = std::move(message);
  f.source = "/home/jsmith/exports/people.csv";
  f.source_row = 7;
  return f;
}

CellValue D(int y, int m, int d) { return CellValue::Date(CivilDate(y, m, d)); }
CellValue T(const char* t) { return CellValue::Text(t); }

}  // namespace

TEST_CASE("protect: HMAC-SHA256 matches RFC 4231 test cases 1 and 2", "[protect]") {
  CHECK(Hex(HmacSha256(std::string(20, '\x0b'), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(Hex(HmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  auto random = RandomBytes(16);
  REQUIRE(random.ok());
  CHECK(random->size() == 16);
}

TEST_CASE("protect: ids become fixed salted pseudonyms", "[protect]") {
  protect::Pseudonymiser p(kSalt);
  CHECK(p.Id("C1") == "P-7YVSW10DX2HE");
  CHECK(p.Id("C2") == "P-W9PPJH50XP5A");
  CHECK(p.Id("C3") == "P-FZXAP0F6BREJ");
  CHECK(p.Id(" C1 ") == "P-7YVSW10DX2HE");  // surrounding spaces are not part of the id
  CHECK(p.Id("") == "");
  protect::Pseudonymiser other("another-salt-of-enough-bytes");
  CHECK(other.Id("C1") != "P-7YVSW10DX2HE");
  CHECK_FALSE(p.collided());
}

TEST_CASE("protect: dates of birth to the month, postcodes to the sector, names removed", "[protect]") {
  CHECK(protect::FirstOfMonth(CivilDate(2010, 11, 23)) == CivilDate(2010, 11, 1));
  CHECK(protect::PostcodeSector("AB1 2CD") == "AB1 2");
  CHECK(protect::PostcodeSector("ab12cd") == "AB1 2");
  CHECK(protect::PostcodeSector("SW1A 1AA") == "SW1A 1");
  CHECK(protect::PostcodeSector("M1 1AE") == "M1 1");
  CHECK(protect::PostcodeSector("XYZ") == "");
  CHECK(protect::PostcodeSector("12345") == "");
  CHECK(protect::PostcodeSector("AB1 2C!") == "");
  protect::Pseudonymiser p(kSalt);
  using spec::Personal;
  CHECK(protect::PseudonymiseText(p, Personal::kDateOfBirth, "23/11/2010") == "01/11/2010");
  CHECK(protect::PseudonymiseText(p, Personal::kDateOfBirth, "2010-11-23") == "01/11/2010");
  CHECK(protect::PseudonymiseText(p, Personal::kDateOfBirth, "31/02/2010") == "[withheld]");
  CHECK(protect::PseudonymiseText(p, Personal::kPostcode, "AB1 2CD") == "AB1 2");
  CHECK(protect::PseudonymiseText(p, Personal::kPostcode, "NOT A PC") == "[withheld]");
  CHECK(protect::PseudonymiseText(p, Personal::kName, "Sam Smith") == "");
  CHECK(protect::PseudonymiseText(p, Personal::kId, "C1") == "P-7YVSW10DX2HE");
  CHECK(protect::PseudonymiseText(p, Personal::kNone, "Team A") == "Team A");
  CHECK(protect::SourceName("/home/jsmith/exports/people.csv") == "people.csv");
  CHECK(protect::SourceName("https://reports.example.gov.uk/api/people.csv?token=abc#x") == "people.csv");
  CHECK(protect::SourceName("people.csv") == "people.csv");
}

TEST_CASE("protect: the spec marks the personal columns", "[protect]") {
  const spec::SpecVersion& s = Spec();
  using spec::Personal;
  CHECK(s.FindList(1)->FindColumn("child_id")->personal == Personal::kId);
  CHECK(s.FindList(1)->FindColumn("date_of_birth")->personal == Personal::kDateOfBirth);
  CHECK(s.FindList(1)->FindColumn("age")->personal == Personal::kNone);
  CHECK(s.FindList(7)->FindColumn("allocated_worker")->personal == Personal::kName);
  CHECK(s.FindList(7)->FindColumn("allocated_team")->personal == Personal::kNone);
  CHECK(s.FindList(8)->FindColumn("placement_postcode")->personal == Personal::kPostcode);
  CHECK(s.FindList(9)->FindColumn("personal_adviser")->personal == Personal::kName);
  CHECK(s.FindList(10)->FindColumn("family_id")->personal == Personal::kId);
  CHECK(s.FindList(11)->FindColumn("family_id")->personal == Personal::kId);
  CHECK(s.FindList(11)->FindColumn("adopter_id")->personal == Personal::kId);
  int personal = 0;
  for (const spec::ListSpec& l : s.lists)
    for (const spec::ColumnSpec& c : l.columns) personal += c.personal != Personal::kNone;
  // child_id and date_of_birth in Lists 1-10, allocated_worker in 3-9,
  // personal_adviser, placement_postcode, family_id twice, adopter_id.
  CHECK(personal == 10 + 10 + 7 + 1 + 1 + 2 + 1);
}

TEST_CASE("protect: a pack's lists and findings are pseudonymised consistently", "[protect]") {
  std::vector<AnnexList> lists;
  lists.push_back(MakeList(1, {{{"child_id", T("C1")}, {"date_of_birth", D(2010, 11, 23)}, {"age", CellValue::Integer(16)},
                                {"date_of_contact", D(2026, 6, 1)}},
                               {{"child_id", T("C1")}, {"date_of_birth", D(2010, 11, 24)}},
                               {{"child_id", T("C2")}, {"date_of_birth", T("31/02/2010")}}}));
  lists.push_back(MakeList(7, {{{"child_id", T("C1")}, {"date_of_birth", D(2010, 11, 23)},
                                {"allocated_team", T("Team A")}, {"allocated_worker", T("Zoë O’Neill")}},
                               {{"child_id", T("C3")}, {"allocated_worker", T("Sam Smith")}}}));
  lists.push_back(MakeList(8, {{{"child_id", T("C1")}, {"placement_postcode", T("AB1 2CD")}},
                               {{"child_id", T("C3")}, {"placement_postcode", T("NOWHERE")}}}));
  lists.push_back(MakeList(10, {{{"child_id", T("C3")}, {"family_id", T("F1")}}}));
  lists.push_back(MakeList(11, {{{"adopter_id", T("A1")}, {"family_id", T("F1")}},
                                {{"adopter_id", T("A2")}, {"family_id", T("F1")}}}));
  Findings findings = {
      MakeFinding(1, 1, "date_of_birth", "23/11/2010",
                  "'Date of Birth' 23/11/2010 is after the reference date 23/11/2026"),
      MakeFinding(7, 1, "date_of_birth", "23/11/2010", "'date_of_birth' is '23/11/2010' here but '24/11/2010' in List 1"),
      MakeFinding(1, 0, "", "C9", "row left out: ID 'C9' has no match in people"),
      MakeFinding(1, 0, "date_of_birth", "31/02/2010", "'31/02/2010' is not a date (Date of Birth)"),
      MakeFinding(8, 1, "placement_postcode", "AB1 2CD", "'AB1 2CD' does not look like a UK postcode"),
      MakeFinding(1, 1, "date_of_contact", "unknown", "'unknown' is not a date (Date of Contact)"),
      MakeFinding(10, 1, "family_id", "F1", "family 'F1' is not in List 11"),
      MakeFinding(1, 1, "child_id", "C1", "C1 is not C12, nor xC1"),
      MakeFinding(7, 2, "allocated_worker", "Sam Smith", "'Sam Smith' left the council"),
  };
  std::vector<AnnexList*> all;
  for (AnnexList& l : lists) all.push_back(&l);
  protect::Pseudonymiser p(kSalt);
  REQUIRE(protect::PseudonymisePack(p, all, &findings).ok());

  const std::string c1 = "P-7YVSW10DX2HE", c2 = "P-W9PPJH50XP5A", c3 = "P-FZXAP0F6BREJ", f1 = "P-78H5YX309MN7";
  // List 1: ids hashed, dates of birth to the month, everything else as it was.
  CHECK(Cell(lists[0], 0, "child_id") == c1);
  CHECK(Cell(lists[0], 0, "date_of_birth") == "01/11/2010");
  CHECK(lists[0].rows[0].cells[static_cast<size_t>(lists[0].spec->ColumnIndex("date_of_birth"))].kind ==
        CellValue::Kind::kDate);
  CHECK(Cell(lists[0], 0, "age") == "16");  // computed from the real date of birth, kept
  CHECK(Cell(lists[0], 0, "date_of_contact") == "01/06/2026");
  CHECK(Cell(lists[0], 1, "date_of_birth") == "01/11/2010");
  CHECK(Cell(lists[0], 2, "child_id") == c2);
  CHECK(Cell(lists[0], 2, "date_of_birth") == "[withheld]");
  // The same child has the same pseudonym in every list.
  CHECK(Cell(lists[1], 0, "child_id") == c1);
  CHECK(Cell(lists[2], 0, "child_id") == c1);
  CHECK(Cell(lists[1], 1, "child_id") == c3);
  CHECK(Cell(lists[3], 0, "child_id") == c3);
  // Workers' names removed, teams kept.
  CHECK(Cell(lists[1], 0, "allocated_worker") == "");
  CHECK(Cell(lists[1], 1, "allocated_worker") == "");
  CHECK(Cell(lists[1], 0, "allocated_team") == "Team A");
  // Postcodes to the sector.
  CHECK(Cell(lists[2], 0, "placement_postcode") == "AB1 2");
  CHECK(Cell(lists[2], 1, "placement_postcode") == "[withheld]");
  // Family ids match between Lists 10 and 11; adopters hashed.
  CHECK(Cell(lists[3], 0, "family_id") == f1);
  CHECK(Cell(lists[4], 0, "family_id") == f1);
  CHECK(Cell(lists[4], 1, "family_id") == f1);
  CHECK(Cell(lists[4], 0, "adopter_id") == "P-BGXBKZDNPEPE");
  CHECK(Cell(lists[4], 1, "adopter_id") == "P-B72M1KVVSCKR");
  CHECK(lists[0].sources[0] == "list1.csv");

  REQUIRE(findings.size() == 9);
  CHECK(findings[0].value == "01/11/2010");
  CHECK(findings[0].message == "'Date of Birth' 01/11/2010 is after the reference date 23/11/2026");
  CHECK(findings[1].message == "'date_of_birth' is '01/11/2010' here but '01/11/2010' in List 1");
  CHECK(findings[2].value == "P-TWNTMTCBNJ05");
  CHECK(findings[2].message == "row left out: ID 'P-TWNTMTCBNJ05' has no match in people");
  CHECK(findings[3].value == "[withheld]");
  CHECK(findings[3].message == "'[withheld]' is not a date (Date of Birth)");
  CHECK(findings[4].value == "AB1 2");
  CHECK(findings[4].message == "'AB1 2' does not look like a UK postcode");
  CHECK(findings[5].value == "unknown");
  CHECK(findings[5].message == "'unknown' is not a date (Date of Contact)");
  CHECK(findings[6].value == f1);
  CHECK(findings[6].message == "family '" + f1 + "' is not in List 11");
  CHECK(findings[7].message == c1 + " is not C12, nor xC1");
  CHECK(findings[8].value == "");
  CHECK(findings[8].message == "'[removed]' left the council");
  for (const Finding& f : findings) {
    CHECK(f.source == "people.csv");
    CHECK(f.source_row == 7);  // the council can still find the row in its own extract
  }
}

TEST_CASE("protect: a personal mark that does not fit the column's type is refused", "[protect]") {
  const std::string dir = testing::MakeTempDir();
  // A copy of the specs with a date-of-birth mark on a code column.
  const std::string root = dir + "/specs";
  std::filesystem::copy(testing::SourceDir() + "/annex_a_specs", root, std::filesystem::copy_options::recursive);
  auto columns = ReadFile(root + "/columns.yaml");
  REQUIRE(columns.ok());
  std::string text = *columns;
  const std::string anchor = "    code_set: GENDER\n";
  REQUIRE(text.find(anchor) != std::string::npos);
  text.replace(text.find(anchor), anchor.size(), anchor + "    personal: date_of_birth\n");
  testing::WriteTextFile(root, "columns.yaml", text);
  auto r = spec::LoadSpecVersion(root, "ilacs-2023");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("'personal: date_of_birth' does not apply to type code") != std::string::npos);
}
