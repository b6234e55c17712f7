// Explained gaps (issue 19): the council's explanations file read with every
// problem named by file, row and column; findings matched by identity and
// marked, stale explanations reported with their row; a run whose only
// errors are explained counts them apart, keeps its lists from red and
// exits 0.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/finding_kinds.h"
#include "gaps/explanations.h"
#include "history/run_summary.h"
#include "pack/run_pack.h"
#include "test_support.h"

namespace annexa {
namespace {

Finding Make(FindingKind kind, int list, const std::string& column, const std::string& child, int64_t list_row) {
  Finding f = MakeFinding(kind, "m");
  f.list = list;
  f.column = column;
  f.child = child;
  f.list_row = list_row;
  return f;
}

TEST_CASE("explanations: Excel-style headers, a UK date, extra columns ignored", "[gaps][explanations]") {
  const std::string text =
      "Rule,List,Column,Child,Explained By,Explained On,Reason,Notes\r\n"
      "missing-required,7,gender,C1,Jo Bloggs,20/11/2026,\"unborn child, gender not known\",asked SW\r\n"
      "code-spelling,1,ethnicity,,Jo Bloggs,2026-11-21,agreed spelling,\r\n";  // every row as wide as the header, as Excel saves it
  Result<gaps::Explanations> e = gaps::ParseExplanations(text, "expl.csv");
  INFO(e.status().message());
  REQUIRE(e.ok());
  REQUIRE(e->rows.size() == 2);
  CHECK(e->rows[0].row == 2);
  CHECK(e->rows[0].key.code == "missing-required");
  CHECK(e->rows[0].key.list == 7);
  CHECK(e->rows[0].key.column == "gender");
  CHECK(e->rows[0].key.child == "C1");
  CHECK(e->rows[0].by == "Jo Bloggs");
  CHECK(e->rows[0].on == "2026-11-20");  // DD/MM/YYYY read as a UK date
  CHECK(e->rows[0].reason == "unborn child, gender not known");
  CHECK(e->rows[1].row == 3);
  CHECK(e->rows[1].on == "2026-11-21");
  CHECK(e->by_identity.size() == 2);
}

TEST_CASE("explanations: every problem named by file, row and column", "[gaps][explanations]") {
  const std::string text =
      "rule,list,column,child,explained_by,explained_on,reason\n"
      "missing-required,7,gender,C1,Jo,2026-11-20,unborn child\n"
      "no-such-rule,7,gender,C2,Jo,2026-11-20,x\n"
      "missing-required,12x,gender,C3,,31/02/2026,\n"
      "missing-required,7,gender,C1,Ann,2026-11-21,again\n";
  Result<gaps::Explanations> e = gaps::ParseExplanations(text, "expl.csv");
  REQUIRE(!e.ok());
  CHECK(e.status().code() == StatusCode::kParseError);
  CHECK(e.status().message() ==
        "expl.csv row 3, column rule: 'no-such-rule' is not a finding code (see: annexa rules)\n"
        "expl.csv row 4, column list: '12x' is not a list: 1 to 11, 'audit' or empty\n"
        "expl.csv row 4, column explained_by: empty: who accepted the gap\n"
        "expl.csv row 4, column explained_on: '31/02/2026' is not a date (YYYY-MM-DD or DD/MM/YYYY)\n"
        "expl.csv row 4, column reason: empty: why the gap is accepted\n"
        "expl.csv row 5, column child: explains the same finding as row 2 (missing-required, list 7, column "
        "'gender', child 'C1')");
}

TEST_CASE("explanations: a required column missing from the header; a missing file", "[gaps][explanations]") {
  Result<gaps::Explanations> e =
      gaps::ParseExplanations("rule,list,column,child,explained_by,explained_on\nbad-date,1,x,C1,Jo,2026-01-01\n", "e.csv");
  REQUIRE(!e.ok());
  CHECK(e.status().message() ==
        "e.csv row 1, column reason: the header has no such column (required: rule, list, column, child, "
        "explained_by, explained_on, reason)");
  const std::string dir = testing::MakeTempDir();
  Result<gaps::Explanations> missing = gaps::LoadExplanations(dir + "/none.csv");
  REQUIRE(!missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message().find("the explanations file: ") == 0);
  CHECK(missing.status().message().find(dir + "/none.csv") != std::string::npos);
}

TEST_CASE("explanations: findings matched by identity, whatever their row; stale rows reported", "[gaps][explanations]") {
  // Row 2 explains C1's blank gender in List 7 (two list rows: both are
  // the same finding by identity); row 3 a spelling (no child: the source
  // file's name and the value); row 4 a child no longer found.
  const std::string text =
      "rule,list,column,child,explained_by,explained_on,reason,source,value\n"
      "missing-required,7,gender,C1,Jo,2026-11-20,unborn child,,\n"
      "code-spelling,7,ethnicity,,Jo,2026-11-20,agreed,people.csv,White British\n"
      "bad-date,7,date_of_birth,C9,Ann,2026-10-01,DOB being checked,,\n";
  Result<gaps::Explanations> e = gaps::ParseExplanations(text, "/council/expl.csv");
  INFO(e.status().message());
  REQUIRE(e.ok());
  Findings findings;
  findings.push_back(Make(kinds::kMissingRequired, 7, "gender", "C1", 1));
  findings.push_back(Make(kinds::kMissingRequired, 7, "gender", "C1", 4));
  findings.push_back(Make(kinds::kMissingRequired, 7, "gender", "C2", 2));  // another child: not explained
  Finding spelling = Make(kinds::kCodeSpelling, 7, "ethnicity", "C5", 3);  // about the spelling, not C5
  spelling.source = "/data/2026/people.csv";
  spelling.value = "White British";
  findings.push_back(spelling);
  gaps::ExplainOutcome outcome = gaps::ExplainFindings(*e, &findings);
  CHECK(outcome.explained == 3);
  CHECK(findings[0].Explained());
  CHECK(findings[0].explained_by == "Jo");
  CHECK(findings[0].explained_on == "2026-11-20");
  CHECK(findings[0].explained_reason == "unborn child");
  CHECK(findings[1].Explained());
  CHECK(!findings[2].Explained());
  CHECK(findings[3].explained_reason == "agreed");
  CHECK(gaps::UnexplainedErrors(findings));  // C2's
  REQUIRE(outcome.stale.size() == 1);
  const Finding& stale = outcome.stale[0];
  CHECK(stale.code == "explanation-stale");
  CHECK(stale.severity == Severity::kWarning);
  CHECK(stale.source == "/council/expl.csv");
  CHECK(stale.source_row == 4);
  CHECK(stale.child == "C9");
  CHECK(stale.message ==
        "row 4 explains bad-date in list 7, column 'date_of_birth', child C9, which this run does not find: fixed, "
        "or changed; remove or correct the row");

  Findings only_explained;
  only_explained.push_back(Make(kinds::kMissingRequired, 7, "gender", "C1", 1));
  gaps::ExplainFindings(*e, &only_explained);
  CHECK(!gaps::UnexplainedErrors(only_explained));
  // An error only counted (beyond its rule's cap) cannot be matched.
  only_explained.Count({"bad-date", Severity::kError, 7}, 1);
  CHECK(gaps::UnexplainedErrors(only_explained));
}

// The council of tests/pack/findings_cap_test.cc, worked by hand there: 12
// contacts in List 1's window; the 7 of X1..X7 have no match in people (7
// join-failed warnings); the 5 of C1 come from 'ZZ', which no code map
// covers (5 not-a-code errors, one identity: rule, list 1,
// contact_source, C1); Lists 2-11 not mapped (10 list-not-mapped
// warnings). 22 findings, 5 errors.
std::string WriteCouncil(const std::string& dir, const std::string& explanations_key) {
  testing::WriteTextFile(dir, "data/people.csv", "ID,SEX,ETH,DOB\nC1,F,WBRI,23/11/2010\n");
  std::string contacts = "CONTACT_ID,PERSON_ID,WHEN,SOURCE\n";
  for (int i = 1; i <= 7; ++i)
    contacts += "K" + std::to_string(i) + ",X" + std::to_string(i) + ",0" + std::to_string(i) + "/10/2026,POL\n";
  for (int day = 8; day <= 12; ++day)
    contacts += "K" + std::to_string(day) + ",C1," + (day < 10 ? "0" : "") + std::to_string(day) + "/10/2026,ZZ\n";
  testing::WriteTextFile(dir, "data/contacts.csv", contacts);
  return testing::WriteTextFile(dir, "config.yaml", R"(council: Capshire
la_code: "003"
spec: ilacs-2023
reference_date: 2026-11-23
base_dir: data
)" + explanations_key + R"(sources:
  people: people.csv
  contacts: contacts.csv
code_maps:
  gender: {M: "a) Male", F: "b) Female"}
  source: {POL: "5A"}
lists:
  1:
    from: contacts
    join: [{table: people, on: {left: PERSON_ID, right: ID}}]
    window: {start: date_of_contact}
    columns:
      child_id: PERSON_ID
      gender: {column: people.SEX, map: gender}
      ethnicity: people.ETH
      date_of_birth: people.DOB
      age: {derive: age}
      date_of_contact: WHEN
      contact_source: {column: SOURCE, map: source}
)");
}

const char* kExplainZz =
    "rule,list,column,child,explained_by,explained_on,reason\n"
    "not-a-code,1,contact_source,C1,Jo Bloggs,2026-11-20,ZZ is the school nurse service\n";

pack::PackRequest Request(const std::string& config, const std::string& out) {
  pack::PackRequest r;
  r.config_path = config;
  r.out_dir = out;
  r.resources = Resources::Under(testing::SourceDir());
  r.generated_at = "2026-11-23T09:30:00";
  return r;
}

TEST_CASE("explanations: a run whose only errors are explained counts them apart and its list is not red",
          "[gaps][explanations][pack]") {
  const std::string dir = testing::MakeTempDir(), out = dir + "/out";
  testing::WriteTextFile(dir, "explanations.csv", kExplainZz);
  // The config names the file, relative to the config's folder.
  Result<pack::PackResult> r = pack::RunPack(Request(WriteCouncil(dir, "explanations: explanations.csv\n"), out));
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(!r->errors_remain);  // the 5 errors are explained: exit 0
  CHECK(r->findings_explained == 5);
  const std::map<std::pair<Severity, std::string>, int64_t> explained = {{{Severity::kError, "not-a-code"}, 5}};
  CHECK(r->explained_by_code == explained);
  CHECK(r->findings == 17);  // 22 - 5
  const std::map<std::pair<Severity, std::string>, int64_t> open = {{{Severity::kWarning, "join-failed"}, 7},
                                                                     {{Severity::kWarning, "list-not-mapped"}, 10}};
  CHECK(r->findings_by_code == open);
  // The run summary (what rehearse's list status reads): List 1 has no
  // errors left, its 5 explained counted apart.
  REQUIRE(r->summary.lists.size() == 11);
  CHECK(r->summary.lists[0].errors == 0);
  CHECK(r->summary.lists[0].warnings == 7);
  CHECK(r->summary.lists[0].explained == 5);
  Result<history::RunSummary> summary = history::LoadRunSummary(out);
  REQUIRE(summary.ok());
  CHECK(summary->lists[0].errors == 0);
  CHECK(summary->lists[0].explained == 5);
  // The findings file still lists them, each with who, when and why.
  const std::string csv = testing::ReadBytes(out + "/annex_a_003_2026-11-23_findings.csv");
  CHECK(csv.find(",message,explained_by,explained_on,explained_reason\r\n") != std::string::npos);
  size_t marked = 0;
  for (size_t at = 0; (at = csv.find(",Jo Bloggs,2026-11-20,ZZ is the school nurse service\r\n", at)) != std::string::npos; ++at)
    ++marked;
  CHECK(marked == 5);
}

TEST_CASE("explanations: --explanations overrides the config; a stale row is a warning naming its row",
          "[gaps][explanations][pack]") {
  const std::string dir = testing::MakeTempDir(), out = dir + "/out";
  testing::WriteTextFile(dir, "other.csv",
                         std::string(kExplainZz) + "not-a-code,1,contact_source,C9,Ann,2026-11-01,gone since\n");
  pack::PackRequest request = Request(WriteCouncil(dir, "explanations: no-such-file.csv\n"), out);
  request.explanations_path = dir + "/other.csv";
  Result<pack::PackResult> r = pack::RunPack(request);
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->findings_explained == 5);
  CHECK(r->findings == 18);  // 17 open + the stale explanation
  CHECK(r->findings_by_code.at({Severity::kWarning, "explanation-stale"}) == 1);
  CHECK(!r->errors_remain);
  const std::string csv = testing::ReadBytes(out + "/annex_a_003_2026-11-23_findings.csv");
  CHECK(csv.find(",warning,explanation-stale,,,,,,,not-a-code," + dir + "/other.csv,3,,\"row 3 explains not-a-code in "
                 "list 1, column 'contact_source', child C9, which this run does not find: fixed, or changed; remove "
                 "or correct the row\",,,\r\n") != std::string::npos);

