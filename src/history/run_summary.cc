#include "history/run_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/crypto.h"
#include "core/text.h"
#include "core/yaml_reader.h"
#include "indicators/rag_tally.h"

namespace annexa::history {

RunSummary SummariseRun(const RunFacts& facts, const std::vector<AnnexList>& lists, const Findings& findings,
                        const std::vector<validate::ListCompleteness>& completeness) {
  RunSummary s{facts.tool_version, facts.council,    facts.la_code, facts.spec_id, facts.reference_date.ToIso(),
               facts.generated_at, {}, {}, {}, {}, {}};
  std::map<int, std::pair<int64_t, int64_t>> per_list;
  std::map<int, int64_t> explained;  // counted apart: they do not make a list red
  for (const Finding& f : findings) {
    auto& [e, w] = per_list[f.list];
    if (f.Explained()) explained[f.list] += f.severity != Severity::kInfo;
    else (f.severity == Severity::kError ? e : w) += f.severity != Severity::kInfo;
    ++s.by_code[f.code];
    // The finding's identity (core/finding.h: rule, list, column, child;
    // never a path or row), as a digest: run.json holds no ids or values.
    const Sha256Digest digest = HmacSha256("annexa run.json finding identity", FindingIdentity(f));
    s.finding_keys.push_back(
        f.code + "|" + ToHex(std::string_view(reinterpret_cast<const char*>(digest.data()), 16)));
  }
  // Findings beyond their rule's cap (core/finding.h): in every count, but
  // with no key of their own.
  for (const auto& [key, n] : findings.overflow()) {
    auto& [e, w] = per_list[key.list];
    if (key.severity != Severity::kInfo) (key.severity == Severity::kError ? e : w) += n;
    s.by_code[key.code] += n;
    s.not_stored[key.code] += n;
  }
  std::sort(s.finding_keys.begin(), s.finding_keys.end());
  // Findings sharing an identity (a child's two contacts with one blank) are one key.
  s.finding_keys.erase(std::unique(s.finding_keys.begin(), s.finding_keys.end()), s.finding_keys.end());
  for (size_t i = 0; i < lists.size(); ++i) {
    const AnnexList& l = lists[i];
    RunSummary::List out;
    out.number = l.spec->number;
    out.title = l.spec->title;
    out.rows = static_cast<int64_t>(l.rows.size());
    out.read = l.account.read;
    out.filled_percent = i < completeness.size() ? completeness[i].PercentFilled() : 0;
    out.errors = per_list[l.spec->number].first;
    out.warnings = per_list[l.spec->number].second;
    out.explained = explained[l.spec->number];
    s.lists.push_back(std::move(out));
  }
  return s;
}

namespace {

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string JsonBound(const std::optional<double>& v) { return v ? JsonNumber(*v) : "null"; }

std::string JsonPoint(const indicators::TrendPoint& p) {
  return "{\"label\": " + JsonString(p.label) + ", \"at\": " + JsonString(p.at.ToIso()) +
         ", \"numerator\": " + std::to_string(p.numerator) + ", \"denominator\": " + std::to_string(p.denominator) +
         ", \"value\": " + (p.unavailable.empty() ? JsonNumber(p.value) : "null") +
         (p.unavailable.empty() ? std::string() : ", \"unavailable\": " + JsonString(p.unavailable)) + "}";
}

// "indicators": one object per key indicator, one per line.
std::string IndicatorsJson(const std::vector<indicators::Indicator>& v) {
  std::string out = "  \"indicator_tally\": " + JsonString(indicators::TallySentence(indicators::TallyRag(v))) +
                    ",\n  \"indicators\": [\n";
  for (size_t i = 0; i < v.size(); ++i) {
    const indicators::Indicator& k = v[i];
    const bool configured = k.not_configured.empty();
    const std::optional<indicators::TargetDistance> d = indicators::DistanceToTarget(k);
    out += "    {\"ref\": " + JsonString(k.reference) + ", \"id\": " + JsonString(k.id) + ", \"title\": " +
           JsonString(k.title) + ", \"unit\": " + JsonString(k.unit) + ", \"period\": " + JsonString(k.period) +
           ", \"numerator\": " + (configured ? std::to_string(k.numerator) : "null") +
           ", \"denominator\": " + (configured ? std::to_string(k.denominator) : "null") +
           ", \"value\": " + (configured ? JsonNumber(k.value) : "null") +
           (configured ? std::string() : ", \"not_configured\": " + JsonString(k.not_configured)) +
           ", \"last_year\": " + (k.last_year ? JsonPoint(*k.last_year) : "null") + ", \"points\": [";
    for (size_t p = 0; p < k.points.size(); ++p) out += (p ? ", " : "") + JsonPoint(k.points[p]);
    out += "], \"minimum\": " + JsonBound(k.target.minimum) + ", \"upper\": " + JsonBound(k.target.upper) +
           ", \"higher_is_better\": " + (k.target.higher_is_better ? "true" : "false") +
           ", \"rag\": " + JsonString(k.rag) + ", \"distance_to_target\": " + (d ? JsonNumber(d->distance) : "null") +
           "}" + (i + 1 < v.size() ? ",\n" : "\n");
  }
  return out + "  ],\n";
}

}  // namespace

std::string RunSummaryJson(const RunSummary& s) {
  std::string out = "{\n";
  out += "  \"tool\": " + JsonString(s.tool) + ",\n  \"council\": " + JsonString(s.council) + ",\n  \"la_code\": " + JsonString(s.la_code) +
         ",\n  \"spec\": " + JsonString(s.spec) + ",\n  \"reference_date\": " + JsonString(s.reference_date) +
         ",\n  \"generated_at\": " + JsonString(s.generated_at) + ",\n  \"lists\": [\n";
  for (size_t i = 0; i < s.lists.size(); ++i) {
    const auto& l = s.lists[i];
    char filled[32];
    std::snprintf(filled, sizeof filled, "%.1f", l.filled_percent);
    out += "    {\"list\": " + std::to_string(l.number) + ", \"title\": " + JsonString(l.title) + ", \"rows\": " +
           std::to_string(l.rows) + ", \"read\": " + std::to_string(l.read) + ", \"filled_percent\": " + filled +
           ", \"errors\": " + std::to_string(l.errors) + ", \"warnings\": " + std::to_string(l.warnings) +
           // only when the council explained some, so other runs' files are as they were
           (l.explained ? ", \"explained\": " + std::to_string(l.explained) : std::string()) + "}" +
           (i + 1 < s.lists.size() ? ",\n" : "\n");
  }
  out += "  ],\n  \"findings_by_code\": {";
  bool first = true;
  for (const auto& [code, n] : s.by_code) {
    out += std::string(first ? "" : ", ") + JsonString(code) + ": " + std::to_string(n);
    first = false;
  }
  out += "},\n";
  if (!s.not_stored.empty()) {  // only when a rule's cap was reached, so other runs' files are as they were
    out += "  \"findings_not_stored\": {";
    first = true;
    for (const auto& [code, n] : s.not_stored) {
      out += std::string(first ? "" : ", ") + JsonString(code) + ": " + std::to_string(n);
      first = false;
    }
    out += "},\n";
  }
  if (!s.indicators.empty()) out += IndicatorsJson(s.indicators);  // only a pack's run: others' files are as they were
  out += "  \"finding_keys\": [\n";
  for (size_t i = 0; i < s.finding_keys.size(); ++i)
    out += "    " + JsonString(s.finding_keys[i]) + (i + 1 < s.finding_keys.size() ? ",\n" : "\n");
  out += "  ]\n}\n";
  return out;
}

Result<RunSummary> LoadRunSummary(const std::string& path) {
  namespace fs = std::filesystem;
  std::string file = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      const std::string name = e.path().filename().string();
      if (name.size() > 9 && name.compare(name.size() - 9, 9, "_run.json") == 0) found.push_back(e.path().string());
    }
    if (found.size() != 1)
      return NotFound(path + ": expected one *_run.json (a folder written by annexa generate), found " +
                      std::to_string(found.size()));
    file = found[0];
  }
  Result<YamlValue> doc = LoadYamlFile(file);  // JSON is YAML
  if (!doc.ok()) return doc.status();
  RunSummary s;
  auto str = [&](const char* key) {
    const YamlValue* v = doc->Find(key);
    return v && v->IsScalar() ? v->scalar : std::string();
  };
  s.tool = str("tool");
  s.council = str("council");
  s.la_code = str("la_code");
  s.spec = str("spec");
  s.reference_date = str("reference_date");
  s.generated_at = str("generated_at");
  const YamlValue* lists = doc->Find("lists");
  if (!lists || !lists->IsSequence()) return ParseError(file + ": not a run summary (no \"lists\")");
  for (const YamlValue& l : lists->items) {
    RunSummary::List out;
    auto num = [&](const char* key) {
      const YamlValue* v = l.Find(key);
      return v && v->IsScalar() ? std::strtod(v->scalar.c_str(), nullptr) : 0.0;
    };
    out.number = static_cast<int>(num("list"));
    if (const YamlValue* t = l.Find("title")) out.title = t->scalar;
    out.rows = static_cast<int64_t>(num("rows"));
    out.read = static_cast<int64_t>(num("read"));
    out.filled_percent = num("filled_percent");
    out.errors = static_cast<int64_t>(num("errors"));
    out.warnings = static_cast<int64_t>(num("warnings"));
    out.explained = static_cast<int64_t>(num("explained"));  // 0 in files from before explanations
    s.lists.push_back(std::move(out));
  }
  if (const YamlValue* keys = doc->Find("finding_keys"); keys && keys->IsSequence())
    for (const YamlValue& k : keys->items) s.finding_keys.push_back(k.scalar);
  if (const YamlValue* codes = doc->Find("findings_by_code"); codes && codes->IsMap())
    for (const auto& [k, v] : codes->entries) s.by_code[k.scalar] = std::strtoll(v.scalar.c_str(), nullptr, 10);
  if (const YamlValue* codes = doc->Find("findings_not_stored"); codes && codes->IsMap())
    for (const auto& [k, v] : codes->entries) s.not_stored[k.scalar] = std::strtoll(v.scalar.c_str(), nullptr, 10);
  return s;
}

}  // namespace annexa::history
