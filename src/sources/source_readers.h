// The kinds of source a council config can name (`format:` csv, xlsx,
// cin_census, sql) as one table. Each entry says which file extensions pick it,
// which config keys it takes beyond the common ones, what a fetched body
// must look like, and how a source of its kind becomes a Table. The config
// loader and the source loader ask the table and nothing else, so a new
// kind is one reader file and one entry in source_readers.cc
// (docs/sources.md).
#pragma once

#include <any>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "core/table.h"
#include "core/yaml_reader.h"
#include "sources/fetched_content.h"

namespace annexa::sources {

// What a reader is given to read one source.
struct ReadContext {
  std::string origin;    // the file path, or the URL without secrets: for messages and Table::origin
  std::string location;  // the file path or the whole URL: equal for sources read from one file
  const std::any* options = nullptr;  // what the kind's `configure` made of the source's keys
  // The source's bytes: the file read, or the URL fetched and its content
  // checked. A kind whose sources are not files never calls it.
  std::function<Result<std::string>()> bytes;
  // Parses the sources of one load share, by location (one parse of a CIN
  // census return for all its tables); null when read on a worker thread.
  std::map<std::string, std::any>* shared = nullptr;
  // A kind built over other sources (SourceReader::inputs): the source's
  // config name, and the Tables of the sources it reads, by name, each read
  // before it. Empty for the other kinds.
  std::string name;
  std::vector<std::pair<std::string, const Table*>> inputs;
  // The run's reference date, for a kind whose query takes it (database);
  // nullopt when the caller has none.
  std::optional<CivilDate> reference_date;
};

struct SourceReader {
  std::string_view format;                   // the config's `format:` value
  std::vector<std::string_view> extensions;  // lower case with the dot: a file or URL path ending so picks this kind
  std::vector<std::string_view> keys;        // config keys beyond the common ones, in the order messages list them
  // What a fetched body must look like. None: the kind's sources are not
  // files or URLs (a database query) and take no `file`, `url` or HTTP keys.
  std::optional<ExpectedContent> content;
  // Local files of this kind are read on worker threads, beside the others
  // (the kind keeps nothing in ReadContext::shared).
  bool parallel = false;
  // The source's own keys, read from its config `node` (null for the
  // shorthand `people: people.csv`), problems reported through `r`.
  std::any (*configure)(const FileReader& r, const YamlValue* node, const std::string& what) = nullptr;
  // Every row of the source in the Table, each with its row in the source;
  // errors name the origin and, where there is one, the row and column.
  Result<Table> (*read)(const ReadContext& context) = nullptr;
  // A kind built over other sources (sql): the names, among the config's
  // sources `names`, of those a source of it reads (given its options and
  // its own name `self`); a name no source has is reported through `r`.
  // The loader reads them first and hands them over in ReadContext::inputs.
  // Null for a kind that reads only its own file.
  std::vector<std::string> (*inputs)(const FileReader& r, const std::any& options, const std::string& self,
                                     const std::vector<std::string>& names) = nullptr;
};

// Every kind, each once, in the order messages list them.
std::span<const SourceReader* const> SourceReaders();

// The kind `format:` names; null when none has that name.
const SourceReader* FindReader(std::string_view format);

// The kind a file or URL path's extension picks (case ignored); CSV when no
// kind claims the extension (exports arrive as .txt, .dat or with none).
const SourceReader& ReaderForPath(std::string_view path);

// The config keys a source of `kind` takes, the common ones with its own;
// with no kind (an unknown `format`), the keys any kind takes.
std::vector<std::string> AcceptedKeys(const SourceReader* kind);

// Reports each key of the source's config `node` that `kind` does not take
// at its line and column, with the keys it does take, and the kinds that
// would have taken it.
void CheckSourceKeys(const FileReader& r, const YamlValue& node, const SourceReader* kind, const std::string& what);

// `header_row` (1 to 1000) when the node has it; for the readers.
std::optional<int> ReadHeaderRow(const FileReader& r, const YamlValue& node);

}  // namespace annexa::sources
