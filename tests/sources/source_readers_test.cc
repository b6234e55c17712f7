// The table of source kinds (sources/source_readers.h): each kind once,
// each extension to one kind, each kind's keys, and each reader reading a
// small fixture through the table as the source loader does. Expected
// tables are worked out from the fixtures by hand.
#include "sources/source_readers.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace annexa::sources {
namespace {

const SourceReader& Kind(std::string_view format) {
  const SourceReader* kind = FindReader(format);
  REQUIRE(kind != nullptr);
  return *kind;
}

// What the kind's configure makes of a source's keys (a YAML flow map),
// which must hold no problem.
std::any Options(const SourceReader& kind, const std::string& yaml) {
  Result<YamlValue> node = ParseYaml(yaml, "sources.yaml");
  REQUIRE(node.ok());
  Problems problems;
  std::any options = kind.configure(FileReader("sources.yaml", &problems), &*node, "source 't'");
  INFO(problems.ToStatus().message());
  REQUIRE(problems.empty());
  return options;
}

// Reads `bytes` as the source loader reads a local file: `origin` names it.
struct Read {
  std::map<std::string, std::any> shared;
  int reads = 0;  // how often the reader asked for the bytes

  Result<Table> operator()(const SourceReader& kind, const std::any& options, const std::string& bytes,
                           const std::string& origin = "export") {
    ReadContext c;
    c.origin = origin;
    c.location = origin;
    c.options = &options;
    c.shared = &shared;
    c.bytes = [&]() -> Result<std::string> {
      ++reads;
      return bytes;
    };
    return kind.read(c);
  }
};

Table TableOk(Result<Table> t) {
  INFO(t.status().message());
  REQUIRE(t.ok());
  return std::move(*t);
}

std::vector<std::vector<std::string>> Rows(const Table& t) {
  std::vector<std::vector<std::string>> out;
  for (size_t r = 0; r < t.size(); ++r) out.push_back(t.Row(r));
  return out;
}

}  // namespace

TEST_CASE("source kinds: the table lists each format once, each complete", "[sources]") {
  std::vector<std::string> formats;
  for (const SourceReader* kind : SourceReaders()) {
    formats.emplace_back(kind->format);
    CHECK(FindReader(kind->format) == kind);
    CHECK(kind->configure != nullptr);
    CHECK(kind->read != nullptr);
  }
  // database: issue 18's fifth kind, a table or query on an ODBC connection.
  CHECK(formats == std::vector<std::string>{"csv", "xlsx", "cin_census", "sql", "database"});
  CHECK(FindReader("parquet") == nullptr);
  CHECK(FindReader("") == nullptr);
  CHECK(FindReader("CSV") == nullptr);  // `format:` is exact, like every other config value
}

TEST_CASE("source kinds: every extension picks exactly one kind, whatever its case", "[sources]") {
  std::set<std::string_view> seen;
  for (const SourceReader* kind : SourceReaders()) {
    for (std::string_view ext : kind->extensions) {
      INFO(ext);
      CHECK(seen.insert(ext).second);  // no other kind claims it
      CHECK(ext.starts_with("."));
      CHECK(AsciiLower(ext) == ext);
      CHECK(&ReaderForPath("data/export" + std::string(ext)) == kind);
      std::string upper(ext);
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      CHECK(&ReaderForPath("EXPORT" + upper) == kind);
    }
  }
  CHECK(seen == std::set<std::string_view>{".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xml"});
  // Anything else is read as CSV, as councils' exports often come.
  CHECK(ReaderForPath("people.dat").format == "csv");
  CHECK(ReaderForPath("people").format == "csv");
  CHECK(ReaderForPath("").format == "csv");
  CHECK(ReaderForPath("people.xlsx.bak").format == "csv");
  CHECK(ReaderForPath("https://reports.example/run/children.xml").format == "cin_census");
}

