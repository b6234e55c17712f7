// Findings about children (issue 19): whom each finding is about, where
// the value lives (a joined table's row), root causes and the identity that
// compares runs.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/finding.h"
#include "sources/csv_reader.h"
#include "test_support.h"
#include "validate/root_causes.h"

using namespace annexa;

namespace {

Finding At(const std::string& code, const std::string& source, int64_t row, const std::string& column) {
  Finding f;
  f.code = code;
  f.source = source;
  f.source_row = row;
  f.source_column = column;
  return f;
}

}  // namespace

TEST_CASE("root causes: findings sharing one source cell are one cause, the first standing for it", "[findings][roots]") {
  Findings f;
  f.push_back(At("missing-required", "/d/people.csv", 5, "people.DISABLED"));  // R1 root
  f.push_back(At("missing-required", "/d/people.csv", 6, "people.DISABLED"));  // R2 root
  f.push_back(At("missing-required", "/d/people.csv", 5, "people.DISABLED"));  // R1 consequence
  f.push_back(At("missing-list", "", 0, ""));                                  // R3: no cell, alone
  f.push_back(At("missing-list", "", 0, ""));                                  // R4: no cell, alone
  f.push_back(At("bad-date", "/d/people.csv", 5, "people.DOB"));               // R5: another column
  f.push_back(At("date-order", "/d/people.csv", 6, "people.DISABLED"));        // R2 consequence
  const validate::RootCauses r = validate::FindRootCauses(f);
  CHECK(r.root_of == std::vector<uint32_t>{1, 2, 1, 3, 4, 5, 2});
  CHECK(r.count() == 5);
  CHECK(r.first == std::vector<size_t>{0, 1, 3, 4, 5});
  CHECK(r.findings == std::vector<uint32_t>{2, 2, 1, 1, 1});
  CHECK(r.IsRoot(0));
  CHECK_FALSE(r.IsRoot(2));
  CHECK_FALSE(r.IsRoot(6));
  CHECK(r.Shared(6) == 2);
}

TEST_CASE("finding identity: child, list, column and rule; never the file's folder or the row", "[findings][identity]") {
  Finding a = At("missing-required", "/data/2026-11/people.csv", 5, "people.DISABLED");
  a.list = 4;
  a.column = "disability";
  a.child = "C1";
  a.list_row = 7;
  Finding moved = a;  // the same gap, read from another folder and row
  moved.source = "/data/2026-12/people.csv";
  moved.source_row = 9;
  moved.list_row = 8;
  CHECK(FindingIdentity(a) == FindingIdentity(moved));
  Finding other_child = a;
  other_child.child = "C2";
  CHECK(FindingIdentity(a) != FindingIdentity(other_child));
  Finding other_list = a;
  other_list.list = 5;
  CHECK(FindingIdentity(a) != FindingIdentity(other_list));
  Finding other_rule = a;
  other_rule.code = "missing-expected";
  CHECK(FindingIdentity(a) != FindingIdentity(other_rule));
  CHECK(FindingIdentity(a) == std::string("missing-required\x1f" "4\x1f" "disability\x1f" "C1"));
  // A spelling stands for many rows: its value, not its first row's child.
  Finding s = a;
  s.code = "code-spelling";
  s.value = "White British";
  Finding s2 = s;
  s2.child = "C9";
  CHECK(FindingIdentity(s) == FindingIdentity(s2));
  CHECK(FindingIdentity(s) ==
        std::string("code-spelling\x1f" "4\x1f" "disability\x1f" "\x1f" "people.csv\x1f" "White British"));
}

// Exampleshire's blank ethnicities (the generator's blank-demographic
// defect): each a missing-expected warning in every list the child is in.
// (This read the blank disabilities until the config mapped a blank
// DISABLED to c) Unknown, as Exampleshire's README says it means: they are
// no longer findings.)
TEST_CASE("findings about children: Exampleshire's blank ethnicities, once per people row, located there",
          "[findings][roots]") {
  const std::string out = testing::MakeTempDir() + "/out";
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, Resources::Under(testing::SourceDir())};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml", "--out", out,
                              "--generated-at", "2026-11-23T09:00:00", "--quiet"},
                             ctx);
  INFO(e.str());
  REQUIRE(rc == 1);
  // people.csv read independently: line number -> (PERSON_ID, ETHNICITY).
  auto people = sources::ReadCsvFile(testing::SourceDir() + "/examples/exampleshire/data/people.csv");
  REQUIRE(people.ok());
  const int id_col = people->ColumnIndex("PERSON_ID"), dis_col = people->ColumnIndex("ETHNICITY");
  REQUIRE(id_col >= 0);
  std::map<int64_t, std::pair<std::string, std::string>> by_line;
  for (size_t r = 0; r < people->size(); ++r)
    by_line[static_cast<int64_t>(r) + 2] = {std::string(people->cell(r, static_cast<size_t>(id_col))),
                                            std::string(people->cell(r, static_cast<size_t>(dis_col)))};
  auto csv = sources::ReadCsvFile(out + "/annex_a_999_2026-11-23_findings.csv");
  REQUIRE(csv.ok());
  auto col = [&](const char* name) {
    const int c = csv->ColumnIndex(name);
    REQUIRE(c >= 0);
    return static_cast<size_t>(c);
  };
  const size_t code = col("code"), column = col("column"), source = col("source"), source_row = col("source_row"),
               source_column = col("source_column"), child = col("child"), root = col("root"),
               role = col("root_role"), shared = col("root_findings"), list = col("list"), team = col("team");
  std::map<std::string, std::set<std::string>> root_lists;  // root -> lists of its findings
  std::map<std::string, int> root_size;
  std::set<int64_t> lines;
  int findings = 0, roots = 0;
  for (size_t r = 0; r < csv->size(); ++r) {
    if (csv->cell(r, code) != "missing-expected" || csv->cell(r, column) != "ethnicity") continue;
    ++findings;
    INFO("findings row " << r + 2);
    // Located in the people file, at the child's own row, where the cell is blank.
    CHECK(std::string(csv->cell(r, source)).ends_with("examples/exampleshire/data/people.csv"));
    CHECK(csv->cell(r, source_column) == "people.ETHNICITY");
    const int64_t line = std::stoll(std::string(csv->cell(r, source_row)));
    REQUIRE(by_line.count(line));
    CHECK(by_line[line].first == csv->cell(r, child));
    CHECK(by_line[line].second.empty());
    const int l = std::stoi(std::string(csv->cell(r, list)));
    if (l >= 4 && l <= 9) CHECK(!csv->cell(r, team).empty());  // Lists 3-9 carry the allocated team
    if (l > 9) CHECK(csv->cell(r, team).empty());  // Lists 10 and 11 do not
    const std::string rt(csv->cell(r, root));
    root_lists[rt].insert(std::string(csv->cell(r, list)));
    ++root_size[rt];
    if (csv->cell(r, role) == "root") {
      ++roots;
      CHECK(lines.insert(line).second);  // one root per people row
    }
    CHECK(csv->cell(r, shared) != "");
  }
  // Every finding of a root is in a different list (one cell per list
  // the child is in), and each root's size is its findings' count.
  CHECK(roots == static_cast<int>(root_lists.size()));
  for (const auto& [rt, ls] : root_lists) CHECK(static_cast<int>(ls.size()) == root_size[rt]);
  CHECK(findings > roots);  // some children are in more than one list
}
