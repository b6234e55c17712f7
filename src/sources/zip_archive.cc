// The libzip adapter. Archives are opened read-only; every handle is owned
// by a unique_ptr with the matching libzip release function, so no error
// path leaks. Sizes recorded in zip headers are attacker-controlled, so the
// ZipLimits caps are checked against the header first (cheap refusal) and
// again against the bytes actually inflated (the header can lie).
#include "sources/zip_archive.h"

#include <algorithm>
#include <utility>

#include <zip.h>

#include "core/file_util.h"

namespace annexa::sources {

namespace {

struct ArchiveCloser {
  // Read-only archives have nothing to write back: discard, never close.
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct EntryCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct SourceFreer {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveCloser>;
using EntryPtr = std::unique_ptr<zip_file_t, EntryCloser>;
using SourcePtr = std::unique_ptr<zip_source_t, SourceFreer>;

// Owns a zip_error_t so its message buffer is released.
class ZipError {
 public:
  ZipError() { zip_error_init(&error_); }
  explicit ZipError(int code) { zip_error_init_with_code(&error_, code); }
  ~ZipError() { zip_error_fini(&error_); }
  ZipError(const ZipError&) = delete;
  ZipError& operator=(const ZipError&) = delete;

  zip_error_t* get() { return &error_; }
  int code() { return zip_error_code_zip(&error_); }
  std::string what() { return zip_error_strerror(&error_); }

 private:
  zip_error_t error_;
};

// Maps a failure to open an archive onto our status codes.
Status OpenFailure(const std::string& name, ZipError& error) {
  switch (error.code()) {
    case ZIP_ER_NOENT:
      return NotFound(name + ": no such file");
    case ZIP_ER_NOZIP:
    case ZIP_ER_INCONS:
    case ZIP_ER_COMPNOTSUPP:
    case ZIP_ER_MULTIDISK:
      return ParseError(name + ": not a zip archive");
    case ZIP_ER_MEMORY:
      return LimitExceeded(name + ": out of memory opening the archive");
    default:
      return IoError(name + ": cannot open (" + error.what() + ")");
  }
}

constexpr size_t kChunk = 64 * 1024;

}  // namespace

struct ZipArchive::Impl {
  std::string name;
  std::string path;  // Open's; empty for FromBuffer
  ZipLimits limits;
  // FromBuffer's bytes: libzip reads them in place, so they live as long as
  // the archive and any other handle on it (OpenAgain).
  std::shared_ptr<const std::string> bytes;
  ArchivePtr archive;
  // Decompressed bytes handed out so far, by this handle and every other
  // handle on the archive (OpenAgain).
  std::shared_ptr<std::atomic<uint64_t>> total_read = std::make_shared<std::atomic<uint64_t>>(0);

  // Completes an open: the entry-count cap applies before anything is read.
  static Result<ZipArchive> Finish(std::unique_ptr<Impl> impl) {
    zip_int64_t count = zip_get_num_entries(impl->archive.get(), 0);
    if (count < 0) return ParseError(impl->name + ": not a zip archive");
    if (static_cast<uint64_t>(count) > impl->limits.max_entries) {
      return LimitExceeded(impl->name + ": " + std::to_string(count) +
                           " entries exceed the limit of " +
                           std::to_string(impl->limits.max_entries));
    }
    return ZipArchive(std::move(impl));
  }