  // A file with a problem stops the run before any work, naming row and column.
  testing::WriteTextFile(dir, "bad.csv", "rule,list,column,child,explained_by,explained_on,reason\nnot-a-code,1,contact_source,C1,Jo,soon,x\n");
  request.explanations_path = dir + "/bad.csv";
  Result<pack::PackResult> bad = pack::RunPack(request);
  REQUIRE(!bad.ok());
  CHECK(bad.status().message() ==
        dir + "/bad.csv row 2, column explained_on: 'soon' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
}

TEST_CASE("explanations: generate exits 0 when every error is explained and says how many", "[gaps][explanations][cli]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = WriteCouncil(dir, "");
  testing::WriteTextFile(dir, "explanations.csv", kExplainZz);
  auto run = [&](std::vector<std::string> extra, std::string* out_text) {
    std::ostringstream out, err;
    cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir()), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    std::vector<std::string> args = {"generate", "--config", config, "--out", dir + "/out", "--generated-at",
                                     "2026-11-23T09:30:00"};
    args.insert(args.end(), extra.begin(), extra.end());
    const int rc = cli::RunApp(args, ctx);
    INFO(err.str());
    *out_text = out.str();
    return rc;
  };
  std::string text;
  CHECK(run({}, &text) == 1);
  CHECK(text.find(", from 22 findings (5 errors)\n") != std::string::npos);
  CHECK(text.find("Explained:") == std::string::npos);
  CHECK(run({"--explanations", dir + "/explanations.csv"}, &text) == 0);
  CHECK(text.find(", from 17 findings (0 errors)\n") != std::string::npos);
  CHECK(text.find("Explained: 5 (5 errors), not counted above: the council's explanations file accepts them\n"
                  "  error   not-a-code              5\n") != std::string::npos);
}

}  // namespace
}  // namespace annexa

