#include "render/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/text_limits.h"

namespace annexa::render {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kMargin = 18 * kMm;

double D(size_t v) { return static_cast<double>(v); }

// The most of one table cell or chart label laid out: a table row is cut at
// a page's height and a label at its column, so no more can be shown; longer
// text (a 70,000-character team name) is cut first, so that wrapping it
// stays cheap.
constexpr size_t kMaxLaidOutChars = 4000;

}  // namespace

std::string CleanPdfText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size() && c >= 0xC2 && c <= 0xF4;
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

namespace {

// Byte length of the UTF-8 character starting at s[i] (input is CleanPdfText()ed).
size_t CharLen(const std::string& s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

struct Line {
  std::string text;
  double width = 0;
};

class Layout {
 public:
  // `head` holds the cover's and footers' text (title, subtitle, footer,
  // cover facts), `d` the sections.
  Layout(PdfCanvas& canvas, const PdfDocument& d, const PdfDocument& head, const PdfStyle& st, double pw, double ph)
      : canvas_(canvas), d_(d), head_(head), st_(st), pw_(pw), ph_(ph) {
    fs_ = st.base_font_size > 3 ? st.base_font_size : 9;
  }

  // One full pass. When draw is false nothing is put in the document; the
  // pass only counts pages and records where each section starts.
  void Run(bool draw) {
    draw_ = draw;
    page_ = false;
    page_no_ = 0;
    if (draw) {
      contents_pages_ = section_pages_;  // from the measuring pass
    }
    section_pages_.assign(d_.sections.size(), 0);
    Cover();
    if (d_.contents) Contents();
    for (size_t i = 0; i < d_.sections.size(); ++i) SectionOut(i);
    total_ = page_no_;
  }

  int total_pages() const { return total_; }

 private:
  // ---- measuring -------------------------------------------------------
  double Width(PdfFont f, double size, const std::string& s) const { return canvas_.TextWidth(f, size, s); }

  // Greedy wrap by measured width; words longer than the line break by
  // character. Explicit newlines start new lines.
  // At most `max_chars` characters of each paragraph are laid out.
  std::vector<Line> Wrap(const std::string& raw, PdfFont f, double size, double max_w,
                         size_t max_chars = std::string::npos) const {
    std::vector<Line> lines;
    double space = Width(f, size, " ");
    size_t start = 0;
    while (true) {
      size_t nl = raw.find('\n', start);
      std::string para = CleanPdfText(raw.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (para.size() > max_chars) para = SafeName(para, max_chars).text;
      Line cur;
      size_t i = 0;
      while (i < para.size()) {
        while (i < para.size() && para[i] == ' ') ++i;
        if (i >= para.size()) break;
        size_t j = para.find(' ', i);
        if (j == std::string::npos) j = para.size();
        std::string word = para.substr(i, j - i);
        i = j;
        double ww = Width(f, size, word);
        if (!cur.text.empty() && cur.width + space + ww <= max_w) {
          cur.text += ' ' + word;
          cur.width += space + ww;
          continue;
        }
        if (!cur.text.empty()) lines.push_back(cur);
        cur = Line{};
        while (ww > max_w && word.size() > 1) {  // hard-break a long word
          size_t k = 0;
          std::string piece;
          while (k < word.size()) {
            size_t cl = CharLen(word, k);
            std::string next = piece + word.substr(k, cl);
            if (!piece.empty() && Width(f, size, next) > max_w) break;
            piece = next;
            k += cl;
          }
          if (k >= word.size()) break;
          lines.push_back({piece, Width(f, size, piece)});
          word = word.substr(k);
          ww = Width(f, size, word);
        }
        cur = {word, ww};
      }
      if (!cur.text.empty() || lines.empty() || nl != std::string::npos) lines.push_back(cur);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    while (lines.size() > 1 && lines.back().text.empty()) lines.pop_back();
    return lines;
  }

  std::string Fit(const std::string& raw, PdfFont f, double size, double max_w) const {
    std::string s = SafeName(CleanPdfText(raw), kMaxLaidOutChars).text;
    if (Width(f, size, s) <= max_w) return s;
    const std::string ell = "\u2026";
    std::string out;
    size_t k = 0;
    while (k < s.size()) {
      size_t cl = CharLen(s, k);
      if (Width(f, size, out + s.substr(k, cl) + ell) > max_w) break;
      out += s.substr(k, cl);
      k += cl;
    }
    return out + ell;
  }

  double LineH(double size) const { return size * 1.3; }

  // ---- drawing primitives (no-ops when measuring) ----------------------
  // `page_`: a page is open and nothing has failed; after a failure the
  // canvas draws nothing more (render/pdf_canvas.h).
  void Text(double x, double top, PdfFont f, double size, const Rgb& c, const std::string& s) {
    if (!page_ || s.empty()) return;
    canvas_.Text(x, top, f, size, c, s);
    page_ = canvas_.failure().empty();
  }

  void FillRect(double x, double top, double w, double h, const Rgb& c) {
    if (!page_) return;
    canvas_.FillRect(x, top, w, h, c);
    page_ = canvas_.failure().empty();
  }

  void StrokeLine(double x1, double t1, double x2, double t2, const Rgb& c, double lw) {
    if (!page_) return;
    canvas_.StrokeLine(x1, t1, x2, t2, c, lw);
    page_ = canvas_.failure().empty();
  }

  // ---- pages -----------------------------------------------------------
  double Left() const { return kMargin; }
  double TextW() const { return pw_ - 2 * kMargin; }
  double Bottom() const { return ph_ - kMargin; }
  double Room() const { return Bottom() - y_; }

  void NewPage(bool footer = true) {
    ++page_no_;
    y_ = kMargin;
    if (!draw_) return;
    // After a failure nothing more is drawn (the canvas adds no page).
    page_ = canvas_.NewPage(page_no_, pw_, ph_);
    if (!page_) return;
    if (!footer) return;
    double size = fs_ * 0.85;
    double top = ph_ - kMargin * 0.6;
    std::string right = "Page " + std::to_string(page_no_) + " of " + std::to_string(total_);
    double rw = Width(reg_, size, right);
    Text(Left(), top, reg_, size, st_.muted, Fit(head_.footer, reg_, size, TextW() - rw - 12));
    Text(Left() + TextW() - rw, top, reg_, size, st_.muted, right);
  }

  void Need(double h) {
    if (y_ + h > Bottom() && y_ > kMargin + 0.5) NewPage();
  }

  // ---- cover and contents ---------------------------------------------
  void Cover() {
    NewPage(false);
    double band_h = 62 * kMm;
    FillRect(0, 0, pw_, band_h, st_.primary);
    double logo_w = 0;
    if (canvas_.HasLogo() && page_) {
      const auto [iw, ih] = canvas_.LogoSize();
      double maxh = band_h - 2 * kMargin * 0.8, maxw = pw_ * 0.25;
      if (iw > 0 && ih > 0) {
        double sc = std::min(maxw / iw, maxh / ih);
        logo_w = iw * sc;
        canvas_.DrawLogo(pw_ - kMargin - iw * sc, (band_h - ih * sc) / 2, iw * sc, ih * sc);
        page_ = canvas_.failure().empty();
      }
    } else if (canvas_.HasLogo()) {
      logo_w = pw_ * 0.25;
    }
    const Rgb white{1, 1, 1};
    double tw = TextW() - (logo_w > 0 ? logo_w + 12 : 0);
    double ts = fs_ * 3, ss = fs_ * 1.6;
    // A title over two lines is set smaller until it fits two (down to
    // 1.6 times the body size), rather than cut.
    auto title = Wrap(head_.title, bold_, ts, tw);
    while (title.size() > 2 && ts > fs_ * 1.6) {
      ts = std::max(fs_ * 1.6, ts - fs_ * 0.2);
      title = Wrap(head_.title, bold_, ts, tw);
    }
    auto sub = Wrap(head_.subtitle, reg_, ss, tw);
    if (title.size() > 2) {  // still longer: its second line ends in an ellipsis
      std::string rest;
      for (size_t i = 1; i < title.size(); ++i) rest += (rest.empty() ? "" : " ") + title[i].text;
      title.resize(2);
      title[1].text = Fit(rest, bold_, ts, tw);
    }
    if (sub.size() > 2) sub.resize(2);
    double block = D(title.size()) * LineH(ts) + (head_.subtitle.empty() ? 0 : 6 + D(sub.size()) * LineH(ss));
    double t = std::max(kMargin * 0.6, (band_h - block) / 2);
    for (const auto& l : title) {
      Text(Left(), t, bold_, ts, white, l.text);
      t += LineH(ts);
    }
    if (!head_.subtitle.empty()) {
      t += 6;
      for (const auto& l : sub) {
        Text(Left(), t, reg_, ss, white, l.text);
        t += LineH(ss);
      }
    }
    y_ = band_h + 14 * kMm;
    KeyValues(head_.cover_facts, fs_ * 1.2, /*may_break=*/false);
  }

  void H1(const std::string& text) {
    double size = fs_ * 2;
    auto lines = Wrap(text, bold_, size, TextW());
    for (const auto& l : lines) {
      Text(Left(), y_, bold_, size, st_.primary, l.text);
      y_ += LineH(size);
    }
    StrokeLine(Left(), y_ + 2, Left() + TextW(), y_ + 2, st_.primary, 1);
    y_ += 12;
  }

  void Contents() {
    NewPage();
    H1("Contents");
    double size = fs_ * 1.2, lh = LineH(size) + 4;
    double dot = Width(reg_, size, ".");
    for (size_t i = 0; i < d_.sections.size(); ++i) {
      if (y_ + lh > Bottom()) NewPage();
      std::string num = std::to_string(i < contents_pages_.size() ? contents_pages_[i] : 0);
      double nw = Width(reg_, size, num);
      std::string title = Fit(d_.sections[i].title, reg_, size, TextW() - nw - 8 * dot - 8);
      double tw = Width(reg_, size, title);
      Text(Left(), y_, reg_, size, st_.text, title);
      Text(Left() + TextW() - nw, y_, reg_, size, st_.text, num);
      double from = Left() + tw + 4, to = Left() + TextW() - nw - 4;
      int dots = dot > 0 ? static_cast<int>((to - from) / dot) : 0;
      if (dots > 0) {
        std::string leader(static_cast<size_t>(dots), '.');
        Text(to - dot * dots, y_, reg_, size, st_.muted, leader);
      }
      y_ += lh;
    }
  }

  // ---- sections and blocks --------------------------------------------
  void SectionOut(size_t i) {
    const Section& s = d_.sections[i];
    if (s.new_page || page_no_ == 0 || Room() < 120) {
      NewPage();
    } else {
      y_ += 10;
    }
    section_pages_[i] = page_no_;
    H1(s.title);
    for (const Block& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::kHeading: H2(b.text); break;
        case Block::Kind::kParagraph: Paragraph(b.text); break;
        case Block::Kind::kKeyValues: KeyValues(b.pairs, fs_, true); y_ += 6; break;
        case Block::Kind::kTable: TableOut(b.table); break;
        case Block::Kind::kBarChart: Chart(b.chart); break;
      }
    }
  }

  void H2(const std::string& text) {
    double size = fs_ * 1.4;
    auto lines = Wrap(text, bold_, size, TextW());
    Need(D(lines.size()) * LineH(size) + 4 * LineH(fs_));  // keep with what follows
    y_ += 4;
    for (const auto& l : lines) {
      Text(Left(), y_, bold_, size, st_.primary, l.text);
      y_ += LineH(size);
    }
    y_ += 3;
  }

  void Paragraph(const std::string& text) {
    for (const auto& l : Wrap(text, reg_, fs_, TextW())) {
      Need(LineH(fs_));
      Text(Left(), y_, reg_, fs_, st_.text, l.text);
      y_ += LineH(fs_);
    }
    y_ += fs_ * 0.6;
  }

  void KeyValues(const std::vector<std::pair<std::string, std::string>>& pairs, double size,
                 bool may_break) {
    double kw = TextW() * 0.35, gap = 10, vw = TextW() - kw - gap;
    for (const auto& [k, v] : pairs) {
      auto kl = Wrap(k, bold_, size, kw);
      auto vl = Wrap(v, reg_, size, vw);
      size_t n = std::max(kl.size(), vl.size());
      double h = D(n) * LineH(size) + 3;
      if (may_break) Need(h);
      if (!may_break && y_ + h > Bottom()) break;  // cover: never spills
      for (size_t r = 0; r < n; ++r) {
        if (r < kl.size()) Text(Left(), y_ + D(r) * LineH(size), bold_, size, st_.text, kl[r].text);
        if (r < vl.size()) Text(Left() + kw + gap, y_ + D(r) * LineH(size), reg_, size, st_.text, vl[r].text);
      }
      y_ += h;
    }
  }

  struct Cell {
    std::vector<Line> lines;
  };

  // Column widths that hold each column's longest word (a figure such as
  // "112,000" is one word) so that no number wraps and no word breaks in
  // the middle: a column too narrow takes the width it needs from the
  // columns with room to spare, in proportion to that room. A word wider
  // than a third of the page, or longer than kLongWord characters, still
  // breaks (a pasted URL, a config key, a long id).
  static constexpr size_t kLongWord = 24;
  void WidenForWords(const Table& t, double size, double pad, std::vector<double>* widths) const {
    std::vector<double>& cw = *widths;
    const size_t nc = cw.size();
    std::vector<double> need(nc, 0.0);
    auto measure = [&](const std::vector<std::string>& cells, PdfFont f) {
      for (size_t c = 0; c < nc && c < cells.size(); ++c) {
        if (static_cast<int>(c) == t.sparkline_column) continue;
        const std::string cell = CleanPdfText(cells[c].substr(0, std::min<size_t>(cells[c].size(), 200)));
        for (size_t i = 0; i < cell.size();) {
          size_t j = cell.find_first_of(" \n", i);
          if (j == std::string::npos) j = cell.size();
          // A word of more than kLongWord characters is an identifier (a
          // config key, a path, a URL), not prose: it may break, so it does
          // not starve the other columns of their whole words.
          if (j > i && j - i <= kLongWord)
            need[c] = std::max(need[c], Width(f, size, cell.substr(i, j - i)) + 2 * pad + 1);
          i = j + 1;
        }
      }
    };
    measure(t.header, bold_);
    for (const auto& r : t.rows) measure(r, reg_);
    double total = 0, short_by = 0, spare = 0;
    for (size_t c = 0; c < nc; ++c) {
      need[c] = std::min(need[c], TextW() / 3);
      total += need[c];
      if (cw[c] < need[c]) short_by += need[c] - cw[c];
      else spare += cw[c] - need[c];
    }
    if (short_by <= 0) return;  // nothing to do
    if (total > TextW()) {
      // Not every column's longest word fits: the figures (right-aligned
      // columns) keep theirs whole, and the other columns share what is
      // left in proportion to their widths (their longest words may break).
      double fixed = 0, others = 0;
      for (size_t c = 0; c < nc; ++c) {
        const bool figure = c < t.right_align.size() && t.right_align[c];
        if (figure) fixed += std::max(need[c], cw[c]);
        else others += cw[c];
      }
      if (fixed >= TextW() || others <= 0) return;  // cannot be done
      for (size_t c = 0; c < nc; ++c) {
        const bool figure = c < t.right_align.size() && t.right_align[c];
        cw[c] = figure ? std::max(need[c], cw[c]) : cw[c] * (TextW() - fixed) / others;
      }
      return;
    }
    for (size_t c = 0; c < nc; ++c)
      cw[c] = cw[c] < need[c] ? need[c] : cw[c] - (cw[c] - need[c]) * short_by / spare;
  }

  void TableOut(const Table& t) {
    size_t nc = t.header.size();
    for (const auto& r : t.rows) nc = std::max(nc, r.size());
    if (nc == 0) return;
    std::vector<double> rel(nc, 1.0);
    for (size_t c = 0; c < nc && c < t.widths.size(); ++c) rel[c] = t.widths[c] > 0 ? t.widths[c] : 1.0;
    double sum = 0;
    for (double r : rel) sum += r;
    std::vector<double> cw(nc), cx(nc);
    const double pad = 3, size = fs_ * 0.95, lh = LineH(size);
    for (size_t c = 0; c < nc; ++c) cw[c] = TextW() * rel[c] / sum;
    WidenForWords(t, size, pad, &cw);
    double x = Left();
    for (size_t c = 0; c < nc; ++c) {
      cx[c] = x;
      x += cw[c];
    }
    const double max_row = Bottom() - kMargin - 60;  // a row always fits a page with its header
    auto wrap_row = [&](const std::vector<std::string>& cells, PdfFont f, double* h) {
      std::vector<std::vector<Line>> out(nc);
      size_t n = 1;
      for (size_t c = 0; c < nc; ++c) {
        out[c] = Wrap(c < cells.size() ? cells[c] : "", f, size, std::max(4.0, cw[c] - 2 * pad), kMaxLaidOutChars);
        n = std::max(n, out[c].size());
      }
      size_t cap = static_cast<size_t>(std::max(1.0, (max_row - 2 * pad) / lh));
      if (n > cap) {
        n = cap;
        for (auto& l : out) if (l.size() > n) l.resize(n);
      }
      *h = D(n) * lh + 2 * pad;
      return out;
    };
    auto draw_cells = [&](const std::vector<std::vector<Line>>& cells, PdfFont f, const Rgb& col,
                          std::vector<Rgb>* per_col) {
      for (size_t c = 0; c < nc; ++c) {
        for (size_t r = 0; r < cells[c].size(); ++r) {
          const Line& l = cells[c][r];
          bool right = c < t.right_align.size() && t.right_align[c];
          double tx = right ? cx[c] + cw[c] - pad - l.width : cx[c] + pad;
          Text(tx, y_ + pad + D(r) * lh, f, size, per_col ? (*per_col)[c] : col, l.text);
        }
      }
    };
    double hh = 0;
    auto header = wrap_row(t.header, bold_, &hh);
    bool has_header = !t.header.empty();
    auto draw_header = [&]() {
      if (!has_header) return;
      FillRect(Left(), y_, TextW(), hh, st_.primary);
      draw_cells(header, bold_, Rgb{1, 1, 1}, nullptr);
      y_ += hh;
    };
    double first_h = 0;
    if (!t.rows.empty()) wrap_row(t.rows[0], reg_, &first_h);
    Need((has_header ? hh : 0) + first_h);
    draw_header();
    for (size_t r = 0; r < t.rows.size(); ++r) {
      double rh = 0;
      auto cells = wrap_row(t.rows[r], reg_, &rh);
      bool spark = t.sparkline_column >= 0 && static_cast<size_t>(t.sparkline_column) < nc;
      if (spark) cells[t.sparkline_column].clear();
      if (y_ + rh > Bottom()) {
        NewPage();
        draw_header();
      }
      if (r % 2 == 1) FillRect(Left(), y_, TextW(), rh, st_.accent);
      std::vector<Rgb> colours(nc, st_.text);
      std::vector<PdfFont> fonts(nc, reg_);
      if (t.rag_column >= 0 && static_cast<size_t>(t.rag_column) < nc && r < t.rag.size()) {
        const std::string& rag = t.rag[r];
        const Rgb* fill = rag == "red" ? &st_.red : rag == "amber" ? &st_.amber : rag == "green" ? &st_.green : nullptr;
        if (fill) {
          size_t c = t.rag_column;
          FillRect(cx[c] + 1, y_ + 1, cw[c] - 2, rh - 2, *fill);
          colours[c] = rag == "amber" ? st_.text : Rgb{1, 1, 1};
          bool blank = cells[c].empty() || (cells[c].size() == 1 && cells[c][0].text.empty());
          if (blank) {
            std::string label = rag;
            label[0] = static_cast<char>(label[0] - 'a' + 'A');
            label = Fit(label, bold_, size, cw[c] - 2 * pad);
            cells[c] = {Line{label, Width(bold_, size, label)}};
          }
        }
      }
      draw_cells(cells, reg_, st_.text, &colours);
      if (spark && r < t.sparklines.size()) {
        size_t c = t.sparkline_column;
        Sparkline(t.sparklines[r], cx[c] + pad, y_ + pad, cw[c] - 2 * pad, rh - 2 * pad);
      }
      y_ += rh;
    }
    StrokeLine(Left(), y_, Left() + TextW(), y_, st_.muted, 0.5);
    y_ += fs_;
  }

  void Sparkline(const std::vector<double>& v, double x, double top, double w, double h) {
    if (!page_ || w <= 4 || h <= 2) return;
    h = std::min(h, fs_ * 1.2);
    double lo = INFINITY, hi = -INFINITY;
    int last = -1;
    for (size_t i = 0; i < v.size(); ++i) {
      if (std::isnan(v[i]) || std::isinf(v[i])) continue;
      lo = std::min(lo, v[i]);
      hi = std::max(hi, v[i]);
      last = static_cast<int>(i);
    }
    if (last < 0) return;
    double dot_r = 1.4;
    w -= 2 * dot_r;
    auto px = [&](size_t i) { return x + (v.size() > 1 ? w * D(i) / D(v.size() - 1) : w / 2); };
    auto py = [&](double val) { return top + (hi > lo ? (hi - val) / (hi - lo) * h : h / 2); };
    // The runs of values between gaps (NaN: no value that month).
    std::vector<std::vector<PagePoint>> runs(1);
    for (size_t i = 0; i < v.size(); ++i) {
      if (std::isnan(v[i]) || std::isinf(v[i])) {
        if (!runs.back().empty()) runs.emplace_back();
        continue;
      }
      runs.back().push_back({px(i), py(v[i])});
    }
    if (runs.back().empty()) runs.pop_back();
    canvas_.Polylines(runs, st_.bar, 0.8);
    page_ = canvas_.failure().empty();
    if (!page_) return;
    canvas_.Dot({px(static_cast<size_t>(last)), py(v[static_cast<size_t>(last)])}, dot_r, st_.primary);
    page_ = canvas_.failure().empty();
  }

  void Chart(const BarChart& ch) {
    const double size = fs_ * 0.95, bar_h = size * 1.4, gap = 4, step = bar_h + gap;
    double title_h = ch.title.empty() ? 0 : LineH(fs_ * 1.1) + 4;
    double max_v = 0, label_w = 0, value_w = 0;
    for (const auto& [label, v] : ch.bars) {
      max_v = std::max(max_v, std::isfinite(v) ? v : 0.0);
      label_w = std::max(label_w, Width(reg_, size, CleanPdfText(label)));
      value_w = std::max(value_w, Width(reg_, size, FormatNumber(v) + CleanPdfText(ch.value_suffix)));
    }
    label_w = std::min(label_w + 2, TextW() * 0.35);
    double bar_x = Left() + label_w + 6;
    double bar_w = std::max(20.0, TextW() - label_w - 6 - value_w - 6);
    Need(title_h + step * D(std::min<size_t>(3, std::max<size_t>(1, ch.bars.size()))) + 4);
    auto title = [&](bool cont) {
      if (ch.title.empty()) return;
      Text(Left(), y_, bold_, fs_ * 1.1, st_.text, Fit(ch.title + (cont ? " (continued)" : ""), bold_, fs_ * 1.1, TextW()));
      y_ += title_h;
    };
    auto grid = [&](double from, double to) {  // drawn under each bar's row
      for (int g = 0; g <= 4; ++g) {
        double gx = bar_x + bar_w * g / 4;
        StrokeLine(gx, from, gx, to, st_.accent, 0.6);
      }
    };
    title(false);
    for (size_t i = 0; i < ch.bars.size(); ++i) {
      if (y_ + step > Bottom()) {
        NewPage();
        title(true);
      }
      grid(y_ - gap / 2, y_ + bar_h + gap / 2);
      const auto& [label, v] = ch.bars[i];
      double val = std::isfinite(v) && v > 0 ? v : 0;
      double w = max_v > 0 ? bar_w * val / max_v : 0;
      std::string l = Fit(label, reg_, size, label_w);
      double ty = y_ + (bar_h - size) / 2;
      Text(bar_x - 6 - Width(reg_, size, l), ty, reg_, size, st_.text, l);
      if (w > 0) FillRect(bar_x, y_, w, bar_h, st_.bar);
      Text(bar_x + w + 4, ty, reg_, size, st_.text, FormatNumber(v) + CleanPdfText(ch.value_suffix));
      y_ += step;
    }
    y_ += fs_;
  }

  PdfCanvas& canvas_;
  const PdfDocument& d_;
  const PdfDocument& head_;
  const PdfStyle& st_;
  static constexpr PdfFont reg_ = PdfFont::kRegular, bold_ = PdfFont::kBold;
  double pw_, ph_, fs_;
  bool draw_ = false;
  bool page_ = false;  // drawing, a page open and nothing failed
  int page_no_ = 0, total_ = 0;
  double y_ = 0;
  std::vector<int> section_pages_, contents_pages_;
};

}  // namespace

int LayOutPdf(PdfCanvas& canvas, const PdfDocument& doc, const PdfDocument& head, const PdfStyle& style,
              double width, double height) {
  Layout layout(canvas, doc, head, style, width, height);
  layout.Run(/*draw=*/false);
  layout.Run(/*draw=*/true);
  return layout.total_pages();
}

}  // namespace annexa::render
