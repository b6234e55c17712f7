// The run history (issue 19): runs recorded in SQLite, compared by finding
// identity. Every expected number below is counted by hand from the
// findings or data files the test makes.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "core/file_util.h"
#include "history/run_history.h"
#include "sources/sqlite_db.h"
#include "test_support.h"

using namespace annexa;
namespace fs = std::filesystem;

namespace {

Finding At(const std::string& code, int list, const std::string& column, const std::string& child,
           const std::string& source, int64_t source_row, Severity severity = Severity::kError) {
  Finding f;
  f.code = code;
  f.severity = severity;
  f.list = list;
  f.column = column;
  f.child = child;
  f.source = source;
  f.source_row = source_row;
  f.message = code + " in " + column;
  return f;
}

history::RunRecord Record(const Findings* findings, const std::string& at) {
  history::RunRecord r;
  r.council = "Tinyshire";
  r.la_code = "001";
  r.spec = "ilacs-2023";
  r.reference_date = "2026-11-23";
  r.generated_at = at;
  r.out_dir = "/packs/x";
  r.tool = "annexa test";
  r.lists = {{1, "List 1: Contacts", 3, 4, 1, 2, 0, 90.0}};
  r.findings = findings;
  return r;
}

// One number from the history file.
int64_t Query(const std::string& path, const std::string& sql) {
  auto db = sources::SqliteFile::Open(path, {false, 1000});
  REQUIRE(db.ok());
  auto s = (*db)->Prepare(sql);
  REQUIRE(s.ok());
  auto row = s->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return s->Int(0);
}

std::vector<std::string> Keys(const std::vector<history::StoredFinding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.rule + " " + std::to_string(f.list) + " " + f.column + " " + f.child);
  return out;
}

struct Cli {
  std::ostringstream out, err;
  int rc = -1;
};

std::unique_ptr<Cli> Run(std::vector<std::string> args) {
  auto c = std::make_unique<Cli>();
  cli::AppContext ctx{c->out, c->err, Resources::BesideSpecs(testing::SourceDir() + "/annex_a_specs")};
  c->rc = cli::RunApp(args, ctx);
  return c;
}

// The tiny council's data copied to a folder of its own.
std::string TinyData() {
  const std::string data = testing::MakeTempDir() + "/data";
  fs::copy(testing::SourceDir() + "/tests/golden/tiny/data", data, fs::copy_options::recursive);
  return data;
}

void Replace(const std::string& file, const std::string& from, const std::string& to) {
  std::string text = *ReadFile(file);
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  REQUIRE(WriteFileAtomically(file, text, 0600).ok());
}

std::unique_ptr<Cli> Generate(const std::string& data, const std::string& out, const std::string& history,
                              const std::string& at) {
  return Run({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--data-dir", data,
              "--out", out, "--generated-at", at, "--history", history, "--quiet"});
}

}  // namespace

