// Tests of the two low-level adapters under the xlsx reader: ZipArchive
// (libzip) and XmlDocument (pugixml, including the sliced parse of large
// parts), with their defences against hostile input (zip bombs, lying
// headers, DOCTYPE entity expansion).
#include "sources/zip_archive.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "sources/xml_document.h"
#include "test_support.h"

namespace annexa::sources {
namespace {

using annexa::testing::MakeTempDir;
using annexa::testing::WriteTextFile;

const auto& Fixture = annexa::testing::XlsxFixture;
const auto& Sample = annexa::testing::AnnexASample;
using annexa::testing::ReadBytes;

// ------------------------------------------------------------- ZipArchive --

TEST_CASE("ZipArchive lists and reads the parts of a real workbook", "[zip]") {
  Result<ZipArchive> zip = ZipArchive::Open(Sample("ofsted_2019_template.xlsx"));
  REQUIRE(zip.ok());
  std::vector<std::string> names = zip->EntryNames();
  CHECK(names.size() == 26);
  CHECK(names.front() == "[Content_Types].xml");
  CHECK(std::count(names.begin(), names.end(), "xl/worksheets/sheet7.xml") == 1);
  CHECK(zip->Has("xl/workbook.xml"));
  CHECK_FALSE(zip->Has("xl/nothing.xml"));
  Result<std::string> workbook = zip->Read("xl/workbook.xml");
  REQUIRE(workbook.ok());
  CHECK(workbook->size() == 2584);
  CHECK(workbook->rfind("<?xml version=\"1.0\"", 0) == 0);
  CHECK(workbook->find("<sheet name=\"List_3\" sheetId=\"7\" r:id=\"rId7\"/>") != std::string::npos);
}

TEST_CASE("ZipArchive names a missing file kNotFound", "[zip]") {
  std::string path = MakeTempDir() + "/absent.xlsx";
  Result<ZipArchive> zip = ZipArchive::Open(path);
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.status().code() == StatusCode::kNotFound);
  CHECK(zip.status().message() == path + ": no such file");
}

TEST_CASE("ZipArchive refuses files that are not zip archives", "[zip]") {
  std::string dir = MakeTempDir();
  std::string text = WriteTextFile(dir, "notes.xlsx", "Child Unique ID,Gender\n1,F\n");
  std::string empty = WriteTextFile(dir, "empty.xlsx", "");
  for (const std::string& path : {text, empty}) {
    Result<ZipArchive> zip = ZipArchive::Open(path);
    REQUIRE_FALSE(zip.ok());
    CHECK(zip.status().code() == StatusCode::kParseError);
    CHECK(zip.status().message() == path + ": not a zip archive");
  }
  Result<ZipArchive> from_memory = ZipArchive::FromBuffer("PK but not really", "upload.xlsx");
  REQUIRE_FALSE(from_memory.ok());
  CHECK(from_memory.status().code() == StatusCode::kParseError);
  CHECK(from_memory.status().message() == "upload.xlsx: not a zip archive");
  Result<ZipArchive> nothing = ZipArchive::FromBuffer("", "nothing.xlsx");
  REQUIRE_FALSE(nothing.ok());
  CHECK(nothing.status().message() == "nothing.xlsx: not a zip archive");
}

TEST_CASE("ZipArchive reads an archive held in memory", "[zip]") {
  Result<ZipArchive> zip = ZipArchive::FromBuffer(ReadBytes(Fixture("zeros.zip")), "mem.zip");
  REQUIRE(zip.ok());
  CHECK(zip->name() == "mem.zip");
  CHECK(zip->EntryNames() == std::vector<std::string>{"small.txt", "zeros.bin", "b.bin", "c.bin"});
  Result<std::string> small = zip->Read("small.txt");
  REQUIRE(small.ok());
  CHECK(*small == "hello");
  Result<std::string> zeros = zip->Read("zeros.bin");
  REQUIRE(zeros.ok());
  CHECK(zeros->size() == 100000);
  CHECK(zeros->find_first_not_of('\0') == std::string::npos);
  // The archive stays usable after a move (the buffer must move with it).
  ZipArchive moved = std::move(zip).value();
  CHECK(moved.Read("small.txt").value() == "hello");
}

TEST_CASE("ZipArchive names a missing entry kNotFound", "[zip]") {
  std::string path = Fixture("zeros.zip");
  Result<ZipArchive> zip = ZipArchive::Open(path);
  REQUIRE(zip.ok());
  Result<std::string> missing = zip->Read("xl/workbook.xml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() == path + ": xl/workbook.xml: no such entry in the archive");
}

TEST_CASE("ZipArchive refuses an entry over max_entry_bytes from its header", "[zip]") {
  std::string path = Fixture("zeros.zip");
  ZipLimits limits;
  limits.max_entry_bytes = 1000;
  Result<ZipArchive> zip = ZipArchive::Open(path, limits);
  REQUIRE(zip.ok());
  Result<std::string> bomb = zip->Read("zeros.bin");
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.status().code() == StatusCode::kLimitExceeded);
  CHECK(bomb.status().message() ==
        path + ": zeros.bin: decompressed size 100000 bytes exceeds the per-entry limit of 1000 bytes");
  // Small entries are still readable.
  CHECK(zip->Read("small.txt").value() == "hello");
}

TEST_CASE("ZipArchive counts inflated bytes when the header understates the size", "[zip]") {
  std::string path = Fixture("lying_size.zip");
  ZipLimits limits;
  limits.max_entry_bytes = 1000;
  Result<ZipArchive> zip = ZipArchive::Open(path, limits);
  REQUIRE(zip.ok());
  Result<std::string> liar = zip->Read("liar.bin");
  REQUIRE_FALSE(liar.ok());
  CHECK(liar.status().code() == StatusCode::kLimitExceeded);
  CHECK(liar.status().message() ==
        path + ": liar.bin: decompresses to more than the per-entry limit of 1000 bytes");
}

TEST_CASE("ZipArchive caps the total bytes read across entries", "[zip]") {
  std::string path = Fixture("zeros.zip");
  ZipLimits limits;
  limits.max_total_bytes = 1000;
  Result<ZipArchive> zip = ZipArchive::Open(path, limits);
  REQUIRE(zip.ok());
  REQUIRE(zip->Read("b.bin").ok());  // 800 bytes: within the budget
  Result<std::string> second = zip->Read("c.bin");  // 800 more would make 1600
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == StatusCode::kLimitExceeded);
  CHECK(second.status().message() ==
        path + ": c.bin: reading it would exceed the total limit of 1000 decompressed bytes");
}

