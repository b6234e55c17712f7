// The key indicators' extra sources (issue 20): management oversight of
// open cases, contacts' completion dates, CIN plan reviews and the single
// assessments of children in care. Each row follows the row it is about
// (tables.cc calls these from its writers) and draws from its own stream,
// seeded from the run's seed and that row's id, so nothing else moves.
#include <algorithm>

#include "rng.h"
#include "tables.h"

namespace exampleshire {
namespace {

// The day a history ends: the row's end, or the reference date while open.
Day Until(const Tables& t, Day end) { return end == kNoDay || end > t.reference ? t.reference : end; }

}  // namespace

void AddContactCompletion(Tables& t, const ContactRow& r) {
  if (r.day == kNoDay || r.day > t.reference) return;
  Rng rng(DeriveSeed(t.seed, kStreamContactCompletion, static_cast<uint64_t>(r.id)));
  // Most the same day or the next; a few wait for days.
  static constexpr int kLo[] = {0, 1, 2, 4};
  static constexpr int kHi[] = {0, 1, 3, 10};
  const int bucket = rng.Weighted({72, 20, 5, 3});
  const Day completed = r.day + rng.Range(kLo[bucket], kHi[bucket]);
  CsvFile& f = t.contact_completion;
  f.Int(r.id).Date(r.day);
  if (completed > t.reference) f.Blank();  // still open at the extract
  else f.Date(completed);
  f.EndRow();
}

void AddOversight(Tables& t, const CinEpisodeRow& r) {
  if (r.start == kNoDay || r.start > t.reference) return;
  const Day until = Until(t, r.end);
  const Day from = std::max(r.start, t.reference - 365);  // the report covers the last year
  Rng rng(DeriveSeed(t.seed, kStreamOversight, static_cast<uint64_t>(r.id)));
  // A manager records oversight every three to ten weeks.
  for (Day day = r.start + rng.Range(3, 20); day <= until; day += rng.Range(21, 70)) {
    if (day < from) continue;
    t.management_oversight.Int(r.person).Date(day);
    t.management_oversight.EndRow();
  }
}

void AddCinPlanReviews(Tables& t, const CinPlanRow& r) {
  if (r.start == kNoDay || r.start > t.reference) return;
  const Day until = Until(t, r.end);
  const Day from = std::max(r.start, t.reference - 365);
  Rng rng(DeriveSeed(t.seed, kStreamCinPlanReviews, static_cast<uint64_t>(r.id)));
  // Reviewed about every three months, some late.
  for (Day day = r.start + rng.Range(50, 100); day <= until; day += rng.Range(70, 110)) {
    if (day < from) continue;
    t.cin_plan_reviews.Int(r.id).Int(r.person).Date(day);
    t.cin_plan_reviews.EndRow();
  }
}

void AddClaAssessments(Tables& t, const CarePeriodRow& r) {
  if (r.start == kNoDay || r.start > t.reference) return;
  Rng rng(DeriveSeed(t.seed, kStreamClaAssessments, static_cast<uint64_t>(r.id)));
  if (rng.Percent(6)) return;  // never assessed while in care
  const Day until = Until(t, r.end);
  const Day from = t.reference - 730;  // the report covers two years
  // The first within two months of entering care, then about yearly.
  for (Day day = r.start + rng.Range(10, 60); day <= until; day += rng.Range(300, 420)) {
    if (day < from) continue;
    t.cla_assessments.Int(r.person).Date(day);
    t.cla_assessments.EndRow();
  }
}

}  // namespace exampleshire
