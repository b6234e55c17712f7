// A throwaway PostgreSQL 15 server for the database tests: initdb into a
// fresh temporary folder, started with a private unix socket folder and no
// TCP port (listen_addresses=''), stopped (pg_ctl stop -m fast) and its
// folder removed when the object goes; no process or file is left behind.
// The work is done by tests/db/pg_server.sh (as root, as the `postgres`
// system user: initdb refuses root).
#pragma once

#include <memory>
#include <string>

namespace annexa::testing {

class PgServer {
 public:
  // Why the server cannot be started here (no PostgreSQL 15 binaries, no
  // psqlodbc driver, no python3), or "" when it can.
  static std::string Unavailable();
  // A started server; REQUIREs that it starts.
  static std::unique_ptr<PgServer> Start();
  // The server the tests of one process share, started at first use and
  // stopped at exit; null (with a WARN) when Unavailable().
  static PgServer* Shared();

  ~PgServer();  // stops it and removes its folder
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // Runs SQL (psql, as the superuser) in `db`, REQUIRE-ing success; its output.
  std::string Psql(const std::string& db, const std::string& sql) const;
  // psql reading its SQL from the file at `path`.
  void PsqlFile(const std::string& db, const std::string& path) const;
  // Creates the database once (no-op if it exists).
  void CreateDatabase(const std::string& db) const;
  // An ODBC connection string for psqlodbc to `db` as `user` (no password).
  std::string ConnectionString(const std::string& db, const std::string& user = "postgres") const;
  // Stops the server now (fast), leaving its folder until destruction.
  void Stop();
  const std::string& dir() const { return dir_; }

 private:
  PgServer(std::string dir, int port) : dir_(std::move(dir)), port_(port) {}
  std::string Script(const std::string& cmd) const;
  std::string dir_;
  int port_;
  bool removed_ = false;
};

// The ODBC driver for PostgreSQL: "{PostgreSQL Unicode}" when odbcinst.ini
// names it, else the driver library's path; "" when neither is there.
std::string PsqlOdbcDriver();

}  // namespace annexa::testing
