// The libharu adapter, the only file that includes <hpdf.h>: a PdfCanvas
// (render/pdf_canvas.h) over a libharu document, which render/pdf_layout.h
// lays the PdfDocument out on, then the document rendered into memory, its
// text maps mended (render/pdf_unicode_map.h) and the bytes written
// atomically.
#include "render/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "core/file_util.h"
#include "core/text_limits.h"
#include "render/pdf_canvas.h"
#include "render/pdf_errors.h"
#include "render/pdf_layout.h"
#include "render/pdf_unicode_map.h"

namespace annexa::render {
namespace {

// What the libharu error handler saw (first error wins).
struct HpdfError {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

void OnHpdfError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* err = static_cast<HpdfError*>(user_data);
  if (err->code == 0) {
    err->code = code;
    err->detail = detail;
  }
}

// Owns an HPDF_Doc (HPDF_Free on scope exit).
class DocPtr {
 public:
  explicit DocPtr(HPDF_Doc doc) : doc_(doc) {}
  ~DocPtr() {
    if (doc_) HPDF_Free(doc_);
  }
  DocPtr(const DocPtr&) = delete;
  DocPtr& operator=(const DocPtr&) = delete;
  HPDF_Doc get() const { return doc_; }
  explicit operator bool() const { return doc_ != nullptr; }

 private:
  HPDF_Doc doc_;
};

HPDF_REAL F(double v) { return static_cast<HPDF_REAL>(v); }

// The longest text one libharu call takes (HPDF_LIMIT_MAX_STRING_LEN): a
// longer one fails with HPDF_STRING_OUT_OF_RANGE and puts the document in
// an error state in which HPDF_AddPage returns no page.
constexpr size_t kMaxHpdfText = HPDF_LIMIT_MAX_STRING_LEN;

Status ParseCreatedAt(const std::string& s, HPDF_Date* d) {
  *d = HPDF_Date{};
  d->ind = ' ';
  int n = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &d->year, &d->month, &d->day, &d->hour,
                  &d->minutes, &d->seconds, &n) != 6 ||
      n != 19 || s.size() < 19 || d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31 ||
      d->hour > 23 || d->minutes > 59 || d->seconds > 59 || d->year < 1900) {
    return InvalidArgument("created_at '" + s + "' is not YYYY-MM-DDTHH:MM:SS");
  }
  return Status::Ok();
}

// libharu's canvas. Every libharu call's status is checked: the first
// failure is kept (what was being drawn, on which page) and nothing more is
// drawn, since libharu refuses every call on a document in error
// (HPDF_AddPage then returns no page at all).
class HaruCanvas : public PdfCanvas {
 public:
  HaruCanvas(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold, HPDF_Image logo, const HpdfError* err)
      : doc_(doc), regular_(regular), bold_(bold), logo_(logo), err_(err) {}

  // Measured in pieces of at most kMaxHpdfText bytes, cut at character
  // boundaries (widths add up: no kerning in libharu's TrueType fonts).
  double TextWidth(PdfFont font, double size, const std::string& s) const override {
    double width = 0;
    for (size_t at = 0; at < s.size();) {
      size_t n = std::min(kMaxHpdfText, s.size() - at);
      while (at + n < s.size() && (static_cast<unsigned char>(s[at + n]) & 0xC0) == 0x80) --n;
      HPDF_TextWidth tw = HPDF_Font_TextWidth(Font(font), reinterpret_cast<const HPDF_BYTE*>(s.data() + at),
                                              static_cast<HPDF_UINT>(n));
      width += tw.width;
      at += n;
    }
    return width * size / 1000.0;
  }
  bool HasLogo() const override { return logo_ != nullptr; }
  std::pair<double, double> LogoSize() const override {
    if (!logo_) return {0, 0};
    return {HPDF_Image_GetWidth(logo_), HPDF_Image_GetHeight(logo_)};
  }

  bool NewPage(int number, double width, double height) override {
    page_no_ = number;
    page_ = nullptr;
    if (!failure_.empty() || err_->code != 0) return false;
    page_ = HPDF_AddPage(doc_);
    if (!page_) {
      Fail(HPDF_GetError(doc_) ? HPDF_GetError(doc_) : HPDF_INVALID_PAGE, "adding a page");
      return false;
    }
    ph_ = height;
    return Ok(HPDF_Page_SetWidth(page_, F(width)), "setting the page width") &&
           Ok(HPDF_Page_SetHeight(page_, F(height)), "setting the page height");
  }

