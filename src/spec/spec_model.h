// The typed model of Ofsted's Annex A lists, loaded from annex_a_specs/
// (see spec_loader.h). Every later stage iterates this model: the mapper
// fills its columns, the validators check them, both writers lay them out.
// A new Ofsted column is therefore a YAML change, never a C++ change.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/data_rule.h"

namespace annexa::spec {

// The audited-case list is not one of Ofsted's numbered lists. It carries
// this number inside annexa so it is built, checked and written with the
// same code as Lists 1-11; users and messages see its title instead.
inline constexpr int kAuditedCasesList = 100;

enum class ColumnType { kId, kDate, kInteger, kCode, kText, kPostcode };
enum class BlankRule { kNever, kAllowed, kConditional };
// Whether Ofsted's guidance states the blank rule, or it comes from how
// established implementations (liia-tools) read the template.
enum class BlankBasis { kOfsted, kImplementation };
// The unit one row stands for.
enum class Grain { kChild, kEvent, kAdopter };
// What a column says about a person, for --pseudonymise (src/protect/):
// an identifier (salted hash), a date of birth (first of the month), a
// postcode (its sector) or a person's name (removed).
enum class Personal { kNone, kId, kDateOfBirth, kPostcode, kName };

std::string_view ToString(ColumnType t);
std::string_view ToString(BlankRule b);
std::string_view ToString(Grain g);
std::string_view ToString(Personal p);

struct CodeValue {
  std::string display;                // exactly as Ofsted writes it: "b) Female"
  std::string code;                   // bare code where there is one: "WBRI", "N1"; may be empty
  std::string label;                  // in words: "Female"
  std::string detail;                 // Ofsted's Detail text, may be empty
  std::string group;                  // Ofsted's Grouped value, may be empty
  std::string group2;                 // a second grouping (Activity: EET/NEET), may be empty
  std::vector<std::string> aliases;   // other accepted spellings
  // Other DfE codes that mean this value, read as it with a finding:
  // SSDA903 OC3's accommodation code carries the suitability too ("U2":
  // U, independent living, not suitable).
  std::vector<std::string> dfe_codes;
  std::vector<std::string> versions;  // versions accepting it; empty = all
};

struct CodeSet {
  std::string name;   // GENDER, ETHNICITY ...
  std::string title;
  std::string note;
  std::vector<CodeValue> values;  // only those the loaded version accepts

  // The value whose display string or an alias has the same MatchForm as
  // `text`; nullptr when none does.
  const CodeValue* Find(std::string_view text) const;
};

struct ColumnSpec {
  std::string key;                   // stable snake_case id, unique in its list
  std::string header;                // exactly as Ofsted spells it
  std::string match_form;            // MatchForm(header)
  std::vector<std::string> aliases;  // other headers accepted when reading
  ColumnType type = ColumnType::kText;
  std::optional<int64_t> min, max;   // kInteger only
  std::string code_set;              // kCode: the values; kText: special values recognised
  BlankRule blank = BlankRule::kAllowed;
  BlankBasis blank_basis = BlankBasis::kOfsted;
  std::string blank_when;            // kConditional: Ofsted's condition in words
  std::string blank_only_if_blank;   // kConditional: may be blank only while this column is
  std::string guidance;
  Personal personal = Personal::kNone;  // `personal:` in the YAML

  // True when `header` matches this column (header or an alias, by MatchForm).
  bool Matches(std::string_view header) const;
};

struct Window {
  int months = 0;              // "in the N months before the reference date"; 0 = none
  bool point_in_time = false;  // "at the point of inspection"
};

// What the pack's one-page summary of a list shows: counts by month of
// `date` and breakdowns by the `breakdowns` columns.
struct ListSummary {
  std::string date;                     // a date column key, or empty
  std::vector<std::string> breakdowns;  // code or text column keys
};

struct ListSpec {
  int number = 0;
  std::string title;       // "List 8: Children in care"
  std::string sheet;       // "List_8"
  std::string inclusion;   // the inclusion rule in words
  Grain grain = Grain::kEvent;
  std::string grain_note;
  Window window;
  std::vector<ColumnSpec> columns;  // in Ofsted's order
  ListSummary summary;
  std::string file;                 // where it was defined (for messages)

  // "List 7", or the title for the audited-case list.
  std::string Label() const;

  const ColumnSpec* FindColumn(std::string_view key) const;
  // Index of the column with `key`, or -1.
  int ColumnIndex(std::string_view key) const;
  // Index of the column whose header matches, or -1.
  int FindColumnByHeader(std::string_view header) const;
};

struct SpecVersion {
  std::string id;          // "ilacs-2023"
  std::string title;
  std::string published;   // ISO date
  std::string base;        // the version it derives from, or empty
  std::string source;
  std::vector<ListSpec> lists;             // ascending list number
  // The audited-case list (version.yaml `audit:`, inherited from the base);
  // number kAuditedCasesList. Empty when the version names none. Held by
  // pointer so lists built against it keep a valid spec when the version
  // is moved (as `lists` keeps its elements in place).
  std::shared_ptr<const ListSpec> audit;
  std::map<std::string, CodeSet> code_sets;  // filtered to this version
  // Data rules (version.yaml `rules:`, a folder of rule files, and the
  // base's), checked against this version's lists and code sets; the
  // coverage entries those files give.
  std::vector<DataRule> rules;
  std::vector<CoverageEntry> coverage;
  std::vector<std::string> rule_files;  // every rules file read, the base's first

  // Lists 1-11, or the audited-case list for kAuditedCasesList.
  const ListSpec* FindList(int number) const;
  const CodeSet* FindCodeSet(std::string_view name) const;
  int TotalColumns() const;
};

}  // namespace annexa::spec
