#include "history/run_history.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <tuple>

#include "core/text.h"
#include "sources/sqlite_db.h"

namespace annexa::history {

namespace {

namespace fs = std::filesystem;
using sources::SqliteFile;
using sources::SqliteStatement;

constexpr const char* kSchema = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  council TEXT NOT NULL,
  la_code TEXT NOT NULL,
  spec TEXT NOT NULL,
  reference_date TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  out_dir TEXT NOT NULL,
  tool TEXT NOT NULL,
  pseudonymised INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  findings_total INTEGER NOT NULL,
  findings_stored INTEGER NOT NULL
);
CREATE INDEX runs_by_council ON runs (la_code, id);
CREATE TABLE run_lists (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  list INTEGER NOT NULL,
  title TEXT NOT NULL,
  rows INTEGER NOT NULL,
  read INTEGER NOT NULL,
  excluded INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  filled_percent REAL NOT NULL,
  PRIMARY KEY (run_id, list)
) WITHOUT ROWID;
CREATE TABLE findings (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  key TEXT NOT NULL,
  rule TEXT NOT NULL,
  list INTEGER NOT NULL,
  "column" TEXT NOT NULL,
  child TEXT NOT NULL,
  severity TEXT NOT NULL,
  team TEXT NOT NULL,
  worker TEXT NOT NULL,
  value TEXT NOT NULL,
  source TEXT NOT NULL,
  source_row INTEGER NOT NULL,
  source_column TEXT NOT NULL,
  message TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE TABLE not_stored (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  list INTEGER NOT NULL,
  count INTEGER NOT NULL
);
)sql";

constexpr const char* kRunColumns =
    "r.id, r.council, r.la_code, r.spec, r.reference_date, r.generated_at, r.out_dir, r.tool, r.pseudonymised, "
    "r.rows, r.errors, r.warnings, r.findings_total, r.findings_stored, "
    "(SELECT count(*) FROM findings f WHERE f.run_id = r.id)";

HistoryRun ReadRun(const SqliteStatement& s) {
  HistoryRun r;
  r.id = s.Int(0);
  r.council = s.Text(1);
  r.la_code = s.Text(2);
  r.spec = s.Text(3);
  r.reference_date = s.Text(4);
  r.generated_at = s.Text(5);
  r.out_dir = s.Text(6);
  r.tool = s.Text(7);
  r.pseudonymised = s.Int(8) != 0;
  r.rows = s.Int(9);
  r.errors = s.Int(10);
  r.warnings = s.Int(11);
  r.findings_total = s.Int(12);
  r.findings_stored = s.Int(13);
  r.identities = s.Int(14);
  return r;
}

// The schema version of an open file: kIoError for one newer than this
// annexa knows.
Result<int> SchemaVersion(SqliteFile& db) {
  Result<SqliteStatement> s = db.Prepare("PRAGMA user_version");
  if (!s.ok()) return s.status();
  Result<bool> row = s->Step();
  if (!row.ok()) return row.status();
  const int version = *row ? static_cast<int>(s->Int(0)) : 0;
  if (version > kHistorySchemaVersion)
    return IoError(db.path() + ": a run history of schema version " + std::to_string(version) +
                   ", made by a newer annexa (this one reads version " + std::to_string(kHistorySchemaVersion) + ")");
  return version;
}

// Opens an existing history to read: kNotFound when missing or empty.
Result<std::unique_ptr<SqliteFile>> OpenToRead(const std::string& path) {
  SqliteFile::Options options;
  options.create = false;
  Result<std::unique_ptr<SqliteFile>> db = SqliteFile::Open(path, options);
  if (!db.ok()) {
    if (db.status().code() == StatusCode::kNotFound)
      return NotFound(path + ": no run history here (annexa generate records one; see --history)");
    return db.status();
  }
  Result<int> version = SchemaVersion(**db);
  if (!version.ok()) return version.status();
  if (*version == 0) return NotFound(path + ": no run recorded in this history yet");
  return db;
}

Status Transaction(SqliteFile& db, const RunRecord& run, int64_t* id) {
  Result<int> version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version == 0) {
    ANNEXA_RETURN_IF_ERROR(db.Exec(kSchema));
    ANNEXA_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(kHistorySchemaVersion)));
  }
  const Findings empty;
  const Findings& findings = run.findings ? *run.findings : empty;
  int64_t rows = 0, errors = 0, warnings = 0;
  for (const RunRecord::List& l : run.lists) rows += l.rows;
  for (const Finding& f : findings) {
    errors += f.severity == Severity::kError;
    warnings += f.severity == Severity::kWarning;
  }
  for (const auto& [key, n] : findings.overflow()) {
    if (key.severity == Severity::kError) errors += n;
    if (key.severity == Severity::kWarning) warnings += n;
  }
  {
    Result<SqliteStatement> s = db.Prepare(
        "INSERT INTO runs (council, la_code, spec, reference_date, generated_at, out_dir, tool, pseudonymised, rows, "
        "errors, warnings, findings_total, findings_stored) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return s.status();
    s->Bind(1, run.council);
    s->Bind(2, run.la_code);
    s->Bind(3, run.spec);
    s->Bind(4, run.reference_date);
    s->Bind(5, run.generated_at);
    s->Bind(6, run.out_dir);
    s->Bind(7, run.tool);
    s->Bind(8, static_cast<int64_t>(run.pseudonymised));
    s->Bind(9, rows);
    s->Bind(10, errors);
    s->Bind(11, warnings);
    s->Bind(12, findings.total());
    s->Bind(13, static_cast<int64_t>(findings.size()));
    ANNEXA_RETURN_IF_ERROR(s->Run());
  }
  *id = db.LastInsertId();
  {
    Result<SqliteStatement> s = db.Prepare("INSERT INTO run_lists VALUES (?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return s.status();
    for (const RunRecord::List& l : run.lists) {
      s->Bind(1, *id);
      s->Bind(2, static_cast<int64_t>(l.number));
      s->Bind(3, l.title);
      s->Bind(4, l.rows);
      s->Bind(5, l.read);
      s->Bind(6, l.excluded);
      s->Bind(7, l.errors);
      s->Bind(8, l.warnings);
      s->Bind(9, l.filled_percent);
      ANNEXA_RETURN_IF_ERROR(s->Run());
    }
  }
  {
    Result<SqliteStatement> s = db.Prepare("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s.ok()) return s.status();
    for (const StoredFinding& f : GroupFindings(findings).findings) {
      s->Bind(1, *id);
      s->Bind(2, f.key);
      s->Bind(3, f.rule);
      s->Bind(4, static_cast<int64_t>(f.list));
      s->Bind(5, f.column);
      s->Bind(6, f.child);
      s->Bind(7, f.severity_name);
      s->Bind(8, f.team);
      s->Bind(9, f.worker);
      s->Bind(10, f.value);
      s->Bind(11, f.source);
      s->Bind(12, f.source_row);
      s->Bind(13, f.source_column);
      s->Bind(14, f.message);
      s->Bind(15, f.count);
      ANNEXA_RETURN_IF_ERROR(s->Run());
    }
  }
  {
    Result<SqliteStatement> s = db.Prepare("INSERT INTO not_stored VALUES (?,?,?,?,?)");
    if (!s.ok()) return s.status();
    for (const auto& [key, n] : findings.overflow()) {
      s->Bind(1, *id);
      s->Bind(2, key.code);
      s->Bind(3, std::string_view(ToString(key.severity)));
      s->Bind(4, static_cast<int64_t>(key.list));
      s->Bind(5, n);
      ANNEXA_RETURN_IF_ERROR(s->Run());
    }
  }
  return Status::Ok();
}

std::string Count(int64_t n) { return std::to_string(n); }

// The SIGKILL test's hook (tests/history/history_kill_test.cc): with
// ANNEXA_TEST_HISTORY_PAUSE_MS set, the transaction spills its pages into
// the file as it goes (a one-page cache) and stays open that long before
// its COMMIT, so that a kill can land in the middle of it. 0 otherwise.
int TestPauseMilliseconds() {
  const char* v = std::getenv("ANNEXA_TEST_HISTORY_PAUSE_MS");
  return v ? std::atoi(v) : 0;
}

}  // namespace

std::string DefaultHistoryPath(const std::string& out_dir) {
  fs::path out = fs::path(out_dir).lexically_normal();
  if (out.has_filename() == false) out = out.parent_path();  // "packs/2026/" -> "packs/2026"
  fs::path parent = out.parent_path();
  if (parent.empty()) parent = ".";
  return (parent / "annexa_history.sqlite").string();
}

RunFindings GroupFindings(const Findings& findings) {
  RunFindings out;
  std::map<std::string, size_t> at;
  for (const Finding& f : findings) {
    std::string key = FindingIdentity(f);
    const auto [it, added] = at.emplace(key, out.findings.size());
    if (!added) {
      ++out.findings[it->second].count;
      continue;
    }
    StoredFinding s;
    s.key = std::move(key);
    s.rule = f.code;
    s.list = f.list;
    s.column = f.column;
    s.child = f.child;
    s.severity_name = ToString(f.severity);
    s.team = f.team;
    s.worker = f.worker;
    s.value = f.value;
    s.source = f.source;
    s.source_row = f.source_row;
    s.source_column = f.source_column;
    s.message = f.message;
    out.findings.push_back(std::move(s));
  }
  std::sort(out.findings.begin(), out.findings.end(),
            [](const StoredFinding& a, const StoredFinding& b) { return a.key < b.key; });
  for (const auto& [key, n] : findings.overflow()) out.not_stored[key.code] += n;
  return out;
}

Result<int64_t> RecordRun(const std::string& path, const RunRecord& run) {
  Result<std::unique_ptr<SqliteFile>> opened = SqliteFile::Open(path, {});
  if (!opened.ok()) return opened.status();
  SqliteFile& db = **opened;
  const int pause = TestPauseMilliseconds();
  if (pause > 0) ANNEXA_RETURN_IF_ERROR(db.Exec("PRAGMA cache_size = 1"));
  // IMMEDIATE: the write lock first, so that two runs at once queue on the
  // busy timeout instead of one failing on a lock upgrade.
  ANNEXA_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  int64_t id = 0;
  Status written = Transaction(db, run, &id);
  if (pause > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause));
  if (written.ok()) written = db.Exec("COMMIT");
  if (!written.ok()) {
    (void)db.Exec("ROLLBACK");
    return written;
  }
  return id;
}

