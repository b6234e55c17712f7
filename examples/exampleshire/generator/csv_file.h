// One output table: builds a row field by field, streams rows through a 1 MB
// buffer to `<name>.tmp-gen` and renames it into place on Close(), so a
// half-written file never carries the final name. Field-level data-quality
// defects (documented in examples/exampleshire/README.md) are injected here,
// where every code and date passes, so each table gets them at the same rate
// without the cohort logic having to remember to.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "civil.h"
#include "rng.h"

namespace exampleshire {

enum class Defect {
  kDuplicateRow,      // an exact copy of the previous row
  kDateFormat,        // a date in another format than the column's usual one
  kImpossibleDate,    // e.g. 31/02/2026
  kLowerCase,         // a local code written in lower case
  kTrailingSpace,     // a local code with trailing spaces
  kEndBeforeStart,    // an end date before its start date
  kUnknownCode,       // a local code missing from the documented code list
  kBlankDemographic,  // blank gender or ethnicity
  kMissingPerson,     // rows for a person id that people.csv does not have
  kCount
};
inline constexpr int kDefectKinds = static_cast<int>(Defect::kCount);
const char* DefectName(Defect d);

// Shared by all files: one stream, consumed in write order, so defects do not
// disturb the households' own random streams (the clean data is the same
// with or without --no-defects).
struct DefectSource {
  explicit DefectSource(uint64_t seed, bool on) : rng(seed), enabled(on) {}
  Rng rng;
  bool enabled;
  bool Roll(int per_100k) { return enabled && rng.Per100k(per_100k); }
};

struct CsvOptions {
  DateFormat date_format = DateFormat::kIso;
  bool windows_1252 = false;  // transcode UTF-8 text to Windows-1252 on write
  bool crlf = false;
  bool bom = false;  // UTF-8 byte-order mark, as Excel's "CSV UTF-8" writes
};

class CsvFile {
 public:
  CsvFile(std::string name, std::vector<std::string> header, CsvOptions options, DefectSource* defects);
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile();

  // Creates `<dir>/<name>.tmp-gen` and writes the header; false + message on error.
  bool Open(const std::string& dir, std::string* error);
  // Flushes, closes and renames to `<dir>/<name>`.
  bool Close(std::string* error);

  // Fields, in column order. Text is free text (never altered); Code is a
  // local code or flag (may get a case or trailing-space defect); Date and
  // DateTime write the table's format (kNoDay = blank; may get a format or
  // impossible-date defect).
  CsvFile& Text(std::string_view value);
  CsvFile& Code(std::string_view value);
  CsvFile& Int(int64_t value);
  CsvFile& Blank();
  CsvFile& Date(Day day);
  CsvFile& DateTime(Day day, int seconds_of_day);
  // Ends the row; now and then writes it twice (the duplicate-row defect).
  void EndRow();

  // Records a defect that the generator itself injected into this table.
  void Note(Defect d) { ++defect_counts_[static_cast<size_t>(d)]; }
  bool Roll(int per_100k) { return defects_->Roll(per_100k); }

  const std::string& name() const { return name_; }
  int64_t rows() const { return rows_; }
  int64_t defect_count(Defect d) const { return defect_counts_[static_cast<size_t>(d)]; }

 private:
  void Separator();
  void AppendField(std::string_view value);
  bool Flush();

  std::string name_;
  std::vector<std::string> header_;
  CsvOptions options_;
  DefectSource* defects_;
  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  bool write_failed_ = false;
  std::string row_, buffer_;
  bool first_field_ = true;
  int64_t rows_ = 0;
  std::array<int64_t, kDefectKinds> defect_counts_{};
};

// UTF-8 to Windows-1252; characters outside the code page become '?'.
std::string Utf8ToWindows1252(std::string_view utf8);

}  // namespace exampleshire
