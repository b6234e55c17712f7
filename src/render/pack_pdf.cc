#include "render/pack_pdf.h"

#include "core/finding_kinds.h"
#include "render/audit_pdf.h"
#include "render/pdf_blocks.h"
#include "validate/root_causes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace annexa::render {

namespace {


struct Counts {
  int64_t errors = 0, warnings = 0;
};

std::map<int, Counts> FindingsPerList(const Findings& findings) {
  std::map<int, Counts> out;
  for (const Finding& f : findings) {
    if (f.Explained()) continue;  // counted apart (gaps/explanations.h): never makes a list red
    if (f.severity == Severity::kError) ++out[f.list].errors;
    else if (f.severity == Severity::kWarning) ++out[f.list].warnings;
  }
  for (const auto& [key, n] : findings.overflow()) {  // beyond the rule's cap: counted, not stored
    if (key.severity == Severity::kError) out[key.list].errors += n;
    else if (key.severity == Severity::kWarning) out[key.list].warnings += n;
  }
  return out;
}

Section Summary(const PackInputs& in) {
  Section s;
  s.title = "Summary";
  s.blocks.push_back(KeyValues({{"Council", in.facts->council + " (LA " + in.facts->la_code + ")"},
                                {"Reference date", in.facts->reference_date.ToUk()},
                                {"Annex A template", in.spec->id + ": " + in.spec->title},
                                {"Generated", in.facts->generated_at + " by " + in.facts->tool_version}}));
  Table t;
  t.header = {"List", "Title", "Rows", "Children (adopters)", "Errors", "Warnings", "Filled"};
  t.widths = {0.6, 4.2, 0.9, 1.0, 0.9, 1.0, 0.9};
  t.right_align = {true, false, true, true, true, true, true};
  const auto counts = FindingsPerList(*in.findings);
  for (size_t i = 0; i < in.lists->size(); ++i) {
    const AnnexList& l = (*in.lists)[i];
    std::set<std::string> children;
    for (const auto& row : l.rows) children.insert(row.cells[0].ToText());
    const auto it = counts.find(l.spec->number);
    const Counts c = it == counts.end() ? Counts{} : it->second;
    const double filled = in.completeness && i < in.completeness->size() && !l.rows.empty()
                              ? (*in.completeness)[i].PercentFilled()
                              : NAN;  // an empty list is not "100% filled"
    // An adopter is no child: List 11's adopters are counted in brackets,
    // as the column's header says.
    const std::string people = l.spec->grain == spec::Grain::kAdopter
                                   ? "(" + Count(static_cast<int64_t>(children.size())) + ")"
                                   : Count(static_cast<int64_t>(children.size()));
    t.rows.push_back({std::to_string(l.spec->number), l.spec->title, Count(static_cast<int64_t>(l.rows.size())), people,
                      Count(c.errors), Count(c.warnings), Percent(filled)});
  }
  s.blocks.push_back(Text(Block::Kind::kHeading, "The lists"));
  s.blocks.push_back(TableBlock(std::move(t)));
  return s;
}

Section Indicators(const PackInputs& in, const PackTemplate& tmpl) {
  Section s;
  s.title = "Key indicators";
  Table t;
  t.header = {"Ref", "Indicator", "Period", "Num.", "Den.", "Value", "Targets", "Trend (6 months)", "Status"};
  t.widths = {0.7, 3.6, 1.1, 0.8, 0.8, 0.9, 1.2, 1.5, 0.9};
  t.right_align = {false, false, false, true, true, true, false, false, false};
  t.sparkline_column = 7;
  t.rag_column = 8;
  std::vector<const indicators::Indicator*> shown;
  for (const auto& ki : *in.indicators)
    if (tmpl.indicators.empty() ||
        std::find(tmpl.indicators.begin(), tmpl.indicators.end(), ki.id) != tmpl.indicators.end())
      shown.push_back(&ki);
  for (const indicators::Indicator* ki : shown) {
    std::string targets;
    if (ki->target.minimum || ki->target.upper) {
      targets = (ki->target.minimum ? Number(*ki->target.minimum, ki->unit) : "") + " / " +
                (ki->target.upper ? Number(*ki->target.upper, ki->unit) : "");
      if (!ki->target.higher_is_better) targets += " (lower)";
    }
    t.rows.push_back({ki->reference, ki->title, ki->period, Count(ki->numerator),
                      ki->denominator ? Count(ki->denominator) : "", Number(ki->value, ki->unit), targets, "",
                      ki->rag});
    t.rag.push_back(ki->rag);
    // The six month-ends' values (NaN where not available), oldest first.
    std::vector<double> points;
    for (const indicators::TrendPoint& point : ki->points) points.push_back(point.value);
    t.sparklines.push_back(std::move(points));
  }
  s.blocks.push_back(Text(Block::Kind::kParagraph,
                          "Computed from the lists in this pack at the reference date. Targets are the council's "
                          "minimum / upper bands; status is green at or beyond the upper band, amber between the bands, "
                          "red short of the minimum."));
  s.blocks.push_back(TableBlock(std::move(t)));
  s.blocks.push_back(Text(Block::Kind::kHeading, "Definitions"));
  for (const indicators::Indicator* ki : shown)
    s.blocks.push_back(Text(Block::Kind::kParagraph, ki->reference + " " + ki->title + ": " + ki->definition));
  return s;
}

// Rows per month of the list's summary date, over the months the dates span
// (at most the 12 months up to the reference date). No row is dropped: rows
// dated before those months are one "Earlier" bar first, rows with no date
// (or dated after the reference date) one "No date" bar last, so the bars
// add up to the list's rows.
std::vector<std::pair<std::string, double>> ByMonth(const AnnexList& l, int col, CivilDate ref) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::map<int, int64_t> counts;  // y*12+m-1
  int64_t undated = 0;
  for (const auto& row : l.rows) {
    const CellValue& v = row.cells[static_cast<size_t>(col)];
    if (v.kind != CellValue::Kind::kDate || v.date > ref) {
      ++undated;
      continue;
    }
    counts[v.date.year() * 12 + v.date.month() - 1]++;
  }
  std::vector<std::pair<std::string, double>> out;
  if (counts.empty()) return out;
  const int last = ref.year() * 12 + ref.month() - 1;
  const int first = std::max(counts.begin()->first, last - 11);
  int64_t earlier = 0;
  for (const auto& [k, n] : counts)
    if (k < first) earlier += n;
  if (earlier > 0) out.emplace_back("Earlier", static_cast<double>(earlier));
  for (int k = first; k <= last; ++k) {
    auto it = counts.find(k);
    out.emplace_back(std::string(kMonths[k % 12]) + " " + std::to_string(k / 12), it == counts.end() ? 0.0 : static_cast<double>(it->second));
  }
  if (undated > 0) out.emplace_back("No date", static_cast<double>(undated));
  return out;
}

