// Output templates (output_templates/*.yaml, docs/templates.md): the PDF
// pack's look (paper, colours, fonts, logo, footer) and content (which
// sections, which indicators), checked like every other YAML file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/path_guard.h"
#include "core/status.h"
#include "render/pdf_document.h"

namespace annexa::render {

struct PackTemplate {
  std::string title = "Annex A pack";
  std::string footer;
  PdfStyle style;
  std::vector<std::string> sections = {"summary", "indicators", "lists", "audited_cases", "data_gaps", "row_accounting"};
  std::vector<std::string> indicators;  // empty = all
  uint32_t workbook_header_fill = 0xDDEBF7;  // the workbook's header rows, 0xRRGGBB
  // Audit coverage (`audit_coverage: {minimum, upper}`, percent of a
  // cohort's open children audited): red below the minimum (and whenever
  // none is audited), amber below the upper band, green at or above it.
  AuditBands audit_bands;
};

// The section names a template may list.
const std::vector<std::string>& KnownSections();

// kNotFound when missing; kParseError listing every problem (file:line:col).
Result<PackTemplate> LoadPackTemplate(const std::string& path);

// Under --sandbox, the files the template makes the PDF writer read (logo,
// fonts other than the system defaults) must lie inside the allowed
// folders: kInvalidArgument naming the template otherwise. Ok without one.
Status CheckTemplateFiles(const PathGuard* sandbox, const std::string& template_path, const PackTemplate& tmpl);

}  // namespace annexa::render
