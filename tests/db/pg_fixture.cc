#include "db/pg_fixture.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/annexa_process.h"
#include "test_support.h"

namespace annexa::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin";
constexpr const char* kDriverLib = "/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so";

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string PsqlOdbcDriver() {
  std::ifstream ini("/etc/odbcinst.ini");
  std::stringstream text;
  text << ini.rdbuf();
  if (text.str().find("[PostgreSQL Unicode]") != std::string::npos) return "{PostgreSQL Unicode}";
  if (fs::exists(kDriverLib)) return kDriverLib;
  return "";
}

std::string PgServer::Unavailable() {
  if (!fs::exists(std::string(kPgBin) + "/initdb") || !fs::exists(std::string(kPgBin) + "/pg_ctl"))
    return std::string("PostgreSQL 15 is not installed (no ") + kPgBin + "/initdb; scripts/bootstrap installs it)";
  if (PsqlOdbcDriver().empty()) return "the psqlodbc driver is not installed (odbc-postgresql; scripts/bootstrap)";
  if (std::system("command -v python3 >/dev/null 2>&1") != 0) return "python3 is not installed";
  if (geteuid() == 0 && std::system("id postgres >/dev/null 2>&1") != 0)
    return "running as root and there is no `postgres` system user to run the server as";
  return "";
}

std::string PgServer::Script(const std::string& cmd) const {
  return Quote(SourceDir() + "/tests/db/pg_server.sh") + " " + cmd + " " + Quote(dir_) + " " + std::to_string(port_);
}

std::unique_ptr<PgServer> PgServer::Start() {
  std::string tmpl = (fs::temp_directory_path() / "annexa-pg-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  // The socket lives in the private folder: the port only names the socket file.
  const int port = 20000 + static_cast<int>(getpid() % 20000);
  std::unique_ptr<PgServer> server(new PgServer(tmpl, port));
  const ProcessResult r = RunShell(server->Script("start") + " 2>&1 >&2");
  INFO("pg_server.sh start: " << r.err << ReadBytes(tmpl + "/initdb.log") << ReadBytes(tmpl + "/pg_ctl.log"));
  REQUIRE(r.exit_code == 0);
  return server;
}

PgServer* PgServer::Shared() {
  static const std::string why = Unavailable();
  if (!why.empty()) {
    WARN("database tests skipped: " << why);
    return nullptr;
  }
  static std::unique_ptr<PgServer> server = Start();
  return server.get();
}

PgServer::~PgServer() {
  if (removed_) return;
  removed_ = true;
  RunShell(Script("stop"));
}

void PgServer::Stop() {
  const std::string as_owner = geteuid() == 0 ? "runuser -u postgres -- " : "";
  RunShell(as_owner + std::string(kPgBin) + "/pg_ctl -D " + Quote(dir_ + "/data") + " -m fast -w -t 60 stop >/dev/null 2>&1");
}

std::string PgServer::Psql(const std::string& db, const std::string& sql) const {
  const std::string out_file = dir_ + "/psql.out";
  const ProcessResult r = RunShell(Script("psql") + " " + Quote(db) + " -At -c " + Quote(sql) + " > " + Quote(out_file));
  INFO("psql: " << sql << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return ReadBytes(out_file);
}

void PgServer::PsqlFile(const std::string& db, const std::string& path) const {
  const ProcessResult r = RunShell(Script("psql") + " " + Quote(db) + " < " + Quote(path) + " >/dev/null");
  INFO("psql < " << path << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
}

void PgServer::CreateDatabase(const std::string& db) const {
  if (Psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + db + "'").empty())
    Psql("postgres", "CREATE DATABASE \"" + db + "\"");
}

std::string PgServer::ConnectionString(const std::string& db, const std::string& user) const {
  return "Driver=" + PsqlOdbcDriver() + ";Servername=" + dir_ + "/sock;Port=" + std::to_string(port_) +
         ";Database=" + db + ";Username=" + user + ";";
}

}  // namespace annexa::testing
