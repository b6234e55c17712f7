// One SQL query run by an embedded SQLite over Tables, for the `sql` source
// kind (sql_source.cc). The one adapter for libsqlite3: no other file
// includes <sqlite3.h>, and nothing of SQLite's shows here.
//
// Each run opens a fresh in-memory database, loads the tables it is given
// (text columns, prepared inserts in one transaction), runs the query with
// everything but reading refused (no ATTACH, no PRAGMA, no writes, no
// load_extension) under a time limit, and closes the database.
#pragma once

#include <cstdint>
#include <functional>
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

}  // namespace annexa::sources
