#include "contracts/contract_checks.h"

#include <optional>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/date_format.h"
#include "core/date_order.h"
#include "core/finding_kinds.h"
#include "core/header_row.h"
#include "core/text.h"

namespace annexa::contracts {

namespace {

// Messages name columns and source rows, never values: a finding's value
// field holds the value, which --pseudonymise rewrites (messages it does
// not).

// A contract's columns as indexes into its table.
struct Compiled {
  std::vector<int> key, required, dates;
  struct Ref {
    int column;
    std::string target;  // "people.PERSON_ID"
    const std::unordered_set<std::string_view>* values;  // views into the target table
  };
  std::vector<Ref> references;
  struct Order {
    int start, end;
    std::string cites;  // the rule the order enforces, or ""
  };
  std::vector<Order> dates_in_order;
  struct Code {
    int column;
    std::string map;
    std::unordered_set<std::string> accepted;  // MatchForm of its keys and targets
    bool any = false;                          // the map has a "*" entry
  };
  std::vector<Code> codes;
  std::vector<std::string> date_formats;
  // Per `dates` column, read with the default formats: it writes dates
  // month first (core/date_order.h), so its numeric dates are not read.
  std::vector<bool> month_first;
  Findings order_findings;  // one month-first-dates finding per such column
};

// `expected`: every column the contract names in this table (so that a
// header row matching none of them is not quoted: DescribeColumns).
Status NoColumn(const std::string& config_file, const std::string& source, const Table& t, const ContractColumn& c,
                const std::vector<std::string>& expected) {
  return InvalidArgument(Where(config_file, c.mark) + ": source '" + source + "': the contract names column '" + c.name +
                         "', which is not in " + t.origin + " (" + DescribeColumns(t, expected) + ")");
}

// The non-blank values of each referenced column, by "source.COLUMN": built
// once however many sources reference it.
using ValueSets = std::map<std::string, std::unordered_set<std::string_view>>;

Result<Compiled> Compile(const std::string& config_file, const std::string& name, const SourceContract& c,
                         const CodeMaps& code_maps, const std::map<std::string, Table>& tables, ValueSets* sets) {
  const Table& t = tables.at(name);
  Compiled out;
  std::optional<Status> failed;
  // The columns the contract names in this source.
  std::vector<std::string> own;
  for (const auto* cols : {&c.key, &c.required, &c.dates})
    for (const ContractColumn& col : *cols) own.push_back(col.name);
  for (const DatePair& p : c.dates_in_order) own.insert(own.end(), {p.start.name, p.end.name});
  for (const Reference& ref : c.references) own.push_back(ref.column.name);
  for (const CodeColumn& code : c.codes) own.push_back(code.column.name);
  auto index = [&](const Table& table, const std::string& source, const ContractColumn& col) {
    const int i = table.ColumnIndex(col.name);
    if (i < 0 && !failed)
      failed = NoColumn(config_file, source, table, col, &table == &t ? own : std::vector<std::string>{col.name});
    return i;
  };
  auto indexes = [&](const std::vector<ContractColumn>& cols) {
    std::vector<int> v;
    for (const ContractColumn& col : cols) v.push_back(index(t, name, col));
    return v;
  };
  out.key = indexes(c.key);
  out.required = indexes(c.required);
  out.dates = indexes(c.dates);
  for (const DatePair& p : c.dates_in_order) {
    out.dates_in_order.push_back({index(t, name, p.start), index(t, name, p.end), p.cites});
    // Both must be dates too: checked once each, with the `dates`.
    for (int col : {out.dates_in_order.back().start, out.dates_in_order.back().end})
      if (std::find(out.dates.begin(), out.dates.end(), col) == out.dates.end()) out.dates.push_back(col);
  }
  for (const Reference& ref : c.references) {
    auto it = tables.find(ref.target);
    if (it == tables.end()) {
      if (!failed)
        failed = InvalidArgument(Where(config_file, ref.target_column.mark) + ": source '" + name +
                                 "': the contract references source '" + ref.target + "', which was not loaded");
      continue;
    }
    const int tc = index(it->second, ref.target, ref.target_column);
    auto [set, fresh] = sets->try_emplace(ref.target + "." + ref.target_column.name);
    if (fresh && tc >= 0) {
      set->second.reserve(it->second.size());
      for (size_t row = 0; row < it->second.size(); ++row)
        if (std::string_view v = it->second.cell(row, static_cast<size_t>(tc)); !v.empty()) set->second.insert(v);
    }
    out.references.push_back({index(t, name, ref.column), ref.target + "." + ref.target_column.name, &set->second});
  }
  for (const CodeColumn& code : c.codes) {
    Compiled::Code k{index(t, name, code.column), code.map, {}, false};
    if (auto m = code_maps.find(code.map); m != code_maps.end()) {
      for (const auto& [local, ofsted] : m->second) {
        if (local == "*") k.any = true;
        k.accepted.insert(MatchForm(local));
        k.accepted.insert(MatchForm(ofsted));
      }
    }
    out.codes.push_back(std::move(k));
  }
  out.date_formats = c.date_formats.empty() ? DefaultDateFormats() : c.date_formats;
  if (failed) return *failed;
  // Declared formats are trusted; the defaults read day first, so each
  // date column is judged as a whole first.
  out.month_first.assign(out.dates.size(), false);
  if (c.date_formats.empty()) {
    for (size_t i = 0; i < out.dates.size(); ++i) {
      const auto col = static_cast<size_t>(out.dates[i]);
      const DateColumnScan scan = ScanDateColumn(t, col);
      out.month_first[i] = scan.MonthFirst();
      if (scan.Reportable()) out.order_findings.push_back(DateOrderFinding(t, col, scan));
    }
  }
  return out;
}

// Rows by the hash of their cells in some columns, to find an earlier row
// equal in all of them without copying any text. Open addressing over one
// flat array sized once for every row of the table (each row is looked up
// once): a slot is 8 bytes, a 24-bit tag of the hash and the row + 1, so
// the index costs 16 bytes per row at most, where an unordered_multimap
// cost about 40 and an allocation per row (10 million rows: 160 MB, not
// 400 MB; issue 17).
class RowIndex {
 public:
  RowIndex(const Table& t, std::vector<int> cols) : t_(t), cols_(std::move(cols)) {
    if (cols_.empty()) return;
    size_t capacity = 16;
    while (capacity < t.size() * 2) capacity <<= 1;
    slots_.assign(capacity, 0);
  }