std::vector<std::pair<std::string, double>> Breakdown(const AnnexList& l, int col) {
  std::map<std::string, int64_t> counts;
  for (const auto& row : l.rows) {
    const std::string v = row.cells[static_cast<size_t>(col)].ToText();
    counts[v.empty() ? "(blank)" : v]++;
  }
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [k, n] : counts) out.emplace_back(k, static_cast<double>(n));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > 12) {
    double rest = 0;
    for (size_t i = 11; i < out.size(); ++i) rest += out[i].second;
    out.resize(11);
    out.emplace_back("(others)", rest);
  }
  return out;
}

Section ListPage(const AnnexList& l, CivilDate ref) {
  Section s;
  s.title = l.spec->title;
  std::set<std::string> children;
  for (const auto& row : l.rows) children.insert(row.cells[0].ToText());
  std::string range = "\u2013";
  const int date_col = l.spec->summary.date.empty() ? -1 : l.spec->ColumnIndex(l.spec->summary.date);
  if (date_col >= 0) {
    std::optional<CivilDate> lo, hi;
    for (const auto& row : l.rows) {
      const CellValue& v = row.cells[static_cast<size_t>(date_col)];
      if (v.kind != CellValue::Kind::kDate) continue;
      if (!lo || v.date < *lo) lo = v.date;
      if (!hi || *hi < v.date) hi = v.date;
    }
    if (lo) range = lo->ToUk() + " to " + hi->ToUk() + " (" + l.spec->columns[static_cast<size_t>(date_col)].header + ")";
  }
  s.blocks.push_back(KeyValues({{"Rows", Count(static_cast<int64_t>(l.rows.size()))},
                                {l.spec->grain == spec::Grain::kAdopter ? "Adopters" : "Children", Count(static_cast<int64_t>(children.size()))},
                                {"Dates", range},
                                {"Rows read", Count(l.account.read) + " (" + Count(l.account.ExcludedTotal()) + " left out)"}}));
  if (l.rows.empty()) {
    s.blocks.push_back(Text(Block::Kind::kParagraph, "No rows."));
    return s;
  }
  if (date_col >= 0) {
    auto months = ByMonth(l, date_col, ref);
    if (!months.empty())
      s.blocks.push_back(Chart("Rows by month of " + l.spec->columns[static_cast<size_t>(date_col)].header, std::move(months)));
  }
  for (const std::string& key : l.spec->summary.breakdowns) {
    const int col = l.spec->ColumnIndex(key);
    if (col < 0) continue;
    s.blocks.push_back(Chart("By " + l.spec->columns[static_cast<size_t>(col)].header, Breakdown(l, col)));
  }
  return s;
}

