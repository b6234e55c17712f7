// The database kind (database_source.h): a table or a query on a declared
// connection, run through the ODBC adapter (odbc_db.h).
#include "sources/database_source.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/file_util.h"
#include "core/text.h"
#include "sources/odbc_db.h"
#include "sources/source_readers.h"

namespace annexa::sources {

namespace {

struct DatabaseOptions {
  std::string connection;
  YamlMark connection_mark;
  std::string table;          // `table:`, or
  std::string query;          // `query:` as written
  RewrittenQuery rewritten;   // the text run, with `?` markers
  std::string where;          // "council.yaml:14:10": the source's place, for messages
  std::optional<DatabaseConnection> login;  // set by ResolveConnection
};

bool IdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// `ssd_person`, `dbo.ssd_person`, `reporting.dbo.ssd_person`: names that
// need no quoting in any database, so the text `SELECT * FROM <table>` is
// the name and nothing else.
bool PlainTableName(std::string_view t) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    if (i >= t.size() || !IdentStart(t[i])) return false;
    while (i < t.size() && IdentChar(t[i])) ++i;
    ++parts;
    if (i == t.size()) return parts <= 3;
    if (t[i] != '.') return false;
    ++i;
  }
}

// The parameters a query may name: the reference date, and the start of
// an N-month window before it (N from 1 to 120).
std::optional<int> WindowMonths(std::string_view name) {
  if (name == "reference_date") return 0;
  if (!name.starts_with("window_start_") || !name.ends_with("m")) return std::nullopt;
  const std::string_view digits = name.substr(13, name.size() - 14);
  int n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n < 1 || n > 120)
    return std::nullopt;
  return n;
}

std::any Configure(const FileReader& r, const YamlValue* node, const std::string& what) {
  DatabaseOptions o;
  o.where = r.file();
  if (!node) return o;
  o.where = Where(r.file(), node->mark);
  o.connection = r.Str(*node, "connection", what, true).value_or("");
  if (const YamlValue* c = node->Find("connection")) o.connection_mark = c->mark;
  const YamlValue* t = node->Find("table");
  const YamlValue* q = node->Find("query");
  if ((t != nullptr) == (q != nullptr)) {
    r.Error(node->mark, what + " needs exactly one of 'table' or 'query' (on connection '" + o.connection + "')");
    return o;
  }
  if (t) {
    o.table = r.Str(*node, "table", what, true).value_or("");
    if (t->IsScalar() && !PlainTableName(o.table))
      r.Error(t->mark, what + ": 'table' must be a plain name (letters, digits, _; schema.table allowed), not '" +
                           o.table + "'; write a 'query' for anything else");
    o.rewritten.text = "SELECT * FROM " + o.table;
    return o;
  }
  o.where = Where(r.file(), q->mark);
  o.query = r.Str(*node, "query", what, true).value_or("");
  if (q->IsScalar() && Trim(o.query).empty()) r.Error(q->mark, what + ": 'query' is empty");
  o.rewritten = RewriteParameters(o.query);
  for (const std::string& name : o.rewritten.names)
    if (!WindowMonths(name))
      r.Error(q->mark, what + ": unknown parameter ':" + name +
                           "' (the parameters are :reference_date and :window_start_<N>m, N from 1 to 120, "
                           "e.g. :window_start_6m, :window_start_12m)");
  return o;
}

Result<std::string> Password(const DatabaseConnection& c) {
  const std::string what = "connection '" + c.name + "'";
  if (!c.password_env.empty()) {
    const char* v = std::getenv(c.password_env.c_str());
    if (!v || !*v)
      return InvalidArgument(what + ": the environment variable " + c.password_env +
                             " (password_env) is not set or is empty");
    return std::string(v);
  }
  if (!c.password_file.empty()) {
    Result<std::string> text = ReadFile(c.password_file, 64 * 1024);
    if (!text.ok()) return IoError(what + ": cannot read its password_file: " + text.status().message());
    std::string pw = std::move(*text);
    while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r')) pw.pop_back();
    if (pw.empty()) return InvalidArgument(what + ": its password_file " + c.password_file + " is empty");
    return pw;
  }
  return std::string();
}

