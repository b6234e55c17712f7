// Database sources against a real PostgreSQL 15 (a throwaway server in a
// temporary folder: pg_fixture.h) through unixODBC and psqlodbc: the SSD
// council's tables loaded from its CSV files give the CSV route's pack;
// cells, NULLs, dates and parameters come through as documented; and every
// failure (a wrong password, a missing table, a query failing halfway, a
// query timeout, the server stopped mid-fetch) is a clear error, exit 3,
// with the previous pack untouched. Skipped with a WARN where PostgreSQL or
// psqlodbc is absent.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <thread>

#include "core/yaml_adapter.h"
#include "core/yaml_reader.h"
#include "db/pg_fixture.h"
#include "sources/database_source.h"
#include "sources/source_readers.h"
#include "sources/zip_archive.h"
#include "support/annexa_process.h"
#include "test_support.h"

namespace annexa {
namespace {

using testing::PgServer;

const std::string kGeneratedAt = "2026-11-23T09:00:00";
const std::string kWorkbook = "annex_a_000_2026-11-23.xlsx";
const std::string kQaWorkbook = "annex_a_000_2026-11-23_qa.xlsx";
// The QA workbook's parts that quote the findings' sources: Data_gaps (a
// message naming a place) and the Findings sheet (its Source, Source row
// and Message columns: a file and its line, or a query and its row).
constexpr int kQaPartsQuotingPlaces = 3;
// The QA workbook's sheets that name each finding's source file and row:
// Findings (sheet 17) and Gaps_by_owner (sheet 22, the last).
const std::set<std::string> kSourceSheetParts = {"xl/worksheets/sheet17.xml", "xl/worksheets/sheet22.xml"};
const std::string kFindings = "annex_a_000_2026-11-23_findings.csv";

std::string SsdData() { return testing::SourceDir() + "/examples/ssd_council/data"; }

// Loads every CSV file of the SSD council into the tables of its name
// (tests/db/load_tables.py), once per server and database.
void LoadSsd(const PgServer& pg, const std::string& db) {
  pg.CreateDatabase(db);
  if (!pg.Psql(db, "SELECT 1 FROM pg_tables WHERE tablename = 'ssd_person'").empty()) return;
  const std::string sql = pg.dir() + "/load_" + db + ".sql";
  const testing::ProcessResult r = testing::RunShell("python3 '" + testing::SourceDir() + "/tests/db/load_tables.py' '" +
                                                     SsdData() + "'/*.csv > '" + sql + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  pg.PsqlFile(db, sql);
}

// config/profiles/ssd_database.yaml with its `connections:` block replaced
// by `connection` (YAML lines, indented two spaces), and each source line
// passed through `edit`.
std::string DatabaseProfile(const std::string& connection) {
  const std::string text = testing::ReadBytes(testing::SourceDir() + "/config/profiles/ssd_database.yaml");
  const size_t start = text.find("\nconnections:\n");
  const size_t end = text.find("\nsources:\n");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(0, start) + "\nconnections:\n" + connection + "\n" + text.substr(end);
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string ConnectionBlock(const PgServer& pg, const std::string& db, const std::string& extra = "",
                            const std::string& more_keys = "") {
  return "  ssd:\n    connection_string: \"" + pg.ConnectionString(db) + extra + "\"\n" + more_keys;
}

testing::ProcessResult Generate(const std::string& config, const std::string& out,
                                const std::vector<std::string>& extra = {}) {
  // No run history: the two routes' packs are compared, and a second run
  // recorded beside the first would show the first in its Changes sheet.
  std::vector<std::string> args = {"generate", "--config", config, "--reference-date", "2026-11-23",
                                   "--out", out, "--generated-at", kGeneratedAt, "--no-history"};
  args.insert(args.end(), extra.begin(), extra.end());
  return testing::RunAnnexa(args);
}

// A finding message's place in its source: "source row 605 (record 215)" in
// a CSV file (its line and record) is "source row 215 (record 215)" in a
// query's result (its row). The record numbers are the same on both routes.
std::string RecordsOnly(const std::string& text) {
  static const std::regex kRow(R"(source row \d+ \(record (\d+)\))");
  return std::regex_replace(text, kRow, "record $1");
}

// How many parts of two workbooks differ byte for byte, CHECK-ing that each
// that does is equal once a source row's place is its record number.
// `loose`: a part that may differ in more than the places (the QA
// workbook's Findings sheet names each finding's source file and row).
int PartsDiffering(const std::string& csv_book, const std::string& db_book, const std::set<std::string>& loose = {}) {
  Result<sources::ZipArchive> a = sources::ZipArchive::Open(csv_book);
  Result<sources::ZipArchive> b = sources::ZipArchive::Open(db_book);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->EntryNames() == b->EntryNames());
  int differing = 0;
  for (const std::string& entry : a->EntryNames()) {
    Result<std::string> x = a->Read(entry);
    Result<std::string> y = b->Read(entry);
    REQUIRE(x.ok());
    REQUIRE(y.ok());
    if (*x == *y) continue;
    INFO(entry);
    ++differing;
    if (!loose.count(entry)) CHECK(RecordsOnly(*x) == RecordsOnly(*y));
  }
  return differing;
}

std::vector<std::vector<std::string>> ParseFindings(const std::string& csv) {
  // The findings CSV (render/findings_csv.cc): RFC 4180, a message may hold commas and quotes.
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') cell += csv[++i];
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_CASE("database source: the SSD council read from PostgreSQL through ODBC gives the CSV route's pack", "[db]") {
  PgServer* pg = PgServer::Shared();
  if (!pg) return;
  LoadSsd(*pg, "ssd");
  const std::string dir = testing::MakeTempDir();
  const std::string config = testing::WriteTextFile(dir, "ssd_database.yaml", DatabaseProfile(ConnectionBlock(*pg, "ssd")));
  const testing::ProcessResult db = Generate(config, dir + "/db");
  const testing::ProcessResult csv = testing::RunAnnexa({"generate", "--config",
                                                         testing::SourceDir() + "/config/profiles/ssd.yaml",
                                                         "--data-dir", SsdData(), "--reference-date", "2026-11-23",
                                                         "--out", dir + "/csv", "--generated-at", kGeneratedAt,
                                                         "--no-history"});
  INFO(db.err << csv.err);
  // 1: the pack holds errors to look at (the council's 31 injected defects).
  REQUIRE(csv.exit_code == 1);
  REQUIRE(db.exit_code == 1);

  // The upload workbook (the lists only, issue 19): every part byte for byte.
  CHECK(PartsDiffering(dir + "/csv/" + kWorkbook, dir + "/db/" + kWorkbook) == 0);
  // The QA workbook: every part byte for byte (the marked cells' comments
  // included), but the two that quote the findings' sources: Data_gaps,
  // equal once a place is its record number, and the Findings sheet.
  CHECK(PartsDiffering(dir + "/csv/" + kQaWorkbook, dir + "/db/" + kQaWorkbook, kSourceSheetParts) ==
        kQaPartsQuotingPlaces);

  // The other files of the pack, byte for byte.
  // (The run summary, _run.json, names each finding's place, as the findings do.)
  for (const char* f : {"annex_a_000_2026-11-23_pack.pdf", "annex_a_000_2026-11-23_completeness.csv",
                        "annex_a_000_2026-11-23_audit_coverage.csv"}) {
    INFO(f);
    CHECK(testing::ReadBytes(dir + "/csv/" + f) == testing::ReadBytes(dir + "/db/" + f));
  }

  // The findings: the same, in the same order, once their location (source,
  // source_row) is dropped; the DB route's location is the connection, the
  // table and the result's row.
  const auto fa = ParseFindings(testing::ReadBytes(dir + "/csv/" + kFindings));
  const auto fb = ParseFindings(testing::ReadBytes(dir + "/db/" + kFindings));
  REQUIRE(fa.size() == fb.size());
  // The header and 76 findings: the CSV route's 64 before the data rules
  // (as its summary printed it) and the data rules' 12, the same on both
  // routes: 1 cin-rc8-not-needed (List 6's 31 RC8 closures, reported once
  // with the count), 6
  // unborn-gender-not-known and 2 adopter-application-or-stage1 (the
  // council's enquiry-only adopters), warnings; and DfE's SSDA903 rules
  // (issue 21): 2 dfe-378-placed-with-parents-section-20 errors (List 8 rows
  // 4 and 23, children 100215 and 100238: placed with parents, P1, under
  // section 20, V2) and 1 dfe-222-urn-for-placement-without-one warning
  // (row 38, child 100258), the default council's draws (--no-defects keeps
  // rule 378).
  REQUIRE(fa.size() == 77);
  REQUIRE(fa[0] == fb[0]);
  const auto col = [&](const char* name) {
    const auto it = std::find(fa[0].begin(), fa[0].end(), name);
    REQUIRE(it != fa[0].end());
    return static_cast<size_t>(it - fa[0].begin());
  };
  const size_t source = col("source"), source_row = col("source_row"), message = col("message");
  int located = 0;
  for (size_t i = 1; i < fa.size(); ++i) {
    std::vector<std::string> x = fa[i], y = fb[i];
    INFO("finding " << i << ": " << x[message]);
    REQUIRE(x.size() == y.size());
    if (x[source].find("ssd_council/data/") != std::string::npos) {
      // ".../data/ssd_cin_episodes.csv" read from the connection: "ssd/ssd_cin_episodes".
      const std::string file = x[source].substr(x[source].rfind('/') + 1);
      CHECK(y[source] == "ssd/" + file.substr(0, file.size() - 4));
      ++located;
    }
    // The database route's place is right, not only present: the result's
    // row, which is the record number (bench/compare_packs.py also checks the
    // CSV route's line against the file).
    static const std::regex kPlace(R"(source row (\d+) \(record (\d+)\))");
    std::smatch place;
    if (std::regex_search(y[message], place, kPlace)) {
      CHECK(place[1].str() == place[2].str());
      CHECK(y[source_row] == place[2].str());
    }
    x[source] = y[source] = x[source_row] = y[source_row] = "";
    x[message] = RecordsOnly(x[message]);
    y[message] = RecordsOnly(y[message]);
    CHECK(x == y);
  }
  CHECK(located > 0);
}

// Reads one database source through its kind, as the source loader does.
Result<Table> ReadDatabaseSource(const std::string& yaml, const CivilDate& reference_date) {
  Result<YamlValue> doc = ParseYaml(yaml, "test.yaml");
  REQUIRE(doc.ok());
  Problems problems;
  FileReader r("test.yaml", &problems);
  const sources::SourceReader* kind = sources::FindReader("database");
  REQUIRE(kind);
  const auto connections = sources::ReadConnections(r, *doc->Find("connections"), ".");
  std::any options = kind->configure(r, doc->Find("source"), "source 't'");
  sources::ResolveConnection(r, connections, &options, "source 't'");
  INFO(problems.ToStatus().message());
  REQUIRE(problems.empty());
  sources::ReadContext c;
  c.name = "t";
  c.options = &options;
  c.reference_date = reference_date;
  return kind->read(c);
}

TEST_CASE("database source: dates, timestamps, NULL, text and bound parameters come through as documented", "[db]") {
  PgServer* pg = PgServer::Shared();
  if (!pg) return;
  pg->CreateDatabase("cells");
  pg->Psql("cells",
           "DROP TABLE IF EXISTS t; CREATE TABLE t (id int, d date, ts timestamp, n numeric(6,2), s text);"
           "INSERT INTO t VALUES (1, '2026-05-23', '2026-05-23 14:05:09.75', 12.5, '  Zoë O''Neil  '),"
           "(2, '2026-05-22', NULL, NULL, NULL), (3, '2025-11-23', '2025-11-23 00:00:00', -3, '; DROP TABLE t; --');");
  const std::string conn = "connections:\n  db:\n    connection_string: \"" + pg->ConnectionString("cells") + "\"\n";

  SECTION("a table: every row in order, each cell as text") {
    Result<Table> t = ReadDatabaseSource(conn + "source: {connection: db, table: t}\n", CivilDate(2026, 11, 23));
    INFO(t.status().message());
    REQUIRE(t.ok());
    CHECK(t->headers == std::vector<std::string>{"id", "d", "ts", "n", "s"});
    REQUIRE(t->size() == 3);
    // Dates ISO, timestamps to the second, numbers as the driver writes
    // them, text trimmed (as CSV cells are) and UTF-8, NULL blank.
    CHECK(t->Row(0) == std::vector<std::string>{"1", "2026-05-23", "2026-05-23 14:05:09", "12.50", "Zoë O'Neil"});
    CHECK(t->Row(1) == std::vector<std::string>{"2", "2026-05-22", "", "", ""});
    CHECK(t->Row(2) == std::vector<std::string>{"3", "2025-11-23", "2025-11-23 00:00:00", "-3.00", "; DROP TABLE t; --"});
    // Provenance: the connection and the table, and the result's row.
    CHECK(t->origin == "db/t");
    CHECK(t->source_rows == std::vector<int64_t>{1, 2, 3});
  }
  SECTION("a query's named parameters are dates the driver binds") {
    // 23/11/2026: 6 months back is 23/05/2026, 12 months 23/11/2025.
    Result<Table> t = ReadDatabaseSource(
        conn + "source:\n  connection: db\n  query: \"SELECT id, CAST(:reference_date AS text) AS r, "
               "CAST(:window_start_6m AS text) AS w6, CAST(:window_start_12m AS text) AS w12, "
               "':not_a_parameter' AS lit, d::text AS dt FROM t WHERE d >= :window_start_6m ORDER BY id\"\n",
        CivilDate(2026, 11, 23));
    INFO(t.status().message());
    REQUIRE(t.ok());
    REQUIRE(t->size() == 1);  // 22/05/2026 and 23/11/2025 are before the 6-month window
    CHECK(t->Row(0) ==
          std::vector<std::string>{"1", "2026-11-23", "2026-05-23", "2025-11-23", ":not_a_parameter", "2026-05-23"});
    CHECK(t->origin == "db/t (query)");
  }
  SECTION("a query with non-ASCII text reaches the database as written") {
    Result<Table> t = ReadDatabaseSource(
        conn + "source:\n  connection: db\n  query: \"SELECT id, 'Ω→✓' AS mark FROM t WHERE s LIKE '%Zoë%'\"\n",
        CivilDate(2026, 11, 23));
    INFO(t.status().message());
    REQUIRE(t.ok());
    REQUIRE(t->size() == 1);
    CHECK(t->Row(0) == std::vector<std::string>{"1", "Ω→✓"});
  }
  SECTION("a cell longer than one read of the driver comes whole") {
    // 4,094 characters of one UTF-16 unit, then one of two (a surrogate
    // pair) across the end of the adapter's first 4,095-unit piece.
    Result<Table> t = ReadDatabaseSource(
        conn + "source:\n  connection: db\n  query: \"SELECT repeat('é', 4094) || '😀|' AS long\"\n",
        CivilDate(2026, 11, 23));
    INFO(t.status().message());
    REQUIRE(t.ok());
    REQUIRE(t->size() == 1);
    std::string expected;
    for (int i = 0; i < 4094; ++i) expected += "é";
    expected += "😀|";
    CHECK(t->cell(0, 0) == expected);
  }
  SECTION("another reference date, the same query: a rehearsal at any date") {
    Result<Table> t = ReadDatabaseSource(
        conn + "source:\n  connection: db\n  query: \"SELECT id FROM t WHERE d >= :window_start_6m ORDER BY id\"\n",
        CivilDate(2026, 5, 24));  // 6 months back: 24/11/2025, after row 3's 23/11/2025
    REQUIRE(t.ok());
    CHECK(t->size() == 2);
    CHECK(t->Row(0) == std::vector<std::string>{"1"});
    CHECK(t->Row(1) == std::vector<std::string>{"2"});
  }
}

TEST_CASE("database source: rehearse reads the SSD tables from the database at another date, as the CSV route does",
          "[db]") {
  PgServer* pg = PgServer::Shared();
  if (!pg) return;
  LoadSsd(*pg, "ssd");
  const std::string dir = testing::MakeTempDir();
  const std::string config = testing::WriteTextFile(dir, "ssd_database.yaml", DatabaseProfile(ConnectionBlock(*pg, "ssd")));
  // A trial run as if Ofsted had called on 15/06/2026: no exports at all.
  const testing::ProcessResult db =
      testing::RunAnnexa({"rehearse", "--config", config, "--notification", "2026-06-15 09:30", "--out", dir + "/db"});
  const testing::ProcessResult csv = testing::RunAnnexa(
      {"rehearse", "--config", testing::SourceDir() + "/config/profiles/ssd.yaml", "--data-dir", SsdData(),
       "--notification", "2026-06-15 09:30", "--out", dir + "/csv"});
  INFO(db.err << csv.err);
  CHECK(db.exit_code == csv.exit_code);
  CHECK((db.exit_code == 0 || db.exit_code == 1));
  const std::string book = "/annex_a_000_2026-06-15.xlsx";
  CHECK(testing::DirEntries(dir + "/db").count("rehearsal.json") == 1);
  CHECK(PartsDiffering(dir + "/csv" + book, dir + "/db" + book) <= 1);  // at most the findings sheet
}

// The run's output folder, a complete pack from an earlier run.
struct PreviousPack {
  std::string dir;
  std::map<std::string, std::string> snapshot;
};

PreviousPack MakePreviousPack(const PgServer& pg, const std::string& db) {
  PreviousPack p;
  p.dir = testing::MakeTempDir();
  const std::string config =
      testing::WriteTextFile(p.dir, "ok.yaml", DatabaseProfile(ConnectionBlock(pg, db)));
  const testing::ProcessResult r = Generate(config, p.dir + "/pack");
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  p.dir += "/pack";
  p.snapshot = testing::DirSnapshot(p.dir);
  REQUIRE(p.snapshot.count(kWorkbook));
  return p;
}

TEST_CASE("database source: each failure against the real server is a clear error, exit 3, the previous pack untouched",
          "[db]") {
  PgServer* pg = PgServer::Shared();
  if (!pg) return;
  LoadSsd(*pg, "ssd");
  const PreviousPack previous = MakePreviousPack(*pg, "ssd");
  const std::string dir = testing::MakeTempDir();
  const auto run = [&](const std::string& yaml) {
    const std::string config = testing::WriteTextFile(dir, "fault.yaml", yaml);
    const testing::ProcessResult r = Generate(config, previous.dir);
    // Whatever went wrong, the folder holds the earlier pack, byte for byte.
    CHECK(testing::DirSnapshot(previous.dir) == previous.snapshot);
    return r;
  };

  SECTION("a wrong password: refused at connect, the password never printed") {
    pg->Psql("postgres",
             "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annexa_pw') THEN "
             "CREATE ROLE annexa_pw LOGIN PASSWORD 'right-horse-battery'; END IF; END $$;");
    pg->Psql("ssd", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO annexa_pw");
    const std::string block = "  ssd:\n    connection_string: \"" + pg->ConnectionString("ssd", "annexa_pw") +
                              "\"\n    password_env: ANNEXA_TEST_DB_PASSWORD\n";
    setenv("ANNEXA_TEST_DB_PASSWORD", "wrong-staple-7", 1);
    const testing::ProcessResult r = run(DatabaseProfile(block));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("connection 'ssd': cannot connect") != std::string::npos);
    CHECK(r.err.find("password authentication failed for user \"annexa_pw\"") != std::string::npos);
    CHECK(r.err.find("wrong-staple-7") == std::string::npos);
    // The right one from the environment: the same config reads the tables.
    setenv("ANNEXA_TEST_DB_PASSWORD", "right-horse-battery", 1);
    const testing::ProcessResult ok = Generate(testing::WriteTextFile(dir, "right.yaml", DatabaseProfile(block)),
                                               dir + "/right");
    INFO(ok.err);
    CHECK(ok.exit_code == 1);
    CHECK(testing::ReadBytes(dir + "/right/" + kWorkbook) == previous.snapshot.at(kWorkbook));
    // The same password from a file (its first line; a trailing newline is not part of it).
    testing::WriteTextFile(dir, "db_password", "right-horse-battery\n");
    std::string from_file = block;
    from_file.replace(from_file.find("password_env: ANNEXA_TEST_DB_PASSWORD"),
                      std::string("password_env: ANNEXA_TEST_DB_PASSWORD").size(), "password_file: db_password");
    const testing::ProcessResult file_ok =
        Generate(testing::WriteTextFile(dir, "file.yaml", DatabaseProfile(from_file)), dir + "/file");
    INFO(file_ok.err);
    CHECK(file_ok.exit_code == 1);
    // No variable: a configuration problem (exit 2), named.
    unsetenv("ANNEXA_TEST_DB_PASSWORD");
    const testing::ProcessResult unset = run(DatabaseProfile(block));
    CHECK(unset.exit_code == 2);
    CHECK(unset.err.find("the environment variable ANNEXA_TEST_DB_PASSWORD (password_env) is not set") !=
          std::string::npos);
  }
  SECTION("a missing table") {
    const testing::ProcessResult r =
        run(Replace(DatabaseProfile(ConnectionBlock(*pg, "ssd")), "table: ssd_person\n", "table: ssd_persons\n"));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("source 'ssd_person': connection 'ssd', table ssd_persons: the query failed:") != std::string::npos);
    CHECK(r.err.find("relation \"ssd_persons\" does not exist") != std::string::npos);
  }
  SECTION("a query that fails halfway through a batched fetch") {
    // Fetched 50 rows at a time (psqlodbc's declare/fetch): row 300 divides
    // by zero after 299 rows have been handed over.
    const testing::ProcessResult r = run(Replace(
        DatabaseProfile(ConnectionBlock(*pg, "ssd", "UseDeclareFetch=1;Fetch=50;")), "table: ssd_person\n",
        "query: \"SELECT x.* FROM (SELECT p.*, row_number() OVER () AS rn FROM ssd_person p) x "
        "WHERE 1 / (x.rn - 300) IS NOT NULL\"\n"));
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("source 'ssd_person': connection 'ssd', query: the fetch failed after 250 rows") !=
          std::string::npos);
    CHECK(r.err.find("division by zero") != std::string::npos);
  }
  SECTION("a query that runs past query_timeout_seconds is cancelled") {
    const auto start = std::chrono::steady_clock::now();
    const testing::ProcessResult r =
        run(Replace(DatabaseProfile(ConnectionBlock(*pg, "ssd", "", "    query_timeout_seconds: 1\n")),
                    "table: ssd_person\n", "query: \"SELECT p.*, pg_sleep(30) AS z FROM ssd_person p\"\n"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("source 'ssd_person': connection 'ssd', query:") != std::string::npos);
    CHECK(r.err.find("1-second limit (query_timeout_seconds)") != std::string::npos);
    CHECK(seconds < 20);
  }
}

TEST_CASE("database source: the server stopped mid-fetch is a clear error, exit 3, the previous pack untouched",
          "[db]") {
  if (!PgServer::Unavailable().empty()) {
    WARN("database tests skipped: " << PgServer::Unavailable());
    return;
  }
  std::unique_ptr<PgServer> pg = PgServer::Start();  // its own server: this test stops it
  LoadSsd(*pg, "ssd");
  const PreviousPack previous = MakePreviousPack(*pg, "ssd");
  const std::string dir = testing::MakeTempDir();
  // adopters, the first source read (by name): its 31 rows 0.3 seconds each,
  // fetched 2 at a time, about 9 seconds of rows.
  const std::string config = testing::WriteTextFile(
      dir, "slow.yaml",
      Replace(DatabaseProfile(ConnectionBlock(*pg, "ssd", "UseDeclareFetch=1;Fetch=2;")), "table: adopters\n",
              "query: \"SELECT a.*, pg_sleep(0.3) AS z FROM adopters a\"\n"));
  testing::AnnexaProcess annexa({"generate", "--config", config, "--reference-date", "2026-11-23", "--out",
                                 previous.dir, "--generated-at", kGeneratedAt});
  // Stopped once the query is seen running and some rows have come.
  bool running = false;
  for (int i = 0; i < 300 && !running; ++i) {
    running = pg->Psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(0.3) AS z%' "
                                   "AND pid <> pg_backend_pid()") == "1\n";
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(running);
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  pg->Stop();
  const testing::ProcessResult r = annexa.Wait();
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("source 'adopters': connection 'ssd', query: the fetch failed after") != std::string::npos);
  CHECK(testing::DirSnapshot(previous.dir) == previous.snapshot);
}

}  // namespace
}  // namespace annexa
