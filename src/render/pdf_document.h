// The PDF pack as plain data: a cover, then sections of headings, text,
// tables, bar charts and key-value blocks. The pack builder fills it from
// the lists, findings and indicators; pdf_writer.cc (the one libharu file)
// lays it out. Nothing here knows about Annex A.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace annexa::render {

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0..1
};

// Looks: from output_templates/ (see pack_template.h).
struct PdfStyle {
  std::string paper = "A4";    // A4 or Letter
  bool landscape = false;
  Rgb primary{0.11, 0.27, 0.45};   // headings, cover band, table header fill
  Rgb accent{0.85, 0.89, 0.95};    // table stripes, chart bars' background grid
  Rgb text{0.13, 0.13, 0.13};
  Rgb muted{0.45, 0.45, 0.45};     // footers, captions
  Rgb bar{0.20, 0.45, 0.70};       // chart bars
  Rgb red{0.80, 0.16, 0.16}, amber{0.96, 0.62, 0.04}, green{0.18, 0.55, 0.24};
  std::string font_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string font_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string logo_png;        // optional, drawn on the cover
  double base_font_size = 9;   // body text; headings scale from it
};

// The bands an audit coverage percentage is judged by (templates).
struct AuditBands {
  double minimum = 5, upper = 10;
};

struct BarChart {
  std::string title;
  std::vector<std::pair<std::string, double>> bars;  // label, value (>= 0)
  std::string value_suffix;                           // e.g. "%"; shown on bar ends
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;          // relative column widths; empty = equal
  std::vector<bool> right_align;       // per column; empty = left
  // A red/amber/green status per row ("red", "amber", "green" or ""), drawn
  // as a filled cell in column `rag_column` (its text is drawn over it).
  int rag_column = -1;
  std::vector<std::string> rag;
  // A small line chart per row in column `sparkline_column` (values oldest
  // first; NaN = no data), drawn instead of that column's text.
  int sparkline_column = -1;
  std::vector<std::vector<double>> sparklines;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kBarChart, kKeyValues };
  Kind kind = Kind::kParagraph;
  std::string text;                                        // heading, paragraph
  Table table;                                             // kTable
  BarChart chart;                                          // kBarChart
  std::vector<std::pair<std::string, std::string>> pairs;  // kKeyValues
};

struct Section {
  std::string title;           // listed in the contents
  std::vector<Block> blocks;
  bool new_page = true;
};

struct PdfDocument {
  std::string title;       // "Annex A pack"
  std::string subtitle;    // "Exampleshire County Council"
  std::vector<std::pair<std::string, std::string>> cover_facts;  // reference date, spec, generated ...
  std::string footer;      // left footer text on every page ("Exampleshire - OFFICIAL-SENSITIVE")
  std::string created_at;  // "2026-11-23T09:30:00": the PDF's dates; never the clock
  // When set, the file is encrypted and opens only with this password
  // (RC4 128-bit, the strongest libharu 2.3 offers); the owner password is
  // random and never kept. An encrypted file is not byte-identical between runs.
  std::string user_password;
  bool contents = true;    // a contents page after the cover
  std::vector<Section> sections;
};

}  // namespace annexa::render
