#include "pack/past_lists.h"

#include <cstdio>
#include <functional>

#include "core/finding.h"
#include "core/yaml_adapter.h"
#include "mapping/join_index.h"
#include "mapping/latest_per.h"
#include "mapping/list_builder.h"
#include "sources/database_source.h"

namespace annexa::pack {
namespace {

// The Lists a List 6 case status reads (mapping/case_status.cc), and the
// columns it reads there and in List 6 (a key absent from a list is
// ignored).
constexpr int kCaseStatusReads[] = {4, 7, 8};
constexpr const char* kCaseStatusKeys[] = {"assessment_authorised_date", "cp_plan_end_date",
                                           "date_ceased_looked_after", "cin_closure_date"};

bool HasCaseStatus(const mapping::ListConfig& list) {
  for (const auto& [key, rule] : list.columns)
    if (rule.kind == mapping::RuleKind::kDerive && rule.derive.kind == "case_status") return true;
  return false;
}

// Every source a list reads rows of.
std::set<std::string> SourcesOf(const mapping::ListConfig& list) {
  std::set<std::string> out{list.from};
  for (const mapping::JoinConfig& j : list.joins) out.insert(j.table);
  mapping::ForEachRelatedTest(list, [&](const mapping::RelatedTest& t) { out.insert(t.rows.table); });
  for (const auto& [key, rule] : list.columns) {
    if (!rule.derive.table.empty()) out.insert(rule.derive.table);
    if (!rule.derive.plan_table.empty()) out.insert(rule.derive.plan_table);
  }
  return out;
}

// Date columns holding the latest of a repeated event, and the columns
// that go with each: after D, their value at D is unknown. Every other date
// column holds an event's own date: after D, it had not happened yet, and
// the columns that go with it are blanked too.
struct DateColumn {
  const char* key;
  std::vector<const char*> with;
};
const std::vector<DateColumn> kLatestOf = {
    {"date_last_seen", {}},
    {"last_statutory_visit", {"seen_alone"}},
    {"latest_review_conference", {}},
    {"latest_review_date", {}},
    {"last_social_work_visit", {}},
    {"last_iro_contact", {}},
    {"last_health_assessment", {}},
    {"last_dental_check", {}},
    {"legal_status_start_date", {"legal_status"}},
    {"placement_start_date",
     {"placement_type", "placement_provider", "placement_postcode", "placement_urn", "placement_location",
      "placement_la"}},
    {"pathway_plan_review_date", {}},
    {"latest_contact_date", {"in_touch", "accommodation", "accommodation_suitable", "activity"}},
};
const std::vector<DateColumn> kEventOutcomes = {
    {"date_ceased_looked_after", {"reason_ceased"}},
    {"cin_closure_date", {"reason_for_closure"}},
    {"icpc_date", {"icpc_resulted_in_plan"}},
};

const DateColumn* Find(const std::vector<DateColumn>& table, const std::string& key) {
  for (const DateColumn& c : table)
    if (key == c.key) return &c;
  return nullptr;
}

// Blanks the events after `at` in `list`'s rows and withholds the latest-of
// columns with a date after `at`; says which in `withheld` ("" when none).
void AsAt(CivilDate at, AnnexList* list, std::string* withheld) {
  const spec::ListSpec& ls = *list->spec;
  std::map<size_t, int64_t> unknown;  // latest-of column -> rows with a date after `at`
  for (size_t c = 0; c < ls.columns.size(); ++c) {
    const std::string& key = ls.columns[c].key;
    const bool latest = Find(kLatestOf, key) != nullptr;
    const DateColumn* outcome = latest ? nullptr : Find(kEventOutcomes, key);
    std::vector<int> with;
    if (outcome)
      for (const char* k : outcome->with) with.push_back(ls.ColumnIndex(k));
    for (AnnexRow& row : list->rows) {
      if (c >= row.cells.size()) continue;
      CellValue& cell = row.cells[c];
      if (cell.kind != CellValue::Kind::kDate || !(at < cell.date)) continue;
      if (latest) {
        ++unknown[c];
        continue;
      }
      cell = CellValue::Blank();
      for (int w : with)
        if (w >= 0 && static_cast<size_t>(w) < row.cells.size()) row.cells[static_cast<size_t>(w)] = CellValue::Blank();
    }
  }
  if (unknown.empty()) return;
  std::string why;
  for (const auto& [c, rows] : unknown) {
    const DateColumn& d = *Find(kLatestOf, ls.columns[c].key);
    why += std::string(why.empty() ? "" : "; ") + d.key + " is after " + DayMonthYear(at) + " in " +
           std::to_string(rows) + (rows == 1 ? " row" : " rows");
    list->withheld_columns.insert(static_cast<int>(c));
    for (const char* k : d.with)
      if (const int w = ls.ColumnIndex(k); w >= 0) list->withheld_columns.insert(w);
  }
  *withheld = "List " + std::to_string(ls.number) + "'s " + why +
              ": the records keep only the latest, so its value then is unknown";
}

}  // namespace

std::string DayMonthYear(CivilDate d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day(), d.month(), d.year());
  return buf;
}

