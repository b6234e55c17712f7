// Each malformed spec names the file, line and column of the problem.
#include <catch2/catch.hpp>

#include "spec/spec_loader.h"
#include "test_support.h"

using annexa::testing::MakeTempDir;
using annexa::testing::WriteTextFile;
using namespace annexa::spec;

namespace {

const char* kCodes = R"(code_sets:
  YN:
    title: "Yes / No"
    values:
      - display: "a) Yes"
      - display: "b) No"
)";

const char* kColumns = R"(columns:
  child_id:
    header: "Child Unique ID"
    type: id
    blank: never
)";

const char* kVersion = R"(version: test-1
title: "Test"
lists:
  - list_01.yaml
)";

// Line numbers in the tests below refer to this file.
const char* kList = R"(list: 1
title: "List 1: Contacts"
sheet: List_1
inclusion: "All contacts."
grain: event
window:
  months: 6
columns:
  - use: child_id
  - key: seen
    header: "Seen?"
    type: code
    code_set: YN
    blank: never
)";

struct Fixture {
  std::string root = MakeTempDir();
  std::string list_path;
  Fixture(const std::string& list = kList, const std::string& codes = kCodes,
          const std::string& version = kVersion) {
    WriteTextFile(root, "codes.yaml", codes);
    WriteTextFile(root, "columns.yaml", kColumns);
    WriteTextFile(root, "test-1/version.yaml", version);
    list_path = WriteTextFile(root, "test-1/list_01.yaml", list);
  }
  std::string Error() {
    auto r = LoadSpecVersion(root, "test-1");
    REQUIRE_FALSE(r.ok());
    return r.status().message();
  }
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("spec loader: the minimal fixture loads", "[spec]") {
  Fixture f;
  auto r = LoadSpecVersion(f.root, "test-1");
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->TotalColumns() == 2);
  CHECK(r->lists[0].columns[1].match_form == "seen");
}

TEST_CASE("spec loader: unknown key names file, line and column", "[spec]") {
  Fixture g(Replace(kList, "blank: never\n", "blnk: never\n"));
  CHECK(g.Error() == g.list_path +
                         ":14:5: unknown key 'blnk' in column 'seen' (expected one of: use, key, header, "
                         "aliases, type, min, max, code_set, blank, blank_when, blank_only_if_blank, "
                         "blank_basis, guidance, personal)");
}

TEST_CASE("spec loader: duplicate column key", "[spec]") {
  Fixture f(std::string(kList) + "  - key: seen\n    header: \"Seen again\"\n    type: text\n    blank: allowed\n");
  CHECK(f.Error() == f.list_path + ":15:5: duplicate column 'seen' in List 1 (first defined at line 10)");
}

TEST_CASE("spec loader: duplicate column header, told apart only by case and a question mark", "[spec]") {
  Fixture f(std::string(kList) + "  - key: seen2\n    header: \"SEEN\"\n    type: text\n    blank: allowed\n");
  CHECK(f.Error() == f.list_path + ":15:5: duplicate column header 'SEEN' in List 1 (first defined at line 10)");
}

TEST_CASE("spec loader: undefined code set", "[spec]") {
  Fixture f(Replace(kList, "code_set: YN", "code_set: YNX"));
  CHECK(f.Error() == f.list_path + ":13:15: column 'seen' uses undefined code set 'YNX'");
}

TEST_CASE("spec loader: wrong column type", "[spec]") {
  Fixture f(Replace(kList, "type: code", "type: datetime"));
  CHECK(f.Error() == f.list_path +
                         ":12:11: column 'seen' has unknown type 'datetime' (expected one of: id, date, "
                         "integer, code, text, postcode)");
}

TEST_CASE("spec loader: bounds must be whole numbers, in order, on integers only", "[spec]") {
  Fixture a(Replace(kList, "    blank: never\n", "    blank: never\n    min: low\n"));
  CHECK(a.Error() == a.list_path + ":15:10: 'min' must be a whole number, not 'low'");
  Fixture b(Replace(Replace(kList, "type: code", "type: integer"), "    code_set: YN\n",
                    "    min: 5\n    max: 2\n"));
  CHECK(b.Error() == b.list_path + ":13:10: column 'seen': 'min' 5 is greater than 'max' 2");
  Fixture c(Replace(kList, "    blank: never\n", "    blank: never\n    max: 3\n"));
  CHECK(c.Error() == c.list_path + ":15:10: column 'seen': 'min' and 'max' apply only to type integer");
}

TEST_CASE("spec loader: a conditional blank rule needs its condition", "[spec]") {
  Fixture f(Replace(kList, "blank: never", "blank: conditional"));
  CHECK(f.Error() == f.list_path + ":14:12: column 'seen' has blank: conditional but no 'blank_when'");
}

TEST_CASE("spec loader: use of an undefined shared column", "[spec]") {
  Fixture f(Replace(kList, "use: child_id", "use: child_idd"));
  CHECK(f.Error() == f.list_path + ":9:10: column 'child_idd' uses undefined shared column 'child_idd'");
}

TEST_CASE("spec loader: a missing required key is reported at its mapping", "[spec]") {
  Fixture f(Replace(kList, "sheet: List_1\n", ""));
  CHECK(f.Error() == f.list_path + ":1:1: the list file is missing required key 'sheet'");
}

TEST_CASE("spec loader: YAML duplicate keys and syntax errors", "[spec]") {
  Fixture a(Replace(kList, "grain: event\n", "grain: event\ngrain: child\n"));
  CHECK(a.Error() == a.list_path + ":6:1: duplicate key 'grain'");
  Fixture b(Replace(kList, "title: \"List 1: Contacts\"", "title: \"List 1: Contacts"));
  CHECK(b.Error().rfind(b.list_path + ":", 0) == 0);
}

TEST_CASE("spec loader: every problem is reported, not just the first", "[spec]") {
  Fixture f(Replace(Replace(kList, "code_set: YN", "code_set: NOPE"), "grain: event", "grain: rows"));
  CHECK(f.Error() == f.list_path + ":5:8: the list has unknown grain 'rows' (expected one of: child, event, adopter)\n" +
                         f.list_path + ":13:15: column 'seen' uses undefined code set 'NOPE'");
}

TEST_CASE("spec loader: code values name only known versions", "[spec]") {
  Fixture f(kList, std::string(kCodes) + "      - display: \"c) Maybe\"\n        versions: [test-9]\n");
  CHECK(f.Error() == f.root + "/codes.yaml:8:19: code value 'c) Maybe' names unknown version 'test-9'");
}

TEST_CASE("spec loader: the version file must name its own folder", "[spec]") {
  Fixture f(kList, kCodes, Replace(kVersion, "version: test-1", "version: test-2"));
  CHECK(f.Error() == f.root + "/test-1/version.yaml:1:10: 'version' is 'test-2' but the folder is 'test-1'");
}
