// Reading a workbook made elsewhere, in two passes over its sheets: the
// first reads only each sheet's first rows (enough to find its header row
// and its list), the second streams every sheet a row at a time, each row
// of a list's sheet converted straight into the list, so no sheet is ever
// held whole beside the lists. A sheet whose rows are not in ascending
// order (never seen from a spreadsheet program, but legal) is read the old
// way instead: every sheet loaded whole, rows read in sorted order.
#include "validate/workbook_reader.h"

#include "validate/sheet_match.h"

#include <map>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <unordered_map>

#include "core/date_format.h"
#include "core/finding_kinds.h"
#include "core/two_threads.h"
#include "core/text.h"
#include "mapping/code_resolver.h"
#include "sources/xlsx_reader.h"

namespace annexa::validate {

namespace {

using sources::CellKind;
using sources::CellView;
using sources::Sheet;
using sources::SheetRow;
using spec::ColumnSpec;
using spec::ColumnType;

// The heads are read in small slices: ten rows rarely take more.
constexpr size_t kHeadSliceBytes = 16 * 1024;

Finding At(FindingKind kind, const std::string& message, int list, const std::string& source) {
  Finding f = MakeFinding(kind, message);
  f.list = list;
  f.source = source;
  return f;
}

// A whole number written as text: "-12" exactly, or "3.0" / "3.00"
// (`spelled`). Up to 15 digits, as a double holds them exactly.
struct WholeText {
  bool ok = false;
  bool spelled = false;
  int64_t value = 0;
};

WholeText ReadWholeText(std::string_view t) {
  WholeText out;
  size_t i = 0;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) ++i;
  const size_t digits_from = i;
  int64_t v = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
    if (i - digits_from >= 15) return out;
    v = v * 10 + (t[i] - '0');
  }
  if (i == digits_from) return out;
  if (i < t.size()) {
    if (t[i] != '.' || i + 1 == t.size()) return out;
    for (size_t k = i + 1; k < t.size(); ++k)
      if (t[k] != '0') return out;
    out.spelled = true;
  }
  out.ok = true;
  out.value = negative ? -v : v;
  return out;
}

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Converts a list's sheet, a row at a time, into typed cells.
class SheetReader {
 public:
  SheetReader(const spec::SpecVersion& v, const spec::ValueAliases& aliases) : spec_(v), aliases_(aliases) {}

  // Starts the list read from sheet `s` under `m`; its findings go to `findings`.
  AnnexList Start(const SheetHead& s, const SheetMatch& m, const std::string& origin, Findings* findings) {
    findings_ = findings;
    AnnexList out;
    out.spec = spec_.FindList(m.list);
    out.sources = {origin};
    const size_t n = out.spec->columns.size();
    for (size_t i = 0; i < n; ++i)
      out.column_origin.push_back(m.sheet_col[i] ? s.At(m.header_row, m.sheet_col[i]).ToText() + " (column " +
                                                       ColumnLetters(m.sheet_col[i]) + ")"
                                                 : "");
    resolvers_.clear();
    resolvers_.resize(n);
    for (size_t i = 0; i < n; ++i)
      if (const spec::CodeSet* set = spec_.FindCodeSet(out.spec->columns[i].code_set))
        resolvers_[i] = std::make_unique<mapping::CodeResolver>(*set, aliases_, nullptr, out.spec->columns[i].key);
    // A column repeats a handful of codes over every row: each distinct
    // text is looked up in its code set once.
    codes_.assign(n, {});
    Restart(n);
    sheet_col_ = m.sheet_col;
    header_row_ = m.header_row;
    return out;
  }

  // Adds sheet row `r` (its cells by column from `at`) when it is below the
  // header and holds a value in one of the list's columns.
  template <typename CellAt>
  void AddRow(AnnexList& out, int r, const CellAt& at) {
    if (r <= header_row_) return;
    bool any = false;
    for (int c : sheet_col_) any = any || (c && !at(c).empty());
    if (!any) return;
    ++out.account.read;
    AnnexRow& row = out.rows.emplace_back();
    row.source_row = r;
    row.cells.resize(out.spec->columns.size());
    const auto list_row = static_cast<int64_t>(out.rows.size());
    for (size_t i = 0; i < out.spec->columns.size(); ++i) {
      if (!sheet_col_[i]) continue;
      Convert(out, i, at(sheet_col_[i]), list_row, r, row.cells[i]);
    }
  }

