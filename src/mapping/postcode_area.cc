#include "mapping/postcode_area.h"

#include <cctype>

namespace annexa::mapping {
namespace {

bool Alpha(char c) { return c >= 'A' && c <= 'Z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }

// Upper case, no spaces.
std::string Compact(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// An outward code: one or two letters, a digit, then at most one letter or
// digit ("B1", "SF12", "EC1A", "W1A").
bool IsOutward(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && i < 2 && Alpha(s[i])) ++i;
  if (i == 0 || i >= s.size() || !Digit(s[i])) return false;
  ++i;
  if (i < s.size() && (Alpha(s[i]) || Digit(s[i]))) ++i;
  return i == s.size();
}

std::string AreaOf(std::string_view outward) {
  size_t i = 0;
  while (i < outward.size() && Alpha(outward[i])) ++i;
  return std::string(outward.substr(0, i));
}

}  // namespace

std::optional<PostcodeParts> SplitPostcode(std::string_view postcode) {
  const std::string c = Compact(postcode);
  // The inward code is always a digit and two letters.
  if (c.size() < 5 || c.size() > 7) return std::nullopt;
  const std::string_view in = std::string_view(c).substr(c.size() - 3);
  const std::string_view out = std::string_view(c).substr(0, c.size() - 3);
  if (!Digit(in[0]) || !Alpha(in[1]) || !Alpha(in[2]) || !IsOutward(out)) return std::nullopt;
  PostcodeParts p;
  p.area = AreaOf(out);
  p.district = std::string(out);
  p.sector = p.district + " " + in[0];
  p.full = p.district + " " + std::string(in);
  return p;
}

bool PostcodeAreas::Add(std::string_view entry) {
  // Upper case, its words apart: a sector needs its space ("SF1 2" is
  // sector 2 of district SF1; "SF12" is district SF12).
  std::string words[3];
  int n = 0;
  for (size_t i = 0; i < entry.size();) {
    while (i < entry.size() && std::isspace(static_cast<unsigned char>(entry[i]))) ++i;
    if (i == entry.size()) break;
    if (n == 2) return false;
    while (i < entry.size() && !std::isspace(static_cast<unsigned char>(entry[i])))
      words[n] += static_cast<char>(std::toupper(static_cast<unsigned char>(entry[i++])));
    ++n;
  }
  if (n == 0) return false;
  if (n == 2 && words[1].size() == 1 && Digit(words[1][0]) && IsOutward(words[0])) {  // a sector
    listed_.insert(words[0] + " " + words[1]);
    return true;
  }
  if (std::optional<PostcodeParts> p = SplitPostcode(words[0] + words[1])) {  // a postcode
    listed_.insert(p->full);
    return true;
  }
  if (n == 1) {
    bool letters = words[0].size() <= 2;
    for (char ch : words[0]) letters = letters && Alpha(ch);
    if (letters || IsOutward(words[0])) {  // an area or a district
      listed_.insert(words[0]);
      return true;
    }
  }
  return false;
}

std::optional<bool> PostcodeAreas::Contains(std::string_view postcode) const {
  const std::optional<PostcodeParts> p = SplitPostcode(postcode);
  if (!p) return std::nullopt;
  return listed_.count(p->full) || listed_.count(p->sector) || listed_.count(p->district) || listed_.count(p->area);
}

}  // namespace annexa::mapping
