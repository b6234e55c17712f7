#include "sources/sqlite_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <limits>
#include <memory>

#include "core/text.h"

namespace annexa::sources {

namespace {

std::atomic<int64_t> g_opened{0};

using Clock = std::chrono::steady_clock;

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// "name" with its quotes doubled: any text is a safe SQL identifier.
std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// What the running query may do: read. Anything else is refused when the
// query is prepared, and the first refusal named in the message.
struct Guard {
  std::string refused;          // what the authoriser refused, for the message
  Clock::time_point deadline;   // the progress handler stops the query then
  bool timed_out = false;
};

std::string ActionName(int action, const char* detail) {
  switch (action) {
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_PRAGMA: return std::string("PRAGMA") + (detail ? std::string(" ") + detail : "");
    case SQLITE_FUNCTION: return std::string(detail ? detail : "") + "()";
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT: return "a transaction";
    default: return "changing the database";
  }
}

int Authorize(void* data, int action, const char* a3, const char* a4, const char*, const char*) {
  auto* guard = static_cast<Guard*>(data);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:  // a4: the function's name
      if (!a4 || AsciiLower(a4) != "load_extension") return SQLITE_OK;
      break;
    default:
      break;
  }
  if (guard->refused.empty()) guard->refused = ActionName(action, action == SQLITE_PRAGMA ? a3 : a4);
  return SQLITE_DENY;
}

int Progress(void* data) {
  auto* guard = static_cast<Guard*>(data);
  if (Clock::now() < guard->deadline) return 0;
  guard->timed_out = true;
  return 1;  // interrupts the query
}

Status Fail(sqlite3* db, const std::string& what) {
  return InvalidArgument(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// The 1-based line of the query SQLite's last error points into, when it
// gives a place (SQLite 3.38 and later).
std::string ErrorLine(sqlite3* db, const std::string& text) {
#if SQLITE_VERSION_NUMBER >= 3038000
  const int offset = sqlite3_error_offset(db);
  if (offset < 0 || static_cast<size_t>(offset) > text.size()) return "";
  int line = 1;
  for (size_t i = 0; i < static_cast<size_t>(offset); ++i) line += text[i] == '\n';
  return " (line " + std::to_string(line) + " of the query)";
#else
  (void)db;
  (void)text;
  return "";
#endif
}

// Why SQLite would not prepare the query: what the authoriser refused, else
// SQLite's own message.
Status Refused(sqlite3* db, const Guard& guard, const std::string& text) {
  if (!guard.refused.empty())
    return InvalidArgument("the query may only read the sources; " + guard.refused + " is not allowed");
  return InvalidArgument(std::string("SQLite: ") + sqlite3_errmsg(db) + ErrorLine(db, text));
}

Status Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Fail(db, std::string("SQLite: ") + sql);
  return Status::Ok();
}

Status Load(sqlite3* db, const SqlTable& t, const std::string& row_column) {
  const Table& table = *t.table;
  for (const std::string& h : table.headers)
    if (AsciiLower(h) == AsciiLower(row_column))
      return InvalidArgument("source '" + t.name + "' has a column named '" + h + "', which SQL sources keep for " +
                             "the row each result row comes from");
  std::string create = "CREATE TABLE " + Quote(t.name) + " (";
  std::string insert = "INSERT INTO " + Quote(t.name) + " VALUES (";
  for (const std::string& h : table.headers) {
    create += Quote(h) + " TEXT, ";
    insert += "?, ";
  }
  create += Quote(row_column) + " INTEGER)";
  insert += "?)";
  if (sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return Fail(db, "cannot load source '" + t.name + "' into SQLite");
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, insert.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    return Fail(db, "cannot load source '" + t.name + "' into SQLite");
  const Stmt stmt(raw);
  const size_t width = table.headers.size();
  for (size_t r = 0; r < table.size(); ++r) {
    for (size_t c = 0; c < width; ++c) {
      const std::string_view v = table.cell(r, c);
      const int at = static_cast<int>(c) + 1;
      // The Table outlives the insert: SQLite need not copy the text.
      const int rc = v.empty() ? sqlite3_bind_null(raw, at)
                               : sqlite3_bind_text(raw, at, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
      if (rc != SQLITE_OK) return Fail(db, "cannot load source '" + t.name + "' into SQLite");
    }
    sqlite3_bind_int64(raw, static_cast<int>(width) + 1, t.first_row_id + static_cast<int64_t>(r));
    if (sqlite3_step(raw) != SQLITE_DONE) return Fail(db, "cannot load source '" + t.name + "' into SQLite");
    sqlite3_reset(raw);
  }
  return Status::Ok();
}

// Opens a fresh in-memory database that cannot reach files or extensions.
Result<Db> Open() {
  ++g_opened;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY |
                                                       SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return Fail(raw, "SQLite cannot open an in-memory database");
  sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_limit(raw, SQLITE_LIMIT_ATTACHED, 0);
  return db;
}

}  // namespace

Status RunSqlQuery(const SqlQuery& query, const SqlResultSink& sink) {
  Result<Db> opened = Open();
  if (!opened.ok()) return opened.status();
  sqlite3* db = opened->get();
  ANNEXA_RETURN_IF_ERROR(Exec(db, "PRAGMA journal_mode = OFF"));
  ANNEXA_RETURN_IF_ERROR(Exec(db, "BEGIN"));
  for (const SqlTable& t : query.tables) ANNEXA_RETURN_IF_ERROR(Load(db, t, query.row_column));
  ANNEXA_RETURN_IF_ERROR(Exec(db, "COMMIT"));

  // From here on the database is only read.
  Guard guard;
  guard.deadline = Clock::now() + std::chrono::milliseconds(query.max_milliseconds);
  sqlite3_set_authorizer(db, Authorize, &guard);
  sqlite3_progress_handler(db, 1000, Progress, &guard);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int prepared = sqlite3_prepare_v2(db, query.text.c_str(), static_cast<int>(query.text.size()), &raw, &tail);
  Stmt stmt(raw);
  if (prepared != SQLITE_OK) return Refused(db, guard, query.text);
  if (!raw) return InvalidArgument("the query is empty");
  // One statement: whatever follows the first must be blank or comments.
  sqlite3_stmt* next = nullptr;
  const int rest = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
  const Stmt next_stmt(next);
  if (rest != SQLITE_OK && !guard.refused.empty()) return Refused(db, guard, query.text);
  if (rest != SQLITE_OK || next)
    return InvalidArgument("the query must be one statement (a SELECT); something follows it");
  if (!sqlite3_stmt_readonly(raw)) return InvalidArgument("the query may only read the sources");

  const int n = sqlite3_column_count(raw);
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) {
    const char* name = sqlite3_column_name(raw, i);
    names.emplace_back(name ? name : "");
  }
  ANNEXA_RETURN_IF_ERROR(sink.columns(names));
  std::vector<std::string_view> cells(static_cast<size_t>(n));
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    for (int i = 0; i < n; ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, i));
      cells[static_cast<size_t>(i)] =
          text ? std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(raw, i))) : std::string_view();
    }
    ANNEXA_RETURN_IF_ERROR(sink.row(cells));
  }
  if (rc == SQLITE_DONE) return Status::Ok();
  if (guard.timed_out)
    return InvalidArgument("the query ran longer than " + std::to_string(query.max_milliseconds / 1000) +
                           " seconds and was stopped");
  return Fail(db, "SQLite");
}

