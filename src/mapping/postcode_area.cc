#include "mapping/postcode_area.h"

#include <cctype>

namespace annexa::mapping {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alpha(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

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
  if (n == 2 && words[1].size() == 1 && Digit(words[1][0]) && IsOutwardCode(words[0])) {  // a sector
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
    if (letters || IsOutwardCode(words[0])) {  // an area or a district
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
