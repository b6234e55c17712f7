#include "sources/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/file_util.h"
#include "core/header_row.h"
#include "core/text.h"

namespace annexa::sources {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Windows-1252 0x80-0x9F. The five bytes the code page leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to U+FFFD so that a stray byte is
// visible in the output rather than silently dropped.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88-8F
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98-9F
};

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {  // Windows-1252 never needs four bytes.
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// True when the 8 bytes at p are all ASCII: lets the validator and the
// transcoder skip the (overwhelmingly ASCII) bulk of a file a word at a time.
inline bool EightAscii(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ull) == 0;
}

// Offset of the first byte that does not begin a valid UTF-8 sequence, or
// npos. Same rules as core IsValidUtf8 (shortest form, no surrogates, at most
// U+10FFFF), but it says *where*, which the kUtf8 error message needs.
size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && EightAscii(p + i)) {
      i += 8;
      continue;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + extra >= n) return i;
    for (size_t k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += extra + 1;
  }
  return std::string_view::npos;
}

// The 1-based physical line holding byte `offset`: CRLF, LF and a lone CR
// each end one line, as in the parser.
int64_t LineAt(std::string_view text, size_t offset) {
  int64_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      ++line;
    }
  }
  return line;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Spaces and tabs only: a value's NBSP or embedded line break is data.
std::string_view TrimSpaces(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

void TrimSpacesInPlace(std::string* s) {
  const std::string_view t = TrimSpaces(*s);
  if (t.size() == s->size()) return;
  const size_t b = static_cast<size_t>(t.data() - s->data());
  s->erase(b + t.size());
  s->erase(0, b);
}

std::string Plural(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// One pass over UTF-8 text. Tracks the physical line so that every message
// and every Table::source_rows entry names the line a person sees in an
// editor, even when quoted values span lines.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& origin, const CsvOptions& options)
      : text_(text), origin_(origin), options_(options) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  size_t pos() const { return pos_; }
  int64_t line() const { return line_; }

  // Moves past the current physical line, quotes and all: the lines above
  // header_row are titles and notes, not records.
  void SkipLine() {
    while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    ConsumeLineEnd();
  }

  // Skips lines holding nothing but spaces and tabs.
  void SkipBlankLines() {
    while (pos_ < text_.size()) {
      size_t p = pos_;
      while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
      if (p < text_.size() && text_[p] != '\n' && text_[p] != '\r') return;
      pos_ = p;
      if (!ConsumeLineEnd()) return;  // trailing spaces at the end of the file
    }
  }

  // Parses one record (which may span lines) into `fields`. Precondition:
  // !AtEnd(). `*start_line` receives the line where the record starts.
  // The fields of the record at pos_, as views: into the text, or (quoted
  // fields, which are unescaped) into the parser's own copies, which last
  // until the next call.
  Status ParseRecord(std::vector<std::string_view>* fields, int64_t* start_line) {
    fields->clear();
    quoted_.clear();
    *start_line = line_;
    const char delim = options_.delimiter;
    for (size_t column = 1;; ++column) {
      // A line of nothing but delimiters would otherwise cost a string per
      // byte (a 100 MB line: ~3 GB): stop at the spreadsheet grid's width.
      if (column > options_.max_fields) {
        return LimitExceeded(origin_ + ":" + std::to_string(*start_line) + ": more than " +
                             std::to_string(options_.max_fields) + " fields in one row");
      }
      size_t quote = pos_;
      // With trimming on, `a, "b, c"` is read as a quoted field: exports
      // that put a space after the delimiter mean the quotes to count.
      if (options_.trim) {
        while (quote < text_.size() && (text_[quote] == ' ' || text_[quote] == '\t')) ++quote;
      }
      if (quote < text_.size() && text_[quote] == '"') {
        std::string& value = quoted_.emplace_back();
        ANNEXA_RETURN_IF_ERROR(ParseQuoted(quote, column, *start_line, &value));
        if (options_.trim) TrimSpacesInPlace(&value);
        fields->push_back(value);
      } else {
        const size_t end = ScanUnquoted(pos_);
        ANNEXA_RETURN_IF_ERROR(CheckFieldSize(end - pos_, line_));
        std::string_view value = text_.substr(pos_, end - pos_);
        if (options_.trim) value = TrimSpaces(value);
        fields->emplace_back(value);
        pos_ = end;
      }
      if (pos_ < text_.size() && text_[pos_] == delim) {
        ++pos_;
        continue;
      }
      ConsumeLineEnd();
      return Status::Ok();
    }
  }

 private:
  // Consumes CRLF, LF or a lone CR at pos_; false when there is none.
  bool ConsumeLineEnd() {
    if (pos_ >= text_.size()) return false;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
    } else {
      return false;
    }
    ++line_;
    return true;
  }

  // End of the unquoted run starting at `from`: the next delimiter or line
  // end. Quotes in here are literal (`5" nails`), as Excel reads them.
  size_t ScanUnquoted(size_t from) const {
    const char delim = options_.delimiter;
    const char* p = text_.data() + from;
    const char* const end = text_.data() + text_.size();
    while (p != end && *p != delim && *p != '\n' && *p != '\r') ++p;
    return static_cast<size_t>(p - text_.data());
  }

  Status CheckFieldSize(uint64_t size, int64_t field_line) const {
    if (size <= options_.max_field_bytes) return Status::Ok();
    return LimitExceeded(origin_ + ":" + std::to_string(field_line) + ": field longer than " +
                         std::to_string(options_.max_field_bytes) +
                         " bytes (a missing closing quote?)");
  }

  // Parses the quoted field whose opening quote is at `quote`; leaves pos_
  // at the delimiter or line end that follows it. Line breaks inside the
  // value (CRLF, LF or CR) become "\n", so a cell reads the same whatever
  // platform wrote the file. Spans between quotes and line breaks are copied
  // whole, so a huge value costs one pass, not one append per byte.
  Status ParseQuoted(size_t quote, size_t column, int64_t record_line, std::string* value) {
    const int64_t field_line = line_;
    size_t i = quote + 1;
    const size_t n = text_.size();
    for (;;) {
      size_t j = i;
      while (j < n && text_[j] != '"' && text_[j] != '\n' && text_[j] != '\r') ++j;
      ANNEXA_RETURN_IF_ERROR(CheckFieldSize(value->size() + (j - i), field_line));
      value->append(text_.data() + i, j - i);
      if (j >= n) {
        return ParseError(origin_ + ":" + std::to_string(record_line) +
                          ": unterminated quoted field starting at column " + std::to_string(column));
      }
      if (text_[j] == '"') {
        if (j + 1 < n && text_[j + 1] == '"') {  // "" is one literal quote
          value->push_back('"');
          i = j + 2;
          continue;
        }
        i = j + 1;
        break;
      }
      value->push_back('\n');
      i = j + 1;
      if (text_[j] == '\r' && i < n && text_[i] == '\n') ++i;
      ++line_;
    }
    // Lenient: text between the closing quote and the delimiter, as in
    // `"abc"def`, is appended ("abcdef") rather than rejected. Spreadsheet
    // tools read it that way, and refusing a whole extract for it helps nobody.
    const size_t end = ScanUnquoted(i);
    ANNEXA_RETURN_IF_ERROR(CheckFieldSize(value->size() + (end - i), field_line));
    value->append(text_.data() + i, end - i);
    pos_ = end;
    return Status::Ok();
  }

  std::string_view text_;
  const std::string& origin_;
  const CsvOptions& options_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  std::deque<std::string> quoted_;  // this record's quoted fields, unescaped (a deque: views stay valid)
};

