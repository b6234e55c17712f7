// The PDF pack's key-indicator page (issue 20, Deliver 3, 4 and 6): month
// labels and values for the trend, the last-year column, the tally, the
// reds' distance to target, "not configured (needs ...)" and "n/a"; and,
// read back by position (pdftotext -bbox) with the page rendered to PNG
// (pdftoppm), no figure wrapped, no word out of its cell or off the page,
// and a title over two lines inside its cell.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "indicators/seed_indicators.h"
#include "render/indicator_pdf.h"
#include "render/pdf_writer.h"
#include "test_support.h"

using namespace annexa;

namespace {

constexpr const char* kLongTitle =
    "Percentage of children in care whose placement stability plan was reviewed jointly with their independent "
    "reviewing officer within the statutory timescales";

std::vector<indicators::Indicator> Indicators() {
  std::vector<indicators::Indicator> v = testing::SeedIndicators();
  indicators::Indicator& reviews = v[13];
  REQUIRE(reviews.reference == "5.18");
  reviews.points = testing::SeedPoints({0, 100, 98.5, 100, 100, 100});
  reviews.points[0].value = NAN;
  reviews.points[0].unavailable = "source 'reviews' keeps only each child's latest review";
  indicators::Indicator oversight;
  oversight.id = "oversight";
  oversight.reference = "0.1";
  oversight.title = "% of supervisions recorded within 4 weeks";
  oversight.period = "snapshot";
  oversight.unit = "%";
  oversight.not_configured = "a management oversight source";
  v.push_back(oversight);
  // Seven-figure numbers and a title over two lines.
  indicators::Indicator big = testing::SeedIndicator("9.9", kLongTitle, "snapshot", 1234567, 2345678, 52.63, 51.2,
                                                     std::nullopt, std::nullopt, true, "");
  big.points = testing::SeedPoints({51.0, 51.5, 52.0, 52.2, 52.5, 52.63});
  v.push_back(big);
  return v;
}

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

// pdftotext -bbox's words on page `page` (1-based).
std::vector<Word> Words(const std::string& html, int page, double* width) {
  std::vector<Word> out;
  size_t at = 0;
  for (int p = 0; p < page; ++p) {
    at = html.find("<page ", at);
    REQUIRE(at != std::string::npos);
    ++at;
  }
  const size_t end = html.find("</page>", at);
  std::smatch m;
  const std::string head = html.substr(at, html.find('>', at) - at);
  REQUIRE(std::regex_search(head, m, std::regex("width=\"([0-9.]+)\"")));
  *width = std::stod(m[1]);
  const std::string body = html.substr(at, end - at);
  const std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), word); it != std::sregex_iterator(); ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  return out;
}

std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The line of `text` starting with `ref` and holding `has`.
std::string LineWith(const std::string& text, const std::string& ref, const std::string& has) {
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    const size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, ref.size() + 1, ref + " ") == 0 &&
        line.find(has) != std::string::npos)
      return line;
    at = end + 1;
  }
  return "";
}

}  // namespace

