// What `annexa batch` keeps of each council's run and writes when all are
// done: batch_summary.csv and batch_summary.json (docs/batch.md). A
// council's run reports back from its process as a small JSON text
// (CouncilReport), never by log lines or the files of its pack.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "pack/run_pack.h"

namespace annexa::batch {

inline constexpr int kListCount = 11;  // Ofsted's lists 1..11: one column each in the summary

// What a council's process sends back.
struct CouncilReport {
  int exit_code = 0;
  std::string reason;  // why it failed ("" when it did not): no personal data
  std::string council, la_code;
  std::vector<int64_t> rows;  // per list 1..11; -1 for a list the spec lacks
  int64_t errors = 0, warnings = 0;
  std::optional<double> filled_percent;  // over every cell of every list
};

// The report of a run (`result` when it succeeded, else the failure).
CouncilReport ReportOf(int exit_code, const Result<pack::PackResult>& result);
std::string CouncilReportJson(const CouncilReport& report);
// kParseError when `json` is not a report.
Result<CouncilReport> ParseCouncilReport(const std::string& json);

struct Council {
  std::string config;   // as given (or folder/name.yaml)
  std::string stem;     // the config file's stem: names the pack folder and the log
  std::string out_dir;  // OUT/<stem>
  std::string log;      // OUT/<stem>.log
  std::optional<double> seconds;  // empty without a clock
  int exit_code = -1;             // -1 when it was killed or never started
  int signal = 0;
  std::string status;  // ok, findings, failed
  std::string reason;  // why it failed, or ""
  std::optional<CouncilReport> report;  // when the run got as far as a pack
};

std::string SummaryCsv(const std::vector<Council>& councils);
std::string SummaryJson(const std::vector<Council>& councils, int jobs, const std::string& generated_at);

}  // namespace annexa::batch
