#include "core/table.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/text.h"

namespace annexa {

namespace {

// Chunks grow from 64 KiB (kFirstChunk, in the header) to 4 MiB, so a small
// table stays small and a large one makes few allocations (Reserve makes
// one).
constexpr size_t kLargestChunk = size_t{4} << 20;

}  // namespace

Table::Table(const Table& other) { *this = other; }

Table& Table::operator=(const Table& other) {
  if (this == &other) return *this;
  name = other.name;
  origin = other.origin;
  headers = other.headers;
  source_rows = other.source_rows;
  origins = other.origins;
  row_origins = other.row_origins;
  width_ = other.width_;
  starts_ = other.starts_;
  ends_ = other.ends_;
  chunks_ = other.chunks_;
  next_chunk_ = other.next_chunk_;
  // The other table may still write into its last chunk's tail: this one
  // never does.
  free_ = nullptr;
  left_ = 0;
  return *this;
}

std::vector<std::string> Table::Row(size_t row) const {
  std::vector<std::string> out;
  out.reserve(width_);
  for (size_t c = 0; c < width_; ++c) out.emplace_back(cell(row, c));
  return out;
}

char* Table::Space(size_t bytes) {
  if (bytes > left_) {
    const size_t size = std::max(bytes, next_chunk_);
    next_chunk_ = std::min(kLargestChunk, next_chunk_ * 2);
    chunks_.emplace_back(new char[size]);
    free_ = chunks_.back().get();
    left_ = size;
  }
  char* at = free_;
  free_ += bytes;
  left_ -= bytes;
  return at;
}

bool Table::AddRow(std::span<const std::string_view> cells, int64_t source_row) {
  if (starts_.empty()) width_ = headers.size();
  if (cells.size() != width_) return false;
  size_t bytes = 0;
  for (std::string_view c : cells) bytes += c.size();
  if (bytes > std::numeric_limits<uint32_t>::max()) return false;
  char* at = Space(bytes);
  starts_.push_back(at);
  uint32_t end = 0;
  for (std::string_view c : cells) {
    if (!c.empty()) std::memcpy(at + end, c.data(), c.size());
    end += static_cast<uint32_t>(c.size());
    ends_.push_back(end);
  }
  source_rows.push_back(source_row);
  return true;
}

bool Table::AddRow(const std::vector<std::string>& cells, int64_t source_row) {
  std::vector<std::string_view> views(cells.begin(), cells.end());
  return AddRow(views, source_row);
}

void Table::DropRows(const std::vector<bool>& drop) {
  size_t kept = 0;
  for (size_t r = 0; r < starts_.size(); ++r) {
    if (drop[r]) continue;
    if (kept != r) {
      starts_[kept] = starts_[r];
      source_rows[kept] = source_rows[r];
      if (!row_origins.empty()) row_origins[kept] = row_origins[r];
      std::copy_n(ends_.begin() + static_cast<std::ptrdiff_t>(r * width_), width_,
                  ends_.begin() + static_cast<std::ptrdiff_t>(kept * width_));
    }
    ++kept;
  }
  starts_.resize(kept);
  source_rows.resize(kept);
  if (!row_origins.empty()) row_origins.resize(kept);
  ends_.resize(kept * width_);
}

void Table::Reserve(size_t rows, size_t bytes) {
  starts_.reserve(rows);
  source_rows.reserve(rows);
  ends_.reserve(rows * headers.size());
  if (bytes > left_) {
    chunks_.emplace_back(new char[bytes]);
    free_ = chunks_.back().get();
    left_ = bytes;
  }
}

int Table::ColumnIndex(std::string_view header) const {
  for (size_t i = 0; i < headers.size(); ++i)
    if (headers[i] == header) return static_cast<int>(i);
  const std::string form = MatchForm(header);
  for (size_t i = 0; i < headers.size(); ++i)
    if (MatchForm(headers[i]) == form) return static_cast<int>(i);
  return -1;
}

}  // namespace annexa
