#include "render/pdf_errors.h"

#include <hpdf_error.h>

#include <cstdio>

namespace annexa::render {
namespace {

const char* Words(unsigned long code) {
  switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "a file could not be read or written";
    case HPDF_FILE_OPEN_ERROR: return "a file could not be opened";
    case HPDF_STRING_OUT_OF_RANGE: return "a text longer than the PDF library takes (65,535 bytes)";
    case HPDF_NAME_OUT_OF_RANGE: return "a name longer than the PDF library takes (127 bytes)";
    case HPDF_REAL_OUT_OF_RANGE: return "a number or position beyond the PDF's range";
    case HPDF_PAGE_OUT_OF_RANGE: return "too many pages";
    case HPDF_PAGE_INVALID_SIZE: return "a page size out of range";
    case HPDF_PAGE_INVALID_FONT_SIZE: return "a font size out of range";
    case HPDF_PAGE_INVALID_GMODE: return "a drawing call out of order";
    case HPDF_PAGE_FONT_NOT_FOUND: return "text written before a font was set";
    case HPDF_PAGE_INVALID_FONT: case HPDF_INVALID_FONT: return "not a usable font";
    case HPDF_PAGE_CANNOT_RESTORE_GSTATE: case HPDF_EXCEED_GSTATE_LIMIT: return "drawing states nested too deep";
    case HPDF_INVALID_PAGE: case HPDF_INVALID_PAGES: return "a page the PDF library did not create";
    case HPDF_INVALID_DOCUMENT: case HPDF_INVALID_DOCUMENT_STATE:
      return "the document is unusable after an earlier error";
    case HPDF_INVALID_PARAMETER: return "an invalid parameter";
    case HPDF_INVALID_DATE_TIME: return "an invalid date";
    case HPDF_INVALID_ENCODER: case HPDF_INVALID_ENCODER_TYPE: case HPDF_INVALID_ENCODING_NAME:
      return "a text encoding the PDF library does not know";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence forbids embedding it";
    case HPDF_TTF_INVALID_CMAP: case HPDF_TTF_INVALID_FOMAT: case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA: case HPDF_INVALID_TTC_FILE: case HPDF_INVALID_TTC_INDEX:
    case HPDF_UNSUPPORTED_FONT_TYPE: case HPDF_FONT_INVALID_WIDTHS_TABLE:
      return "not a usable TrueType font";
    case HPDF_INVALID_PNG_IMAGE: case HPDF_LIBPNG_ERROR: case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_BIT_PER_COMPONENT: case HPDF_INVALID_COLOR_SPACE:
      return "not a usable PNG image";
    case HPDF_ZLIB_ERROR: return "compression failed";
    case HPDF_ENCRYPT_INVALID_PASSWORD: return "an invalid password";
    case HPDF_INVALID_ENCRYPT_KEY_LEN: return "an invalid encryption key length";
    case HPDF_DUPLICATE_REGISTRATION: case HPDF_FONT_EXISTS: return "a font loaded twice";
    case HPDF_STREAM_EOF: return "the end of the rendered document";
    default: return nullptr;
  }
}

}  // namespace

std::string HpdfErrorText(unsigned long code, unsigned long detail) {
  char num[96];
  if (detail != 0)
    std::snprintf(num, sizeof num, "libharu error 0x%04lX, detail %lu", code, detail);
  else
    std::snprintf(num, sizeof num, "libharu error 0x%04lX", code);
  const char* words = Words(code);
  return words ? std::string(words) + " (" + num + ")" : std::string(num);
}

}  // namespace annexa::render
