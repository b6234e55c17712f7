// The one adapter for libsqlite3: no other file includes <sqlite3.h>, and
// nothing of SQLite's shows here. Two uses:
//
// 1. One SQL query run by an embedded SQLite over Tables, for the `sql`
//    source kind (sql_source.cc), below.
// 2. A database file annexa keeps its own records in (the run history,
//    history/run_history.h): SqliteFile and SqliteStatement, at the end.
//
// Each run opens a fresh in-memory database, loads the tables it is given
// (text columns, prepared inserts in one transaction), runs the query with
// everything but reading refused (no ATTACH, no PRAGMA, no writes, no
// load_extension) under a time limit, and closes the database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/table.h"

namespace annexa::sources {

// A Table loaded as `name`: a TEXT column per header (a blank cell is NULL)
// and after them the INTEGER column SqlQuery::row_column, holding
// first_row_id + i for the table's row i.
struct SqlTable {
  std::string name;
  const Table* table = nullptr;
  int64_t first_row_id = 1;
};

struct SqlQuery {
  std::string text;               // one SELECT (or WITH ... SELECT) statement
  std::vector<SqlTable> tables;   // loaded in this order
  std::string row_column = "_row";
  int64_t max_milliseconds = 60'000;  // the query is stopped after this long
};

// What a query's result is handed to: its column names once, then each row's
// cells (NULL as empty text, numbers as SQLite prints them). A Status that is
// not ok stops the query and is returned.
struct SqlResultSink {
  std::function<Status(const std::vector<std::string>& columns)> columns;
  std::function<Status(std::span<const std::string_view> cells)> row;
};

// Runs `query` and hands its result to `sink`. kInvalidArgument for a query
// SQLite refuses, fails or stops (the message is SQLite's, with the query's
// line when SQLite gives a place), or a table it cannot load.
Status RunSqlQuery(const SqlQuery& query, const SqlResultSink& sink);

// How many databases RunSqlQuery has opened in this process: a run whose
// config has no SQL source opens none (the tests' seam).
int64_t SqliteDatabasesOpened();

// A prepared statement of a SqliteFile. Parameters are numbered from 1,
// result columns from 0. Finalised when it goes; must not outlive its file.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  void Bind(int at, int64_t value);
  void Bind(int at, double value);
  void Bind(int at, std::string_view text);  // copied by SQLite
  // The next result row: true when one is ready, false when the statement
  // is done; kIoError (SQLite's message, the file's path) otherwise.
  Result<bool> Step();
  // Steps to the end (an INSERT), then resets for the next bindings.
  Status Run();
  void Reset();
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;  // NULL as ""

 private:
  friend class SqliteFile;
  SqliteStatement(void* stmt, void* db, const std::string* path) : stmt_(stmt), db_(db), path_(path) {}
  void* stmt_;
  void* db_;
  const std::string* path_;
};

// A database file of annexa's own, opened with a busy timeout so that two
// runs at once wait for each other rather than fail, with extensions and
// ATTACH refused. A file that does not exist is created with mode 0600
// (SQLite gives its journal the same mode). Closed when it goes.
class SqliteFile {
 public:
  struct Options {
    bool create = true;               // false: kNotFound when missing (read-only when not writable)
    int busy_milliseconds = 30'000;   // how long to wait for another writer
  };
  // kNotFound (read-only and missing), kIoError (cannot create or open, not
  // a database), each naming `path`.
  static Result<std::unique_ptr<SqliteFile>> Open(const std::string& path, const Options& options);
  ~SqliteFile();
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  // Statements with no result rows ("BEGIN IMMEDIATE", DDL); kIoError
  // naming the file and SQLite's message.
  Status Exec(const std::string& sql);
  Result<SqliteStatement> Prepare(const std::string& sql);
  int64_t LastInsertId() const;
  const std::string& path() const { return path_; }

 private:
  SqliteFile(void* db, std::string path) : db_(db), path_(std::move(path)) {}
  void* db_;
  std::string path_;
};

}  // namespace annexa::sources