  // Opens the archive held in impl->bytes.
  static Result<ZipArchive> OpenBytes(std::unique_ptr<Impl> impl) {
    if (impl->bytes->empty()) return ParseError(impl->name + ": not a zip archive");
    ZipError error;
    SourcePtr source(zip_source_buffer_create(impl->bytes->data(), impl->bytes->size(),
                                              /*freep=*/0, error.get()));
    if (!source) return OpenFailure(impl->name, error);
    impl->archive.reset(zip_open_from_source(source.get(), ZIP_RDONLY, error.get()));
    if (!impl->archive) return OpenFailure(impl->name, error);
    source.release();  // now owned by the archive
    return Finish(std::move(impl));
  }
};


Result<ZipArchive> ZipArchive::Open(const std::string& path, ZipLimits limits) {
  auto impl = std::make_unique<Impl>();
  impl->name = path;
  impl->path = path;
  impl->limits = limits;
  // libzip opens the path itself: refuse a FIFO or a device first.
  if (Status regular = CheckRegularFile(path); !regular.ok()) return regular;
  int code = 0;
  // No ZIP_CHECKCONS: its strict local-header comparison can refuse archives
  // other readers accept; libzip still checks each entry's CRC as it is read.
  impl->archive.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!impl->archive) {
    ZipError error(code);
    return OpenFailure(impl->name, error);
  }
  return Impl::Finish(std::move(impl));
}

Result<ZipArchive> ZipArchive::FromBuffer(std::string bytes, std::string display_name,
                                          ZipLimits limits) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(display_name);
  impl->limits = limits;
  impl->bytes = std::make_shared<const std::string>(std::move(bytes));
  return Impl::OpenBytes(std::move(impl));
}

Result<ZipArchive> ZipArchive::OpenAgain() const {
  Result<ZipArchive> again = [this]() -> Result<ZipArchive> {
    if (!impl_->bytes) return Open(impl_->path, impl_->limits);
    auto impl = std::make_unique<Impl>();
    impl->name = impl_->name;
    impl->limits = impl_->limits;
    impl->bytes = impl_->bytes;
    return Impl::OpenBytes(std::move(impl));
  }();
  if (!again.ok()) return again.status();
  again->impl_->name = impl_->name;
  again->impl_->total_read = impl_->total_read;
  return again;
}

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

const std::string& ZipArchive::name() const { return impl_->name; }

std::vector<std::string> ZipArchive::EntryNames() const {
  std::vector<std::string> names;
  zip_int64_t count = zip_get_num_entries(impl_->archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = zip_get_name(impl_->archive.get(), static_cast<zip_uint64_t>(i), 0)) {
      names.emplace_back(name);
    }
  }
  return names;
}

bool ZipArchive::Has(const std::string& entry) const {
  return zip_name_locate(impl_->archive.get(), entry.c_str(), 0) >= 0;
}

uint64_t ZipArchive::DeclaredSize(const std::string& entry) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(impl_->archive.get(), entry.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    return 0;
  }
  return st.size;
}

Status ZipArchive::ReadInPieces(const std::string& entry, const PieceSink& sink) {
  const std::string where = impl_->name + ": " + entry + ": ";
  const ZipLimits& limits = impl_->limits;
  zip_int64_t index = zip_name_locate(impl_->archive.get(), entry.c_str(), 0);
  if (index < 0) return NotFound(where + "no such entry in the archive");
  auto uindex = static_cast<zip_uint64_t>(index);
  const std::string over_total = where + "reading it would exceed the total limit of " +
                                 std::to_string(limits.max_total_bytes) + " decompressed bytes";

  // What the entry's header claims: enough to refuse an honest bomb early.
  std::atomic<uint64_t>& total_read = *impl_->total_read;
  uint64_t budget = std::min(limits.max_entry_bytes,
                             limits.max_total_bytes - std::min(limits.max_total_bytes,
                                                               total_read.load()));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(impl_->archive.get(), uindex, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    if (st.size > limits.max_entry_bytes) {
      return LimitExceeded(where + "decompressed size " + std::to_string(st.size) +
                           " bytes exceeds the per-entry limit of " +
                           std::to_string(limits.max_entry_bytes) + " bytes");
    }
    if (st.size > budget) return LimitExceeded(over_total);
  }

  EntryPtr file(zip_fopen_index(impl_->archive.get(), uindex, 0));
  if (!file) {
    ZipError error(zip_error_code_zip(zip_get_error(impl_->archive.get())));
    return ParseError(where + "cannot open entry (" + error.what() + ")");
  }
  // Count what is really inflated: the declared size is only a hint.
  uint64_t produced = 0;
  char chunk[kChunk];
  for (;;) {
    zip_int64_t got = zip_fread(file.get(), chunk, sizeof chunk);
    if (got < 0) {
      return ParseError(where + "corrupt entry (" +
                        zip_error_strerror(zip_file_get_error(file.get())) + ")");
    }
    if (got == 0) return Status::Ok();
    produced += static_cast<uint64_t>(got);
    const uint64_t total = total_read += static_cast<uint64_t>(got);
    if (produced > limits.max_entry_bytes) {
      return LimitExceeded(where + "decompresses to more than the per-entry limit of " +
                           std::to_string(limits.max_entry_bytes) + " bytes");
    }
    // Against the total as it is now: another handle may be reading too.
    if (produced > budget || total > limits.max_total_bytes) return LimitExceeded(over_total);
    ANNEXA_RETURN_IF_ERROR(sink(std::string_view(chunk, static_cast<size_t>(got))));
  }
}

Result<std::string> ZipArchive::Read(const std::string& entry) {
  std::string out;
  // Only a hint (the header may lie): capped, and growth takes over beyond it.
  out.reserve(static_cast<size_t>(std::min({DeclaredSize(entry), impl_->limits.max_entry_bytes,
                                            uint64_t{256} << 20})));
  Status status = ReadInPieces(entry, [&out](std::string_view piece) {
    out.append(piece);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace annexa::sources