TEST_CASE("indicator pdf: month labels, values, last year, tally, distance, not configured", "[render][pdf][indicators]") {
  if (testing::RunCommand("command -v pdftotext").empty() || testing::RunCommand("command -v pdftoppm").empty()) {
    WARN("poppler-utils not installed: not checked (apt-get install poppler-utils)");
    return;
  }
  render::PdfDocument doc;
  doc.title = "Key indicators";
  doc.subtitle = "Seedshire";
  doc.created_at = "2023-09-01T09:00:00";
  doc.contents = false;
  doc.sections.push_back(render::IndicatorsSection(Indicators()));
  const std::string dir = testing::MakeTempDir();
  const std::string pdf = dir + "/ki.pdf";
  REQUIRE(render::WritePdf(pdf, doc, render::PdfStyle{}).ok());
  // No warning from pdftotext.
  CHECK(testing::RunCommand("pdftotext -layout '" + pdf + "' /dev/null 2>&1").empty());
  const std::string text = testing::RunCommand("pdftotext -layout '" + pdf + "' - 2>/dev/null");
  REQUIRE(!text.empty());
  const std::string flat = Squeeze(text);
  CHECK(flat.find("3 are numbers of children; 1 is not configured; 1 has no target; of the other 14, 3 are green, 6 "
                  "amber, 5 red; of the 5 reds, 4 miss the target by less than 3%.") != std::string::npos);
  // The headline: last year, Num., Den., Current; the reds' distance.
  CHECK(std::regex_search(LineWith(text, "1.1", "1,958"),
                          std::regex("snapshot +90\\.0% +1,958 +2,165 +90\\.4%")));
  CHECK(std::regex_search(LineWith(text, "3.3", "615"), std::regex("84\\.0% +615 +790 +77\\.8% .*-7\\.2")));
  CHECK(std::regex_search(LineWith(text, "5.10", "11.7%"), std::regex("29\\.6% +34 +291 +11\\.7% .*\\+1\\.7")));
  CHECK(std::regex_search(LineWith(text, "9.9", "1,234,567"), std::regex("51\\.2% +1,234,567 +2,345,678 +52\\.6%")));
  CHECK(flat.find("not configured (needs a management oversight source)") != std::string::npos);
  // The trend: month labels over the values, "n/a" where not available.
  CHECK(std::regex_search(text, std::regex("Ref +Mar +2023 +Apr +2023 +May +2023 +Jun +2023 +Jul +2023 +Aug +2023")));
  CHECK(std::regex_search(LineWith(text, "1.1", "89.5%"),
                          std::regex("89\\.5% +87\\.6% +92\\.9% +90\\.9% +92\\.9% +90\\.4%")));
  CHECK(std::regex_search(LineWith(text, "1.2", "785"), std::regex("785 +786 +787 +788 +789 +790")));
  CHECK(std::regex_search(LineWith(text, "5.18", "n/a"), std::regex("n/a +100\\.0% +98\\.5% +100\\.0%")));
  CHECK(flat.find("5.18 Mar 2023: source 'reviews' keeps only each child's latest review.") != std::string::npos);

  // By position, on every page of the section.
  const std::string html = testing::RunCommand("pdftotext -bbox '" + pdf + "' - 2>/dev/null");
  const int pages = std::atoi(testing::RunCommand("pdfinfo '" + pdf + "' | awk '/^Pages:/ {print $2}'").c_str());
  REQUIRE(pages >= 2);
  const double margin = 18 * 72 / 25.4;
  std::set<std::string> seen;
  bool found_title = false;
  for (int page = 2; page <= pages; ++page) {
    double width = 0;
    const std::vector<Word> words = Words(html, page, &width);
    for (const Word& w : words) {
      INFO("page " << page << ": " << w.text);
      CHECK(w.x0 >= margin - 1);
      CHECK(w.x1 <= width - margin + 1);
      seen.insert(w.text);
    }
    // The long title: over two lines, every word whole, all left of its
    // row's Period cell (no overflow into the next column).
    // (9.9 is in the trend table too: its row there has no period.)
    const Word* ref = nullptr;
    const Word* period = nullptr;
    for (const Word& w : words)
      if (w.text == "9.9" && !ref)
        for (const Word& p : words)
          if (p.text == "snapshot" && std::fabs(p.y0 - w.y0) < 1) {
            ref = &w;
            period = &p;
          }
    if (!ref) continue;
    std::set<double> lines;
    std::string joined;
    for (const Word& w : words) {
      if (joined.size() >= std::string(kLongTitle).size()) break;
      if (w.x0 > ref->x1 && w.x1 < period->x0 + 0.5 && w.y0 >= ref->y0 - 1) {
        joined += (joined.empty() ? "" : " ") + w.text;
        lines.insert(std::round(w.y0));
      }
    }
    CHECK(joined == kLongTitle);
    CHECK(lines.size() >= 2);
    found_title = true;
  }
  CHECK(found_title);
  // Every figure whole, one word on one line (a wrapped "1,234,567" would be
  // two words on two lines).
  for (const char* figure : {"1,234,567", "2,345,678", "52.6%", "51.2%", "1,958", "2,165", "6,015", "6,417", "90.4%",
                             "89.5%", "87.6%", "92.9%", "2022/23", "-7.2", "+1.7"}) {
    INFO(figure);
    CHECK(seen.count(figure) == 1);
  }

  // The page as an image: it renders, and is a PNG of an A4 page.
  REQUIRE(testing::RunCommand("pdftoppm -png -r 50 -f 2 -l 2 -singlefile '" + pdf + "' '" + dir + "/page' 2>&1").empty());
  const std::string png = testing::ReadBytes(dir + "/page.png");
  REQUIRE(png.size() > 1000);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  // IHDR: width and height, big-endian, at bytes 16 and 20 (A4, 595.3 x 841.9
  // points, at 50 dpi: 413.4 x 584.7 pixels, which pdftoppm rounds up).
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 3]));
  };
  CHECK(be32(16) == 414);
  CHECK(be32(20) == 585);
}