TEST_CASE("ZipArchive refuses an archive with more entries than max_entries", "[zip]") {
  std::string path = Fixture("zeros.zip");
  ZipLimits limits;
  limits.max_entries = 2;
  Result<ZipArchive> zip = ZipArchive::Open(path, limits);
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.status().code() == StatusCode::kLimitExceeded);
  CHECK(zip.status().message() == path + ": 4 entries exceed the limit of 2");
  limits.max_entries = 4;
  CHECK(ZipArchive::Open(path, limits).ok());
}

TEST_CASE("ZipArchive streams an entry in pieces under the same caps", "[zip]") {
  std::string path = Fixture("zeros.zip");
  Result<ZipArchive> zip = ZipArchive::Open(path);
  REQUIRE(zip.ok());
  CHECK(zip->DeclaredSize("zeros.bin") == 100000);
  CHECK(zip->DeclaredSize("missing.bin") == 0);
  size_t total = 0;
  int pieces = 0;
  Status read = zip->ReadInPieces("zeros.bin", [&](std::string_view piece) {
    total += piece.size();
    ++pieces;
    return Status::Ok();
  });
  REQUIRE(read.ok());
  CHECK(total == 100000);
  CHECK(pieces > 1);
  // The sink's error stops the read.
  Status stopped = zip->ReadInPieces("zeros.bin", [](std::string_view) { return IoError("full"); });
  CHECK(stopped.message() == "full");

  std::string liar_path = Fixture("lying_size.zip");
  ZipLimits limits;
  limits.max_entry_bytes = 1000;
  Result<ZipArchive> liar = ZipArchive::Open(liar_path, limits);
  REQUIRE(liar.ok());
  CHECK(liar->DeclaredSize("liar.bin") == 10);  // what the header claims
  Status bomb = liar->ReadInPieces("liar.bin", [](std::string_view) { return Status::Ok(); });
  CHECK(bomb.code() == StatusCode::kLimitExceeded);
}

// ------------------------------------------------------------ XmlDocument --