TEST_CASE("source kinds: the keys each kind takes", "[sources]") {
  const std::vector<std::string> http = {"auth", "ca_file", "verify_tls", "timeout_seconds",
                                         "connect_timeout_seconds", "retries", "max_megabytes",
                                         "allow_cross_host_redirect", "allow_insecure_http",
                                         "low_speed_seconds"};  // the last two: issue 17
  auto with = [&](std::vector<std::string> own) {
    // optional, columns: a file that may be missing or empty (issue 16).
    std::vector<std::string> keys = {"file", "url", "format", "optional", "columns", "contract"};
    keys.insert(keys.end(), own.begin(), own.end());
    keys.insert(keys.end(), http.begin(), http.end());
    keys.emplace_back("latest_per");  // any kind: the mapping stage's
    keys.emplace_back("history");     // any kind: whether past dates can be rebuilt from it (issue 20)
    return keys;
  };
  CHECK(AcceptedKeys(&Kind("csv")) == with({"delimiter", "encoding", "header_row"}));
  CHECK(AcceptedKeys(&Kind("xlsx")) == with({"header_row", "sheet"}));
  CHECK(AcceptedKeys(&Kind("cin_census")) == with({"table"}));
  // Not a file: no file, url or HTTP keys.
  CHECK(AcceptedKeys(&Kind("sql")) == std::vector<std::string>{"format", "contract", "query", "sources", "max_seconds", "latest_per",
                                                             "history"});
  // Not a file either (issue 18): a table or a query on a connection.
  CHECK(AcceptedKeys(&Kind("database")) ==
        std::vector<std::string>{"format", "contract", "connection", "table", "query", "latest_per", "history"});
  // An unknown format: any kind's key, each once ('connection': the
  // database kind, issue 18; its 'table' and 'query' are other kinds' too).
  CHECK(AcceptedKeys(nullptr) == with({"delimiter", "encoding", "header_row", "sheet", "table", "query", "sources",
                                       "max_seconds", "connection"}));
}

TEST_CASE("source kinds: a key of another kind is reported at its line and column", "[sources]") {
  Result<YamlValue> node = ParseYaml("file: a.xml\ntable: children\ndelimiter: ';'\n", "c.yaml");
  REQUIRE(node.ok());
  Problems problems;
  CheckSourceKeys(FileReader("c.yaml", &problems), *node, &Kind("cin_census"), "source 'a'");
  CHECK(problems.ToStatus().message() ==
        "c.yaml:3:1: unknown key 'delimiter' in source 'a': 'delimiter' is a key of format csv, and this source is "
        "cin_census (expected one of: file, url, format, optional, columns, contract, table, auth, ca_file, verify_tls, timeout_seconds, "
        "connect_timeout_seconds, retries, max_megabytes, allow_cross_host_redirect, allow_insecure_http, "
        "low_speed_seconds, latest_per, history)");  // allow_insecure_http, low_speed_seconds: issue 17
}

TEST_CASE("source kinds: csv reads a file through the table", "[sources]") {
  const SourceReader& csv = Kind("csv");
  CHECK(csv.content == ExpectedContent::kCsv);
  CHECK(csv.parallel);
  Read read;
  // A title line, then the headers on line 2; ';' between fields.
  const std::string text = "Children export\nID;DOB;TEAM\nC1;2021-01-01; North \n\nC2;;\"South; East\"\n";
  const Table t = TableOk(read(csv, Options(csv, "{delimiter: ';', header_row: 2}"), text, "children.csv"));
  CHECK(t.origin == "children.csv");
  CHECK(t.headers == std::vector<std::string>{"ID", "DOB", "TEAM"});
  CHECK(Rows(t) == std::vector<std::vector<std::string>>{{"C1", "2021-01-01", "North"}, {"C2", "", "South; East"}});
  CHECK(t.source_rows == std::vector<int64_t>{3, 5});  // provenance: the line each record starts on
  CHECK(read.reads == 1);
  // The shorthand (`people: people.csv`) takes the defaults: ',' and the first line.
  Problems none;
  const Table plain = TableOk(read(csv, csv.configure(FileReader("x", &none), nullptr, "source 't'"), "A,B\n1,2\n"));
  CHECK(none.empty());
  CHECK(Rows(plain) == std::vector<std::vector<std::string>>{{"1", "2"}});
  // Errors name the origin and the line.
  CHECK(read(csv, Options(csv, "{}"), "A,B\n1,2\n3\n", "c.csv").status().message() ==
        "c.csv:3: row has 1 field, the header has 2");
}