Status CheckHeaders(const std::vector<std::string>& headers, const std::string& origin,
                    int64_t line) {
  const std::string where = origin + ":" + std::to_string(line) + ": ";
  // A record where the header should be (an export without its header row):
  // its values (an id, a name, a date of birth) are never quoted.
  const bool header = LooksLikeHeaderRow(headers);
  std::unordered_map<std::string_view, size_t> seen;
  seen.reserve(headers.size());
  for (size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].empty()) {
      if (!header) return ParseError(where + NotAHeaderMessage(headers));
      return ParseError(where + "column " + std::to_string(i + 1) + " has no header");
    }
    auto [it, inserted] = seen.emplace(headers[i], i + 1);
    if (!inserted) {
      if (!header) return ParseError(where + NotAHeaderMessage(headers));
      return ParseError(where + "duplicate column header '" + headers[i] + "' (columns " +
                        std::to_string(it->second) + " and " + std::to_string(i + 1) + ")");
    }
  }
  return Status::Ok();
}

int64_t CountLines(std::string_view text) {
  if (text.empty()) return 0;
  const char last = text.back();
  return LineAt(text, text.size()) - ((last == '\n' || last == '\r') ? 1 : 0);
}

}  // namespace

std::string Windows1252ToUtf8(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t run = 0;  // start of the pending ASCII run, copied as one span
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && EightAscii(p + i)) {
      i += 8;
      continue;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    out.append(bytes, run, i - run);
    AppendUtf8(c < 0xA0 ? kCp1252High[c - 0x80] : static_cast<char32_t>(c), &out);
    run = ++i;
  }
  out.append(bytes, run, n - run);
  return out;
}

