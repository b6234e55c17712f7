// Readiness from what matters (validate/readiness.h): the columns every row
// must fill and the errors not explained decide; optional columns,
// warnings and explained findings are reported but never decide. Lists and
// findings made by hand, every figure worked out by hand.
#include "validate/readiness.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace annexa::validate {
namespace {

ColumnCompleteness Col(const std::string& key, const std::string& header, spec::BlankRule blank, int64_t filled,
                       int64_t blank_cells) {
  ColumnCompleteness c;
  c.key = key;
  c.header = header;
  c.blank = blank;
  c.filled = filled;
  c.blank_cells = blank_cells;
  return c;
}

// List 6 with 100 rows: a required id, an expected gender, a required
// primary need, an optional closure date (40 blank: open cases).
ListCompleteness List6(int64_t need_blank, int64_t gender_blank) {
  ListCompleteness l;
  l.list = 6;
  l.title = "List 6: Children in need";
  l.rows = 100;
  l.columns = {Col("child_id", "Child Unique ID", spec::BlankRule::kNever, 100, 0),
               Col("gender", "Gender", spec::BlankRule::kNever, 100 - gender_blank, gender_blank),
               Col("primary_need", "Primary Need Code", spec::BlankRule::kNever, 100 - need_blank, need_blank),
               Col("cin_closure_date", "CIN Closure Date", spec::BlankRule::kConditional, 60, 40)};
  return l;
}

Finding At(const std::string& code, Severity s, int list, int64_t row, const std::string& column,
           const std::string& source = "", int64_t source_row = 0, const std::string& source_column = "") {
  Finding f;
  f.code = code;
  f.severity = s;
  f.list = list;
  f.list_row = row;
  f.column = column;
  f.source = source;
  f.source_row = source_row;
  f.source_column = source_column;
  return f;
}

}  // namespace

TEST_CASE("readiness: optional columns and warnings never decide; a full list with no errors is green",
          "[readiness]") {
  // 40% of the closure dates are blank (all cells: 360 of 400 filled, 90%)
  // and a warning sits on a column every row must fill: still green.
  Findings f{At("duplicate-row", Severity::kWarning, 6, 3, ""),
             At("code-spelling", Severity::kWarning, 6, 4, "gender", "/data/people.csv", 9, "people.SEX")};
  const std::vector<ListReadiness> r = AssessReadiness({List6(0, 0)}, f);
  REQUIRE(r.size() == 1);
  CHECK(r[0].status == "green");
  CHECK(r[0].filled_percent == Approx(90.0));
  CHECK(r[0].required_filled_percent == Approx(100.0));
  CHECK(r[0].required_columns == 3);
  CHECK(r[0].warnings == 2);
  CHECK(r[0].errors == 0);
  CHECK(r[0].reasons.empty());
  CHECK(r[0].Reason().empty());
  CHECK(r[0].fixes.empty());
}

TEST_CASE("readiness: an error on at most 2 rows in 100 is amber, with the column named", "[readiness]") {
  // Two errors in 100 rows: 2 per 100, not more than 2: amber.
  Findings f{At("bad-date", Severity::kError, 6, 7, "cin_closure_date", "/data/cin.csv", 8, "END"),
             At("bad-date", Severity::kError, 6, 9, "cin_closure_date", "/data/cin.csv", 10, "END")};
  std::vector<ListReadiness> r = AssessReadiness({List6(0, 0)}, f);
  CHECK(r[0].status == "amber");
  CHECK(r[0].Reason() == "2 errors in 'CIN Closure Date'");
  REQUIRE(r[0].fixes.size() == 2);
  CHECK(r[0].fixes[0].Text() == "bad-date in 'CIN Closure Date': cin.csv row 8, column END (1 finding in List 6)");
  CHECK(r[0].fixes[1].Text() == "bad-date in 'CIN Closure Date': cin.csv row 10, column END (1 finding in List 6)");

  // A third: 3 per 100 rows, over 2: red.
  f.push_back(At("child-repeated", Severity::kError, 6, 12, ""));
  r = AssessReadiness({List6(0, 0)}, f);
  CHECK(r[0].status == "red");
  CHECK(r[0].Reason() == "2 errors in 'CIN Closure Date'; 1 child-repeated error");
  REQUIRE(r[0].fixes.size() == 3);
  CHECK(r[0].fixes[2].Text() == "child-repeated: List 6 row 12 (1 finding in List 6)");
}

TEST_CASE("readiness: a column every row must fill decides by its blank share", "[readiness]") {
  // Primary need 12 of 100 blank: 88% filled, under 90: red, said as its
  // blank share rather than as its 12 missing-required errors.
  Findings f;
  for (int i = 0; i < 12; ++i)
    f.push_back(At("missing-required", Severity::kError, 6, 10 + i, "primary_need", "/d/cin.csv", 20 + i, "NEED"));
  std::vector<ListReadiness> r = AssessReadiness({List6(12, 0)}, f);
  CHECK(r[0].status == "red");
  CHECK(r[0].errors == 12);
  CHECK(r[0].required_filled_percent == Approx(100.0 * 288 / 300));
  CHECK(r[0].Reason() == "'Primary Need Code' 12% blank");

  // Gender (expected: its blanks are warnings) 3 of 100 blank: 97%, under
  // 98 but not under 90: amber on that alone.
  Findings g;
  for (int i = 0; i < 3; ++i)
    g.push_back(At("missing-expected", Severity::kWarning, 6, 1 + i, "gender", "/d/people.csv", 2 + i, "people.SEX"));
  r = AssessReadiness({List6(0, 3)}, g);
  CHECK(r[0].status == "amber");
  CHECK(r[0].Reason() == "'Gender' 3% blank");
  REQUIRE(r[0].fixes.size() == 3);
  CHECK(r[0].fixes[0].Text() == "missing-expected in 'Gender': people.csv row 2, column people.SEX (1 finding in List 6)");

  // 2 of 100 blank: 98%, green (the warnings stay warnings).
  g.resize(2);
  r = AssessReadiness({List6(0, 2)}, g);
  CHECK(r[0].status == "green");
  CHECK(r[0].warnings == 2);
}

