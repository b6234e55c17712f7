// Writes the Annex A workbooks in Ofsted's layout: one sheet per list
// (sheet name and title row as the spec says, header row 2, data from row
// 3), real date cells shown DD/MM/YYYY, integers as numbers, codes as
// display strings. Two of them (issue 19):
//   the upload workbook (WriteUploadWorkbook, AnnexWorkbook::BeginUpload):
//     Ofsted's list sheets and nothing else, for upload;
//   the QA workbook (WriteAnnexWorkbook, AnnexWorkbook::Begin): a cover
//     sheet, the lists (with DataGaps::mark_cells, every error cell filled
//     red and warning cell yellow, each commented with its rules), the
//     audited-case list, a row-accounting sheet and, when given, the
//     data-gap sheets, the Findings sheet linked to the cells, and any
//     further tables (DataGaps::extra).
// Every sheet has print setup: A4 landscape, one page wide, title and
// header rows repeated on each page; the Cover on one page. With its internal parts
// (xlsx_text, xlsx_writer: the adapter for libxlsxwriter, workbook_sheets),
// the one user of libxlsxwriter: no other file includes <xlsxwriter.h>.
//
// Written atomically (a temporary file in the same folder, then rename) and
// byte-identical for identical inputs: the workbook's created time is
// `meta.facts->generated_at`, never the clock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "audit/coverage.h"
#include "core/civil_date.h"
#include "core/finding.h"
#include "core/run_facts.h"
#include "core/status.h"
#include "indicators/key_indicators.h"
#include "lists/annex_list.h"
#include "render/data_gap_rows.h"
#include "spec/spec_model.h"
#include "validate/completeness.h"

namespace annexa::render {

struct WorkbookMeta {
  // Council, LA code, reference date, generated_at (the injected clock) and
  // tool version for the Cover and the file's properties; must outlive the
  // workbook.
  const RunFacts* facts = nullptr;
  uint32_t header_fill = 0xDDEBF7;  // 0xRRGGBB of the header rows (output template `workbook`)
  std::string notice;          // shown large on the Cover under its title ("PSEUDONYMISED: ..."); may be empty;
                               // in the upload workbook (no Cover), printed at the top of each page
  std::string purpose;         // a "Workbook" line on the Cover ("QA: not for upload"); may be empty
};

// The upload workbook: exactly the sheets of spec.lists (Ofsted's
// List_1..List_11), nothing else. `lists` as for WriteAnnexWorkbook.
Status WriteUploadWorkbook(const std::string& path, const spec::SpecVersion& spec,
                           const std::vector<AnnexList>& lists, const WorkbookMeta& meta);

// `lists` holds one AnnexList per list of `spec` (any order; missing lists
// get an empty sheet with the title and header rows). kIoError naming the
// path when the file cannot be written; the previous file is left intact.
Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<AnnexList>& lists, const WorkbookMeta& meta);

// What the data-gap sheets are made of; each is optional (nullptr: its
// sheets are not written, so empty DataGaps gives exactly the workbook above).
struct DataGaps {
  // The findings of the run (mapping and validation), in their usual order.
  // Adds Data_gaps (per list, severity and rule) and Child_gaps (per child
  // named by an error or warning); see render/data_gap_rows.h.
  const Findings* findings = nullptr;
  // validate::MeasureCompleteness(lists). Adds Completeness (per column).
  const std::vector<validate::ListCompleteness>* completeness = nullptr;
  // The audited-case list (its spec is spec.audit). Adds Audited_cases after
  // the lists and a row to Row_accounting; with `coverage`, also
  // Audit_coverage and Audit_cohorts at the end (render/audit_rows.h).
  const AnnexList* audit = nullptr;
  const audit::Coverage* coverage = nullptr;
  // With `findings`: the list cells they name are filled (errors red,
  // warnings yellow) and commented (render/qa_sheets.h: MarkCells), the
  // Cover counts them, and a Findings sheet (render/qa_sheets.h:
  // FindingsTable) follows Child_gaps, each finding linked to its cell.
  bool mark_cells = false;
  // Further tables, each a sheet of its own at the end of the workbook in
  // this order, laid out as the data-gap sheets (title row 1, headers row
  // 2, filter, trailer): the hook for "changes since the last run" (run
  // history) and "gaps by owner". Sheet names must be valid and distinct
  // from the others; a GapCell::Link may point into the lists.
  const std::vector<GapTable>* extra = nullptr;
  // The key indicators (issue 20): an Indicators sheet last, laid out like
  // a council's performance report with a small chart of each trend
  // (render/indicator_rows.h).
  const std::vector<indicators::Indicator>* indicators = nullptr;
  // When set, called before `indicators` is read: it blocks until they are
  // final (true), or says the run was stopped (false: the workbook is not
  // finished). Lets the workbook be written while the indicators' past
  // points are still being computed on another thread.
  std::function<bool()> await_indicators;
};

