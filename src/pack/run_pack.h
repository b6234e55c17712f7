// The pipeline as one library call: a council's config in, a complete pack
// out (the Annex A workbook, the PDF pack, the findings, completeness and
// audit-coverage CSVs and the run summary), or the audited-case pack.
// `generate`, `rehearse`, `audit` and `batch` only parse their arguments,
// call RunPack and print what it returns; none calls another through the
// command line. (Model: ninja's Tool table, where state is loaded once and
// each tool is a function over it.)
//
// The order of the stages lives here and nowhere else. An observer hears
// each stage start and end, progress lines and the run's findings, so a
// caller times stages (rehearse) or shows progress (generate) without
// reading messages.
//
// Every file is written into a staging folder beside `out_dir` and swapped
// in whole at the end: `out_dir` only ever holds one complete pack
// (docs/reliability.md), whatever fails or is killed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/coverage.h"
#include "core/civil_date.h"
#include "core/finding.h"
#include "core/path_guard.h"
#include "core/resources.h"
#include "core/run_facts.h"
#include "core/status.h"
#include "history/run_summary.h"
#include "indicators/key_indicators.h"
#include "mapping/source_loader.h"
#include "pack/protection.h"
#include "validate/readiness.h"

namespace annexa::pack {

// The stages of a run, in the order they start. Writing the workbook
// overlaps building and checking (each list's sheet is written as soon as
// the list is final); a stage "starts" when the main thread turns to it.
enum class Stage {
  kLoad,           // the config, its spec version, the value aliases, the calendar
  kRead,           // every source the config maps
  kBuild,          // the lists: joins, code maps, windows, derived values
  kCheck,          // the rules over the lists, the audited cases' coverage
  kWriteWorkbook,  // the Annex A workbook (its list sheets may be written already)
  kWritePdf,       // the PDF pack and the CSV files beside it
};
inline constexpr int kStageCount = 6;
// How a stage is named to people: "read the sources".
std::string_view StageName(Stage stage);

// What a caller hears of a run. Called on the thread that called RunPack,
// in stage order; every method may be left as it is. Each stage started is
// finished before the next starts, except the stage a failed run stops in.
class PackObserver {
 public:
  virtual ~PackObserver() = default;
  virtual void StageStarted(Stage) {}
  virtual void StageFinished(Stage) {}
  // A line for people following a long run ("building List 4: ..."); holds
  // no personal data.
  virtual void Progress(const std::string&) {}
  // Every finding of the run once the checks are done, before
  // `min_severity` drops any and before pseudonymisation.
  virtual void FindingsReady(const Findings&) {}
};

enum class PackKind {
  kAnnexA,        // the lists, checked, with the PDF pack (generate, rehearse, batch)
  kAuditedCases,  // the audited-case list and its coverage only (audit)
};

struct PackResult;

struct PackRequest {
  PackKind kind = PackKind::kAnnexA;
  std::string config_path;                  // the council's config (required)
  std::string out_dir;                      // the pack's folder (required)
  std::string data_dir;                     // overrides the config's base_dir; "" = the config's
  std::optional<CivilDate> reference_date;  // overrides the config's
  std::optional<std::string> generated_at;  // "YYYY-MM-DDTHH:MM:SS"; else `clock`
  std::function<std::string()> clock;       // local time now; empty = 2000-01-01T00:00:00
  Resources resources;                      // specs, output templates, bank holidays
  // The working-day calendar, when the caller has loaded it already
  // (rehearse, for its deadlines); else resources.BankHolidays() is read.
  std::optional<WorkingCalendar> calendar;
  std::string template_path;                // "" = the config's `output_template`, else the default
  Severity min_severity = Severity::kWarning;  // less severe findings are dropped everywhere
  std::optional<size_t> max_findings;       // at most this many rows in the findings file
  // At most this many findings of one code are stored; the rest are only
  // counted (core/finding.h), so memory stays bounded however bad the data.
  size_t findings_cap = Findings::kDefaultCap;
  ProtectOptions protect;                   // --pseudonymise, the PDF password
  const PathGuard* sandbox = nullptr;       // --sandbox: every file read or written must lie inside
  mapping::Fetcher fetch;                   // HTTP(S) sources; empty = the real fetcher
  // Further files for the same pack (rehearse's report): called once every
  // pack file is in the staging folder, with that folder and the result so
  // far; what it writes there is committed with the pack, and a failure
  // abandons the whole pack.
  std::function<Status(const std::string& staging_dir, const PackResult& result)> extras;
  // The council's explained gaps (gaps/explanations.h, --explanations):
  // overrides the config's `explanations:`; "" = the config's (none when it
  // names none).
  std::string explanations_path;
  // A line the user must see even with --quiet: "waiting for another annexa
  // run writing to OUT to finish" (core/staged_dir.h). Empty: not told.
  std::function<void(const std::string&)> notice;
  // The run history (history/run_history.h, docs/history.md): a kAnnexA
  // run is recorded there, in one transaction, once its pack is committed
  // (a run whose pack fails is never recorded). Empty: not recorded.
  std::string history_path;
};

// One list as the run summary table shows it.
struct ListOutcome {
  int number = 0;  // 0 for the audited-case list
  std::string title;
  int64_t rows = 0;
  std::optional<double> filled_percent;  // none for the audited-case list
  RowAccount account;
};

struct PackResult {
  RunFacts facts;
  std::vector<ListOutcome> lists;     // the Annex A lists, in order (none for kAuditedCases)
  std::optional<ListOutcome> audit;   // the audited-case list, when the config maps one
  // What the run summary (*_run.json) holds: rows, completeness, errors
  // and warnings per list, finding keys (kAnnexA only).
  history::RunSummary summary;
  int64_t filled_cells = 0, blank_cells = 0;  // over every cell of every list
  // The findings kept (at or above min_severity), by severity and code.
  std::map<std::pair<Severity, std::string>, int64_t> findings_by_code;
  int64_t findings = 0;          // every finding kept, stored or only counted, not explained
  // Root causes (validate/root_causes.h): findings sharing one source cell
  // count once, under their most severe finding's severity and code.
  std::map<std::pair<Severity, std::string>, int64_t> roots_by_code;
  int64_t root_causes = 0;
  // Findings the council's explanations file explains (gaps/explanations.h):
  // in the findings file, but counted here and not above, and never exit 1.
  std::map<std::pair<Severity, std::string>, int64_t> explained_by_code;
  int64_t findings_explained = 0;
  // Findings beyond PackRequest::findings_cap of one code: counted (above
  // and in every count of the pack), not stored, by code. The findings
  // file ends with a line for each.
  std::map<std::string, int64_t> findings_not_stored;
  size_t findings_cap = 0;
  bool errors_remain = false;   // an error not explained was found (before min_severity): exit 1
  size_t findings_omitted = 0;  // left out of the findings file by max_findings
  std::vector<std::string> files;  // every file written, final paths, in the order to show them
  // The run's id in PackRequest::history_path (0: not recorded). When the
  // pack was committed but the history could not be written, history_error
  // says why (the pack stands; the caller tells the user).
  int64_t history_run = 0;
  std::string history_error;
  std::vector<indicators::Indicator> indicators;  // the key indicators of the PDF pack (kAnnexA)
  // Each list's red/amber/green readiness, its reasons and top fixes
  // (validate/readiness.h), explanations applied (kAnnexA).
  std::vector<validate::ListReadiness> readiness;
  // kAuditedCases: the coverage, its window and the audit list's findings.
  std::optional<audit::Coverage> coverage;
  int audit_window_months = 0;
  Findings audit_findings;
};

// kInvalidArgument / kParseError for a config, spec or template problem
// (exit 2); kNotFound / kIoError / kLimitExceeded when a source cannot be
// read or the pack cannot be written (exit 3): `out_dir` is then exactly as
// it was. kInvalidArgument when a kAuditedCases config maps no audit list.
Result<PackResult> RunPack(const PackRequest& request, PackObserver* observer = nullptr);

}  // namespace annexa::pack
