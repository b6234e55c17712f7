// The xlsx text cleaning: which bytes are kept, which replaced, and where
// over-long text is cut.
#include "render/xlsx_text.h"

#include <algorithm>
#include <cstdint>

namespace annexa::render::detail {
namespace {

// Length of the valid UTF-8 sequence at s[i] holding an XML-legal character,
// or 0 when the bytes there are not one (bad lead or continuation bytes,
// overlong forms, surrogates, > U+10FFFF, U+FFFE/U+FFFF).
size_t ValidSequence(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  size_t len;
  if (lead < 0x80) { cp = lead; return 1; }
  if (lead >= 0xC2 && lead <= 0xDF) { len = 2; cp = lead & 0x1Fu; }
  else if (lead >= 0xE0 && lead <= 0xEF) { len = 3; cp = lead & 0x0Fu; }
  else if (lead >= 0xF0 && lead <= 0xF4) { len = 4; cp = lead & 0x07u; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

}  // namespace

CleanText Clean(std::string_view in) {
  CleanText out;
  out.text.reserve(std::min(in.size(), kMaxCellUnits * 3));
  size_t units = 0;
  for (size_t i = 0; i < in.size();) {
    uint32_t cp = 0;
    size_t len = ValidSequence(in, i, cp);
    std::string_view piece = in.substr(i, len);
    if (len == 0) {
      piece = "\xEF\xBF\xBD";
      cp = 0xFFFD;
      len = 1;  // one replacement per bad byte
    }
    i += len;
    const size_t piece_units = cp >= 0x10000 ? 2 : 1;
    units += piece_units;
    if (units > kMaxCellUnits) out.truncated = true;
    if (!out.truncated) out.text.append(piece);
  }
  out.original_units = units;
  return out;
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace annexa::render::detail