  // Forgets what was learnt of the date columns and the spellings counted
  // (the sheet is read again).
  void Restart(size_t columns) {
    date_columns_.clear();
    date_columns_.resize(columns);
    spellings_.clear();
    spellings_.resize(columns);
  }

  // Ends the list: each date column judged as a whole (ResolveDateOrder);
  // one code-spelling finding per column and spelling, with its rows
  // counted (not one per row: a column of "WBRI" is one finding).
  void Finish(AnnexList& out) {
    out.account.included = out.account.read;
    for (size_t col = 0; col < date_columns_.size(); ++col) ResolveDateOrder(out, col);
    for (size_t col = 0; col < spellings_.size(); ++col)
      for (const auto& [text, seen] : spellings_[col]) {
        const std::string rows = seen.count == 1 ? " in 1 row" : " in " + std::to_string(seen.count) + " rows, the first shown";
        Report(out, col, seen.list_row, seen.sheet_row, kinds::kCodeSpelling, text,
               "'" + text + "' is not Ofsted's spelling; read as '" + *seen.display + "' (" +
                   out.spec->columns[col].header + ")" + rows);
      }
    for (auto& m : spellings_) m.clear();
  }

  // The whole list from a sheet loaded whole.
  AnnexList Read(const Sheet& s, const SheetHead& head, const SheetMatch& m, const std::string& origin,
                 Findings* findings) {
    AnnexList out = Start(head, m, origin, findings);
    out.rows.reserve(static_cast<size_t>(std::max(0, s.max_row() - m.header_row)));
    for (int r = m.header_row + 1; r <= s.max_row(); ++r) AddRow(out, r, [&](int c) { return s.At(r, c); });
    Finish(out);
    return out;
  }

 private:
  void Report(const AnnexList& l, size_t col, int64_t list_row, int sheet_row, FindingKind kind, std::string_view value,
              const std::string& message) {
    Finding f = At(kind, message, l.spec->number, l.sources[0]);
    f.list_row = list_row;
    f.column = l.spec->columns[col].key;
    f.value = std::string(value);
    f.source_row = sheet_row;
    f.source_column = l.column_origin[col];
    findings_->push_back(std::move(f));
  }

  static void SetText(CellValue& out, std::string_view text) {
    out.kind = text.empty() ? CellValue::Kind::kBlank : CellValue::Kind::kText;
    out.text.assign(text);
  }

