// Lays out a PdfDocument with libharu: the one adapter for libharu (no other
// file includes <hpdf.h>). Cover page; contents with page numbers; sections
// flowing over pages; tables whose header row repeats on every page they
// span; vector bar charts and sparklines; red/amber/green cells; "Page N of
// M" footers; UTF-8 text (curly quotes, accented names) through a TrueType
// font. Written atomically (temp file, rename; mode 0600) and byte-identical
// for identical input: the PDF's dates come from doc.created_at.
#pragma once

#include <string>

#include "core/status.h"
#include "render/pdf_document.h"

namespace annexa::render {

// kIoError naming the path when it cannot be written (the previous file is
// left intact); kInvalidArgument when a font or logo file cannot be loaded.
Status WritePdf(const std::string& path, const PdfDocument& doc, const PdfStyle& style);

}  // namespace annexa::render