  // The first earlier row equal to `r` in the columns; else records `r`.
  // Called at most once per row.
  std::optional<size_t> Earlier(size_t r) {
    if (cols_.empty()) {  // no columns: every row equals the first
      if (first_) return *first_;
      first_ = r;
      return std::nullopt;
    }
    uint64_t h = 1469598103934665603ull;
    for (int c : cols_) h = (h ^ std::hash<std::string_view>{}(Cell(r, c))) * 1099511628211ull;
    h ^= h >> 33;  // spread the bits (MurmurHash3's finaliser) before masking
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    const uint64_t tag = h >> kRowBits;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = (tag << kRowBits) | (static_cast<uint64_t>(r) + 1);
        return std::nullopt;
      }
      const size_t row = static_cast<size_t>(slot & kRowMask) - 1;
      if ((slot >> kRowBits) == tag && Equal(row, r)) return row;
    }
  }

 private:
  static constexpr int kRowBits = 40;  // rows up to 2^40 - 1: beyond any table that fits in memory
  static constexpr uint64_t kRowMask = (uint64_t{1} << kRowBits) - 1;

  std::string_view Cell(size_t r, int c) const { return t_.cell(r, static_cast<size_t>(c)); }
  bool Equal(size_t a, size_t b) const {
    for (int c : cols_)
      if (Cell(a, c) != Cell(b, c)) return false;
    return true;
  }

  const Table& t_;
  std::vector<int> cols_;
  std::vector<uint64_t> slots_;  // 0 = empty
  std::optional<size_t> first_;
};

