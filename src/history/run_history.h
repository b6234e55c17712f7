// The run history (issue 19): one SQLite file that every `generate` and
// `rehearse` adds its run to, so that any two runs can be compared by
// finding identity (core/finding.h FindingIdentity: rule, list, column,
// child; never a path or a row number). `annexa history` lists the runs,
// `annexa diff` compares two of them.
//
// The file (docs/history.md): by default `annexa_history.sqlite` in the
// parent folder of --out (the --out folder itself is swapped whole each
// run). Schema version 1 (PRAGMA user_version):
//
//   runs(id, council, la_code, spec, reference_date, generated_at, out_dir,
//        tool, pseudonymised, rows, errors, warnings, findings_total,
//        findings_stored)
//   run_lists(run_id, list, title, rows, read, excluded, errors, warnings,
//             filled_percent)
//   findings(run_id, key, rule, list, "column", child, severity, team,
//            worker, value, source, source_row, source_column, message,
//            count)            -- one row per identity; `count` findings share it
//   not_stored(run_id, rule, severity, list, count)   -- beyond the rule's cap
//
// A run is written in one transaction after its pack is committed: a run
// whose pack failed is never recorded, and a run killed at any moment is in
// the file whole or not at all (SQLite's rollback journal). The file holds
// the children's ids as the pack does (pseudonyms under --pseudonymise).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/status.h"

namespace annexa::history {

inline constexpr int kHistorySchemaVersion = 1;

// `<parent of out_dir>/annexa_history.sqlite`: beside the packs, not in the
// --out folder that each run replaces.
std::string DefaultHistoryPath(const std::string& out_dir);

// What is recorded of a run.
struct RunRecord {
  std::string council, la_code, spec, reference_date, generated_at, out_dir, tool;
  bool pseudonymised = false;
  struct List {
    int number = 0;
    std::string title;
    int64_t rows = 0, read = 0, excluded = 0, errors = 0, warnings = 0;
    double filled_percent = 0;
  };
  std::vector<List> lists;
  const Findings* findings = nullptr;  // the run's findings, after --pseudonymise and min-severity
};

// Adds `run` to the history at `path` (created, 0600, when missing) in one
// transaction. Returns the run's id. kIoError naming the file (including a
// file made by a newer annexa, with a higher schema version).
Result<int64_t> RecordRun(const std::string& path, const RunRecord& run);

// One run as `annexa history` lists it.
struct HistoryRun {
  int64_t id = 0;
  std::string council, la_code, spec, reference_date, generated_at, out_dir, tool;
  bool pseudonymised = false;
  int64_t rows = 0, errors = 0, warnings = 0;
  int64_t findings_total = 0;   // every finding, stored or only counted
  int64_t findings_stored = 0;  // the sum of `count` over the run's identities
  int64_t identities = 0;       // distinct identities stored: the open findings
};

// Every run, oldest first. kNotFound when there is no file at `path`.
Result<std::vector<HistoryRun>> ListRuns(const std::string& path);

// A finding as the history holds it: one per identity in a run.
struct StoredFinding {
  std::string key;  // FindingIdentity
  std::string rule;
  int list = 0;
  std::string column, child;
  std::string severity_name;  // "error", "warning" or "info"
  std::string team, worker, value, source;
  int64_t source_row = 0;
  std::string source_column, message;
  int64_t count = 1;  // findings of the run with this identity
};

// One run's findings, by identity (sorted by key), and its counts of
// findings beyond their rule's cap (rule -> count), which have no identity.
struct RunFindings {
  HistoryRun run;
  std::vector<StoredFinding> findings;
  std::map<std::string, int64_t> not_stored;
};

// Findings grouped by identity as RecordRun stores them (the first
// finding's details, with the count), sorted by key.
RunFindings GroupFindings(const Findings& findings);

// The run `id`. kNotFound when there is no such run.
Result<RunFindings> LoadRun(const std::string& path, int64_t id);

// What changed from `older` to `newer`, by identity. A finding that moved
// to another row (or file) keeps its identity: neither closed nor opened.
struct RunChanges {
  HistoryRun older, newer;              // id 0: not from the history (this run)
  std::vector<StoredFinding> closed;      // in older only (older's details)
  std::vector<StoredFinding> opened;      // in newer only (newer's details)
  std::vector<StoredFinding> still_open;  // in both (newer's details)
  // Rules over their cap in either run: counted, not compared.
  std::map<std::string, std::pair<int64_t, int64_t>> not_stored;  // rule -> older, newer
};
RunChanges CompareRuns(const RunFindings& older, const RunFindings& newer);

// For the pack (the QA workbook's "changes since the last run"): compares
// `current` (this run's findings, not yet recorded) with the last run in
// the history of the same LA code. nullopt when there is no history file or
// no earlier run of that council; kIoError when the file cannot be read.
// Records nothing (it only reads; opening rolls back what a killed run left
// half-written, as any open does). Call it with the findings as they are
// recorded: after --pseudonymise and validate::AttachPeople.
Result<std::optional<RunChanges>> ChangesSinceLastRun(const std::string& path, const std::string& la_code,
                                                      const Findings& current);

// When each finding identity of LA `la_code` was first seen: the date
// (YYYY-MM-DD of generated_at) of the earliest recorded run of that
// council holding it, for the gaps' age (gaps/owner_gaps.h). Empty when
// there is no history file at `path`.
Result<std::map<std::string, std::string>> FirstSeenDates(const std::string& path, const std::string& la_code);

// The two runs `annexa diff` compares when none are named: the last two of
// the council of the last run. kNotFound (with why) when there are fewer.
Result<std::pair<int64_t, int64_t>> LastTwoRuns(const std::string& path);

// status,rule,list,column,child,team,worker,severity,message: a row per
// identity closed, opened or still open, in that order, each by child then
// rule (the older run's details for closed, the newer's otherwise). Cells
// are CSV-escaped and formula-safe like the findings CSV.
std::string ChangesCsv(const RunChanges& changes);

// The terminal summary: the two runs, counts closed / opened / still open,
// by rule, and how many children's findings changed (counts only: no id
// reaches the terminal, docs/protection.md; ChangesCsv names them).
std::string ChangesSummary(const RunChanges& changes);

}  // namespace annexa::history
