// Database sources without a database: how a query's named parameters
// become driver-bound markers, what the config refuses (a password in it,
// an unknown connection or parameter) at its line and column, and that the
// SSD database profile is the SSD profile with tables for files. The runs
// against a real PostgreSQL are in tests/db/odbc_postgres_test.cc.
#include <catch2/catch.hpp>
#include <regex>

#include "mapping/pack_fixture.h"
#include "sources/database_source.h"
#include "test_support.h"

namespace annexa {
namespace {

using sources::RewriteParameters;
using testing::ConfigHead;
using testing::PackFixture;

TEST_CASE("database source: named parameters become ? markers, never text", "[sources][database]") {
  auto r = RewriteParameters("SELECT * FROM c WHERE d >= :window_start_12m AND d <= :reference_date");
  CHECK(r.text == "SELECT * FROM c WHERE d >= ? AND d <= ?");
  CHECK(r.names == std::vector<std::string>{"window_start_12m", "reference_date"});
  // Not parameters: a PostgreSQL cast, text in quotes, quoted names,
  // comments, a time of day.
  r = RewriteParameters(
      "SELECT d::date, ':reference_date', \"a:b\", '12:30' -- :window_start_6m\n/* :x */ FROM t WHERE e > :window_start_6m");
  CHECK(r.text ==
        "SELECT d::date, ':reference_date', \"a:b\", '12:30' -- :window_start_6m\n/* :x */ FROM t WHERE e > ?");
  CHECK(r.names == std::vector<std::string>{"window_start_6m"});
  // A doubled quote inside a string does not end it.
  r = RewriteParameters("SELECT 'it''s :reference_date' AS x, :reference_date");
  CHECK(r.text == "SELECT 'it''s :reference_date' AS x, ?");
  CHECK(r.names == std::vector<std::string>{"reference_date"});
}

const std::string kLists = "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: PERSON_ID\n";

TEST_CASE("database source: the config refuses a password, names unknown connections and parameters",
          "[sources][database][config]") {
  PackFixture f;
  const std::string where = f.dir + "/config.yaml:";
  const std::string source = "sources:\n  contacts: {connection: db, table: contacts}\n";  // line 5 after the head

  // A password written in the config (line 9, column 5), or inside the
  // connection string (line 8, column 27: the string's opening quote).
  std::string err = f.BuildError(ConfigHead() + source + "connections:\n  db:\n    password: secret1\n    dsn: X\n" + kLists);
  CHECK(err.find(where + "9:5: connection 'db': a password is never written in the config; put it in an environment "
                         "variable (password_env: NAME) or a file only the service account reads (password_file: PATH)") !=
        std::string::npos);
  CHECK(err.find("secret1") == std::string::npos);
  err = f.BuildError(ConfigHead() + source + "connections:\n  db: {connection_string: \"Driver=x;Server=y;Pwd = s3;\"}\n" +
                     kLists);
  CHECK(err == where + "8:27: connection 'db': the connection string holds a password (PWD=); take it out and name "
                       "it with password_env or password_file");
  err = f.BuildError(ConfigHead() + source + "connections:\n  db: {connection_string: \"Driver=x;PASSWORD=s3\"}\n" + kLists);
  CHECK(err == where + "8:27: connection 'db': the connection string holds a password (Password=); take it out and "
                       "name it with password_env or password_file");
  // Neither dsn nor connection_string; both password sources.
  err = f.BuildError(ConfigHead() + source + "connections:\n  db: {user: u, password_env: A, password_file: p}\n" + kLists);
  CHECK(err == where + "8:7: connection 'db' needs exactly one of 'dsn' or 'connection_string'\n" + where +
                   "8:7: connection 'db' takes one of 'password_env' or 'password_file', not both");
  // An unknown connection, at the source's `connection:` value.
  err = f.BuildError(ConfigHead() + source + "connections:\n  reporting: {dsn: X}\n" + kLists);
  CHECK(err == where + "6:26: source 'contacts': unknown connection 'db' (the config's connections are: reporting)");
  // An unknown parameter, at the query.
  err = f.BuildError(ConfigHead() + "sources:\n  contacts:\n    connection: db\n    query: \"SELECT * FROM c WHERE d > :start\"\n" +
                     "connections:\n  db: {dsn: X}\n" + kLists);
  CHECK(err == where + "8:12: source 'contacts': unknown parameter ':start' (the parameters are :reference_date and "
                       ":window_start_<N>m, N from 1 to 120, e.g. :window_start_6m, :window_start_12m)");
  // Both a table and a query; a table that is not a plain name.
  err = f.BuildError(ConfigHead() + "sources:\n  contacts: {connection: db, table: c, query: \"SELECT 1\"}\n" +
                     "connections:\n  db: {dsn: X}\n" + kLists);
  CHECK(err == where + "6:13: source 'contacts' needs exactly one of 'table' or 'query' (on connection 'db')");
  err = f.BuildError(ConfigHead() + "sources:\n  contacts: {connection: db, table: \"c; DROP TABLE c\"}\n" +
                     "connections:\n  db: {dsn: X}\n" + kLists);
  CHECK(err == where + "6:37: source 'contacts': 'table' must be a plain name (letters, digits, _; schema.table "
                       "allowed), not 'c; DROP TABLE c'; write a 'query' for anything else");
  // Timeouts are bounded.
  err = f.BuildError(ConfigHead() + source + "connections:\n  db: {dsn: X, query_timeout_seconds: 0}\n" + kLists);
  CHECK(err == where + "8:39: 'query_timeout_seconds' must be from 1 to 86400");
}

// ssd.yaml with each `file: X.csv` (block or inline) as `connection: ssd`
// and `table: X`, as config/profiles/ssd_database.yaml's header says.
std::string AsDatabaseSources(const std::string& ssd) {
  static const std::regex kBlock(R"(\n( +)file: (\w+)\.csv\n)");
  static const std::regex kInline(R"(\{file: (\w+)\.csv,)");
  // A table is never optional (it is there, or the run stops): an optional
  // file's `optional` and `columns` go.
  static const std::regex kOptional(R"(\{file: (\w+)\.csv, optional: true, columns: \[[^\]]*\]\})");
  std::string out = std::regex_replace(ssd, kBlock, "\n$1connection: ssd\n$1table: $2\n");
  out = std::regex_replace(out, kOptional, "{connection: ssd, table: $1}");
  return std::regex_replace(out, kInline, "{connection: ssd, table: $1,");
}

TEST_CASE("database source: the SSD database profile is the SSD profile reading tables for files",
          "[sources][database][profiles]") {
  const std::string ssd = testing::ReadBytes(testing::SourceDir() + "/config/profiles/ssd.yaml");
  const std::string db = testing::ReadBytes(testing::SourceDir() + "/config/profiles/ssd_database.yaml");
  const size_t a = ssd.find("\nsources:\n"), b = db.find("\nsources:\n");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  // Everything from `sources:` on: the same text, with its 31 files as tables.
  CHECK(AsDatabaseSources(ssd.substr(a)) == db.substr(b));
  CHECK(db.substr(b).find("file:") == std::string::npos);
  size_t tables = 0;
  for (size_t at = db.find("connection: ssd", b); at != std::string::npos; at = db.find("connection: ssd", at + 1)) ++tables;
  CHECK(tables == 31);
  // The head: the council's details as in ssd.yaml, and one connection.
  for (const char* line : {"council: \"Council (from the SSD)\"\n", "la_code: \"000\"\n", "spec: ilacs-2023\n"}) {
    CHECK(ssd.find(line) != std::string::npos);
    CHECK(db.find(line) != std::string::npos);
  }
  CHECK(db.find("connections:\n  ssd:\n    dsn: SSD") != std::string::npos);
}

}  // namespace
}  // namespace annexa