int64_t SqliteDatabasesOpened() { return g_opened.load(); }

// ---- SqliteFile: annexa's own database files (the run history) ----

namespace {

sqlite3* AsDb(void* p) { return static_cast<sqlite3*>(p); }
sqlite3_stmt* AsStmt(void* p) { return static_cast<sqlite3_stmt*>(p); }

Status FileError(void* db, const std::string& path, const std::string& what) {
  return IoError(path + ": " + what + ": " + (db ? sqlite3_errmsg(AsDb(db)) : "out of memory"));
}

}  // namespace

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(other.stmt_), db_(other.db_), path_(other.path_) {
  other.stmt_ = nullptr;
}

SqliteStatement::~SqliteStatement() {
  if (stmt_) sqlite3_finalize(AsStmt(stmt_));
}

void SqliteStatement::Bind(int at, int64_t value) { sqlite3_bind_int64(AsStmt(stmt_), at, value); }
void SqliteStatement::Bind(int at, double value) { sqlite3_bind_double(AsStmt(stmt_), at, value); }
void SqliteStatement::Bind(int at, std::string_view text) {
  sqlite3_bind_text(AsStmt(stmt_), at, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

Result<bool> SqliteStatement::Step() {
  const int rc = sqlite3_step(AsStmt(stmt_));
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FileError(db_, *path_, "SQLite");
}

Status SqliteStatement::Run() {
  Result<bool> stepped = Step();
  while (stepped.ok() && *stepped) stepped = Step();
  Reset();
  return stepped.ok() ? Status::Ok() : stepped.status();
}

void SqliteStatement::Reset() {
  sqlite3_reset(AsStmt(stmt_));
  sqlite3_clear_bindings(AsStmt(stmt_));
}

int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(AsStmt(stmt_), column); }
double SqliteStatement::Real(int column) const { return sqlite3_column_double(AsStmt(stmt_), column); }
std::string SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(AsStmt(stmt_), column));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(AsStmt(stmt_), column))) : std::string();
}

Result<std::unique_ptr<SqliteFile>> SqliteFile::Open(const std::string& path, const Options& options) {
  if (options.create) {
    // Created here, 0600, before SQLite sees it: SQLite would make it 0644
    // less the umask. EEXIST (another run created it first) is fine.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      ::close(fd);
    } else if (errno != EEXIST) {
      return IoError(path + ": cannot create the database: " + std::strerror(errno));
    }
  } else if (::access(path.c_str(), F_OK) != 0) {
    return NotFound(path + ": no such file");
  }
  sqlite3* raw = nullptr;
  // Read and write even to read: a run killed mid-transaction leaves a hot
  // journal that only a writer can roll back. Read-only when that is all
  // the file allows.
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK && !options.create) {
    sqlite3_close_v2(raw);
    raw = nullptr;
    rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  }
  std::unique_ptr<SqliteFile> file(new SqliteFile(raw, path));
  if (rc != SQLITE_OK) return FileError(raw, path, "cannot open the database");
  sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_limit(raw, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_busy_timeout(raw, options.busy_milliseconds);
  return file;
}

SqliteFile::~SqliteFile() {
  if (db_) sqlite3_close_v2(AsDb(db_));
}

Status SqliteFile::Exec(const std::string& sql) {
  if (sqlite3_exec(AsDb(db_), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return FileError(db_, path_, "SQLite");
  return Status::Ok();
}

Result<SqliteStatement> SqliteFile::Prepare(const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(AsDb(db_), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return FileError(db_, path_, "SQLite");
  }
  return SqliteStatement(raw, db_, &path_);
}

int64_t SqliteFile::LastInsertId() const { return sqlite3_last_insert_rowid(AsDb(db_)); }

}  // namespace annexa::sources
