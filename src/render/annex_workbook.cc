#include "render/annex_workbook.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/text_limits.h"
#include "render/audit_rows.h"
#include "render/data_gap_rows.h"
#include "render/qa_sheets.h"
#include "render/workbook_sheets.h"
#include "render/xlsx_text.h"
#include "render/xlsx_writer.h"
#include "sources/xlsx_check.h"

namespace annexa::render {
namespace {

using spec::ListSpec;
// The workbook's parts, internal to it: xlsx_text.h (text), xlsx_writer.h
// (the libxlsxwriter adapter), workbook_sheets.h (each sheet's layout).
using detail::Clean;
using detail::kFirstDataRow;
using detail::WriteCover;
using detail::WriteGapSheet;
using detail::WriteListSheet;
using detail::WriteRowAccounting;
using detail::Writer;
using detail::XlsxBook;

constexpr int64_t kExcelMaxRows = 1048576;
constexpr int64_t kMaxDataRows = kExcelMaxRows - kFirstDataRow;

std::string Errno() { return std::strerror(errno); }

// The temporary file beside the target, removed unless Commit() renamed it.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (!committed_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void Commit() { committed_ = true; }

 private:
  std::string path_;
  bool committed_ = false;
};

// "YYYY-MM-DDTHH:MM:SS" (optionally "Z") as seconds since the epoch in UTC;
// computed from the civil date rather than timegm so no time zone applies.
std::optional<time_t> ParseGeneratedAt(std::string_view s) {
  if (!s.empty() && s.back() == 'Z') s.remove_suffix(1);
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':')
    return std::nullopt;
  const auto num = [&](size_t pos, size_t len, int& out) {
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc() && p == s.data() + pos + len;
  };
  int y, mo, d, h, mi, sec;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, sec) || h > 23 || mi > 59 || sec > 59)
    return std::nullopt;
  const std::optional<CivilDate> date = CivilDate::FromYmd(y, mo, d);
  if (!date) return std::nullopt;
  return static_cast<time_t>(date->ToDays() * 86400 + h * 3600 + mi * 60 + sec);
}

Status FsyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno());
  const int rc = ::fsync(fd);
  const std::string err = rc != 0 ? Errno() : "";
  ::close(fd);
  return rc == 0 ? Status::Ok() : IoError(err);
}

// Why the workbook library's unchecked writes into `dir` would have failed
// while it assembled sheets whose temporary files hold `total` bytes, the
// largest `largest`: a file-size limit below that, or less room than that;
// empty when neither is plain.
std::string LikelyWriteFailure(const std::string& dir, uint64_t total, uint64_t largest) {
  struct rlimit limit;
  // A sheet is assembled from its rows plus a head and tail of a few KB.
  constexpr uint64_t kSheetFrame = 64 * 1024;
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < largest + kSheetFrame)
    return std::string(std::strerror(EFBIG)) + " (the file-size limit, ulimit -f, is " +
           std::to_string(static_cast<unsigned long long>(limit.rlim_cur)) + " bytes; a sheet's rows alone take " +
           std::to_string(largest) + ")";
  struct statvfs vfs;
  if (::statvfs(dir.c_str(), &vfs) == 0) {
    const uint64_t room = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
    if (room < total)
      return std::string(std::strerror(ENOSPC)) + " (" + std::to_string(room) +
             " bytes were free; the sheets' temporary files hold " + std::to_string(total) + ")";
  }
  return "";
}

// --- The workbook in phases --------------------------------------------------

// A list longer than a sheet is refused rather than cut.
Status CheckFits(const std::string& path, const std::string& title, const AnnexList& list) {
  if (static_cast<int64_t>(list.rows.size()) <= kMaxDataRows) return Status::Ok();
  return LimitExceeded(path + ": " + title + " has " + std::to_string(list.rows.size()) +
                       " rows; an Excel sheet holds at most " + std::to_string(kMaxDataRows) +
                       " below its title and header rows");
}