  // Laid-out text is at most a line wide, far below libharu's limit;
  // longer is refused, not drawn.
  void Text(double x, double top, PdfFont font, double size, const Rgb& c, const std::string& s) override {
    if (!page_ || s.empty()) return;
    if (s.size() > kMaxHpdfText) return Fail(HPDF_STRING_OUT_OF_RANGE, "writing text");
    if (!Fill(c)) return;
    Ok(HPDF_Page_BeginText(page_), "beginning text") &&
        Ok(HPDF_Page_SetFontAndSize(page_, Font(font), F(size)), "setting the font") &&
        Ok(HPDF_Page_TextOut(page_, F(x), F(Y(top + size * 0.95)), s.c_str()), "writing text") &&
        Ok(HPDF_Page_EndText(page_), "ending text");
  }

  void FillRect(double x, double top, double w, double h, const Rgb& c) override {
    if (!page_ || !Fill(c)) return;
    Ok(HPDF_Page_Rectangle(page_, F(x), F(Y(top + h)), F(w), F(h)), "drawing a rectangle") &&
        Ok(HPDF_Page_Fill(page_), "filling a rectangle");
  }

  void StrokeLine(double x1, double t1, double x2, double t2, const Rgb& c, double width) override {
    if (!page_ || !Stroke(c)) return;
    Ok(HPDF_Page_SetLineWidth(page_, F(width)), "setting a line width") &&
        Ok(HPDF_Page_MoveTo(page_, F(x1), F(Y(t1))), "drawing a line") &&
        Ok(HPDF_Page_LineTo(page_, F(x2), F(Y(t2))), "drawing a line") &&
        Ok(HPDF_Page_Stroke(page_), "drawing a line");
  }

  void Polylines(const std::vector<std::vector<PagePoint>>& runs, const Rgb& c, double width) override {
    if (!page_ || !Stroke(c) || !Ok(HPDF_Page_SetLineWidth(page_, F(width)), "setting a line width")) return;
    const char* what = "drawing a sparkline";
    for (const std::vector<PagePoint>& run : runs) {
      for (size_t i = 0; i < run.size() && page_; ++i)
        Ok(i == 0 ? HPDF_Page_MoveTo(page_, F(run[i].x), F(Y(run[i].top)))
                  : HPDF_Page_LineTo(page_, F(run[i].x), F(Y(run[i].top))),
           what);
      if (!page_) return;
      if (!run.empty()) Ok(run.size() > 1 ? HPDF_Page_Stroke(page_) : HPDF_Page_EndPath(page_), what);
    }
  }

  void Dot(PagePoint centre, double radius, const Rgb& c) override {
    if (!page_ || !Fill(c)) return;
    const char* what = "drawing a sparkline";
    Ok(HPDF_Page_Circle(page_, F(centre.x), F(Y(centre.top)), F(radius)), what) && Ok(HPDF_Page_Fill(page_), what);
  }

  void DrawLogo(double x, double top, double w, double h) override {
    if (!page_ || !logo_) return;
    Ok(HPDF_Page_DrawImage(page_, logo_, F(x), F(Y(top + h)), F(w), F(h)), "drawing the logo");
  }

  const std::string& failure() const override { return failure_; }

 private:
  HPDF_Font Font(PdfFont f) const { return f == PdfFont::kBold ? bold_ : regular_; }
  double Y(double top) const { return ph_ - top; }
  bool Ok(HPDF_STATUS rc, const char* call) {
    if (rc == HPDF_OK) return true;
    Fail(rc, call);
    return false;
  }
  void Fail(HPDF_STATUS rc, const char* call) {
    if (failure_.empty())
      failure_ = std::string(call) + " on page " + std::to_string(page_no_) + " failed: " + HpdfErrorText(rc);
    page_ = nullptr;
  }
  bool Fill(const Rgb& c) { return Ok(HPDF_Page_SetRGBFill(page_, F(c.r), F(c.g), F(c.b)), "setting a fill colour"); }
  bool Stroke(const Rgb& c) {
    return Ok(HPDF_Page_SetRGBStroke(page_, F(c.r), F(c.g), F(c.b)), "setting a line colour");
  }