Section DataGaps(const PackInputs& in) {
  Section s;
  s.title = "Data gaps";
  Table c;
  c.header = {"List", "Title", "Rows", "Filled", "Blank where Ofsted allows none"};
  c.widths = {0.6, 4.0, 0.9, 0.9, 2.2};
  c.right_align = {true, false, true, true, true};
  if (in.completeness)
    for (const auto& lc : *in.completeness)
      c.rows.push_back({std::to_string(lc.list), lc.title, Count(lc.rows), Percent(lc.rows ? lc.PercentFilled() : NAN),
                        Count(lc.BlankNotAllowed())});
  s.blocks.push_back(Text(Block::Kind::kHeading, "Completeness"));
  s.blocks.push_back(TableBlock(std::move(c)));
  std::map<std::pair<int, std::string>, std::pair<int64_t, std::set<int>>> by_code;
  std::map<std::pair<int, std::string>, int64_t> explained;
  for (const Finding& f : *in.findings) {
    if (f.Explained()) {
      ++explained[{static_cast<int>(f.severity), f.code}];
      continue;
    }
    auto& [n, lists] = by_code[{static_cast<int>(f.severity), f.code}];
    ++n;
    if (f.list) lists.insert(f.list);
  }
  const std::map<std::pair<Severity, std::string>, int64_t> causes = validate::CountRootCauses(*in.findings);
  for (const auto& [key, count] : in.findings->overflow()) {  // beyond the rule's cap: counted, not stored
    auto& [n, lists] = by_code[{static_cast<int>(key.severity), key.code}];
    n += count;
    if (key.list) lists.insert(key.list);
  }
  // The rule's description, not an example message: messages quote values
  // (ids, dates of birth) that a summary for leaders should not carry.
  Table t;
  // Root causes first: one source cell is one thing to fix, however many
  // list cells it feeds; explained findings counted apart.
  t.header = {"Finding", "Severity", "Causes", "Findings", "Explained", "Lists", "What it means"};
  t.widths = {1.8, 0.9, 0.8, 0.9, 0.9, 1.0, 3.7};
  t.right_align = {false, false, true, true, true, false, false};
  for (const auto& [key, e] : explained) by_code[key];  // a rule whose findings are all explained
  for (const auto& [key, v] : by_code) {
    std::string lists;
    for (int l : v.second) lists += (lists.empty() ? "" : ", ") + std::to_string(l);
    const FindingKindInfo* kind = FindFindingKind(key.second);
    const auto cause = causes.find({static_cast<Severity>(key.first), key.second});
    const auto expl = explained.find(key);
    t.rows.push_back({key.second, ToString(static_cast<Severity>(key.first)),
                      Count(cause == causes.end() ? 0 : cause->second), Count(v.first),
                      expl == explained.end() ? "" : Count(expl->second), lists,
                      kind ? std::string(kind->use.meaning) : ""});
  }
  s.blocks.push_back(Text(Block::Kind::kHeading, "Findings by rule"));
  s.blocks.push_back(Text(Block::Kind::kParagraph,
                          "Causes counts root causes: findings that share one source cell (a blank in the people "
                          "file feeds every list the child is in) count once. Every finding, with its child, team, "
                          "worker and its row in the workbook and in the source extract, is in the findings file and "
                          "the QA workbook's Findings, Data_gaps, Child_gaps and Gaps_by_owner sheets. Rules: "
                          "docs/rules.md."));
  s.blocks.push_back(TableBlock(std::move(t)));
  return s;
}