// Everything about the lists that can be refused, checked before a file is
// created: each list of `spec` at most once, none longer than a sheet.
Status CheckLists(const std::string& path, const spec::SpecVersion& spec, const std::vector<AnnexList>& lists,
                  const AnnexList* audit, std::map<int, const AnnexList*>* by_number) {
  for (const AnnexList& list : lists) {
    if (!list.spec) return InvalidArgument(path + ": an Annex A list without its spec");
    const ListSpec* known = spec.FindList(list.spec->number);
    if (!known)
      return InvalidArgument(path + ": " + list.spec->title + " is not a list of " + spec.id);
    if (!by_number->emplace(known->number, &list).second)
      return InvalidArgument(path + ": " + known->title + " given twice");
    ANNEXA_RETURN_IF_ERROR(CheckFits(path, known->title, list));
  }
  if (audit && (!audit->spec || audit->spec->number != spec::kAuditedCasesList))
    return InvalidArgument(path + ": the audited-case list has no audited-case spec");
  if (audit && static_cast<int64_t>(audit->rows.size()) > kMaxDataRows)
    return LimitExceeded(path + ": the audited-case list has more rows than an Excel sheet holds");
  return Status::Ok();
}

GapSheets SheetsFor(const DataGaps& gaps) {
  GapSheets sheets{gaps.findings != nullptr, gaps.completeness != nullptr, gaps.audit && gaps.coverage,
                   gaps.findings && gaps.mark_cells, {}, false};
  if (gaps.extra)
    for (const GapTable& table : *gaps.extra) sheets.extra.push_back(table.sheet);
  sheets.indicators = gaps.indicators != nullptr;
  return sheets;
}

bool SameSheets(const GapSheets& a, const GapSheets& b) {
  return a.findings == b.findings && a.completeness == b.completeness && a.coverage == b.coverage &&
         a.marks == b.marks && a.extra == b.extra && a.indicators == b.indicators;
}

}  // namespace

struct AnnexWorkbook::Impl {
  std::string path;
  const spec::SpecVersion* spec = nullptr;
  WorkbookMeta meta;
  bool has_audit = false;
  bool upload = false;  // the list sheets only
  GapSheets gap_sheets;
  std::optional<CellMarks> marks;  // with gap_sheets.marks, made in Finish
  std::string doc_title, doc_subject, dir;
  std::optional<TempFile> tmp;
  std::optional<XlsxBook> book;
  std::optional<Writer> writer;
  // Every sheet, added in the workbook's order when it is begun.
  lxw_worksheet* cover = nullptr;
  std::vector<lxw_worksheet*> list_sheets;  // spec.lists order, then Audited_cases
  std::vector<bool> written;                // per list sheet
  lxw_worksheet* accounting = nullptr;
  std::map<std::string, lxw_worksheet*> gap;  // by sheet name
};

Result<std::unique_ptr<AnnexWorkbook>> AnnexWorkbook::BeginUpload(const std::string& path,
                                                                  const spec::SpecVersion& spec,
                                                                  const WorkbookMeta& meta) {
  return BeginAny(path, spec, meta, false, GapSheets{}, true);
}

Result<std::unique_ptr<AnnexWorkbook>> AnnexWorkbook::Begin(const std::string& path, const spec::SpecVersion& spec,
                                                            const WorkbookMeta& meta, bool has_audit,
                                                            GapSheets gap_sheets) {
  return BeginAny(path, spec, meta, has_audit, std::move(gap_sheets), false);
}

