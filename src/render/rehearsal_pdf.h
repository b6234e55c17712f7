// The rehearsal's readiness report as a PDF (rehearsal.pdf beside the
// pack): how long each stage took, each list's red/amber/green readiness
// (with the reason and top fixes of each amber or red list) and the deadlines with the time left once the run is done. Built from plain
// data so `annexa rehearse` and its tests share it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/pdf_document.h"

namespace annexa::render {

struct RehearsalReport {
  std::string council;
  std::string notification;    // "2026-11-23 09:30"
  std::string reference_date;  // "23/11/2026"
  std::string generated_at;    // the PDF's dates
  struct Stage {
    std::string name;
    double seconds = 0;
  };
  std::vector<Stage> stages;
  double total_seconds = 0;
  int64_t window_minutes = 0;  // from the call to the first deadline
  struct List {
    int number = 0;
    int64_t rows = 0, errors = 0;  // errors not explained
    int64_t explained = 0;         // errors and warnings the council explained
    double required_filled_percent = 0;  // the columns every row must fill
    double filled_percent = 0;           // every cell: reported, never deciding
    std::string status;  // red, amber, green
    std::string reason;  // in words; "" when green
    std::vector<std::string> fixes;  // the top fixes, in words
  };
  std::vector<List> lists;
  std::string legend;  // how the status is decided (validate::ReadinessLegend)
  struct Deadline {
    std::string name;
    std::string due;  // "2026-11-25 17:00"
    int64_t minutes_after_notification = 0;
  };
  std::vector<Deadline> deadlines;
};

// "2h 05m"; negative durations as "-0h 10m".
std::string HoursMinutes(int64_t minutes);

PdfDocument BuildRehearsalDocument(const RehearsalReport& report);

}  // namespace annexa::render
