// The database kind: a source read straight from a council's reporting
// database through ODBC (odbc_db.h), as a table or a query on a connection
// the config declares once under `connections:` (docs/database.md).
//
//   connections:
//     reporting: {dsn: SSD, user: annexa_reader, password_env: ANNEXA_DB_PASSWORD}
//   sources:
//     ssd_person: {connection: reporting, table: ssd_person}
//     contacts:
//       connection: reporting
//       query: "SELECT * FROM ssd_contacts WHERE cont_contact_date >= :window_start_12m"
//
// A query's named parameters (:reference_date, :window_start_<N>m: the
// reference date N months back, the start of an N-month window) become `?`
// markers the driver binds as dates; they are never pasted into the text.
// Each row's provenance is the connection, the table or query and the
// result's row number.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/yaml_reader.h"

namespace annexa::sources {

// One entry of `connections:`. The password is never in the config: it is
// read when the connection opens, from `password_env` or `password_file`.
struct DatabaseConnection {
  std::string name;
  std::string dsn;
  std::string connection_string;
  std::string user;
  std::string password_env;
  std::string password_file;  // resolved against the config's folder
  int64_t connect_timeout_seconds = 15;
  int64_t query_timeout_seconds = 300;
  YamlMark mark;
};

// Reads the config's `connections:` map, each problem reported through `r`
// at its line and column (a `password:` key, a password in the connection
// string, neither or both of `dsn` and `connection_string` ...).
std::map<std::string, DatabaseConnection> ReadConnections(const FileReader& r, const YamlValue& node,
                                                          const std::string& config_dir);

// Gives a database source's options (as its kind's `configure` made them)
// the connection it names; an unknown name is reported through `r`.
void ResolveConnection(const FileReader& r, const std::map<std::string, DatabaseConnection>& connections,
                       std::any* options, const std::string& what);

// A query's text with each named parameter (`:name`, outside strings,
// quoted names and comments; `::` casts are left alone) replaced by `?`,
// and the names in the order of the markers.
struct RewrittenQuery {
  std::string text;
  std::vector<std::string> names;
};
RewrittenQuery RewriteParameters(const std::string& query);

// The named parameters of a database source's query ("reference_date",
// "window_start_12m"), given its options as its kind's `configure` made
// them; none for a `table` (or options of another kind). A query with any
// is run as at the reference date only (pack/past_lists.h).
std::vector<std::string> QueryParameters(const std::any& options);

}  // namespace annexa::sources