  // Sets `out` (blank) to the value of `cell` in column `col`.
  void Convert(const AnnexList& l, size_t col, const CellView& cell, int64_t list_row, int sheet_row, CellValue& out) {
    const ColumnSpec& c = l.spec->columns[col];
    if (cell.empty()) return;
    if (cell.kind == CellKind::kError) {
      Report(l, col, list_row, sheet_row, kinds::kExcelError, cell.text,
             "'" + c.header + "' holds the spreadsheet error " + std::string(cell.text));
      return;
    }
    // A date cell (a number the workbook formats as a date) is a date. A
    // number without a date format in a date column is not: 17.5 or 3
    // typed where a date belongs would otherwise pass as a 1900 date.
    if (c.type == ColumnType::kDate && cell.kind == CellKind::kDate) {
      if (std::optional<CivilDate> d = cell.AsDate()) {
        out.kind = CellValue::Kind::kDate;
        out.date = *d;
        return;
      }
    }
    if (c.type == ColumnType::kDate && cell.kind == CellKind::kNumber) {
      const std::string number = cell.ToText();
      Report(l, col, list_row, sheet_row, kinds::kBadDate, number,
             "'" + c.header + "' holds the number " + number +
                 " in a cell not formatted as a date; a date column needs dates (format the cell as a date only "
                 "if the number is an Excel day number)");
      return SetText(out, number);
    }
    if (c.type == ColumnType::kInteger && cell.kind == CellKind::kNumber) {
      const double v = cell.number;
      if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
        out.kind = CellValue::Kind::kInteger;
        out.integer = static_cast<int64_t>(v);
        return;
      }
    }
    std::string owned;  // the text of a cell that is not a string
    if (cell.kind != CellKind::kString) owned = cell.ToText();
    const std::string_view text = Trim(cell.kind == CellKind::kString ? cell.text : std::string_view(owned));
    switch (c.type) {
      case ColumnType::kDate: {
        std::optional<CivilDate> d;
        if (cell.kind != CellKind::kDate && cell.kind != CellKind::kNumber) d = ParseDate(text, DefaultDateFormats());
        // Text of numbers in day, month and year: which orders it is a date in.
        if (cell.kind == CellKind::kString && !text.empty() && text[0] >= '0' && text[0] <= '9') {
          const std::optional<CivilDate> day_first = ParseDate(text, DayFirstFormats());
          const std::optional<CivilDate> month_first = ParseDate(text, MonthFirstFormats());
          DateColumn& dc = date_columns_[col];
          const size_t row = static_cast<size_t>(list_row - 1);
          if (day_first && !month_first) {
            if (dc.day_first_only++ == 0) dc.day_first_example.assign(text);
          } else if (month_first && !day_first) {
            // Not a date day-first (12/25/2020): judged with its column at the end.
            dc.month_first_only.push_back({row, sheet_row, std::string(text)});
            return SetText(out, text);
          } else if (day_first && month_first && *day_first != *month_first) {
            dc.either.push_back({row, sheet_row, std::string(text)});
          }
        }
        if (d) {
          out.kind = CellValue::Kind::kDate;
          out.date = *d;
          return;
        }
        Report(l, col, list_row, sheet_row, kinds::kBadDate, text,
               "'" + std::string(text) + "' is not a date (" + c.header + ")");
        return SetText(out, text);
      }
      case ColumnType::kInteger: {
        if (cell.kind != CellKind::kNumber) {
          // Text: digits ("3", "-1"), or digits and a fraction of zeros
          // ("3.0", what a number becomes through a spreadsheet), read as
          // the whole number with a finding. Anything else ("3.5", "1e1",
          // "0x1A", "three") is not a whole number.
          const WholeText w = ReadWholeText(text);
          if (w.ok) {
            out.kind = CellValue::Kind::kInteger;
            out.integer = w.value;
            if (w.spelled)
              Report(l, col, list_row, sheet_row, kinds::kNumberSpelling, text,
                     "'" + std::string(text) + "' is written with a fraction of zero; read as " +
                         std::to_string(w.value) + " (" + c.header + ")");
            return;
          }
        }
        Report(l, col, list_row, sheet_row, kinds::kBadInteger, text,
               "'" + std::string(text) + "' is not a whole number (" + c.header + ")");
        return SetText(out, text);
      }
      case ColumnType::kCode: {
        auto& memo = codes_[col];
        auto known = memo.find(text);
        if (known == memo.end()) {
          const spec::CodeSet* set = spec_.FindCodeSet(c.code_set);
          known = memo.emplace(std::string(text), set ? set->Find(text) : nullptr).first;
        }
        if (known->second) return SetText(out, known->second->display);
        if (const mapping::CodeResolver* resolver = resolvers_[col].get()) {
          if (const std::string* d = resolver->Resolve(text)) {
            auto [it, fresh] = spellings_[col].try_emplace(std::string(text));
            if (fresh) it->second = {d, 0, list_row, sheet_row};
            ++it->second.count;
            return SetText(out, *d);
          }
        }
        Report(l, col, list_row, sheet_row, kinds::kNotACode, text,
               "'" + std::string(text) + "' is not a value of " + c.code_set + " (" + c.header + ")");
        return SetText(out, text);
      }
      default:
        return SetText(out, text);
    }
  }

  // A text date seen in a date column, kept until the column is judged.
  struct PendingDate {
    size_t row;     // index in the list's rows
    int sheet_row;  // for findings
    std::string text;
  };
  // What a date column's text dates say about their order.
  struct DateColumn {
    int64_t day_first_only = 0;            // 25/12/2020: a date only day-first
    std::string day_first_example;
    std::vector<PendingDate> month_first_only;  // 12/25/2020: a date only month-first
    std::vector<PendingDate> either;            // 03/04/2020: a date both ways, different dates
  };

  static const std::vector<std::string>& DayFirstFormats() {
    static const std::vector<std::string> k = {"D/M/YYYY", "D-M-YYYY", "D.M.YYYY"};
    return k;
  }
  static const std::vector<std::string>& MonthFirstFormats() {
    static const std::vector<std::string> k = {"M/D/YYYY", "M-D-YYYY", "M.D.YYYY"};
    return k;
  }

  // A date column is judged as a whole. When some of its text dates are
  // dates only month-first (12/25/2020) and none only day-first, the column
  // was written month first (a US-locale export): that is said once for the
  // column, and every date of it that reads both ways is read month-first,
  // none day-first. Otherwise a date only month-first is not a date
  // (bad-date), as Ofsted's lists are day-first.
  void ResolveDateOrder(AnnexList& out, size_t col) {
    DateColumn& dc = date_columns_[col];
    const ColumnSpec& c = out.spec->columns[col];
    if (dc.month_first_only.empty()) return;
    if (dc.day_first_only > 0) {
      for (const PendingDate& p : dc.month_first_only)
        Report(out, col, static_cast<int64_t>(p.row) + 1, p.sheet_row, kinds::kBadDate, p.text,
               "'" + p.text + "' is not a date (" + c.header + "; it would be month first, but the column also holds " +
                   dc.day_first_example + ", which is day first)");
      return;
    }
    auto reread = [&](const PendingDate& p) {
      CellValue& cell = out.rows[p.row].cells[col];
      cell = CellValue();
      cell.kind = CellValue::Kind::kDate;
      cell.date = *ParseDate(p.text, MonthFirstFormats());
    };
    for (const PendingDate& p : dc.month_first_only) reread(p);
    for (const PendingDate& p : dc.either) reread(p);
    const PendingDate& first = dc.month_first_only.front();
    Finding f = At(kinds::kMonthFirstDates,
                   "'" + c.header + "' (" + out.column_origin[col] + ") is written month first: " +
                       std::to_string(dc.month_first_only.size()) + " of its dates are dates only month first ('" +
                       first.text + "', row " + std::to_string(first.sheet_row) + ") and none only day first; " +
                       std::to_string(dc.month_first_only.size() + dc.either.size()) +
                       " were read month first, none day first. Write the column DD/MM/YYYY (or as date cells)",
                   out.spec->number, out.sources[0]);
    f.column = c.key;
    f.value = first.text;
    f.source_row = first.sheet_row;
    f.source_column = out.column_origin[col];
    findings_->push_back(std::move(f));
  }

  const spec::SpecVersion& spec_;
  const spec::ValueAliases& aliases_;
  std::vector<DateColumn> date_columns_;  // per column of the list being read
  // The list being read.
  Findings* findings_ = nullptr;
  std::vector<int> sheet_col_;
  int header_row_ = 0;
  std::vector<std::unique_ptr<mapping::CodeResolver>> resolvers_;  // per column, code columns only
  struct Seen {
    const std::string* display = nullptr;
    int64_t count = 0;
    int64_t list_row = 0;
    int sheet_row = 0;
  };
  // Per column: spellings read by the resolver, in order of their text.
  std::vector<std::map<std::string, Seen>> spellings_;
  // Per column: text -> code.
  std::vector<std::unordered_map<std::string, const spec::CodeValue*, TextHash, std::equal_to<>>> codes_;
};

