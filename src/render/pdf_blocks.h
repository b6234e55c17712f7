// Small builders for the PDF document model (pdf_document.h), shared by the
// pack's sections (pack_pdf.cc), the audited-case section (audit_pdf.cc) and
// the rehearsal report (rehearsal_pdf.cc).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "render/pdf_document.h"

namespace annexa::render {

// "12.5%"; an en dash for NaN (no value).
std::string Percent(double v);
// A value in its unit: "%" as Percent, "per 10,000" to one decimal, else
// whole; thousands separated ("112,000", "1,234.5").
std::string Number(double v, const std::string& unit);
// A count with thousands separated: 112000 -> "112,000", -1234 -> "-1,234".
std::string Count(int64_t n);
Block KeyValues(std::vector<std::pair<std::string, std::string>> pairs);
Block TableBlock(Table t);
Block Text(Block::Kind kind, std::string text);
Block Chart(std::string title, std::vector<std::pair<std::string, double>> bars);

}  // namespace annexa::render
