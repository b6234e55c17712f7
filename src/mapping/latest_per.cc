#include "mapping/latest_per.h"

#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date_format.h"
#include "core/date_order.h"
#include "core/finding_kinds.h"
#include "mapping/derive.h"

namespace annexa::mapping {

Result<std::map<std::string, int64_t>> KeepLatestPer(const SourceConfig::LatestPer& lp, CivilDate reference_date,
                                                     const std::string& where_text, Table* table,
                                                     Findings* findings) {
  const Table& t = *table;
  const int key = t.ColumnIndex(lp.key);
  if (key < 0) return MissingColumn(t, lp.key, where_text);
  const int by = t.ColumnIndex(lp.by);
  if (by < 0) return MissingColumn(t, lp.by, where_text);
  const std::vector<std::string>& formats = lp.date_formats.empty() ? DefaultDateFormats() : lp.date_formats;
  // Without a date_format the column is judged as a whole first: written
  // month first, none of its numeric dates is read (reported once).
  bool month_first = false;
  if (lp.date_formats.empty()) {
    const DateColumnScan scan = ScanDateColumn(t, static_cast<size_t>(by));
    month_first = scan.MonthFirst();
    if (scan.Reportable()) findings->push_back(DateOrderFinding(t, static_cast<size_t>(by), scan));
  }
  auto source_row = [&](size_t r) {
    return t.source_rows.empty() ? static_cast<int64_t>(r) + 2 : t.source_rows[r];
  };

  std::map<std::string, int64_t> set_aside;
  std::vector<bool> keep(t.size(), false);
  std::unordered_map<std::string_view, std::pair<CivilDate, size_t>> latest;  // key -> (date, row)
  for (size_t r = 0; r < t.size(); ++r) {
    const std::string_view k = t.cell(r, static_cast<size_t>(key));
    if (k.empty()) {
      keep[r] = true;
      continue;
    }
    const std::string_view raw = t.cell(r, static_cast<size_t>(by));
    if (month_first && OrderOf(raw) != DateOrder::kNotNumeric) {
      ++set_aside[lp.by + " written month first (latest_per)"];
      continue;
    }
    const std::optional<CivilDate> d = ParseDate(raw, formats);
    if (!d) {
      ++set_aside["no valid " + lp.by + " (latest_per)"];
      Finding f = MakeFinding(kinds::kLatestPerNoDate,
                              "row set aside: " + lp.by + " is not a date, so the row cannot be placed among "
                              "the rows of its " + lp.key + " (latest_per)");
      f.value = std::string(raw);
      f.source = t.OriginOf(r);
      f.source_row = source_row(r);
      f.source_column = lp.by;
      findings->push_back(std::move(f));
      continue;
    }
    if (reference_date < *d) {
      ++set_aside["after the reference date (latest_per by " + lp.by + ")"];
      continue;
    }
    auto [it, fresh] = latest.try_emplace(k, *d, r);
    if (!fresh && !(*d < it->second.first)) it->second = {*d, r};  // later or equal: the later row wins
  }
  for (const auto& [k, chosen] : latest) keep[chosen.second] = true;
  int64_t dated = 0, kept = 0;
  for (const auto& [reason, n] : set_aside) dated += n;
  std::vector<bool> drop(keep.size());
  for (size_t r = 0; r < keep.size(); ++r) {
    drop[r] = !keep[r];
    kept += keep[r];
  }
  const int64_t superseded = static_cast<int64_t>(t.size()) - kept - dated;
  if (superseded > 0) set_aside["not the latest " + lp.by + " of its " + lp.key + " (latest_per)"] = superseded;
  // In place: each kept row keeps its line and, for a table of several
  // files (an SQL source), its file.
  table->DropRows(drop);
  return set_aside;
}

}  // namespace annexa::mapping
