// The findings the mapping stage raises: each fires on bad data and stays
// quiet on good data.
#include <catch2/catch.hpp>

#include "mapping/pack_fixture.h"

using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

// List 7 from plans joined to people; `join_required` as in the config.
std::string Config(bool join_required) {
  return std::string(R"Y(sources:
  people: people.csv
  plans: plans.csv
lists:
  7:
    from: plans
    join: [{table: people, on: ID, required: )Y") +
         (join_required ? "true" : "false") + R"Y(}]
    window: {start: cp_plan_start_date, end: cp_plan_end_date}
    columns:
      child_id: ID
      gender: people.SEX
      date_of_birth: people.DOB
      age: {derive: age}
      cp_plan_start_date: START
      cp_plan_end_date: END
      initial_category: CAT
      previous_cp_plans: PREV
)Y";
}

std::vector<std::string> Codes(const annexa::mapping::MappedPack& p) {
  std::vector<std::string> out;
  for (const auto& f : p.findings)
    // code-spelling (issue 16: "F", "Neglect", "EMO" read by built-in rules,
    // once per column and spelling) is tested in code_resolver_test.cc.
    if (f.code != "list-not-mapped" && f.code != "column-not-mapped" && f.code != "required-column-not-mapped" &&
        f.code != "code-spelling")
      out.push_back(f.code + "|" + std::to_string(f.list_row) + "|" + f.column + "|" + f.value + "|" + std::to_string(f.source_row));
  return out;
}

}  // namespace

TEST_CASE("mapping rules: good data raises nothing", "[mapping][rules]") {
  PackFixture f;
  f.File("people.csv", "ID,SEX,DOB\nA,F,01/03/2015\nB,M,02/04/2016\n");
  f.File("plans.csv", "ID,START,END,CAT,PREV\nA,2026-01-10,,Neglect,0\nB,2026-02-10,,EMO,2\n");
  auto p = f.Build(ConfigHead() + Config(true));
  CHECK(Codes(p).empty());
  CHECK(PackFixture::List(p, 7).rows.size() == 2);
}

TEST_CASE("mapping rules: bad-date, bad-integer, missing-id and join-duplicate-key fire", "[mapping][rules]") {
  PackFixture f;
  f.File("people.csv", "ID,SEX,DOB\nA,F,31/04/2015\nB,M,02/04/2016\nB,M,02/04/2016\n,F,01/01/2010\n");
  f.File("plans.csv", "ID,START,END,CAT,PREV\nA,2026-01-10,,Neglect,many\nB,2026-02-10,,EMO,1.5\n,2026-02-11,,EMO,0\n");
  auto p = f.Build(ConfigHead() + Config(false));
  // The repeated key is located at its first repeat: people.csv line 4, B.
  CHECK(Codes(p) == std::vector<std::string>{"join-duplicate-key|0||B|4", "missing-id|0|child_id||4",
                                             "bad-date|1|date_of_birth|31/04/2015|2", "bad-integer|1|previous_cp_plans|many|2",
                                             "bad-integer|2|previous_cp_plans|1.5|3"});
  CHECK(PackFixture::List(p, 7).account.excluded == std::map<std::string, int64_t>{{"no Child Unique ID", 1}});
}
