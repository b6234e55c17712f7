// The inside of BuildList (list_builder.h), shared by the files that
// implement it: list_builder.cc (compiling a list's config against its
// tables, and the row loop), list_related.cc (related rows: join candidates,
// all/any/none tests, exclusions) and list_cells.cc (taking, converting and
// windowing each cell). Not for use outside src/mapping.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/date_format.h"
#include "core/date_order.h"
#include "core/finding_kinds.h"
#include "core/text.h"
#include "core/yaml_adapter.h"
#include "mapping/code_resolver.h"
#include "mapping/derive.h"
#include "mapping/join_index.h"
#include "mapping/list_builder.h"
#include "mapping/postcode_area.h"
#include "mapping/related_rows.h"

namespace annexa::mapping::list_internal {

using spec::ColumnSpec;
using spec::ColumnType;

inline constexpr size_t kNoRow = static_cast<size_t>(-1);

struct Ref {
  int slot = 0;  // 0 = the base table, k = the k-th join
  int col = -1;
};

// Related rows found by key, filter and dates (related_rows.h), with the
// base-side columns their dates are read from.
struct CompiledRelated {
  std::optional<RelatedIndex> index;
  Ref left;
  bool dated = false;
  Ref during_start, during_end, as_of;
  bool has_during_end = false, as_of_reference = false;
  // The base-side date columns written month first (core/date_order.h):
  // their numeric dates are not read.
  bool during_start_mf = false, during_end_mf = false, as_of_mf = false;
};

struct CompiledTest {
  const RelatedTest* test = nullptr;
  CompiledRelated rows;
  std::optional<RowFilter> passes;  // all / any / none: the test on each related row
};

struct CompiledRule {
  const ColumnRule* rule = nullptr;  // nullptr: the column is not mapped
  std::vector<Ref> refs;
  std::unique_ptr<CodeResolver> resolver;
  std::vector<std::string> date_formats;
  // Per ref: its source column writes dates month first while the rule
  // reads the default (day-first) formats, so its numeric dates are not
  // read (core/date_order.h; reported once for the column).
  std::vector<bool> month_first;
  std::optional<RelatedLookup> lookup;
  std::vector<std::pair<Ref, CompiledCondition>> when;  // all must hold, else the rule's `else`
  std::optional<CompiledTest> related;  // derive: related
  int age_from = -1;  // spec column index of the date of birth
  // derive: postcode_in: the list column holding the postcode, and the
  // council's listed areas (mapping/postcode_area.h).
  int postcode_from = -1;
  std::optional<PostcodeAreas> postcode_areas;
  // Why a rule the config gives is treated as not mapped ("" when it is not).
  std::string not_mapped_why;
  std::string origin;  // the source column(s) or rule, for findings
};

struct CompiledJoin {
  const JoinConfig* config = nullptr;
  const Table* table = nullptr;
  Ref left;
  const std::unordered_map<std::string_view, size_t>* index = nullptr;  // key (into the table) -> chosen row
  // A join with `where` or `dates`: candidates found per base row instead.
  std::optional<CompiledRelated> related;
  std::vector<CompiledTest> tests;  // over each candidate's own related rows
  int by = -1;
  bool by_month_first = false;  // `by` writes its dates month first: its numeric dates are not read
};

// Where a value came from: a row of the base table or of a joined one.
struct Provenance {
  const Table* table = nullptr;
  size_t row = 0;
  std::string_view column;  // a config or rule string that outlives the build
};

// A source value read as a code by a rule other than the council's own map
// or Ofsted's own spelling ("WBRI - White British", "6.0"): reported once
// per list, column and spelling, with its rows counted.
struct Spelling {
  size_t column = 0;
  std::string_view raw;  // into the tables, which outlive the build
  const std::string* display = nullptr;
};

struct Candidate {
  AnnexRow row;
  size_t base_row = 0;
  std::vector<Finding> findings;
  std::vector<std::pair<Spelling, Provenance>> spellings;
  std::vector<size_t> finding_order;  // per finding: its column, derived ones after rules_.size()
  std::vector<std::pair<size_t, Provenance>> elsewhere;  // cells taken from a joined row, by column
};

// Dates before this are impossible in Annex A: they come from a number in
// a date column (an Excel day number 3 shows as 1900-01-03) or a typo.
inline constexpr CivilDate kEarliestDate(1901, 1, 1);

// How a whole number read by ParseInteger was spelled when it was not
// plain digits: "3.0" -> ".0", "12.00" -> ".00", "3e0" -> "e0"; empty for
// plain digits.
std::string IntegerSpelling(std::string_view s);
// A whole number, also when written "3.0" (from a spreadsheet); nullopt else.
std::optional<int64_t> ParseInteger(std::string_view s);
// "ex1  2ab" -> "EX1 2AB"; anything that does not look like a postcode as it was.
std::string NormalisePostcode(std::string_view raw);

class ListBuilder {
 public:
  ListBuilder(const BuildContext& ctx, const ListConfig& list, Findings* findings)
      : ctx_(ctx), list_(list), findings_(findings) {}

  Status Prepare();
  AnnexList Run();

