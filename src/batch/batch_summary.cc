#include "batch/batch_summary.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/text.h"
#include "core/yaml_adapter.h"

namespace annexa::batch {

namespace {

std::string Rows(const Council& c, int list) {
  if (!c.report || list < 1 || static_cast<size_t>(list) > c.report->rows.size()) return "";
  const int64_t n = c.report->rows[static_cast<size_t>(list - 1)];
  return n < 0 ? "" : std::to_string(n);
}

}  // namespace

CouncilReport ReportOf(int exit_code, const Result<pack::PackResult>& result) {
  CouncilReport r;
  r.exit_code = exit_code;
  if (!result.ok()) {
    r.reason = result.status().message();
    return r;
  }
  r.council = result->facts.council;
  r.la_code = result->facts.la_code;
  r.rows.assign(kListCount, -1);
  for (const pack::ListOutcome& l : result->lists)
    if (l.number >= 1 && l.number <= kListCount) r.rows[static_cast<size_t>(l.number - 1)] = l.rows;
  // Errors and warnings of the lists, as the run summary counts them.
  for (const history::RunSummary::List& l : result->summary.lists) {
    r.errors += l.errors;
    r.warnings += l.warnings;
  }
  const int64_t cells = result->filled_cells + result->blank_cells;
  r.filled_percent = cells == 0 ? 100.0 : 100.0 * static_cast<double>(result->filled_cells) / static_cast<double>(cells);
  return r;
}

std::string CouncilReportJson(const CouncilReport& r) {
  std::string rows;
  for (int64_t n : r.rows) rows += (rows.empty() ? "" : ", ") + std::to_string(n);
  char filled[32] = "null";
  if (r.filled_percent) std::snprintf(filled, sizeof filled, "%.17g", *r.filled_percent);
  return "{\"exit_code\": " + std::to_string(r.exit_code) + ", \"reason\": " + JsonString(r.reason) +
         ", \"council\": " + JsonString(r.council) + ", \"la_code\": " + JsonString(r.la_code) + ", \"rows\": [" + rows +
         "], \"errors\": " + std::to_string(r.errors) + ", \"warnings\": " + std::to_string(r.warnings) +
         ", \"filled_percent\": " + filled + "}\n";
}

Result<CouncilReport> ParseCouncilReport(const std::string& json) {
  Result<YamlValue> doc = ParseYaml(json, "council report");  // JSON is YAML
  if (!doc.ok()) return doc.status();
  if (!doc->IsMap() || !doc->Find("exit_code")) return ParseError("not a council report");
  CouncilReport r;
  auto text = [&](const char* key) {
    const YamlValue* v = doc->Find(key);
    return v && v->IsScalar() ? v->scalar : std::string();
  };
  r.exit_code = std::atoi(text("exit_code").c_str());
  r.reason = text("reason");
  r.council = text("council");
  r.la_code = text("la_code");
  if (const YamlValue* rows = doc->Find("rows"); rows && rows->IsSequence())
    for (const YamlValue& n : rows->items) r.rows.push_back(std::strtoll(n.scalar.c_str(), nullptr, 10));
  r.errors = std::strtoll(text("errors").c_str(), nullptr, 10);
  r.warnings = std::strtoll(text("warnings").c_str(), nullptr, 10);
  if (const std::string f = text("filled_percent"); !f.empty() && f != "null") r.filled_percent = std::strtod(f.c_str(), nullptr);
  return r;
}

std::string SummaryCsv(const std::vector<Council>& councils) {
  std::string out = "council_config,council,la_code,status,exit_code,seconds";
  for (int i = 1; i <= kListCount; ++i) out += ",list_" + std::to_string(i);
  out += ",errors,warnings,completeness_percent,reason\r\n";
  for (const Council& c : councils) {
    const bool packed = c.report && c.reason.empty();
    AppendCsvField(&out, c.config);
    AppendCsvField(&out, packed ? c.report->council : "");
    AppendCsvField(&out, packed ? c.report->la_code : "");
    AppendCsvField(&out, c.status);
    AppendCsvField(&out, c.exit_code >= 0 ? std::to_string(c.exit_code) : "");
    AppendCsvField(&out, c.seconds ? Fixed(*c.seconds, 1) : "");
    for (int i = 1; i <= kListCount; ++i) AppendCsvField(&out, packed ? Rows(c, i) : "");
    AppendCsvField(&out, packed ? std::to_string(c.report->errors) : "");
    AppendCsvField(&out, packed ? std::to_string(c.report->warnings) : "");
    AppendCsvField(&out, packed && c.report->filled_percent ? Fixed(*c.report->filled_percent, 1) : "");
    AppendCsvField(&out, c.reason, true);
  }
  return out;
}

std::string SummaryJson(const std::vector<Council>& councils, int jobs, const std::string& generated_at) {
  std::map<std::string, int> counts{{"ok", 0}, {"findings", 0}, {"failed", 0}};
  for (const Council& c : councils) ++counts[c.status];
  std::string out = "{\n  \"tool\": " + JsonString(std::string("annexa ") + ANNEXA_VERSION) +
                    ",\n  \"generated_at\": " + JsonString(generated_at) + ",\n  \"jobs\": " + std::to_string(jobs) +
                    ",\n  \"ok\": " + std::to_string(counts["ok"]) + ", \"findings\": " + std::to_string(counts["findings"]) +
                    ", \"failed\": " + std::to_string(counts["failed"]) + ",\n  \"councils\": [\n";
  for (size_t i = 0; i < councils.size(); ++i) {
    const Council& c = councils[i];
    const bool packed = c.report && c.reason.empty();
    out += "    {\"config\": " + JsonString(c.config) + ", \"pack\": " + JsonString(c.out_dir) +
           ", \"log\": " + JsonString(c.log) + ", \"council\": " + JsonString(packed ? c.report->council : "") +
           ", \"la_code\": " + JsonString(packed ? c.report->la_code : "") + ", \"status\": " + JsonString(c.status) +
           ", \"exit_code\": " + (c.exit_code >= 0 ? std::to_string(c.exit_code) : "null") +
           ", \"signal\": " + (c.signal ? std::to_string(c.signal) : "null") +
           ", \"seconds\": " + (c.seconds ? Fixed(*c.seconds, 1) : "null") + ", \"rows\": [";
    for (int n = 1; n <= kListCount; ++n) {
      const std::string rows = packed ? Rows(c, n) : "";
      out += (n > 1 ? ", " : "") + (rows.empty() ? std::string("null") : rows);
    }
    out += "], \"errors\": " + (packed ? std::to_string(c.report->errors) : "null") +
           ", \"warnings\": " + (packed ? std::to_string(c.report->warnings) : "null") +
           ", \"completeness_percent\": " +
           (packed && c.report->filled_percent ? Fixed(*c.report->filled_percent, 1) : "null") +
           ", \"reason\": " + JsonString(c.reason) + "}" + (i + 1 < councils.size() ? ",\n" : "\n");
  }
  out += "  ]\n}\n";
  return out;
}

}  // namespace annexa::batch
