// Key indicators over the Annex A lists. Every definition here is written
// out, column by column, in docs/indicators.md; keep the two in step.
//
// Conventions used throughout:
//  * A list is found by its spec number; a column by its spec key. A list
//    that is absent counts as empty; a column that is absent from a present
//    list's spec makes the indicator (or just its trend, when only the trend
//    needs the column) NaN rather than a guess.
//  * "set" means the cell is not blank (a date that did not parse still
//    says something happened); a comparison of dates needs a parsed date
//    (kDate), so an unparsed date never satisfies a "within" test.
//  * "open" / "still looked after" means the end column is blank.
//  * Coded values are compared with Ofsted's display strings ("a) Yes"),
//    ignoring case and surrounding spaces.
#include "indicators/key_indicators.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <string_view>
#include <utility>

namespace annexa::indicators {
namespace {


constexpr int kTrendMonths = 6;

const AnnexList* FindList(const std::vector<AnnexList>& lists, int number) {
  for (const AnnexList& l : lists)
    if (l.spec != nullptr && l.spec->number == number) return &l;
  return nullptr;
}

// Index of the column with `key` in `list`, or -1 (list absent or no such column).
int Col(const AnnexList* list, std::string_view key) {
  if (list == nullptr || list->spec == nullptr) return -1;
  return list->spec->ColumnIndex(key);
}

// True when every index is a real column. An absent list is "complete":
// it simply has no rows, so the indicator's denominator is 0 anyway.
bool Have(const AnnexList* list, std::initializer_list<int> cols) {
  if (list == nullptr) return true;
  for (int c : cols)
    if (c < 0) return false;
  return true;
}

const std::vector<AnnexRow>& Rows(const AnnexList* list) {
  static const std::vector<AnnexRow> kNone;
  return list == nullptr ? kNone : list->rows;
}

const CellValue& Cell(const AnnexRow& row, int col) {
  static const CellValue kBlank;
  if (col < 0 || static_cast<size_t>(col) >= row.cells.size()) return kBlank;
  return row.cells[col];
}

bool IsSet(const AnnexRow& row, int col) { return !Cell(row, col).blank(); }
bool IsBlank(const AnnexRow& row, int col) { return Cell(row, col).blank(); }

std::optional<CivilDate> DateOf(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind == CellValue::Kind::kDate && c.date.valid()) return c.date;
  return std::nullopt;
}

std::optional<int64_t> IntOf(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind == CellValue::Kind::kInteger) return c.integer;
  return std::nullopt;
}

std::string Normal(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  return out;
}

bool TextIs(const AnnexRow& row, int col, std::string_view display) {
  const CellValue& c = Cell(row, col);
  return c.kind == CellValue::Kind::kText && Normal(c.text) == Normal(display);
}

// Activity codes F1..F5 / P1..P5 (in education, employment or training).
bool IsEet(const AnnexRow& row, int col) {
  const CellValue& c = Cell(row, col);
  if (c.kind != CellValue::Kind::kText) return false;
  std::string t = Normal(c.text);
  return t.size() >= 2 && (t[0] == 'f' || t[0] == 'p') && t[1] >= '1' && t[1] <= '5';
}

bool DateOnOrAfter(const AnnexRow& row, int col, CivilDate bound) {
  auto d = DateOf(row, col);
  return d && *d >= bound;
}

// Open at the end of day `at`: started on or before `at` and not ended by then.
bool OpenAt(const AnnexRow& row, int start_col, int end_col, CivilDate at) {
  auto start = DateOf(row, start_col);
  if (!start || *start > at) return false;
  if (IsBlank(row, end_col)) return true;
  auto end = DateOf(row, end_col);
  return end && *end > at;
}

// The six calendar months ending with the reference date's month.
struct Month {
  CivilDate first, last;  // the calendar month
  CivilDate at;           // snapshot date: the month end, or R for R's month
};