std::map<std::string, std::string> SourcesWithoutHistory(const mapping::CouncilConfig& config) {
  std::map<std::string, std::string> why;
  for (const auto& [name, s] : config.sources) {
    if (s.current_only)
      why[name] = "holds only the current state (history: current_only)";
    else if (s.reader && s.reader->format == "database")
      // A table, or a query naming no date, reads the records as a file
      // export of them would; a query given the reference date or a window
      // start reads what held then (and a window's records only).
      if (const std::vector<std::string> params = sources::QueryParameters(s.options); !params.empty())
        why[name] = "is a database query given :" + params.front() + ", run as at the reference date only";
  }
  // An SQL source over one of those, or over a source whose latest_per chose
  // its rows at the reference date; to a fixed point, as SQL sources may
  // read each other.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, s] : config.sources) {
      if (why.count(name) || !s.reader || s.reader->format != "sql") continue;
      for (const std::string& input : s.inputs) {
        auto in = config.sources.find(input);
        if (why.count(input)) {
          why[name] = "is an SQL query over source '" + input + "', which " + why[input];
        } else if (in != config.sources.end() && in->second.latest_per) {
          why[name] = "is an SQL query over source '" + input +
                      "', whose latest_per rows were chosen at the reference date";
        } else {
          continue;
        }
        grew = true;
        break;
      }
    }
  }
  return why;
}

std::map<int, std::string> ListsWithoutHistory(const mapping::CouncilConfig& config) {
  const std::map<std::string, std::string> sources = SourcesWithoutHistory(config);
  std::map<int, std::string> why;
  for (const auto& [n, list] : config.lists) {
    // Without a window the list is every row of its source at any date:
    // who was in it at a past date cannot be told.
    if (list.window.start.empty() && n != spec::kAuditedCasesList) {
      why[n] = "List " + std::to_string(n) + " has no window (no start date), so which rows it held then is unknown";
      continue;
    }
    for (const std::string& source : SourcesOf(list))
      if (auto it = sources.find(source); it != sources.end()) {
        why[n] = "List " + std::to_string(n) + " is read from source '" + source + "', which " + it->second;
        break;
      }
  }
  for (const auto& [n, list] : config.lists) {
    if (why.count(n) || !HasCaseStatus(list)) continue;
    for (int read : kCaseStatusReads)
      if (auto it = why.find(read); it != why.end()) {
        why[n] = "List " + std::to_string(n) + "'s case status reads List " + std::to_string(read) + ", and " +
                 it->second;
        break;
      }
  }
  return why;
}

Result<PastLists> BuildListsAt(const mapping::MappedPack& pack, CivilDate at, const std::set<int>& wanted_in,
                               DateColumnScans* scans, const std::map<int, std::set<std::string>>* columns) {
  const mapping::CouncilConfig& config = pack.config;
  PastLists out;
  out.at = at;
  out.unavailable = ListsWithoutHistory(config);
  std::set<int> wanted;
  for (const auto& [n, list] : config.lists)
    if (n != spec::kAuditedCasesList && (wanted_in.empty() || wanted_in.count(n))) wanted.insert(n);
  for (int n : std::set<int>(wanted))
    if (HasCaseStatus(config.lists.at(n)))
      for (int read : kCaseStatusReads)
        if (config.lists.count(read)) wanted.insert(read);

  // latest_per re-applied at D to each source's rows as read; only the
  // sources the wanted lists read.
  std::set<std::string> read;
  for (int n : wanted)
    if (!out.unavailable.count(n))
      for (const std::string& s : SourcesOf(config.lists.at(n))) read.insert(s);
  std::map<std::string, Table> replaced;
  Findings discarded(0);
  for (const auto& [name, raw] : pack.before_latest_per) {
    if (!read.count(name)) continue;
    Table t = raw;
    const mapping::SourceConfig& s = config.sources.at(name);
    const std::string where = Where(config.file, s.latest_per->mark) + ": source '" + name + "' 'latest_per'";
    Result<std::map<std::string, int64_t>> aside = mapping::KeepLatestPer(*s.latest_per, at, where, &t, &discarded);
    if (!aside.ok()) return aside.status();
    replaced.emplace(name, std::move(t));
  }

  mapping::JoinIndexCache join_indexes;
  DateColumnScans own_scans;
  mapping::BuildContext ctx{pack.spec, config, pack.tables, pack.aliases, at, &join_indexes,
                            scans ? scans : &own_scans};
  ctx.replaced = &replaced;
  std::map<int, std::set<std::string>> keep;
  if (columns) {
    keep = *columns;
    for (int n : wanted) {
      std::set<std::string>& k = keep[n];
      for (const std::vector<DateColumn>* table : {&kLatestOf, &kEventOutcomes})
        for (const DateColumn& d : *table) {
          k.insert(d.key);
          k.insert(d.with.begin(), d.with.end());
        }
      for (const char* key : kCaseStatusKeys) k.insert(key);
    }
    ctx.keep_columns = &keep;
  }
  out.lists.assign(pack.spec.lists.size(), AnnexList{});
  for (size_t i = 0; i < pack.spec.lists.size(); ++i) {
    AnnexList& list = out.lists[i];
    list.spec = &pack.spec.lists[i];
    const int n = list.spec->number;
    if (!wanted.count(n) || out.unavailable.count(n)) continue;
    Result<AnnexList> built = mapping::BuildList(ctx, config.lists.at(n), &discarded);
    if (!built.ok()) return built.status();
    list = std::move(*built);
    std::string withheld;
    AsAt(at, &list, &withheld);
    if (!withheld.empty()) out.withheld[n] = std::move(withheld);
  }
  ANNEXA_RETURN_IF_ERROR(mapping::ApplyCrossListDerivations(ctx, &out.lists, &discarded));
  return out;
}

}  // namespace annexa::pack
