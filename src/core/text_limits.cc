#include "core/text_limits.h"

#include <cstdint>
#include <cstdio>

namespace annexa {
namespace {

// Length of the valid UTF-8 sequence at s[i] and its code point, or 0 when
// the bytes there are not one (bad lead or continuation bytes, overlong
// forms, surrogates, > U+10FFFF).
size_t Sequence(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  size_t len;
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
    *cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    *cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    *cp = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b(k) & 0x3Fu);
  }
  if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10FFFF))) return 0;
  if (*cp >= 0xD800 && *cp <= 0xDFFF) return 0;
  return len;
}

bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string CodePoint(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

std::string TextProblem(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = Sequence(text, i, &cp);
    if (len == 0) return "is not valid UTF-8 (byte " + std::to_string(i + 1) + ")";
    ++chars;
    if (IsControl(cp))
      return "holds a control character (" + CodePoint(cp) + ") at character " + std::to_string(chars) +
             ": a name is one line of printable text";
    i += len;
  }
  if (chars > max_chars)
    return "is " + std::to_string(chars) + " characters long; at most " + std::to_string(max_chars) + " are allowed";
  return "";
}

SafeText SafeName(std::string_view text, size_t max_chars) {
  SafeText out;
  std::string repaired;
  repaired.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = Sequence(text, i, &cp);
    if (len == 0) {
      repaired += "\xEF\xBF\xBD";  // one U+FFFD per bad byte
      out.replaced = true;
      ++i;
    } else if (IsControl(cp)) {
      repaired += ' ';
      out.replaced = true;
      i += len;
    } else {
      repaired.append(text, i, len);
      i += len;
    }
    ++out.chars;
  }
  if (out.chars <= max_chars) {
    out.text = std::move(repaired);
    return out;
  }
  out.capped = true;
  if (max_chars == 0) return out;
  // Keep max_chars - 1 characters and the ellipsis.
  size_t kept = 0, at = 0;
  while (at < repaired.size() && kept + 1 < max_chars) {
    const unsigned char c = static_cast<unsigned char>(repaired[at]);
    at += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    ++kept;
  }
  out.text = repaired.substr(0, at) + "\u2026";
  return out;
}

}  // namespace annexa
