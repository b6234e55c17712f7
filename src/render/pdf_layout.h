// Lays out a PdfDocument on a PdfCanvas (render/pdf_canvas.h), in two
// passes: the first only measures, to learn each section's page and the
// page total (for the contents and the "Page N of M" footers); the second
// draws. Cover page; contents with page numbers; sections flowing over
// pages; tables whose header row repeats on every page they span; bar
// charts and sparklines; red/amber/green cells. No PDF library here: the
// libharu adapter (render/pdf_writer.cc) gives the canvas.
#pragma once

#include <string>

#include "render/pdf_canvas.h"
#include "render/pdf_document.h"

namespace annexa::render {

// `s` as valid UTF-8 with control characters turned into spaces and
// invalid bytes into '?', so a PDF library's UTF-8 encoder never sees a
// broken sequence.
std::string CleanPdfText(const std::string& s);

// Lays `doc` out on `canvas`, pages `width` x `height` points. `head` holds
// the cover's and footers' text (title, subtitle, footer, cover facts),
// already capped by the caller; `doc` the sections. Returns the page count;
// a drawing failure is the canvas's failure().
int LayOutPdf(PdfCanvas& canvas, const PdfDocument& doc, const PdfDocument& head, const PdfStyle& style,
              double width, double height);

}  // namespace annexa::render