std::vector<Month> TrendMonths(CivilDate r) {
  std::vector<Month> months;
  CivilDate current(r.year(), r.month(), 1);
  for (int i = kTrendMonths - 1; i >= 0; --i) {
    Month m;
    m.first = current.AddMonths(-i);
    m.last = m.first.AddMonths(1).AddDays(-1);
    m.at = i == 0 ? r : m.last;
    months.push_back(m);
  }
  return months;
}

bool InMonth(const AnnexRow& row, int col, const Month& m) {
  auto d = DateOf(row, col);
  return d && *d >= m.first && *d <= m.last;
}

double Percent(int64_t num, int64_t den) {
  return den == 0 ? NAN : 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

double Round1(double v) { return std::isnan(v) ? v : std::round(v * 10.0) / 10.0; }

std::vector<double> NanTrend() { return std::vector<double>(kTrendMonths, NAN); }

struct Counts {
  int64_t num = 0, den = 0;
};

class Builder {
 public:
  Builder(const std::vector<AnnexList>& lists, const IndicatorOptions& options)
      : lists_(lists), options_(options), months_(TrendMonths(options.reference_date)) {}

  const AnnexList* List(int n) const { return FindList(lists_, n); }
  CivilDate R() const { return options_.reference_date; }
  const std::vector<Month>& Months() const { return months_; }
  const IndicatorOptions& Options() const { return options_; }

  // A percentage indicator. `headline_ok` false: columns missing, value NaN.
  // `trend` empty: no trend (all NaN). The trend function returns the
  // counts for one month.
  Indicator Percentage(std::string id, std::string ref, std::string title, std::string definition,
                       std::string period, bool headline_ok, std::function<Counts()> headline,
                       bool trend_ok, std::function<Counts(const Month&)> trend) const {
    Indicator ind = Base(std::move(id), std::move(ref), std::move(title), std::move(definition),
                         std::move(period), "%");
    if (headline_ok) {
      Counts c = headline();
      ind.numerator = c.num;
      ind.denominator = c.den;
      ind.value = Percent(c.num, c.den);
    }
    ind.trend = NanTrend();
    if (headline_ok && trend_ok && trend) {
      for (size_t i = 0; i < months_.size(); ++i) {
        Counts c = trend(months_[i]);
        ind.trend[i] = Percent(c.num, c.den);
      }
    } else if (headline_ok && !trend) {
      // A snapshot that past months cannot be rebuilt for: only R's month.
      ind.trend.back() = ind.value;
    }
    return ind;
  }

  using RowTest = std::function<bool(const AnnexRow&)>;

  // A flow percentage: over the rows of `list` passing `in_den`, those also
  // passing `in_num`; the trend counts the same rows by the month of
  // `month_col`.
  Indicator Flow(std::string id, std::string ref, std::string title, std::string definition, const AnnexList* list,
                 bool headline_ok, bool trend_ok, int month_col, RowTest in_den, RowTest in_num) const {
    auto count = [=](const Month* m) {
      Counts c;
      for (const AnnexRow& row : Rows(list)) {
        if ((m && !InMonth(row, month_col, *m)) || !in_den(row)) continue;
        ++c.den;
        c.num += in_num(row);
      }
      return c;
    };
    return Percentage(std::move(id), std::move(ref), std::move(title), std::move(definition), "six months", headline_ok,
                      [=] { return count(nullptr); }, trend_ok, [=](const Month& m) { return count(&m); });
  }

  Indicator Base(std::string id, std::string ref, std::string title, std::string definition,
                 std::string period, std::string unit) const {
    Indicator ind;
    ind.id = std::move(id);
    ind.reference = std::move(ref);
    ind.title = std::move(title);
    ind.definition = std::move(definition);
    ind.period = std::move(period);
    ind.unit = std::move(unit);
    ind.trend = NanTrend();
    return ind;
  }

 private:
  const std::vector<AnnexList>& lists_;
  const IndicatorOptions& options_;
  std::vector<Month> months_;
};

std::string Rag(double value, const Target& t) {
  if (std::isnan(value) || (!t.minimum && !t.upper)) return "";
  auto meets = [&](double bound) { return t.higher_is_better ? value >= bound : value <= bound; };
  if (t.upper && t.minimum) {
    if (meets(*t.upper)) return "green";
    if (meets(*t.minimum)) return "amber";
    return "red";
  }
  // Only one threshold: meeting it is green, missing it red.
  double bound = t.upper ? *t.upper : *t.minimum;
  return meets(bound) ? "green" : "red";
}

Target MakeTarget(double minimum, double upper, bool higher_is_better) {
  Target t;
  t.minimum = minimum;
  t.upper = upper;
  t.higher_is_better = higher_is_better;
  return t;
}

}  // namespace

