// The statutory timescales a plain "within N days" cannot express, named in
// the indicators file (`check: cp_review_in_time`) and implemented once here.
// Each reads one Annex A list's row as at the reference date.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/working_calendar.h"
#include "lists/annex_list.h"

namespace annexa::indicators {

struct NamedCheck {
  const char* name;
  int list;                 // the list whose rows it reads
  const char* description;  // for docs/indicators.md
  // True when the row is in time as at `r`.
  bool (*test)(const AnnexList& list, const AnnexRow& row, CivilDate r, const WorkingCalendar& calendar);
  // The columns of `list` it reads (which depend on the row: declared, so
  // that a list rebuilt at a past date keeps them; pack/past_lists.h).
  std::vector<std::string> columns;
};

const NamedCheck* FindCheck(std::string_view name);
std::vector<std::string> CheckNames();
const std::vector<NamedCheck>& NamedChecks();

// The next review's due date, exposed for the tests: a CP plan's first
// review conference is due 3 months after the plan starts (the ICPC), each
// later one 6 months after the one before.
CivilDate CpReviewDue(CivilDate start, const CivilDate* latest_review);
// A child in care's first review is due 20 working days after the child
// entered care, the second 3 months after the first, later ones 6 months
// after the one before. A latest review held within 20 working days of
// entering care is taken as the first.
CivilDate ClaReviewDue(CivilDate start, const CivilDate* latest_review, const WorkingCalendar& calendar);

}  // namespace annexa::indicators
