#include "mapping/source_loader.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <system_error>
#include <optional>
#include <vector>

#include "core/file_util.h"
#include "core/two_threads.h"
#include "core/text.h"
#include "sources/cin_census_reader.h"
#include "sources/csv_reader.h"
#include "sources/fetched_content.h"
#include "sources/xlsx_reader.h"

namespace annexa::mapping {

namespace {

Status Wrap(const SourceConfig& s, const Status& status) {
  const std::string where = s.url.empty() ? s.path : sources::RedactUrl(s.url);
  std::string msg = status.message();
  // Readers already name the file; add which source it is.
  return Status(status.code(), "source '" + s.name + "': " + (StartsWith(msg, where) ? msg : where + ": " + msg));
}

}  // namespace

Result<Table> XlsxSheetToTable(const std::string& bytes, const std::string& origin, const std::string& sheet_name,
                               int header_row) {
  Result<sources::Workbook> wb = sources::Workbook::FromBuffer(bytes, origin);
  if (!wb.ok()) return wb.status();
  Result<const sources::Sheet*> sheet =
      sheet_name.empty() ? wb->SheetByIndex(0) : wb->SheetByName(sheet_name);
  if (!sheet.ok()) return sheet.status();
  const sources::Sheet& s = **sheet;
  Table t;
  t.origin = origin + (sheet_name.empty() ? "" : "#" + sheet_name);
  const int cols = s.max_col();
  if (s.max_row() < header_row) return ParseError(t.origin + ": no header row (row " + std::to_string(header_row) + " is empty)");
  for (int c = 1; c <= cols; ++c) {
    std::string h(Trim(s.At(header_row, c).ToText()));
    if (h.empty()) h = "Column " + ColumnLetters(c);
    for (const std::string& existing : t.headers)
      if (existing == h)
        return ParseError(t.origin + ":" + std::to_string(header_row) + ": duplicate column header '" + h + "'");
    t.headers.push_back(std::move(h));
  }
  std::vector<std::string> row(static_cast<size_t>(cols));
  for (int r = header_row + 1; r <= s.max_row(); ++r) {
    bool any = false;
    for (int c = 1; c <= cols; ++c) {
      row[static_cast<size_t>(c - 1)] = std::string(Trim(s.At(r, c).ToText()));
      any = any || !row[static_cast<size_t>(c - 1)].empty();
    }
    if (!any) continue;  // a wholly blank row is not a record
    if (!t.AddRow(row, r)) return LimitExceeded(t.origin + ":" + std::to_string(r) + ": row of 4 GiB or more");
  }
  return t;
}

Result<std::map<std::string, Table>> LoadSources(const CouncilConfig& config, const std::set<std::string>& names,
                                                 const Fetcher& fetch) {
  // Local CSV and xlsx files (the bulk of a run) are read and parsed on two
  // threads first; fetched reports and CIN census returns (one parse per
  // XML file, shared by its tables) then follow one by one. Results are
  // taken in the config's order, so the error reported is the one a
  // one-by-one read would meet first.
  std::vector<const std::pair<const std::string, SourceConfig>*> local;
  for (const auto& entry : config.sources) {
    const SourceConfig& s = entry.second;
    if (!names.empty() && !names.count(entry.first)) continue;
    if (s.url.empty() && (s.format == SourceFormat::kCsv || s.format == SourceFormat::kXlsx)) local.push_back(&entry);
  }
  std::vector<std::optional<Result<Table>>> parsed(local.size());
  // Largest first, so the two threads end together (a missing file sorts
  // last and fails when read, as before).
  std::vector<std::pair<std::uintmax_t, size_t>> by_size;
  for (size_t i = 0; i < local.size(); ++i) {
    std::error_code ec;
    const std::uintmax_t bytes = std::filesystem::file_size(local[i]->second.path, ec);
    by_size.emplace_back(ec ? 0 : bytes, i);
  }
  std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::atomic<size_t> next{0};
  RunOnTwoThreads([&] {
    for (size_t k; (k = next++) < by_size.size();) {
      const size_t i = by_size[k].second;
      const SourceConfig& s = local[i]->second;
      Result<std::string> bytes = ReadFile(s.path);
      if (!bytes.ok()) {
        parsed[i] = bytes.status();
        continue;
      }
      parsed[i] = s.format == SourceFormat::kCsv ? sources::ParseCsv(*bytes, s.path, s.csv)
                                                 : XlsxSheetToTable(*bytes, s.path, s.sheet, s.header_row);
    }
  });

  std::map<std::string, Table> out;
  std::map<std::string, std::map<std::string, Table>> cin_cache;  // one parse per XML file
  size_t next_local = 0;
  for (const auto& entry : config.sources) {
    const auto& [name, s] = entry;
    if (!names.empty() && !names.count(name)) continue;
    Result<Table> table = Status::Ok();
    if (next_local < local.size() && local[next_local] == &entry) {
      table = std::move(*parsed[next_local++]);
    } else {
      std::string bytes;
      std::string origin = s.path;
      if (!s.url.empty()) {
        origin = sources::RedactUrl(s.url);
        Result<sources::HttpResponse> r = fetch ? fetch(s.http) : sources::HttpFetch(s.http);
        if (!r.ok()) return Wrap(s, r.status());
        // A login page served with 200 must not be parsed as data.
        const auto expected = s.format == SourceFormat::kCsv    ? sources::ExpectedContent::kCsv
                              : s.format == SourceFormat::kXlsx ? sources::ExpectedContent::kXlsx
                                                                : sources::ExpectedContent::kXml;
        if (Status c = sources::CheckFetchedContent(*r, origin, expected); !c.ok()) return Wrap(s, c);
        bytes = std::move(r->body);
      } else if (!cin_cache.count(s.path)) {
        Result<std::string> r = ReadFile(s.path);
        if (!r.ok()) return Wrap(s, r.status());
        bytes = std::move(*r);
      }
      switch (s.format) {
        case SourceFormat::kCsv:
          table = sources::ParseCsv(bytes, origin, s.csv);
          break;
        case SourceFormat::kXlsx:
          table = XlsxSheetToTable(bytes, origin, s.sheet, s.header_row);
          break;
        case SourceFormat::kCinCensus: {
          const std::string key = s.url.empty() ? s.path : s.url;
          if (!cin_cache.count(key)) {
            auto cin = sources::ParseCinCensus(bytes, origin);
            if (!cin.ok()) return Wrap(s, cin.status());
            cin_cache[key] = std::move(*cin);
          }
          auto it = cin_cache[key].find(s.cin_table);
          if (it == cin_cache[key].end()) return Wrap(s, NotFound("no table '" + s.cin_table + "' in a CIN census return"));
          table = it->second;
          break;
        }
      }
    }
    if (!table.ok()) return Wrap(s, table.status());
    table->name = name;
    out.emplace(name, std::move(*table));
  }
  return out;
}

}  // namespace annexa::mapping