 private:
  std::string WhereText(const YamlMark& mark, const std::string& what) const {
    const std::string name = list_.number == spec::kAuditedCasesList ? "'audit'" : "List " + std::to_string(list_.number);
    return Where(ctx_.config.file, mark) + ": " + name + " " + what;
  }
  Status ResolveRef(const std::string& name, size_t max_slot, const std::string& where, Ref* out) const;
  std::string_view Get(const Ref& ref, const std::vector<size_t>& rows) const;
  // Whether every `when` condition of the rule holds for the row.
  bool WhenHolds(const CompiledRule& rule, const std::vector<size_t>& rows) const {
    for (const auto& [ref, cond] : rule.when)
      if (!cond.Passes(Get(ref, rows))) return false;
    return true;
  }
  Status CompileRule(size_t index, CompiledRule* out);
  // Per spec column, whether it is filled (BuildContext::keep_columns).
  std::vector<bool> KeptColumns() const;
  // derive: postcode_in: the council's listed areas, each entry that is no
  // postcode part reported at its source row.
  Status CompilePostcodeAreas(size_t index, const std::string& where, CompiledRule* out);
  // `month_first`: the value's source column writes dates month first
  // (CompiledRule::month_first): a numeric date of it is kept as text.
  // `from_data`: `raw` is a source value (not the config's constant or a
  // derived Yes/No), so a non-exact reading of it is reported.
  CellValue Convert(size_t index, std::string_view raw, const Provenance& from, Candidate* c,
                    bool month_first = false, bool from_data = false) const;
  // The scan of a source date column read with the default formats; its
  // month-first-dates finding is made here, once per list (the pack keeps
  // one per column).
  const DateColumnScan& ScanDates(const Table& t, int col) const;
  // Whether the source column `ref` reads writes its dates month first.
  bool MonthFirst(const Ref& ref) const {
    const Table& t = ref.slot == 0 ? *base_ : *joins_[static_cast<size_t>(ref.slot - 1)].table;
    return ref.col >= 0 && ScanDates(t, ref.col).MonthFirst();
  }
  Provenance BaseProvenance(size_t base_row, std::string_view column) const { return {base_, base_row, column}; }
  void Exclude(const std::string& reason, AnnexList* out) { ++out->account.excluded[reason]; }
  Finding SourceFinding(FindingKind kind, const std::string& message, const Provenance& from, const std::string& column,
                        const std::string& value) const;
  bool InWindow(const Candidate& c, const std::vector<size_t>& slot_rows, AnnexList* out);
  // Fills taken or constant column i of base row r (derived columns and
  // unmapped ones are left alone).
  void Take(size_t i, size_t r, const std::vector<size_t>& slot_rows, Candidate* c) const;
  // Whether a row stays: it has an id and falls in the window; otherwise
  // it is excluded with its reason.
  bool Admit(const Candidate& c, const std::string& child, const std::vector<size_t>& slot_rows, AnnexList* out);
  Status CompileRelated(const Table& table, const std::string& left, const std::string& right,
                        const std::vector<Condition>& where, const DateMatch& dates, size_t max_slot,
                        const std::string& where_text, CompiledRelated* out) const;
  Status CompileTest(const RelatedTest& t, const std::string& where_text, CompiledTest* out) const;
  // The dates a related row must meet for this base row; false when the
  // base row has no date to meet (then no related row belongs to it).
  bool Bounds(const CompiledRelated& rel, const std::vector<size_t>& slot_rows, std::optional<DateBounds>* out) const;
  template <class F>
  void ForEachRelated(const CompiledRelated& rel, const std::vector<size_t>& slot_rows, F&& f) const {
    std::optional<DateBounds> bounds;
    if (Bounds(rel, slot_rows, &bounds)) rel.index->ForEach(Get(rel.left, slot_rows), bounds, f);
  }
  // The row a join with `where` or `dates` picks for the base row (slot:
  // the join's place in slot_rows).
  size_t PickRelated(const CompiledJoin& j, size_t slot, const std::vector<size_t>& slot_rows) const;
  bool TestHolds(const CompiledTest& t, const std::vector<size_t>& slot_rows) const;
  // Whether the row passes the related `where` tests and no `exclude_when`;
  // otherwise it is excluded with its reason.
  bool PassesRelated(const std::vector<size_t>& slot_rows, AnnexList* out);

  const BuildContext& ctx_;
  const ListConfig& list_;
  Findings* findings_;
  const spec::ListSpec* spec_ = nullptr;
  const Table* base_ = nullptr;
  std::vector<CompiledJoin> joins_;
  std::vector<std::pair<Ref, CompiledCondition>> where_;
  std::vector<CompiledTest> where_related_;
  struct CompiledExclusion {
    const Exclusion* config = nullptr;
    std::vector<std::pair<Ref, CompiledCondition>> conditions;
    std::vector<CompiledTest> related;
  };
  std::vector<CompiledExclusion> exclusions_;
  std::vector<CompiledRule> rules_;
  int id_col_ = 0;
  // Columns left blank on purpose (BuildContext::keep_columns): no rule
  // compiled, no "not mapped" finding.
  std::vector<bool> pruned_;
  std::vector<int> window_start_;     // spec column indexes
  // End dates: a spec column index, or (index -1) a source column.
  std::vector<std::pair<int, Ref>> window_end_;
  std::vector<int> dedupe_;
  int latest_by_ = -1;
  // The id and window columns, filled before the rest so that the window
  // can leave a row out early; empty when one of them is derived (then
  // every column is filled first, as the window may read a derived value).
  std::vector<size_t> early_;
  std::vector<bool> is_early_;
  JoinIndexCache local_indexes_;  // when the context shares none
  mutable DateColumnScans local_scans_;   // when the context shares none
  mutable std::set<std::pair<const Table*, int>> order_reported_;
  // Per window end read straight from a source column: that column writes
  // dates month first (its numeric dates are not read).
  std::vector<bool> window_end_month_first_;
  // Whole numbers spelled "3.0": per column index and spelling, how many
  // and the first (a finding made at the end of Run).
  struct Spelled {
    int64_t count = 0;
    Finding first;
  };
  mutable std::map<std::pair<size_t, std::string>, Spelled> integer_spellings_;
};

}  // namespace annexa::mapping::list_internal