  HPDF_Doc doc_;
  HPDF_Font regular_, bold_;
  HPDF_Image logo_;
  const HpdfError* err_;
  HPDF_Page page_ = nullptr;
  int page_no_ = 0;
  double ph_ = 0;
  std::string failure_;
};


// A font or logo libharu will open by name: a regular file (a FIFO would
// block libharu's open for ever, /dev/zero never end) with something in it.
Status Readable(const std::string& path, const std::string& what) {
  Result<ReadOnlyFile> file = OpenRegularFile(path);
  // A bad font or logo is a problem of the template (usage), as before.
  if (!file.ok()) return InvalidArgument(file.status().message() + " (the " + what + ")");
  if (file->size() == 0) return InvalidArgument(path + ": " + what + " cannot be read");
  return Status::Ok();
}

Status CheckErr(const HpdfError& err, const std::string& what) {
  if (err.code == 0) return Status::Ok();
  return Internal("libharu failed while " + what + ": " + HpdfErrorText(err.code, err.detail));
}

// In an encrypted PDF, MendUnicodeMaps cannot reach the font's /ToUnicode
// map (its stream is encrypted): the map is replaced before the document is
// saved instead, by one that libharu then encrypts like any other stream.
// The font's codes are its CIDs, which are Unicode values
// (render/pdf_unicode_map.h), so the map is the identity over the Basic
// Multilingual Plane, surrogates aside.
HPDF_STATUS UseIdentityToUnicode(HPDF_Doc d, HPDF_Font font) {
  const std::string map = IdentityToUnicode({{0x0000, 0xD7FF}, {0xE000, 0xFFFF}});
  HPDF_Dict stream = HPDF_DictStream_New(d->mmgr, d->xref);
  if (!stream) return HPDF_FAILD_TO_ALLOC_MEM;
  stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  if (HPDF_STATUS rc = HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(map.data()),
                                         static_cast<HPDF_UINT>(map.size()));
      rc != HPDF_OK)
    return rc;
  return HPDF_Dict_Add(font, "ToUnicode", stream);
}

}  // namespace

