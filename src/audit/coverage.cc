#include "audit/coverage.h"

#include <deque>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "core/finding_kinds.h"
#include "core/text.h"
#include "spec/spec_model.h"

namespace annexa::audit {

namespace {


constexpr std::string_view kNotRecorded = "Not recorded";

// What the lists say about one child. Views point into the lists' cells.
struct ChildInfo {
  Cohort cohort = Cohort::kClosed;
  const CivilDate* dob = nullptr;
  std::string_view team;
};

const AnnexList* FindList(const std::vector<AnnexList>& lists, int number) {
  for (const AnnexList& l : lists)
    if (l.spec && l.spec->number == number) return &l;
  return nullptr;
}

// A list's columns that coverage reads, found once per list (-1: none).
struct Columns {
  int id, dob, team, end = -1;
  Columns(const AnnexList& l, const char* end_key)
      : id(l.spec->ColumnIndex("child_id")), dob(l.spec->ColumnIndex("date_of_birth")),
        team(l.spec->ColumnIndex("allocated_team")), end(end_key ? l.spec->ColumnIndex(end_key) : -1) {}
  static const CellValue* At(const AnnexRow& r, int i) { return i < 0 ? nullptr : &r.cells[static_cast<size_t>(i)]; }
};

// Open at `ref`: no end date, or one after it (an end that is not a date
// cannot close the case).
bool OpenAt(const CellValue* end, CivilDate ref) {
  return !end || end->kind != CellValue::Kind::kDate || end->date > ref;
}

// A cell's text as a view: ids and teams are text cells; any other kind is
// kept, as text, in `arena` (a deque: its strings never move).
std::string_view TextOf(const CellValue& v, std::deque<std::string>* arena) {
  if (v.kind == CellValue::Kind::kText) return v.text;
  return arena->emplace_back(v.ToText());
}

using ChildMap = std::unordered_map<std::string_view, ChildInfo>;

ChildMap ChildrenInLists(const std::vector<AnnexList>& lists, CivilDate ref, std::deque<std::string>* arena) {
  ChildMap children;
  // The open cohorts, highest priority first: a child's first match wins.
  struct Source {
    int list;
    const char* end_key;  // nullptr: every row is open (List 9)
    Cohort cohort;
  };
  const Source open[] = {{8, "date_ceased_looked_after", Cohort::kLookedAfter},
                         {7, "cp_plan_end_date", Cohort::kChildProtection},
                         {6, "cin_closure_date", Cohort::kChildInNeed},
                         {9, nullptr, Cohort::kCareLeaver}};
  auto fill = [&](ChildInfo& info, const Columns& cols, const AnnexRow& r) {
    if (!info.dob) {
      const CellValue* dob = Columns::At(r, cols.dob);
      if (dob && dob->kind == CellValue::Kind::kDate) info.dob = &dob->date;
    }
    if (info.team.empty()) {
      const CellValue* team = Columns::At(r, cols.team);
      if (team && !team->blank()) info.team = TextOf(*team, arena);
    }
  };
  for (const Source& s : open) {
    const AnnexList* l = FindList(lists, s.list);
    if (!l) continue;
    const Columns cols(*l, s.end_key);
    for (const AnnexRow& r : l->rows) {
      const CellValue* id = Columns::At(r, cols.id);
      if (!id || id->blank()) continue;
      if (s.end_key && !OpenAt(Columns::At(r, cols.end), ref)) continue;
      auto [it, inserted] = children.try_emplace(TextOf(*id, arena));
      if (inserted) it->second.cohort = s.cohort;
      if (it->second.cohort == s.cohort) fill(it->second, cols, r);
    }
  }
  // Everyone else in Lists 1-10 (List 11 holds adopters) is a closed case.
  for (int n = 1; n <= 10; ++n) {
    const AnnexList* l = FindList(lists, n);
    if (!l) continue;
    const Columns cols(*l, nullptr);
    for (const AnnexRow& r : l->rows) {
      const CellValue* id = Columns::At(r, cols.id);
      if (!id || id->blank()) continue;
      ChildInfo& info = children[TextOf(*id, arena)];
      if (info.cohort == Cohort::kClosed) fill(info, cols, r);
    }
  }
  return children;
}

int GradeRank(const std::string& grade) {
  const std::string m = MatchForm(grade);
  if (m == MatchForm("Outstanding")) return 0;
  if (m == MatchForm("Good")) return 1;
  if (m.rfind(MatchForm("Requires improvement"), 0) == 0) return 2;
  if (m == MatchForm("Inadequate")) return 3;
  return grade == kNotRecorded ? 5 : 4;
}

Finding AuditFinding(FindingKind kind, int list, std::string message) {
  Finding f = MakeFinding(kind, std::move(message));
  f.list = list;
  return f;
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string_view ToString(Cohort c) {
  switch (c) {
    case Cohort::kLookedAfter: return "Looked after";
    case Cohort::kChildProtection: return "Child protection";
    case Cohort::kChildInNeed: return "Child in need";
    case Cohort::kCareLeaver: return "Care leaver";
    case Cohort::kClosed: return "Closed";
    case Cohort::kNotInLists: return "Not in the lists";
  }
  return "";
}

std::string_view AgeBand(const CivilDate* dob, CivilDate on) {
  if (!dob) return kAgeBands[7];
  if (*dob > on) return kAgeBands[0];
  const int age = AgeInYears(*dob, on);
  if (age < 1) return kAgeBands[1];
  if (age < 5) return kAgeBands[2];
  if (age < 10) return kAgeBands[3];
  if (age < 16) return kAgeBands[4];
  if (age < 18) return kAgeBands[5];
  return kAgeBands[6];
}

double CoverageRow::PercentCovered() const {
  return in_cohort > 0 ? 100.0 * static_cast<double>(children_audited) / static_cast<double>(in_cohort) : NAN;
}

Coverage MeasureCoverage(const std::vector<AnnexList>& lists, const AnnexList& audit, CivilDate reference_date) {
  Coverage out;
  std::deque<std::string> arena;  // texts of cells that were not text, for the views below
  const ChildMap children = ChildrenInLists(lists, reference_date, &arena);
  const int id_col = audit.spec->ColumnIndex("child_id");
  const int grade_col = audit.spec->ColumnIndex("grade");

  // Denominators: the children with an open case, by cohort, age band and team.
  std::map<Cohort, int64_t> open_by_cohort;
  std::map<std::string, int64_t> open_by_band, open_by_team;
  int64_t under_five_cp = 0;
  auto under_five = [](std::string_view band) { return band == kAgeBands[0] || band == kAgeBands[1] || band == kAgeBands[2]; };
  std::unordered_map<std::string_view, int64_t> band_tally, team_tally;  // views: no string per child
  for (const auto& [id, info] : children) {
    if (info.cohort == Cohort::kClosed) continue;
    const std::string_view band = AgeBand(info.dob, reference_date);
    ++open_by_cohort[info.cohort];
    ++band_tally[band];
    ++team_tally[info.team.empty() ? kNotRecorded : info.team];
    if (info.cohort == Cohort::kChildProtection && under_five(band)) ++under_five_cp;
  }
  for (const auto& [band, n] : band_tally) open_by_band[std::string(band)] += n;
  for (const auto& [team, n] : team_tally) open_by_team[std::string(team)] += n;

  // Each audit, and the distinct children per cohort / band / team / grade.
  struct Tally {
    int64_t audits = 0;
    std::set<std::string> children;
  };
  std::map<Cohort, Tally> by_cohort;
  std::map<std::string, Tally> by_band, by_team, by_grade;
  std::set<std::string> all_children;
  int64_t under_five_cp_audited = 0;
  std::set<std::string> under_five_cp_seen;
  for (size_t i = 0; i < audit.rows.size(); ++i) {
    const AnnexRow& r = audit.rows[i];
    AuditedCase c;
    c.row = i;
    c.child_id = id_col >= 0 ? r.cells[static_cast<size_t>(id_col)].ToText() : "";
    const std::string grade = grade_col >= 0 ? r.cells[static_cast<size_t>(grade_col)].ToText() : "";
    c.grade = grade.empty() ? std::string(kNotRecorded) : grade;
    auto it = children.find(c.child_id);
    if (it == children.end()) {
      c.cohort = Cohort::kNotInLists;
      c.age_band = kAgeBands[7];
      c.team = kNotRecorded;
      Finding f = AuditFinding(kinds::kAuditChildNotInLists, spec::kAuditedCasesList,
                               "audited child is in none of Lists 1-10: check the Child Unique ID");
      f.list_row = static_cast<int64_t>(i) + 1;
      f.column = "child_id";
      f.value = c.child_id;
      if (r.source >= 0 && static_cast<size_t>(r.source) < audit.sources.size()) f.source = audit.sources[static_cast<size_t>(r.source)];
      f.source_row = r.source_row;
      if (id_col >= 0 && static_cast<size_t>(id_col) < audit.column_origin.size()) f.source_column = audit.column_origin[static_cast<size_t>(id_col)];
      out.findings.push_back(std::move(f));
    } else {
      c.cohort = it->second.cohort;
      c.age_band = AgeBand(it->second.dob, reference_date);
      c.team = it->second.team.empty() ? std::string(kNotRecorded) : std::string(it->second.team);
    }
    for (Tally* t : {&by_cohort[c.cohort], &by_band[c.age_band], &by_team[c.team], &by_grade[c.grade]}) {
      ++t->audits;
      t->children.insert(c.child_id);
    }
    all_children.insert(c.child_id);
    if (c.cohort == Cohort::kChildProtection && under_five(c.age_band) && under_five_cp_seen.insert(c.child_id).second)
      ++under_five_cp_audited;
    out.cases.push_back(std::move(c));
  }
  out.audits = static_cast<int64_t>(audit.rows.size());
  out.children = static_cast<int64_t>(all_children.size());

  auto row = [](std::string value, const Tally* t, int64_t in_cohort) {
    CoverageRow r;
    r.value = std::move(value);
    if (t) {
      r.audits = t->audits;
      r.children_audited = static_cast<int64_t>(t->children.size());
    }
    r.in_cohort = in_cohort;
    return r;
  };
  for (int k = 0; k < kCohortCount; ++k) {
    const Cohort c = static_cast<Cohort>(k);
    const auto t = by_cohort.find(c);
    const bool open = c != Cohort::kClosed && c != Cohort::kNotInLists;
    out.by_cohort.push_back(row(std::string(ToString(c)), t == by_cohort.end() ? nullptr : &t->second,
                                open ? open_by_cohort[c] : -1));
  }
  for (std::string_view band : kAgeBands) {
    const std::string b(band);
    const auto t = by_band.find(b);
    const auto o = open_by_band.find(b);
    if (t == by_band.end() && o == open_by_band.end()) continue;
    out.by_age_band.push_back(row(b, t == by_band.end() ? nullptr : &t->second, o == open_by_band.end() ? 0 : o->second));
  }
  std::set<std::string> teams;
  for (const auto& [team, n] : open_by_team) teams.insert(team);
  for (const auto& [team, t] : by_team) teams.insert(team);
  std::vector<std::string> team_order(teams.begin(), teams.end());
  std::stable_partition(team_order.begin(), team_order.end(), [](const std::string& t) { return t != kNotRecorded; });
  for (const std::string& team : team_order) {
    const auto t = by_team.find(team);
    const auto o = open_by_team.find(team);
    out.by_team.push_back(row(team, t == by_team.end() ? nullptr : &t->second, o == open_by_team.end() ? 0 : o->second));
  }
  std::vector<std::string> grades;
  for (const auto& [g, t] : by_grade) grades.push_back(g);
  std::stable_sort(grades.begin(), grades.end(), [](const std::string& a, const std::string& b) { return GradeRank(a) < GradeRank(b); });
  for (const std::string& g : grades) out.by_grade.push_back(row(g, &by_grade[g], -1));

  // The gaps.
  if (audit.rows.empty())
    out.findings.push_back(AuditFinding(kinds::kAuditNoAudits, spec::kAuditedCasesList,
                                        "the audited-case list is empty: no audits in its window"));
  struct CohortList {
    Cohort cohort;
    int list;
    const char* who;
  };
  const CohortList cohort_lists[] = {{Cohort::kLookedAfter, 8, "looked-after children"},
                                     {Cohort::kChildProtection, 7, "children on child protection plans"},
                                     {Cohort::kChildInNeed, 6, "children in need"},
                                     {Cohort::kCareLeaver, 9, "care leavers"}};
  for (const CohortList& cl : cohort_lists) {
    const CoverageRow& r = out.by_cohort[static_cast<size_t>(cl.cohort)];
    if (r.in_cohort > 0 && r.children_audited == 0)
      out.findings.push_back(AuditFinding(kinds::kAuditCohortNotCovered, cl.list,
                                          std::string("no audited cases of ") + cl.who + " (" +
                                              std::to_string(r.in_cohort) + " open in List " + std::to_string(cl.list) + ")"));
  }
  if (under_five_cp > 0 && under_five_cp_audited == 0)
    out.findings.push_back(AuditFinding(kinds::kAuditCpUnderFivesNotCovered, 7,
                                        "no audited cases of children under five on a child protection plan (" +
                                            Plural(under_five_cp, "child", "children") + " in List 7)"));
  for (const CoverageRow& r : out.by_team)
    if (r.value != kNotRecorded && r.in_cohort > 0 && r.children_audited == 0)
      out.findings.push_back(AuditFinding(kinds::kAuditTeamNotCovered, spec::kAuditedCasesList,
                                          "team '" + r.value + "' has " + Plural(r.in_cohort, "open case", "open cases") +
                                              " and no audited cases"));
  return out;
}

std::string CoverageCsv(const Coverage& coverage) {
  std::string out = "table,value,audits,children_audited,in_cohort,percent_covered\r\n";
  auto table = [&](const char* name, const std::vector<CoverageRow>& rows) {
    for (const CoverageRow& r : rows) {
      const double pct = r.PercentCovered();
      char percent[32] = "";
      if (!std::isnan(pct)) std::snprintf(percent, sizeof percent, "%.1f", pct);
      out += std::string(name) + "," + CsvField(r.value) + "," + std::to_string(r.audits) + "," +
             std::to_string(r.children_audited) + "," + (r.in_cohort >= 0 ? std::to_string(r.in_cohort) : "") + "," +
             percent + "\r\n";
    }
  };
  table("cohort", coverage.by_cohort);
  table("age_band", coverage.by_age_band);
  table("team", coverage.by_team);
  table("grade", coverage.by_grade);
  return out;
}

}  // namespace annexa::audit
