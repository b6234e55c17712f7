#include "csv_file.h"

#include <charconv>
#include <cstdio>
#include <utility>

namespace exampleshire {

namespace {

// Rates per 100,000 fields (or rows). Together they touch roughly 1-3% of
// rows, the share a real case-management export tends to have.
constexpr int kDuplicateRowRate = 300;
constexpr int kDateFormatRate = 120;
constexpr int kImpossibleDateRate = 40;
constexpr int kLowerCaseRate = 200;
constexpr int kTrailingSpaceRate = 200;

constexpr size_t kFlushAt = 1 << 20;

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// A date that cannot exist but looks like the real one: the 31st of a short
// month (or 30/31 February), so only a calendar check catches it.
Ymd Impossible(Ymd real) {
  static constexpr int kShortMonthFor[] = {2, 2, 4, 4, 6, 6, 9, 9, 9, 11, 11, 11};
  Ymd bad = real;
  if (DaysInMonth(real.y, real.m) < 31) {
    bad.d = 31;
  } else {
    bad.m = kShortMonthFor[real.m - 1];
    bad.d = 31;
  }
  if (bad.m == 2) bad.d = 30 + (real.d % 2);
  return bad;
}

}  // namespace

const char* DefectName(Defect d) {
  switch (d) {
    case Defect::kDuplicateRow:
      return "duplicate-row";
    case Defect::kDateFormat:
      return "date-format";
    case Defect::kImpossibleDate:
      return "impossible-date";
    case Defect::kLowerCase:
      return "lower-case";
    case Defect::kTrailingSpace:
      return "trailing-space";
    case Defect::kEndBeforeStart:
      return "end-before-start";
    case Defect::kUnknownCode:
      return "unknown-code";
    case Defect::kBlankDemographic:
      return "blank-demographic";
    case Defect::kMissingPerson:
      return "missing-person";
    case Defect::kCount:
      break;
  }
  return "?";
}

CsvFile::CsvFile(std::string name, std::vector<std::string> header, CsvOptions options, DefectSource* defects)
    : name_(std::move(name)), header_(std::move(header)), options_(options), defects_(defects) {}

CsvFile::~CsvFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

bool CsvFile::Open(const std::string& dir, std::string* error) {
  path_ = dir + "/" + name_;
  temp_path_ = path_ + ".tmp-gen";
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    *error = "cannot create " + temp_path_;
    return false;
  }
  buffer_.reserve(kFlushAt + 4096);
  if (options_.bom) buffer_.append("\xEF\xBB\xBF");
  for (const std::string& column : header_) Text(column);
  // The header is not a data row: no duplicate, not counted.
  row_.append(options_.crlf ? "\r\n" : "\n");
  buffer_.append(row_);
  row_.clear();
  first_field_ = true;
  return true;
}

bool CsvFile::Flush() {
  if (buffer_.empty()) return true;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) write_failed_ = true;
  buffer_.clear();
  return !write_failed_;
}

bool CsvFile::Close(std::string* error) {
  Flush();
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (write_failed_ || !closed) {
    std::remove(temp_path_.c_str());
    *error = "write failed: " + temp_path_;
    return false;
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_path_.c_str());
    *error = "cannot rename " + temp_path_ + " to " + path_;
    return false;
  }
  return true;
}

void CsvFile::Separator() {
  if (!first_field_) row_.push_back(',');
  first_field_ = false;
}

void CsvFile::AppendField(std::string_view value) {
  Separator();
  bool quote = false;
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    row_.append(value);
    return;
  }
  row_.push_back('"');
  for (char c : value) {
    if (c == '"') row_.push_back('"');
    row_.push_back(c);
  }
  row_.push_back('"');
}

CsvFile& CsvFile::Text(std::string_view value) {
  AppendField(value);
  return *this;
}

CsvFile& CsvFile::Code(std::string_view value) {
  if (value.empty()) return Blank();
  if (HasUpper(value) && defects_->Roll(kLowerCaseRate)) {
    std::string lower(value);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    Note(Defect::kLowerCase);
    AppendField(lower);
    return *this;
  }
  if (defects_->Roll(kTrailingSpaceRate)) {
    std::string padded(value);
    padded.append(1 + defects_->rng.Below(3), ' ');
    Note(Defect::kTrailingSpace);
    AppendField(padded);
    return *this;
  }
  AppendField(value);
  return *this;
}

CsvFile& CsvFile::Int(int64_t value) {
  Separator();
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  row_.append(buf, result.ptr);
  return *this;
}

CsvFile& CsvFile::Blank() {
  Separator();
  return *this;
}

CsvFile& CsvFile::Date(Day day) { return DateTime(day, 0); }

CsvFile& CsvFile::DateTime(Day day, int seconds_of_day) {
  if (day == kNoDay) return Blank();
  Separator();
  Ymd ymd = YmdFromDay(day);
  DateFormat format = options_.date_format;
  if (defects_->Roll(kImpossibleDateRate)) {
    ymd = Impossible(ymd);
    Note(Defect::kImpossibleDate);
  } else if (defects_->Roll(kDateFormatRate)) {
    // The usual slip: a UK date in an ISO column and vice versa.
    format = format == DateFormat::kUk ? DateFormat::kIso : DateFormat::kUk;
    Note(Defect::kDateFormat);
  }
  AppendYmd(&row_, ymd, format, seconds_of_day);
  return *this;
}

void CsvFile::EndRow() {
  row_.append(options_.crlf ? "\r\n" : "\n");
  const std::string& bytes = options_.windows_1252 ? (row_ = Utf8ToWindows1252(row_)) : row_;
  buffer_.append(bytes);
  ++rows_;
  if (defects_->Roll(kDuplicateRowRate)) {
    buffer_.append(bytes);
    ++rows_;
    Note(Defect::kDuplicateRow);
  }
  row_.clear();
  first_field_ = true;
  if (buffer_.size() >= kFlushAt) Flush();
}

std::string Utf8ToWindows1252(std::string_view utf8) {
  // The code page's 0x80-0x9F block; everything else in U+00A0-U+00FF maps to itself.
  static constexpr struct {
    char32_t code_point;
    unsigned char byte;
  } kHigh[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87},
      {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91},
      {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98},
      {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F},
  };
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += len;
    char mapped = '?';
    if (cp >= 0xA0 && cp <= 0xFF) {
      mapped = static_cast<char>(cp);
    } else {
      for (const auto& h : kHigh) {
        if (h.code_point == cp) mapped = static_cast<char>(h.byte);
      }
    }
    out.push_back(mapped);
  }
  return out;
}

}  // namespace exampleshire
