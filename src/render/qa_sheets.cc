#include "render/qa_sheets.h"

#include <algorithm>
#include <tuple>

#include "core/text.h"
#include "validate/root_causes.h"

namespace annexa::render {
namespace {

// The list (or the audited-case list) a finding is about, when `spec` has it.
const spec::ListSpec* ListOf(const spec::SpecVersion& spec, int list) {
  if (list == spec::kAuditedCasesList) return spec.audit.get();
  return list > 0 ? spec.FindList(list) : nullptr;
}

// The 0-based column of `key` in `list`, or npos.
size_t ColumnOf(const spec::ListSpec& list, const std::string& key) {
  for (size_t i = 0; i < list.columns.size(); ++i)
    if (list.columns[i].key == key) return i;
  return std::string::npos;
}

// 1234 -> "1,234".
std::string Grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

int Rank(Severity s) { return s == Severity::kError ? 0 : s == Severity::kWarning ? 1 : 2; }

}  // namespace

CellMarks MarkCells(const spec::SpecVersion& spec, const Findings& findings, size_t max_comments) {
  // Each marked cell's findings, in the run's order.
  std::map<std::tuple<int, int64_t, size_t>, std::vector<const Finding*>> cells;
  for (const Finding& f : findings) {
    if (f.severity != Severity::kError && f.severity != Severity::kWarning) continue;
    if (f.list_row <= 0 || f.column.empty()) continue;
    const spec::ListSpec* list = ListOf(spec, f.list);
    if (!list) continue;
    const size_t col = ColumnOf(*list, f.column);
    if (col == std::string::npos) continue;
    cells[{f.list, f.list_row - 1, col}].push_back(&f);
  }
  CellMarks marks;
  for (const auto& [key, found] : cells) {
    const auto& [list, row, col] = key;
    CellMark mark;
    mark.row = row;
    mark.col = col;
    mark.worst = Severity::kWarning;
    for (const Finding* f : found)
      if (Rank(f->severity) < Rank(mark.worst)) mark.worst = f->severity;
    if (marks.commented < max_comments) {
      for (size_t i = 0; i < found.size() && i < kMaxFindingsPerComment; ++i) {
        if (i) mark.comment += '\n';
        mark.comment += std::string(ToString(found[i]->severity)) + " " + found[i]->code + ": " + found[i]->message;
      }
      if (found.size() > kMaxFindingsPerComment)
        mark.comment += "\nand " + std::to_string(found.size() - kMaxFindingsPerComment) + " more (see the Findings sheet)";
      ++marks.commented;
    }
    ++marks.cells;
    marks.by_list[list].push_back(std::move(mark));
  }
  return marks;
}

GapTable FindingsTable(const spec::SpecVersion& spec, const Findings& findings, size_t cap) {
  GapTable t;
  t.sheet = kFindingsSheet;
  t.title = "Findings: each with its child, team, worker and root cause, linked to its cell";
  t.headers = {"Child", "Team", "Worker", "Root", "Role", "Severity", "Rule", "List", "Cell", "Header",
               "Value", "Source", "Source row", "Source column", "Message"};
  const validate::RootCauses roots = validate::FindRootCauses(findings);
  const size_t shown = std::min(findings.size(), cap);
  for (size_t i = 0; i < shown; ++i) {
    const Finding& f = findings[i];
    GapRow row;
    row.highlight = f.severity == Severity::kError;
    const spec::ListSpec* list = ListOf(spec, f.list);
    const size_t col = list ? ColumnOf(*list, f.column) : std::string::npos;
    std::string header;
    GapCell cell = GapCell::Blank();
    if (list && f.list_row > 0) {
      // A finding about a row: the link goes to its cell, or to the row's
      // first cell when it names no column.
      const std::string place = ColumnLetters(static_cast<int>(col == std::string::npos ? 0 : col) + 1) +
                                std::to_string(f.list_row + 2);  // title row, header row, then data
      std::string quoted;  // a quote in a sheet name is doubled in a reference
      for (char c : list->sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      cell = GapCell::Link(list->sheet + "!" + place, "'" + quoted + "'!" + place);
    }
    if (list && col != std::string::npos) header = list->columns[col].header;
    row.cells = {GapCell::Text(f.child),
                 GapCell::Text(f.team),
                 GapCell::Text(f.worker),
                 GapCell::Text("R" + std::to_string(roots.root_of[i])),
                 GapCell::Text(roots.IsRoot(i) ? "root" : "consequence"),
                 GapCell::Text(ToString(f.severity)),
                 GapCell::Text(f.code),
                 f.list == spec::kAuditedCasesList ? GapCell::Text("Audit")
                 : f.list > 0                      ? GapCell::Number(f.list)
                                                   : GapCell::Blank(),
                 cell,
                 GapCell::Text(header),
                 GapCell::Text(f.value),
                 GapCell::Text(SourceFileName(f.source)),
                 f.source_row > 0 ? GapCell::Number(static_cast<double>(f.source_row)) : GapCell::Blank(),
                 GapCell::Text(f.source_column),
                 GapCell::Text(f.message)};
    t.rows.push_back(std::move(row));
  }
  GapRow total;
  total.bold = true;
  total.cells = {GapCell::Text("Findings shown"), GapCell::Number(static_cast<double>(shown))};
  t.trailer.push_back(std::move(total));
  if (shown < findings.size()) {
    GapRow note;
    note.cells = {GapCell::Text("A further " + Grouped(findings.size() - shown) +
                                " findings are in the findings CSV: this sheet shows at most " + Grouped(cap) + ".")};
    t.trailer.push_back(std::move(note));
  }
  if (findings.not_stored() > 0) {
    GapRow note;
    note.cells = {GapCell::Text(Grouped(static_cast<size_t>(findings.not_stored())) +
                                " findings were counted, not stored (over their rule's cap): Data_gaps counts them.")};
    t.trailer.push_back(std::move(note));
  }
  return t;
}

}  // namespace annexa::render
