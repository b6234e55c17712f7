#include "validate/readiness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/finding_kinds.h"
#include "core/text.h"
#include "validate/root_causes.h"

namespace annexa::validate {

namespace {

// A column every row must fill: Ofsted's required ones and the expected
// ones (blank: never, either basis).
bool MustFill(const ColumnCompleteness& c) { return c.blank == spec::BlankRule::kNever; }

// 2 -> "2", 97.5 -> "97.5".
std::string Number(double v) {
  const double r = std::round(v * 10) / 10;
  return Fixed(r, r == std::floor(r) ? 0 : 1);
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string ListsText(const std::vector<int>& lists) {
  std::string out = lists.size() == 1 ? "List " : "Lists ";
  for (size_t i = 0; i < lists.size(); ++i) out += (i ? ", " : "") + std::to_string(lists[i]);
  return out;
}

// A reason with the figure that orders it (blank share or error count).
struct Cause {
  int kind = 0;  // 0 a column too blank, 1 errors, 2 errors counted only: in that order
  double weight = 0;
  size_t order = 0;  // column order, or first appearance
  std::string text;
};

}  // namespace

std::string ShortPercent(double v) { return Number(v) + "%"; }

std::string ReadinessLegend() {
  const ReadinessThresholds& t = kReadiness;
  return "A list is green when it has rows, no error that is not explained, and every column each row must fill "
         "(Ofsted's required columns, and those established tools expect) at least " +
         Number(t.green_required_filled) + "% filled; red when its errors not explained are more than " +
         Number(t.red_errors_per_100_rows) + " per 100 rows or such a column is less than " +
         Number(t.red_required_filled) +
         "% filled; amber otherwise, and when it has no rows (it may be right, but look). Warnings, optional and "
         "conditional columns and explained findings are reported but never decide the status.";
}

std::string ReadinessFix::Text() const {
  std::string out = rule + (header.empty() ? std::string() : " in '" + header + "'") + ": ";
  if (source_row > 0)
    out += source + " row " + std::to_string(source_row) + (source_column.empty() ? "" : ", column " + source_column);
  else
    out += "List " + std::to_string(list) + (list_row > 0 ? " row " + std::to_string(list_row) : "");
  out += " (" + Plural(findings, "finding", "findings");
  if (!lists.empty()) out += " in " + ListsText(lists);
  return out + ")";
}

std::string ListReadiness::Reason() const {
  std::string out;
  const size_t shown = std::min(reasons.size(), kReadiness.max_reasons);
  for (size_t i = 0; i < shown; ++i) out += (i ? "; " : "") + reasons[i];
  if (reasons.size() > shown) out += "; and " + std::to_string(reasons.size() - shown) + " more";
  return out;
}

std::vector<ListReadiness> AssessReadiness(const std::vector<ListCompleteness>& completeness,
                                           const Findings& findings) {
  const ReadinessThresholds& t = kReadiness;
  std::map<int, size_t> index;  // list number -> position in completeness
  std::vector<ListReadiness> out(completeness.size());
  for (size_t i = 0; i < completeness.size(); ++i) {
    index[completeness[i].list] = i;
    out[i].list = completeness[i].list;
    out[i].title = completeness[i].title;
    out[i].rows = completeness[i].rows;
    out[i].filled_percent = completeness[i].PercentFilled();
  }
  auto column_of = [&](size_t l, const std::string& key) -> const ColumnCompleteness* {
    for (const ColumnCompleteness& c : completeness[l].columns)
      if (c.key == key) return &c;
    return nullptr;
  };

  // Counts, as the run summary makes them (history/run_summary.cc).
  for (const Finding& f : findings) {
    auto it = index.find(f.list);
    if (it == index.end() || f.severity == Severity::kInfo) continue;
    ListReadiness& r = out[it->second];
    if (f.Explained()) ++r.explained;
    else ++(f.severity == Severity::kError ? r.errors : r.warnings);
  }
  for (const auto& [key, n] : findings.overflow()) {
    auto it = index.find(key.list);
    if (it == index.end() || key.severity == Severity::kInfo) continue;
    (key.severity == Severity::kError ? out[it->second].errors : out[it->second].warnings) += n;
  }

  // Status and reasons.
  std::vector<std::set<std::string>> too_blank(completeness.size());  // columns reported as blank
  for (size_t l = 0; l < completeness.size(); ++l) {
    ListReadiness& r = out[l];
    const ListCompleteness& lc = completeness[l];
    int64_t filled = 0, cells = 0;
    bool red = false, amber = false;
    std::vector<Cause> causes;
    for (size_t c = 0; c < lc.columns.size(); ++c) {
      const ColumnCompleteness& col = lc.columns[c];
      if (!MustFill(col)) continue;
      ++r.required_columns;
      filled += col.filled;
      cells += col.filled + col.blank_cells;
      if (lc.rows == 0 || col.PercentFilled() >= t.green_required_filled) continue;
      red = red || col.PercentFilled() < t.red_required_filled;
      amber = true;
      too_blank[l].insert(col.key);
      causes.push_back({0, 100 - col.PercentFilled(), c, "'" + col.header + "' " + ShortPercent(100 - col.PercentFilled()) + " blank"});
    }
    r.required_filled_percent = cells > 0 ? 100.0 * static_cast<double>(filled) / static_cast<double>(cells) : 100.0;
    if (r.errors > 0) amber = true;
    if (static_cast<double>(r.errors) * 100 > t.red_errors_per_100_rows * static_cast<double>(lc.rows)) red = true;

    // The errors, by column (or by rule when about no column).
    struct Group {
      int64_t n = 0;
      size_t order = 0;
      std::string text;
    };
    std::map<std::string, Group> groups;
    size_t seen = 0;
    for (const Finding& f : findings) {
      if (f.list != lc.list || f.severity != Severity::kError || f.Explained()) continue;
      const bool blank_rule = f.code == Describe(kinds::kMissingRequired).code ||
                              f.code == Describe(kinds::kRequiredColumnNotMapped).code;
      if (!f.column.empty() && blank_rule && too_blank[l].count(f.column)) continue;  // said as the column's blank share
      const ColumnCompleteness* col = f.column.empty() ? nullptr : column_of(l, f.column);
      const std::string key = col ? "c" + f.column : "r" + f.code;
      Group& g = groups[key];
      if (g.n++ == 0) {
        g.order = col ? static_cast<size_t>(col - lc.columns.data()) : lc.columns.size() + seen++;
        g.text = col ? "in '" + col->header + "'" : f.code;
      }
    }
    for (const auto& [key, n] : findings.overflow()) {
      if (key.list != lc.list || key.severity != Severity::kError) continue;
      Group& g = groups["o" + key.code];
      if (g.n == 0) {
        g.order = 2 * lc.columns.size() + seen++;
        g.text = "more " + key.code;
      }
      g.n += n;
    }
    for (const auto& [key, g] : groups) {
      std::string text;
      if (key[0] == 'c') text = Plural(g.n, "error ", "errors ") + g.text;
      else if (key[0] == 'r') text = std::to_string(g.n) + " " + g.text + (g.n == 1 ? " error" : " errors");
      else text = std::to_string(g.n) + " " + g.text + " errors, counted beyond the rule's cap";
      // The counted-only errors last: they have no column to name.
      causes.push_back({key[0] == 'o' ? 2 : 1, static_cast<double>(g.n), g.order, std::move(text)});
    }
    std::sort(causes.begin(), causes.end(), [](const Cause& a, const Cause& b) {
      return std::tie(a.kind, b.weight, a.order) < std::tie(b.kind, a.weight, b.order);
    });
    if (lc.rows == 0) {
      amber = true;
      causes.insert(causes.begin(), {0, 0, 0, "no rows (an empty list may be right: check its source is mapped and read)"});
    }
    r.status = red ? "red" : amber ? "amber" : "green";
    if (r.status != "green")
      for (Cause& c : causes) r.reasons.push_back(std::move(c.text));
  }

  // The top fixes: the root causes of each amber or red list's findings
  // that decide its status (errors, and warnings in a must-fill column
  // too blank), most findings first.
  const RootCauses roots = FindRootCauses(findings);
  std::vector<std::map<uint32_t, size_t>> candidates(completeness.size());  // root -> its first finding here
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    auto it = index.find(f.list);
    if (it == index.end() || f.Explained() || out[it->second].status == "green") continue;
    const size_t l = it->second;
    const bool matters = f.severity == Severity::kError ||
                         (f.severity == Severity::kWarning && !f.column.empty() && too_blank[l].count(f.column));
    if (matters) candidates[l].try_emplace(roots.root_of[i], i);
  }
  std::unordered_map<uint32_t, std::vector<int>> root_lists;  // the chosen roots' lists
  std::vector<std::vector<std::pair<uint32_t, size_t>>> chosen(completeness.size());
  for (size_t l = 0; l < completeness.size(); ++l) {
    std::vector<std::pair<uint32_t, size_t>> c(candidates[l].begin(), candidates[l].end());
    std::sort(c.begin(), c.end(), [&](const auto& a, const auto& b) {
      const uint32_t na = roots.findings[a.first - 1], nb = roots.findings[b.first - 1];
      const Severity sa = findings[a.second].severity, sb = findings[b.second].severity;
      return std::tie(nb, sa, a.second) < std::tie(na, sb, b.second);
    });
    if (c.size() > t.max_fixes) c.resize(t.max_fixes);
    for (const auto& [root, i] : c) root_lists[root];
    chosen[l] = std::move(c);
  }
  for (size_t i = 0; i < findings.size() && !root_lists.empty(); ++i) {
    auto it = root_lists.find(roots.root_of[i]);
    if (it == root_lists.end() || findings[i].list <= 0) continue;
    std::vector<int>& ls = it->second;
    auto at = std::lower_bound(ls.begin(), ls.end(), findings[i].list);
    if (at == ls.end() || *at != findings[i].list) ls.insert(at, findings[i].list);
  }
  for (size_t l = 0; l < completeness.size(); ++l) {
    for (const auto& [root, i] : chosen[l]) {
      const Finding& f = findings[i];
      ReadinessFix fix;
      fix.rule = f.code;
      fix.rule_severity = f.severity;
      if (const ColumnCompleteness* col = f.column.empty() ? nullptr : column_of(l, f.column)) fix.header = col->header;
      if (f.source_row > 0 && !f.source.empty()) {
        fix.source = SourceFileName(f.source);
        fix.source_row = f.source_row;
        fix.source_column = f.source_column;
      } else {
        fix.list = f.list;
        fix.list_row = f.list_row;
      }
      fix.findings = roots.findings[root - 1];
      fix.lists = root_lists[root];
      out[l].fixes.push_back(std::move(fix));
    }
  }
  return out;
}

}  // namespace annexa::validate
