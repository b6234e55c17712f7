#include "validate/workbook_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#include "core/date_format.h"
#include "core/text.h"
#include "mapping/code_resolver.h"
#include "sources/xlsx_reader.h"

namespace annexa::validate {

namespace {

using mapping::AnnexList;
using mapping::CellValue;
using sources::CellKind;
using sources::CellView;
using sources::Sheet;
using spec::ColumnSpec;
using spec::ColumnType;

constexpr int kHeaderSearchRows = 10;

bool HeaderMatches(const ColumnSpec& c, const std::string& header, const std::string& loose) {
  if (c.Matches(header) || LooseForm(c.header) == loose) return true;
  for (const std::string& a : c.aliases)
    if (LooseForm(a) == loose) return true;
  return false;
}

struct SheetMatch {
  int list = 0;
  int header_row = 0;
  int matched = 0;
  double fraction = 0;
  std::vector<int> sheet_col;  // per spec column: the sheet column (1-based), or 0
};

// The list and header row this sheet matches best, if any.
SheetMatch Match(const Sheet& s, const spec::SpecVersion& v) {
  SheetMatch best;
  const int rows = std::min(s.max_row(), kHeaderSearchRows);
  for (int r = 1; r <= rows; ++r) {
    std::vector<std::string> headers, loose;
    for (int c = 1; c <= s.max_col(); ++c) {
      headers.emplace_back(Trim(s.At(r, c).ToText()));
      loose.push_back(LooseForm(headers.back()));
    }
    for (const spec::ListSpec& l : v.lists) {
      SheetMatch m;
      m.list = l.number;
      m.header_row = r;
      m.sheet_col.assign(l.columns.size(), 0);
      std::vector<bool> used(headers.size(), false);
      for (size_t i = 0; i < l.columns.size(); ++i) {
        for (size_t c = 0; c < headers.size(); ++c) {
          if (used[c] || headers[c].empty() || !HeaderMatches(l.columns[i], headers[c], loose[c])) continue;
          used[c] = true;
          m.sheet_col[i] = static_cast<int>(c) + 1;
          ++m.matched;
          break;
        }
      }
      m.fraction = static_cast<double>(m.matched) / static_cast<double>(l.columns.size());
      // A list's sheet must carry its identifier column (Child Unique ID,
      // adopter identifier): code tables and guidance sheets share many
      // header words but never that.
      if (m.sheet_col[0] == 0 || m.matched < 3 || m.fraction < 0.6) continue;
      if (m.fraction > best.fraction || (m.fraction == best.fraction && m.matched > best.matched)) best = m;
    }
  }
  return best;
}

Finding At(const std::string& code, Severity sev, const std::string& message, int list, const std::string& source) {
  Finding f;
  f.code = code;
  f.severity = sev;
  f.message = message;
  f.list = list;
  f.source = source;
  return f;
}

class SheetReader {
 public:
  SheetReader(const spec::SpecVersion& v, const spec::ValueAliases& aliases, Findings* findings)
      : spec_(v), aliases_(aliases), findings_(findings) {}

  AnnexList Read(const Sheet& s, const SheetMatch& m, const std::string& origin) {
    AnnexList out;
    out.spec = spec_.FindList(m.list);
    out.sources = {origin};
    for (size_t i = 0; i < out.spec->columns.size(); ++i)
      out.column_origin.push_back(m.sheet_col[i] ? s.At(m.header_row, m.sheet_col[i]).ToText() + " (column " +
                                                       ColumnLetters(m.sheet_col[i]) + ")"
                                                 : "");
    std::vector<std::unique_ptr<mapping::CodeResolver>> resolvers(out.spec->columns.size());
    for (size_t i = 0; i < out.spec->columns.size(); ++i)
      if (const spec::CodeSet* set = spec_.FindCodeSet(out.spec->columns[i].code_set))
        resolvers[i] = std::make_unique<mapping::CodeResolver>(*set, aliases_, nullptr);
    // A column repeats a handful of codes over every row: each distinct
    // text is looked up in its code set once.
    codes_.assign(out.spec->columns.size(), {});
    out.rows.reserve(static_cast<size_t>(std::max(0, s.max_row() - m.header_row)));
    for (int r = m.header_row + 1; r <= s.max_row(); ++r) {
      bool any = false;
      for (int c : m.sheet_col) any = any || (c && !s.At(r, c).empty());
      if (!any) continue;
      ++out.account.read;
      mapping::AnnexRow row;
      row.source_row = r;
      row.cells.resize(out.spec->columns.size());
      const int64_t list_row = static_cast<int64_t>(out.rows.size()) + 1;
      for (size_t i = 0; i < out.spec->columns.size(); ++i) {
        if (!m.sheet_col[i]) continue;
        row.cells[i] = Convert(out, i, s.At(r, m.sheet_col[i]), resolvers[i].get(), list_row, r);
      }
      out.rows.push_back(std::move(row));
    }
    out.account.included = out.account.read;
    return out;
  }