TEST_CASE("history: runs recorded by identity; moved rows are neither closed nor opened", "[history]") {
  const std::string path = testing::MakeTempDir() + "/h.sqlite";
  // Run 1: C1's blank ethnicity in two list rows (one identity, count 2),
  // C2's gender, and a spelling finding about no child.
  Findings one{At("missing-required", 1, "ethnicity", "C1", "/a/people.csv", 2),
               At("missing-required", 1, "ethnicity", "C1", "/a/people.csv", 2),
               At("missing-required", 1, "gender", "C2", "/a/people.csv", 3)};
  Finding spelling = At("code-spelling", 1, "gender", "", "/a/people.csv", 4, Severity::kWarning);
  spelling.value = "Male ";
  one.push_back(spelling);
  // Run 2: another folder, every row one further down; C2's gender fixed,
  // C3's date of birth new.
  Findings two{At("missing-required", 1, "ethnicity", "C1", "/b/people.csv", 3),
               At("missing-required", 1, "ethnicity", "C1", "/b/people.csv", 3),
               At("invalid-date", 7, "date_of_birth", "C3", "/b/people.csv", 5)};
  spelling.source = "/b/people.csv";
  spelling.source_row = 5;
  two.push_back(spelling);

  Result<int64_t> a = history::RecordRun(path, Record(&one, "2026-11-23T09:00:00"));
  REQUIRE(a.ok());
  Result<int64_t> b = history::RecordRun(path, Record(&two, "2026-11-23T10:00:00"));
  REQUIRE(b.ok());
  CHECK(*a == 1);
  CHECK(*b == 2);

  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(Query(path, "PRAGMA user_version") == history::kHistorySchemaVersion);
  // Run 1: 4 findings stored as 3 identities, C1's with count 2.
  CHECK(Query(path, "SELECT count(*) FROM findings WHERE run_id = 1") == 3);
  CHECK(Query(path, "SELECT sum(count) FROM findings WHERE run_id = 1") == 4);
  CHECK(Query(path, "SELECT findings_stored FROM runs WHERE id = 1") == 4);
  CHECK(Query(path, "SELECT count FROM findings WHERE run_id = 1 AND child = 'C1'") == 2);
  CHECK(Query(path, "SELECT errors FROM runs WHERE id = 1") == 3);
  CHECK(Query(path, "SELECT warnings FROM runs WHERE id = 1") == 1);

  Result<std::vector<history::HistoryRun>> runs = history::ListRuns(path);
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  CHECK((*runs)[0].identities == 3);
  CHECK((*runs)[1].generated_at == "2026-11-23T10:00:00");
  CHECK((*runs)[1].rows == 3);

  Result<std::pair<int64_t, int64_t>> last = history::LastTwoRuns(path);
  REQUIRE(last.ok());
  CHECK(*last == std::make_pair(int64_t{1}, int64_t{2}));
  Result<history::RunFindings> ra = history::LoadRun(path, 1), rb = history::LoadRun(path, 2);
  REQUIRE(ra.ok());
  REQUIRE(rb.ok());
  const history::RunChanges c = history::CompareRuns(*ra, *rb);
  CHECK(Keys(c.closed) == std::vector<std::string>{"missing-required 1 gender C2"});
  CHECK(Keys(c.opened) == std::vector<std::string>{"invalid-date 7 date_of_birth C3"});
  CHECK(Keys(c.still_open) == std::vector<std::string>{"code-spelling 1 gender ", "missing-required 1 ethnicity C1"});
  // Still open: the newer run's row.
  CHECK(c.still_open[1].source_row == 3);

  // The pack's view before it records itself: run 2's findings against run 2.
  Result<std::optional<history::RunChanges>> since = history::ChangesSinceLastRun(path, "001", two);
  REQUIRE(since.ok());
  REQUIRE(since->has_value());
  CHECK((*since)->closed.empty());
  CHECK((*since)->opened.empty());
  CHECK((*since)->still_open.size() == 3);
  Result<std::optional<history::RunChanges>> other = history::ChangesSinceLastRun(path, "002", two);
  REQUIRE(other.ok());
  CHECK(!other->has_value());
  Result<std::optional<history::RunChanges>> none = history::ChangesSinceLastRun(path + ".missing", "001", two);
  REQUIRE(none.ok());
  CHECK(!none->has_value());
  CHECK(history::LoadRun(path, 3).status().code() == StatusCode::kNotFound);
}

TEST_CASE("history: the default file is in --out's parent folder", "[history]") {
  CHECK(history::DefaultHistoryPath("/packs/2026-11") == "/packs/annexa_history.sqlite");
  CHECK(history::DefaultHistoryPath("/packs/2026-11/") == "/packs/annexa_history.sqlite");
  CHECK(history::DefaultHistoryPath("out") == "./annexa_history.sqlite");
}

TEST_CASE("history: a file that is not a history, or from a newer annexa, is refused with its name", "[history]") {
  const std::string dir = testing::MakeTempDir();
  const std::string junk = testing::WriteTextFile(dir, "junk.sqlite", "this is not a database, just text\n");
  Findings none;
  Result<int64_t> r = history::RecordRun(junk, Record(&none, "2026-11-23T09:00:00"));
  REQUIRE(!r.ok());
  CHECK(r.status().message().find(junk) != std::string::npos);
  const std::string newer = dir + "/newer.sqlite";
  REQUIRE(history::RecordRun(newer, Record(&none, "2026-11-23T09:00:00")).ok());
  {
    auto db = sources::SqliteFile::Open(newer, {});
    REQUIRE(db.ok());
    REQUIRE((*db)->Exec("PRAGMA user_version = 99").ok());
  }
  r = history::RecordRun(newer, Record(&none, "2026-11-23T09:00:00"));
  REQUIRE(!r.ok());
  CHECK(r.status().message().find("newer annexa") != std::string::npos);
  auto c = Run({"history", "--history", dir + "/absent.sqlite"});
  CHECK(c->rc == 2);  // kNotFound: a usage problem, with the path
  CHECK(c->err.str().find("absent.sqlite: no run history here") != std::string::npos);
}

