// The facts of one run that every stage reads: whose records, which Annex A
// template, at which date, when the run happened and which days are working
// days. Built once (pack::RunPack builds it from the request and the
// council's config) and passed by const reference; no stage keeps its own
// copy of any of them or parses them again. (Model: leveldb's Options, one
// documented struct, each field with its default.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/working_calendar.h"

namespace annexa {

struct RunFacts {
  // The council, from its config: "Exampleshire County Council".
  std::string council;
  // Its three-digit LA code, from its config: "999". Names the pack's files.
  std::string la_code;
  // The Annex A template version the lists follow: "ilacs-2023".
  std::string spec_id;
  // The date the lists are drawn at: --reference-date, else the config's
  // `reference_date` (a run without either is refused).
  CivilDate reference_date;
  // When the run happened, "YYYY-MM-DDTHH:MM:SS": --generated-at, else the
  // injected clock. Written on the Cover, the PDF and run.json; no stage
  // reads the system clock.
  std::string generated_at = "2000-01-01T00:00:00";
  // "annexa 0.1.0": the Cover, the PDF and run.json name it.
  std::string tool_version = std::string("annexa ") + ANNEXA_VERSION;
  // Weekends and the England and Wales bank holidays
  // (config/bank-holidays.json): the working-day indicators and the
  // submission timeline count with the same calendar.
  WorkingCalendar calendar;

  // "annex_a_999_2026-11-23": the stem of every file of the pack.
  std::string PackStem() const;
};

// A reference date as given on the command line or in a config:
// "YYYY-MM-DD". nullopt otherwise. The one parser of reference-date text.
std::optional<CivilDate> ParseReferenceDate(std::string_view text);

}  // namespace annexa
