// The catalogue of finding kinds: every code a finding can carry, with its
// severity, scope, lists and meaning, in one table (the model is
// libxlsxwriter's lxw_error enum and lxw_strerror). Whatever makes a finding
// names its kind (MakeFinding(kinds::kNotACode, ...)), so its code and
// severity come from here; `annexa rules` prints the table, docs/rules.md is
// generated from it, and tests fail on a code written anywhere else.
//
// It sits in core/ so that every stage that finds something (mapping,
// reading workbooks, validation, audit coverage) can use it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/finding.h"

namespace annexa {

// What a kind is about: one cell, one row, one list, lists together, or the
// audited cases' coverage of the lists.
enum class FindingScope : uint8_t { kCell, kRow, kList, kCrossList, kCoverage };
std::string_view ToString(FindingScope s);

// When it is found: while a council's source values are mapped, while a
// workbook made elsewhere is read, over the lists, over the audit coverage.
// kContract: while source rows are checked against their source's contract.
// kExplanations: while the council's explained gaps are matched to the
// findings (gaps/explanations.h).
enum class FindingStage : uint8_t { kMapping, kReading, kValidation, kAudit, kContract, kExplanations };
std::string_view ToString(FindingStage s);

// Every kind, by scope, then code (the order `annexa rules` prints).
// A new kind: an enumerator here, its row in finding_kinds.cc, and
// kFindingKindCount one more.
enum class FindingKind : uint8_t {
  // cell
  kBadDate,
  kBadInteger,
  kBadPostcode,
  kCodeSpelling,
  kDateAfterReference,
  kExcelError,
  kImplausibleDate,
  kMissingConditional,
  kMissingExpected,
  kMissingRequired,
  kNotACode,
  kNumberSpelling,
  kOutOfRange,
  // row
  kAgeMismatch,
  kBeforeBirth,
  kDateOrder,
  kJoinFailed,
  kLatestPerNoDate,
  kMissingId,
  kMissingWindowDate,
  // list
  kChildRepeated,
  kColumnNotMapped,
  kCountDiffers,
  kDuplicateListSheet,
  kDuplicateRow,
  kExtraColumn,
  kHeaderSpelling,
  kJoinDuplicateKey,
  kListNotMapped,
  kMissingColumn,
  kMissingList,
  kMonthFirstDates,
  kRequiredColumnNotMapped,
  kSheetName,
  // cross-list
  kCaseStatusAssumed,
  kClaNotInList6,
  kCpNotInList6,
  kDemographicsDiffer,
  kFamilyNotInList11,
  kIcpcPlanNotInList7,
  // coverage
  kAuditChildNotInLists,
  kAuditCohortNotCovered,
  kAuditCpUnderFivesNotCovered,
  kAuditNoAudits,
  kAuditTeamNotCovered,
  // source contracts (contracts/contract_checks.h): cell and row
  kSourceBadDate,
  kSourceMissingValue,
  kSourceUnknownCode,
  kSourceDateOrder,
  kSourceDuplicateKey,
  kSourceDuplicateRow,
  kSourceOrphan,
  kSourceOptionalEmpty,
  // explained gaps (gaps/explanations.h)
  kExplanationStale,
  // data rules (annex_a_specs/<version>/rules/*.yaml, validate/data_rules.h):
  // each rule's findings carry its own id as code and its own severity
  kDataRule,
};
inline constexpr size_t kFindingKindCount = 55;  // finding_kinds.cc checks it

// The kinds by name where findings are made: kinds::kNotACode.
namespace kinds {
using enum FindingKind;
}

// Where a kind is found and what it means there.
struct FindingUse {
  FindingStage stage = FindingStage::kMapping;
  std::string_view meaning;  // one line
};

struct FindingKindInfo {
  FindingKind kind;
  std::string_view code;   // stable, kebab-case: users filter and track findings by it
  Severity severity;
  FindingScope scope;
  std::string_view lists;  // "all", "audit", or e.g. "4, 5, 7"
  FindingUse use;
  // A second stage that finds the same problem, in its own words (bad-date:
  // while mapping and while reading a workbook); meaning empty when none.
  FindingUse also;
};

// The catalogue row of `kind`.
const FindingKindInfo& Describe(FindingKind kind);

// Every kind, in FindingKind order.
std::span<const FindingKindInfo> FindingKinds();

// The kind with `code`, or nullptr (a code read back from a findings file).
const FindingKindInfo* FindFindingKind(std::string_view code);

// A finding of `kind`, its code and severity from the catalogue; the caller
// adds where it was found.
Finding MakeFinding(FindingKind kind, std::string message);
// The same from a catalogue row (a built-in kind's or a data rule's).
Finding MakeFinding(const FindingKindInfo& kind, std::string message);

// Data rules (spec/data_rule.h) join the catalogue when their spec version
// loads: each is a row of kind kDataRule with its own code, severity,
// lists and meaning, found by FindFindingKind like a built-in kind (so a
// findings file, the QA workbook and the PDF describe its findings). A
// code registered again with other details takes them; rows handed out
// before stay valid. Safe from any thread.
const FindingKindInfo& RegisterDataRuleKind(std::string_view code, Severity severity, std::string_view lists,
                                            std::string_view meaning);
// True when `code` is a registered data rule's (not a built-in kind's).
bool IsDataRuleCode(std::string_view code);

}  // namespace annexa
