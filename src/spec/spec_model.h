// The typed model of Ofsted's Annex A lists, loaded from annex_a_specs/
// (see spec_loader.h). Every later stage iterates this model: the mapper
// fills its columns, the validators check them, both writers lay them out.
// A new Ofsted column is therefore a YAML change, never a C++ change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annexa::spec {

enum class ColumnType { kId, kDate, kInteger, kCode, kText, kPostcode };
enum class BlankRule { kNever, kAllowed, kConditional };
// Whether Ofsted's guidance states the blank rule, or it comes from how
// established implementations (liia-tools) read the template.
enum class BlankBasis { kOfsted, kImplementation };
// The unit one row stands for.
enum class Grain { kChild, kEvent, kAdopter };

std::string_view ToString(ColumnType t);
std::string_view ToString(BlankRule b);
std::string_view ToString(Grain g);

struct CodeValue {
  std::string display;                // exactly as Ofsted writes it: "b) Female"
  std::string code;                   // bare code where there is one: "WBRI", "N1"; may be empty
  std::string label;                  // in words: "Female"
  std::string detail;                 // Ofsted's Detail text, may be empty
  std::string group;                  // Ofsted's Grouped value, may be empty
  std::string group2;                 // a second grouping (Activity: EET/NEET), may be empty
  std::vector<std::string> aliases;   // other accepted spellings
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
  std::map<std::string, CodeSet> code_sets;  // filtered to this version

  const ListSpec* FindList(int number) const;
  const CodeSet* FindCodeSet(std::string_view name) const;
  int TotalColumns() const;
};

}  // namespace annexa::spec
