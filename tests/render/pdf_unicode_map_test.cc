// libharu 2.3's ToUnicode maps replaced by proper ones (issue 20): the text
// of every PDF annexa writes extracts with no warning.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "render/pdf_unicode_map.h"
#include "test_support.h"

using annexa::render::MendUnicodeMaps;
namespace testing = annexa::testing;

namespace {

// A PDF shaped like libharu's: a Type0 font (object 2), its CIDFont (3)
// with widths for CIDs 32-34 and 233, libharu's copy of the encoding CMap
// as the ToUnicode map (4), a page stream (5), and the xref table.
std::string LibharuLike(std::string cmap_name = "/CMapName /UTF-8") {
  std::string pdf = "%PDF-1.3\n";
  std::vector<size_t> at(6);
  auto obj = [&](int n, const std::string& body) {
    at[static_cast<size_t>(n)] = pdf.size();
    pdf += std::to_string(n) + " 0 obj" + body + "endobj\n";
  };
  obj(1, "\n<<\n/Type /Catalog\n>>\n");
  obj(2, "\n<<\n/Type /Font\n/Subtype /Type0\n/Encoding /Identity-H\n/ToUnicode 4 0 R\n/DescendantFonts [ 3 0 R ]\n>>\n");
  obj(3, "\n<<\n/Type /Font\n/Subtype /CIDFontType2\n/W [ 32 [ 317 400 459 ] 233 [ 615 ] ]\n/CIDSystemInfo <<\n"
         "/Registry (Adobe)\n/Ordering (Identity-H)\n/Supplement 0\n>>\n>>\n");
  obj(4, "\n<<\n/Length 21\n/Type /CMap\n" + cmap_name + "\n>>\nstream\r\n1 begincidrange\n<0000>\r\nendstream\n");
  obj(5, "\n<<\n/Length 3\n>>\nstream\r\nabc\r\nendstream\n");
  const size_t xref = pdf.size();
  pdf += "xref\n0 6\n0000000000 65535 f\r\n";
  for (int n = 1; n < 6; ++n) {
    char e[24];
    std::snprintf(e, sizeof e, "%010zu 00000 n\r\n", at[static_cast<size_t>(n)]);
    pdf += e;
  }
  pdf += "trailer\n<<\n/Root 1 0 R\n/Size 6\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

TEST_CASE("pdf unicode maps: libharu's ToUnicode copy becomes a bfrange map, the xref follows", "[render][pdf]") {
  std::string pdf = LibharuLike();
  CHECK(MendUnicodeMaps(&pdf) == 1);
  // The map: CIDs 32-34 and 233 are their own Unicode values.
  const std::string map =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
      "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> "
      "<FFFF>\nendcodespacerange\n2 beginbfrange\n<0020> <0022> <0020>\n<00E9> <00E9> <00E9>\nendbfrange\nendcmap\n"
      "CMapName currentdict /CMap defineresource pop\nend\nend\n";
  CHECK(pdf.find("4 0 obj\n<<\n/Length " + std::to_string(map.size()) + "\n>>\nstream\r\n" + map + "\r\nendstream\nendobj\n") !=
        std::string::npos);
  CHECK(pdf.find("begincidrange") == std::string::npos);
  CHECK(pdf.find("/Ordering (Identity)\n") != std::string::npos);
  // Every xref entry points at its object; startxref at the table.
  const size_t xref = pdf.find("\nxref\n") + 1;
  for (int n = 1; n < 6; ++n) {
    const size_t entry = xref + std::string("xref\n0 6\n").size() + 20 * static_cast<size_t>(n);
    const size_t offset = std::stoul(pdf.substr(entry, 10));
    CHECK(pdf.compare(offset, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj") == 0);
  }
  CHECK(pdf.find("startxref\n" + std::to_string(xref) + "\n%%EOF\n") != std::string::npos);
}

TEST_CASE("pdf unicode maps: another CMap, an encrypted PDF or no xref is left exactly as it was", "[render][pdf]") {
  const std::string other = LibharuLike("/CMapName /Adobe-Identity-UCS");
  std::string pdf = other;
  CHECK(MendUnicodeMaps(&pdf) == 0);
  CHECK(pdf == other);
  const std::string encrypted = LibharuLike() + "% /Encrypt 9 0 R\n";
  pdf = encrypted;
  CHECK(MendUnicodeMaps(&pdf) == 0);
  CHECK(pdf == encrypted);
  std::string no_xref = LibharuLike();
  no_xref.erase(no_xref.find("xref\n0 6"), 4);
  pdf = no_xref;
  CHECK(MendUnicodeMaps(&pdf) == 0);
  CHECK(pdf == no_xref);
}

TEST_CASE("pdf unicode maps: pdftotext reads the tiny council's pack with no warning", "[render][pdf]") {
  if (testing::RunCommand("command -v pdftotext").empty()) {
    WARN("pdftotext not installed: not checked (apt-get install poppler-utils)");
    return;
  }
  const std::string out = testing::MakeTempDir() + "/out";
  std::ostringstream o, e;
  annexa::cli::AppContext ctx{o, e, annexa::Resources::Under(testing::SourceDir())};
  annexa::cli::RunApp({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--out", out,
                       "--generated-at", "2026-11-23T09:30:00", "--quiet"},
                      ctx);
  const std::string pdf = out + "/annex_a_001_2026-11-23_pack.pdf";
  REQUIRE(!testing::ReadBytes(pdf).empty());
  // stderr only: every warning pdftotext prints.
  CHECK(testing::RunCommand("pdftotext '" + pdf + "' /dev/null 2>&1") == "");
  CHECK(testing::RunCommand("pdftotext -l 1 '" + pdf + "' - 2>/dev/null").find("Tinyshire") != std::string::npos);
}
