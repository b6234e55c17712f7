#include "sources/odbc_db.h"

#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace annexa::sources {

namespace {

struct HandleFree {
  SQLSMALLINT type;
  void operator()(void* h) const {
    if (h) SQLFreeHandle(type, h);
  }
};

bool Ok(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

// A value in an ODBC connection string: in braces (with `}` doubled) when
// it holds a character the string's syntax gives a meaning to.
std::string ConnValue(const std::string& v) {
  if (v.find_first_of(";{}=") == std::string::npos && (v.empty() || (v.front() != ' ' && v.back() != ' '))) return v;
  std::string out = "{";
  for (char c : v) out += c == '}' ? std::string("}}") : std::string(1, c);
  return out + "}";
}

// The diagnostics of a handle: "[SQLSTATE] message; ...", the password (if
// any) replaced by ****.
std::string Diagnostics(SQLSMALLINT type, SQLHANDLE h, const std::string& password) {
  std::string out;
  for (SQLSMALLINT i = 1; i <= 8; ++i) {
    SQLCHAR state[6] = {0};
    SQLCHAR text[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (!Ok(SQLGetDiagRec(type, h, i, state, &native, text, sizeof text, &len))) break;
    if (!out.empty()) out += "; ";
    out += "[" + std::string(reinterpret_cast<char*>(state)) + "] " + reinterpret_cast<char*>(text);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!password.empty())
    for (size_t at; (at = out.find(password)) != std::string::npos;) out.replace(at, password.size(), "****");
  return out.empty() ? "the driver gave no diagnostic" : out;
}

// UTF-16 (SQLWCHAR, as unixODBC has it) to UTF-8; a lone surrogate becomes U+FFFD.
void AppendUtf8(const SQLWCHAR* w, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i) {
    uint32_t c = w[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && w[i + 1] >= 0xDC00 && w[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (w[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (c >> 6)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (c >> 12)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (c >> 18)));
      out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
}

// UTF-8 to UTF-16 (SQLWCHAR), for the driver's wide entry points: a query
// or a password with non-ASCII text reaches the driver whatever the
// process's locale. A byte that does not start a valid sequence becomes U+FFFD.
std::vector<SQLWCHAR> Utf16(std::string_view s) {
  std::vector<SQLWCHAR> out;
  out.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    uint32_t c = 0xFFFD;
    size_t n = 1;
    if (b < 0x80) {
      c = b;
    } else if ((b >> 5) == 0x6 && i + 1 < s.size()) {
      c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((b >> 4) == 0xE && i + 2 < s.size()) {
      c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else if ((b >> 3) == 0x1E && i + 3 < s.size()) {
      c = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
          ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      n = 4;
    }
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        c = 0xFFFD;
        n = 1;
        break;
      }
    i += n;
    if (c >= 0x10000) {
      c -= 0x10000;
      out.push_back(static_cast<SQLWCHAR>(0xD800 + (c >> 10)));
      out.push_back(static_cast<SQLWCHAR>(0xDC00 + (c & 0x3FF)));
    } else {
      out.push_back(static_cast<SQLWCHAR>(c));
    }
  }
  return out;
}

enum class CellKind { kText, kDate, kTimestamp };

CellKind KindOfType(SQLSMALLINT type) {
  switch (type) {
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return CellKind::kDate;
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return CellKind::kTimestamp;
    default:
      return CellKind::kText;
  }
}

// Cancels the statement when the query's time is up, from its own thread
// (SQLCancel is the one ODBC call made for that), for drivers that do not
// honour SQL_ATTR_QUERY_TIMEOUT while fetching.
class Watchdog {
 public:
  Watchdog(SQLHSTMT stmt, int64_t seconds) : stmt_(stmt) {
    thread_ = std::thread([this, seconds] {
      std::unique_lock lock(mu_);
      if (!cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
        fired_ = true;
        SQLCancel(stmt_);
      }
    });
  }
  ~Watchdog() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  bool fired() {
    std::lock_guard lock(mu_);
    return fired_;
  }

 private:
  SQLHSTMT stmt_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace

struct OdbcSession::Handles {
  std::unique_ptr<void, HandleFree> env{nullptr, HandleFree{SQL_HANDLE_ENV}};
  std::unique_ptr<void, HandleFree> dbc{nullptr, HandleFree{SQL_HANDLE_DBC}};
  bool connected = false;
  std::string name;
  std::string password;
  ~Handles() {
    if (connected) SQLDisconnect(dbc.get());
  }
};

OdbcSession::OdbcSession(std::unique_ptr<Handles> h) : h_(std::move(h)) {}
OdbcSession::~OdbcSession() = default;

Result<std::unique_ptr<OdbcSession>> OdbcSession::Open(const OdbcLogin& login) {
  auto h = std::make_unique<Handles>();
  h->name = login.name;
  h->password = login.password;
  const std::string what = "connection '" + login.name + "'";
  SQLHANDLE env = SQL_NULL_HANDLE;
  if (!Ok(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    return IoError(what + ": the ODBC driver manager could not start");
  h->env.reset(env);
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLHANDLE dbc = SQL_NULL_HANDLE;
  if (!Ok(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) return IoError(what + ": " + Diagnostics(SQL_HANDLE_ENV, env, ""));
  h->dbc.reset(dbc);
  SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(login.connect_timeout_seconds)), 0);
  SQLSetConnectAttr(dbc, SQL_ATTR_CONNECTION_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(login.connect_timeout_seconds)), 0);
  std::string conn = login.dsn.empty() ? login.connection_string : "DSN=" + ConnValue(login.dsn);
  if (!conn.empty() && conn.back() != ';') conn += ';';
  if (!login.user.empty()) conn += "UID=" + ConnValue(login.user) + ";";
  if (!login.password.empty()) conn += "PWD=" + ConnValue(login.password) + ";";
  std::vector<SQLWCHAR> wide = Utf16(conn);
  // The strings are no longer needed: do not leave the password in memory.
  for (char& c : conn) c = '\0';
  SQLWCHAR out[1024];
  SQLSMALLINT out_len = 0;
  const SQLRETURN rc = SQLDriverConnectW(dbc, nullptr, wide.data(), static_cast<SQLSMALLINT>(wide.size()), out,
                                         1024, &out_len, SQL_DRIVER_NOPROMPT);
  for (SQLWCHAR& c : wide) c = 0;
  for (SQLWCHAR& c : out) c = 0;
  if (!Ok(rc)) return IoError(what + ": cannot connect: " + Diagnostics(SQL_HANDLE_DBC, dbc, login.password));
  h->connected = true;
  // annexa only reads: ask the driver for a read-only session (a hint some
  // drivers ignore; the council's read-only role is what enforces it).
  SQLSetConnectAttr(dbc, SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0);
  return std::unique_ptr<OdbcSession>(new OdbcSession(std::move(h)));
}

Status OdbcSession::Run(const OdbcQuery& query, const OdbcResultSink& sink) {
  const std::string& pw = h_->password;
  SQLHANDLE raw = SQL_NULL_HANDLE;
  if (!Ok(SQLAllocHandle(SQL_HANDLE_STMT, h_->dbc.get(), &raw)))
    return IoError(Diagnostics(SQL_HANDLE_DBC, h_->dbc.get(), pw));
  std::unique_ptr<void, HandleFree> stmt_owner(raw, HandleFree{SQL_HANDLE_STMT});
  SQLHSTMT stmt = raw;
  auto fail = [&](const std::string& doing) { return IoError(doing + ": " + Diagnostics(SQL_HANDLE_STMT, stmt, pw)); };
  SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT,
                 reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(query.timeout_seconds)), 0);
  std::vector<SQLWCHAR> text = Utf16(query.text);
  if (!Ok(SQLPrepareW(stmt, text.data(), static_cast<SQLINTEGER>(text.size()))))
    return fail("the database refused the query");
  // The bound values live until the statement is freed.
  std::vector<SQL_DATE_STRUCT> dates(query.parameters.size());
  std::vector<SQLLEN> lengths(query.parameters.size());
  for (size_t i = 0; i < query.parameters.size(); ++i) {
    const OdbcParameter& p = query.parameters[i];
    const auto n = static_cast<SQLUSMALLINT>(i + 1);
    SQLRETURN rc;
    if (p.is_date) {
      dates[i] = {static_cast<SQLSMALLINT>(p.date.year()), static_cast<SQLUSMALLINT>(p.date.month()),
                  static_cast<SQLUSMALLINT>(p.date.day())};
      lengths[i] = sizeof(SQL_DATE_STRUCT);
      rc = SQLBindParameter(stmt, n, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &dates[i],
                            sizeof(SQL_DATE_STRUCT), &lengths[i]);
    } else {
      lengths[i] = static_cast<SQLLEN>(p.text.size());
      rc = SQLBindParameter(stmt, n, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, p.text.size() + 1, 0,
                            const_cast<char*>(p.text.data()), lengths[i], &lengths[i]);
    }
    if (!Ok(rc)) return fail("cannot bind parameter " + std::to_string(i + 1));
  }
  Watchdog watchdog(stmt, query.timeout_seconds);
  const auto started = std::chrono::steady_clock::now();
  const auto timed_out = [&](Status s) {
    // Cancelled by the watchdog, or by the driver's own timeout (psqlodbc's
    // statement_timeout) just before it: either way the time was up.
    const bool over = std::chrono::steady_clock::now() - started >= std::chrono::seconds(query.timeout_seconds);
    if (!watchdog.fired() && !over) return s;
    return IoError("the query ran longer than its " + std::to_string(query.timeout_seconds) +
                   "-second limit (query_timeout_seconds) and was cancelled: " + s.message());
  };
  const SQLRETURN exec = SQLExecute(stmt);
  if (!Ok(exec) && exec != SQL_NO_DATA) return timed_out(fail("the query failed"));
  SQLSMALLINT ncols = 0;
  if (!Ok(SQLNumResultCols(stmt, &ncols))) return timed_out(fail("cannot read the result's columns"));
  if (ncols <= 0) return IoError("the query returns no columns (it must be a SELECT)");
  std::vector<std::string> names(static_cast<size_t>(ncols));
  std::vector<CellKind> kinds(static_cast<size_t>(ncols));
  for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(ncols); ++c) {
    SQLWCHAR name[512];
    SQLSMALLINT name_len = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    if (!Ok(SQLDescribeColW(stmt, c, name, 512, &name_len, &type, &size, &digits, &nullable)))
      return fail("cannot read column " + std::to_string(c) + " of the result");
    AppendUtf8(name, static_cast<size_t>(std::min<SQLSMALLINT>(name_len, 511)), &names[c - 1]);
    kinds[c - 1] = KindOfType(type);
  }
  ANNEXA_RETURN_IF_ERROR(sink.columns(names));

  std::vector<std::string> cells(names.size());
  std::vector<std::string_view> views(names.size());
  std::vector<SQLWCHAR> buf(4096);
  std::vector<SQLWCHAR> wide;  // one text cell, as the driver gives it
  int64_t row = 0;
  for (;;) {
    const SQLRETURN rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    if (!Ok(rc)) return timed_out(fail("the fetch failed after " + std::to_string(row) + " rows"));
    ++row;
    for (size_t c = 0; c < names.size(); ++c) {
      std::string& cell = cells[c];
      cell.clear();
      const auto col = static_cast<SQLUSMALLINT>(c + 1);
      SQLLEN ind = 0;
      if (kinds[c] == CellKind::kDate) {
        SQL_DATE_STRUCT d{};
        if (!Ok(SQLGetData(stmt, col, SQL_C_TYPE_DATE, &d, sizeof d, &ind)))
          return timed_out(fail("cannot read row " + std::to_string(row) + " column " + names[c]));
        if (ind != SQL_NULL_DATA) {
          char t[16];
          std::snprintf(t, sizeof t, "%04d-%02u-%02u", static_cast<int>(d.year), d.month % 100u, d.day % 100u);
          cell = t;
        }
      } else if (kinds[c] == CellKind::kTimestamp) {
        SQL_TIMESTAMP_STRUCT ts{};
        if (!Ok(SQLGetData(stmt, col, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind)))
          return timed_out(fail("cannot read row " + std::to_string(row) + " column " + names[c]));
        if (ind != SQL_NULL_DATA) {
          char t[32];
          std::snprintf(t, sizeof t, "%04d-%02u-%02u %02u:%02u:%02u", static_cast<int>(ts.year), ts.month % 100u,
                        ts.day % 100u, ts.hour % 100u, ts.minute % 100u, ts.second % 100u);
          cell = t;
        }
      } else {
        // Text in pieces: each call gives what fits, the last SQL_SUCCESS;
        // converted once whole (a surrogate pair may straddle two pieces).
        wide.clear();
        bool null = false;
        for (;;) {
          const SQLRETURN g = SQLGetData(stmt, col, SQL_C_WCHAR, buf.data(),
                                         static_cast<SQLLEN>(buf.size() * sizeof(SQLWCHAR)), &ind);
          if (g == SQL_NO_DATA) break;
          if (!Ok(g)) return timed_out(fail("cannot read row " + std::to_string(row) + " column " + names[c]));
          if (ind == SQL_NULL_DATA) {
            null = true;
            break;
          }
          const size_t room = buf.size() - 1;  // the driver ends each piece with a NUL
          const size_t got = ind == SQL_NO_TOTAL || static_cast<size_t>(ind) / sizeof(SQLWCHAR) > room
                                 ? room
                                 : static_cast<size_t>(ind) / sizeof(SQLWCHAR);
          wide.insert(wide.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(got));
          if (g == SQL_SUCCESS) break;
        }
        if (!null) AppendUtf8(wide.data(), wide.size(), &cell);
      }
      views[c] = cell;
    }
    ANNEXA_RETURN_IF_ERROR(sink.row(views));
  }
  return Status::Ok();
}

}  // namespace annexa::sources
