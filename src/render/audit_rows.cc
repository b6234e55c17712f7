#include "render/audit_rows.h"

#include <cmath>

namespace annexa::render {

GapTable AuditCoverageTable(const audit::Coverage& coverage) {
  GapTable t;
  t.sheet = kAuditCoverageSheet;
  t.title = "Audit coverage: audited children against the children open in the lists at the reference date";
  t.headers = {"Breakdown", "Value", "Audits", "Children audited", "Open children", "Covered (%)"};
  auto add = [&](const char* breakdown, const std::vector<audit::CoverageRow>& rows) {
    for (const audit::CoverageRow& r : rows) {
      GapRow row;
      row.cells = {GapCell::Text(breakdown), GapCell::Text(r.value), GapCell::Number(static_cast<double>(r.audits)),
                   GapCell::Number(static_cast<double>(r.children_audited)),
                   r.in_cohort >= 0 ? GapCell::Number(static_cast<double>(r.in_cohort)) : GapCell::Blank(),
                   std::isnan(r.PercentCovered()) ? GapCell::Blank() : GapCell::Percent(r.PercentCovered())};
      // A cohort, band or team with open children and no audit is a gap.
      row.highlight = r.in_cohort > 0 && r.children_audited == 0;
      t.rows.push_back(std::move(row));
    }
  };
  add("Cohort", coverage.by_cohort);
  add("Age band", coverage.by_age_band);
  add("Team", coverage.by_team);
  add("Grade", coverage.by_grade);
  GapRow total;
  total.bold = true;
  total.cells = {GapCell::Text("Total"), GapCell::Blank(), GapCell::Number(static_cast<double>(coverage.audits)),
                 GapCell::Number(static_cast<double>(coverage.children))};
  t.trailer.push_back(std::move(total));
  GapRow note;
  note.cells = {GapCell::Text("Highlighted: open children and no audited case. Cohorts: looked after (List 8), "
                              "child protection (List 7), child in need (List 6), care leaver (List 9), the first "
                              "that applies; closed = in the lists with nothing open.")};
  t.trailer.push_back(std::move(note));
  return t;
}

GapTable AuditCohortsTable(const audit::Coverage& coverage, const AnnexList& audit) {
  GapTable t;
  t.sheet = kAuditCohortsSheet;
  t.title = "Audited cases joined to the lists: each child's cohort, age band and team at the reference date";
  t.headers = {"Audited_cases row", "Child Unique ID", "Date of audit", "Cohort", "Age band", "Team", "Grade"};
  const int date_col = audit.spec->ColumnIndex("audit_date");
  const int id_col = audit.spec->ColumnIndex("child_id");
  for (const audit::AuditedCase& c : coverage.cases) {
    GapRow row;
    const std::string date = date_col >= 0 ? audit.rows[c.row].cells[static_cast<size_t>(date_col)].ToText() : "";
    // The id as the list now holds it (pseudonymised when the pack is).
    const std::string id = id_col >= 0 ? audit.rows[c.row].cells[static_cast<size_t>(id_col)].ToText() : c.child_id;
    row.cells = {GapCell::Number(static_cast<double>(c.row + 3)), GapCell::Text(id), GapCell::Text(date),
                 GapCell::Text(std::string(audit::ToString(c.cohort))), GapCell::Text(c.age_band),
                 GapCell::Text(c.team), GapCell::Text(c.grade)};
    row.highlight = c.cohort == audit::Cohort::kNotInLists;
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace annexa::render