Result<Table> ParseCsv(const std::string& data, const std::string& origin, const CsvOptions& options) {
  if (data.size() > options.max_bytes) {
    return LimitExceeded(origin + ": file is " + std::to_string(data.size()) +
                         " bytes, over the limit of " + std::to_string(options.max_bytes));
  }
  const char delim = options.delimiter;
  if (delim == '"' || delim == '\n' || delim == '\r' || delim == '\0') {
    return InvalidArgument(origin + ": a quote, a line break or NUL cannot be the delimiter");
  }
  if (options.header_row < 1) {
    return InvalidArgument(origin + ": header_row must be 1 or more (got " +
                           std::to_string(options.header_row) + ")");
  }
  // Checked before the NUL scan: UTF-16 text is full of NULs, and "save as
  // UTF-8" is the message that helps ("Unicode Text" in Excel writes UTF-16).
  if (data.size() >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') ||
                           (data[0] == '\xFE' && data[1] == '\xFF'))) {
    return ParseError(origin + ": UTF-16 text is not supported; save as UTF-8 CSV");
  }
  if (const void* nul = std::memchr(data.data(), '\0', data.size())) {
    return ParseError(origin + ": not text (NUL byte at offset " +
                      std::to_string(static_cast<const char*>(nul) - data.data()) + ")");
  }

  std::string_view text(data);
  const bool has_bom = text.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (has_bom) text.remove_prefix(kUtf8Bom.size());

  std::string transcoded;  // owns the text when it is not the input's bytes
  auto transcode = [&] {
    // Without a BOM the text is all of `data`: transcode it without a copy.
    transcoded = has_bom ? Windows1252ToUtf8(std::string(text)) : Windows1252ToUtf8(data);
  };
  if (options.encoding != TextEncoding::kWindows1252) {
    const size_t bad = FindInvalidUtf8(text);
    // A BOM declares UTF-8: a file that carries one yet has invalid bytes is
    // damaged (or mixed), and re-reading it all as Windows-1252 would garble
    // every valid accented letter in it. So kAuto falls back only without one.
    const bool strict = options.encoding == TextEncoding::kUtf8 || has_bom;
    if (bad != std::string_view::npos && strict) {
      // Offsets count from the start of the file (BOM included), as a hex
      // editor shows them.
      return ParseError(origin + ":" + std::to_string(LineAt(text, bad)) +
                        ": invalid UTF-8 at byte offset " +
                        std::to_string(bad + (has_bom ? kUtf8Bom.size() : 0)));
    }
    if (bad != std::string_view::npos) transcode();
  } else {
    transcode();
  }
  if (!transcoded.empty()) text = transcoded;

  Table table;
  table.origin = origin;
  if (IsBlank(text)) return ParseError(origin + ": no header row (the file is empty)");

  CsvParser parser(text, origin, options);
  while (parser.line() < options.header_row && !parser.AtEnd()) parser.SkipLine();
  parser.SkipBlankLines();
  if (parser.AtEnd()) {
    return ParseError(origin + ": no header row at or after line " + std::to_string(options.header_row) +
                      " (the file has " + Plural(static_cast<size_t>(CountLines(text)), "line") + ")");
  }

  int64_t header_line = 0;
  std::vector<std::string_view> fields;
  ANNEXA_RETURN_IF_ERROR(parser.ParseRecord(&fields, &header_line));
  // Header names are always trimmed (NBSP too: it is never meant in a name).
  for (std::string_view h : fields) table.headers.emplace_back(Trim(h));
  ANNEXA_RETURN_IF_ERROR(CheckHeaders(table.headers, origin, header_line));
  const size_t columns = table.headers.size();

  // Reserve once: a record needs at least one line end and, with several
  // columns, a delimiter per column, so neither bound over-reserves wildly;
  // the cells' text is never longer than the rest of the file.
  const std::string_view rest = text.substr(parser.pos());
  const size_t line_ends = static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1;
  const size_t estimate = std::min({line_ends, rest.size() / std::max<size_t>(columns, 2) + 1,
                                    size_t{1} << 24});
  table.Reserve(estimate, rest.size());

  for (;;) {
    parser.SkipBlankLines();
    if (parser.AtEnd()) break;
    int64_t row_line = 0;
    ANNEXA_RETURN_IF_ERROR(parser.ParseRecord(&fields, &row_line));
    if (fields.size() != columns) {
      return ParseError(origin + ":" + std::to_string(row_line) + ": row has " +
                        Plural(fields.size(), "field") + ", the header has " + std::to_string(columns));
    }
    if (!table.AddRow(fields, row_line))
      return LimitExceeded(origin + ":" + std::to_string(row_line) + ": row of 4 GiB or more");
  }
  return table;
}

Result<Table> ReadCsvFile(const std::string& path, const CsvOptions& options) {
  Result<std::string> data = ReadFile(path, options.max_bytes);
  if (!data.ok()) return data.status();
  return ParseCsv(*data, path, options);
}

}  // namespace annexa::sources
