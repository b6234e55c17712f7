#include "gaps/explanations.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/civil_date.h"
#include "core/file_util.h"
#include "core/finding_kinds.h"
#include "core/text.h"
#include "sources/csv_reader.h"
#include "spec/spec_model.h"

namespace annexa::gaps {

namespace {

constexpr size_t kMaxProblems = 20;
constexpr uint64_t kMaxFileBytes = 64ull << 20;  // a file of explanations, not a data extract

// "Explained On", "explained_on" and " EXPLAINED-ON " are one header.
std::string HeaderKey(std::string_view header) {
  std::string out;
  for (char c : Trim(header)) {
    if (c == ' ' || c == '-' || c == '_') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The list as the findings file writes it: 1-99, "audit", or empty.
std::optional<int> ReadList(std::string_view text) {
  if (text.empty()) return 0;
  if (HeaderKey(text) == "audit") return spec::kAuditedCasesList;
  if (text.size() > 2 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int n = std::stoi(std::string(text));
  if (n < 1) return std::nullopt;
  return n;
}

std::string ListText(int list) {
  return list == spec::kAuditedCasesList ? "audit" : list ? std::to_string(list) : "(none)";
}

}  // namespace

Result<Explanations> ParseExplanations(const std::string& data, const std::string& origin) {
  sources::CsvOptions options;
  options.max_bytes = kMaxFileBytes;
  Result<Table> table = sources::ParseCsv(data, origin, options);
  if (!table.ok()) return ParseError(table.status().message());
  std::vector<std::string> problems;
  auto problem = [&](int64_t row, std::string_view column, const std::string& what) {
    if (problems.size() < kMaxProblems)
      problems.push_back(origin + " row " + std::to_string(row) + ", column " + std::string(column) + ": " + what);
    else if (problems.size() == kMaxProblems)
      problems.push_back("(further problems not shown)");
  };
  // Where each column is: -1 when the header has none.
  std::map<std::string, int> at;
  for (size_t i = 0; i < table->headers.size(); ++i) {
    std::string key = HeaderKey(table->headers[i]);
    if (key == "code") key = "rule";  // rows copied from a findings file
    if (key == "explained_reason" || key == "why") key = "reason";
    at.emplace(key, static_cast<int>(i));
  }
  for (const char* required : {"rule", "list", "column", "child", "explained_by", "explained_on", "reason"})
    if (!at.count(required)) problem(1, required, "the header has no such column (required: rule, list, column, "
                                                  "child, explained_by, explained_on, reason)");
  if (!problems.empty()) return ParseError(Join(problems, "\n"));
  auto cell = [&](size_t row, const char* key) -> std::string {
    auto it = at.find(key);
    return it == at.end() ? std::string() : std::string(Trim(table->cell(row, static_cast<size_t>(it->second))));
  };

  Explanations out;
  out.file = origin;
  for (size_t r = 0; r < table->size(); ++r) {
    const int64_t line = table->source_rows[r];
    Explanation e;
    e.row = line;
    // The finding it explains, its code and severity from the catalogue.
    const std::string rule = cell(r, "rule");
    const FindingKindInfo* kind = rule.empty() ? nullptr : FindFindingKind(rule);
    if (kind) e.key = MakeFinding(*kind, "");
    else if (rule.empty()) problem(line, "rule", "empty: the finding code this row explains (e.g. missing-required)");
    else problem(line, "rule", "'" + rule + "' is not a finding code (see: annexa rules)");
    const std::string list = cell(r, "list");
    if (std::optional<int> n = ReadList(list)) e.key.list = *n;
    else problem(line, "list", "'" + list + "' is not a list: 1 to 11, 'audit' or empty");
    e.key.column = cell(r, "column");
    e.key.child = cell(r, "child");
    e.key.source = cell(r, "source");
    e.key.value = cell(r, "value");
    e.by = cell(r, "explained_by");
    if (e.by.empty()) problem(line, "explained_by", "empty: who accepted the gap");
    const std::string on = cell(r, "explained_on");
    if (on.empty()) {
      problem(line, "explained_on", "empty: the date the gap was accepted");
    } else if (std::optional<CivilDate> d = CivilDate::Parse(on)) {
      e.on = d->ToIso();
    } else {
      problem(line, "explained_on", "'" + on + "' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    }
    e.reason = cell(r, "reason");
    if (e.reason.empty()) problem(line, "reason", "empty: why the gap is accepted");
    if (!kind) continue;  // reported above; its identity would be no finding's
    const std::string id = FindingIdentity(e.key);
    if (auto [it, added] = out.by_identity.emplace(id, out.rows.size()); !added) {
      const Explanation& first = out.rows[it->second];
      problem(line, "child", "explains the same finding as row " + std::to_string(first.row) + " (" + e.key.code +
                                 ", list " + ListText(e.key.list) + ", column '" + e.key.column + "', child '" +
                                 e.key.child + "')");
      continue;
    }
    out.rows.push_back(std::move(e));
  }
  if (!problems.empty()) return ParseError(Join(problems, "\n"));
  return out;
}

Result<Explanations> LoadExplanations(const std::string& path, const PathGuard* sandbox) {
  if (sandbox)
    if (std::string why = sandbox->Problem(path); !why.empty())
      return InvalidArgument("the explanations file: " + why + " (--sandbox)");
  Result<std::string> data = ReadFile(path, kMaxFileBytes);
  if (!data.ok()) return Status(data.status().code(), "the explanations file: " + data.status().message());
  return ParseExplanations(*data, path);
}

ExplainOutcome ExplainFindings(const Explanations& explanations, Findings* findings) {
  ExplainOutcome out;
  std::vector<bool> used(explanations.rows.size(), false);
  for (Finding& f : *findings) {
    auto it = explanations.by_identity.find(FindingIdentity(f));
    if (it == explanations.by_identity.end()) continue;
    const Explanation& e = explanations.rows[it->second];
    f.explained_by = e.by;
    f.explained_on = e.on;
    f.explained_reason = e.reason;
    used[it->second] = true;
    ++out.explained;
  }
  for (size_t i = 0; i < explanations.rows.size(); ++i) {
    if (used[i]) continue;
    const Explanation& e = explanations.rows[i];
    Finding f = MakeFinding(kinds::kExplanationStale,
                            "row " + std::to_string(e.row) + " explains " + e.key.code + " in list " +
                                ListText(e.key.list) + (e.key.column.empty() ? "" : ", column '" + e.key.column + "'") +
                                (e.key.child.empty() ? "" : ", child " + e.key.child) +
                                ", which this run does not find: fixed, or changed; remove or correct the row");
    f.child = e.key.child;
    f.value = e.key.code;
    f.source = explanations.file;
    f.source_row = e.row;
    out.stale.push_back(std::move(f));
  }
  return out;
}

bool UnexplainedErrors(const Findings& findings) {
  for (const Finding& f : findings)
    if (f.severity == Severity::kError && !f.Explained()) return true;
  for (const auto& [key, n] : findings.overflow())
    if (key.severity == Severity::kError && n > 0) return true;
  return false;
}

}  // namespace annexa::gaps
