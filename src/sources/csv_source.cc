// The csv kind: delimited text exports (csv_reader.h), from a file or a URL.
#include "sources/csv_reader.h"
#include "sources/source_readers.h"

namespace annexa::sources {

namespace {

std::any Configure(const FileReader& r, const YamlValue* node, const std::string& what) {
  CsvOptions o;
  if (!node) return o;
  if (auto d = r.Str(*node, "delimiter", what, false)) {
    std::string delim = *d == "\\t" || *d == "tab" ? "\t" : *d;
    if (delim.size() != 1) r.Error(node->Find("delimiter")->mark, what + ": 'delimiter' must be one character (or tab)");
    else o.delimiter = delim[0];
  }
  if (const YamlValue* e = node->Find("encoding")) {
    if (auto enc = r.OneOf<TextEncoding>(*e, "encoding",
                                         {{"auto", TextEncoding::kAuto},
                                          {"utf-8", TextEncoding::kUtf8},
                                          {"windows-1252", TextEncoding::kWindows1252}},
                                         what))
      o.encoding = *enc;
  }
  if (auto h = ReadHeaderRow(r, *node)) o.header_row = *h;
  return o;
}

Result<Table> Read(const ReadContext& c) {
  Result<std::string> bytes = c.bytes();
  if (!bytes.ok()) return bytes.status();
  // The pointer form of any_cast: a mismatch is a Status, never an exception.
  const CsvOptions* o = std::any_cast<CsvOptions>(c.options);
  if (!o) return Internal(c.origin + ": csv source read without its options");
  return ParseCsv(*bytes, c.origin, *o);
}

}  // namespace

const SourceReader& CsvSource() {
  static const SourceReader kind{
      .format = "csv",
      .extensions = {".csv", ".tsv", ".txt"},
      .keys = {"delimiter", "encoding", "header_row"},
      .content = ExpectedContent::kCsv,
      .parallel = true,
      .configure = Configure,
      .read = Read,
  };
  return kind;
}

}  // namespace annexa::sources
