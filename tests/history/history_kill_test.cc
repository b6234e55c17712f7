// The run history survives a SIGKILL at any point of a run: `annexa
// generate` is killed 20 times, half of them inside the history's
// transaction (the test hook ANNEXA_TEST_HISTORY_PAUSE_MS holds it open
// with its pages spilled into the file), half at times spread over a run.
// After every kill the file passes SQLite's integrity check and holds only
// whole runs: each run's stored findings add up to its recorded total and
// it has all 11 lists.
#include <signal.h>
#include <stdlib.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "sources/sqlite_db.h"
#include "support/annexa_process.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace annexa;

namespace {

std::string Text(sources::SqliteFile& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  auto row = s->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return s->Text(0);
}

// The history's runs, after checking that each is whole.
int64_t CheckWholeRuns(const std::string& path) {
  auto db = sources::SqliteFile::Open(path, {false, 5000});  // rolls back a hot journal
  REQUIRE(db.ok());
  CHECK(Text(**db, "PRAGMA integrity_check") == "ok");
  // Runs whose stored findings or lists do not add up: none.
  CHECK(Text(**db,
             "SELECT count(*) FROM runs r WHERE r.findings_stored != (SELECT coalesce(sum(count), 0) FROM findings f "
             "WHERE f.run_id = r.id) OR (SELECT count(*) FROM run_lists l WHERE l.run_id = r.id) != 11") == "0");
  // No finding or list of a run that is not there.
  CHECK(Text(**db, "SELECT count(*) FROM findings WHERE run_id NOT IN (SELECT id FROM runs)") == "0");
  CHECK(Text(**db, "SELECT count(*) FROM run_lists WHERE run_id NOT IN (SELECT id FROM runs)") == "0");
  return std::stoll(Text(**db, "SELECT count(*) FROM runs"));
}

}  // namespace

TEST_CASE("history: SIGKILL at any point of a run leaves whole runs only", "[history][kill]") {
  const std::string packs = testing::MakeTempDir();
  const std::string history = packs + "/annexa_history.sqlite";
  const std::string journal = history + "-journal";
  auto args = [&](int i) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-11-23T10:%02d:00", i);
    return std::vector<std::string>{"generate", "--quiet", "--config",
                                    testing::SourceDir() + "/tests/golden/tiny/config.yaml", "--out",
                                    packs + "/pack", "--generated-at", at, "--history", history};
  };
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(testing::RunAnnexa(args(0)).exit_code == 1);  // Tinyshire has errors to look at
  const double run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  int64_t runs = CheckWholeRuns(history);
  REQUIRE(runs == 1);

  constexpr int kTries = 20;
  int in_transaction = 0, killed = 0, finished = 0;
  for (int i = 1; i <= kTries; ++i) {
    INFO("try " << i);
    const bool hook = i % 2 == 0;
    if (hook) ::setenv("ANNEXA_TEST_HISTORY_PAUSE_MS", "2000", 1);
    testing::AnnexaProcess p(args(i));
    ::unsetenv("ANNEXA_TEST_HISTORY_PAUSE_MS");
    if (hook) {
      // Killed once the transaction has begun writing (its journal exists).
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (!fs::exists(journal) && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      in_transaction += fs::exists(journal);
    } else {
      std::this_thread::sleep_for(std::chrono::duration<double>(run_seconds * 1.2 * i / kTries));
    }
    p.Kill();
    const testing::ProcessResult r = p.Wait();
    if (r.signal == SIGKILL) ++killed;
    else ++finished;
    const int64_t now = CheckWholeRuns(history);
    // A finished run is recorded; a killed one is recorded whole or not at all.
    if (r.signal != SIGKILL) CHECK(now == runs + 1);
    if (hook) CHECK(now == runs);  // killed before its COMMIT
    CHECK((now == runs || now == runs + 1));
    runs = now;
  }
  WARN("history SIGKILL test: " << kTries << " runs, " << killed << " killed (" << in_transaction
                                << " inside the history's transaction), " << finished << " finished; " << runs
                                << " runs recorded");
  CHECK(in_transaction == kTries / 2);
}
