#include "render/data_gap_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "core/text.h"

namespace annexa::render {
namespace {

constexpr size_t kWidthSampleRows = 1000;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// 50000 -> "50,000": the note is read by people, not parsed.
std::string Grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Findings about no list sort after every list.
int ListOrder(int list) { return list > 0 ? list : std::numeric_limits<int>::max(); }

}  // namespace

GapTable DataGapsTable(const spec::SpecVersion& spec, const Findings& findings) {
  GapTable t;
  t.sheet = kDataGapsSheet;
  t.title = "Data gaps: findings by list and rule";
  t.headers = {"List", "Title", "Code", "Severity", "Findings", "Example", "First row"};
  struct Group {
    int64_t count = 0;
    const Finding* first = nullptr;
  };
  // Keyed in the sheet's order; `first` is the earliest in the input.
  std::map<std::tuple<int, Severity, std::string>, Group> groups;
  for (const Finding& f : findings) {
    Group& g = groups[{ListOrder(f.list), f.severity, f.code}];
    if (g.count++ == 0) g.first = &f;
  }
  // Findings beyond the cap of their rule (core/finding.h) count too; a
  // group may then have no stored finding to show.
  for (const auto& [key, n] : findings.overflow()) groups[{ListOrder(key.list), key.severity, key.code}].count += n;
  for (const auto& [key, g] : groups) {
    const auto& [order, severity, code] = key;
    const int list_number = order == std::numeric_limits<int>::max() ? 0 : order;
    GapRow row;
    if (list_number > 0) {
      const spec::ListSpec* list = spec.FindList(list_number);
      row.cells = {list_number == spec::kAuditedCasesList ? GapCell::Text("Audit") : GapCell::Number(list_number),
                   GapCell::Text(list ? list->title : "")};
    } else {
      row.cells = {GapCell::Blank(), GapCell::Text("Not about one list")};
    }
    row.cells.push_back(GapCell::Text(code));
    row.cells.push_back(GapCell::Text(ToString(severity)));
    row.cells.push_back(GapCell::Number(static_cast<double>(g.count)));
    row.cells.push_back(GapCell::Text(g.first ? g.first->message : "(counted, not stored: the rule's cap was reached)"));
    row.cells.push_back(g.first && g.first->list_row > 0 ? GapCell::Number(static_cast<double>(g.first->list_row + 2))
                                                         : GapCell::Blank());
    t.rows.push_back(std::move(row));
  }
  GapRow total;
  total.bold = true;
  total.cells = {GapCell::Text("Total"), GapCell::Blank(), GapCell::Blank(), GapCell::Blank(),
                 GapCell::Number(static_cast<double>(findings.total()))};
  t.trailer.push_back(std::move(total));
  return t;
}

GapTable ChildGapsTable(const std::vector<AnnexList>& lists, const Findings& findings,
                        size_t cap) {
  GapTable t;
  t.sheet = kChildGapsSheet;
  t.title = "Data gaps by child";
  t.headers = {"Child Unique ID", "Lists", "Errors", "Warnings", "Codes"};
  std::map<int, const AnnexList*> by_number;
  for (const AnnexList& l : lists)
    if (l.spec) by_number.emplace(l.spec->number, &l);
  struct Child {
    std::set<int> lists;
    int64_t errors = 0, warnings = 0;
    std::set<std::string> codes;
  };
  std::map<std::string, Child> children;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kInfo || f.list <= 0 || f.list_row <= 0) continue;
    const auto it = by_number.find(f.list);
    if (it == by_number.end()) continue;
    const std::vector<AnnexRow>& rows = it->second->rows;
    if (f.list_row > static_cast<int64_t>(rows.size())) continue;
    const AnnexRow& row = rows[static_cast<size_t>(f.list_row - 1)];
    if (row.cells.empty() || row.cells[0].blank()) continue;  // no child to name
    Child& c = children[row.cells[0].ToText()];
    c.lists.insert(f.list);
    ++(f.severity == Severity::kError ? c.errors : c.warnings);
    c.codes.insert(f.code);
  }
  std::vector<const std::pair<const std::string, Child>*> order;
  order.reserve(children.size());
  for (const auto& entry : children) order.push_back(&entry);
  // The map is in id order and stable_sort keeps it among equal counts.
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::tie(b->second.errors, b->second.warnings) <
           std::tie(a->second.errors, a->second.warnings);
  });
  const size_t shown = std::min(order.size(), cap);
  for (size_t i = 0; i < shown; ++i) {
    const auto& [id, c] = *order[i];
    std::vector<std::string> list_numbers;
    for (int n : c.lists) list_numbers.push_back(std::to_string(n));
    const std::vector<std::string> codes(c.codes.begin(), c.codes.end());
    GapRow row;
    row.cells = {GapCell::Text(id), GapCell::Text(Join(list_numbers, ", ")),
                 GapCell::Number(static_cast<double>(c.errors)),
                 GapCell::Number(static_cast<double>(c.warnings)),
                 GapCell::Text(Join(codes, ", "))};
    t.rows.push_back(std::move(row));
  }
  if (shown < order.size()) {
    GapRow note;
    note.cells = {GapCell::Text("Showing the " + Grouped(shown) +
                                " children with the most findings of " + Grouped(order.size()) +
                                "; the findings CSV lists every finding.")};
    t.trailer.push_back(std::move(note));
  }
  if (const int64_t counted = findings.not_stored(); counted > 0) {
    GapRow note;
    note.cells = {GapCell::Text(Grouped(static_cast<size_t>(counted)) +
                                " findings beyond their rule's cap were counted, not stored: they are in the "
                                "Data_gaps counts but not against a child here.")};
    t.trailer.push_back(std::move(note));
  }
  return t;
}

