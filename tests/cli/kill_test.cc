// The output folder is only ever one complete pack: `annexa generate` is
// SIGKILLed at points spread across a whole run, again and again, and after
// every kill the folder holds exactly the files of one run, all readable,
// all from the same run (the one before, or the one killed if it had
// committed).
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "core/file_util.h"
#include "history/run_summary.h"
#include "sources/xlsx_reader.h"
#include "support/annexa_process.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace annexa;
using annexa::testing::AnnexaProcess;

namespace {

const std::string kStem = "annex_a_999_2026-11-23";

// Exampleshire's data with the last contacts removed: a second dataset, so
// the CSV outputs of consecutive runs differ and a mix would show.
std::string SmallerDataset() {
  const std::string from = testing::SourceDir() + "/examples/exampleshire/data";
  const std::string to = testing::MakeTempDir() + "/data";
  fs::copy(from, to);
  std::string contacts = testing::ReadBytes(to + "/contacts.csv");
  for (int i = 0; i < 40; ++i) contacts.erase(contacts.rfind('\n', contacts.size() - 2) + 1);
  std::ofstream(to + "/contacts.csv", std::ios::binary | std::ios::trunc) << contacts;
  return to;
}

std::vector<std::string> Args(const std::string& out, const std::string& generated_at, const std::string& data) {
  std::vector<std::string> args = {"generate", "--quiet", "--config",
                                   testing::SourceDir() + "/config/exampleshire.yaml", "--out", out,
                                   "--generated-at", generated_at};
  if (!data.empty()) args.insert(args.end(), {"--data-dir", data});
  return args;
}

// What a complete pack of one dataset holds besides its timestamps.
struct Expected {
  std::set<std::string> files;
  std::map<std::string, std::string> csv;  // name -> bytes, for every *.csv
};

Expected Capture(const std::string& dir) {
  Expected e;
  e.files = testing::DirEntries(dir);
  for (const std::string& f : e.files)
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".csv") == 0) e.csv[f] = testing::ReadBytes(dir + "/" + f);
  return e;
}

// "2026-11-23T10:05:00" -> "D:20261123100500", as in the PDF's CreationDate.
std::string PdfDate(std::string at) {
  std::string digits;
  for (char c : at)
    if (c >= '0' && c <= '9') digits += c;
  return "D:" + digits;
}

// DIR holds exactly one complete pack; returns its run's generated_at.
std::string CheckOnePack(const std::string& dir, const std::map<std::string, const Expected*>& runs) {
  auto summary = history::LoadRunSummary(dir + "/" + kStem + "_run.json");
  REQUIRE(summary.ok());
  const std::string at = summary->generated_at;
  INFO("the pack in the folder is from the run generated at " << at);
  REQUIRE(runs.count(at) == 1);
  const Expected& want = *runs.at(at);
  CHECK(testing::DirEntries(dir) == want.files);
  for (const auto& [name, bytes] : want.csv) {
    INFO(name);
    CHECK(testing::ReadBytes(dir + "/" + name) == bytes);
  }
  // The Cover is the QA workbook's (issue 19: the upload workbook holds the lists only).
  auto wb = sources::Workbook::Open(dir + "/" + kStem + "_qa.xlsx");
  REQUIRE(wb.ok());
  auto cover = wb->SheetByName("Cover");
  REQUIRE(cover.ok());
  bool stamped = false;
  for (int r = 1; r <= (*cover)->max_row(); ++r) stamped = stamped || (*cover)->At(r, 2).ToText() == at;
  CHECK(stamped);
  CHECK(wb->SheetByName("List_11").ok());
  const std::string pdf = testing::ReadBytes(dir + "/" + kStem + "_pack.pdf");
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("%%EOF", pdf.size() > 16 ? pdf.size() - 16 : 0) != std::string::npos);
  CHECK(pdf.find(PdfDate(at)) != std::string::npos);
  return at;
}

}  // namespace

