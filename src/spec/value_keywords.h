// Keyword rules: words that name one Annex A value whatever else a local
// label says ("Stockport Hospital - Stepping Hill" holds "hospital": 3F,
// other health services; "Black - Kenyan" holds "Black" and an African
// nationality: BAFR). Read from annex_a_specs/value_keywords.yaml; the code
// resolver tries them last, after every spelling and written-out form, and
// each reading they give is reported as a `code-spelling` finding.
//
// A rule names a value and the concepts its words must all show, each
// concept a list of phrases (any one will do); `unless` phrases stop it. A
// value is read only when exactly one value's rules fire, after dropping a
// rule whose matched words are a strict part of another fired rule's
// ("school nurse" is 3C, not 2A "school"). A negating word ("not", "no",
// "non", "excluding", "except", "than", "without") denies the phrase right
// after it ("Internal (not social care)" does not name 5A by "social
// care"); one that denies nothing and is no part of a matched phrase ("not
// known") stops every reading.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace annexa::spec {

// One phrase: its words, each folded to lower case and to the singular
// ("neighbours", "disabilities" -> "disability"), joining words ("and",
// "of", "the", "or") left out. Matched as consecutive words.
using Phrase = std::vector<std::string>;

struct KeywordRule {
  std::string value;                       // a display string, code or label of the set
  std::vector<std::vector<Phrase>> when;  // every concept must match, by any of its phrases
  std::vector<Phrase> unless;
  int line = 0;  // in value_keywords.yaml, for messages
};

// The words of `text` as the rules compare them (see Phrase).
std::vector<std::string> KeywordTokens(std::string_view text);

class ValueKeywords {
 public:
  // The `value` of the single value `text`'s words name in set `set`, or
  // nullptr.
  const std::string* Name(std::string_view set, std::string_view text) const;
  // The same for words already split by KeywordTokens (a caller that needs
  // them too splits the text once). `every_word`, when given, says whether
  // the naming rule's phrases (and asides) hold every word of the text.
  const std::string* NameTokens(std::string_view set, const std::vector<std::string>& tokens,
                                bool* every_word = nullptr) const;
  const std::vector<KeywordRule>* Rules(std::string_view set) const;
  size_t size() const;
  void Add(const std::string& set, KeywordRule rule) { by_set_[set].push_back(std::move(rule)); }
  // Asides: phrases that say nothing about which value ("not under a
  // residence order", "no longer looked after"). Their words are passed
  // over: they match no rule, and a negation in them needs no cover.
  void AddAside(const std::string& set, Phrase p) { asides_[set].push_back(std::move(p)); }

 private:
  std::map<std::string, std::vector<KeywordRule>, std::less<>> by_set_;
  std::map<std::string, std::vector<Phrase>, std::less<>> asides_;
};

// Loads `path`; a missing file gives no rules. kParseError with
// file:line:col for malformed content or an unknown named word list.
Result<ValueKeywords> LoadValueKeywords(const std::string& path);

}  // namespace annexa::spec