GapTable CompletenessTable(const std::vector<validate::ListCompleteness>& completeness) {
  GapTable t;
  t.sheet = kCompletenessSheet;
  t.title = "Completeness: filled cells by column";
  t.headers = {"List", "Title", "Column", "Header", "Blank rule", "Rows", "Filled", "Blank",
               "% filled"};
  for (const validate::ListCompleteness& l : completeness) {
    for (const validate::ColumnCompleteness& c : l.columns) {
      GapRow row;
      row.cells = {GapCell::Number(l.list),
                   GapCell::Text(l.title),
                   GapCell::Text(c.letter),
                   GapCell::Text(c.header),
                   GapCell::Text(std::string(spec::ToString(c.blank))),
                   GapCell::Number(static_cast<double>(l.rows)),
                   GapCell::Number(static_cast<double>(c.filled)),
                   GapCell::Number(static_cast<double>(c.blank_cells)),
                   GapCell::Percent(c.PercentFilled())};
      row.highlight = c.blank == spec::BlankRule::kNever && c.blank_cells > 0;
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

std::vector<double> GapTableWidths(const GapTable& table) {
  std::vector<double> widths;
  for (const std::string& h : table.headers) widths.push_back(static_cast<double>(CharCount(h)));
  const size_t n = std::min(table.rows.size(), kWidthSampleRows);
  for (size_t r = 0; r < n; ++r) {
    const std::vector<GapCell>& cells = table.rows[r].cells;
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      size_t len = 0;
      switch (cells[c].kind) {
        case GapCell::Kind::kBlank: break;
        case GapCell::Kind::kText:
        case GapCell::Kind::kLink: len = CharCount(cells[c].text); break;
        case GapCell::Kind::kNumber:
          len = std::to_string(std::llround(cells[c].number)).size();
          break;
        case GapCell::Kind::kPercent: len = 5; break;  // "100.0"
      }
      widths[c] = std::max(widths[c], static_cast<double>(len));
    }
  }
  for (double& w : widths) w = std::clamp(w + 2, kMinWidth, kMaxWidth);
  return widths;
}

}  // namespace annexa::render
