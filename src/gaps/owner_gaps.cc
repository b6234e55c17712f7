#include "gaps/owner_gaps.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "core/finding_kinds.h"
#include "core/text.h"
#include "sources/csv_reader.h"

namespace annexa::gaps {

namespace {

std::string ListText(int list) {
  return list == spec::kAuditedCasesList ? "audit" : list ? std::to_string(list) : "";
}

int ListNumber(std::string_view text) {
  if (text == "audit") return spec::kAuditedCasesList;
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || n > 1000) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

int64_t Number(std::string_view text) {
  int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || n > (int64_t{1} << 50)) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string Header(const spec::SpecVersion& spec, int list, const std::string& column) {
  if (const spec::ListSpec* l = list ? spec.FindList(list) : nullptr)
    for (const spec::ColumnSpec& c : l->columns)
      if (c.key == column) return c.header;
  return "";
}

std::string Age(const FirstSeen& first_seen, const std::string& identity, const std::string& fallback) {
  auto it = first_seen.find(identity);
  return it == first_seen.end() ? fallback : it->second;
}

// Names sort by name, the empty name (no team, no worker) last.
bool NameBefore(const std::string& a, const std::string& b) {
  if (a.empty() != b.empty()) return b.empty();
  return a < b;
}

}  // namespace

std::vector<OwnerGap> OpenGaps(const Findings& findings, const spec::SpecVersion& spec, const FirstSeen& first_seen,
                               const std::string& fallback_date) {
  std::vector<OwnerGap> out;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kInfo || f.Explained()) continue;
    OwnerGap g;
    g.team = f.team;
    g.worker = f.worker;
    g.child = f.child;
    g.identity = FindingIdentity(f);
    g.first_seen = Age(first_seen, g.identity, fallback_date);
    g.is_error = f.severity == Severity::kError;
    g.rule = f.code;
    g.list = ListText(f.list);
    g.excel_row = f.list_row ? f.list_row + 2 : 0;  // title row, header row, then data
    g.column = f.column;
    g.header = Header(spec, f.list, f.column);
    g.value = f.value;
    g.message = f.message;
    g.source = f.source;
    g.source_row = f.source_row;
    g.source_column = f.source_column;
    out.push_back(std::move(g));
  }
  SortGaps(&out);
  return out;
}

Result<FindingsFileGaps> ReadFindingsGaps(const std::string& csv, const std::string& origin,
                                          const FirstSeen& first_seen, const std::string& fallback_date) {
  Result<Table> table = sources::ParseCsv(csv, origin);
  if (!table.ok()) return ParseError(table.status().message());
  std::map<std::string, int> at;
  for (size_t i = 0; i < table->headers.size(); ++i) at.emplace(table->headers[i], static_cast<int>(i));
  std::vector<std::string> missing;
  for (const char* needed : {"child", "team", "worker", "root", "severity", "code", "list", "excel_row", "column",
                             "header", "value", "source", "source_row", "source_column", "message"})
    if (!at.count(needed)) missing.push_back(needed);
  if (!missing.empty())
    return ParseError(origin + ": not an annexa findings file: no column " + Join(missing, ", ") +
                      " in its header (see render/findings_csv.h)");
  auto cell = [&](size_t row, const char* key) -> std::string {
    auto it = at.find(key);
    return it == at.end() ? std::string() : std::string(table->cell(row, static_cast<size_t>(it->second)));
  };
  FindingsFileGaps out;
  for (size_t r = 0; r < table->size(); ++r) {
    const std::string severity = cell(r, "severity");
    if (severity != "error" && severity != "warning") continue;
    // A rule's findings beyond its cap stand as one line with no root.
    if (cell(r, "root").empty()) {
      out.not_stored += 1;
      continue;
    }
    if (!cell(r, "explained_on").empty()) {
      ++out.explained;
      continue;
    }
    // The finding's identity, to look its age up: a code this annexa does
    // not know (a file from a newer one) has none, so it takes the fallback.
    const std::string code = cell(r, "code");
    const FindingKindInfo* kind = FindFindingKind(code);
    Finding key = kind ? MakeFinding(*kind, "") : Finding();
    key.list = ListNumber(cell(r, "list"));
    key.column = cell(r, "column");
    key.child = cell(r, "child");
    key.source = cell(r, "source");
    key.value = cell(r, "value");
    OwnerGap g;
    g.team = cell(r, "team");
    g.worker = cell(r, "worker");
    g.child = key.child;
    g.identity = kind ? FindingIdentity(key) : std::string();
    g.first_seen = Age(first_seen, g.identity, fallback_date);
    g.is_error = severity == "error";
    g.rule = code;
    g.list = cell(r, "list");
    g.excel_row = Number(cell(r, "excel_row"));
    g.column = key.column;
    g.header = cell(r, "header");
    g.value = key.value;
    g.message = cell(r, "message");
    g.source = key.source;
    g.source_row = Number(cell(r, "source_row"));
    g.source_column = cell(r, "source_column");
    out.gaps.push_back(std::move(g));
  }
  SortGaps(&out.gaps);
  return out;
}

