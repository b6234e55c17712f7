// A council export in xlsx, mapped like a CSV: dates arrive as dates,
// values as text, the sheet row numbers kept for findings.
#include <catch2/catch.hpp>

#include <filesystem>

#include "mapping/pack_fixture.h"
#include "mapping/source_loader.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

TEST_CASE("xlsx source: a council's sheet becomes List 1", "[mapping][xlsx]") {
  PackFixture f;
  std::filesystem::copy_file(annexa::testing::SampleFile("annex_a/la_sample_2024_layout.xlsx"),
                             f.dir + "/export.xlsx");
  auto p = f.Build(ConfigHead("2020-09-30") + R"Y(sources:
  contacts: {file: export.xlsx, sheet: "List 1"}
lists:
  1:
    from: contacts
    window: {start: date_of_contact}
    columns:
      child_id: Child Unique ID
      gender: Gender
      ethnicity: Ethnicity
      date_of_birth: Date of Birth
      age: {derive: age}
      date_of_contact: Date of Contact
      contact_source: Contact Source
)Y");
  const auto& l1 = PackFixture::List(p, 1);
  REQUIRE_FALSE(l1.rows.empty());
  CHECK(l1.account.Balanced());
  CHECK(l1.sources[0] == f.dir + "/export.xlsx#List 1");
  // Row 2 of the sheet: 9212044, Female, a) WBRI, DOB serial 42029, contact serial 44090 (16/09/2020).
  CHECK(l1.rows[0].source_row == 2);
  CHECK(PackFixture::Cell(p, 1, 1, "child_id") == "9212044");
  CHECK(PackFixture::Cell(p, 1, 1, "gender") == "b) Female");
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity") == "a) WBRI");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_birth") == "25/01/2015");
  CHECK(PackFixture::Cell(p, 1, 1, "age") == "5");
  CHECK(PackFixture::Cell(p, 1, 1, "date_of_contact") == "16/09/2020");
  CHECK(PackFixture::Cell(p, 1, 1, "contact_source") == "q) 6: Police");
}

TEST_CASE("xlsx source: a missing sheet names the file and the sheets it has", "[mapping][xlsx]") {
  PackFixture f;
  std::filesystem::copy_file(annexa::testing::SampleFile("annex_a/la_sample_2024_layout.xlsx"),
                             f.dir + "/export.xlsx");
  const std::string err = f.BuildError(ConfigHead() + "sources:\n  c: {file: export.xlsx, sheet: Contacts}\n"
                                       "lists:\n  1:\n    from: c\n    columns:\n      child_id: X\n");
  CHECK(err.rfind("source 'c': " + f.dir + "/export.xlsx: no sheet named 'Contacts' (sheets: ", 0) == 0);
}
