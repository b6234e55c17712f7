// Read-only access to zip archives (the container of every .xlsx file).
// The one adapter for libzip: no other file includes <zip.h>.
//
// Defends against hostile archives: entries are read with caps on the
// decompressed size of one entry, of all entries read, and on the number of
// entries, so a zip bomb fails with kLimitExceeded instead of exhausting
// memory.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace annexa::sources {

struct ZipLimits {
  uint64_t max_entry_bytes = 1ull << 30;        // 1 GiB decompressed per entry
  uint64_t max_total_bytes = 4ull << 30;        // 4 GiB decompressed in all
  uint64_t max_entries = 10000;                 // parts in the archive
};

class ZipArchive {
 public:
  // Opens `path`; kNotFound, kIoError, or kParseError ("not a zip archive").
  // `display_name` is used in messages (defaults to path).
  static Result<ZipArchive> Open(const std::string& path, ZipLimits limits = {});
  // Opens an archive held in memory (the bytes are copied and owned).
  static Result<ZipArchive> FromBuffer(std::string bytes, std::string display_name,
                                       ZipLimits limits = {});

  // A second handle on the same archive, for reading it on another thread
  // (one handle must not be used by two threads at once). The caps on bytes
  // read are shared: both handles count into one total. A handle made from
  // a buffer shares the buffer. Errors as for Open.
  Result<ZipArchive> OpenAgain() const;

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  const std::string& name() const;
  std::vector<std::string> EntryNames() const;
  bool Has(const std::string& entry) const;
  // The decompressed bytes of `entry`: kNotFound, kParseError (corrupt),
  // or kLimitExceeded when a ZipLimits cap would be crossed.
  Result<std::string> Read(const std::string& entry);
  // Read a piece at a time: `sink` gets consecutive pieces of the entry's
  // decompressed bytes, under the same caps, so a large part (a 100 MB sheet)
  // need not be held whole. An error from `sink` stops the read and is
  // returned.
  using PieceSink = std::function<Status(std::string_view piece)>;
  Status ReadInPieces(const std::string& entry, const PieceSink& sink);
  // The decompressed size the entry's header declares (0 when absent): a
  // hint for reserving memory, never trusted (the reads count real bytes).
  uint64_t DeclaredSize(const std::string& entry) const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::sources
