// A source table as read from a council's extract (CSV, XLSX sheet, CIN
// census XML, HTTP report): headers plus rows of text cells, each row
// remembering where it came from. Readers produce Tables; the mapping stage
// consumes them. Cells are text as the source wrote it (trimmed); xlsx date
// cells arrive as ISO "YYYY-MM-DD" text, numbers in shortest form.
//
// The cells are stored flat, not as a string each: a row's texts lie back to
// back in a byte arena, with one 4-byte end offset per cell. A source row
// costs its bytes plus 16 + 4 per column, where a vector of strings cost
// about 300 bytes for a typical 8-column row and an allocation per row and
// per long cell. Measured on Exampleshire: peak memory of `generate` fell
// from 303 to 224 MB at the largest council's scale and from 2.75 to
// 1.94 GB at 10x (bench/README.md).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace annexa {

class Table {
 public:
  std::string name;     // the config's name for it: "referrals"
  std::string origin;   // file path (or URL, or "file.xlsx#Sheet"): for messages and findings
  std::vector<std::string> headers;
  // For each row, its position in the source: the 1-based line where a CSV
  // record starts, the xlsx row number, or the XML element's ordinal.
  std::vector<int64_t> source_rows;
  // For a table whose rows come from several sources (an SQL source's rows
  // keep the origins of the rows they came from): row i came from
  // origins[row_origins[i]]. Both empty when every row comes from `origin`.
  std::vector<std::string> origins;
  std::vector<uint32_t> row_origins;
  const std::string& OriginOf(size_t row) const { return row_origins.empty() ? origin : origins[row_origins[row]]; }

  Table() = default;
  // A copy shares the (never changed) bytes of the rows it holds; rows
  // added to either afterwards go to bytes of their own.
  Table(const Table& other);
  Table& operator=(const Table& other);
  Table(Table&&) noexcept = default;
  Table& operator=(Table&&) noexcept = default;

  size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  // Cells in every row: headers.size() when the first row was added.
  size_t width() const { return width_; }
  // The text of one cell; valid while the table (or a copy of it) lives.
  std::string_view cell(size_t row, size_t col) const {
    const uint32_t* ends = ends_.data() + row * width_;
    const uint32_t begin = col == 0 ? 0 : ends[col - 1];
    return {starts_[row] + begin, ends[col] - begin};
  }
  // A row's cells as strings (for messages and tests).
  std::vector<std::string> Row(size_t row) const;

  // Appends a row of exactly headers.size() cells, copying their text.
  // False (and nothing added) when the count differs or the row's text is
  // 4 GiB or more; readers check both first and report them in their own
  // words.
  bool AddRow(std::span<const std::string_view> cells, int64_t source_row);
  bool AddRow(const std::vector<std::string>& cells, int64_t source_row);
  // Removes the rows whose `drop` is true (drop.size() == size()), keeping
  // the others in order; their text stays where it is (nothing is copied).
  void DropRows(const std::vector<bool>& drop);
  // Room for `rows` rows holding `bytes` of text in all, so a reader that
  // knows its input's size makes one allocation of each.
  void Reserve(size_t rows, size_t bytes);

  // Index of the header equal to `header`, else the first whose MatchForm
  // equals MatchForm(header); -1 when none.
  int ColumnIndex(std::string_view header) const;

 private:
  char* Space(size_t bytes);

  size_t width_ = 0;                   // cells per row: headers.size() when the first row came
  std::vector<const char*> starts_;    // per row: where its text begins
  std::vector<uint32_t> ends_;         // per cell, row-major: end of its text, from the row's start
  std::vector<std::shared_ptr<char[]>> chunks_;  // the arena
  char* free_ = nullptr;               // unused tail of the last chunk (this table's own)
  size_t left_ = 0;
  static constexpr size_t kFirstChunk = size_t{64} << 10;
  size_t next_chunk_ = kFirstChunk;    // size of the next chunk when the text outgrows this one
};

}  // namespace annexa
