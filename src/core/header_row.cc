#include "core/header_row.h"

#include <algorithm>

#include "core/date_format.h"
#include "core/text.h"

namespace annexa {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Digits, optionally one decimal point and a leading '-'; or groups of
// digits split by single spaces or hyphens ("943 476 5919", "0161-123-4567").
bool IsNumber(std::string_view v) {
  if (v.starts_with('-')) v.remove_prefix(1);
  if (v.empty() || !IsDigit(v.front()) || !IsDigit(v.back())) return false;
  size_t points = 0, separators = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (IsDigit(c)) continue;
    if (c == '.') ++points;
    else if (c == ' ' || c == '-') ++separators;
    else return false;
    if (!IsDigit(v[i - 1])) return false;  // never two separators in a row
  }
  return points == 0 ? true : separators == 0 && points == 1;
}

// Up to three letters, then three or more digits: "C1234", "ID00042".
bool IsId(std::string_view v) {
  size_t letters = 0;
  while (letters < v.size() && IsLetter(v[letters])) ++letters;
  if (letters > 3 || v.size() - letters < 3) return false;
  return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(letters), v.end(), IsDigit);
}

// A UK postcode: outward code (A9, A99, AA9, AA99, A9A, AA9A), an optional
// space, inward code (9AA).
bool IsPostcode(std::string_view v) {
  std::string s;
  for (char c : v)
    if (c != ' ') s += c;
  if (s.size() < 5 || s.size() > 7) return false;
  const std::string_view in = std::string_view(s).substr(s.size() - 3);
  if (!IsDigit(in[0]) || !IsLetter(in[1]) || !IsLetter(in[2])) return false;
  const std::string_view out = std::string_view(s).substr(0, s.size() - 3);
  size_t i = 0;
  while (i < out.size() && i < 2 && IsLetter(out[i])) ++i;
  if (i == 0 || i == out.size() || !IsDigit(out[i])) return false;
  ++i;
  if (i < out.size() && (IsDigit(out[i]) || IsLetter(out[i]))) ++i;
  return i == out.size();
}

bool IsEmail(std::string_view v) {
  const size_t at = v.find('@');
  return at != std::string_view::npos && at > 0 && v.find('.', at) != std::string_view::npos &&
         v.find(' ') == std::string_view::npos;
}

// "1", "1 and 4", "1, 2 and 4"; after six, "and N more".
std::string Positions(const std::vector<size_t>& cols) {
  std::vector<std::string> shown;
  for (size_t i = 0; i < cols.size() && i < 6; ++i) shown.push_back(std::to_string(cols[i]));
  if (cols.size() > shown.size()) return Join(shown, ", ") + " and " + std::to_string(cols.size() - shown.size()) + " more";
  if (shown.size() == 1) return shown[0];
  const std::string last = shown.back();
  shown.pop_back();
  return Join(shown, ", ") + " and " + last;
}

}  // namespace

std::string_view DataLikeKind(std::string_view cell) {
  const std::string_view v = Trim(cell);
  if (v.empty()) return "";
  // Dates first: "2010-11-23" is also digits split by hyphens.
  if (ParseDate(v, DefaultDateFormats())) return "a date";
  if (IsNumber(v)) return "a number";
  if (IsId(v)) return "an id";
  if (IsPostcode(v)) return "a postcode";
  if (IsEmail(v)) return "an email address";
  return "";
}

bool LooksLikeHeaderRow(const std::vector<std::string>& headers) {
  return std::none_of(headers.begin(), headers.end(), [](const std::string& h) { return !DataLikeKind(h).empty(); });
}

std::string NotAHeaderMessage(const std::vector<std::string>& headers, const std::vector<std::string>& expected) {
  std::vector<std::string> parts;
  if (!expected.empty()) {
    Table probe;
    probe.headers = headers;
    std::vector<std::string> missing;
    for (const std::string& e : expected)
      if (probe.ColumnIndex(e) < 0 && std::find(missing.begin(), missing.end(), e) == missing.end()) missing.push_back(e);
    std::vector<std::string> distinct;
    for (const std::string& e : expected)
      if (std::find(distinct.begin(), distinct.end(), e) == distinct.end()) distinct.push_back(e);
    std::string found = std::to_string(distinct.size() - missing.size()) + " of " + std::to_string(distinct.size()) +
                        (distinct.size() == 1 ? " expected column found" : " expected columns found");
    if (!missing.empty()) found += " (" + std::string(missing.size() > 1 ? "e.g. " : "") + "'" + missing[0] + "' missing)";
    parts.push_back(found);
  }
  std::vector<size_t> cols;
  std::vector<std::string> kinds;
  for (size_t i = 0; i < headers.size(); ++i) {
    const std::string_view kind = DataLikeKind(headers[i]);
    if (kind.empty()) continue;
    cols.push_back(i + 1);
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.emplace_back(kind);
  }
  if (!cols.empty())
    parts.push_back((cols.size() == 1 ? "column " : "columns ") + Positions(cols) +
                    (cols.size() == 1 ? " holds " : " hold ") + "what looks like data (" + Join(kinds, ", ") + ")");
  return "the header row does not look like headers" + (parts.empty() ? std::string() : ": " + Join(parts, ", ")) +
         "; was the file exported without its header row?";
}

std::string DescribeColumns(const Table& t, const std::vector<std::string>& expected) {
  bool header = LooksLikeHeaderRow(t.headers);
  if (header && expected.size() >= 2 && !t.headers.empty())
    header = std::any_of(expected.begin(), expected.end(), [&](const std::string& e) { return t.ColumnIndex(e) >= 0; });
  if (!header) return NotAHeaderMessage(t.headers, expected);
  const size_t n = std::min<size_t>(t.headers.size(), 25);
  std::vector<std::string> heads(t.headers.begin(), t.headers.begin() + static_cast<std::ptrdiff_t>(n));
  return "its columns: " + Join(heads, ", ") + (t.headers.size() > n ? ", ..." : "");
}

}  // namespace annexa