Result<std::unique_ptr<AnnexWorkbook>> AnnexWorkbook::BeginAny(const std::string& path, const spec::SpecVersion& spec,
                                                               const WorkbookMeta& meta, bool has_audit,
                                                               GapSheets gap_sheets, bool upload) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->upload = upload;
  impl->spec = &spec;
  impl->meta = meta;
  impl->has_audit = has_audit;
  impl->gap_sheets = gap_sheets;
  if (has_audit && !spec.audit)
    return InvalidArgument(path + ": " + spec.id + " has no audited-case list");
  if (gap_sheets.coverage && !has_audit)
    return InvalidArgument(path + ": audit coverage sheets without the audited-case list");
  if (gap_sheets.marks && !gap_sheets.findings)
    return InvalidArgument(path + ": marked cells without the findings");
  const std::optional<time_t> created = ParseGeneratedAt(meta.facts->generated_at);
  // libxlsxwriter reads the clock when `created` is 0: never let it.
  if (!created || *created == 0)
    return InvalidArgument(path + ": generated_at '" + meta.facts->generated_at +
                           "' is not a time YYYY-MM-DDTHH:MM:SS after 1970-01-01T00:00:00");

  std::string tmp_name = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmp_name.data());
  if (fd < 0)
    return IoError(path + ": cannot write the workbook: cannot create a temporary file beside it: " +
                   Errno());
  ::close(fd);  // libxlsxwriter opens the name itself
  impl->tmp.emplace(tmp_name);

  // constant_memory streams each sheet's rows to a temporary file as they
  // are written (we write each sheet strictly row by row; sheets are
  // independent, so one may be filled before an earlier one), instead of
  // holding ~2 million cells in memory; it writes inline strings, not a
  // shared-string table. Its temporary files go beside the output, where
  // space was just proven.
  impl->dir = std::filesystem::path(path).parent_path().string();
  if (impl->dir.empty()) impl->dir = ".";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = impl->dir.data();
  impl->book.emplace(workbook_new_opt(tmp_name.c_str(), &options));
  if (!impl->book->get()) return IoError(path + ": cannot write the workbook: out of memory");

  // The title goes into docProps/core.xml, where libxlsxwriter escapes only
  // &, < and >: a control character there is a workbook Excel must repair.
  impl->doc_title = "Annex A: " + SafeName(meta.facts->council, kMaxNameChars).text;
  impl->doc_subject = Clean(spec.title).text;
  lxw_doc_properties props{};
  props.title = const_cast<char*>(impl->doc_title.c_str());  // copied by libxlsxwriter
  props.subject = const_cast<char*>(impl->doc_subject.c_str());
  props.created = *created;
  Writer& w = impl->writer.emplace(path, impl->book->get(), meta.header_fill);
  if (lxw_error e = workbook_set_properties(impl->book->get(), &props)) return w.Failure(e);
  // Styles are numbered in order of first use, and the Cover, written
  // first in the past, used these first: numbering them now keeps the
  // workbook byte-identical whatever order the sheets are filled in.
  ANNEXA_RETURN_IF_ERROR(w.Check());  // every format made
  for (lxw_format* f : {w.fmt().title, w.fmt().label, w.fmt().date, w.fmt().header}) lxw_format_get_xf_index(f);

  // The sheets, in the workbook's order, each with its print setup. The
  // upload workbook has no Cover to say it is pseudonymised: its pages do.
  const std::string print_header = upload ? meta.notice : "";
  Result<lxw_worksheet*> sheet = static_cast<lxw_worksheet*>(nullptr);
  if (!upload) {
    if (!(sheet = w.AddSheet("Cover")).ok()) return sheet.status();
    impl->cover = *sheet;
    w.PrintSetup(*sheet, true, false);
  }
  std::vector<const ListSpec*> list_specs;
  for (const ListSpec& list : spec.lists) list_specs.push_back(&list);
  if (has_audit) list_specs.push_back(spec.audit.get());
  for (const ListSpec* list : list_specs) {
    if (!(sheet = w.AddSheet(list->sheet)).ok()) return sheet.status();
    impl->list_sheets.push_back(*sheet);
    w.PrintSetup(*sheet, false, true, print_header);
  }
  impl->written.assign(impl->list_sheets.size(), false);
  if (!upload) {
    if (!(sheet = w.AddSheet("Row_accounting")).ok()) return sheet.status();
    impl->accounting = *sheet;
    w.PrintSetup(*sheet, false, true);
  }
  std::vector<std::string> gap_names;
  if (gap_sheets.findings) gap_names.insert(gap_names.end(), {kDataGapsSheet, kChildGapsSheet});
  if (gap_sheets.marks) gap_names.push_back(kFindingsSheet);
  if (gap_sheets.completeness) gap_names.push_back(kCompletenessSheet);
  if (gap_sheets.coverage) gap_names.insert(gap_names.end(), {kAuditCoverageSheet, kAuditCohortsSheet});
  gap_names.insert(gap_names.end(), gap_sheets.extra.begin(), gap_sheets.extra.end());
  if (gap_sheets.indicators) gap_names.push_back(kIndicatorsSheet);
  for (const std::string& name : gap_names) {
    if (impl->gap.count(name)) return InvalidArgument(path + ": two sheets named '" + name + "'");
    if (!(sheet = w.AddSheet(name)).ok()) return sheet.status();
    impl->gap[name] = *sheet;
    w.PrintSetup(*sheet, false, true);
  }
  return std::unique_ptr<AnnexWorkbook>(new AnnexWorkbook(std::move(impl)));
}

AnnexWorkbook::AnnexWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AnnexWorkbook::~AnnexWorkbook() = default;

size_t AnnexWorkbook::ListSheets() const { return impl_->list_sheets.size(); }