// As above, then Data_gaps, Child_gaps and Completeness after
// Row_accounting, each for the part of `gaps` given.
Status WriteAnnexWorkbook(const std::string& path, const spec::SpecVersion& spec,
                          const std::vector<AnnexList>& lists, const WorkbookMeta& meta,
                          const DataGaps& gaps);

// Which sheets follow Row_accounting; fixed when a workbook is begun, since
// sheets are ordered as they are added.
struct GapSheets {
  bool findings = false;      // Data_gaps, Child_gaps
  bool completeness = false;  // Completeness
  bool coverage = false;      // Audit_coverage, Audit_cohorts (needs the audited-case list)
  bool marks = false;         // marked list cells and the Findings sheet (needs findings)
  std::vector<std::string> extra;  // the sheets of DataGaps::extra, in order
  bool indicators = false;         // Indicators, last
};

// The same workbook written in phases, so that each list's sheet (the bulk
// of the work) can be written, on another thread, as soon as that list is
// final, while the others are still being built and checked:
//   Begin      checks what it can, creates the temporary file and adds every
//              sheet (sheets are ordered as they are added);
//   WriteList  fills one list sheet: index i < spec.lists.size() is
//              spec.lists[i]'s sheet, the last (with an audit list) is
//              Audited_cases; `data` may be null (title and headers only);
//   Finish     fills the list sheets not yet written (from `lists` and
//              gaps.audit), the Cover, Row_accounting and the data-gap
//              sheets, then closes, syncs and renames the file into place.
// With GapSheets::marks, leave the lists to Finish: the marks come from
// the findings it is given.
// The bytes are those WriteAnnexWorkbook writes. Lists given to WriteList
// must stay unchanged until Finish; one thread at a time uses the object.
// Destroyed unfinished, it leaves no file behind.
class AnnexWorkbook {
 public:
  static Result<std::unique_ptr<AnnexWorkbook>> Begin(const std::string& path, const spec::SpecVersion& spec,
                                                      const WorkbookMeta& meta, bool has_audit, GapSheets gap_sheets);
  // The upload workbook in phases: the list sheets only (ListSheets() is
  // spec.lists.size()); Finish takes an empty DataGaps.
  static Result<std::unique_ptr<AnnexWorkbook>> BeginUpload(const std::string& path, const spec::SpecVersion& spec,
                                                            const WorkbookMeta& meta);
  ~AnnexWorkbook();
  AnnexWorkbook(const AnnexWorkbook&) = delete;
  AnnexWorkbook& operator=(const AnnexWorkbook&) = delete;

  size_t ListSheets() const;  // spec.lists.size(), plus one with an audit list
  Status WriteList(size_t index, const AnnexList* data);
  // `gaps` must match the GapSheets and has_audit given to Begin.
  Status Finish(const std::vector<AnnexList>& lists, const DataGaps& gaps);

 private:
  struct Impl;
  static Result<std::unique_ptr<AnnexWorkbook>> BeginAny(const std::string& path, const spec::SpecVersion& spec,
                                                         const WorkbookMeta& meta, bool has_audit, GapSheets gap_sheets,
                                                         bool upload);
  explicit AnnexWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annexa::render
