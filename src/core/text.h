// Small string helpers shared by every stage: trimming, case folding and the
// tolerant form used to match headers and code values (Ofsted's curly quotes,
// trailing spaces and case differences must not stop a match).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace annexa {

std::string_view Trim(std::string_view s);          // spaces, tabs, CR, LF, NBSP
std::string AsciiLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// The tolerant match form of a header or code: lower case; curly quotes
// (‘ ’ “ ”) and backticks folded to straight ones; dashes (– —) to '-';
// runs of white space (including NBSP) collapsed to one space; leading and
// trailing spaces and a trailing '?' or '.' removed.
// "Date Ceased to be Looked After " and "date ceased to be looked after"
// have the same match form.
std::string MatchForm(std::string_view s);

// Letters and digits of MatchForm(s) only: for spellings that differ from
// Ofsted's by punctuation alone ("b) PR1 - Own provision" for
// "b) PR1: Own provision", "(Y/N))" for "(Y/N)").
std::string LooseForm(std::string_view s);

// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// `v` with `decimals` digits after the point: Fixed(94.44, 1) == "94.4".
std::string Fixed(double v, int decimals);

// `s` padded with spaces to `width` characters (UTF-8 aware), on the right
// or, with `right_align`, on the left; never cut.
std::string Pad(std::string s, size_t width, bool right_align = false);

// `s` as a JSON string literal, quotes included (control characters as \u00XX).
std::string JsonString(std::string_view s);

// True when a spreadsheet opening a CSV could read `v` as a formula: it
// begins with '=', '+', '-', '@', a tab or a CR (OWASP's list), and is not
// a plain decimal number such as "-1" (docs/config.md, "CSV files annexa
// writes").
bool CsvFormulaLike(std::string_view v);

// `v` as one RFC 4180 CSV field: quoted (quotes doubled) when it holds a
// comma, quote or line break; when CsvFormulaLike(v), quoted and prefixed
// with an apostrophe so that no spreadsheet runs it ("=1+1" -> "\"'=1+1\"");
// else as is. Every CSV annexa writes goes through this.
std::string CsvField(std::string_view v);

// Appends CsvField(v) and then "," or, when `last`, CRLF.
void AppendCsvField(std::string* out, std::string_view v, bool last = false);

// Excel column letters: 1 -> "A", 27 -> "AA". Precondition: col >= 1.
std::string ColumnLetters(int col);

// A source as the QA workbook and finding identities name it: a file by its
// name ("/data/2026-11/people.csv" -> "people.csv", '/' or '\\'), so that
// neither depends on the folder it was read from; a URL whole.
std::string SourceFileName(std::string_view source);

}  // namespace annexa
