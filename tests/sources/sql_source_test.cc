// SQL sources (format: sql): a query over the config's other sources, run by
// an embedded SQLite on a copy of just the sources it names. Expected rows
// and provenance are worked out by hand from the small CSV files below.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/resources.h"
#include "mapping/config_loader.h"
#include "mapping/pack_fixture.h"
#include "mapping/source_loader.h"
#include "sources/sqlite_db.h"

namespace annexa {
namespace {

using testing::ConfigHead;
using testing::PackFixture;

// episodes.csv, by line: 1 header; 2 C1 from 2025-01-01 to 2025-03-01;
// 3 C2 from 2025-02-01, open; 4 C3 from 2025-04-01, open.
const char* kEpisodes = "CHILD,START,END\nC1,2025-01-01,2025-03-01\nC2,2025-02-01,\nC3,2025-04-01,\n";
// legal.csv, by line: 1 header; 2 C1 C2 from 2025-01-05; 3 C1 V2 from
// 2024-12-01 (before C1's episode); 4 C2 E1 from 2025-02-02.
const char* kLegal = "CHILD,START,LS\nC1,2025-01-05,C2\nC1,2024-12-01,V2\nC2,2025-02-02,E1\n";

// The config's lines: 1-4 the head, 5 "sources:", 6 episodes, 7 legal,
// 8 "care:", 9 "format: sql", 10 the query's key.
std::string Config(const std::string& query, const std::string& more = "") {
  return ConfigHead() + "sources:\n  episodes: episodes.csv\n  legal: legal.csv\n  care:\n    format: sql\n" +
         "    query: " + query + "\n" + more + "lists: {}\n";
}

struct Fixture {
  PackFixture files;
  Fixture() {
    files.File("episodes.csv", kEpisodes);
    files.File("legal.csv", kLegal);
  }
  std::string path() const { return files.dir + "/config.yaml"; }
  Result<mapping::CouncilConfig> Parse(const std::string& yaml) const {
    return mapping::ParseCouncilConfig(yaml, path(), "", nullptr);
  }
  // Loads the config and reads `care` (and what it reads) as a run does.
  Result<std::map<std::string, Table>> Load(const std::string& yaml) const {
    Result<mapping::CouncilConfig> config = Parse(yaml);
    INFO(config.status().message());
    REQUIRE(config.ok());
    return mapping::LoadSources(*config, {"care"});
  }
};

std::vector<std::vector<std::string>> Rows(const Table& t) {
  std::vector<std::vector<std::string>> out;
  for (size_t r = 0; r < t.size(); ++r) out.push_back(t.Row(r));
  return out;
}

// The origin and source row of each row of `t`.
std::vector<std::string> Provenance(const Table& t) {
  std::vector<std::string> out;
  for (size_t r = 0; r < t.size(); ++r) out.push_back(t.OriginOf(r) + ":" + std::to_string(t.source_rows[r]));
  return out;
}

const std::string kJoin =
    "|\n      SELECT e._row, e.CHILD, e.START, e.END, l.LS\n"
    "      FROM episodes e JOIN legal l ON l.CHILD = e.CHILD AND l.START >= e.START\n      ORDER BY e.CHILD";

}  // namespace

TEST_CASE("sql source: a query joining two CSV sources keeps each row's source row", "[sql]") {
  Fixture f;
  auto tables = f.Load(Config(kJoin));
  INFO(tables.status().message());
  REQUIRE(tables.ok());
  const Table& care = tables->at("care");
  CHECK(care.name == "care");
  CHECK(care.headers == std::vector<std::string>{"CHILD", "START", "END", "LS"});  // `_row` is not a column
  // C1's episode meets legal line 2 (2025-01-05 >= 2025-01-01) but not line
  // 3 (2024-12-01 is before it); C2's meets line 4; C3 has no legal status.
  CHECK(Rows(care) == std::vector<std::vector<std::string>>{{"C1", "2025-01-01", "2025-03-01", "C2"},
                                                           {"C2", "2025-02-01", "", "E1"}});
  // e._row: each row is the episode's, on lines 2 and 3 of episodes.csv.
  const std::string episodes = f.files.dir + "/episodes.csv", legal = f.files.dir + "/legal.csv";
  CHECK(Provenance(care) == std::vector<std::string>{episodes + ":2", episodes + ":3"});

  // The legal status's row instead, when the query selects l._row first.
  tables = f.Load(Config("SELECT l._row, e.CHILD, l.LS, e._row FROM episodes e JOIN legal l ON l.CHILD = e.CHILD "
                         "AND l.START >= e.START ORDER BY e.CHILD"));
  REQUIRE(tables.ok());
  CHECK(tables->at("care").headers == std::vector<std::string>{"CHILD", "LS"});
  CHECK(Provenance(tables->at("care")) == std::vector<std::string>{legal + ":2", legal + ":4"});

  // `SELECT e.*` carries e's _row; an aggregate's MIN(_row) is one of its rows.
  tables = f.Load(Config("SELECT e.*, l.LS FROM episodes e JOIN legal l ON l.CHILD = e.CHILD ORDER BY l.START"));
  REQUIRE(tables.ok());
  CHECK(tables->at("care").headers == std::vector<std::string>{"CHILD", "START", "END", "LS"});
  // By legal START: 2024-12-01 (C1, V2), 2025-01-05 (C1, C2), 2025-02-02 (C2, E1).
  CHECK(Provenance(tables->at("care")) == std::vector<std::string>{episodes + ":2", episodes + ":2", episodes + ":3"});
  tables = f.Load(Config("SELECT CHILD, COUNT(*) AS N, MIN(_row) AS _row FROM legal GROUP BY CHILD ORDER BY CHILD"));
  REQUIRE(tables.ok());
  CHECK(Rows(tables->at("care")) == std::vector<std::vector<std::string>>{{"C1", "2"}, {"C2", "1"}});
  CHECK(Provenance(tables->at("care")) == std::vector<std::string>{legal + ":2", legal + ":4"});

  // No _row selected: the SQL source's own origin and the result's row numbers.
  tables = f.Load(Config("SELECT CHILD FROM episodes WHERE END IS NULL ORDER BY CHILD"));  // a blank cell is NULL
  REQUIRE(tables.ok());
  CHECK(Rows(tables->at("care")) == std::vector<std::vector<std::string>>{{"C2"}, {"C3"}});
  CHECK(Provenance(tables->at("care")) == std::vector<std::string>{f.path() + ":care:1", f.path() + ":care:2"});
  CHECK(tables->at("care").row_origins.empty());
}

TEST_CASE("sql source: a list built from an SQL source locates its findings in the input's file", "[sql]") {
  PackFixture f;
  // contacts.csv line 3 has source "ZZ", a code neither the map nor Ofsted knows.
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE,SOURCE\nC1,2026-10-01,1A\nC2,2026-10-02,ZZ\n");
  f.File("people.csv", "ID,GENDER\nC1,M\nC2,F\n");
  const mapping::MappedPack p = f.Build(
      ConfigHead() +
      "sources:\n  contacts: contacts.csv\n  people: people.csv\n  front_door:\n    format: sql\n"
      "    query: SELECT c._row, c.PERSON_ID, p.GENDER, c.CONTACT_DATE, c.SOURCE FROM contacts c"
      " JOIN people p ON p.ID = c.PERSON_ID\n"
      "lists:\n  1:\n    from: front_door\n    columns:\n      child_id: PERSON_ID\n      gender: GENDER\n"
      "      date_of_contact: CONTACT_DATE\n      contact_source: SOURCE\n");
  const AnnexList& l1 = PackFixture::List(p, 1);
  REQUIRE(l1.rows.size() == 2);
  CHECK(l1.sources == std::vector<std::string>{f.dir + "/config.yaml:front_door", f.dir + "/contacts.csv"});
  CHECK(l1.rows[1].source == 1);
  CHECK(l1.rows[1].source_row == 3);
  bool found = false;
  for (const Finding& finding : p.findings) {
    if (finding.value != "ZZ") continue;
    found = true;
    CHECK(finding.source == f.dir + "/contacts.csv");
    CHECK(finding.source_row == 3);
    CHECK(finding.source_column == "SOURCE");
  }
  CHECK(found);
}

TEST_CASE("sql source: a config with no SQL source never opens SQLite", "[sql]") {
  PackFixture f;
  f.File("contacts.csv", "PERSON_ID,CONTACT_DATE,SOURCE\nC1,2026-10-01,1A\n");
  const int64_t before = sources::SqliteDatabasesOpened();
  const mapping::MappedPack p = f.Build(ConfigHead() + "sources:\n  contacts: contacts.csv\nlists:\n  1:\n"
                                        "    from: contacts\n    columns:\n      child_id: PERSON_ID\n");
  CHECK(PackFixture::List(p, 1).rows.size() == 1);
  CHECK(sources::SqliteDatabasesOpened() == before);
  // The seam counts: one SQL source read opens one database.
  Fixture sql;
  REQUIRE(sql.Load(Config("SELECT CHILD FROM episodes")).ok());
  CHECK(sources::SqliteDatabasesOpened() == before + 1);
}

TEST_CASE("sql source: only the sources the query names are read", "[sql]") {
  Fixture f;
  // legal.csv is named by the config but missing: a query that does not use
  // it never reads it.
  std::filesystem::remove(f.files.dir + "/legal.csv");
  auto tables = f.Load(Config("|\n      SELECT CHILD FROM \"episodes\" -- not legal\n      ORDER BY CHILD"));
  INFO(tables.status().message());
  REQUIRE(tables.ok());
  CHECK(tables->count("legal") == 0);
  CHECK(Rows(tables->at("care")) == std::vector<std::vector<std::string>>{{"C1"}, {"C2"}, {"C3"}});
  // Named in a string it is not a table either.
  REQUIRE(f.Load(Config("SELECT CHILD, 'legal' AS x FROM episodes")).ok());
  // `sources:` says exactly which are loaded.
  auto config = f.Parse(Config("SELECT CHILD FROM episodes", "    sources: [episodes]\n"));
  REQUIRE(config.ok());
  CHECK(config->sources.at("care").inputs == std::vector<std::string>{"episodes"});
  config = f.Parse(Config("SELECT CHILD FROM Episodes e JOIN [legal] l USING (CHILD)"));
  REQUIRE(config.ok());
  CHECK(config->sources.at("care").inputs == std::vector<std::string>{"episodes", "legal"});  // case ignored, as SQL does
}

TEST_CASE("sql source: a query naming an unknown table names the source and the config line", "[sql]") {
  Fixture f;
  auto tables = f.Load(Config("SELECT CHILD FROM episodes JOIN legl USING (CHILD)"));
  REQUIRE_FALSE(tables.ok());
  CHECK(tables.status().code() == StatusCode::kInvalidArgument);  // a config problem: exit 2
  CHECK(tables.status().message() ==
        f.path() + ":10:12: source 'care': SQLite: no such table: legl (the tables are the config's sources the query names: "
                 "episodes)");
  // Through a run: the same message, and the exit code of a config problem.
  PackFixture run;
  run.File("episodes.csv", kEpisodes);
  const std::string err = run.BuildError(ConfigHead() + "sources:\n  episodes: episodes.csv\n  care:\n    format: sql\n"
                                         "    query: SELECT CHILD FROM episods\n"
                                         "lists:\n  1:\n    from: care\n    columns:\n      child_id: CHILD\n");
  const std::string err_line = run.dir + "/config.yaml:9:12: source 'care': SQLite: no such table: episods (the tables "
                               "are the config's sources the query names: none)";
  CHECK(err == err_line);
  // annexa generate: a bad query is a config problem, exit 2, and the output folder is left alone.
  std::ostringstream out, printed;
  cli::AppContext ctx{out, printed, Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  CHECK(cli::RunApp({"generate", "--config", run.dir + "/config.yaml", "--out", run.dir + "/pack", "--quiet"}, ctx) == 2);
  CHECK(printed.str() == "annexa: " + err_line + "\n");
  CHECK_FALSE(std::filesystem::exists(run.dir + "/pack/annex_a_998_2026-11-23.xlsx"));
  // `sources:` naming one the config does not have: at its line, when the config loads.
  auto config = f.Parse(Config("SELECT CHILD FROM episodes", "    sources: [episodes, legals]\n"));
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message() == f.path() + ":11:14: source 'care': 'sources' names unknown source 'legals' "
                                                 "(the sources are: care, episodes, legal)");
}

TEST_CASE("sql source: the query may only read", "[sql]") {
  Fixture f;
  auto error = [&](const std::string& query) {
    auto tables = f.Load(Config(query));
    REQUIRE_FALSE(tables.ok());
    CHECK(tables.status().code() == StatusCode::kInvalidArgument);
    return tables.status().message();
  };
  const std::string at = f.path() + ":10:12: source 'care': ";
  CHECK(error("\"ATTACH DATABASE '/tmp/x.db' AS x\"") ==
        at + "the query may only read the sources; ATTACH is not allowed");
  CHECK(error("\"SELECT load_extension('/tmp/evil.so') AS x\"") ==
        at + "the query may only read the sources; load_extension() is not allowed");
  CHECK(error("PRAGMA table_info(episodes)") == at + "the query may only read the sources; PRAGMA table_info is not allowed");
  CHECK(error("DELETE FROM episodes") == at + "the query may only read the sources; changing the database is not allowed");
  CHECK(error("\"SELECT CHILD FROM episodes; DROP TABLE legal\"") ==
        at + "the query may only read the sources; changing the database is not allowed");
  CHECK(error("\"SELECT CHILD FROM episodes; SELECT 1\"") ==
        at + "the query must be one statement (a SELECT); something follows it");
  CHECK(error("SELECT e.CHILD, l.CHILD FROM episodes e JOIN legal l USING (CHILD)") ==
        at + "the result has two columns named 'CHILD': name one of them apart with AS");
  CHECK(error("SELEC CHILD FROM episodes") == at + "SQLite: near \"SELEC\": syntax error (line 1 of the query)");
  // A syntax error: the line of the query SQLite points at (here its second).
  CHECK(error("|\n      SELECT CHILD\n      FORM episodes") == at + "SQLite: near \"episodes\": syntax error (line 2 of the query)");
  // A query that runs too long is stopped (max_seconds: 1).
  CHECK(error("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) AS c FROM n\n"
              "    max_seconds: 1") == at + "the query ran longer than 1 seconds and was stopped");
}

TEST_CASE("sql source: SQL sources that read each other in a cycle are refused at load", "[sql]") {
  Fixture f;
  // Line 8 is `care:`; its query names `more`, whose query names `care`.
  auto config = f.Parse(Config("SELECT * FROM more", "  more:\n    format: sql\n    query: SELECT * FROM care\n"));
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message() ==
        f.path() + ":9:5: source 'care' reads itself through the sources it reads: care -> more -> care (a source "
                   "cannot read its own rows; when a name in a query is not a table, list the tables in 'sources:')");
  // An SQL source over another is read after it.
  auto tables = f.Load(Config("SELECT CHILD, N FROM more WHERE N > 1",
                              "  more:\n    format: sql\n    query: SELECT CHILD, COUNT(*) AS N FROM legal GROUP BY CHILD\n"));
  INFO(tables.status().message());
  REQUIRE(tables.ok());
  CHECK(Rows(tables->at("care")) == std::vector<std::vector<std::string>>{{"C1", "2"}});
  // Provenance passes through: `more` takes the first legal row of each
  // child (C1: line 2), and `care` that row's.
  tables = f.Load(Config("SELECT _row, CHILD FROM more WHERE N > 1",
                         "  more:\n    format: sql\n"
                         "    query: SELECT MIN(_row) AS _row, CHILD, COUNT(*) AS N FROM legal GROUP BY CHILD\n"));
  REQUIRE(tables.ok());
  CHECK(Provenance(tables->at("care")) == std::vector<std::string>{f.files.dir + "/legal.csv:2"});
}

TEST_CASE("sql source: a source with a column named _row cannot be loaded", "[sql]") {
  Fixture f;
  f.files.File("episodes.csv", "CHILD,_ROW\nC1,1\n");
  auto tables = f.Load(Config("SELECT CHILD FROM episodes"));
  REQUIRE_FALSE(tables.ok());
  CHECK(tables.status().message() == f.path() + ":10:12: source 'care': source 'episodes' has a column named '_ROW', "
                                                "which SQL sources keep for the row each result row comes from");
}

}  // namespace annexa
