// The small JSON summary every run leaves in its output folder
// (annex_a_<la>_<date>_run.json), and what `annexa diff` compares: rows,
// row accounting, completeness and findings per list. Findings are kept as
// keys "rule|digest", the digest (HMAC-SHA-256, 16 bytes in hex) of the
// finding's identity (core/finding.h FindingIdentity: rule, list, column,
// child; never a row or path), one per identity, so the summary holds no
// ids or values and a finding that moves to another row keeps its key.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/run_facts.h"
#include "core/status.h"
#include "indicators/key_indicators.h"
#include "lists/annex_list.h"
#include "validate/completeness.h"

namespace annexa::history {

struct RunSummary {
  std::string tool, council, la_code, spec, reference_date, generated_at;
  struct List {
    int number = 0;
    std::string title;
    int64_t rows = 0, read = 0;
    double filled_percent = 0;
    int64_t errors = 0, warnings = 0;  // not explained: a list's status reads these
    int64_t explained = 0;  // errors and warnings the council explained (gaps/explanations.h)
  };
  std::vector<List> lists;
  std::vector<std::string> finding_keys;  // sorted, one per identity
  std::map<std::string, int64_t> by_code;     // every finding, stored or only counted
  // Findings beyond their rule's cap, counted (in by_code and the lists'
  // errors and warnings) but with no key in finding_keys.
  std::map<std::string, int64_t> not_stored;
  // The key indicators (issue 20), written as "indicators" (each with its
  // headline, last year's outturn, six trend points, targets, RAG and
  // distance to target; a value not there is null with the reason beside
  // it, never 0) and "indicator_tally" (the RAG tally in words); not read
  // back (`annexa diff` compares findings).
  std::vector<indicators::Indicator> indicators;
};

RunSummary SummariseRun(const RunFacts& facts, const std::vector<AnnexList>& lists, const Findings& findings,
                        const std::vector<validate::ListCompleteness>& completeness);

std::string RunSummaryJson(const RunSummary& s);
// Reads a summary back: `path` is the JSON file or the output folder holding
// exactly one *_run.json. kNotFound / kParseError naming the path.
Result<RunSummary> LoadRunSummary(const std::string& path);

}  // namespace annexa::history