Status WritePdf(const std::string& path, const PdfDocument& doc, const PdfStyle& style) {
  double pw, ph;
  if (style.paper == "A4" || style.paper == "a4") {
    pw = 595.276;
    ph = 841.89;
  } else if (style.paper == "Letter" || style.paper == "letter") {
    pw = 612;
    ph = 792;
  } else {
    return InvalidArgument("unknown paper size '" + style.paper + "' (A4 or Letter)");
  }
  if (style.landscape) std::swap(pw, ph);
  HPDF_Date date{};
  if (!doc.created_at.empty()) ANNEXA_RETURN_IF_ERROR(ParseCreatedAt(doc.created_at, &date));

  HpdfError err;
  DocPtr pdf(HPDF_New(OnHpdfError, &err));
  if (!pdf) return Internal("libharu: cannot create a document");
  HPDF_Doc d = pdf.get();
  // Each setting call's status checked as well as the error handler: a
  // failure is named in words, never a bare code.
  auto setting = [&](HPDF_STATUS rc, const std::string& what) -> Status {
    if (rc != HPDF_OK && err.code == 0) err = HpdfError{rc, 0};
    return CheckErr(err, what);
  };
  ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetCompressionMode(d, HPDF_COMP_ALL), "setting up compression"));
  ANNEXA_RETURN_IF_ERROR(setting(HPDF_UseUTFEncodings(d), "setting up UTF-8 text"));

  auto load_font = [&](const std::string& file, HPDF_Font* out) -> Status {
    ANNEXA_RETURN_IF_ERROR(Readable(file, "font file"));
    const char* name = HPDF_LoadTTFontFromFile(d, file.c_str(), HPDF_TRUE);
    HPDF_Font f = name ? HPDF_GetFont(d, name, "UTF-8") : nullptr;
    if (err.code != 0 || !f) {
      return InvalidArgument(file + ": not a usable TrueType font (" + HpdfErrorText(err.code, err.detail) + ")");
    }
    if (!doc.user_password.empty() && UseIdentityToUnicode(d, f) != HPDF_OK && err.code == 0)
      err = HpdfError{HPDF_FAILD_TO_ALLOC_MEM, 0};
    ANNEXA_RETURN_IF_ERROR(CheckErr(err, "setting the font's text map"));
    *out = f;
    return Status::Ok();
  };
  HPDF_Font reg = nullptr, bold = nullptr;
  ANNEXA_RETURN_IF_ERROR(load_font(style.font_regular, &reg));
  if (style.font_bold == style.font_regular) {
    bold = reg;
  } else {
    ANNEXA_RETURN_IF_ERROR(load_font(style.font_bold, &bold));
  }
  HPDF_Image logo = nullptr;
  if (!style.logo_png.empty()) {
    ANNEXA_RETURN_IF_ERROR(Readable(style.logo_png, "logo file"));
    logo = HPDF_LoadPngImageFromFile(d, style.logo_png.c_str());
    if (err.code != 0 || !logo) {
      return InvalidArgument(style.logo_png + ": not a usable PNG image (" + HpdfErrorText(err.code, err.detail) + ")");
    }
  }

  if (!doc.created_at.empty()) {
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetInfoDateAttr(d, HPDF_INFO_CREATION_DATE, date), "setting the creation date"));
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetInfoDateAttr(d, HPDF_INFO_MOD_DATE, date), "setting the modification date"));
  }
  ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetInfoAttr(d, HPDF_INFO_PRODUCER, "annexa"), "setting the producer"));
  ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetInfoAttr(d, HPDF_INFO_CREATOR, "annexa"), "setting the creator"));
  std::string title = SafeName(CleanPdfText(doc.title), kMaxLineChars).text;
  if (!title.empty())
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetInfoAttr(d, HPDF_INFO_TITLE, title.c_str()), "setting the title"));
  if (!doc.user_password.empty()) {
    // A random owner password: nobody can lift the restrictions, and the
    // reader's password is the only way in.
    Result<std::string> owner = RandomBytes(16);
    if (!owner.ok()) return owner.status();
    const std::string owner_hex = ToHex(*owner);
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetPassword(d, owner_hex.c_str(), doc.user_password.c_str()), "setting the password"));
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetPermission(d, HPDF_ENABLE_READ | HPDF_ENABLE_PRINT | HPDF_ENABLE_COPY),
                                   "setting the permissions"));
    ANNEXA_RETURN_IF_ERROR(setting(HPDF_SetEncryptionMode(d, HPDF_ENCRYPT_R3, 16), "setting the encryption"));
  }

  // The names on the cover and in every footer, one printable line each
  // and capped (core/text_limits.h), whoever built the document.
  PdfDocument capped;  // the cover and footers only
  capped.title = SafeName(doc.title, kMaxLineChars).text;
  capped.subtitle = SafeName(doc.subtitle, kMaxNameChars).text;
  capped.footer = SafeName(doc.footer, kMaxNameChars + kMaxLineChars + 3).text;  // council – template footer
  capped.cover_facts = doc.cover_facts;
  for (auto& [k, v] : capped.cover_facts) {
    k = SafeName(k, kMaxLineChars).text;
    v = SafeName(v, kMaxLineChars).text;
  }
  HaruCanvas canvas(d, reg, bold, logo, &err);
  LayOutPdf(canvas, doc, capped, style, pw, ph);
  if (!canvas.failure().empty()) return Internal(path + ": cannot write the PDF: " + canvas.failure());
  ANNEXA_RETURN_IF_ERROR(CheckErr(err, "laying out and drawing pages"));

  if (HPDF_SaveToStream(d) != HPDF_OK || err.code != 0) {
    return CheckErr(err.code ? err : HpdfError{1, 0}, "saving the document");
  }
  std::string bytes;
  bytes.reserve(HPDF_GetStreamSize(d));
  HPDF_ResetStream(d);
  std::vector<HPDF_BYTE> buf(64 * 1024);
  while (true) {
    HPDF_UINT32 n = static_cast<HPDF_UINT32>(buf.size());
    HPDF_STATUS rc = HPDF_ReadFromStream(d, buf.data(), &n);
    bytes.append(reinterpret_cast<const char*>(buf.data()), n);
    if (rc == HPDF_STREAM_EOF) break;
    if (rc != HPDF_OK) return CheckErr(err.code ? err : HpdfError{rc, 0}, "reading the rendered document");
    if (n == 0) break;
  }
  err = HpdfError{};  // HPDF_ReadFromStream's EOF is reported through the handler too
  MendUnicodeMaps(&bytes);  // libharu 2.3's text maps (render/pdf_unicode_map.h)
  return WriteFileAtomically(path, bytes, 0600);
}

}  // namespace annexa::render