TEST_CASE("generate: SIGKILL at any point leaves the previous pack or the new one, never a mix", "[atomic][kill]") {
  const std::string full = "";  // the config's own data folder
  const std::string small = SmallerDataset();
  const std::string root = testing::MakeTempDir();
  const std::string out = root + "/pack";

  // Reference packs of both datasets (run to the end), and the time a run takes.
  std::map<std::string, Expected> expected;
  std::map<std::string, const Expected*> runs;  // generated_at -> what its pack holds
  const auto started = std::chrono::steady_clock::now();
  {
    const std::string ref = testing::MakeTempDir() + "/ref";
    auto r = testing::RunAnnexa(Args(ref, "2026-11-23T08:00:00", small));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);  // Exampleshire carries deliberate data errors
    expected["small"] = Capture(ref);
  }
  // The first (cold) run is the slowest; every run that ends before its kill
  // below lowers the estimate, so a loaded machine cannot push every kill
  // past the end of the run.
  double run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  {
    auto r = testing::RunAnnexa(Args(out, "2026-11-23T09:00:00", full));
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    expected["full"] = Capture(out);
  }
  runs["2026-11-23T08:00:00"] = &expected["small"];
  runs["2026-11-23T09:00:00"] = &expected["full"];
  REQUIRE(expected["full"].files.size() >= 5);
  REQUIRE(expected["full"].files.size() == expected["small"].files.size());
  REQUIRE(expected["full"].csv != expected["small"].csv);
  std::string current = CheckOnePack(out, runs);
  bool current_full = true;

  constexpr int kKills = 30;
  int killed = 0, finished = 0, kept_old = 0, got_new = 0, litter_seen = 0;
  for (int i = 0; i < kKills; ++i) {
    // Each run uses the other dataset from the pack in the folder.
    char at[32];
    std::snprintf(at, sizeof at, "2026-11-23T10:%02d:00", i);
    runs[at] = current_full ? &expected["small"] : &expected["full"];
    const double delay = run_seconds * 1.15 * (i + 0.5) / kKills;  // spread over the whole run and a bit past
    {
      const auto began = std::chrono::steady_clock::now();
      AnnexaProcess p(Args(out, at, current_full ? small : full));
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      p.Kill();
      const testing::ProcessResult r = p.Wait();
      INFO(r.err);
      if (r.signal == SIGKILL) ++killed;
      else {
        CHECK(r.exit_code == 1);
        ++finished;
        // It ran to the end within `delay`: runs are faster than estimated.
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
        if (current_full) run_seconds = std::min(run_seconds, took);  // it ran the small dataset
      }
    }
    INFO("kill " << i << " after " << delay << " s");
    const std::set<std::string> beside = testing::DirEntries(root);
    litter_seen += beside.size() > 2;
    // A killed run may also leave its (empty, unlocked) run lock file
    // (issue 17: runs into one --out take turns); the next run removes it.
    // And the run history (issue 19), with the journal of a transaction a
    // kill cut short (rolled back by the next run that opens it).
    for (const std::string& name : beside)
      CHECK((name == "pack" || name == ".pack.annexa-lock" || name.rfind(".pack.annexa-staging-", 0) == 0 ||
             name == "annexa_history.sqlite" || name == "annexa_history.sqlite-journal"));
    const std::string now = CheckOnePack(out, runs);
    CHECK((now == current || now == at));
    if (now == at) {
      ++got_new;
      current_full = !current_full;
    } else {
      ++kept_old;
    }
    current = now;
  }
  // A run to the end clears what killed runs left beside the folder.
  runs["2026-11-23T11:00:00"] = &expected["small"];
  auto last = testing::RunAnnexa(Args(out, "2026-11-23T11:00:00", small));
  CHECK(last.exit_code == 1);
  CHECK(CheckOnePack(out, runs) == "2026-11-23T11:00:00");
  CHECK(testing::DirEntries(root) == std::set<std::string>{"annexa_history.sqlite", "pack"});
  WARN("SIGKILL test: " << kKills << " runs, " << killed << " killed, " << finished << " finished first; "
                        << kept_old << " left the previous pack, " << got_new << " the new one; staging litter after "
                        << litter_seen << " kills (cleared by the next run)");
  // Most runs were cut short; which side of the swap a kill lands on is
  // timing, so only the early kills (before any writing) are certain.
  CHECK(killed >= kKills / 2);
  CHECK(kept_old > 0);
}
