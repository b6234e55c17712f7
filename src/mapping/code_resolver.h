// Turns a local value into an Ofsted display string for one code set: the
// council's own code map first, then Ofsted's display strings and accepted
// spellings, then the built-in alias table, then the bare code or label
// ("WBRI", "White British"), DfE's labels written without punctuation
// ("White - British", "Mixed: White and Black African"), and then the
// written-out forms councils export: "CODE - label", "CODE: label",
// "CODE label", "label (CODE)", "label [CODE]", "[CODE]", a local code in
// front of a label ("A1 - White British", "White British (101)") and whole
// numbers that went through a spreadsheet ("6.0"), and then the keyword
// rules (words that name one value: "hospital", "Black" + "Kenyan"). In a written-out form the
// code decides, but only when the label agrees with it: "N1 - Low income"
// resolves nowhere (the label names N7). A council's sub-code of a DfE code
// ("N1c - Parental Substance Misuse", "4g ...") is read as that code unless
// its words are another value's own code or label ("N1c - Low income"). Last comes the local map's "*"
// entry if it has one (e.g. "any disability code means a) Yes"). A value that
// resolves nowhere is not guessed: the caller keeps it and reports it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "spec/spec_model.h"
#include "spec/value_aliases.h"

namespace annexa::mapping {

using CodeMap = std::map<std::string, std::string>;

// The code map key that maps a blank source value (docs/config.md, "Code
// maps"): matched ignoring case, like every key.
inline constexpr const char* kBlankKey = "(blank)";

// What a value was read as. `exact` when the council's own code map said so,
// or the value is Ofsted's display string or accepted spelling, or the code
// set's own bare code or label ("WBRI", "White British"), each by match form
// (case, curly quotes and spacing folded); every other reading is a spelling
// the caller reports (a `code-spelling` finding).
struct Resolution {
  const std::string* display = nullptr;  // nullptr: resolves nowhere
  bool exact = false;
};

class CodeResolver {
 public:
  // `column`: the column's key, for the built-in spellings of that column
  // only (value_aliases.yaml `columns:`); empty for the set's alone.
  CodeResolver(const spec::CodeSet& set, const spec::ValueAliases& aliases, const CodeMap* local_map,
               std::string column = {});
  // Its memo points into its own tables: not copied or moved.
  CodeResolver(const CodeResolver&) = delete;
  CodeResolver& operator=(const CodeResolver&) = delete;

  // The display string, or nullptr when `value` resolves nowhere.
  // Remembers its answers (a column repeats a handful of values across
  // every row), so one resolver must not be used by two threads at once.
  const std::string* Resolve(std::string_view value) const { return Read(value).display; }
  // The same, saying whether the reading was exact.
  Resolution Read(std::string_view value) const;
  // Tiers 1-5 only (display strings, aliases, bare codes and labels, DfE's
  // labels): no written-out forms or words. Code map targets use it.
  const std::string* Plain(std::string_view value) const;
  // The local map's `(blank)` target, or nullptr: what a blank value is.
  const std::string* Blank() const { return blank_.empty() ? nullptr : &blank_; }

