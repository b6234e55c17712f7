// Reads every source a council config names into Tables, each through its
// kind's reader (sources/source_readers.h): CSV and xlsx files, CIN census
// XML (each table of it), and the same formats fetched over HTTP(S). A
// source that cannot be read stops the run with a message naming the
// source and the file or URL (exit code 3).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/finding.h"
#include "core/status.h"
#include "core/table.h"
#include "mapping/config_model.h"

namespace annexa::mapping {

// Fetches a URL; tests inject a fake. Defaults to sources::HttpFetch.
using Fetcher = std::function<Result<sources::HttpResponse>(const sources::HttpRequest&)>;

// Called with the names of the sources just read: once for those read from
// files and URLs, then once for those built over them (SQL), so a source's
// own checks (latest_per, its contract) are done before any SQL source
// reads it. A failure stops the load with that status.
using SourcesRead = std::function<Status(const std::set<std::string>& names, std::map<std::string, Table>* tables)>;

// Loads the sources in `names` (all when empty). An `optional` source
// that is missing, empty or has no rows adds a source-optional-empty
// warning to `notes` (when given) and reads as a table with no rows.
// `reference_date` is what a database source's query parameters are
// worked out from (sources/database_source.h).
// kNotFound / kIoError /
// kParseError / kLimitExceeded with "source 'people' (path): reason".
Result<std::map<std::string, Table>> LoadSources(const CouncilConfig& config,
                                                 const std::set<std::string>& names = {},
                                                 const Fetcher& fetch = nullptr,
                                                 const SourcesRead& read = nullptr,
                                                 Findings* notes = nullptr,
                                                 std::optional<CivilDate> reference_date = std::nullopt);

}  // namespace annexa::mapping