Result<std::vector<HistoryRun>> ListRuns(const std::string& path) {
  Result<std::unique_ptr<SqliteFile>> db = OpenToRead(path);
  if (!db.ok()) return db.status();
  Result<SqliteStatement> s = (*db)->Prepare(std::string("SELECT ") + kRunColumns + " FROM runs r ORDER BY r.id");
  if (!s.ok()) return s.status();
  std::vector<HistoryRun> runs;
  for (;;) {
    Result<bool> row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    runs.push_back(ReadRun(*s));
  }
  return runs;
}

namespace {

Result<RunFindings> LoadFrom(SqliteFile& db, int64_t id) {
  RunFindings out;
  {
    Result<SqliteStatement> s = db.Prepare(std::string("SELECT ") + kRunColumns + " FROM runs r WHERE r.id = ?");
    if (!s.ok()) return s.status();
    s->Bind(1, id);
    Result<bool> row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound(db.path() + ": no run " + std::to_string(id) + " in this history (see annexa history)");
    out.run = ReadRun(*s);
  }
  {
    Result<SqliteStatement> s = db.Prepare(
        "SELECT key, rule, list, \"column\", child, severity, team, worker, value, source, source_row, source_column, "
        "message, count FROM findings WHERE run_id = ? ORDER BY key");
    if (!s.ok()) return s.status();
    s->Bind(1, id);
    for (;;) {
      Result<bool> row = s->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      StoredFinding f;
      f.key = s->Text(0);
      f.rule = s->Text(1);
      f.list = static_cast<int>(s->Int(2));
      f.column = s->Text(3);
      f.child = s->Text(4);
      f.severity_name = s->Text(5);
      f.team = s->Text(6);
      f.worker = s->Text(7);
      f.value = s->Text(8);
      f.source = s->Text(9);
      f.source_row = s->Int(10);
      f.source_column = s->Text(11);
      f.message = s->Text(12);
      f.count = s->Int(13);
      out.findings.push_back(std::move(f));
    }
  }
  {
    Result<SqliteStatement> s = db.Prepare("SELECT rule, sum(count) FROM not_stored WHERE run_id = ? GROUP BY rule");
    if (!s.ok()) return s.status();
    s->Bind(1, id);
    for (;;) {
      Result<bool> row = s->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.not_stored[s->Text(0)] = s->Int(1);
    }
  }
  return out;
}

// The id of the last run of `la_code` (0: none).
Result<int64_t> LastRunOf(SqliteFile& db, const std::string& la_code, int64_t before_id) {
  Result<SqliteStatement> s = db.Prepare("SELECT max(id) FROM runs WHERE la_code = ? AND id < ?");
  if (!s.ok()) return s.status();
  s->Bind(1, la_code);
  s->Bind(2, before_id);
  Result<bool> row = s->Step();
  if (!row.ok()) return row.status();
  return *row ? s->Int(0) : int64_t{0};
}

}  // namespace