// Streams sheets a row at a time, on as many handles on the workbook as
// there are threads reading it.
class SheetStreamer {
 public:
  explicit SheetStreamer(sources::Workbook& wb) : wb_(wb) {}

  // Every sheet's head, streaming only the first rows. nullopt when a
  // sheet fails to read or its rows are out of order (then load them whole).
  std::optional<std::vector<SheetHead>> Heads() {
    std::vector<SheetHead> heads;
    for (size_t i = 0; i < wb_.SheetNames().size(); ++i) {
      SheetHead& head = heads.emplace_back(wb_.SheetNames()[i]);
      int last = 0;
      bool stopped = false, disorder = false;
      Status s = wb_.StreamSheet(
          static_cast<int>(i),
          [&](const SheetRow& row) {
            disorder = row.number() <= last;
            stopped = disorder || row.number() > kHeaderSearchRows;
            if (stopped) return Status(StatusCode::kInternal, "stop");  // the rest is not needed
            last = row.number();
            head.AddRow(row.number(), row.max_col(), [&row](int c) { return row.At(c); });
            return Status::Ok();
          },
          [&] {
            head.Clear();
            last = 0;
          },
          kHeadSliceBytes);
      if (disorder || (!s.ok() && !stopped)) return std::nullopt;
    }
    return heads;
  }

