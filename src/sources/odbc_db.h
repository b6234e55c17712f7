// One query run on a council's database through ODBC (unixODBC's driver
// manager and the database's driver), for the `database` source kind
// (database_source.cc). The one adapter for ODBC: no other file includes
// <sql.h> or <sqlext.h>, and nothing of ODBC's shows here.
//
// A session is one connection, opened with a login timeout and asked to be
// read-only; each query is prepared with `?` markers whose values the
// driver binds (never pasted into the text), run under a time limit (the
// driver's query timeout and, for drivers that ignore it, a watchdog that
// cancels the statement), and its rows fetched one at a time, each cell
// as text: dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS, NULL as
// empty text, everything else as the driver writes it, read as UTF-16 and
// handed on as UTF-8.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"

namespace annexa::sources {

// Where and how to connect. `password` is never put in a message: a
// diagnostic that echoes it has it replaced by "****".
struct OdbcLogin {
  std::string name;               // the config's name for the connection, for messages
  std::string dsn;                // a DSN from odbc.ini, or
  std::string connection_string;  // "Driver=...;Server=...;..."
  std::string user;               // empty: the DSN's or the string's own
  std::string password;           // empty: none
  int64_t connect_timeout_seconds = 15;
};

// A value bound to one `?` marker: a date (SQL_TYPE_DATE) or text.
struct OdbcParameter {
  bool is_date = true;
  CivilDate date;
  std::string text;
};

struct OdbcQuery {
  std::string text;                        // with `?` markers
  std::vector<OdbcParameter> parameters;   // one per marker, in order
  int64_t timeout_seconds = 300;           // the whole query: execute and fetch
};

// What a query's result is handed to: its column names once, then each
// row's cells. A Status that is not ok stops the query and is returned.
struct OdbcResultSink {
  std::function<Status(const std::vector<std::string>& columns)> columns;
  std::function<Status(std::span<const std::string_view> cells)> row;
};

class OdbcSession {
 public:
  // Connects; kIoError with the driver's diagnostics (SQLSTATE and text)
  // when it cannot.
  static Result<std::unique_ptr<OdbcSession>> Open(const OdbcLogin& login);
  ~OdbcSession();
  OdbcSession(const OdbcSession&) = delete;
  OdbcSession& operator=(const OdbcSession&) = delete;

  // Runs `query` and hands its rows to `sink`. kIoError with the driver's
  // diagnostics when the driver refuses, fails, times out or loses the
  // connection (even after some rows were handed over).
  Status Run(const OdbcQuery& query, const OdbcResultSink& sink);

 private:
  struct Handles;
  explicit OdbcSession(std::unique_ptr<Handles> h);
  std::unique_ptr<Handles> h_;
};

}  // namespace annexa::sources
