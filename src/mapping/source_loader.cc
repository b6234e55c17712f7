#include "mapping/source_loader.h"

#include <algorithm>
#include <any>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <system_error>
#include <optional>
#include <vector>

#include "core/file_util.h"
#include "core/finding_kinds.h"
#include "core/two_threads.h"
#include "core/text.h"
#include "mapping/source_inputs.h"
#include "sources/fetched_content.h"
#include "sources/source_readers.h"

namespace annexa::mapping {

namespace {

// The file path, or the URL without secrets: how messages name a source.
std::string Origin(const SourceConfig& s) { return s.url.empty() ? s.path : sources::RedactUrl(s.url); }

Status Wrap(const CouncilConfig& config, const SourceConfig& s, const Status& status) {
  const std::string where = Origin(s);
  std::string msg = status.message();
  // A problem of the config that the reader met (an SQL query SQLite
  // refuses) names its config line and the source already.
  if (StartsWith(msg, config.file + ":")) return status;
  // Readers already name the file; add which source it is.
  return Status(status.code(), "source '" + s.name + "': " + (StartsWith(msg, where) ? msg : where + ": " + msg));
}

bool IsBlankText(std::string_view text) {
  // A UTF-8 byte-order mark alone is as empty as no bytes.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// An optional source's table when its file is missing or blank.
Table NoRows(const SourceConfig& s) {
  Table t;
  t.origin = Origin(s);
  t.headers = s.columns;
  return t;
}

// Why an optional source has no rows, for its warning.
std::string WhyNoRows(const SourceConfig& s) {
  if (!s.url.empty()) return "has no rows";  // a fetch that fails stops the run
  std::error_code ec;
  if (!std::filesystem::exists(s.path, ec)) return "is missing";
  Result<std::string> bytes = ReadFile(s.path);
  if (bytes.ok() && IsBlankText(*bytes)) return "is empty (no header)";
  return "has no rows";
}

// Reads one source through its kind's reader. `shared` is null on a
// worker thread.
Result<Table> ReadOne(const SourceConfig& s, const Fetcher& fetch, std::map<std::string, std::any>* shared,
                      const std::map<std::string, Table>* read = nullptr,
                      std::optional<CivilDate> reference_date = std::nullopt) {
  sources::ReadContext c;
  c.reference_date = reference_date;
  c.name = s.name;
  for (const std::string& in : s.inputs) c.inputs.emplace_back(in, &read->at(in));
  c.origin = Origin(s);
  c.location = s.url.empty() ? s.path : s.url;
  c.options = &s.options;
  c.shared = shared;
  if (s.optional && s.url.empty()) {
    // A missing or blank optional file reads as no rows with the headers
    // the config names (LoadSources reports it).
    std::error_code ec;
    if (!std::filesystem::exists(s.path, ec)) return NoRows(s);
    Result<std::string> held = ReadFile(s.path);
    if (!held.ok()) return held.status();
    if (IsBlankText(*held)) return NoRows(s);
    auto bytes = std::make_shared<std::string>(std::move(*held));
    c.bytes = [bytes]() -> Result<std::string> { return std::move(*bytes); };
    return s.reader->read(c);
  }
  c.bytes = [&]() -> Result<std::string> {
    if (s.url.empty()) return ReadFile(s.path);
    Result<sources::HttpResponse> r = fetch ? fetch(s.http) : sources::HttpFetch(s.http);
    if (!r.ok()) return r.status();
    // A login page served with 200 must not be parsed as data.
    if (Status ok = sources::CheckFetchedContent(*r, c.origin, *s.reader->content); !ok.ok()) return ok;
    return std::move(r->body);
  };
  return s.reader->read(c);
}

// Reads a source built over others once the sources it reads are read
// (each at most once; the config loader refused cycles).
Status ReadBuilt(const CouncilConfig& config, const SourceConfig& s, const Fetcher& fetch,
                 std::map<std::string, std::any>* shared, std::map<std::string, Table>* out, int depth = 0) {
  if (out->count(s.name)) return Status::Ok();
  if (depth > static_cast<int>(config.sources.size())) return Internal("source '" + s.name + "' reads itself");
  for (const std::string& in : s.inputs)
    ANNEXA_RETURN_IF_ERROR(ReadBuilt(config, config.sources.at(in), fetch, shared, out, depth + 1));
  Result<Table> table = ReadOne(s, fetch, shared, out);
  if (!table.ok()) return Wrap(config, s, table.status());
  table->name = s.name;
  out->emplace(s.name, std::move(*table));
  return Status::Ok();
}

}  // namespace

Result<std::map<std::string, Table>> LoadSources(const CouncilConfig& config, const std::set<std::string>& names,
                                                 const Fetcher& fetch, const SourcesRead& read, Findings* notes,
                                                 std::optional<CivilDate> reference_date) {
  // Local files of the kinds that share nothing (CSV and xlsx: the bulk of
  // a run) are read and parsed on two threads first; fetched reports and
  // the other kinds (a CIN census return is parsed once for its tables)
  // then follow one by one. Results are taken in the config's order, so the
  // error reported is the one a one-by-one read would meet first.
  // A source built over others (SQL) also needs the sources it reads.
  const std::set<std::string> wanted = names.empty() ? names : WithInputs(config, names);
  std::vector<const std::pair<const std::string, SourceConfig>*> local;
  for (const auto& entry : config.sources) {
    const SourceConfig& s = entry.second;
    if (!wanted.empty() && !wanted.count(entry.first)) continue;
    if (s.url.empty() && s.reader->parallel) local.push_back(&entry);
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
      parsed[i] = ReadOne(local[i]->second, fetch, nullptr);
    }
  });

  std::map<std::string, Table> out;
  std::map<std::string, std::any> shared;  // what readers share across sources (one parse per CIN return)
  size_t next_local = 0;
  std::vector<const SourceConfig*> built;  // read over the others, after them
  for (const auto& entry : config.sources) {
    const auto& [name, s] = entry;
    if (!wanted.empty() && !wanted.count(name)) continue;
    if (s.reader->inputs) {
      built.push_back(&s);
      continue;
    }
    Result<Table> table = next_local < local.size() && local[next_local] == &entry ? std::move(*parsed[next_local++])
                                                                                    : ReadOne(s, fetch, &shared, nullptr, reference_date);
    if (!table.ok()) return Wrap(config, s, table.status());
    table->name = name;
    if (s.optional && table->empty() && notes) {
      Finding f = MakeFinding(kinds::kSourceOptionalEmpty, "source '" + name + "' (optional) " + WhyNoRows(s) +
                                                               ": read as no rows; the rest of the return goes on");
      f.source = Origin(s);
      notes->push_back(std::move(f));
    }
    out.emplace(name, std::move(*table));
  }
  if (read) {
    std::set<std::string> plain;
    for (const auto& [name, t] : out) plain.insert(name);
    ANNEXA_RETURN_IF_ERROR(read(plain, &out));
  }
  std::set<std::string> before;
  for (const auto& [name, t] : out) before.insert(name);
  for (const SourceConfig* s : built) ANNEXA_RETURN_IF_ERROR(ReadBuilt(config, *s, fetch, &shared, &out));
  if (read && !built.empty()) {
    std::set<std::string> later;
    for (const auto& [name, t] : out)
      if (!before.count(name)) later.insert(name);
    ANNEXA_RETURN_IF_ERROR(read(later, &out));
  }
  return out;
}

}  // namespace annexa::mapping