TEST_CASE("diff: one contact row inserted (rows shift), nothing else changed: 0 opened, 0 closed", "[history][diff]") {
  const std::string data = TinyData(), packs = testing::MakeTempDir();
  const std::string history = packs + "/annexa_history.sqlite";
  CHECK(Generate(data, packs + "/before", history, "2026-11-23T09:00:00")->rc == 1);
  // A new first contact of C1 inside the 6-month window: every contact row
  // below it moves one line down (C3's unknown source "ZZZ" from line 4 to 5).
  Replace(data + "/contacts.csv", "CID,ID,WHEN,SRC\n", "CID,ID,WHEN,SRC\n0,C1,2026-07-01,SCH\n");
  CHECK(Generate(data, packs + "/after", history, "2026-11-23T10:00:00")->rc == 1);

  Result<history::RunFindings> a = history::LoadRun(history, 1), b = history::LoadRun(history, 2);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const history::RunChanges c = history::CompareRuns(*a, *b);
  CHECK(c.closed.empty());
  CHECK(c.opened.empty());
  CHECK(c.still_open.size() == a->findings.size());
  bool zzz = false;
  for (const history::StoredFinding& f : c.still_open)
    if (f.rule == "not-a-code") {
      zzz = true;
      CHECK(f.child == "C3");
      CHECK(f.source_row == 5);  // the moved row, still the same finding
    }
  CHECK(zzz);
  // The default diff (the last two runs) says so, and so does the old form
  // over the two packs' run.json.
  auto d = Run({"diff", "--history", history});
  CHECK(d->rc == 0);
  CHECK(d->out.str().find(": 0 closed, 0 opened, " + std::to_string(c.still_open.size()) + " still open\n") !=
        std::string::npos);
  auto folders = Run({"diff", packs + "/before", packs + "/after"});
  CHECK(folders->rc == 0);
  CHECK(folders->out.str().find("Findings: 0 closed, 0 opened\n") != std::string::npos);
}

