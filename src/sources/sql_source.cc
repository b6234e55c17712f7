// The sql kind: a source defined by one SQL query over the config's other
// sources, run by an embedded SQLite (sqlite_db.h) on an in-memory copy of
// just the sources the query names (docs/config.md, "SQL sources").
//
// Provenance: every loaded source has an extra column `_row`, a number
// naming one of its rows. The first column of the result named `_row` (as
// `SELECT *` and `SELECT e.*` give it) says which source row a result row
// comes from: the row takes that row's file and line. Without one (or
// where it is NULL), the row's origin is "<config>:<source>" and its number
// the result row's.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "core/header_row.h"
#include "core/text.h"
#include "sources/source_readers.h"
#include "sources/sqlite_db.h"

namespace annexa::sources {

namespace {

constexpr std::string_view kRowColumn = "_row";
constexpr int64_t kDefaultMaxSeconds = 120;
// The most text a result may hold: a query that multiplies rows (a join on
// the wrong key, a runaway recursive CTE) stops here, not at the memory's end.
constexpr uint64_t kMaxResultBytes = uint64_t{2} << 30;

struct SqlOptions {
  std::string query;
  bool named = false;                // `sources:` given: exactly these are loaded
  std::vector<std::string> sources;
  YamlMark sources_mark;
  std::string config;                // the config file, for the source's own origin
  std::string where;                 // the query's place in the config: "council.yaml:14:10"
  int64_t max_seconds = kDefaultMaxSeconds;
};

std::any Configure(const FileReader& r, const YamlValue* node, const std::string& what) {
  SqlOptions o;
  o.config = r.file();
  o.where = r.file();
  if (!node) return o;
  const YamlValue* q = node->Find("query");
  o.where = Where(r.file(), q ? q->mark : node->mark);
  o.query = r.Str(*node, "query", what, true).value_or("");
  if (q && q->IsScalar() && Trim(o.query).empty()) r.Error(q->mark, what + ": 'query' is empty");
  if (const YamlValue* s = node->Find("sources")) {
    o.named = true;
    o.sources_mark = s->mark;
    o.sources = r.StrList(*s, "sources");
  }
  if (const YamlValue* m = node->Find("max_seconds")) {
    const std::optional<int64_t> n = r.Int(*m, "max_seconds");
    if (n && (*n < 1 || *n > 86'400)) r.Error(m->mark, "'max_seconds' must be from 1 to 86400");
    else if (n) o.max_seconds = *n;
  }
  return o;
}

bool IdentifierChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The identifiers of an SQL text, plain or quoted ("x", `x`, [x]), outside
// string literals and comments: the names a query may read tables by.
std::vector<std::string> Identifiers(std::string_view q) {
  std::vector<std::string> out;
  size_t i = 0;
  const auto skip_to = [&](std::string_view end) {
    const size_t at = q.find(end, i);
    i = at == std::string_view::npos ? q.size() : at + end.size();
  };
  while (i < q.size()) {
    const char c = q[i];
    if (q.substr(i, 2) == "--") {
      skip_to("\n");
    } else if (q.substr(i, 2) == "/*") {
      i += 2;
      skip_to("*/");
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::string text;
      for (++i; i < q.size(); ++i) {
        if (q[i] != close) {
          text += q[i];
        } else if (close != ']' && i + 1 < q.size() && q[i + 1] == close) {
          text += q[i++];  // a doubled quote stands for itself
        } else {
          break;
        }
      }
      ++i;
      if (c != '\'') out.push_back(std::move(text));  // '...' is a string, not a name
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < q.size() && IdentifierChar(q[i])) ++i;  // 12, 1e5: not names
    } else if (IdentifierChar(c)) {
      const size_t start = i;
      while (i < q.size() && IdentifierChar(q[i])) ++i;
      out.emplace_back(q.substr(start, i - start));
    } else {
      ++i;
    }
  }
  return out;
}

// The sources the query reads: those `sources:` names, else every other
// source whose name the query uses as a name (case ignored, as SQL does).
std::vector<std::string> Inputs(const FileReader& r, const std::any& options, const std::string& self,
                                const std::vector<std::string>& names) {
  // The pointer form of any_cast: a mismatch is no input, never an exception.
  const SqlOptions* opts = std::any_cast<SqlOptions>(&options);
  if (!opts) return {};
  const SqlOptions& o = *opts;
  std::vector<std::string> out;
  if (o.named) {
    for (const std::string& n : o.sources) {
      if (std::find(names.begin(), names.end(), n) == names.end())
        r.Error(o.sources_mark, "source '" + self + "': 'sources' names unknown source '" + n +
                                    "' (the sources are: " + Join(names, ", ") + ")");
      else if (std::find(out.begin(), out.end(), n) == out.end())
        out.push_back(n);
    }
    return out;
  }
  std::set<std::string> used;
  for (const std::string& id : Identifiers(o.query)) used.insert(AsciiLower(id));
  for (const std::string& n : names)
    if (n != self && used.count(AsciiLower(n))) out.push_back(n);
  return out;
}

// Where a `_row` value points: a row of one of the loaded tables.
struct Located {
  const Table* table = nullptr;
  size_t row = 0;
};

std::optional<Located> Locate(std::string_view value, const std::vector<SqlTable>& tables) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  for (const SqlTable& t : tables)
    if (id >= t.first_row_id && id - t.first_row_id < static_cast<int64_t>(t.table->size()))
      return Located{t.table, static_cast<size_t>(id - t.first_row_id)};
  return std::nullopt;
}

Result<Table> Read(const ReadContext& c) {
  const SqlOptions* opts = std::any_cast<SqlOptions>(c.options);
  if (!opts) return Internal("source '" + c.name + "': sql source read without its options");
  const SqlOptions& o = *opts;
  SqlQuery query;
  query.text = o.query;
  query.row_column = std::string(kRowColumn);
  query.max_milliseconds = o.max_seconds * 1000;
  int64_t next_id = 1;
  for (const auto& [name, table] : c.inputs) {
    query.tables.push_back({name, table, next_id});
    next_id += static_cast<int64_t>(table->size());
  }

  Table out;
  out.origin = o.config + ":" + c.name;
  out.origins = {out.origin};
  std::map<std::string, uint32_t> origin_index = {{out.origin, 0}};
  int row_column = -1;        // the result column giving each row's provenance
  std::vector<size_t> kept;   // the result columns that become the Table's
  int64_t result_row = 0;
  uint64_t result_bytes = 0;
  std::vector<std::string_view> cells;
  SqlResultSink sink;
  sink.columns = [&](const std::vector<std::string>& columns) -> Status {
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string lower = AsciiLower(columns[i]);
      if (lower == kRowColumn) {
        if (row_column < 0) row_column = static_cast<int>(i);
        continue;  // every `_row` is provenance, none a column
      }
      for (size_t at = 0; at < kept.size(); ++at) {
        const size_t k = kept[at];
        if (AsciiLower(columns[k]) != lower) continue;
        // A name that looks like data came from a source read without its
        // header row (`SELECT *`): it is a record's value, never quoted.
        if (const std::string_view kind = DataLikeKind(columns[i]); !kind.empty())
          return InvalidArgument("the result has two columns of the same name (columns " + std::to_string(at + 1) +
                                 " and " + std::to_string(kept.size() + 1) +
                                 ", `_row` not counted), a name that looks like data (" + std::string(kind) +
                                 "): was a source it reads exported without its header row?");
        return InvalidArgument("the result has two columns named '" + columns[i] +
                               "': name one of them apart with AS");
      }
      kept.push_back(i);
      out.headers.push_back(columns[i]);
    }
    if (out.headers.empty()) return InvalidArgument("the result has no column besides _row");
    return Status::Ok();
  };
  sink.row = [&](std::span<const std::string_view> row) -> Status {
    ++result_row;
    cells.clear();
    for (size_t k : kept) {
      cells.push_back(Trim(row[k]));
      result_bytes += cells.back().size();
    }
    if (result_bytes > kMaxResultBytes)
      return LimitExceeded("the result holds more than " + std::to_string(kMaxResultBytes >> 30) +
                           " GiB of text (by row " + std::to_string(result_row) + ")");
    uint32_t from = 0;
    int64_t at = result_row;
    if (row_column >= 0) {
      if (const std::optional<Located> l = Locate(row[static_cast<size_t>(row_column)], query.tables)) {
        const std::string& origin = l->table->OriginOf(l->row);
        auto it = origin_index.find(origin);
        if (it == origin_index.end()) {
          it = origin_index.emplace(origin, static_cast<uint32_t>(out.origins.size())).first;
          out.origins.push_back(origin);
        }
        from = it->second;
        at = l->table->source_rows.size() > l->row ? l->table->source_rows[l->row] : static_cast<int64_t>(l->row) + 1;
      }
    }
    if (!out.AddRow(cells, at)) return LimitExceeded("result row " + std::to_string(result_row) + " holds 4 GiB of text or more");
    out.row_origins.push_back(from);
    return Status::Ok();
  };
  if (Status s = RunSqlQuery(query, sink); !s.ok()) {
    std::string why = s.message();
    // A misspelt source: say which tables there were.
    if (why.find("no such table") != std::string::npos) {
      std::vector<std::string> loaded;
      for (const SqlTable& t : query.tables) loaded.push_back(t.name);
      why += " (the tables are the config's sources the query names: " +
             (loaded.empty() ? std::string("none") : Join(loaded, ", ")) + ")";
    }
    return Status(s.code(), o.where + ": source '" + c.name + "': " + why);
  }
  if (std::all_of(out.row_origins.begin(), out.row_origins.end(), [](uint32_t i) { return i == 0; })) {
    out.origins.clear();
    out.row_origins.clear();
  }
  return out;
}

}  // namespace

const SourceReader& SqlSource() {
  static const SourceReader kind{
      .format = "sql",
      .extensions = {},  // not a file: chosen by `format: sql` only
      .keys = {"query", "sources", "max_seconds"},
      .content = std::nullopt,
      .parallel = false,  // reads the other sources' Tables
      .configure = Configure,
      .read = Read,
      .inputs = Inputs,
  };
  return kind;
}

}  // namespace annexa::sources