Section RowAccounting(const PackInputs& in) {
  Section s;
  s.title = "Row accounting";
  s.blocks.push_back(Text(Block::Kind::kParagraph,
                          "Every row read from the council's extracts is in a list or left out for a stated reason."));
  Table t;
  t.header = {"List", "Read", "Included", "Left out", "Reasons"};
  t.widths = {0.6, 0.9, 0.9, 0.9, 5.5};
  t.right_align = {true, true, true, true, false};
  std::vector<const AnnexList*> lists;
  for (const AnnexList& l : *in.lists) lists.push_back(&l);
  if (in.audit) lists.push_back(in.audit);
  for (const AnnexList* l : lists) {
    std::string reasons;
    for (const auto& [reason, n] : l->account.excluded) reasons += (reasons.empty() ? "" : "; ") + Count(n) + " " + reason;
    t.rows.push_back({l->spec->number == spec::kAuditedCasesList ? "Audit" : std::to_string(l->spec->number),
                      Count(l->account.read), Count(l->account.included), Count(l->account.ExcludedTotal()), reasons});
  }
  s.blocks.push_back(TableBlock(std::move(t)));
  return s;
}

}  // namespace

PdfDocument BuildPackDocument(const PackInputs& in, const PackTemplate& tmpl) {
  PdfDocument doc;
  doc.title = tmpl.title;
  doc.subtitle = in.facts->council;
  doc.footer = in.facts->council + (tmpl.footer.empty() ? "" : " \u2013 " + tmpl.footer);
  doc.created_at = in.facts->generated_at;
  doc.cover_facts = {{"Reference date", in.facts->reference_date.ToUk()},
                     {"LA code", in.facts->la_code},
                     {"Annex A template", in.spec->id},
                     {"Generated", in.facts->generated_at},
                     {"By", in.facts->tool_version}};
  for (const std::string& name : tmpl.sections) {
    if (name == "summary") doc.sections.push_back(Summary(in));
    else if (name == "indicators" && in.indicators) doc.sections.push_back(Indicators(in, tmpl));
    else if (name == "lists")
      for (const AnnexList& l : *in.lists) doc.sections.push_back(ListPage(l, in.facts->reference_date));
    else if (name == "audited_cases")
      doc.sections.push_back(
          AuditedCasesSection(in.audit_coverage, in.facts->reference_date, in.audit_window_months, tmpl.audit_bands));
    else if (name == "data_gaps" && in.findings) doc.sections.push_back(DataGaps(in));
    else if (name == "row_accounting") doc.sections.push_back(RowAccounting(in));
  }
  return doc;
}

}  // namespace annexa::render
