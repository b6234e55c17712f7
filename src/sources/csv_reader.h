// Reads delimited text (CSV) exports into a Table: RFC 4180 quoting (quoted
// fields may hold delimiters, doubled quotes and line breaks), UTF-8 with or
// without a byte-order mark, Windows-1252 transcoded to UTF-8, CRLF or LF
// line ends, a chosen delimiter, a header row, values trimmed.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/table.h"

namespace annexa::sources {

enum class TextEncoding { kAuto, kUtf8, kWindows1252 };

struct CsvOptions {
  char delimiter = ',';
  TextEncoding encoding = TextEncoding::kAuto;  // auto: UTF-8 if valid, else Windows-1252
  int header_row = 1;       // 1-based line holding the headers (rows above are skipped)
  bool trim = true;         // trim spaces/tabs around unquoted and quoted values
  uint64_t max_bytes = 2ull << 30;
  uint64_t max_field_bytes = 1 << 20;  // one field over this is an error (a runaway quote)
  size_t max_fields = 16384;           // fields in one row (Excel's column limit)
};

// Parses `data` (the file's bytes). `origin` names it in messages and in
// Table::origin. Errors are kParseError naming origin, line and column:
//   "<origin>:<line>: unterminated quoted field starting at column 3"
//   "<origin>:<line>: row has 5 fields, the header has 4"
//   "<origin>: no header row (the file is empty)"
//   "<origin>: not text (NUL byte at offset 17)"
//   "<origin>:<line>: more than 16384 fields in one row" (kLimitExceeded)
// Rows with fewer fields than the header are errors too; blank lines are
// skipped (and not counted as rows). Duplicate or blank header names are errors.
Result<Table> ParseCsv(const std::string& data, const std::string& origin, const CsvOptions& options = {});

// Reads and parses a file.
Result<Table> ReadCsvFile(const std::string& path, const CsvOptions& options = {});

// Windows-1252 bytes to UTF-8 (0x80-0x9F mapped per the code page;
// undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D become U+FFFD).
std::string Windows1252ToUtf8(const std::string& bytes);

}  // namespace annexa::sources
