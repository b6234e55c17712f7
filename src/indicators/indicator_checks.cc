#include "indicators/indicator_checks.h"

#include <algorithm>

#include "indicators/list_cells.h"

namespace annexa::indicators {
namespace {

// The day the row is judged at: R, or the day its plan or care ended when
// that is earlier (a plan that ended in time stays in time).
CivilDate JudgedAt(const AnnexRow& row, int end_col, CivilDate r) {
  auto end = DateOf(row, end_col);
  return end && *end < r ? *end : r;
}

// The latest review when it lies between the start and the day judged;
// nullopt otherwise (none yet, or not a date).
std::optional<CivilDate> ReviewBy(const AnnexRow& row, int review_col, CivilDate start, CivilDate at) {
  auto review = DateOf(row, review_col);
  if (!review || *review < start || *review > at) return std::nullopt;
  return review;
}

bool CpReviewInTime(const AnnexList& list, const AnnexRow& row, CivilDate r, const WorkingCalendar&) {
  auto start = DateOf(row, Col(&list, "cp_plan_start_date"));
  if (!start || *start > r) return false;
  const CivilDate at = JudgedAt(row, Col(&list, "cp_plan_end_date"), r);
  auto review = ReviewBy(row, Col(&list, "latest_review_conference"), *start, at);
  return at <= CpReviewDue(*start, review ? &*review : nullptr);
}

bool ClaReviewInTime(const AnnexList& list, const AnnexRow& row, CivilDate r, const WorkingCalendar& calendar) {
  auto start = DateOf(row, Col(&list, "date_started_looked_after"));
  if (!start || *start > r) return false;
  const CivilDate at = JudgedAt(row, Col(&list, "date_ceased_looked_after"), r);
  auto review = ReviewBy(row, Col(&list, "latest_review_date"), *start, at);
  return at <= ClaReviewDue(*start, review ? &*review : nullptr, calendar);
}

}  // namespace

CivilDate CpReviewDue(CivilDate start, const CivilDate* latest_review) {
  return latest_review ? latest_review->AddMonths(6) : start.AddMonths(3);
}

CivilDate ClaReviewDue(CivilDate start, const CivilDate* latest_review, const WorkingCalendar& calendar) {
  if (!latest_review) return calendar.AddWorkingDays(start, 20);
  const bool first = calendar.WorkingDaysBetween(start, *latest_review) <= 20;
  return latest_review->AddMonths(first ? 3 : 6);
}

const std::vector<NamedCheck>& NamedChecks() {
  static const std::vector<NamedCheck> kChecks = {
      {"cp_review_in_time", 7,
       "the plan's next review conference is not overdue at R (or at the plan's end, if earlier): with no review "
       "yet, R is no more than 3 months after Child Protection Plan Start Date (the ICPC); after a review, no more "
       "than 6 months after Date of Latest Review Conference. Only the latest review is in Annex A, so a late "
       "earlier review is not seen.",
       CpReviewInTime,
       {"cp_plan_start_date", "cp_plan_end_date", "latest_review_conference"}},
      {"cla_review_in_time", 8,
       "the child's next looked-after review is not overdue at R (or at the day care ceased, if earlier): with no "
       "review yet, R is no more than 20 working days after Date Started to be Looked After; after a first review "
       "(a Date of Latest Review within 20 working days of the start), no more than 3 months after it; after a "
       "later review, no more than 6 months after it. Working days skip weekends and the run's bank holidays.",
       ClaReviewInTime,
       {"date_started_looked_after", "date_ceased_looked_after", "latest_review_date"}},
  };
  return kChecks;
}

const NamedCheck* FindCheck(std::string_view name) {
  for (const NamedCheck& c : NamedChecks())
    if (name == c.name) return &c;
  return nullptr;
}

std::vector<std::string> CheckNames() {
  std::vector<std::string> out;
  for (const NamedCheck& c : NamedChecks()) out.push_back(c.name);
  return out;
}

}  // namespace annexa::indicators