Status AnnexWorkbook::WriteList(size_t index, const AnnexList* data) {
  Impl& m = *impl_;
  if (index >= m.list_sheets.size()) return Internal(m.path + ": no list sheet " + std::to_string(index));
  if (m.written[index]) return Internal(m.path + ": list sheet " + std::to_string(index) + " written twice");
  const ListSpec& list = index < m.spec->lists.size() ? m.spec->lists[index] : *m.spec->audit;
  if (data && (!data->spec || data->spec->number != list.number))
    return InvalidArgument(m.path + ": " + (data->spec ? data->spec->title : "a list without its spec") +
                           " given for the sheet of " + list.title);
  if (data) ANNEXA_RETURN_IF_ERROR(CheckFits(m.path, list.title, *data));
  m.written[index] = true;
  const std::vector<CellMark>* marks = nullptr;
  if (m.marks) {
    const auto it = m.marks->by_list.find(list.number);
    if (it != m.marks->by_list.end()) marks = &it->second;
  }
  return WriteListSheet(*m.writer, m.list_sheets[index], list, data, marks);
}

Status AnnexWorkbook::Finish(const std::vector<AnnexList>& lists, const DataGaps& gaps) {
  Impl& m = *impl_;
  std::map<int, const AnnexList*> by_number;
  ANNEXA_RETURN_IF_ERROR(CheckLists(m.path, *m.spec, lists, gaps.audit, &by_number));
  if ((gaps.audit != nullptr) != m.has_audit || !SameSheets(SheetsFor(gaps), m.gap_sheets))
    return Internal(m.path + ": the sheets differ from those the workbook was begun with");
  if (m.gap_sheets.marks) m.marks = MarkCells(*m.spec, *gaps.findings);
  for (size_t i = 0; i < m.spec->lists.size(); ++i) {
    if (m.written[i]) continue;
    const auto it = by_number.find(m.spec->lists[i].number);
    ANNEXA_RETURN_IF_ERROR(WriteList(i, it == by_number.end() ? nullptr : it->second));
  }
  if (m.has_audit && !m.written.back()) ANNEXA_RETURN_IF_ERROR(WriteList(m.written.size() - 1, gaps.audit));
  Writer& w = *m.writer;
  if (!m.upload) ANNEXA_RETURN_IF_ERROR(WriteCover(w, m.cover, *m.spec, by_number, m.meta, m.marks ? &*m.marks : nullptr));
  std::vector<const ListSpec*> order;
  for (const ListSpec& list : m.spec->lists) order.push_back(&list);
  if (gaps.audit) {
    order.push_back(gaps.audit->spec);
    by_number[spec::kAuditedCasesList] = gaps.audit;
  }
  if (!m.upload) ANNEXA_RETURN_IF_ERROR(WriteRowAccounting(w, m.accounting, order, by_number));
  auto gap = [&](const GapTable& table) { return WriteGapSheet(w, m.gap.at(table.sheet), table); };
  if (gaps.findings) {
    ANNEXA_RETURN_IF_ERROR(gap(DataGapsTable(*m.spec, *gaps.findings)));
    ANNEXA_RETURN_IF_ERROR(gap(ChildGapsTable(lists, *gaps.findings)));
    if (m.gap_sheets.marks) ANNEXA_RETURN_IF_ERROR(gap(FindingsTable(*m.spec, *gaps.findings)));
  }
  if (gaps.completeness) ANNEXA_RETURN_IF_ERROR(gap(CompletenessTable(*gaps.completeness)));
  if (gaps.audit && gaps.coverage) {
    ANNEXA_RETURN_IF_ERROR(gap(AuditCoverageTable(*gaps.coverage)));
    ANNEXA_RETURN_IF_ERROR(gap(AuditCohortsTable(*gaps.coverage, *gaps.audit)));
  }
  if (gaps.extra)
    for (const GapTable& table : *gaps.extra) ANNEXA_RETURN_IF_ERROR(gap(table));
  if (gaps.indicators) {
    if (gaps.await_indicators && !gaps.await_indicators())
      return Internal(m.path + ": stopped before the key indicators were ready");
    ANNEXA_RETURN_IF_ERROR(WriteIndicatorSheet(w, m.gap.at(kIndicatorsSheet), IndicatorsSheet(*gaps.indicators)));
  }

  // The sheets' rows went to the library's temporary files, whose writes it
  // never checks: flushed and checked here, so a full disk or a file-size
  // limit is named with its cause, even if room came back since.
  uint64_t held = 0, largest = 0;
  std::vector<lxw_worksheet*> sheets = m.list_sheets;
  sheets.insert(sheets.end(), {m.cover, m.accounting});  // null in the upload workbook: skipped below
  for (const auto& [name, ws] : m.gap) sheets.push_back(ws);
  for (lxw_worksheet* ws : sheets) {
    FILE* f = ws ? ws->optimize_tmpfile : nullptr;
    if (!f) continue;
    errno = 0;
    const bool flushed = std::fflush(f) == 0;
    const int e = errno;
    if (!flushed || std::ferror(f))
      return w.Failure(std::string(e ? std::strerror(e) : "a write failed") + " (writing sheet '" + ws->name +
                       "' to a temporary file in " + m.dir + ")");
    struct stat st;
    if (::fstat(fileno(f), &st) == 0) {
      held += static_cast<uint64_t>(st.st_size);
      largest = std::max(largest, static_cast<uint64_t>(st.st_size));
    }
  }
  const std::string likely = LikelyWriteFailure(m.dir, held, largest);

  errno = 0;
  const lxw_error closed = m.book->Close();
  // The zip error alone does not say why; a full disk or a file-size limit
  // is what the user must hear. A write the library made to a temporary
  // file and never checked leaves its errno too.
  const int why = errno;
  const bool disk = why == ENOSPC || why == EFBIG || why == EDQUOT || why == EIO || why == EROFS;
  if (closed) return disk ? w.Failure(std::string(std::strerror(why)) + " (" + lxw_strerror(closed) + ")")
                          : w.Failure(closed);
  const std::string& tmp_name = m.tmp->path();
  // Read back before it is renamed into place: a sheet cut short by a write
  // the library never checked must not become the pack (issue 17).
  // Our own file: none of the caps meant for a hostile one (a zip bomb)
  // may refuse a large workbook that is whole.
  sources::ZipLimits own;
  own.max_entry_bytes = own.max_total_bytes = UINT64_MAX;
  // One read-back at a time: the upload and QA workbooks finish on two
  // threads, and libzip converts each entry's time with mktime, whose
  // glibc time-zone setup (with TZ unset, redone on every call) is locked
  // where ThreadSanitizer cannot see it. The read-backs rarely overlap.
  static std::mutex read_back;
  std::unique_lock<std::mutex> one_at_a_time(read_back);
  Status whole = sources::CheckXlsxWhole(tmp_name, own);
  one_at_a_time.unlock();
  if (!whole.ok()) {
    std::string what = whole.message();
    if (what.starts_with(tmp_name + ": ")) what.erase(0, tmp_name.size() + 2);
    const std::string cause = disk ? std::strerror(why) : likely;
    return w.Failure((cause.empty() ? "" : cause + ": ") + "the file written was read back and is damaged (" +
                     what + ")");
  }
  if (Status s = FsyncFile(tmp_name); !s.ok()) return w.Failure("fsync failed: " + s.message());
  if (::rename(tmp_name.c_str(), m.path.c_str()) != 0)
    return w.Failure("cannot rename into place: " + Errno());
  m.tmp->Commit();
  return Status::Ok();
}

Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<AnnexList>& lists, const WorkbookMeta& meta) {
  return WriteAnnexWorkbook(path, spec, lists, meta, DataGaps{});
}

Status WriteUploadWorkbook(const std::string& path, const spec::SpecVersion& spec,
                           const std::vector<AnnexList>& lists, const WorkbookMeta& meta) {
  std::map<int, const AnnexList*> by_number;
  ANNEXA_RETURN_IF_ERROR(CheckLists(path, spec, lists, nullptr, &by_number));
  Result<std::unique_ptr<AnnexWorkbook>> book = AnnexWorkbook::BeginUpload(path, spec, meta);
  if (!book.ok()) return book.status();
  return (*book)->Finish(lists, DataGaps{});
}

Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<AnnexList>& lists, const WorkbookMeta& meta,
                          const DataGaps& gaps) {
  // Everything that can be refused is checked before a file is created.
  std::map<int, const AnnexList*> by_number;
  ANNEXA_RETURN_IF_ERROR(CheckLists(path, spec, lists, gaps.audit, &by_number));
  Result<std::unique_ptr<AnnexWorkbook>> book =
      AnnexWorkbook::Begin(path, spec, meta, gaps.audit != nullptr, SheetsFor(gaps));
  if (!book.ok()) return book.status();
  return (*book)->Finish(lists, gaps);
}

}  // namespace annexa::render
