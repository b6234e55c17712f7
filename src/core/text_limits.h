// Limits on the names and short free text that reach the pack's cover, page
// footers, document properties and sheet titles (council name, LA code, a
// template's title and footer, team and worker names): how long each may be
// and which characters no writer may see. A config value over its cap or
// holding a control character is refused where it is written (file:line:col,
// TextProblem); text from anywhere else is made safe (SafeName) before the
// PDF or workbook writer sees it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace annexa {

// A council's or local authority's name: the longest English council name
// ("The Council of the Royal Borough of Windsor and Maidenhead", 58) fits
// three times over, and 200 characters still wrap into the PDF cover's two
// title lines at its smallest size. Far below libharu's 65,535-byte string
// limit and Excel's 32,767-character cell.
inline constexpr size_t kMaxNameChars = 200;
// The LA code: Ofsted's are three digits; room for a prefix or suffix.
inline constexpr size_t kMaxCodeChars = 20;
// A line of free text on every page (a template's title or footer).
inline constexpr size_t kMaxLineChars = 300;
// A team's or worker's name as shown in the PDF pack's tables and charts.
inline constexpr size_t kMaxLabelChars = 200;

// Why `text` cannot be used as a one-line name of at most `max_chars`
// characters (code points), or "" when it can: not valid UTF-8 (the byte
// offset named), a control character (C0 including tab and line breaks,
// DEL, C1: the character and its position named), or too long (its length
// named).
std::string TextProblem(std::string_view text, size_t max_chars);

struct SafeText {
  std::string text;
  bool replaced = false;  // an invalid byte became U+FFFD or a control character a space
  bool capped = false;    // cut at the cap, ending in an ellipsis
  size_t chars = 0;       // characters (code points) of the original, after repair
};

// `text` made safe for any writer: each invalid UTF-8 byte (bad lead or
// continuation, overlong, a surrogate, beyond U+10FFFF) becomes U+FFFD; each
// control character (C0 including tab and line breaks, DEL, C1) a space; cut
// to `max_chars` characters, the last of which is then "…" (U+2026).
SafeText SafeName(std::string_view text, size_t max_chars);

}  // namespace annexa