TEST_CASE("XmlDocument walks elements, attributes and text", "[xml]") {
  Result<XmlDocument> doc = XmlDocument::Parse(
      "<?xml version=\"1.0\"?>\n"
      "<x:root xmlns:x=\"urn:x\" a=\"1\" x:b=\"two &amp; three\">\n"
      "  <x:item n=\"first\">one<!-- note -->two</x:item>\n"
      "  <other/>\n"
      "  <x:item n=\"second\"><![CDATA[<raw>]]> &lt;cooked&gt;<x:sub>deep</x:sub></x:item>\n"
      "</x:root>",
      "test.xml");
  REQUIRE(doc.ok());
  CHECK(doc->name() == "test.xml");
  XmlNode root = doc->Root();
  REQUIRE(root);
  CHECK(root.LocalName() == "root");
  CHECK(root.Attribute("a") == "1");
  CHECK(root.Attribute("x:b") == "two & three");  // qualified name, entity decoded
  CHECK(root.Attribute("b").empty());
  CHECK(root.HasAttribute("a"));
  CHECK_FALSE(root.HasAttribute("z"));

  XmlNode first = root.FirstChild();
  CHECK(first.LocalName() == "item");
  CHECK(first.Attribute("n") == "first");
  CHECK(first.Text() == "onetwo");  // both text children, the comment skipped
  CHECK(first.TextView() == "one");
  CHECK(first.NextSibling().LocalName() == "other");

  XmlNode second = root.FirstChild("item").NextSibling("item");
  CHECK(second.Attribute("n") == "second");
  CHECK(second.Text() == "<raw> <cooked>");
  CHECK(second.DeepText() == "<raw> <cooked>deep");
  CHECK(root.DeepText() == "onetwo<raw> <cooked>deep");
  CHECK_FALSE(second.NextSibling("item"));

  // Null handles chain without checks.
  XmlNode none = root.FirstChild("missing").FirstChild().NextSibling("x");
  CHECK_FALSE(none);
  CHECK(none.LocalName().empty());
  CHECK(none.Attribute("a").empty());
  CHECK(none.Text().empty());
  CHECK(none.DeepText().empty());
  CHECK(none.Offset() == 0);
}

TEST_CASE("XmlDocument keeps whitespace-only preserved text", "[xml]") {
  Result<XmlDocument> doc = XmlDocument::Parse(
      "<si>\n  <t xml:space=\"preserve\"> </t>\n  <t>\t</t>\n</si>", "sst.xml");
  REQUIRE(doc.ok());
  XmlNode t = doc->Root().FirstChild("t");
  CHECK(t.Text() == " ");
  CHECK(t.NextSibling("t").Text() == "\t");
  CHECK(doc->Root().Text().empty());  // indentation between elements is dropped
}

TEST_CASE("XmlDocument gives element offsets into the source", "[xml]") {
  Result<XmlDocument> doc = XmlDocument::Parse("<a><bb/><c/></a>", "o.xml");
  REQUIRE(doc.ok());
  CHECK(doc->Root().Offset() == 1);
  CHECK(doc->Root().FirstChild("c").Offset() == 9);
}

TEST_CASE("XmlDocument refuses DOCTYPE declarations", "[xml]") {
  Result<XmlDocument> doc = XmlDocument::Parse(
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>",
      "laughs.xml");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().code() == StatusCode::kParseError);
  CHECK(doc.status().message() == "laughs.xml: DOCTYPE declarations are not accepted (entity expansion)");
}

TEST_CASE("XmlDocument reports malformed XML with the byte offset", "[xml]") {
  Result<XmlDocument> mismatch = XmlDocument::Parse("<a><b></a>", "bad.xml");
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.status().code() == StatusCode::kParseError);
  CHECK(mismatch.status().message() == "bad.xml: XML error at byte 8: Start-end tags mismatch");

  Result<XmlDocument> empty = XmlDocument::Parse("", "empty.xml");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() == "empty.xml: XML error at byte 0: No document element found");

  Result<XmlDocument> text_only = XmlDocument::Parse("just text", "text.xml");
  REQUIRE_FALSE(text_only.ok());
  CHECK(text_only.status().code() == StatusCode::kParseError);
}


// ------------------------------------------------ XmlDocument::ParseInSlices --

struct SliceLog {
  std::vector<std::string> items;  // the n attributes seen, after any restart
  std::vector<bool> restarts;      // one entry per visit
  std::vector<size_t> offsets;     // of each item seen
};

Status Collect(const std::string& xml, size_t slice_bytes, SliceLog& log,
               std::string_view container = "list") {
  return XmlDocument::ParseInSlices(
      xml, "s.xml", container, "item", slice_bytes, [&log](XmlNode list, bool restart) {
        log.restarts.push_back(restart);
        if (restart) {
          log.items.clear();
          log.offsets.clear();
        }
        for (XmlNode item = list.FirstChild("item"); item; item = item.NextSibling("item")) {
          log.items.emplace_back(item.Attribute("n"));
          log.offsets.push_back(item.Offset());
        }
        return Status::Ok();
      });
}