namespace annexa {
namespace {

TEST_CASE("explanations: validate --explanations reports a stale row and refuses a bad file", "[gaps][explanations][cli]") {
  const std::string dir = testing::MakeTempDir();
  const std::string config = WriteCouncil(dir, "");
  REQUIRE(pack::RunPack(Request(config, dir + "/out")).ok());
  testing::WriteTextFile(dir, "stale.csv",
                         "rule,list,column,child,explained_by,explained_on,reason\n"
                         "bad-date,1,date_of_birth,NOPE,Ann,2026-11-01,checking\n");
  testing::WriteTextFile(dir, "bad.csv", "rule,list,column,child,explained_by,explained_on,reason\n"
                                         "bad-date,1,date_of_birth,C1,,2026-11-01,checking\n");
  auto run = [&](const std::string& explanations, std::string* err_text) {
    std::ostringstream out, err;
    cli::AppContext ctx{out, err, Resources::Under(testing::SourceDir()), [] { return std::string("2030-01-01T00:00:00"); },
                        nullptr, nullptr};
    const int rc = cli::RunApp({"validate", "--workbook", dir + "/out/annex_a_003_2026-11-23.xlsx", "--reference-date",
                                "2026-11-23", "--findings", dir + "/v.csv", "--explanations", explanations},
                               ctx);
    *err_text = err.str();
    return rc;
  };
  std::string err;
  run(dir + "/stale.csv", &err);
  INFO(err);
  CHECK(testing::ReadBytes(dir + "/v.csv").find(
            "NOPE,,,") != std::string::npos);
  CHECK(testing::ReadBytes(dir + "/v.csv").find(
            ",warning,explanation-stale,,,,,,,bad-date," + dir + "/stale.csv,2,,\"row 2 explains bad-date in list 1, "
            "column 'date_of_birth', child NOPE, which this run does not find: fixed, or changed; remove or correct "
            "the row\",,,\r\n") != std::string::npos);
  CHECK(run(dir + "/bad.csv", &err) == 2);
  CHECK(err == "annexa: " + dir + "/bad.csv row 2, column explained_by: empty: who accepted the gap\n");
}

}  // namespace
}  // namespace annexa