  // Whether handle `handle` can stream (0: the workbook; 1: a second
  // handle, opened here for the thread that calls this).
  bool Ready(int handle) {
    if (handle == 0) return true;
    if (handle > 1) return false;
    Result<sources::Workbook> opened = wb_.OpenAgain();
    if (opened.ok()) again_ = std::make_unique<sources::Workbook>(std::move(opened).value());
    return opened.ok();
  }

  // Streams sheet `index` on a Ready handle; `row` and `restart` as for
  // StreamSheet. kInternal kDisorder when a row is not below the one before.
  Status Stream(int handle, size_t index, const std::function<void(const SheetRow&)>& row,
                const std::function<void()>& restart) {
    sources::Workbook* wb = handle == 0 ? &wb_ : again_.get();
    int last = 0;
    return wb->StreamSheet(
        static_cast<int>(index),
        [&](const SheetRow& r) {
          if (r.number() <= last) return Status(StatusCode::kInternal, kDisorder);
          last = r.number();
          row(r);
          return Status::Ok();
        },
        [&] {
          last = 0;
          restart();
        });
  }

  static bool IsDisorder(const Status& s) { return s.code() == StatusCode::kInternal && s.message() == kDisorder; }

  uint64_t SizeHint(size_t index) const { return wb_.SheetSizeHint(static_cast<int>(index)); }

 private:
  static constexpr const char* kDisorder = "rows out of order";
  sources::Workbook& wb_;
  std::unique_ptr<sources::Workbook> again_;
};

// Chooses the version: the one whose lists the sheets fill best.
const spec::SpecVersion* ChooseVersion(const std::vector<SheetHead>& heads,
                                       const std::vector<const spec::SpecVersion*>& candidates,
                                       const std::string& forced, std::vector<SheetMatch>* matches) {
  const spec::SpecVersion* chosen = nullptr;
  double best_fraction = -1;
  int best_matched = -1;
  for (const spec::SpecVersion* v : candidates) {
    if (forced != "auto" && v->id != forced) continue;
    const HeaderForms forms(*v);
    double fraction = 0;
    int matched = 0;
    std::vector<SheetMatch> of_version;
    for (const SheetHead& s : heads) {
      SheetMatch m = MatchSheet(s, *v, forms);
      fraction += m.fraction;
      matched += m.matched;
      of_version.push_back(std::move(m));
    }
    if (fraction > best_fraction + 1e-9 || (std::fabs(fraction - best_fraction) <= 1e-9 && matched > best_matched)) {
      chosen = v;
      best_fraction = fraction;
      best_matched = matched;
      *matches = std::move(of_version);
    }
  }
  return chosen;
}

// The sheet-level findings for sheet `s`, read as list `idx` under `m`.
void ReportSheetShape(const SheetHead& s, const SheetMatch& m, const spec::ListSpec& ls, const std::string& origin,
                      Findings* findings) {
  if (s.name() != ls.sheet)
    findings->push_back(At(kinds::kSheetName,
                           ls.title + " was found on sheet '" + s.name() + "', not Ofsted's '" + ls.sheet + "'", m.list,
                           origin));
  for (size_t c = 0; c < ls.columns.size(); ++c) {
    if (!m.sheet_col[c]) {
      findings->push_back(At(kinds::kMissingColumn,
                             "sheet '" + s.name() + "' has no column '" + ls.columns[c].header + "'", m.list, origin));
      continue;
    }
    // A header found by its match form or an alias, not as Ofsted spells it.
    const std::string header(Trim(s.At(m.header_row, m.sheet_col[c]).ToText()));
    if (header == Trim(ls.columns[c].header)) continue;
    const std::string letters = ColumnLetters(m.sheet_col[c]);
    Finding f = At(kinds::kHeaderSpelling,
                   "sheet '" + s.name() + "' column " + letters + " '" + header + "' was read as '" +
                       std::string(Trim(ls.columns[c].header)) + "'",
                   m.list, origin);
    f.column = ls.columns[c].key;
    f.value = header;
    f.source_row = m.header_row;
    f.source_column = header + " (column " + letters + ")";
    findings->push_back(std::move(f));
  }
  for (int c = 1; c <= s.max_col(); ++c) {
    const std::string header(Trim(s.At(m.header_row, c).ToText()));
    if (header.empty() || std::find(m.sheet_col.begin(), m.sheet_col.end(), c) != m.sheet_col.end()) continue;
    findings->push_back(At(kinds::kExtraColumn,
                           "sheet '" + s.name() + "' column " + ColumnLetters(c) + " '" + header +
                               "' is not an Annex A column of " + ls.title,
                           m.list, origin));
  }
}