std::vector<int> AllColumns(const Table& t) {
  std::vector<int> all(t.width());
  for (size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
  return all;
}

class Checker {
 public:
  Checker(const Table& t, const Compiled& c, const KnownCode& known, Findings* out)
      : t_(t), c_(c), known_(known), out_(out) {}

  // Checks every row; returns the rows that repeat an earlier row exactly.
  std::vector<bool> Run() {
    std::vector<bool> duplicate(t_.size(), false);
    RowIndex rows(t_, AllColumns(t_)), keys(t_, c_.key);
    for (size_t r = 0; r < t_.size(); ++r) {
      if (std::optional<size_t> first = rows.Earlier(r)) {
        duplicate[r] = true;
        Report(kinds::kSourceDuplicateRow, r, -1,
               "repeats " + Record(*first) + " exactly: reported, kept once (this copy is left out)");
        continue;
      }
      CheckRow(r, &keys);
    }
    return duplicate;
  }

 private:
  std::string Record(size_t r) const {
    return "source row " + std::to_string(t_.source_rows[r]) + " (record " + std::to_string(r + 1) + ")";
  }

  void Report(FindingKind kind, size_t r, int col, std::string message, bool with_value = false) {
    Finding f = MakeFinding(kind, Record(r) + " of source '" + t_.name + "': " + message);
    f.source = t_.OriginOf(r);
    f.source_row = t_.source_rows[r];
    if (col >= 0) {
      f.source_column = t_.headers[static_cast<size_t>(col)];
      if (with_value) f.value = std::string(t_.cell(r, static_cast<size_t>(col)));
    }
    out_->push_back(std::move(f));
  }

  std::string_view Cell(size_t r, int col) const { return t_.cell(r, static_cast<size_t>(col)); }
  std::string Header(int col) const { return "'" + t_.headers[static_cast<size_t>(col)] + "'"; }

  void CheckRow(size_t r, RowIndex* keys) {
    bool key_blank = false;
    std::vector<int> blank_reported;
    for (int col : c_.key) {
      if (!Cell(r, col).empty()) continue;
      key_blank = true;
      blank_reported.push_back(col);
      Report(kinds::kSourceMissingValue, r, col, "key column " + Header(col) + " is blank");
    }
    if (!c_.key.empty() && !key_blank) {
      if (std::optional<size_t> first = keys->Earlier(r))
        Report(kinds::kSourceDuplicateKey, r, c_.key.front(), "the key repeats that of " + Record(*first), true);
    }
    for (int col : c_.required) {
      if (!Cell(r, col).empty() || std::find(blank_reported.begin(), blank_reported.end(), col) != blank_reported.end())
        continue;
      blank_reported.push_back(col);
      Report(kinds::kSourceMissingValue, r, col, "required column " + Header(col) + " is blank");
    }
    for (const Compiled::Ref& ref : c_.references) {
      const std::string_view v = Cell(r, ref.column);
      if (!v.empty() && !ref.values->count(v))
        Report(kinds::kSourceOrphan, r, ref.column, Header(ref.column) + " is not a value of " + ref.target, true);
    }
    std::vector<std::optional<CivilDate>> parsed(c_.dates.size());
    for (size_t i = 0; i < c_.dates.size(); ++i) {
      const std::string_view v = Cell(r, c_.dates[i]);
      if (v.empty()) continue;
      if (c_.month_first[i] && OrderOf(v) != DateOrder::kNotNumeric) continue;  // reported once for the column
      parsed[i] = ParseDate(v, c_.date_formats);
      if (!parsed[i]) {
        Report(kinds::kSourceBadDate, r, c_.dates[i], Header(c_.dates[i]) + " is not a calendar date", true);
      } else if (parsed[i]->year() < 1901) {
        // A number in a date cell (Excel shows 3 as 1900-01-03), or a typo.
        parsed[i].reset();
        Report(kinds::kSourceBadDate, r, c_.dates[i], Header(c_.dates[i]) + " is before 1901, not a possible date",
               true);
      }
    }
    auto date_of = [&](int col) {
      return parsed[static_cast<size_t>(std::find(c_.dates.begin(), c_.dates.end(), col) - c_.dates.begin())];
    };
    for (const Compiled::Order& o : c_.dates_in_order) {
      const std::optional<CivilDate> s = date_of(o.start), e = date_of(o.end);
      if (s && e && *e < *s)
        Report(kinds::kSourceDateOrder, r, o.end,
               Header(o.end) + " is before " + Header(o.start) + (o.cites.empty() ? "" : " (" + o.cites + ")"), true);
    }
    for (const Compiled::Code& code : c_.codes) {
      const std::string_view v = Cell(r, code.column);
      if (code.any || v.empty() || code.accepted.count(MatchForm(v)) || (known_ && known_(code.map, v))) continue;
      Report(kinds::kSourceUnknownCode, r, code.column,
             Header(code.column) + " is not a code of code map '" + code.map + "'", true);
    }
  }

  const Table& t_;
  const Compiled& c_;
  const KnownCode& known_;
  Findings* out_;
};

}  // namespace

Status CheckSourceContracts(const std::string& config_file, const std::map<std::string, const SourceContract*>& contracts,
                            const CodeMaps& code_maps, const KnownCode& known_code,
                            std::map<std::string, Table>* tables, Findings* findings, DroppedDuplicates* dropped) {
  // Every source is checked before any is changed: references read the
  // other tables as they were read.
  std::vector<std::pair<std::string, std::vector<bool>>> drops;
  ValueSets sets;
  for (const auto& [name, contract] : contracts) {
    if (!tables->count(name)) continue;
    Result<Compiled> compiled = Compile(config_file, name, *contract, code_maps, *tables, &sets);
    if (!compiled.ok()) return compiled.status();
    for (Finding& f : compiled->order_findings) findings->push_back(std::move(f));
    std::vector<bool> duplicate = Checker(tables->at(name), *compiled, known_code, findings).Run();
    if (std::find(duplicate.begin(), duplicate.end(), true) != duplicate.end())
      drops.emplace_back(name, std::move(duplicate));
  }
  for (auto& [name, duplicate] : drops) {
    (*dropped)[name] = static_cast<int64_t>(std::count(duplicate.begin(), duplicate.end(), true));
    tables->at(name).DropRows(duplicate);
  }
  return Status::Ok();
}

}  // namespace annexa::contracts
