// The cin_census kind: one table of a DfE CIN census XML return
// (cin_census_reader.h). A return is parsed once for all the sources that
// name a table of it.
#include "sources/cin_census_reader.h"
#include "sources/source_readers.h"

namespace annexa::sources {

namespace {

using CinTables = std::map<std::string, Table>;

struct CinOptions {
  std::string table;  // children, cin_episodes, assessments ...
};

std::any Configure(const FileReader& r, const YamlValue* node, const std::string& what) {
  CinOptions o;
  if (!node) return o;
  o.table = r.Str(*node, "table", what, false).value_or("");
  if (o.table.empty())
    r.Error(node->mark, what + ": a cin_census source needs 'table' (children, cin_episodes, assessments, "
                               "cin_plans, section47 or cp_plans)");
  return o;
}

Result<Table> Read(const ReadContext& c) {
  // The pointer form of any_cast: a mismatch is a Status, never an exception.
  const CinOptions* options = std::any_cast<CinOptions>(c.options);
  if (!options) return Internal(c.origin + ": cin_census source read without its options");
  const std::string& name = options->table;
  std::any own;
  std::any& parsed = c.shared ? (*c.shared)[c.location] : own;
  if (!parsed.has_value()) {
    Result<std::string> bytes = c.bytes();
    if (!bytes.ok()) return bytes.status();
    Result<CinTables> cin = ParseCinCensus(*bytes, c.origin);
    if (!cin.ok()) return cin.status();
    parsed = std::move(*cin);
  }
  const CinTables* tables = std::any_cast<CinTables>(&parsed);
  if (!tables) return Internal(c.origin + ": another kind of source shares this return");
  auto it = tables->find(name);
  if (it == tables->end()) return NotFound("no table '" + name + "' in a CIN census return");
  return it->second;
}

}  // namespace

const SourceReader& CinCensusSource() {
  static const SourceReader kind{
      .format = "cin_census",
      .extensions = {".xml"},
      .keys = {"table"},
      .content = ExpectedContent::kXml,
      .parallel = false,  // the parse is shared through ReadContext::shared
      .configure = Configure,
      .read = Read,
  };
  return kind;
}

}  // namespace annexa::sources