// What reading one sheet gave.
struct SheetResult {
  Status status;
  AnnexList list;     // when the sheet is a list's
  Findings findings;  // made reading it
};

// Which list each sheet is read as.
struct Plan {
  const spec::SpecVersion* spec = nullptr;
  std::vector<SheetMatch> matches;  // per sheet
  std::vector<bool> read;           // per sheet: the sheet a list is read from
  std::vector<int> best_sheet;      // per list of the spec: the sheet read, or -1

  size_t IndexOf(int number) const {
    size_t idx = 0;
    while (spec->lists[idx].number != number) ++idx;
    return idx;
  }
};

// Each list is read from the sheet that matches it best (the earlier sheet
// on a tie); other sheets matching it are reported, not read.
std::optional<Plan> PlanReading(const std::vector<SheetHead>& heads,
                                const std::vector<const spec::SpecVersion*>& candidates, const std::string& forced) {
  Plan p;
  p.spec = ChooseVersion(heads, candidates, forced, &p.matches);
  if (!p.spec) return std::nullopt;
  p.best_sheet.assign(p.spec->lists.size(), -1);
  for (size_t i = 0; i < heads.size(); ++i) {
    const SheetMatch& m = p.matches[i];
    if (m.list == 0) continue;  // guidance, front sheet, code lists ...
    int& best = p.best_sheet[p.IndexOf(m.list)];
    if (best < 0 || m.fraction > p.matches[static_cast<size_t>(best)].fraction) best = static_cast<int>(i);
  }
  p.read.assign(heads.size(), false);
  for (size_t i = 0; i < heads.size(); ++i)
    p.read[i] = p.matches[i].list != 0 && p.best_sheet[p.IndexOf(p.matches[i].list)] == static_cast<int>(i);
  return p;
}

// Streams every sheet (a list's sheet converted, any other only for its
// errors, as a whole load would meet them) on two threads, the largest
// sheets first.
std::vector<SheetResult> StreamSheets(const std::string& path, const std::vector<SheetHead>& heads, const Plan& plan,
                                      SheetStreamer& streamer, const spec::ValueAliases& aliases) {
  std::vector<SheetResult> results(heads.size());
  std::vector<size_t> order(heads.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<uint64_t> size(heads.size());
  for (size_t i = 0; i < heads.size(); ++i) size[i] = streamer.SizeHint(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return size[a] > size[b]; });
  std::atomic<int> handles{0};
  std::atomic<size_t> next{0};
  RunOnTwoThreads([&] {
    const int handle = handles++;
    if (!streamer.Ready(handle)) return;  // the other thread reads every sheet
    SheetReader reader(*plan.spec, aliases);
    for (size_t k; (k = next++) < order.size();) {
      const size_t i = order[k];
      SheetResult& r = results[i];
      if (!plan.read[i]) {
        r.status = streamer.Stream(handle, i, [](const SheetRow&) {}, [] {});
        continue;
      }
      r.list = reader.Start(heads[i], plan.matches[i], path + "#" + heads[i].name(), &r.findings);
      r.status = streamer.Stream(
          handle, i, [&](const SheetRow& row) { reader.AddRow(r.list, row.number(), [&row](int c) { return row.At(c); }); },
          [&] {  // the sheet is read again from the top
            r.list.rows.clear();
            r.list.account.read = 0;
            r.findings.clear();
            reader.Restart(r.list.spec->columns.size());
          });
      reader.Finish(r.list);
    }
  });
  return results;
}

