// What the PDF layout (render/pdf_layout.h) draws on: pages, text,
// rectangles, lines and a logo, in points measured from the page's top-left
// corner (top grows downwards, as the layout reads a page). The layout holds
// no library type; the one canvas is libharu's, in the libharu adapter
// (render/pdf_writer.cc), the only file that includes <hpdf.h>.
//
// The first call that fails is kept (failure(), in words, with its page)
// and every later call draws nothing, so that no call is made on a page or
// document the library has given up on.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "render/pdf_document.h"

namespace annexa::render {

enum class PdfFont { kRegular, kBold };

struct PagePoint {
  double x = 0, top = 0;
};

class PdfCanvas {
 public:
  virtual ~PdfCanvas() = default;

  // The width in points of UTF-8 text `s` set in `font` at `size`.
  virtual double TextWidth(PdfFont font, double size, const std::string& s) const = 0;
  // The template's logo and its width and height in its own units.
  virtual bool HasLogo() const = 0;
  virtual std::pair<double, double> LogoSize() const = 0;

  // Starts page `number`, `width` x `height` points: true when it can be
  // drawn on (false after any failure).
  virtual bool NewPage(int number, double width, double height) = 0;
  // Text in `c` whose baseline is 0.95 `size` below `top`.
  virtual void Text(double x, double top, PdfFont font, double size, const Rgb& c, const std::string& s) = 0;
  virtual void FillRect(double x, double top, double w, double h, const Rgb& c) = 0;
  virtual void StrokeLine(double x1, double top1, double x2, double top2, const Rgb& c, double width) = 0;
  // Each run of points joined by lines, in one colour and width; a run of
  // one point draws nothing.
  virtual void Polylines(const std::vector<std::vector<PagePoint>>& runs, const Rgb& c, double width) = 0;
  // A filled circle.
  virtual void Dot(PagePoint centre, double radius, const Rgb& c) = 0;
  virtual void DrawLogo(double x, double top, double w, double h) = 0;

  // The first call that failed, in words ("" when none).
  virtual const std::string& failure() const = 0;
};

}  // namespace annexa::render
