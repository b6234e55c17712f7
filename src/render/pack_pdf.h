// Builds the PDF pack's document from a run's results: a summary, the key
// indicators with their definitions, a page per list (rows, children, date
// range, rows by month, breakdowns as bar charts), the data gaps and the row
// accounting, in the order the output template asks for.
#pragma once

#include <string>
#include <vector>

#include "audit/coverage.h"
#include "core/civil_date.h"
#include "core/finding.h"
#include "core/run_facts.h"
#include "indicators/key_indicators.h"
#include "lists/annex_list.h"
#include "render/pack_template.h"
#include "render/pdf_document.h"
#include "spec/spec_model.h"
#include "validate/completeness.h"

namespace annexa::render {

struct PackInputs {
  // Council, LA code, reference date, generated_at and tool version.
  const RunFacts* facts = nullptr;
  const spec::SpecVersion* spec = nullptr;
  const std::vector<AnnexList>* lists = nullptr;
  const Findings* findings = nullptr;
  const std::vector<validate::ListCompleteness>* completeness = nullptr;
  const std::vector<indicators::Indicator>* indicators = nullptr;
  // The audited-case list and its coverage; both null when the config maps
  // no audit list (the section then says how to add one).
  const AnnexList* audit = nullptr;
  const audit::Coverage* audit_coverage = nullptr;
  int audit_window_months = 6;
};

PdfDocument BuildPackDocument(const PackInputs& in, const PackTemplate& tmpl);

}  // namespace annexa::render
