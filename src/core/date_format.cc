#include "core/date_format.h"

#include <charconv>
#include <cmath>

#include "core/text.h"

namespace annexa {

namespace {

constexpr const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"};

enum class Token { kDD, kD, kMM, kM, kMon, kMonth, kYYYY, kLiteral };

struct Piece {
  Token token;
  char literal = 0;
};

// Splits a format into tokens; empty on an unknown letter.
std::vector<Piece> Compile(std::string_view f) {
  std::vector<Piece> out;
  for (size_t i = 0; i < f.size();) {
    auto take = [&](std::string_view word, Token t) {
      if (f.substr(i, word.size()) != word) return false;
      out.push_back({t});
      i += word.size();
      return true;
    };
    if (take("YYYY", Token::kYYYY) || take("Month", Token::kMonth) || take("Mon", Token::kMon) ||
        take("DD", Token::kDD) || take("MM", Token::kMM) || take("D", Token::kD) || take("M", Token::kM))
      continue;
    const char c = f[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return {};
    out.push_back({Token::kLiteral, c});
    ++i;
  }
  return out;
}

bool Digits(std::string_view s, size_t& pos, size_t min, size_t max, int& out) {
  size_t n = 0;
  while (pos + n < s.size() && n < max && s[pos + n] >= '0' && s[pos + n] <= '9') ++n;
  if (n < min) return false;
  std::from_chars(s.data() + pos, s.data() + pos + n, out);
  pos += n;
  return true;
}

// ASCII case-insensitive `text == lower`, without building a lowered copy.
bool LowerEquals(std::string_view text, std::string_view lower) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i]) return false;
  }
  return true;
}

bool MonthName(std::string_view s, size_t& pos, bool full, int& out) {
  for (int m = 0; m < 12; ++m) {
    std::string_view name = kMonths[m];
    if (!full) name = name.substr(0, 3);
    if (s.size() - pos >= name.size() && LowerEquals(s.substr(pos, name.size()), name)) {
      // "Sept" is common for September.
      pos += name.size();
      if (!full && m == 8 && pos < s.size() && (s[pos] == 't' || s[pos] == 'T')) ++pos;
      out = m + 1;
      return true;
    }
  }
  return false;
}

// What may follow a date: nothing, or a time part.
bool TimeTail(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != ' ' && rest[0] != 'T') return false;
  for (char c : rest.substr(1))
    if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == ' ' || c == 'Z' || c == '+' || c == '-' ||
          c == 'A' || c == 'P' || c == 'M' || c == 'a' || c == 'p' || c == 'm'))
      return false;
  return true;
}

// Matches `s` against `format` token by token as the format is read, so a
// date costs no allocation (this runs for every date cell of every source
// row). Same answers as compiling the format first: an unknown letter and a
// mismatch both mean no match.
std::optional<CivilDate> ParseOne(std::string_view s, std::string_view format) {
  if (format == "serial") {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return CivilDate::FromExcelSerial(v);
  }
  if (format.empty()) return std::nullopt;
  int y = -1, m = -1, d = -1;
  size_t pos = 0;
  for (size_t i = 0; i < format.size();) {
    Piece p{Token::kLiteral};
    auto take = [&](std::string_view word, Token t) {
      if (format.substr(i, word.size()) != word) return false;
      p.token = t;
      i += word.size();
      return true;
    };
    if (!(take("YYYY", Token::kYYYY) || take("Month", Token::kMonth) || take("Mon", Token::kMon) ||
          take("DD", Token::kDD) || take("MM", Token::kMM) || take("D", Token::kD) || take("M", Token::kM))) {
      const char c = format[i];
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return std::nullopt;
      p.literal = c;
      ++i;
    }
    bool matched = true;
    switch (p.token) {
      case Token::kDD: matched = Digits(s, pos, 2, 2, d); break;
      case Token::kD: matched = Digits(s, pos, 1, 2, d); break;
      case Token::kMM: matched = Digits(s, pos, 2, 2, m); break;
      case Token::kM: matched = Digits(s, pos, 1, 2, m); break;
      case Token::kYYYY: matched = Digits(s, pos, 4, 4, y); break;
      case Token::kMon: matched = MonthName(s, pos, false, m); break;
      case Token::kMonth: matched = MonthName(s, pos, true, m); break;
      case Token::kLiteral: matched = pos < s.size() && s[pos] == p.literal; ++pos; break;
    }
    if (!matched) return std::nullopt;
  }
  if (y < 0 || m < 0 || d < 0 || !TimeTail(s.substr(pos))) return std::nullopt;
  return CivilDate::FromYmd(y, m, d);
}

}  // namespace

const std::vector<std::string>& DefaultDateFormats() {
  static const std::vector<std::string> kDefaults = {"YYYY-MM-DD", "DD/MM/YYYY", "D/M/YYYY", "DD-MM-YYYY",
                                                     "DD.MM.YYYY", "DD-Mon-YYYY", "DD Mon YYYY",
                                                     "D Month YYYY", "YYYYMMDD"};
  return kDefaults;
}

bool IsValidDateFormat(std::string_view format) {
  if (format == "serial") return true;
  const std::vector<Piece> pieces = Compile(format);
  bool y = false, m = false, d = false;
  for (const Piece& p : pieces) {
    y |= p.token == Token::kYYYY;
    m |= p.token == Token::kMM || p.token == Token::kM || p.token == Token::kMon || p.token == Token::kMonth;
    d |= p.token == Token::kDD || p.token == Token::kD;
  }
  return y && m && d;
}

std::optional<CivilDate> ParseDate(std::string_view text, const std::vector<std::string>& formats) {
  const std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  for (const std::string& f : formats)
    if (auto d = ParseOne(s, f)) return d;
  return std::nullopt;
}

}  // namespace annexa