TEST_CASE("diff: five blanks fixed in a second data folder are exactly five findings closed", "[history][diff]") {
  const std::string fixed = TinyData(), blanks = TinyData(), packs = testing::MakeTempDir();
  const std::string history = packs + "/annexa_history.sqlite";
  // Four source cells blanked, making five list cells blank (counted by
  // hand from the tiny council: List 1 holds contacts 1-3 of C1, C2, C3
  // (contact 4 is before the window); List 7 holds C1 and C3):
  //   contacts 1 and 2's source -> List 1 contact_source of C1, C2 (blank: never)
  //   C2's ethnicity             -> List 1 ethnicity of C2 (blank_basis: implementation)
  //   C3's ethnicity             -> List 1 and List 7 ethnicity of C3
  Replace(blanks + "/contacts.csv", "1,C1,2026-06-01,SCH", "1,C1,2026-06-01,");
  Replace(blanks + "/contacts.csv", "2,C2,2026-11-20,POL", "2,C2,2026-11-20,");
  Replace(blanks + "/people.csv", "C2,M,White British,", "C2,M,,");
  Replace(blanks + "/people.csv", "C3,F,APKN,", "C3,F,,");
  CHECK(Generate(blanks, packs + "/with_blanks", history, "2026-11-23T09:00:00")->rc == 1);
  CHECK(Generate(fixed, packs + "/fixed", history, "2026-11-23T10:00:00")->rc == 1);

  auto d = Run({"diff", "--history", history, "1", "2", "--csv", packs + "/changes.csv"});
  INFO(d->out.str() << d->err.str());
  REQUIRE(d->rc == 0);
  CHECK(d->out.str().find(": 5 closed, 0 opened, ") != std::string::npos);
  // By rule (the columns are 26, 6 and 6 wide): contact source is one
  // Ofsted requires (missing-required, an error); ethnicity one where
  // Ofsted is silent (blank_basis: implementation, missing-expected).
  CHECK(d->out.str().find("  missing-expected" + std::string(10, ' ') + "      3        0") != std::string::npos);
  CHECK(d->out.str().find("  missing-required" + std::string(10, ' ') + "      2        0") != std::string::npos);
  // C1, C2 and C3 each had a blank fixed; counts only (no id on the terminal).
  CHECK(d->out.str().find("Children whose findings changed: 3\n  with a finding closed:            3\n"
                          "  with a finding opened:            0\n") != std::string::npos);
  for (const char* id : {"C1", "C2", "C3"}) CHECK(d->out.str().find(id) == std::string::npos);
  const std::string csv = *ReadFile(packs + "/changes.csv");
  std::vector<std::string> closed;
  std::istringstream lines(csv);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("closed,", 0) == 0) {
      size_t end = 0;  // the first 8 fields: status to severity
      for (int i = 0; i < 8; ++i) end = line.find(',', end) + 1;
      closed.push_back(line.substr(0, end - 1));
    }
  CHECK(csv.rfind("status,rule,list,column,child,team,worker,severity,message\r\n", 0) == 0);
  CHECK(closed == std::vector<std::string>{
                      "closed,missing-required,1,contact_source,C1,,,error",
                      "closed,missing-expected,1,ethnicity,C2,,,warning",
                      "closed,missing-required,1,contact_source,C2,,,error",
                      "closed,missing-expected,1,ethnicity,C3,,,warning",
                      "closed,missing-expected,7,ethnicity,C3,Team B,Sam Smith,warning",
                  });
  CHECK(csv.find("\nopened,") == std::string::npos);

  // `annexa history` lists both runs.
  auto h = Run({"history", "--history", history});
  CHECK(h->rc == 0);
  CHECK(h->out.str().find("2 runs in " + history) != std::string::npos);
  CHECK(h->out.str().find("     1  2026-11-23T09:00:00 Tinyshire") != std::string::npos);
  // --no-history records nothing; --history with it is refused.
  auto n = Run({"generate", "--config", testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--data-dir", fixed,
                "--out", packs + "/third", "--no-history", "--quiet"});
  CHECK(n->rc == 1);
  CHECK(history::ListRuns(history)->size() == 2);
  auto both = Run({"generate", "--config", "x.yaml", "--out", packs + "/x", "--history", history, "--no-history"});
  CHECK(both->rc == 2);
}

TEST_CASE("history: under --sandbox the file must lie inside the allowed folders", "[history][sandbox]") {
  const std::string data = TinyData(), packs = testing::MakeTempDir();
  const std::string config = testing::SourceDir() + "/tests/golden/tiny/config.yaml";
  const std::string keep = testing::MakeTempDir();
  fs::create_directories(packs + "/pack");
  // --out and a folder for the history are allowed, --out's parent is not.
  const std::string allowed = testing::SourceDir() + "/tests/golden/tiny:" + data + ":" + packs + "/pack:" + keep;
  // The default (packs/annexa_history.sqlite) is outside: not recorded,
  // and the summary says so.
  auto d = Run({"generate", "--config", config, "--data-dir", data, "--out", packs + "/pack", "--allow-dir", allowed});
  CHECK(d->rc == 1);
  CHECK(d->out.str().find("Not recorded in a run history: the default, " + packs + "/annexa_history.sqlite") !=
        std::string::npos);
  CHECK(!fs::exists(packs + "/annexa_history.sqlite"));
  // --history inside is used; outside is refused before any work.
  auto in = Run({"generate", "--config", config, "--data-dir", data, "--out", packs + "/pack", "--allow-dir", allowed,
                 "--history", keep + "/h.sqlite"});
  CHECK(in->rc == 1);
  CHECK(in->out.str().find("Recorded as run 1 in " + keep + "/h.sqlite") != std::string::npos);
  const std::string outside = testing::MakeTempDir() + "/h.sqlite";
  auto out = Run({"generate", "--config", config, "--data-dir", data, "--out", packs + "/pack", "--allow-dir", allowed,
                  "--history", outside});
  CHECK(out->rc == 2);
  CHECK(out->err.str().find("--history") != std::string::npos);
  CHECK(!fs::exists(outside));
}
