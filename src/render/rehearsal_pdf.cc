#include "render/rehearsal_pdf.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "render/pdf_blocks.h"

namespace annexa::render {

namespace {

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

}  // namespace

std::string HoursMinutes(int64_t minutes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%lldh %02lldm", minutes < 0 ? "-" : "", static_cast<long long>(std::llabs(minutes) / 60),
                static_cast<long long>(std::llabs(minutes) % 60));
  return buf;
}

PdfDocument BuildRehearsalDocument(const RehearsalReport& r) {
  PdfDocument doc;
  doc.title = "Rehearsal readiness report";
  doc.subtitle = r.council;
  doc.footer = r.council + " \u2013 rehearsal";
  doc.created_at = r.generated_at;
  int red = 0, amber = 0, green = 0;
  for (const RehearsalReport::List& l : r.lists) {
    red += l.status == "red";
    amber += l.status == "amber";
    green += l.status == "green";
  }
  const std::string window = HoursMinutes(r.window_minutes);
  doc.cover_facts = {{"Notified (simulated)", r.notification},
                     {"Reference date", r.reference_date},
                     {"Run time", Seconds(r.total_seconds)},
                     {"Lists", std::to_string(green) + " green, " + std::to_string(amber) + " amber, " +
                                   std::to_string(red) + " red"}};

  Section summary;
  summary.title = "Readiness";
  summary.blocks.push_back(Text(Block::Kind::kParagraph,
                                "A trial run of the whole pipeline as if Ofsted called at " + r.notification +
                                    ", with the lists drawn that day. It took " + Seconds(r.total_seconds) + " of the " +
                                    window + " before the first deadline. " + r.legend));
  Table lists;
  lists.header = {"List", "Rows", "Errors", "Explained", "Required filled", "All filled", "Status"};
  lists.widths = {0.8, 1, 1, 1.2, 1.6, 1.3, 1.2};
  lists.right_align = {true, true, true, true, true, true, false};
  lists.rag_column = 6;
  for (const RehearsalReport::List& l : r.lists) {
    lists.rows.push_back({std::to_string(l.number), Count(l.rows), Count(l.errors), Count(l.explained),
                          Percent(l.required_filled_percent), Percent(l.filled_percent), l.status});
    lists.rag.push_back(l.status);
  }
  summary.blocks.push_back(TableBlock(std::move(lists)));
  // Each amber or red list: why, and the fixes that clear the most findings.
  bool heading = false;
  for (const RehearsalReport::List& l : r.lists) {
    if (l.status == "green") continue;
    if (!heading) {
      summary.blocks.push_back(Text(Block::Kind::kHeading, "What to fix"));
      heading = true;
    }
    std::string text = "List " + std::to_string(l.number) + " (" + l.status + "): " + l.reason + ".";
    for (size_t i = 0; i < l.fixes.size(); ++i) text += (i ? " " : " Top fixes: ") + std::to_string(i + 1) + ". " + l.fixes[i] + ".";
    summary.blocks.push_back(Text(Block::Kind::kParagraph, std::move(text)));
  }
  doc.sections.push_back(std::move(summary));

  Section deadlines;
  deadlines.title = "Deadlines";
  deadlines.new_page = false;
  deadlines.blocks.push_back(Text(Block::Kind::kParagraph,
                                  "Every deadline of the schedule, with the time after the call and the time left "
                                  "once a run like this one has finished."));
  Table d;
  d.header = {"Due", "What", "After the call", "Left after the run"};
  d.widths = {2.0, 3.4, 1.2, 1.4};
  d.right_align = {false, false, true, true};
  const int64_t run_minutes = static_cast<int64_t>(std::ceil(r.total_seconds / 60.0));
  for (const RehearsalReport::Deadline& x : r.deadlines)
    d.rows.push_back({x.due, x.name, HoursMinutes(x.minutes_after_notification),
                      HoursMinutes(x.minutes_after_notification - run_minutes)});
  deadlines.blocks.push_back(TableBlock(std::move(d)));
  doc.sections.push_back(std::move(deadlines));

  Section stages;
  stages.title = "Stages";
  stages.new_page = false;
  Table t;
  t.header = {"Stage", "Time", "Share"};
  t.widths = {4, 1, 1};
  t.right_align = {false, true, true};
  std::vector<std::pair<std::string, double>> bars;
  for (const RehearsalReport::Stage& s : r.stages) {
    t.rows.push_back({s.name, Seconds(s.seconds), Percent(r.total_seconds > 0 ? 100.0 * s.seconds / r.total_seconds : NAN)});
    bars.emplace_back(s.name, s.seconds);
  }
  t.rows.push_back({"total", Seconds(r.total_seconds), Percent(r.total_seconds > 0 ? 100.0 : NAN)});
  stages.blocks.push_back(TableBlock(std::move(t)));
  Block chart = Chart("Seconds per stage", std::move(bars));
  chart.chart.value_suffix = " s";
  stages.blocks.push_back(std::move(chart));
  doc.sections.push_back(std::move(stages));
  return doc;
}

}  // namespace annexa::render
