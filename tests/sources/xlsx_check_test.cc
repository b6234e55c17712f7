// CheckXlsxWhole: the read-back a workbook gets before its pack is swapped
// in. A whole workbook passes; a sheet cut short (what an unchecked write to
// the workbook library's temporary file leaves, issue 17) and a part whose
// bytes differ from its recorded CRC-32 are refused, naming the part.
#include "sources/xlsx_check.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <vector>

#include "test_support.h"

using annexa::StatusCode;
using annexa::sources::CheckXlsxWhole;

namespace {

void Put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& s, uint32_t v) {
  Put16(s, v & 0xFFFF);
  Put16(s, v >> 16);
}

struct Part {
  std::string name, text;
  bool bad_crc = false;  // record a CRC-32 one off the true one
};

// A zip of stored (uncompressed) parts, built by hand so a CRC can lie.
std::string StoredZip(const std::vector<Part>& parts) {
  std::string zip, central;
  for (const Part& p : parts) {
    const auto offset = static_cast<uint32_t>(zip.size());
    uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(p.text.data()), static_cast<uInt>(p.text.size())));
    if (p.bad_crc) crc ^= 1;
    auto header = [&](std::string& s, bool is_central) {
      Put32(s, is_central ? 0x02014b50 : 0x04034b50);
      if (is_central) Put16(s, 20);
      Put16(s, 20);
      Put16(s, 0);
      Put16(s, 0);     // stored
      Put16(s, 0);     // time
      Put16(s, 0x21);  // date 1980-01-01
      Put32(s, crc);
      Put32(s, static_cast<uint32_t>(p.text.size()));
      Put32(s, static_cast<uint32_t>(p.text.size()));
      Put16(s, static_cast<uint32_t>(p.name.size()));
      Put16(s, 0);
      if (is_central) {
        Put16(s, 0);
        Put16(s, 0);
        Put16(s, 0);
        Put32(s, 0);
        Put32(s, offset);
      }
      s += p.name;
    };
    header(zip, false);
    zip += p.text;
    header(central, true);
  }
  const auto cd_offset = static_cast<uint32_t>(zip.size());
  zip += central;
  Put32(zip, 0x06054b50);
  Put16(zip, 0);
  Put16(zip, 0);
  Put16(zip, static_cast<uint32_t>(parts.size()));
  Put16(zip, static_cast<uint32_t>(parts.size()));
  Put32(zip, static_cast<uint32_t>(central.size()));
  Put32(zip, cd_offset);
  Put16(zip, 0);
  return zip;
}

std::string Save(const std::string& bytes) {
  const std::string path = annexa::testing::MakeTempDir() + "/book.xlsx";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

const std::string kSheet =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>List 1</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>42</v></c></row>"
    "</sheetData></worksheet>";

std::vector<Part> Book(const std::string& sheet) {
  return {{"[Content_Types].xml", "<Types/>"},
          {"xl/workbook.xml", "<workbook><sheets><sheet name=\"List_1\"/></sheets></workbook>"},
          {"xl/worksheets/sheet1.xml", sheet},
          {"docProps/thumbnail.bin", "not xml"}};
}

}  // namespace

TEST_CASE("xlsx check: a whole workbook passes", "[xlsx][atomic]") {
  CHECK(CheckXlsxWhole(Save(StoredZip(Book(kSheet)))).ok());
  // And a real one, made by Excel's layout (a public sample).
  CHECK(CheckXlsxWhole(annexa::testing::AnnexASample("la_sample_b.xlsx")).ok());
}

TEST_CASE("xlsx check: a sheet cut short is refused with the part named", "[xlsx][atomic]") {
  // Cut in the middle of row 2, as a temporary file that ran out of room.
  const std::string cut = kSheet.substr(0, kSheet.find("<v>42"));
  const std::string path = Save(StoredZip(Book(cut)));
  annexa::Status s = CheckXlsxWhole(path);
  CHECK(s.code() == StatusCode::kParseError);
  CHECK_THAT(s.message(), Catch::StartsWith(path + ": xl/worksheets/sheet1.xml: XML error at byte "));
}

TEST_CASE("xlsx check: a part whose CRC-32 does not match is refused", "[xlsx][atomic]") {
  for (size_t bad : {1u, 2u, 3u}) {  // the workbook part, a sheet, a part that is not XML
    std::vector<Part> parts = Book(kSheet);
    parts[bad].bad_crc = true;
    const std::string path = Save(StoredZip(parts));
    annexa::Status s = CheckXlsxWhole(path);
    INFO(s.message());
    CHECK(s.code() == StatusCode::kParseError);
    CHECK_THAT(s.message(), Catch::StartsWith(path + ": " + parts[bad].name + ": corrupt entry (CRC error)"));
  }
}

TEST_CASE("xlsx check: a file that is not a zip, or no file, is refused", "[xlsx][atomic]") {
  const std::string path = Save("PK\x03\x04 and then nothing");
  CHECK(CheckXlsxWhole(path).code() == StatusCode::kParseError);
  CHECK(CheckXlsxWhole(path + ".missing").code() == StatusCode::kNotFound);
}
