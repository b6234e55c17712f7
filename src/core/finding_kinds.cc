#include "core/finding_kinds.h"

#include <deque>
#include <iterator>
#include <map>
#include <mutex>
#include <utility>

namespace annexa {

namespace {

using enum Severity;
using enum FindingScope;
using enum FindingStage;

// The one place a finding's code and severity are written (tests scan src/
// for any other). Rows in FindingKind order.
constexpr FindingKindInfo kCatalogue[] = {
    // cell
    {kinds::kBadDate, "bad-date", kError, kCell, "all",
     {kMapping, "a date column's source value is not a date (31/02/2026, 'unknown')"},
     {kReading, "a date cell is neither a date, an Excel day number nor a date in text"}},
    {kinds::kBadInteger, "bad-integer", kError, kCell, "all",
     {kMapping, "a whole-number column's source value is not a whole number"},
     {kReading, "a whole-number cell holds a fraction or text (e.g. an age of 6.14)"}},
    {kinds::kBadPostcode, "bad-postcode", kWarning, kCell, "8",
     {kValidation, "a placement postcode does not have the shape of a UK postcode"}, {}},
    {kinds::kCodeSpelling, "code-spelling", kWarning, kCell, "all",
     {kMapping, "a source value was read as a code by a built-in rule ('WBRI - White British', '6.0', an alias), "
                "not the council's code map; one per column and spelling, its rows counted"},
     {kReading, "a coded value is recognisable but not in Ofsted's form ('Female' for 'b) Female'); one per column "
                "and spelling, its rows counted"}},
    {kinds::kDateAfterReference, "date-after-reference", kError, kCell, "all",
     {kValidation,
      "a date is after the reference date (a date of birth only in a list without unborn children: Lists 8, 9; in "
      "the others, a date of birth more than 42 weeks after it, too late for an unborn child)"},
     {}},
    {kinds::kExcelError, "excel-error", kError, kCell, "all",
     {kReading, "a cell holds a spreadsheet error such as #N/A"}, {}},
    {kinds::kImplausibleDate, "implausible-date", kError, kCell, "all",
     {kValidation,
      "a date in 1900 or earlier (a number typed into a date cell, 17.5 or 3, shows as January 1900): no Annex A "
      "date can be"},
     {}},
    {kinds::kMissingConditional, "missing-conditional", kError, kCell, "4, 5, 6, 8, 10, 11",
     {kValidation,
      "a column that may be blank only while another is blank is blank though the other is filled "
      "(e.g. Reason for Closure with a closure date)"},
     {}},
    {kinds::kMissingExpected, "missing-expected", kWarning, kCell, "all",
     {kValidation, "a column established tools treat as required (Ofsted is silent) is blank"}, {}},
    {kinds::kMissingRequired, "missing-required", kError, kCell, "all",
     {kValidation, "a column Ofsted's guidance says must be filled is blank"}, {}},
    {kinds::kNotACode, "not-a-code", kError, kCell, "all",
     {kMapping,
      "a coded value is not one of Ofsted's and no code map, alias, bare code or label covers it (kept as it was)"},
     {kReading, "a coded value is not one of Ofsted's values for the column"}},
    {kinds::kNumberSpelling, "number-spelling", kWarning, kCell, "all",
     {kReading, "a whole number is written as text with a fraction of zeros ('3.0'): read as 3"},
     {kMapping,
      "a whole-number column's source values are written with a fraction of zeros ('3.0'): read as whole numbers, said "
      "once per column and spelling with a count"}},
    {kinds::kOutOfRange, "out-of-range", kError, kCell, "all",
     {kValidation, "a whole number is outside the spec's bounds (age -1..25, counts >= 0, placements >= 1)"}, {}},
    // row
    {kinds::kAgeMismatch, "age-mismatch", kError, kRow, "1-10",
     {kValidation, "the age is not the age at the last birthday on the reference date"}, {}},
    {kinds::kBeforeBirth, "before-birth", kError, kRow, "1-10",
     {kValidation,
      "an event is dated before the child's birth (in Lists 1-7, more than 280 days before: pre-birth work is "
      "normal there)"},
     {}},
    {kinds::kDateOrder, "date-order", kError, kRow, "2, 4, 5, 6, 7, 8, 10, 11",
     {kValidation,
      "an end or later date is before its start (assessment, ICPC, episode, plan, care, adoption, stages)"},
     {}},
    {kinds::kJoinFailed, "join-failed", kWarning, kRow, "all",
     {kMapping, "a source row's key has no match in a required joined table: left out"}, {}},
    {kinds::kLatestPerNoDate, "latest-per-no-date", kWarning, kRow, "all",
     {kMapping,
      "a row of a source with `latest_per` has no valid date to choose its key's latest row by: set aside"},
     {}},
    {kinds::kMissingId, "missing-id", kError, kRow, "all",
     {kMapping, "a source row has no child (or adopter) id: left out"}, {}},
    {kinds::kMissingWindowDate, "missing-window-date", kError, kRow, "all",
     {kMapping, "a source row has no valid date to place it in the list's window: left out"}, {}},
    // list
    {kinds::kChildRepeated, "child-repeated", kError, kList, "6-11",
     {kValidation, "a child (or adopter) appears on more than one row of a one-row-per-child (per-adopter) list"}, {}},
    {kinds::kColumnNotMapped, "column-not-mapped", kWarning, kList, "all",
     {kMapping, "the config does not map an Annex A column: it is left blank"}, {}},
    {kinds::kCountDiffers, "count-differs", kError, kList, "3, 5",
     {kValidation, "a child's 12-month count differs between its rows (it must be the same on each)"}, {}},
    {kinds::kDuplicateListSheet, "duplicate-list-sheet", kWarning, kList, "all",
     {kReading, "two sheets look like the same list; the better match is read"}, {}},
    {kinds::kDuplicateRow, "duplicate-row", kWarning, kList, "all",
     {kValidation, "a row repeats an earlier row of the list exactly"}, {}},
    {kinds::kExtraColumn, "extra-column", kWarning, kList, "all",
     {kReading, "a list's sheet has a column Ofsted does not ask for"}, {}},
    {kinds::kHeaderSpelling, "header-spelling", kWarning, kList, "all",
     {kReading, "a column's header is not spelled as Ofsted spells it ('Child ID'); it was read as Ofsted's column"},
     {}},
    {kinds::kJoinDuplicateKey, "join-duplicate-key", kWarning, kList, "all",
     {kMapping, "a joined table repeats a key; the first row is used"}, {}},
    {kinds::kListNotMapped, "list-not-mapped", kWarning, kList, "all",
     {kMapping, "the config does not build a list: its sheet has headers only"}, {}},
    {kinds::kMissingColumn, "missing-column", kError, kList, "all",
     {kReading, "a list's sheet lacks one of Ofsted's columns"}, {}},
    {kinds::kMissingList, "missing-list", kError, kList, "all",
     {kReading, "no sheet of the workbook looks like one of Ofsted's lists"}, {}},
    {kinds::kMonthFirstDates, "month-first-dates", kError, kList, "all",
     {kReading,
      "a date column's text dates make sense only month first (12/25/2020): said once for the column, every date of it "
      "read month first"},
     {kMapping,
      "a source date column read with the default (day-first) formats, or a contract's, writes its dates month first "
      "(11/23/2026) or mixes both orders: said once for the column with the date_format to set; none of a month-first "
      "column's numeric dates is read"}},
    {kinds::kRequiredColumnNotMapped, "required-column-not-mapped", kError, kList, "all",
     {kMapping, "the config does not map a column Ofsted expects on every row: it is left blank in all of them"}, {}},
    {kinds::kSheetName, "sheet-name", kWarning, kList, "all",
     {kReading, "a list was found by its headers on a sheet not named as Ofsted names it (List_3)"}, {}},
    // cross-list
    {kinds::kCaseStatusAssumed, "case-status-assumed", kWarning, kCrossList, "6",
     {kMapping, "an open episode with no care, plan or open assessment found: case status set to c)"}, {}},
    {kinds::kClaNotInList6, "cla-not-in-list6", kError, kCrossList, "8, 6",
     {kValidation, "a looked-after child in List 8 is missing from List 6, or is not a) Looked after child there"}, {}},
    {kinds::kCpNotInList6, "cp-not-in-list6", kError, kCrossList, "7, 6",
     {kValidation,
      "a child on an open plan in List 7 is missing from List 6, or has case status other than b) (unless looked "
      "after)"},
     {}},
    {kinds::kDemographicsDiffer, "demographics-differ", kWarning, kCrossList, "1-10",
     {kValidation, "the same child has a different date of birth, gender or ethnicity in another list"}, {}},
    {kinds::kFamilyNotInList11, "family-not-in-list11", kWarning, kCrossList, "10, 11",
     {kValidation, "a List 10 family identifier does not appear in List 11"}, {}},
    {kinds::kIcpcPlanNotInList7, "icpc-plan-not-in-list7", kError, kCrossList, "5, 7",
     {kValidation, "an ICPC in List 5 resulted in a plan but the child has no List 7 row"}, {}},
    // coverage
    {kinds::kAuditChildNotInLists, "audit-child-not-in-lists", kWarning, kCoverage, "audit",
     {kAudit, "an audited child's id is in none of Lists 1-10 (a typo, or a case older than the lists)"}, {}},
    {kinds::kAuditCohortNotCovered, "audit-cohort-not-covered", kWarning, kCoverage, "6, 7, 8, 9",
     {kAudit,
      "children are open in a cohort (in care, on a plan, in need, care leavers) but none of them was audited"},
     {}},
    {kinds::kAuditCpUnderFivesNotCovered, "audit-cp-under-fives-not-covered", kWarning, kCoverage, "7",
     {kAudit, "children under five are on child protection plans but none of them was audited"}, {}},
    {kinds::kAuditNoAudits, "audit-no-audits", kWarning, kCoverage, "audit",
     {kAudit, "the audited-case list has no audits in its window"}, {}},
    {kinds::kAuditTeamNotCovered, "audit-team-not-covered", kInfo, kCoverage, "audit",
     {kAudit, "a team holds open cases but none of its children was audited"}, {}},
    // source contracts
    {kinds::kSourceBadDate, "source-bad-date", kError, kCell, "sources",
     {kContract, "a value of a contract's date column is not a real calendar date (31/04/2026)"}, {}},
    {kinds::kSourceMissingValue, "source-missing-value", kError, kCell, "sources",
     {kContract, "a contract's key or required column is blank in a source row (a missing id)"}, {}},
    {kinds::kSourceUnknownCode, "source-unknown-code", kError, kCell, "sources",
     {kContract, "a value of a contract's code column is neither a key nor a target of its code map"}, {}},
    {kinds::kSourceDateOrder, "source-date-order", kError, kRow, "sources",
     {kContract, "a source row's end date is before its start (a contract's dates_in_order)"}, {}},
    {kinds::kSourceDuplicateKey, "source-duplicate-key", kError, kRow, "sources",
     {kContract, "a source row repeats the contract key of an earlier row"}, {}},
    {kinds::kSourceDuplicateRow, "source-duplicate-row", kWarning, kRow, "sources",
     {kContract, "a source row repeats an earlier row exactly, every column: kept once, the copy left out"}, {}},
    {kinds::kSourceOrphan, "source-orphan", kError, kRow, "sources",
     {kContract, "a source row's reference (a person id) is not in the source it names"}, {}},
    {kinds::kSourceOptionalEmpty, "source-optional-empty", kWarning, kList, "sources",
     {kReading, "a source marked 'optional' is missing, empty or has no rows: read as no rows, the run goes on"}, {}},
    {kinds::kExplanationStale, "explanation-stale", kWarning, kRow, "all",
     {kExplanations, "a row of the council's explanations file explains a finding this run no longer makes: fixed, or "
                   "its rule, list, column or child changed; remove the row or correct it"}, {}},
    // data rules
    {kinds::kDataRule, "data-rule", kError, kCell, "1-11",
     {kValidation, "the rules written as data beside the spec (annex_a_specs/<version>/rules/): each finds under its "
                   "own code and severity, listed below with the guidance line or DfE rule it cites"}, {}},
};

static_assert(std::size(kCatalogue) == kFindingKindCount, "one row per FindingKind, and kFindingKindCount counts them");

constexpr bool InKindOrder() {
  for (size_t i = 0; i < std::size(kCatalogue); ++i)
    if (static_cast<size_t>(kCatalogue[i].kind) != i) return false;
  return true;
}
static_assert(InKindOrder(), "the catalogue's rows must be in FindingKind order: Describe indexes it");

}  // namespace

std::string_view ToString(FindingScope s) {
  switch (s) {
    case FindingScope::kCell: return "cell";
    case FindingScope::kRow: return "row";
    case FindingScope::kList: return "list";
    case FindingScope::kCrossList: return "cross-list";
    case FindingScope::kCoverage: return "coverage";
  }
  return "?";
}

std::string_view ToString(FindingStage s) {
  switch (s) {
    case FindingStage::kMapping: return "mapping";
    case FindingStage::kReading: return "reading";
    case FindingStage::kValidation: return "validation";
    case FindingStage::kAudit: return "audit";
    case FindingStage::kContract: return "contract";
    case FindingStage::kExplanations: return "explanations";
  }
  return "?";
}

const FindingKindInfo& Describe(FindingKind kind) { return kCatalogue[static_cast<size_t>(kind)]; }

std::span<const FindingKindInfo> FindingKinds() { return kCatalogue; }

namespace {

// The data rules' rows: each row's texts live beside it, never moved (a
// deque), so the string_views a caller holds stay valid.
struct DataRuleRow {
  std::string code, lists, meaning;
  FindingKindInfo info{};
};

struct DataRuleRegistry {
  std::mutex mu;
  std::deque<DataRuleRow> rows;
  std::map<std::string, const FindingKindInfo*, std::less<>> by_code;
};

DataRuleRegistry& Registry() {
  static DataRuleRegistry r;
  return r;
}

}  // namespace

const FindingKindInfo& RegisterDataRuleKind(std::string_view code, Severity severity, std::string_view lists,
                                            std::string_view meaning) {
  DataRuleRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (auto it = r.by_code.find(code); it != r.by_code.end()) {
    const FindingKindInfo& k = *it->second;
    if (k.severity == severity && k.lists == lists && k.use.meaning == meaning) return k;
  }
  DataRuleRow& row = r.rows.emplace_back();
  row.code = std::string(code);
  row.lists = std::string(lists);
  row.meaning = std::string(meaning);
  row.info = FindingKindInfo{kinds::kDataRule, row.code, severity, kCell, row.lists, {kValidation, row.meaning}, {}};
  r.by_code[row.code] = &row.info;
  return row.info;
}

bool IsDataRuleCode(std::string_view code) {
  DataRuleRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  return r.by_code.count(code) != 0;
}

const FindingKindInfo* FindFindingKind(std::string_view code) {
  for (const FindingKindInfo& k : kCatalogue)
    if (k.code == code) return &k;
  DataRuleRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_code.find(code);
  return it == r.by_code.end() ? nullptr : it->second;
}

Finding MakeFinding(FindingKind kind, std::string message) { return MakeFinding(Describe(kind), std::move(message)); }

Finding MakeFinding(const FindingKindInfo& k, std::string message) {
  Finding f;
  f.code = std::string(k.code);
  f.severity = k.severity;
  f.message = std::move(message);
  return f;
}

}  // namespace annexa
