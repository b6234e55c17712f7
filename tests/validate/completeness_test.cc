// Tests of the completeness measure and its CSV: small lists against the
// real ilacs-2023 spec, exact counts, percentages and CSV text.
#include "validate/completeness.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "spec/spec_loader.h"
#include "test_support.h"

namespace annexa::validate {
namespace {

constexpr const char* kCsvHeader =
    "list,title,column,excel_column,header,blank_rule,basis,rows,filled,blank,percent_filled\r\n";


const spec::SpecVersion& Spec() {
  static const spec::SpecVersion spec = [] {
    Result<spec::SpecVersion> loaded =
        spec::LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    if (!loaded.ok()) FAIL(loaded.status().message());
    return std::move(loaded).value();
  }();
  return spec;
}

AnnexList ListOf(int number) {
  AnnexList list;
  list.spec = Spec().FindList(number);
  REQUIRE(list.spec != nullptr);
  return list;
}

// A List 1 row (7 columns) with a value where `filled` has 'x'.
AnnexRow Row1(const std::string& filled) {
  REQUIRE(filled.size() == 7);
  AnnexRow row;
  for (size_t c = 0; c < filled.size(); ++c)
    row.cells.push_back(filled[c] == 'x' ? CellValue::Text("v" + std::to_string(c))
                                         : CellValue::Blank());
  return row;
}

// List 1 with four rows: ids all there, gender missing once, ethnicity
// missing twice, date of birth missing three times, age never given, date
// of contact all there, contact source missing once.
AnnexList SampleList1() {
  AnnexList l1 = ListOf(1);
  REQUIRE(l1.spec->columns.size() == 7);
  l1.rows.push_back(Row1("xxxx.xx"));
  l1.rows.push_back(Row1("x.x..xx"));
  l1.rows.push_back(Row1("xx...x."));
  l1.rows.push_back(Row1("xx...xx"));
  // A value that failed to parse still fills its cell.
  l1.rows[3].cells[4] = CellValue::Text("not a number");
  return l1;
}

TEST_CASE("completeness: counts per column in spec order", "[completeness]") {
  const std::vector<ListCompleteness> measured = MeasureCompleteness({SampleList1()});
  REQUIRE(measured.size() == 1);
  const ListCompleteness& l = measured[0];
  CHECK(l.list == 1);
  CHECK(l.title == "List 1: Contacts");
  CHECK(l.rows == 4);
  REQUIRE(l.columns.size() == 7);
  const std::vector<std::string> keys = {"child_id", "gender", "ethnicity", "date_of_birth",
                                         "age", "date_of_contact", "contact_source"};
  const std::vector<int64_t> filled = {4, 3, 2, 1, 1, 4, 3};
  for (size_t c = 0; c < 7; ++c) {
    INFO(keys[c]);
    CHECK(l.columns[c].key == keys[c]);
    CHECK(l.columns[c].filled == filled[c]);
    CHECK(l.columns[c].blank_cells == 4 - filled[c]);
  }
  CHECK(l.columns[0].header == "Child Unique ID");
  CHECK(l.columns[0].letter == "A");
  CHECK(l.columns[6].letter == "G");
  CHECK(l.columns[1].blank == spec::BlankRule::kNever);
  CHECK(l.columns[1].basis == spec::BlankBasis::kImplementation);
  CHECK(l.columns[3].blank == spec::BlankRule::kConditional);
  CHECK(l.columns[4].blank == spec::BlankRule::kAllowed);
  CHECK(l.columns[5].basis == spec::BlankBasis::kOfsted);

  CHECK(l.columns[0].PercentFilled() == 100.0);
  CHECK(l.columns[1].PercentFilled() == 75.0);
  CHECK(l.columns[2].PercentFilled() == 50.0);
  CHECK(l.columns[3].PercentFilled() == 25.0);
  // 18 of 28 cells.
  CHECK(l.PercentFilled() == Approx(100.0 * 18 / 28));
  // Never-blank columns: gender 1, ethnicity 2, contact source 1 (date of
  // birth is conditional, age allowed).
  CHECK(l.BlankNotAllowed() == 4);
}

TEST_CASE("completeness: empty lists, list order, lists without a spec", "[completeness]") {
  AnnexList l8 = ListOf(8);
  AnnexList orphan;  // no spec: nothing to measure against
  const std::vector<ListCompleteness> measured = MeasureCompleteness({l8, orphan, SampleList1()});
  REQUIRE(measured.size() == 2);
  CHECK(measured[0].list == 8);
  CHECK(measured[1].list == 1);
  const ListCompleteness& e = measured[0];
  CHECK(e.rows == 0);
  CHECK(e.columns.size() == Spec().FindList(8)->columns.size());
  CHECK(e.PercentFilled() == 100.0);
  CHECK(e.BlankNotAllowed() == 0);
  for (const ColumnCompleteness& c : e.columns) {
    CHECK(c.filled == 0);
    CHECK(c.blank_cells == 0);
    CHECK(c.PercentFilled() == 100.0);
  }
  CHECK(MeasureCompleteness({}).empty());
  CHECK(ListCompleteness{}.PercentFilled() == 100.0);
}

TEST_CASE("completeness: a short row counts its missing cells as blank", "[completeness]") {
  AnnexList l1 = ListOf(1);
  l1.rows.push_back(Row1("xxxxxxx"));
  l1.rows.push_back(AnnexRow{{CellValue::Text("id")}, 0, 0});
  const ListCompleteness l = MeasureCompleteness({l1})[0];
  CHECK(l.columns[0].filled == 2);
  for (size_t c = 1; c < 7; ++c) {
    CHECK(l.columns[c].filled == 1);
    CHECK(l.columns[c].blank_cells == 1);
  }
}

TEST_CASE("completeness: CSV text", "[completeness]") {
  const std::string csv = CompletenessCsv(MeasureCompleteness({SampleList1()}));
  const std::string want =
      std::string(kCsvHeader) +
      "1,List 1: Contacts,child_id,A,Child Unique ID,never,ofsted,4,4,0,100.0\r\n"
      "1,List 1: Contacts,gender,B,Gender,never,implementation,4,3,1,75.0\r\n"
      "1,List 1: Contacts,ethnicity,C,Ethnicity,never,implementation,4,2,2,50.0\r\n"
      "1,List 1: Contacts,date_of_birth,D,Date of Birth,conditional,ofsted,4,1,3,25.0\r\n"
      "1,List 1: Contacts,age,E,Age of Child (Years),allowed,implementation,4,1,3,25.0\r\n"
      "1,List 1: Contacts,date_of_contact,F,Date of Contact,never,ofsted,4,4,0,100.0\r\n"
      "1,List 1: Contacts,contact_source,G,Contact Source,never,ofsted,4,3,1,75.0\r\n";
  CHECK(csv == want);
}

TEST_CASE("completeness: CSV quoting and rounding", "[completeness]") {
  ListCompleteness l;
  l.list = 9;
  l.title = "List 9: \"Care\" leavers, all";
  l.rows = 40;
  ColumnCompleteness third;
  third.key = "uasc";
  third.letter = "Q";
  third.header = "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC";
  third.blank = spec::BlankRule::kAllowed;
  third.basis = spec::BlankBasis::kImplementation;
  third.filled = 1;
  third.blank_cells = 2;  // 33.33...
  ColumnCompleteness most = third;
  most.key = "line\nbreak";
  most.letter = "AA";
  most.header = "plain";
  most.filled = 39;
  most.blank_cells = 1;  // 97.5
  ColumnCompleteness two_thirds = third;
  two_thirds.key = "k";
  two_thirds.header = "h";
  two_thirds.filled = 2;
  two_thirds.blank_cells = 1;  // 66.66...
  l.columns = {third, most, two_thirds};
  const std::string title = "\"List 9: \"\"Care\"\" leavers, all\"";
  const std::string want =
      std::string(kCsvHeader) +
      "9," + title + ",uasc,Q,\"Unaccompanied Asylum Seeking Child (UASC), or formerly UASC\","
      "allowed,implementation,40,1,2,33.3\r\n"
      "9," + title + ",\"line\nbreak\",AA,plain,allowed,implementation,40,39,1,97.5\r\n"
      "9," + title + ",k,Q,h,allowed,implementation,40,2,1,66.7\r\n";
  CHECK(CompletenessCsv({l}) == want);
  CHECK(CompletenessCsv({}) == kCsvHeader);
}

}  // namespace
}  // namespace annexa::validate
