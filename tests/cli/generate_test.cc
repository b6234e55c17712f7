// `annexa generate` end to end on Exampleshire: the workbook with all 11
// lists, byte-identical for identical inputs, private file modes, exit 1
// while errors remain.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sstream>
#include <vector>

#include "cli/app.h"
#include "core/file_util.h"
#include "sources/xlsx_reader.h"
#include "test_support.h"

using namespace annexa;

namespace {

int Generate(const std::string& out_dir, std::string* out_text = nullptr) {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs"), [] { return std::string("2030-01-01T00:00:00"); }, nullptr, nullptr};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml", "--out",
                              out_dir, "--generated-at", "2026-11-23T09:30:00", "--no-history"},
                             ctx);
  INFO(err.str());
  if (out_text) *out_text = out.str();
  return rc;
}

}  // namespace

TEST_CASE("generate: Exampleshire gives a workbook with all 11 lists, identical on a rerun", "[cli][generate]") {
  const std::string a = testing::MakeTempDir(), b = testing::MakeTempDir();
  std::string summary;
  CHECK(Generate(a, &summary) == 1);  // Exampleshire's data carries deliberate defects
  CHECK(Generate(b) == 1);
  CHECK(summary.find("Exampleshire County Council (LA 999), ilacs-2023, reference date 23/11/2026") == 0);
  const std::string name = "/annex_a_999_2026-11-23.xlsx";
  auto first = ReadFile(a + name), second = ReadFile(b + name);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == *second);
  CHECK(*ReadFile(a + "/annex_a_999_2026-11-23_findings.csv") == *ReadFile(b + "/annex_a_999_2026-11-23_findings.csv"));
  struct stat st;
  REQUIRE(::stat((a + name).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  auto wb = sources::Workbook::Open(a + name);
  REQUIRE(wb.ok());
  for (int n = 1; n <= 11; ++n) {
    auto sheet = wb->SheetByName("List_" + std::to_string(n));
    REQUIRE(sheet.ok());
    INFO("List " << n);
    CHECK((*sheet)->max_row() > 2);  // title, headers and at least one child
  }
  // The upload workbook holds Ofsted's eleven lists and nothing else (issue
  // 19); the audited cases are a separate upload (`annexa audit`).
  std::vector<std::string> lists;
  for (int n = 1; n <= 11; ++n) lists.push_back("List_" + std::to_string(n));
  CHECK(wb->SheetNames() == lists);
  // Exampleshire maps its case audits: in the QA workbook the audited-case
  // list follows List 11 and its coverage sheets come last.
  auto qa = sources::Workbook::Open(a + "/annex_a_999_2026-11-23_qa.xlsx");
  REQUIRE(qa.ok());
  const std::vector<std::string> names = qa->SheetNames();
  // Issue 20: the key indicators' sheet comes last.
  CHECK(std::vector<std::string>(names.end() - 12, names.end()) ==
        std::vector<std::string>{"List_11", "Audited_cases", "Row_accounting", "Data_gaps", "Child_gaps", "Findings",
                                 "Completeness", "Audit_coverage", "Audit_cohorts", "Changes", "Gaps_by_owner",
                                 "Indicators"});
  // Without a run history (--no-history) the QA workbook is the same on a
  // rerun; with one, its Changes sheet compares with the run before.
  CHECK(*ReadFile(a + "/annex_a_999_2026-11-23_qa.xlsx") == *ReadFile(b + "/annex_a_999_2026-11-23_qa.xlsx"));
  auto audited = qa->SheetByName("Audited_cases");
  REQUIRE(audited.ok());
  CHECK((*audited)->max_row() == 2 + 16);  // title, headers, the 16 audits in the six months
  CHECK(ReadFile(a + "/annex_a_999_2026-11-23_audit_coverage.csv")->find("cohort,Looked after,3,3,97,3.1\r\n") !=
        std::string::npos);
  CHECK(ReadFile(a + "/annex_a_999_2026-11-23_completeness.csv")->rfind("list,title,column,", 0) == 0);
  auto pdf_a = ReadFile(a + "/annex_a_999_2026-11-23_pack.pdf"), pdf_b = ReadFile(b + "/annex_a_999_2026-11-23_pack.pdf");
  REQUIRE(pdf_a.ok());
  CHECK(pdf_a->rfind("%PDF-", 0) == 0);
  CHECK(*pdf_a == *pdf_b);
  auto l8 = wb->SheetByName("List_8");
  CHECK((*l8)->At(1, 1).ToText() == "List 8: Children in care");
  CHECK((*l8)->At(2, 20).ToText() == "Date Ceased to be Looked After ");
  CHECK((*l8)->At(3, 8).kind == sources::CellKind::kDate);
}

TEST_CASE("generate: usage errors exit 2", "[cli][generate]") {
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"generate", "--config", "x.yaml"}, ctx) == 2);
  CHECK(err.str() == "annexa: generate needs --config FILE and --out DIR (see: annexa generate --help)\n");
  std::ostringstream out2, err2;
  cli::AppContext ctx2{out2, err2, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"generate", "--config", "/nonexistent/c.yaml", "--out", "/tmp/x"}, ctx2) == 2);
  CHECK(err2.str() == "annexa: /nonexistent/c.yaml: no such file\n");
}

TEST_CASE("generate: --min-severity and --max-findings shape the findings file", "[cli][generate]") {
  const std::string dir = testing::MakeTempDir();
  std::ostringstream out, err;
  cli::AppContext ctx{out, err, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml", "--out", dir,
                              "--generated-at", "2026-11-23T09:30:00", "--min-severity", "error", "--max-findings", "5",
                              "--quiet"},
                             ctx);
  CHECK(rc == 1);
  auto csv = ReadFile(dir + "/annex_a_999_2026-11-23_findings.csv");
  REQUIRE(csv.ok());
  int lines = 0, warnings = 0;
  for (size_t at = 0; (at = csv->find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  for (size_t at = 0; (at = csv->find("\r\nwarning,", at)) != std::string::npos; at += 2) ++warnings;
  CHECK(lines == 6);  // the header and five findings
  CHECK(warnings == 0);
  CHECK(out.str().find("findings not written: --max-findings") != std::string::npos);
  std::ostringstream out2, err2;
  cli::AppContext ctx2{out2, err2, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"generate", "--config", testing::SourceDir() + "/config/exampleshire.yaml", "--out", dir,
                     "--min-severity", "loud"},
                    ctx2) == 2);
  CHECK(err2.str() == "annexa: --min-severity must be error, warning or info, not 'loud'\n");
}