 private:
  using Table = std::map<std::string, std::string, std::less<>>;
  Table table_;        // match form -> display (tiers 1-2)
  Table loose_;        // tier 2b: displays by LooseForm
  Table words_;        // tier 4: bare codes and labels
  Table labels_;       // tier 5: labels, group + label and DfE details by LooseForm
  Table codes_;        // tier 6: bare codes by match form, for written-out forms
  Table dfe_codes_;    // tier 6b: the values' other DfE codes (spec::CodeValue::dfe_codes)
  std::string aliases_set_;
  std::string column_;  // the column's key, for its own built-in spellings
  const spec::ValueAliases* aliases_ = nullptr;            // tier 3
  std::string blank_;     // the local map's `(blank)` entry
  std::string fallback_;  // the local map's "*" entry: any other non-blank value
  // Per value: its display and the word stems of its label, detail, group
  // and display, to judge whether a written-out label agrees with a code.
  std::vector<std::pair<const std::string*, std::set<std::string>>> vocab_;
  std::vector<std::pair<const std::string*, std::set<std::string>>> strict_vocab_;  // the same without (asides)
  // Each value's own name, as word stems: its label, or where other values
  // share the label (SOURCE's "Health services") DfE's words after it ("school
  // nurse"), less its group's words and words another value's name shares.
  std::map<const std::string*, std::set<std::string>> own_name_;
  std::map<const std::string*, std::set<std::string>> first_alternative_;  // a label's words before its first '/'
  std::set<const std::string*> negated_;  // values whose own name says "no" or "not

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // `fallback`: end with the local map's "*" entry (not for a head, below).
  Resolution Lookup(std::string_view value, bool fallback = true) const;
  // A label with trailing examples or exclusions ("Other primary health
  // services (eg: Hospital or Clinic)", "Other internal (NOT Social Care,
  // Housing)", "Independent living, eg. in flat"): the value its head alone
  // reads as, or nullptr. The examples never decide; they may name nothing
  // or a value of the head's own group, not another group's.
  const std::string* ByHead(std::string_view value) const;
  // nullopt: not a written-out form; nullptr: a code whose label disagrees.
  std::optional<const std::string*> WrittenOut(std::string_view form, std::string_view original) const;
  // `code_display` when `label` agrees with it, else nullptr. `need_words`:
  // the label must share words with the value's meaning, not merely not
  // contradict it (a code followed by a bare space).
  const std::string* WithCode(const std::string& code_display, std::string_view label, bool need_words) const;
  bool LabelAgrees(const std::string& display, std::string_view label, bool need_words) const;
  // The words after a council's sub-code of `display` ("N1c - ...") agree
  // with it unless they are another value's own code or label.
  bool SubCodeAgrees(const std::string& display, std::string_view words) const;
  // The value whose meaning (label, DfE detail, group) holds every one of
  // `text`'s words, when no other value's holds as many, or nullptr.
  const std::string* ByWords(std::string_view text) const;
  // A value's own label, then a separator and more words that do not
  // contradict it ("Abuse or neglect - Sexual abuse"), or nullptr.
  const std::string* LabelFirst(std::string_view form) const;
  std::vector<std::pair<std::string, const std::string*>> label_forms_;  // unambiguous labels, match form
  // A group name written before a value of that group ("Asian or Asian
  // British - Indian", "Black / Brit - African", "Other - Japanese"): the
  // rest must read as a value of a group the head names, else nullptr.
  const std::string* GroupThen(std::string_view text) const;
  struct Group {
    std::string name;                         // "White", without its letter
    std::set<std::string> stems;              // the name's word stems
    std::set<const std::string*> members;     // displays (pointers into table_)
  };
  std::vector<Group> groups_;
  // "Not known", "UNK", "N/K" and the like: the set's reading of "Unknown"
  // (or of "Not known"), or nullptr when the two differ or neither reads.
  const std::string* UnknownAlike() const;
  mutable bool reading_alike_ = false;
  bool has_refusal_ = false;  // a value labelled "Refused" (ethnicity's REFU)
  // The one value the keyword rules' words name (value_keywords.yaml), or nullptr.
  // `every_word`, when given: whether the naming rule holds every word.
  const std::string* ByKeywords(std::string_view text, bool* every_word = nullptr) const;
  // GroupThen calls left for the value being read: a head of group names
  // repeated ("White/White/.../White") must not try every cut of every rest.
  mutable int group_budget_ = 0;
  mutable std::unordered_map<std::string, Resolution, Hash, std::equal_to<>> memo_;
};

// A code map target's display: Ofsted's display string, an alias, a bare
// code or label (CodeResolver::Plain), never a written-out form.
std::optional<std::string> ResolveInSet(const spec::CodeSet& set, const spec::ValueAliases& aliases,
                                        std::string_view value);

// A label split at its asides: bracketed or trailing examples ("(eg:
// Hospital)", ", i.e. ...", "such as ...", "including ...") and bracketed
// exclusions ("(NOT Social Care, Housing)"). `head` is what is left.
struct LabelHead {
  std::string head;
  std::vector<std::string> examples;  // each example part, without its brackets
  bool excluded = false;              // an exclusion was left out
  bool illustrated = false;           // an example part is "e.g." or the like, not "i.e."
};
LabelHead SplitLabelHead(std::string_view text);

// The word stems a label is compared by: lower-case words of letters and
// digits, common joining words left out, each cut to its first six letters
// ("relatives" and "relative" agree, "nursery" and "nurse" do not).
std::set<std::string> WordStems(std::string_view text);

}  // namespace annexa::mapping
