#include "fuzz/fuzz_entry.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "mapping/config_loader.h"
#include "sources/cin_census_reader.h"
#include "sources/csv_reader.h"
#include "sources/xlsx_reader.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"

namespace annexa::fuzz {

namespace {

// A reader that breaks one of its own promises is a bug even when it
// returns OK; kInternal makes the fuzz target abort (fuzz_target.h).
Status CheckTable(const Table& t) {
  if (t.source_rows.size() != t.size())
    return Internal(t.origin + ": " + std::to_string(t.size()) + " rows but " + std::to_string(t.source_rows.size()) +
                    " source rows");
  if (!t.empty() && t.width() != t.headers.size())
    return Internal(t.origin + ": rows have " + std::to_string(t.width()) + " cells, the header " +
                    std::to_string(t.headers.size()));
  return Status::Ok();
}

sources::XlsxOptions FuzzXlsxOptions() {
  sources::XlsxOptions o;
  // Small caps: a zip bomb should be refused by the reader, not by
  // libFuzzer's memory limit.
  o.zip.max_entry_bytes = 8u << 20;
  o.zip.max_total_bytes = 32u << 20;
  o.zip.max_entries = 1000;
  o.max_cells_per_sheet = 100'000;
  o.xml_slice_bytes = 512;  // tiny slices: rows cross slice boundaries
  return o;
}

Status ReadWorkbook(std::string bytes) {
  Result<sources::Workbook> wb = sources::Workbook::FromBuffer(std::move(bytes), "fuzz.xlsx", FuzzXlsxOptions());
  if (!wb.ok()) return wb.status();
  Status first = Status::Ok();
  const std::vector<std::string> names = wb->SheetNames();
  for (size_t i = 0; i < names.size(); ++i) {
    Result<const sources::Sheet*> sheet = wb->SheetByIndex(static_cast<int>(i));
    if (!sheet.ok()) {
      if (first.ok()) first = sheet.status();
      continue;
    }
    const sources::Sheet& s = **sheet;
    // A corner of the sheet and its last cell: enough to touch every kind
    // of cell in a fuzzed input without walking a million empty rows.
    const int rows = std::min(s.max_row(), 64);
    const int cols = std::min(s.max_col(), 64);
    size_t seen = 0;
    for (int r = 1; r <= rows; ++r)
      for (int c = 1; c <= cols; ++c) {
        const sources::CellView cell = s.At(r, c);
        seen += cell.ToText().size() + (cell.AsDate() ? 1 : 0);
      }
    seen += s.At(s.max_row(), s.max_col()).ToText().size();
    (void)seen;
  }
  if (!names.empty()) (void)wb->SheetByName(names.back());
  (void)wb->SheetByName("no such sheet");
  return first;
}

// CRC-32 (zip's polynomial), for StoredZip.
uint32_t Crc32(std::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void Put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string* out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

const std::string& RepoSpecsRoot() {
  static const std::string root = std::string(ANNEXA_SOURCE_DIR) + "/annex_a_specs";
  return root;
}

// The repository's spec versions, each loaded (or refused) once per process.
Result<const spec::SpecVersion*> RepoSpec(const std::string& version) {
  static std::map<std::string, std::optional<Result<spec::SpecVersion>>> loaded = [] {
    std::map<std::string, std::optional<Result<spec::SpecVersion>>> m;
    for (const std::string& v : spec::AvailableVersions(RepoSpecsRoot())) m[v] = std::nullopt;
    return m;
  }();
  auto it = loaded.find(version);
  if (it == loaded.end()) return spec::LoadSpecVersion(RepoSpecsRoot(), version).status();
  if (!it->second) it->second = spec::LoadSpecVersion(RepoSpecsRoot(), version);
  if (!it->second->ok()) return it->second->status();
  return &it->second->value();
}

}  // namespace

Status FuzzCsv(std::string_view data) {
  if (data.empty()) return Status::Ok();
  const unsigned opt = static_cast<unsigned char>(data[0]) ^ static_cast<unsigned char>('0');
  sources::CsvOptions o;
  o.delimiter = ",;\t|"[opt & 3];
  o.encoding = std::array{sources::TextEncoding::kAuto, sources::TextEncoding::kUtf8,
                          sources::TextEncoding::kWindows1252, sources::TextEncoding::kAuto}[(opt >> 2) & 3];
  o.trim = (opt & 0x10) == 0;
  o.header_row = 1 + static_cast<int>((opt >> 5) & 3);
  if (opt & 0x80) o.max_field_bytes = 64;
  Result<Table> t = sources::ParseCsv(std::string(data.substr(1)), "fuzz.csv", o);
  if (!t.ok()) return t.status();
  return CheckTable(*t);
}

Status FuzzXlsx(std::string_view data) { return ReadWorkbook(std::string(data)); }

Status FuzzXlsxXml(std::string_view data) { return ReadWorkbook(StoredZip(SplitBundle(data))); }

Status FuzzCinCensus(std::string_view data) {
  Result<std::map<std::string, Table>> tables = sources::ParseCinCensus(std::string(data), "fuzz.xml");
  if (!tables.ok()) return tables.status();
  for (const auto& [name, t] : *tables) ANNEXA_RETURN_IF_ERROR(CheckTable(t));
  return Status::Ok();
}

Status FuzzConfig(std::string_view data) {
  Result<mapping::CouncilConfig> config = mapping::ParseCouncilConfig(std::string(data), "fuzz/config.yaml");
  if (!config.ok()) return config.status();
  Result<const spec::SpecVersion*> spec = RepoSpec(config->spec_version);
  if (!spec.ok()) return spec.status();
  static const spec::ValueAliases aliases = [] {
    Result<spec::ValueAliases> a = spec::LoadValueAliases(RepoSpecsRoot() + "/value_aliases.yaml");
    return a.ok() ? std::move(*a) : spec::ValueAliases();
  }();
  return mapping::CheckConfigAgainstSpec(*config, **spec, aliases);
}

Status FuzzSpec(std::string_view data) {
  const std::map<std::string, std::string> files = SplitBundle(data);
  Status first = Status::Ok();
  for (const auto& [path, text] : files) {
    const std::filesystem::path p(path);
    if (p.filename() != "version.yaml" || !p.parent_path().has_filename() ||
        p.parent_path().parent_path().has_filename())
      continue;
    Result<spec::SpecVersion> v = spec::LoadSpecVersionFromTexts(files, p.parent_path().string(), "fuzz_specs");
    if (!v.ok() && first.ok()) first = v.status();
    if (v.ok())
      for (const spec::ListSpec& l : v->lists) (void)v->FindList(l.number);
  }
  return first;
}

std::map<std::string, std::string> SplitBundle(std::string_view data) {
  std::map<std::string, std::string> out;
  std::string* current = nullptr;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    if (line.substr(0, 3) == "@@ ") {
      std::string name(line.substr(3));
      if (!name.empty() && name.back() == '\r') name.pop_back();
      current = &out[name];
      current->clear();
    } else if (current) {
      current->append(line);
      if (!last) current->push_back('\n');
    }
    pos = last ? end : end + 1;
  }
  return out;
}

std::string StoredZip(const std::map<std::string, std::string>& parts) {
  std::string zip, central;
  uint32_t count = 0;
  for (const auto& [name, body] : parts) {
    if (name.empty() || name.size() > 0xFFFF || body.size() > 0xFFFFFFF0u || count == 0xFFFF) continue;
    const uint32_t crc = Crc32(body);
    const auto offset = static_cast<uint32_t>(zip.size());
    const auto size = static_cast<uint32_t>(body.size());
    const auto name_len = static_cast<uint32_t>(name.size());
    // Local header: version 2.0, UTF-8 names (flag bit 11), stored, 1 Jan 2024.
    Put32(&zip, 0x04034b50);
    Put16(&zip, 20);
    Put16(&zip, 0x0800);
    Put16(&zip, 0);
    Put16(&zip, 0);
    Put16(&zip, 0x5821);
    Put32(&zip, crc);
    Put32(&zip, size);
    Put32(&zip, size);
    Put16(&zip, name_len);
    Put16(&zip, 0);
    zip += name;
    zip += body;
    // Central directory entry.
    Put32(&central, 0x02014b50);
    Put16(&central, 20);
    Put16(&central, 20);
    Put16(&central, 0x0800);
    Put16(&central, 0);
    Put16(&central, 0);
    Put16(&central, 0x5821);
    Put32(&central, crc);
    Put32(&central, size);
    Put32(&central, size);
    Put16(&central, name_len);
    Put16(&central, 0);
    Put16(&central, 0);
    Put16(&central, 0);
    Put16(&central, 0);
    Put32(&central, 0);
    Put32(&central, offset);
    central += name;
    ++count;
  }
  const auto cd_offset = static_cast<uint32_t>(zip.size());
  const auto cd_size = static_cast<uint32_t>(central.size());
  zip += central;
  Put32(&zip, 0x06054b50);
  Put16(&zip, 0);
  Put16(&zip, 0);
  Put16(&zip, count);
  Put16(&zip, count);
  Put32(&zip, cd_size);
  Put32(&zip, cd_offset);
  Put16(&zip, 0);
  return zip;
}

}  // namespace annexa::fuzz