Result<RunFindings> LoadRun(const std::string& path, int64_t id) {
  Result<std::unique_ptr<SqliteFile>> db = OpenToRead(path);
  if (!db.ok()) return db.status();
  return LoadFrom(**db, id);
}

RunChanges CompareRuns(const RunFindings& older, const RunFindings& newer) {
  RunChanges c;
  c.older = older.run;
  c.newer = newer.run;
  // Both are sorted by key: one merge.
  auto a = older.findings.begin(), b = newer.findings.begin();
  while (a != older.findings.end() || b != newer.findings.end()) {
    if (b == newer.findings.end() || (a != older.findings.end() && a->key < b->key)) {
      c.closed.push_back(*a++);
    } else if (a == older.findings.end() || b->key < a->key) {
      c.opened.push_back(*b++);
    } else {
      c.still_open.push_back(*b++);
      ++a;
    }
  }
  for (const auto& [rule, n] : older.not_stored) c.not_stored[rule].first = n;
  for (const auto& [rule, n] : newer.not_stored) c.not_stored[rule].second = n;
  return c;
}

Result<std::optional<RunChanges>> ChangesSinceLastRun(const std::string& path, const std::string& la_code,
                                                      const Findings& current) {
  Result<std::unique_ptr<SqliteFile>> db = OpenToRead(path);
  if (!db.ok()) {
    if (db.status().code() == StatusCode::kNotFound) return std::optional<RunChanges>();
    return db.status();
  }
  Result<int64_t> last = LastRunOf(**db, la_code, INT64_MAX);
  if (!last.ok()) return last.status();
  if (*last == 0) return std::optional<RunChanges>();
  Result<RunFindings> older = LoadFrom(**db, *last);
  if (!older.ok()) return older.status();
  RunFindings now = GroupFindings(current);
  now.run.la_code = la_code;
  return std::optional<RunChanges>(CompareRuns(*older, now));
}

