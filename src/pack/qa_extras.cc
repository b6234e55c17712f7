#include "pack/qa_extras.h"

#include <algorithm>
#include <tuple>

#include "core/text.h"
#include "gaps/owner_gaps.h"
#include "history/run_history.h"

namespace annexa::pack {

namespace {

render::GapRow Row(const std::vector<std::string>& cells) {
  render::GapRow r;
  for (const std::string& c : cells) r.cells.push_back(render::GapCell::Text(c));
  return r;
}

render::GapRow Note(const std::string& text) { return Row({text}); }

render::GapTable ChangesSheet(const std::string& history_path, const mapping::MappedPack& pack, bool pseudonymised) {
  render::GapTable t;
  t.sheet = "Changes";
  t.title = "Changes since the last run of this council in the run history: findings closed, opened and still open, "
            "by child, list, column and rule (a finding that moved to another row is the same finding)";
  t.headers = {"Status", "Rule", "List", "Column", "Child", "Team", "Worker", "Severity", "Message"};
  if (history_path.empty()) {
    t.trailer.push_back(Note("No run history (--no-history): nothing to compare with."));
    return t;
  }
  Result<std::optional<history::RunChanges>> changes =
      history::ChangesSinceLastRun(history_path, pack.facts.la_code, pack.findings);
  if (!changes.ok()) {
    t.trailer.push_back(Note("The run history could not be read: " + changes.status().message()));
    return t;
  }
  if (!*changes) {
    t.trailer.push_back(Note("No earlier run of LA " + pack.facts.la_code + " in the run history " + history_path +
                             ": this is the first."));
    return t;
  }
  const history::RunChanges& c = **changes;
  if (c.older.pseudonymised != pseudonymised) {
    t.trailer.push_back(Note("The last run of LA " + pack.facts.la_code + " in the run history (run " +
                             std::to_string(c.older.id) + ") was " + (c.older.pseudonymised ? "" : "not ") +
                             "pseudonymised and this one is" + (pseudonymised ? "" : " not") +
                             ": not compared, so that no id of one kind shows in a pack of the other."));
    return t;
  }
  auto add = [&](const char* status, std::vector<history::StoredFinding> fs) {
    std::stable_sort(fs.begin(), fs.end(), [](const history::StoredFinding& x, const history::StoredFinding& y) {
      return std::tie(x.child, x.rule, x.list, x.column) < std::tie(y.child, y.rule, y.list, y.column);
    });
    for (const history::StoredFinding& f : fs)
      t.rows.push_back(Row({status, f.rule, f.list ? std::to_string(f.list) : "", f.column, f.child, f.team, f.worker,
                            f.severity_name, f.message}));
  };
  add("closed", c.closed);
  add("opened", c.opened);
  add("still open", c.still_open);
  t.trailer.push_back(Note("Compared with run " + std::to_string(c.older.id) + " (" + c.older.generated_at +
                           ", reference date " + c.older.reference_date + "): " + std::to_string(c.closed.size()) +
                           " closed, " + std::to_string(c.opened.size()) + " opened, " +
                           std::to_string(c.still_open.size()) + " still open."));
  return t;
}

render::GapTable GapsByOwnerSheet(const std::string& history_path, const mapping::MappedPack& pack) {
  render::GapTable t;
  t.sheet = "Gaps_by_owner";
  t.title = "Open gaps by team and worker, oldest first: errors and warnings not explained, with where to fix each";
  gaps::FirstSeen first_seen;
  std::string note;
  if (!history_path.empty()) {
    Result<std::map<std::string, std::string>> seen = history::FirstSeenDates(history_path, pack.facts.la_code);
    if (seen.ok()) first_seen = std::move(*seen);
    else note = "The run history could not be read (" + seen.status().message() + "): gaps are dated by this run.";
  }
  const std::vector<std::vector<std::string>> rows = gaps::GapsSheetRows(
      gaps::OpenGaps(pack.findings, pack.spec, first_seen, pack.facts.reference_date.ToIso()));
  t.headers = rows.front();
  // The source by its file name, as the Findings sheet names it: the
  // workbook does not depend on the folder the data was read from.
  const size_t source = static_cast<size_t>(
      std::find(t.headers.begin(), t.headers.end(), "source") - t.headers.begin());
  for (size_t i = 1; i < rows.size(); ++i) {
    std::vector<std::string> cells = rows[i];
    if (source < cells.size()) cells[source] = SourceFileName(cells[source]);
    t.rows.push_back(Row(cells));
  }
  if (!note.empty()) t.trailer.push_back(Note(note));
  return t;
}

}  // namespace

std::vector<render::GapTable> QaExtraSheets(const std::string& history_path, const mapping::MappedPack& pack,
                                            bool pseudonymised) {
  return {ChangesSheet(history_path, pack, pseudonymised), GapsByOwnerSheet(history_path, pack)};
}

}  // namespace annexa::pack