 private:
  void Report(const AnnexList& l, size_t col, int64_t list_row, int sheet_row, const std::string& code, Severity sev,
              const std::string& value, const std::string& message) {
    Finding f = At(code, sev, message, l.spec->number, l.sources[0]);
    f.list_row = list_row;
    f.column = l.spec->columns[col].key;
    f.value = value;
    f.source_row = sheet_row;
    f.source_column = l.column_origin[col];
    findings_->push_back(std::move(f));
  }

  CellValue Convert(const AnnexList& l, size_t col, const CellView& cell, const mapping::CodeResolver* resolver,
                    int64_t list_row, int sheet_row) {
    const ColumnSpec& c = l.spec->columns[col];
    if (cell.empty()) return CellValue::Blank();
    if (cell.kind == CellKind::kError) {
      Report(l, col, list_row, sheet_row, "excel-error", Severity::kError, std::string(cell.text),
             "'" + c.header + "' holds the spreadsheet error " + std::string(cell.text));
      return CellValue::Blank();
    }
    const std::string text(Trim(cell.ToText()));
    switch (c.type) {
      case ColumnType::kDate: {
        std::optional<CivilDate> d;
        if (cell.kind == CellKind::kDate || cell.kind == CellKind::kNumber) d = cell.AsDate();
        else d = ParseDate(text, DefaultDateFormats());
        if (d) return CellValue::Date(*d);
        Report(l, col, list_row, sheet_row, "bad-date", Severity::kError, text, "'" + text + "' is not a date (" + c.header + ")");
        return CellValue::Text(text);
      }
      case ColumnType::kInteger: {
        double v = 0;
        bool ok = false;
        if (cell.kind == CellKind::kNumber) {
          v = cell.number;
          ok = true;
        } else {
          char* end = nullptr;
          v = std::strtod(text.c_str(), &end);
          ok = end && *end == '\0' && !text.empty();
        }
        if (ok && std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return CellValue::Integer(static_cast<int64_t>(v));
        Report(l, col, list_row, sheet_row, "bad-integer", Severity::kError, text,
               "'" + text + "' is not a whole number (" + c.header + ")");
        return CellValue::Text(text);
      }
      case ColumnType::kCode: {
        auto [known, fresh] = codes_[col].try_emplace(text, nullptr);
        if (fresh) {
          const spec::CodeSet* set = spec_.FindCodeSet(c.code_set);
          known->second = set ? set->Find(text) : nullptr;
        }
        if (known->second) return CellValue::Text(known->second->display);
        if (resolver) {
          if (const std::string* d = resolver->Resolve(text)) {
            Report(l, col, list_row, sheet_row, "code-spelling", Severity::kWarning, text,
                   "'" + text + "' is not Ofsted's form; it means '" + *d + "'");
            return CellValue::Text(*d);
          }
        }
        Report(l, col, list_row, sheet_row, "not-a-code", Severity::kError, text,
               "'" + text + "' is not a value of " + c.code_set + " (" + c.header + ")");
        return CellValue::Text(text);
      }
      default:
        return CellValue::Text(text);
    }
  }

  const spec::SpecVersion& spec_;
  const spec::ValueAliases& aliases_;
  Findings* findings_;
  std::vector<std::unordered_map<std::string, const spec::CodeValue*>> codes_;  // per column: text -> code
};

}  // namespace

Result<ReadWorkbook> ReadAnnexWorkbook(const std::string& path, const std::vector<const spec::SpecVersion*>& candidates,
                                       const std::string& forced, const spec::ValueAliases& aliases,
                                       Findings* findings) {
  Result<sources::Workbook> wb = sources::Workbook::Open(path);
  if (!wb.ok()) return wb.status();
  std::vector<const Sheet*> sheets;
  for (size_t i = 0; i < wb->SheetNames().size(); ++i) {
    Result<const Sheet*> s = wb->SheetByIndex(static_cast<int>(i));
    if (!s.ok()) return s.status();
    sheets.push_back(*s);
  }
  // Choose the version: the one whose lists the sheets fill best.
  const spec::SpecVersion* chosen = nullptr;
  double best_fraction = -1;
  int best_matched = -1;
  for (const spec::SpecVersion* v : candidates) {
    if (forced != "auto" && v->id != forced) continue;
    double fraction = 0;
    int matched = 0;
    for (const Sheet* s : sheets) {
      SheetMatch m = Match(*s, *v);
      fraction += m.fraction;
      matched += m.matched;
    }
    if (fraction > best_fraction + 1e-9 || (std::fabs(fraction - best_fraction) <= 1e-9 && matched > best_matched)) {
      chosen = v;
      best_fraction = fraction;
      best_matched = matched;
    }
  }
  if (!chosen) return InvalidArgument("no spec version '" + forced + "'");
  ReadWorkbook out;
  out.spec = chosen;
  out.lists.resize(chosen->lists.size());
  out.sheet_of_list.resize(chosen->lists.size());
  SheetReader reader(*chosen, aliases, findings);
  // Each list is read from the sheet that matches it best (the earlier
  // sheet on a tie); other sheets matching it are reported, not read.
  std::vector<SheetMatch> matches;
  std::vector<int> best_sheet(chosen->lists.size(), -1);
  auto index_of = [&](int number) {
    size_t idx = 0;
    while (chosen->lists[idx].number != number) ++idx;
    return idx;
  };
  for (size_t i = 0; i < sheets.size(); ++i) {
    matches.push_back(Match(*sheets[i], *chosen));
    const SheetMatch& m = matches.back();
    if (m.list == 0) continue;  // guidance, front sheet, code lists ...
    int& best = best_sheet[index_of(m.list)];
    if (best < 0 || m.fraction > matches[static_cast<size_t>(best)].fraction) best = static_cast<int>(i);
  }
  for (size_t i = 0; i < sheets.size(); ++i) {
    const Sheet& s = *sheets[i];
    const SheetMatch& m = matches[i];
    if (m.list == 0) continue;
    const size_t idx = index_of(m.list);
    const std::string origin = path + "#" + s.name();
    if (best_sheet[idx] != static_cast<int>(i)) {
      findings->push_back(At("duplicate-list-sheet", Severity::kWarning,
                             "sheet '" + s.name() + "' also looks like " + chosen->lists[idx].title + " (read from '" +
                                 sheets[static_cast<size_t>(best_sheet[idx])]->name() + "'); it was not read",
                             m.list, origin));
      continue;
    }
    out.sheet_of_list[idx] = s.name();
    out.lists[idx] = reader.Read(s, m, origin);
    if (s.name() != chosen->lists[idx].sheet)
      findings->push_back(At("sheet-name", Severity::kWarning,
                             chosen->lists[idx].title + " was found on sheet '" + s.name() + "', not Ofsted's '" +
                                 chosen->lists[idx].sheet + "'",
                             m.list, origin));
    const spec::ListSpec& ls = chosen->lists[idx];
    for (size_t c = 0; c < ls.columns.size(); ++c)
      if (!m.sheet_col[c])
        findings->push_back(At("missing-column", Severity::kError,
                               "sheet '" + s.name() + "' has no column '" + ls.columns[c].header + "'", m.list, origin));
    for (int c = 1; c <= s.max_col(); ++c) {
      const std::string header(Trim(s.At(m.header_row, c).ToText()));
      if (header.empty() || std::find(m.sheet_col.begin(), m.sheet_col.end(), c) != m.sheet_col.end()) continue;
      findings->push_back(At("extra-column", Severity::kWarning,
                             "sheet '" + s.name() + "' column " + ColumnLetters(c) + " '" + header + "' is not an Annex A column of " +
                                 ls.title,
                             m.list, origin));
    }
  }
  for (size_t i = 0; i < chosen->lists.size(); ++i) {
    if (out.lists[i].spec) continue;
    out.lists[i].spec = &chosen->lists[i];
    findings->push_back(At("missing-list", Severity::kError,
                           "no sheet looks like " + chosen->lists[i].title + " (" + chosen->id + ")",
                           chosen->lists[i].number, path));
  }
  return out;
}

}  // namespace annexa::validate