Result<std::map<std::string, std::string>> FirstSeenDates(const std::string& path, const std::string& la_code) {
  std::map<std::string, std::string> out;
  Result<std::unique_ptr<SqliteFile>> db = OpenToRead(path);
  if (!db.ok()) {
    if (db.status().code() == StatusCode::kNotFound) return out;
    return db.status();
  }
  Result<SqliteStatement> s = (*db)->Prepare(
      "SELECT f.key, MIN(r.generated_at) FROM findings f JOIN runs r ON r.id = f.run_id WHERE r.la_code = ?1 "
      "GROUP BY f.key");
  if (!s.ok()) return s.status();
  s->Bind(1, std::string_view(la_code));
  while (true) {
    Result<bool> row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out[s->Text(0)] = s->Text(1).substr(0, 10);
  }
  return out;
}

Result<std::pair<int64_t, int64_t>> LastTwoRuns(const std::string& path) {
  Result<std::unique_ptr<SqliteFile>> db = OpenToRead(path);
  if (!db.ok()) return db.status();
  Result<SqliteStatement> s = (*db)->Prepare("SELECT id, la_code FROM runs ORDER BY id DESC LIMIT 1");
  if (!s.ok()) return s.status();
  Result<bool> row = s->Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound(path + ": no run recorded in this history yet");
  const int64_t newer = s->Int(0);
  const std::string la = s->Text(1);
  Result<int64_t> older = LastRunOf(**db, la, newer);
  if (!older.ok()) return older.status();
  if (*older == 0)
    return NotFound(path + ": only one run of LA " + la + " is recorded (run " + std::to_string(newer) +
                    "); diff needs two");
  return std::make_pair(*older, newer);
}

