#include "sources/source_readers.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace annexa::sources {

// The kinds, one file each (csv_source.cc ...). A new kind: its file, a
// line here and one in the table below.
const SourceReader& CsvSource();
const SourceReader& XlsxSource();
const SourceReader& CinCensusSource();
const SourceReader& SqlSource();
const SourceReader& DatabaseSource();

namespace {

// The keys every file or URL source takes, listed before its kind's own
// and after them, as messages have always listed them.
constexpr std::array kWhereKeys = {"file", "url", "format"};
constexpr std::array kHttpKeys = {"auth", "ca_file", "verify_tls", "timeout_seconds", "connect_timeout_seconds",
                                  "retries", "max_megabytes", "allow_cross_host_redirect", "allow_insecure_http",
                                  "low_speed_seconds"};

bool Has(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::span<const SourceReader* const> SourceReaders() {
  static const std::array kTable = {&CsvSource(), &XlsxSource(), &CinCensusSource(), &SqlSource(),
                                     &DatabaseSource()};
  return kTable;
}

const SourceReader* FindReader(std::string_view format) {
  for (const SourceReader* kind : SourceReaders())
    if (kind->format == format) return kind;
  return nullptr;
}

const SourceReader& ReaderForPath(std::string_view path) {
  const std::string lower = AsciiLower(path);
  for (const SourceReader* kind : SourceReaders())
    for (std::string_view ext : kind->extensions)
      if (std::string_view(lower).ends_with(ext)) return *kind;
  return CsvSource();
}

std::vector<std::string> AcceptedKeys(const SourceReader* kind) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view key) {
    if (!Has(out, key)) out.emplace_back(key);
  };
  const bool files = !kind || kind->content;
  for (const char* key : kWhereKeys)
    if (files || std::string_view(key) == "format") add(key);
  if (files) {  // a file that may be missing or empty (mapping/source_loader.h)
    add("optional");
    add("columns");
  }
  add("contract");  // every kind: what its rows must hold (contracts/source_contract.h)
  for (const SourceReader* k : SourceReaders())
    if (!kind || k == kind)
      for (std::string_view key : k->keys) add(key);
  if (files)
    for (const char* key : kHttpKeys) add(key);
  add("latest_per");  // any kind: applied by the mapping stage (mapping/latest_per.h)
  add("history");     // any kind: whether its rows can say what held at a past date (pack/past_lists.h)
  return out;
}

void CheckSourceKeys(const FileReader& r, const YamlValue& node, const SourceReader* kind, const std::string& what) {
  const std::vector<std::string> accepted = AcceptedKeys(kind);
  for (const auto& [k, v] : node.entries) {
    if (Has(accepted, k.scalar)) continue;
    // A key of another kind: the source is not the kind its writer thought.
    std::vector<std::string> others;
    for (const SourceReader* other : SourceReaders())
      if (kind && other != kind && Has(AcceptedKeys(other), k.scalar)) others.emplace_back(other->format);
    const std::string why = others.empty() ? ""
                                           : ": '" + k.scalar + "' is a key of format " + Join(others, " or ") +
                                                 ", and this source is " + std::string(kind->format);
    r.Error(k.mark, "unknown key '" + k.scalar + "' in " + what + why + " (expected one of: " + Join(accepted, ", ") +
                        ")");
  }
}

std::optional<int> ReadHeaderRow(const FileReader& r, const YamlValue& node) {
  const YamlValue* h = node.Find("header_row");
  if (!h) return std::nullopt;
  const int row = static_cast<int>(r.Int(*h, "header_row").value_or(1));
  if (row < 1 || row > 1000) r.Error(h->mark, "'header_row' must be from 1 to 1000");
  return row;
}

}  // namespace annexa::sources