TEST_CASE("source kinds: xlsx reads a sheet through the table", "[sources]") {
  const SourceReader& xlsx = Kind("xlsx");
  CHECK(xlsx.content == ExpectedContent::kXlsx);
  CHECK(xlsx.parallel);
  const std::string path = testing::XlsxFixture("council_export.xlsx");
  const std::string bytes = testing::ReadBytes(path);
  Read read;
  // Sheet "Children": a title in row 1, headers in row 2 (C2 is missing, D2
  // is " Team "), B3 a date (serial 44197), row 4 only a space.
  const Table t = TableOk(read(xlsx, Options(xlsx, "{sheet: Children, header_row: 2}"), bytes, path));
  CHECK(t.origin == path + "#Children");
  CHECK(t.headers == std::vector<std::string>{"ID", "DOB", "Column C", "Team"});
  CHECK(Rows(t) == std::vector<std::vector<std::string>>{{"C1", "2021-01-01", "3", "North"}, {"C2", "", "2.5", "South"}});
  CHECK(t.source_rows == std::vector<int64_t>{3, 5});  // the sheet's row numbers
  // No sheet named: the first, and the origin is the file alone.
  const Table notes = TableOk(read(xlsx, Options(xlsx, "{}"), bytes, path));
  CHECK(notes.origin == path);
  CHECK(notes.headers == std::vector<std::string>{"Note"});
  CHECK(Rows(notes) == std::vector<std::vector<std::string>>{{"made by hand"}});
  CHECK(notes.source_rows == std::vector<int64_t>{2});
  CHECK(read(xlsx, Options(xlsx, "{sheet: Children, header_row: 9}"), bytes, path).status().message() ==
        path + "#Children: no header row (row 9 is empty)");
}

TEST_CASE("source kinds: cin_census reads each table of one return, parsed once", "[sources]") {
  const SourceReader& cin = Kind("cin_census");
  CHECK(cin.content == ExpectedContent::kXml);
  CHECK_FALSE(cin.parallel);  // its tables share one parse
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<Message>\n"
      "  <Children>\n"
      "    <Child>\n"
      "      <ChildIdentifiers><LAchildID>A1</LAchildID><PersonBirthDate>2015-04-01</PersonBirthDate>"
      "</ChildIdentifiers>\n"
      "      <CINdetails><CINreferralDate>2024-01-10</CINreferralDate><ReferralSource>1A</ReferralSource>"
      "</CINdetails>\n"
      "    </Child>\n"
      "    <Child>\n"
      "      <ChildIdentifiers><LAchildID>A2</LAchildID></ChildIdentifiers>\n"
      "    </Child>\n"
      "  </Children>\n"
      "</Message>\n";
  Read read;
  const Table children = TableOk(read(cin, Options(cin, "{table: children}"), xml, "cin.xml"));
  CHECK(children.origin == "cin.xml");
  REQUIRE(children.size() == 2);
  CHECK(children.cell(0, static_cast<size_t>(children.ColumnIndex("LAchildID"))) == "A1");
  CHECK(children.cell(0, static_cast<size_t>(children.ColumnIndex("PersonBirthDate"))) == "2015-04-01");
  CHECK(children.cell(1, static_cast<size_t>(children.ColumnIndex("LAchildID"))) == "A2");
  CHECK(children.source_rows == std::vector<int64_t>{4, 8});  // the line each <Child> starts on
  const Table episodes = TableOk(read(cin, Options(cin, "{table: cin_episodes}"), xml, "cin.xml"));
  REQUIRE(episodes.size() == 1);
  CHECK(episodes.cell(0, static_cast<size_t>(episodes.ColumnIndex("LAchildID"))) == "A1");
  CHECK(episodes.cell(0, static_cast<size_t>(episodes.ColumnIndex("ReferralSource"))) == "1A");
  CHECK(episodes.source_rows == std::vector<int64_t>{6});
  CHECK(read.reads == 1);  // the second table came from the first parse
  CHECK(read(cin, Options(cin, "{table: adopters}"), xml, "cin.xml").status().message() ==
        "no table 'adopters' in a CIN census return");
  // Without 'table' the source is refused when the config loads.
  Result<YamlValue> node = ParseYaml("{file: cin.xml}", "c.yaml");
  REQUIRE(node.ok());
  Problems problems;
  cin.configure(FileReader("c.yaml", &problems), &*node, "source 'c'");
  CHECK(problems.ToStatus().message() ==
        "c.yaml:1:1: source 'c': a cin_census source needs 'table' (children, cin_episodes, assessments, cin_plans, "
        "section47 or cp_plans)");
}

}  // namespace annexa::sources