// The session for a connection: one per run, kept in the load's shared
// state (closed when the load ends), or opened for this source alone.
Result<std::shared_ptr<OdbcSession>> Session(const ReadContext& c, const DatabaseConnection& conn) {
  const std::string key = "odbc-session:" + conn.name;
  if (c.shared) {
    auto it = c.shared->find(key);
    if (it != c.shared->end())
      if (auto* s = std::any_cast<std::shared_ptr<OdbcSession>>(&it->second)) return *s;
  }
  Result<std::string> password = Password(conn);
  if (!password.ok()) return password.status();
  OdbcLogin login;
  login.name = conn.name;
  login.dsn = conn.dsn;
  login.connection_string = conn.connection_string;
  login.user = conn.user;
  login.password = std::move(*password);
  login.connect_timeout_seconds = conn.connect_timeout_seconds;
  Result<std::unique_ptr<OdbcSession>> opened = OdbcSession::Open(login);
  if (!opened.ok()) return opened.status();
  std::shared_ptr<OdbcSession> session(std::move(*opened));
  if (c.shared) (*c.shared)[key] = session;
  return session;
}

Result<Table> Read(const ReadContext& c) {
  const DatabaseOptions* opts = std::any_cast<DatabaseOptions>(c.options);
  if (!opts || !opts->login) return Internal("source '" + c.name + "': database source read without its connection");
  const DatabaseOptions& o = *opts;
  const DatabaseConnection& conn = *o.login;
  const std::string what = o.table.empty() ? "query" : "table " + o.table;
  const std::string prefix = o.where + ": source '" + c.name + "': connection '" + conn.name + "', " + what + ": ";
  const auto wrap = [&](const Status& s) { return Status(s.code(), prefix + s.message()); };

  OdbcQuery query;
  query.text = o.rewritten.text;
  query.timeout_seconds = conn.query_timeout_seconds;
  for (const std::string& name : o.rewritten.names) {
    if (!c.reference_date) return wrap(InvalidArgument("the query names :" + name + " but the run has no reference date"));
    OdbcParameter p;
    p.date = c.reference_date->AddMonths(-*WindowMonths(name));
    query.parameters.push_back(p);
  }
  Result<std::shared_ptr<OdbcSession>> session = Session(c, conn);
  if (!session.ok()) return wrap(session.status());

  Table out;
  // Provenance: "connection/table" or "connection/source (query)", and the
  // result's row number.
  out.origin = conn.name + "/" + (o.table.empty() ? c.name + " (query)" : o.table);
  std::vector<std::string_view> cells;
  int64_t row = 0;
  OdbcResultSink sink;
  sink.columns = [&](const std::vector<std::string>& columns) -> Status {
    for (size_t i = 0; i < columns.size(); ++i)
      for (size_t k = 0; k < i; ++k)
        if (AsciiLower(columns[k]) == AsciiLower(columns[i]))
          return InvalidArgument("the result has two columns named '" + columns[i] +
                                 "': name one of them apart with AS");
    out.headers = columns;
    return Status::Ok();
  };
  sink.row = [&](std::span<const std::string_view> row_cells) -> Status {
    ++row;
    cells.clear();
    for (std::string_view v : row_cells) cells.push_back(Trim(v));
    if (!out.AddRow(cells, row)) return LimitExceeded("result row " + std::to_string(row) + " holds 4 GiB of text or more");
    return Status::Ok();
  };
  if (Status s = (*session)->Run(query, sink); !s.ok()) {
    // A connection that failed is not kept for the next source.
    if (c.shared) c.shared->erase("odbc-session:" + conn.name);
    return wrap(s);
  }
  return out;
}

}  // namespace

RewrittenQuery RewriteParameters(const std::string& q) {
  RewrittenQuery out;
  size_t i = 0;
  const auto copy_to = [&](std::string_view end) {
    const size_t at = q.find(end, i);
    const size_t stop = at == std::string::npos ? q.size() : at + end.size();
    out.text.append(q, i, stop - i);
    i = stop;
  };
  while (i < q.size()) {
    const char c = q[i];
    if (q.compare(i, 2, "--") == 0) {
      copy_to("\n");
    } else if (q.compare(i, 2, "/*") == 0) {
      out.text += "/*";
      i += 2;
      copy_to("*/");
    } else if (c == '\'' || c == '"' || c == '`') {
      // A doubled quote inside is two quoted runs back to back: the same.
      out.text += c;
      ++i;
      copy_to(std::string(1, c));
    } else if (c == ':' && i + 1 < q.size() && q[i + 1] == ':') {
      out.text += "::";  // a PostgreSQL cast: x::date
      i += 2;
      while (i < q.size() && IdentChar(q[i])) out.text += q[i++];
    } else if (c == ':' && i + 1 < q.size() && IdentStart(q[i + 1]) && (i == 0 || !IdentChar(q[i - 1]))) {
      size_t end = i + 1;
      while (end < q.size() && IdentChar(q[end])) ++end;
      out.names.emplace_back(q.substr(i + 1, end - i - 1));
      out.text += '?';
      i = end;
    } else {
      out.text += c;
      ++i;
    }
  }
  return out;
}

