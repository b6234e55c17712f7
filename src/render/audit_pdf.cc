#include "render/audit_pdf.h"

#include <map>

#include "core/finding_kinds.h"
#include "render/pdf_blocks.h"

namespace annexa::render {

namespace {

// A coverage table; `denominator` adds the open-children and covered columns
// with a red, amber or green cell by the template's bands where open
// children exist (red whenever none was audited).
Table CoverageTable(const char* first, const std::vector<audit::CoverageRow>& rows, bool denominator,
                    const AuditBands& bands) {
  Table t;
  t.header = {first, "Audits", "Children audited"};
  t.widths = {3.0, 1.0, 1.4};
  t.right_align = {false, true, true};
  if (denominator) {
    t.header.insert(t.header.end(), {"Open children", "Covered"});
    t.widths.insert(t.widths.end(), {1.3, 1.1});
    t.right_align.insert(t.right_align.end(), {true, true});
    t.rag_column = 4;
  }
  for (const audit::CoverageRow& r : rows) {
    std::vector<std::string> cells = {r.value, std::to_string(r.audits), std::to_string(r.children_audited)};
    if (denominator) {
      cells.push_back(r.in_cohort >= 0 ? std::to_string(r.in_cohort) : "\u2013");
      cells.push_back(Percent(r.PercentCovered()));
      const double pct = r.PercentCovered();
      t.rag.push_back(r.in_cohort <= 0                                   ? ""
                      : r.children_audited == 0 || pct < bands.minimum ? "red"
                      : pct < bands.upper                                ? "amber"
                                                                         : "green");
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

}  // namespace

Section AuditedCasesSection(const audit::Coverage* coverage, CivilDate reference_date, int window_months,
                            const AuditBands& bands) {
  Section s;
  s.title = "Audited cases";
  if (!coverage) {
    s.blocks.push_back(Text(Block::Kind::kParagraph,
                            "No audited-case list is configured. Map the council's audit records under 'audit:' in the "
                            "council config (docs/config.md) to send the list and see its coverage here."));
    return s;
  }
  const audit::Coverage& c = *coverage;
  s.blocks.push_back(Text(Block::Kind::kParagraph,
                          "Case audits completed in the " + std::to_string(window_months) + " months to " +
                              reference_date.ToUk() +
                              ", each child placed in their cohort at the reference date from Lists 6 to 9 (looked "
                              "after first, then child protection, child in need, care leaver). Inspectors choose "
                              "cases to track from this list."));
  int64_t not_found = 0;
  for (const audit::AuditedCase& a : c.cases) not_found += a.cohort == audit::Cohort::kNotInLists;
  std::map<std::string, int64_t> gaps;
  for (const Finding& f : c.findings)
    if (f.severity != Severity::kInfo) ++gaps[f.code];
  int64_t gap_count = 0;
  for (const auto& [code, n] : gaps) gap_count += n;
  s.blocks.push_back(KeyValues({{"Audits", std::to_string(c.audits)},
                                {"Children audited", std::to_string(c.children)},
                                {"Audited children not found in the lists", std::to_string(not_found)},
                                {"Coverage gaps flagged", std::to_string(gap_count)}}));
  s.blocks.push_back(Text(Block::Kind::kHeading, "By cohort"));
  s.blocks.push_back(TableBlock(CoverageTable("Cohort", c.by_cohort, true, bands)));
  s.blocks.push_back(Text(Block::Kind::kHeading, "By age band"));
  s.blocks.push_back(TableBlock(CoverageTable("Age band", c.by_age_band, true, bands)));
  s.blocks.push_back(Text(Block::Kind::kHeading, "By team"));
  s.blocks.push_back(TableBlock(CoverageTable("Team", c.by_team, true, bands)));
  std::vector<std::pair<std::string, double>> bars;
  for (const audit::CoverageRow& r : c.by_grade) bars.emplace_back(r.value, static_cast<double>(r.audits));
  if (!bars.empty()) s.blocks.push_back(Chart("Audits by grade", std::move(bars)));
  s.blocks.push_back(Text(Block::Kind::kHeading, "Coverage gaps"));
  if (c.findings.empty()) {
    s.blocks.push_back(Text(Block::Kind::kParagraph, "None: every open cohort, under-fives on plans and every team "
                                                      "with open cases have audited cases."));
    return s;
  }
  Table t;
  t.header = {"Severity", "Gap", "Detail"};
  t.widths = {1.0, 2.4, 4.6};
  std::map<std::string, int64_t> per_child;  // one line per code for row-level gaps
  for (const Finding& f : c.findings) {
    if (f.list_row > 0) {
      ++per_child[f.code];
      continue;
    }
    t.rows.push_back({ToString(f.severity), f.code, f.message});
  }
  for (const auto& [code, n] : per_child) {
    const FindingKindInfo* kind = FindFindingKind(code);
    t.rows.push_back({kind ? ToString(kind->severity) : "warning", code,
                      std::to_string(n) + (n == 1 ? " audit: " : " audits: ") +
                          (kind ? std::string(kind->use.meaning) : std::string())});
  }
  s.blocks.push_back(TableBlock(std::move(t)));
  return s;
}

}  // namespace annexa::render