void SortGaps(std::vector<OwnerGap>* gaps) {
  std::stable_sort(gaps->begin(), gaps->end(), [](const OwnerGap& a, const OwnerGap& b) {
    if (a.team != b.team) return NameBefore(a.team, b.team);
    if (a.worker != b.worker) return NameBefore(a.worker, b.worker);
    // Oldest first; a gap with no date (none known) after the dated ones.
    if (a.first_seen != b.first_seen) return NameBefore(a.first_seen, b.first_seen);
    if (a.is_error != b.is_error) return a.is_error;
    if (a.child != b.child) return NameBefore(a.child, b.child);
    const int la = ListNumber(a.list), lb = ListNumber(b.list);
    return std::tie(la, a.excel_row) < std::tie(lb, b.excel_row);
  });
}

std::vector<std::vector<std::string>> GapsSheetRows(const std::vector<OwnerGap>& gaps) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"team", "worker", "child", "first_seen", "severity", "rule", "list", "excel_row", "column", "header",
                  "value", "message", "source", "source_row", "source_column"});
  for (const OwnerGap& g : gaps)
    rows.push_back({g.team, g.worker, g.child, g.first_seen, g.is_error ? "error" : "warning", g.rule, g.list,
                    g.excel_row ? std::to_string(g.excel_row) : "", g.column, g.header, g.value, g.message, g.source,
                    g.source_row ? std::to_string(g.source_row) : "", g.source_column});
  return rows;
}

std::string GapsCsv(const std::vector<OwnerGap>& gaps) {
  std::string out;
  for (const std::vector<std::string>& row : GapsSheetRows(gaps))
    for (size_t i = 0; i < row.size(); ++i) AppendCsvField(&out, row[i], i + 1 == row.size());
  return out;
}

std::vector<OwnerCount> CountByOwner(const std::vector<OwnerGap>& gaps) {
  std::vector<OwnerCount> out;
  auto add = [](OwnerCount* c, const OwnerGap& g) {
    (g.is_error ? c->errors : c->warnings) += 1;
    if (!g.first_seen.empty() && (c->oldest.empty() || g.first_seen < c->oldest)) c->oldest = g.first_seen;
  };
  for (const auto& [team, team_gaps] : ByTeam(gaps)) {
    OwnerCount total{team, "", true, 0, 0, ""};
    for (const OwnerGap& g : team_gaps) {
      if (out.empty() || out.back().team_total || out.back().team != team || out.back().worker != g.worker)
        out.push_back({team, g.worker, false, 0, 0, ""});
      add(&out.back(), g);
      add(&total, g);
    }
    out.push_back(total);
  }
  return out;
}

std::vector<std::pair<std::string, std::vector<OwnerGap>>> ByTeam(const std::vector<OwnerGap>& gaps) {
  std::vector<OwnerGap> sorted = gaps;
  SortGaps(&sorted);
  std::vector<std::pair<std::string, std::vector<OwnerGap>>> out;
  for (OwnerGap& g : sorted) {
    if (out.empty() || out.back().first != g.team) out.emplace_back(g.team, std::vector<OwnerGap>{});
    out.back().second.push_back(std::move(g));
  }
  return out;
}

std::string TeamFileName(const std::string& team, std::vector<std::string>* taken) {
  std::string slug;
  for (char c : team) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) slug += static_cast<char>(std::tolower(u));
    else if (!slug.empty() && slug.back() != '_') slug += '_';
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  if (slug.size() > 60) slug.resize(60);
  if (slug.empty()) slug = team.empty() ? "no_team" : "team";
  std::string name = "gaps_" + slug + ".csv";
  for (int n = 2; std::find(taken->begin(), taken->end(), name) != taken->end(); ++n)
    name = "gaps_" + slug + "-" + std::to_string(n) + ".csv";
  taken->push_back(name);
  return name;
}

}  // namespace annexa::gaps