TEST_CASE("ParseInSlices visits the items a slice at a time", "[xml]") {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<root><head/><list count=\"4\">"
      "<item n=\"1\">one</item><item n=\"2\">two</item>\n<item n=\"3\">three</item>"
      "<item n=\"4\">four</item></list><tail/></root>";
  for (size_t slice_bytes : {size_t{0}, size_t{1}, size_t{30}, size_t{1} << 20}) {
    SliceLog log;
    REQUIRE(Collect(xml, slice_bytes, log).ok());
    CHECK(log.items == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(std::count(log.restarts.begin(), log.restarts.end(), true) == 0);
    CHECK(log.offsets[2] == xml.find("<item n=\"3\"") + 1);  // whole-document offsets
  }
  SliceLog one_each;
  REQUIRE(Collect(xml, 1, one_each).ok());
  CHECK(one_each.restarts.size() == 4);
  SliceLog all_at_once;
  REQUIRE(Collect(xml, 1 << 20, all_at_once).ok());
  CHECK(all_at_once.restarts.size() == 1);
}

TEST_CASE("ParseInSlices slices prefixed containers", "[xml]") {
  const std::string xml =
      "<x:root xmlns:x=\"urn:x\"><x:list><x:item n=\"a\"/><x:item n=\"b\"></x:item>"
      "<x:item n=\"c\"></x:item></x:list></x:root>";
  SliceLog log;
  REQUIRE(Collect(xml, 1, log).ok());
  CHECK(log.items == std::vector<std::string>{"a", "b", "c"});
  CHECK(log.restarts == std::vector<bool>{false, false});  // cut after </x:item> only
}

TEST_CASE("ParseInSlices falls back to the whole document when a cut is not clean", "[xml]") {
  // The comment holds the text of an end tag: the cut inside it cannot parse
  // alone, so the whole document is parsed and the visitor told to restart.
  const std::string xml =
      "<root><list><item n=\"1\"></item><!-- </item> --><item n=\"2\"></item>"
      "<![CDATA[</item>]]><item n=\"3\"></item></list></root>";
  SliceLog log;
  REQUIRE(Collect(xml, 1, log).ok());
  CHECK(log.restarts == std::vector<bool>{false, true});
  CHECK(log.items == std::vector<std::string>{"1", "2", "3"});
  CHECK(log.offsets[1] == xml.find("<item n=\"2\"") + 1);
}

TEST_CASE("ParseInSlices parses a document in another encoding whole", "[xml]") {
  // Slices have no XML declaration: a Latin-1 document must not be sliced.
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root><list><item n=\"caf\xE9\"></item>"
      "<item n=\"2\"></item></list></root>";
  SliceLog log;
  REQUIRE(Collect(latin1, 1, log).ok());
  CHECK(log.restarts == std::vector<bool>{true});
  CHECK(log.items == std::vector<std::string>{"caf\xC3\xA9", "2"});  // converted to UTF-8
  SliceLog utf8;
  REQUIRE(Collect("<?xml version='1.0' encoding='UTF-8'?><r><list><item n=\"1\"></item>"
                  "<item n=\"2\"></item></list></r>",
                  1, utf8)
              .ok());
  CHECK(utf8.restarts == std::vector<bool>{false, false});
}

TEST_CASE("ParseInSlices reports errors as Parse does", "[xml]") {
  SliceLog doctype;
  Status refused = Collect(
      "<!DOCTYPE root [<!ENTITY e \"x\">]><root><list><item n=\"&e;\"></item></list></root>", 1,
      doctype);
  CHECK(refused.message() == "s.xml: DOCTYPE declarations are not accepted (entity expansion)");
  CHECK(doctype.restarts.empty());

  const std::string broken = "<root><list><item n=\"1\"></item><item n=\"2\"></itm></list></root>";
  SliceLog log;
  Status bad = Collect(broken, 1, log);
  CHECK(bad.code() == StatusCode::kParseError);
  CHECK(bad.message() == "s.xml: XML error at byte " + std::to_string(broken.find("itm>")) +
                             ": Start-end tags mismatch");

  SliceLog none;
  REQUIRE(Collect("<root><other/></root>", 1, none).ok());
  CHECK(none.restarts == std::vector<bool>{true});  // once, with a null container
  CHECK(none.items.empty());

  int visits = 0;
  Status stopped = XmlDocument::ParseInSlices(
      "<r><list><item></item><item></item><item></item></list></r>", "s.xml", "list", "item", 1,
      [&visits](XmlNode, bool) {
        return ++visits == 2 ? LimitExceeded("enough") : Status::Ok();
      });
  CHECK(stopped.message() == "enough");
  CHECK(visits == 2);
}

}  // namespace
}  // namespace annexa::sources
