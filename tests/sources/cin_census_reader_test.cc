#include "sources/cin_census_reader.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::sources {
namespace {

using Row = std::vector<std::string>;
using Tables = std::map<std::string, Table>;

const Table& Get(const Tables& tables, const std::string& name) {
  auto it = tables.find(name);
  REQUIRE(it != tables.end());
  return it->second;
}

std::string SamplePath() {
  return annexa::testing::SampleFile("cin_census/fake_cin_332_children.xml");
}

std::string FixturePath() { return testing::TestDataDir() + "/cin_census/full_child.xml"; }

// Issue 16 added children.Sex (the 2024+ schema's element) and, as the last
// column of every other table, the child's PersonDeathDate (context, for
// DfE rule 8555Q): the rows below carry them.
const std::map<std::string, std::vector<std::string>> kExpectedHeaders = {
    {"children",
     {"LAchildID", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "Ethnicity",
      "UPN", "PersonDeathDate", "Disabilities", "Sex"}},
    {"cin_episodes",
     {"LAchildID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
      "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "PersonDeathDate"}},
    {"assessments",
     {"LAchildID", "CINreferralDate", "AssessmentActualStartDate", "AssessmentInternalReviewDate",
      "AssessmentAuthorisationDate", "AssessmentFactors", "PersonDeathDate"}},
    {"cin_plans", {"LAchildID", "CINreferralDate", "CINPlanStartDate", "CINPlanEndDate", "PersonDeathDate"}},
    {"section47",
     {"LAchildID", "CINreferralDate", "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC",
      "ICPCnotRequired", "PersonDeathDate"}},
    {"cp_plans",
     {"LAchildID", "CINreferralDate", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
      "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "CPPreviewDates", "PersonDeathDate"}},
};

void CheckShape(const Tables& tables, const std::string& origin) {
  REQUIRE(tables.size() == kExpectedHeaders.size());
  for (const auto& [name, headers] : kExpectedHeaders) {
    const Table& table = Get(tables, name);
    CHECK(table.name == name);
    CHECK(table.origin == origin);
    CHECK(table.headers == headers);
    CHECK(table.source_rows.size() == table.size());
    for (size_t r = 0; r < table.size(); ++r) CHECK(table.Row(r).size() == headers.size());
  }
}

TEST_CASE("CIN census: the 332-child sample", "[cin]") {
  auto result = ReadCinCensusFile(SamplePath());
  REQUIRE(result.ok());
  const Tables& tables = *result;
  CheckShape(tables, SamplePath());

  const Table& children = Get(tables, "children");
  const Table& episodes = Get(tables, "cin_episodes");
  CHECK(children.size() == 332);
  CHECK(episodes.size() == 402);
  CHECK(Get(tables, "assessments").size() == 0);
  CHECK(Get(tables, "cin_plans").size() == 0);
  CHECK(Get(tables, "section47").size() == 0);
  CHECK(Get(tables, "cp_plans").size() == 0);

  // First child: no expected birth date, death date or disabilities.
  CHECK(children.Row(0) == Row{"RND000215205141", "2019-12-06", "", "1", "WIRT",
                                "A850728973744", "", "", ""});
  CHECK(children.source_rows[0] == 18);  // line of the first <Child>
  CHECK(episodes.Row(0) == Row{"RND000215205141", "2020-07-13", "4", "N6", "2021-06-11", "RC2",
                                "2020-09-29", "true", ""});
  CHECK(episodes.source_rows[0] == 28);

  // Second child has two episodes; the second one is still open.
  CHECK(episodes.Row(2) ==
        Row{"RND000824303014", "2017-10-22", "3A", "N9", "", "", "2017-11-05", "true", ""});
  CHECK(episodes.source_rows[1] == 48);

  // The fifth child is the first with disabilities.
  CHECK(children.cell(4, 0) == "RND000382171815");
  CHECK(children.cell(4, 7) == "VIS;MOB;COMM");
  CHECK(children.cell(19, 0) == "RND000958425881");
  CHECK(children.cell(19, 6) == "2007-07-04");

  // Last rows: the walk reaches the end of the file and lines stay exact.
  CHECK(children.cell(children.size() - 1, 0) == "RND000589802835");
  CHECK(children.source_rows.back() == 7204);
  CHECK(episodes.source_rows.back() == 7214);
}

TEST_CASE("CIN census: a synthetic return with every group", "[cin]") {
  auto result = ReadCinCensusFile(FixturePath());
  REQUIRE(result.ok());
  const Tables& tables = *result;
  CheckShape(tables, FixturePath());

  const Table& children = Get(tables, "children");
  REQUIRE(children.size() == 2);
  // Values are trimmed; FormerUPN / UPNunknown are not columns.
  CHECK(children.Row(0) == Row{"SYN-0001", "2015-04-01", "", "2", "WBRI", "Z000000000001",
                                "2024-02-29", "HAND;VIS", ""});
  // A child without LAchildID keeps its row (the mapper reports the gap).
  CHECK(children.Row(1) ==
        Row{"", "", "2024-05-01", "0", "NOBT", "Z000000000002", "", "", ""});
  CHECK(children.source_rows == std::vector<int64_t>{17, 89});

  const Table& episodes = Get(tables, "cin_episodes");
  REQUIRE(episodes.size() == 3);
  CHECK(episodes.Row(0) ==
        Row{"SYN-0001", "2022-05-10", "1A", "N1", "2023-01-20", "RC7", "2022-06-15", "0", "2024-02-29"});
  CHECK(episodes.Row(1) == Row{"SYN-0001", "2023-11-02", "5C", "N4", "", "", "", "1", "2024-02-29"});
  CHECK(episodes.Row(2) == Row{"", "2024-01-15", "9", "N2", "", "", "", "false", ""});
  CHECK(episodes.source_rows == std::vector<int64_t>{34, 82, 98});

  const Table& assessments = Get(tables, "assessments");
  REQUIRE(assessments.size() == 2);
  CHECK(assessments.Row(0) ==
        Row{"SYN-0001", "2022-05-10", "2022-05-11", "2022-06-01", "2022-06-20", "2B;3A;21", "2024-02-29"});
  CHECK(assessments.Row(1) == Row{"SYN-0001", "2022-05-10", "2022-09-01", "", "", "", "2024-02-29"});
  CHECK(assessments.source_rows == std::vector<int64_t>{42, 52});

  const Table& cin_plans = Get(tables, "cin_plans");
  REQUIRE(cin_plans.size() == 1);
  CHECK(cin_plans.Row(0) == Row{"SYN-0001", "2022-05-10", "2022-06-21", "2022-12-31", "2024-02-29"});
  CHECK(cin_plans.source_rows == std::vector<int64_t>{55});

  const Table& section47 = Get(tables, "section47");
  REQUIRE(section47.size() == 3);
  CHECK(section47.Row(0) ==
        Row{"SYN-0001", "2022-05-10", "2022-05-12", "2022-06-09", "2022-06-15", "false", "2024-02-29"});
  CHECK(section47.Row(1) == Row{"SYN-0001", "2022-05-10", "2022-10-03", "2022-10-31", "", "true", "2024-02-29"});
  CHECK(section47.Row(2) == Row{"", "2024-01-15", "2024-01-16", "", "", "", ""});
  CHECK(section47.source_rows == std::vector<int64_t>{59, 65, 103});

  const Table& cp_plans = Get(tables, "cp_plans");
  REQUIRE(cp_plans.size() == 1);
  CHECK(cp_plans.Row(0) == Row{"SYN-0001", "2022-05-10", "2022-06-15", "2023-01-19", "NEG", "EMO",
                                "1", "2022-09-07;2022-12-07", "2024-02-29"});
  CHECK(cp_plans.source_rows == std::vector<int64_t>{70});
}

TEST_CASE("CIN census: empty <Children/> gives empty tables with headers", "[cin]") {
  auto result = ParseCinCensus("<Message><Header/><Children/></Message>", "empty.xml");
  REQUIRE(result.ok());
  CheckShape(*result, "empty.xml");
  for (const auto& [name, table] : *result) CHECK(table.empty());
}

TEST_CASE("CIN census: namespaced elements and split text", "[cin]") {
  const std::string xml =
      "<c:Message xmlns:c='urn:x'><c:Children><c:Child>\n"
      "<c:ChildIdentifiers><c:LAchildID>A<!-- note -->1</c:LAchildID></c:ChildIdentifiers>\n"
      "<c:CINdetails><c:CINreferralDate>2020-01-01</c:CINreferralDate>"
      "<c:LAchildID>stray</c:LAchildID></c:CINdetails>\n"
      "</c:Child></c:Children></c:Message>";
  auto result = ParseCinCensus(xml, "ns.xml");
  REQUIRE(result.ok());
  const Table& children = Get(*result, "children");
  REQUIRE(children.size() == 1);
  CHECK(children.cell(0, 0) == "A1");
  CHECK(children.source_rows[0] == 1);
  const Table& episodes = Get(*result, "cin_episodes");
  REQUIRE(episodes.size() == 1);
  // The id comes from the child, not from a stray element in the episode.
  CHECK(episodes.cell(0, 0) == "A1");
  CHECK(episodes.cell(0, 1) == "2020-01-01");
  CHECK(episodes.source_rows[0] == 3);
}

TEST_CASE("CIN census: other XML is refused with the root's name", "[cin]") {
  auto result = ParseCinCensus("<EXPSSDA903><CHILD/></EXPSSDA903>", "903.xml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kParseError);
  CHECK(result.status().message() ==
        "903.xml: not a CIN census return (root element is 'EXPSSDA903', expected 'Message')");
}

TEST_CASE("CIN census: a DOCTYPE is refused", "[cin]") {
  auto result = ParseCinCensus(
      "<?xml version='1.0'?>\n<!DOCTYPE Message [<!ENTITY a 'aaaa'>]>\n"
      "<Message><Children/></Message>",
      "doctype.xml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == StatusCode::kParseError);
  CHECK(result.status().message() ==
        "doctype.xml: DOCTYPE declarations are not accepted (entity expansion)");
}

TEST_CASE("CIN census: malformed XML and missing files", "[cin]") {
  auto bad = ParseCinCensus("<Message><Children></Message>", "bad.xml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kParseError);
  CHECK(bad.status().message().rfind("bad.xml: XML error at byte ", 0) == 0);

  auto missing = ReadCinCensusFile(testing::MakeTempDir() + "/absent.xml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace annexa::sources