std::map<std::string, Target> DefaultTargets() {
  return {
      {"referrals-nfa", MakeTarget(15, 10, false)},
      {"re-referrals", MakeTarget(25, 20, false)},
      {"assessments-in-45-days", MakeTarget(80, 90, true)},
      {"repeat-plans", MakeTarget(25, 20, false)},
      {"plans-over-2-years", MakeTarget(5, 2, false)},
      {"placement-stability", MakeTarget(12, 10, false)},
      {"health-assessments", MakeTarget(85, 90, true)},
      {"dental-checks", MakeTarget(70, 80, true)},
      {"leavers-in-touch", MakeTarget(85, 90, true)},
      {"leavers-suitable", MakeTarget(85, 90, true)},
      {"leavers-eet", MakeTarget(50, 55, true)},
      {"cin-seen-4-weeks", MakeTarget(80, 90, true)},
      {"cp-visited-10-days", MakeTarget(85, 95, true)},
      {"cla-visited-6-weeks", MakeTarget(85, 95, true)},
      {"cp-reviews-in-time", MakeTarget(90, 95, true)},
      {"cla-reviews-in-time", MakeTarget(90, 95, true)},
  };
}

std::vector<Indicator> ComputeIndicators(const std::vector<AnnexList>& lists,
                                         const IndicatorOptions& options) {
  Builder b(lists, options);
  const CivilDate r = options.reference_date;
  const WorkingCalendar& calendar = options.calendar;
  std::vector<Indicator> out;

  const AnnexList* l1 = b.List(1);
  const AnnexList* l3 = b.List(3);
  const AnnexList* l4 = b.List(4);
  const AnnexList* l5 = b.List(5);
  const AnnexList* l6 = b.List(6);
  const AnnexList* l7 = b.List(7);
  const AnnexList* l8 = b.List(8);
  const AnnexList* l9 = b.List(9);

  // --- List 1 / 3: front door -------------------------------------------
  const int contact_date = Col(l1, "date_of_contact");
  const int referral_date = Col(l3, "date_of_referral");
  const int referral_nfa = Col(l3, "referral_nfa");
  const int referrals_12 = Col(l3, "referrals_last_12_months");

  out.push_back(b.Percentage(
      "contact-conversion", "KI-01", "Contacts that became referrals",
      "Referrals in the six months (List 3 rows) as a percentage of contacts in the six months "
      "(List 1 rows).",
      "six months", true, [&] { return Counts{int64_t(Rows(l3).size()), int64_t(Rows(l1).size())}; },
      Have(l1, {contact_date}) && Have(l3, {referral_date}), [&](const Month& m) {
        Counts c;
        for (const AnnexRow& row : Rows(l3)) c.num += InMonth(row, referral_date, m);
        for (const AnnexRow& row : Rows(l1)) c.den += InMonth(row, contact_date, m);
        return c;
      }));

  out.push_back(b.Flow("referrals-nfa", "KI-02", "Referrals resulting in no further action",
                       "List 3 rows with Referral NFA? = a) Yes as a percentage of List 3 rows.", l3,
                       Have(l3, {referral_nfa}), Have(l3, {referral_date}), referral_date, [](const AnnexRow&) { return true; },
                       [&](const AnnexRow& row) { return TextIs(row, referral_nfa, "a) Yes"); }));

  out.push_back(b.Flow("re-referrals", "KI-03", "Re-referrals within 12 months",
                       "List 3 rows whose Number of Referrals in Last 12 Months is 1 or more as a percentage of "
                       "List 3 rows.",
                       l3, Have(l3, {referrals_12}), Have(l3, {referral_date}), referral_date, [](const AnnexRow&) { return true; },
                       [&](const AnnexRow& row) {
                         auto n = IntOf(row, referrals_12);
                         return n && *n >= 1;
                       }));

  // --- List 4: assessments ------------------------------------------------
  const int asmt_start = Col(l4, "assessment_start_date");
  const int asmt_auth = Col(l4, "assessment_authorised_date");
  auto in_45 = [&](const AnnexRow& row) {
    auto s = DateOf(row, asmt_start);
    auto a = DateOf(row, asmt_auth);
    return s && a && calendar.WorkingDaysBetween(*s, *a) <= 45;
  };
  out.push_back(b.Flow("assessments-in-45-days", "KI-04", "Assessments authorised within 45 working days",
                       "List 4 rows with an Assessment Authorised Date that is within 45 working days of the "
                       "Assessment Start Date (weekends and bank holidays skipped) as a percentage of List 4 rows "
                       "with an Assessment Authorised Date.",
                       l4, Have(l4, {asmt_start, asmt_auth}), true, asmt_auth,
                       [&](const AnnexRow& row) { return IsSet(row, asmt_auth); }, in_45));

  // --- List 5: section 47 -------------------------------------------------
  const int strategy = Col(l5, "strategy_discussion_date");
  const int icpc = Col(l5, "icpc_date");
  const int icpc_plan = Col(l5, "icpc_resulted_in_plan");
  out.push_back(b.Flow("s47-to-icpc", "KI-05",
                       "Section 47 enquiries leading to an initial child protection conference",
                       "List 5 rows with a Date of ICPC as a percentage of List 5 rows.", l5, Have(l5, {icpc}),
                       Have(l5, {strategy}), strategy, [](const AnnexRow&) { return true; },
                       [&](const AnnexRow& row) { return IsSet(row, icpc); }));

  out.push_back(b.Flow("icpc-to-plan", "KI-06", "Initial conferences resulting in a child protection plan",
                       "List 5 rows with a Date of ICPC and Did the ICPC result in a Child Protection Plan = "
                       "a) Yes as a percentage of List 5 rows with a Date of ICPC.",
                       l5, Have(l5, {icpc, icpc_plan}), true, icpc,
                       [&](const AnnexRow& row) { return IsSet(row, icpc); },
                       [&](const AnnexRow& row) { return TextIs(row, icpc_plan, "a) Yes"); }));

  // --- List 7: child protection -------------------------------------------
  const int cp_start = Col(l7, "cp_plan_start_date");
  const int cp_end = Col(l7, "cp_plan_end_date");
  const int cp_previous = Col(l7, "previous_cp_plans");
  const int cp_visit = Col(l7, "last_statutory_visit");
  const int cp_review = Col(l7, "latest_review_conference");

  out.push_back(b.Flow("repeat-plans", "KI-07", "Child protection plans that are a second or subsequent plan",
                       "List 7 rows with Number of Previous Child Protection Plans of 1 or more as a percentage "
                       "of List 7 rows.",
                       l7, Have(l7, {cp_previous}), Have(l7, {cp_start}), cp_start, [](const AnnexRow&) { return true; },
                       [&](const AnnexRow& row) {
                         auto n = IntOf(row, cp_previous);
                         return n && *n >= 1;
                       }));

  out.push_back(b.Percentage(
      "plans-over-2-years", "KI-08", "Open child protection plans lasting two years or more",
      "Open List 7 rows (Child Protection Plan End Date blank) whose Child Protection Plan Start "
      "Date is before the reference date minus 24 months, as a percentage of open List 7 rows.",
      "snapshot", Have(l7, {cp_start, cp_end}),
      [&] {
        Counts c;
        const CivilDate bound = r.AddMonths(-24);
        for (const AnnexRow& row : Rows(l7)) {
          if (!IsBlank(row, cp_end)) continue;
          ++c.den;
          auto s = DateOf(row, cp_start);
          c.num += s && *s < bound;
        }
        return c;
      },
      true, [&](const Month& m) {
        Counts c;
        const CivilDate bound = m.at.AddMonths(-24);
        for (const AnnexRow& row : Rows(l7)) {
          if (!OpenAt(row, cp_start, cp_end, m.at)) continue;
          ++c.den;
          c.num += *DateOf(row, cp_start) < bound;
        }
        return c;
      }));

  // --- List 8: children in care -------------------------------------------
  const int cla_start = Col(l8, "date_started_looked_after");
  const int cla_end = Col(l8, "date_ceased_looked_after");
  const int cla_placements = Col(l8, "placements_last_12_months");
  const int cla_health = Col(l8, "last_health_assessment");
  const int cla_dental = Col(l8, "last_dental_check");
  const int cla_visit = Col(l8, "last_social_work_visit");
  const int cla_review = Col(l8, "latest_review_date");
  // Snapshot over children still looked after (Date Ceased blank).
  auto cla_snapshot = [&](std::function<bool(const AnnexRow&)> pass) {
    Counts c;
    for (const AnnexRow& row : Rows(l8)) {
      if (!IsBlank(row, cla_end)) continue;
      ++c.den;
      c.num += pass(row);
    }
    return c;
  };

  out.push_back(b.Percentage(
      "placement-stability", "KI-09", "Children in care with three or more placements in the year",
      "List 8 rows still looked after (Date Ceased to be Looked After blank) with Number of "
      "Placements in the Last 12 Months of 3 or more, as a percentage of List 8 rows still "
      "looked after.",
      "rolling year", Have(l8, {cla_end, cla_placements}),
      [&] {
        return cla_snapshot([&](const AnnexRow& row) {
          auto n = IntOf(row, cla_placements);
          return n && *n >= 3;
        });
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "health-assessments", "KI-10", "Children in care with a health assessment in the last 12 months",
      "List 8 rows still looked after whose Date of Last Health Assessment is on or after the "
      "reference date minus 12 months, as a percentage of List 8 rows still looked after.",
      "snapshot", Have(l8, {cla_end, cla_health}),
      [&] {
        const CivilDate bound = r.AddMonths(-12);
        return cla_snapshot([&](const AnnexRow& row) { return DateOnOrAfter(row, cla_health, bound); });
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "dental-checks", "KI-11", "Children in care with a dental check in the last 12 months",
      "List 8 rows still looked after whose Date of Last Dental Check is on or after the "
      "reference date minus 12 months, as a percentage of List 8 rows still looked after.",
      "snapshot", Have(l8, {cla_end, cla_dental}),
      [&] {
        const CivilDate bound = r.AddMonths(-12);
        return cla_snapshot([&](const AnnexRow& row) { return DateOnOrAfter(row, cla_dental, bound); });
      },
      false, nullptr));

  // --- List 9: care leavers -----------------------------------------------
  const int in_touch = Col(l9, "in_touch");
  const int suitable = Col(l9, "accommodation_suitable");
  const int activity = Col(l9, "activity");
  auto leavers_in_touch = [&](std::function<bool(const AnnexRow&)> pass) {
    Counts c;
    for (const AnnexRow& row : Rows(l9)) {
      if (!TextIs(row, in_touch, "a) Yes")) continue;
      ++c.den;
      c.num += pass(row);
    }
    return c;
  };

  out.push_back(b.Percentage(
      "leavers-in-touch", "KI-12", "Care leavers the local authority is in touch with",
      "List 9 rows with In Touch = a) Yes as a percentage of List 9 rows.", "snapshot",
      Have(l9, {in_touch}),
      [&] {
        Counts c;
        for (const AnnexRow& row : Rows(l9)) {
          ++c.den;
          c.num += TextIs(row, in_touch, "a) Yes");
        }
        return c;
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "leavers-suitable", "KI-13", "Care leavers in touch in suitable accommodation",
      "List 9 rows in touch (In Touch = a) Yes) whose Suitability of Accommodation is "
      "a) Suitable, as a percentage of List 9 rows in touch.",
      "snapshot", Have(l9, {in_touch, suitable}),
      [&] {
        return leavers_in_touch([&](const AnnexRow& row) { return TextIs(row, suitable, "a) Suitable"); });
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "leavers-eet", "KI-14", "Care leavers in touch in education, employment or training",
      "List 9 rows in touch (In Touch = a) Yes) whose Activity is an F1-F5 or P1-P5 code "
      "(education, employment or training), as a percentage of List 9 rows in touch.",
      "snapshot", Have(l9, {in_touch, activity}),
      [&] { return leavers_in_touch([&](const AnnexRow& row) { return IsEet(row, activity); }); },
      false, nullptr));

  // --- Visits and reviews -------------------------------------------------
  const int cin_start = Col(l6, "cin_start_date");
  const int cin_seen = Col(l6, "date_last_seen");
  const int cin_end = Col(l6, "cin_closure_date");

  out.push_back(b.Percentage(
      "cin-seen-4-weeks", "KI-15", "Children in need seen in the last four weeks",
      "Open List 6 rows (Case Closure Date blank) whose Date Child Was Last Seen is on or after "
      "the reference date minus 28 days, as a percentage of open List 6 rows.",
      "snapshot", Have(l6, {cin_end, cin_seen}),
      [&] {
        Counts c;
        const CivilDate bound = r.AddDays(-28);
        for (const AnnexRow& row : Rows(l6)) {
          if (!IsBlank(row, cin_end)) continue;
          ++c.den;
          c.num += DateOnOrAfter(row, cin_seen, bound);
        }
        return c;
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "cp-visited-10-days", "KI-16", "Children on a plan visited in the last 10 working days",
      "Open List 7 rows (Child Protection Plan End Date blank) whose Date of Last Statutory "
      "Visit is no more than 10 working days before the reference date (weekends and bank "
      "holidays skipped), as a percentage of open List 7 rows.",
      "snapshot", Have(l7, {cp_end, cp_visit}),
      [&] {
        Counts c;
        for (const AnnexRow& row : Rows(l7)) {
          if (!IsBlank(row, cp_end)) continue;
          ++c.den;
          auto v = DateOf(row, cp_visit);
          c.num += v && calendar.WorkingDaysBetween(*v, r) <= 10;
        }
        return c;
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "cla-visited-6-weeks", "KI-17", "Children in care visited in the last six weeks",
      "List 8 rows still looked after whose Date of Last Social Work Visit is on or after the "
      "reference date minus 42 days, as a percentage of List 8 rows still looked after.",
      "snapshot", Have(l8, {cla_end, cla_visit}),
      [&] {
        const CivilDate bound = r.AddDays(-42);
        return cla_snapshot([&](const AnnexRow& row) { return DateOnOrAfter(row, cla_visit, bound); });
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "cp-reviews-in-time", "KI-18", "Child protection plans reviewed in time",
      "Open List 7 rows whose Date of Latest Review Conference (or, when blank, Child Protection "
      "Plan Start Date) is on or after the reference date minus 6 months, as a percentage of "
      "open List 7 rows. Simple rule: every plan reviewed within six months (the first review is "
      "actually due within three).",
      "snapshot", Have(l7, {cp_end, cp_review, cp_start}),
      [&] {
        Counts c;
        const CivilDate bound = r.AddMonths(-6);
        for (const AnnexRow& row : Rows(l7)) {
          if (!IsBlank(row, cp_end)) continue;
          ++c.den;
          int col = IsBlank(row, cp_review) ? cp_start : cp_review;
          c.num += DateOnOrAfter(row, col, bound);
        }
        return c;
      },
      false, nullptr));

  out.push_back(b.Percentage(
      "cla-reviews-in-time", "KI-19", "Children in care reviewed in time",
      "List 8 rows still looked after whose Date of Latest Review (or, when blank, Date Started "
      "to be Looked After) is on or after the reference date minus 6 months, as a percentage of "
      "List 8 rows still looked after. Simple rule: every child reviewed within six months.",
      "snapshot", Have(l8, {cla_end, cla_review, cla_start}),
      [&] {
        const CivilDate bound = r.AddMonths(-6);
        return cla_snapshot([&](const AnnexRow& row) {
          int col = IsBlank(row, cla_review) ? cla_start : cla_review;
          return DateOnOrAfter(row, col, bound);
        });
      },
      false, nullptr));

  // --- Cohorts and rates --------------------------------------------------
  struct Cohort {
    const char* id;
    const char* ref;
    const char* title;
    const char* definition;
    const AnnexList* list;
    int start_col, end_col;  // -1/-1 with reconstructable=false for List 9
    bool reconstructable;
    const char* rate_id;     // nullptr: no rate
    const char* rate_ref;
    const char* rate_title;
  };
  const std::array<Cohort, 4> cohorts{{
      {"cin-cohort", "KI-20", "Children in need",
       "Open List 6 rows (Case Closure Date blank).", l6, cin_start, cin_end, true, "cin-rate",
       "KI-24", "Children in need per 10,000 children"},
      {"cp-cohort", "KI-21", "Children on a child protection plan",
       "Open List 7 rows (Child Protection Plan End Date blank).", l7, cp_start, cp_end, true,
       "cp-rate", "KI-25", "Children on a child protection plan per 10,000 children"},
      {"cla-cohort", "KI-22", "Children in care",
       "List 8 rows still looked after (Date Ceased to be Looked After blank).", l8, cla_start,
       cla_end, true, "cla-rate", "KI-26", "Children in care per 10,000 children"},
      {"leavers-cohort", "KI-23", "Care leavers", "List 9 rows.", l9, -1, -1, false, nullptr,
       nullptr, nullptr},
  }};
  std::vector<Indicator> rates;
  for (const Cohort& co : cohorts) {
    Indicator ind = b.Base(co.id, co.ref, co.title, co.definition, "snapshot", "count");
    const bool has_rows = co.list != nullptr && !co.list->rows.empty();
    const bool headline_ok = has_rows && (!co.reconstructable || co.end_col >= 0);
    if (headline_ok) {
      for (const AnnexRow& row : co.list->rows)
        ind.numerator += co.reconstructable ? IsBlank(row, co.end_col) : 1;
      ind.value = static_cast<double>(ind.numerator);
      if (co.reconstructable && co.start_col >= 0) {
        for (size_t i = 0; i < b.Months().size(); ++i) {
          int64_t n = 0;
          for (const AnnexRow& row : co.list->rows)
            n += OpenAt(row, co.start_col, co.end_col, b.Months()[i].at);
          ind.trend[i] = static_cast<double>(n);
        }
      } else if (!co.reconstructable) {
        ind.trend.back() = ind.value;
      }
    }
    if (co.rate_id != nullptr && options.child_population > 0) {
      std::string def = std::string(co.definition) + " multiplied by 10,000 and divided by the "
                        "0-17 child population, rounded to one decimal place.";
      Indicator rate = b.Base(co.rate_id, co.rate_ref, co.rate_title, def, "snapshot", "per 10,000");
      const double pop = static_cast<double>(options.child_population);
      if (headline_ok) {
        rate.numerator = ind.numerator;
        rate.denominator = options.child_population;
        rate.value = Round1(ind.value * 10000.0 / pop);
      }
      for (size_t i = 0; i < rate.trend.size(); ++i) rate.trend[i] = Round1(ind.trend[i] * 10000.0 / pop);
      rates.push_back(std::move(rate));
    }
    out.push_back(std::move(ind));
  }
  for (Indicator& rate : rates) out.push_back(std::move(rate));

  // --- Targets and RAG ----------------------------------------------------
  const std::map<std::string, Target> defaults = DefaultTargets();
  for (Indicator& ind : out) {
    auto own = options.targets.find(ind.id);
    if (own != options.targets.end()) {
      ind.target = own->second;
    } else if (auto d = defaults.find(ind.id); d != defaults.end()) {
      ind.target = d->second;
    }
    ind.rag = Rag(ind.value, ind.target);
  }
  return out;
}

}  // namespace annexa::indicators