TEST_CASE("readiness: explained findings are counted apart and never make a list amber or red", "[readiness]") {
  Findings f;
  for (int i = 0; i < 5; ++i) {
    Finding x = At("bad-date", Severity::kError, 6, 1 + i, "cin_closure_date", "/d/cin.csv", 2 + i, "END");
    x.explained_by = "Jo";
    x.explained_on = "2026-11-20";
    x.explained_reason = "closed on paper";
    f.push_back(x);
  }
  const std::vector<ListReadiness> r = AssessReadiness({List6(0, 0)}, f);
  CHECK(r[0].status == "green");
  CHECK(r[0].errors == 0);
  CHECK(r[0].explained == 5);
}

TEST_CASE("readiness: the top fixes are the root causes with the most findings, in every list", "[readiness]") {
  // One blank disability in people.csv row 57 feeds Lists 5, 6 and 8 (one
  // root cause, three findings); two lone errors in List 6. The shared one
  // comes first; then the lone ones in the order they were found.
  ListCompleteness l5 = List6(0, 0), l8 = List6(0, 0);
  l5.list = 5;
  l8.list = 8;
  Findings f{At("bad-date", Severity::kError, 6, 3, "cin_closure_date", "/d/cin.csv", 4, "END"),
             At("missing-required", Severity::kError, 5, 2, "disability", "/d/people.csv", 57, "people.DISABLED"),
             At("missing-required", Severity::kError, 6, 8, "disability", "/d/people.csv", 57, "people.DISABLED"),
             At("child-repeated", Severity::kError, 6, 11, ""),
             At("missing-required", Severity::kError, 8, 1, "disability", "/d/people.csv", 57, "people.DISABLED")};
  const std::vector<ListReadiness> r = AssessReadiness({l5, List6(0, 0), l8}, f);
  REQUIRE(r.size() == 3);
  CHECK(r[1].list == 6);
  CHECK(r[1].errors == 3);
  CHECK(r[1].status == "red");  // 3 errors in 100 rows
  // disability is no column of this hand-made list: said by its rule,
  // after the columns, in the order found.
  CHECK(r[1].Reason() == "1 error in 'CIN Closure Date'; 1 missing-required error; 1 child-repeated error");
  REQUIRE(r[1].fixes.size() == 3);
  CHECK(r[1].fixes[0].Text() == "missing-required: people.csv row 57, column people.DISABLED (3 findings in Lists 5, 6, 8)");
  CHECK(r[1].fixes[0].findings == 3);
  CHECK(r[1].fixes[0].lists == std::vector<int>{5, 6, 8});
  CHECK(r[1].fixes[1].Text() == "bad-date in 'CIN Closure Date': cin.csv row 4, column END (1 finding in List 6)");
  CHECK(r[1].fixes[2].Text() == "child-repeated: List 6 row 11 (1 finding in List 6)");
  CHECK(r[0].status == "amber");  // 1 error in 100 rows
  CHECK(r[2].status == "amber");
}

TEST_CASE("readiness: an empty list is amber; findings counted beyond a rule's cap count", "[readiness]") {
  ListCompleteness empty;
  empty.list = 11;
  empty.title = "List 11: Adopters";
  Findings f(1);  // one finding of a code stored, the rest counted
  f.push_back(At("bad-date", Severity::kError, 6, 1, "cin_closure_date", "/d/cin.csv", 2, "END"));
  f.push_back(At("bad-date", Severity::kError, 6, 2, "cin_closure_date", "/d/cin.csv", 3, "END"));
  f.push_back(At("bad-date", Severity::kError, 6, 3, "cin_closure_date", "/d/cin.csv", 4, "END"));
  const std::vector<ListReadiness> r = AssessReadiness({List6(0, 0), empty}, f);
  CHECK(r[0].errors == 3);
  CHECK(r[0].status == "red");
  CHECK(r[0].Reason() == "1 error in 'CIN Closure Date'; 2 more bad-date errors, counted beyond the rule's cap");
  REQUIRE(r[0].fixes.size() == 1);  // the counted ones have no place
  CHECK(r[1].status == "amber");
  CHECK(r[1].Reason() == "no rows (an empty list may be right: check its source is mapped and read)");
  CHECK(r[1].fixes.empty());
}

TEST_CASE("readiness: the legend says the thresholds", "[readiness]") {
  CHECK(ReadinessLegend() ==
        "A list is green when it has rows, no error that is not explained, and every column each row must fill "
        "(Ofsted's required columns, and those established tools expect) at least 98% filled; red when its errors "
        "not explained are more than 2 per 100 rows or such a column is less than 90% filled; amber otherwise, and "
        "when it has no rows (it may be right, but look). Warnings, optional and conditional columns and explained "
        "findings are reported but never decide the status.");
  CHECK(ShortPercent(12) == "12%");
  CHECK(ShortPercent(1.46) == "1.5%");
}

}  // namespace annexa::validate
