// The workbook opens cleanly in LibreOffice: converted headlessly to CSV,
// every value survives as a council would see it (dates DD/MM/YYYY,
// integers, codes, UTF-8 names).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "test_support.h"

using namespace annexa;

TEST_CASE("libreoffice: the tiny council's workbook converts with its values intact", "[libreoffice]") {
  const std::string out = testing::MakeTempDir();
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--out",
                              out, "--generated-at", "2026-11-23T09:30:00", "--quiet"},
                             ctx);
  REQUIRE((rc == 0 || rc == 1));
  // "as shown" (the 9th filter token) keeps the cells' own formats; -1 = every sheet.
  const std::string command =
      "cd '" + out + "' && timeout 180 soffice -env:UserInstallation=file://" + out +
      "/profile --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' "
      "--outdir '" + out + "/csv' annex_a_001_2026-11-23.xlsx annex_a_001_2026-11-23_qa.xlsx >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  auto list1 = ReadFile(out + "/csv/annex_a_001_2026-11-23-List_1.csv");
  REQUIRE(list1.ok());
  CHECK(*list1 ==
        "List 1: Contacts,,,,,,\n"
        "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\n"
        "C1,b) Female,a) WBRI,23/11/2010,16,01/06/2026,e) 2A: Schools\n"
        "C2,a) Male,a) WBRI,10/01/2027,-1,20/11/2026,q) 6: Police\n"
        "C3,b) Female,k) APKN,29/02/2008,18,01/10/2026,ZZZ\n");
  auto list7 = ReadFile(out + "/csv/annex_a_001_2026-11-23-List_7.csv");
  REQUIRE(list7.ok());
  CHECK(list7->find("C1,b) Female,a) WBRI,23/11/2010,16,,10/01/2026,a) Neglect,a) Neglect,,,,,,0,Team A,Zoë O’Neill\n") !=
        std::string::npos);
  // The Cover is the QA workbook's (issue 19: the upload workbook holds the lists only).
  auto cover = ReadFile(out + "/csv/annex_a_001_2026-11-23_qa-Cover.csv");
  REQUIRE(cover.ok());
  CHECK(cover->find("Reference date,23/11/2026,") != std::string::npos);
}

TEST_CASE("libreoffice: the QA workbook converts to PDF with its Cover whole on the first page", "[libreoffice]") {
  const std::string out = testing::MakeTempDir();
  std::ostringstream o, e;
  cli::AppContext ctx{o, e, annexa::Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  const int rc = cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--out",
                              out, "--generated-at", "2026-11-23T09:30:00", "--quiet"},
                             ctx);
  REQUIRE((rc == 0 || rc == 1));
  // A workbook LibreOffice must repair does not convert headlessly: the PDF is the proof it opened.
  const std::string command = "cd '" + out + "' && timeout 180 soffice -env:UserInstallation=file://" + out +
                              "/profile --headless --convert-to pdf --outdir '" + out +
                              "/pdf' annex_a_001_2026-11-23_qa.xlsx >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string pdf = out + "/pdf/annex_a_001_2026-11-23_qa.pdf";
  auto page = [&](int p) {
    return testing::RunCommand("pdftotext -layout -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" + pdf +
                               "' - 2>/dev/null");
  };
  // Page 1 holds the whole Cover: its first fact, its last list row; page 2
  // is List_1, its title and header rows first.
  const std::string first = page(1), second = page(2);
  CHECK(first.rfind("Annex A\n", 0) == 0);
  CHECK(first.find("Tinyshire") != std::string::npos);
  CHECK(first.find("Workbook           QA: not for upload (upload annex_a_001_2026-11-23.xlsx)") != std::string::npos);
  CHECK(first.find("List 11: Adopters") != std::string::npos);
  CHECK(first.find("List 1: Contacts\nChild") == std::string::npos);
  CHECK(second.rfind("List 1: Contacts\nChild", 0) == 0);
  CHECK(second.find("Tool version") == std::string::npos);
}
