#include "mapping/join_index.h"

#include "core/date_format.h"
#include "core/date_order.h"

namespace annexa::mapping {

JoinIndex BuildJoinIndex(const Table& table, int right, JoinPick pick, int by, CivilDate reference_date,
                         bool by_month_first) {
  JoinIndex out;
  out.rows.reserve(table.size());
  std::unordered_map<std::string_view, CivilDate> best;
  for (size_t r = 0; r < table.size(); ++r) {
    const std::string_view key = table.cell(r, static_cast<size_t>(right));
    if (key.empty()) continue;
    if (pick == JoinPick::kOne) {
      if (!out.rows.emplace(key, r).second && out.duplicates++ == 0) out.first_duplicate = r;
      continue;
    }
    const std::string_view when = table.cell(r, static_cast<size_t>(by));
    if (by_month_first && OrderOf(when) != DateOrder::kNotNumeric) continue;
    auto d = ParseDate(when, DefaultDateFormats());
    if (!d || *d > reference_date) continue;
    auto [it, fresh] = best.emplace(key, *d);
    if (fresh || it->second <= *d) {  // ties: the later row wins
      it->second = *d;
      out.rows[key] = r;
    }
  }
  return out;
}

const JoinIndex& JoinIndexCache::Get(const Table& table, int right, JoinPick pick, int by, CivilDate reference_date,
                                     bool by_month_first) {
  Entry* entry;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::unique_ptr<Entry>& slot =
        entries_[{&table, right, static_cast<int>(pick), pick == JoinPick::kOne ? -1 : by, reference_date.ToDays()}];
    if (!slot) slot = std::make_unique<Entry>();
    entry = slot.get();
  }
  std::call_once(entry->once, [&] { entry->index = BuildJoinIndex(table, right, pick, by, reference_date, by_month_first); });
  return entry->index;
}

}  // namespace annexa::mapping
