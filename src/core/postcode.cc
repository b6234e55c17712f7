#include "core/postcode.h"

namespace annexa {
namespace {

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

bool IsOutwardCode(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && i < 2 && Upper(s[i])) ++i;
  if (i == 0 || i >= s.size() || !Digit(s[i])) return false;
  ++i;
  if (i < s.size() && (Upper(s[i]) || Digit(s[i]))) ++i;
  return i == s.size();
}

std::optional<PostcodeParts> SplitPostcode(std::string_view text) {
  std::string c;  // upper case, no spaces
  for (char ch : text) {
    if (Space(ch)) continue;
    if (c.size() == 7) return std::nullopt;
    c += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  if (c.size() < 5) return std::nullopt;
  const std::string_view in = std::string_view(c).substr(c.size() - 3);
  const std::string_view out = std::string_view(c).substr(0, c.size() - 3);
  if (!Digit(in[0]) || !Upper(in[1]) || !Upper(in[2]) || !IsOutwardCode(out)) return std::nullopt;
  PostcodeParts p;
  size_t letters = 0;
  while (Upper(out[letters])) ++letters;
  p.area = std::string(out.substr(0, letters));
  p.district = std::string(out);
  p.sector = p.district + " " + in[0];
  p.full = p.district + " " + std::string(in);
  return p;
}

bool IsCanonicalPostcode(std::string_view text) {
  const std::optional<PostcodeParts> p = SplitPostcode(text);
  return p && p->full == text;
}

}  // namespace annexa