std::map<std::string, DatabaseConnection> ReadConnections(const FileReader& r, const YamlValue& node,
                                                          const std::string& config_dir) {
  std::map<std::string, DatabaseConnection> out;
  if (!r.ExpectMap(node, "'connections'")) return out;
  // (An element, not a structured binding: clang 14, which builds the
  // fuzzers, cannot capture a binding in a lambda.)
  for (const auto& entry : node.entries) {
    const YamlValue& name = entry.first;
    const YamlValue& body = entry.second;
    const std::string what = "connection '" + name.scalar + "'";
    if (!r.ExpectMap(body, what)) continue;
    for (const auto& [key, value] : body.entries)
      if (key.scalar == "password")
        r.Error(key.mark, what + ": a password is never written in the config; put it in an environment variable "
                              "(password_env: NAME) or a file only the service account reads (password_file: PATH)");
    r.CheckKeys(body, {"dsn", "connection_string", "user", "password_env", "password_file", "connect_timeout_seconds",
                       "query_timeout_seconds", "password"},
                what);
    DatabaseConnection c;
    c.name = name.scalar;
    c.mark = body.mark;
    c.dsn = r.Str(body, "dsn", what, false).value_or("");
    c.connection_string = r.Str(body, "connection_string", what, false).value_or("");
    if (c.dsn.empty() == c.connection_string.empty())
      r.Error(body.mark, what + " needs exactly one of 'dsn' or 'connection_string'");
    if (!c.connection_string.empty()) {
      // Keys of an ODBC connection string, case ignored, at the start or after a ';'.
      const std::string lower = ";" + AsciiLower(c.connection_string);
      for (const char* key : {"pwd", "password"}) {
        for (size_t at = lower.find(std::string(";") + key); at != std::string::npos;
             at = lower.find(std::string(";") + key, at + 1)) {
          size_t e = at + 1 + std::string_view(key).size();
          while (e < lower.size() && lower[e] == ' ') ++e;
          if (e < lower.size() && lower[e] == '=') {
            r.Error(body.Find("connection_string")->mark,
                    what + ": the connection string holds a password (" + std::string(key == std::string("pwd") ? "PWD" : "Password") +
                        "=); take it out and name it with password_env or password_file");
            break;
          }
        }
      }
    }
    c.user = r.Str(body, "user", what, false).value_or("");
    c.password_env = r.Str(body, "password_env", what, false).value_or("");
    if (auto f = r.Str(body, "password_file", what, false))
      c.password_file = (std::filesystem::path(config_dir) / *f).lexically_normal().string();
    if (!c.password_env.empty() && !c.password_file.empty())
      r.Error(body.mark, what + " takes one of 'password_env' or 'password_file', not both");
    const auto bounded = [&](const char* key, int64_t* into) {
      const YamlValue* t = body.Find(key);
      if (!t) return;
      const std::optional<int64_t> n = r.Int(*t, key);
      if (n && (*n < 1 || *n > 86'400)) r.Error(t->mark, std::string("'") + key + "' must be from 1 to 86400");
      else if (n) *into = *n;
    };
    bounded("connect_timeout_seconds", &c.connect_timeout_seconds);
    bounded("query_timeout_seconds", &c.query_timeout_seconds);
    out.emplace(c.name, std::move(c));
  }
  return out;
}

void ResolveConnection(const FileReader& r, const std::map<std::string, DatabaseConnection>& connections,
                       std::any* options, const std::string& what) {
  DatabaseOptions* o = std::any_cast<DatabaseOptions>(options);
  if (!o || o->connection.empty()) return;  // reported by Configure
  auto it = connections.find(o->connection);
  if (it == connections.end()) {
    std::vector<std::string> names;
    for (const auto& [n, c] : connections) names.push_back(n);
    r.Error(o->connection_mark, what + ": unknown connection '" + o->connection + "' (the config's connections are: " +
                                    (names.empty() ? std::string("none; declare it under 'connections:'") : Join(names, ", ")) +
                                    ")");
    return;
  }
  o->login = it->second;
}

const SourceReader& DatabaseSource() {
  static const SourceReader kind{
      .format = "database",
      .extensions = {},  // not a file: chosen by `connection:` (or `format: database`)
      .keys = {"connection", "table", "query"},
      .content = std::nullopt,
      .parallel = false,  // one connection, one query at a time
      .configure = Configure,
      .read = Read,
  };
  return kind;
}

std::vector<std::string> QueryParameters(const std::any& options) {
  const DatabaseOptions* o = std::any_cast<DatabaseOptions>(&options);
  return o ? o->rewritten.names : std::vector<std::string>{};
}

}  // namespace annexa::sources