// Reads the workbook given its sheets' heads. `sheets` are the sheets
// loaded whole, or empty to stream them; a streamed sheet found out of
// order returns kInternal (SheetStreamer::IsDisorder).
Result<ReadWorkbook> ReadLists(const std::string& path, const std::vector<SheetHead>& heads,
                               const std::vector<const Sheet*>& sheets, SheetStreamer& streamer,
                               const std::vector<const spec::SpecVersion*>& candidates, const std::string& forced,
                               const spec::ValueAliases& aliases, Findings* findings) {
  const std::optional<Plan> plan = PlanReading(heads, candidates, forced);
  if (!plan) return InvalidArgument("no spec version '" + forced + "'");
  const spec::SpecVersion* chosen = plan->spec;
  std::vector<SheetResult> results;
  if (sheets.empty()) {
    results = StreamSheets(path, heads, *plan, streamer, aliases);
  } else {
    results.resize(heads.size());
    SheetReader reader(*chosen, aliases);
    for (size_t i = 0; i < heads.size(); ++i)
      if (plan->read[i])
        results[i].list =
            reader.Read(*sheets[i], heads[i], plan->matches[i], path + "#" + heads[i].name(), &results[i].findings);
  }
  ReadWorkbook out;
  out.spec = chosen;
  out.lists.resize(chosen->lists.size());
  out.sheet_of_list.resize(chosen->lists.size());
  for (size_t i = 0; i < heads.size(); ++i) {
    SheetResult& r = results[i];
    if (!r.status.ok()) return r.status;  // the first sheet in order that failed, as a whole load meets it
    const SheetHead& s = heads[i];
    const SheetMatch& m = plan->matches[i];
    if (m.list == 0) continue;
    const size_t idx = plan->IndexOf(m.list);
    const std::string origin = path + "#" + s.name();
    if (!plan->read[i]) {
      findings->push_back(At(kinds::kDuplicateListSheet,
                             "sheet '" + s.name() + "' also looks like " + chosen->lists[idx].title + " (read from '" +
                                 heads[static_cast<size_t>(plan->best_sheet[idx])].name() + "'); it was not read",
                             m.list, origin));
      continue;
    }
    out.sheet_of_list[idx] = s.name();
    out.lists[idx] = std::move(r.list);
    findings->Append(std::move(r.findings));
    ReportSheetShape(s, m, chosen->lists[idx], origin, findings);
  }
  for (size_t i = 0; i < chosen->lists.size(); ++i) {
    if (out.lists[i].spec) continue;
    out.lists[i].spec = &chosen->lists[i];
    findings->push_back(At(kinds::kMissingList,
                           "no sheet looks like " + chosen->lists[i].title + " (" + chosen->id + ")",
                           chosen->lists[i].number, path));
  }
  return out;
}

}  // namespace

Result<ReadWorkbook> ReadAnnexWorkbook(const std::string& path, const std::vector<const spec::SpecVersion*>& candidates,
                                       const std::string& forced, const spec::ValueAliases& aliases,
                                       Findings* findings) {
  Result<sources::Workbook> wb = sources::Workbook::Open(path);
  if (!wb.ok()) return wb.status();
  SheetStreamer streamer(*wb);
  if (std::optional<std::vector<SheetHead>> heads = streamer.Heads()) {
    // Into a Findings of their own, dropped (counts and all) when the
    // sheets must be read again whole.
    Findings streamed(findings->cap());
    Result<ReadWorkbook> read = ReadLists(path, *heads, {}, streamer, candidates, forced, aliases, &streamed);
    if (read.ok() || !SheetStreamer::IsDisorder(read.status())) {
      findings->Append(std::move(streamed));
      return read;
    }
  }
  // A sheet failed to read or was out of order: load every sheet whole
  // (the first that fails to read is the error), rows read in sorted order.
  std::vector<const Sheet*> sheets;
  std::vector<SheetHead> heads;
  for (size_t i = 0; i < wb->SheetNames().size(); ++i) {
    Result<const Sheet*> s = wb->SheetByIndex(static_cast<int>(i));
    if (!s.ok()) return s.status();
    sheets.push_back(*s);
    heads.push_back(HeadOf(**s));
  }
  return ReadLists(path, heads, sheets, streamer, candidates, forced, aliases, findings);
}

}  // namespace annexa::validate