std::string ChangesCsv(const RunChanges& changes) {
  std::string out = "status,rule,list,column,child,team,worker,severity,message\r\n";
  auto rows = [&](const char* status, std::vector<StoredFinding> fs) {
    std::stable_sort(fs.begin(), fs.end(), [](const StoredFinding& x, const StoredFinding& y) {
      return std::tie(x.child, x.rule, x.list, x.column) < std::tie(y.child, y.rule, y.list, y.column);
    });
    for (const StoredFinding& f : fs) {
      AppendCsvField(&out, status);
      AppendCsvField(&out, f.rule);
      AppendCsvField(&out, f.list ? std::to_string(f.list) : "");
      AppendCsvField(&out, f.column);
      AppendCsvField(&out, f.child);
      AppendCsvField(&out, f.team);
      AppendCsvField(&out, f.worker);
      AppendCsvField(&out, f.severity_name);
      AppendCsvField(&out, f.message, true);
    }
  };
  rows("closed", changes.closed);
  rows("opened", changes.opened);
  rows("still open", changes.still_open);
  return out;
}

std::string ChangesSummary(const RunChanges& c) {
  auto describe = [](const HistoryRun& r) {
    if (r.id == 0) return std::string("this run");
    return "run " + std::to_string(r.id) + " (" + r.generated_at + ", " + r.council + ", reference date " +
           r.reference_date + ")";
  };
  std::string out = "From " + describe(c.older) + "\n  to " + describe(c.newer) + "\n\n";
  out += "Findings by identity (rule, list, column, child): " + Count(static_cast<int64_t>(c.closed.size())) +
         " closed, " + Count(static_cast<int64_t>(c.opened.size())) + " opened, " +
         Count(static_cast<int64_t>(c.still_open.size())) + " still open\n";
  std::map<std::string, std::array<int64_t, 3>> by_rule, by_child;
  for (const StoredFinding& f : c.closed) ++by_rule[f.rule][0], ++by_child[f.child][0];
  for (const StoredFinding& f : c.opened) ++by_rule[f.rule][1], ++by_child[f.child][1];
  for (const StoredFinding& f : c.still_open) ++by_rule[f.rule][2], ++by_child[f.child][2];
  if (!by_rule.empty()) {
    out += "\nBy rule                      closed   opened   still open\n";
    for (const auto& [rule, n] : by_rule) {
      char line[160];
      std::snprintf(line, sizeof line, "  %-26s %6lld   %6lld   %10lld\n", rule.c_str(), static_cast<long long>(n[0]),
                    static_cast<long long>(n[1]), static_cast<long long>(n[2]));
      out += line;
    }
  }
  // Per child, as counts: the terminal never shows a child's id
  // (docs/protection.md); which children is in the CSV.
  int64_t changed = 0, with_closed = 0, with_opened = 0, all_closed = 0;
  for (const auto& [child, n] : by_child) {
    if (child.empty() || (!n[0] && !n[1])) continue;
    ++changed;
    with_closed += n[0] > 0;
    with_opened += n[1] > 0;
    all_closed += n[0] > 0 && !n[1] && !n[2];
  }
  if (changed) {
    out += "\nChildren whose findings changed: " + Count(changed) + "\n";
    out += "  with a finding closed:            " + Count(with_closed) + "\n";
    out += "  with a finding opened:            " + Count(with_opened) + "\n";
    out += "  with every finding closed:        " + Count(all_closed) + "\n";
    out += "  (which children, and each finding: --csv FILE)\n";
  }
  for (const auto& [rule, n] : c.not_stored) {
    char line[200];
    std::snprintf(line, sizeof line, "  %-26s beyond the cap (counted, not compared): %lld -> %lld\n", rule.c_str(),
                  static_cast<long long>(n.first), static_cast<long long>(n.second));
    out += line;
  }
  return out;
}

}  // namespace annexa::history
