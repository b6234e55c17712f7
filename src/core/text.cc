#include "core/text.h"

#include <algorithm>
#include <cstdio>

#include <cstdint>

namespace annexa {

namespace {
bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { *len = 1; return true; }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;  // U+00A0 no-break space
    return true;
  }
  return false;
}
}  // namespace

std::string_view Trim(std::string_view s) {
  size_t len = 0;
  while (!s.empty() && IsSpaceAt(s, 0, &len)) s.remove_prefix(len);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
               static_cast<unsigned char>(s.back()) == 0xA0) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string MatchForm(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsSpaceAt(s, i, &len)) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    char folded = 0;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const unsigned char c3 = static_cast<unsigned char>(s[i + 2]);
      if (c3 == 0x98 || c3 == 0x99) folded = '\'';       // ‘ ’
      else if (c3 == 0x9C || c3 == 0x9D) folded = '"';   // “ ”
      else if (c3 == 0x93 || c3 == 0x94) folded = '-';   // – —
      if (folded) len = 3;
    }
    if (!folded && c == '`') { folded = '\''; len = 1; }
    if (pending_space) { out += ' '; pending_space = false; }
    if (folded) {
      out += folded;
      i += len;
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    ++i;
  }
  while (!out.empty() && (out.back() == '?' || out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string LooseForm(std::string_view s) {
  std::string out;
  for (char c : MatchForm(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::string Pad(std::string s, size_t width, bool right_align) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars >= width) return s;
  const std::string fill(width - chars, ' ');
  return right_align ? fill + s : s + fill;
}

namespace {

// A whole cell that is a plain decimal number ("-1", "-0.5"): a spreadsheet
// reads it as that number and nothing else, so it is left numeric.
bool IsPlainNumber(std::string_view v) {
  if (v.starts_with('-')) v.remove_prefix(1);
  const size_t point = v.find('.');
  const std::string_view whole = v.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : v.substr(point + 1);
  auto digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(whole) && (point == std::string_view::npos || digits(fraction));
}

}  // namespace

bool CsvFormulaLike(std::string_view v) {
  return !v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos && !IsPlainNumber(v);
}

std::string CsvField(std::string_view v) {
  const bool neutralise = CsvFormulaLike(v);
  if (!neutralise && v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = neutralise ? "\"'" : "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void AppendCsvField(std::string* out, std::string_view v, bool last) {
  *out += CsvField(v);
  *out += last ? "\r\n" : ",";
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string ColumnLetters(int col) {
  std::string out;
  while (col > 0) {
    const int rem = (col - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    col = (col - 1) / 26;
  }
  return out;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string SourceFileName(std::string_view source) {
  if (source.find("://") != std::string_view::npos) return std::string(source);
  const size_t slash = source.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? source : source.substr(slash + 1));
}

}  // namespace annexa
