#include "spec/value_keywords.h"

#include <cstdint>
#include <set>
#include <utility>

#include "core/text.h"
#include "core/yaml_reader.h"

namespace annexa::spec {

namespace {

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Words that deny what follows them: a rule's phrase must cover each one.
bool IsNegation(const std::string& w) {
  static const std::set<std::string, std::less<>> kNegations = {"not", "non", "no", "excluding", "except", "than",
                                                                "without", "exclude", "excl"};
  return kNegations.count(w) > 0;
}

// The bits of every place `phrase` occurs in `tokens` (0: nowhere). An
// occurrence right after a negating word ("not social care") is denied:
// left out, and its start added to `*denied`, unless the phrase itself
// starts with one ("not known", "no recourse").
// `passed`: the bits of words no occurrence may use (asides).
uint64_t Occurrences(const std::vector<std::string>& tokens, const Phrase& phrase, uint64_t after_negation,
                     uint64_t* denied, uint64_t passed = 0) {
  uint64_t bits = 0;
  if (phrase.empty() || phrase.size() > tokens.size()) return 0;
  const bool literal = IsNegation(phrase[0]);
  for (size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
    size_t k = 0;
    while (k < phrase.size() && tokens[i + k] == phrase[k] && !(passed >> (i + k) & 1)) ++k;
    if (k != phrase.size()) continue;
    if (!literal && (after_negation >> i & 1)) {
      *denied |= uint64_t{1} << i;
      continue;
    }
    for (size_t j = 0; j < k; ++j) bits |= uint64_t{1} << (i + j);
  }
  return bits;
}

}  // namespace

std::vector<std::string> KeywordTokens(std::string_view text) {
  static const std::set<std::string, std::less<>> kJoining = {"and", "of", "the", "or"};
  std::vector<std::string> out;
  const std::string f = MatchForm(text);
  std::string word;
  auto flush = [&] {
    // Plurals fold to the singular ("neighbours", "disabilities"); words
    // are otherwise whole ("council" is not "councillor").
    if (word.size() > 4 && word.compare(word.size() - 3, 3, "ies") == 0) word.replace(word.size() - 3, 3, "y");
    else if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
    if (!word.empty() && !kJoining.count(word)) out.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (IsWordChar(c)) word += c;
    else if (c == '\'' && !word.empty() && i + 1 < f.size() && IsWordChar(f[i + 1])) continue;  // "children's"
    else flush();
  }
  flush();
  return out;
}

const std::vector<KeywordRule>* ValueKeywords::Rules(std::string_view set) const {
  auto it = by_set_.find(set);
  return it == by_set_.end() ? nullptr : &it->second;
}

size_t ValueKeywords::size() const {
  size_t n = 0;
  for (const auto& [set, rules] : by_set_) n += rules.size();
  return n;
}

const std::string* ValueKeywords::Name(std::string_view set, std::string_view text) const {
  if (!Rules(set)) return nullptr;
  return NameTokens(set, KeywordTokens(text));
}

const std::string* ValueKeywords::NameTokens(std::string_view set, const std::vector<std::string>& tokens,
                                             bool* every_word) const {
  if (every_word) *every_word = false;
  const std::vector<KeywordRule>* rules = Rules(set);
  if (!rules) return nullptr;
  if (tokens.empty() || tokens.size() > 64) return nullptr;  // free text is no label
  uint64_t passed = 0, ignored = 0;
  if (auto a = asides_.find(set); a != asides_.end())
    for (const Phrase& p : a->second) passed |= Occurrences(tokens, p, 0, &ignored);
  uint64_t after_negation = 0, denied = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i)
    if (IsNegation(tokens[i]) && !(passed >> i & 1)) after_negation |= uint64_t{1} << (i + 1);
  struct Fired {
    const KeywordRule* rule;
    uint64_t mask;
  };
  std::vector<Fired> fired;
  for (const KeywordRule& r : *rules) {
    uint64_t mask = 0;
    bool all = true;
    for (const std::vector<Phrase>& alternatives : r.when) {
      uint64_t m = 0;
      for (const Phrase& p : alternatives) m |= Occurrences(tokens, p, after_negation, &denied, passed);
      if (!m) {
        all = false;
        break;
      }
      mask |= m;
    }
    if (!all || mask == 0) continue;
    bool stopped = false;
    for (const Phrase& p : r.unless) stopped = stopped || Occurrences(tokens, p, 0, &ignored) != 0;
    if (!stopped) fired.push_back({&r, mask});
  }
  // A rule whose words are a strict part of another value's rule's words
  // gives way to it.
  const std::string* value = nullptr;
  uint64_t covered = 0;
  for (const Fired& f : fired) {
    bool beaten = false;
    for (const Fired& g : fired)
      if (g.rule->value != f.rule->value && (f.mask & g.mask) == f.mask && f.mask != g.mask) beaten = true;
    if (beaten) continue;
    if (value && *value != f.rule->value) return nullptr;  // two values
    value = &f.rule->value;
    covered |= f.mask;
  }
  if (!value) return nullptr;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (IsNegation(tokens[i]) && !(covered >> i & 1) && !(passed >> i & 1) &&
        !(i + 1 < 64 && (denied >> (i + 1) & 1)))
      return nullptr;
  if (every_word) *every_word = (covered | passed) == (tokens.size() == 64 ? ~uint64_t{0} : (uint64_t{1} << tokens.size()) - 1);
  return value;
}

Result<ValueKeywords> LoadValueKeywords(const std::string& path) {
  Result<YamlValue> doc = LoadYamlFile(path);
  if (!doc.ok()) {
    if (doc.status().code() == StatusCode::kNotFound) return ValueKeywords();
    return doc.status();
  }
  Problems problems;
  FileReader r(path, &problems);
  ValueKeywords out;
  if (!r.ExpectMap(*doc, "the keywords file")) return problems.ToStatus();
  r.CheckKeys(*doc, {"keywords"}, "the keywords file");
  const YamlValue* sets = doc->Find("keywords");
  if (sets && r.ExpectMap(*sets, "'keywords'")) {
    for (const auto& [set, body] : sets->entries) {
      const std::string what = "keywords of '" + set.scalar + "'";
      if (!r.ExpectMap(body, what)) continue;
      r.CheckKeys(body, {"words", "asides", "rules"}, what);
      std::map<std::string, std::vector<Phrase>> named;  // "$name" -> its phrases
      if (const YamlValue* words = body.Find("words"); words && r.ExpectMap(*words, what + ": 'words'"))
        for (const auto& [name, list] : words->entries)
          for (const std::string& p : r.StrList(list, name.scalar)) named["$" + name.scalar].push_back(KeywordTokens(p));
      // A phrase, "$name", or a list of those: the phrases they stand for.
      const auto phrases = [&](const YamlValue& v, std::string_view key) {
        std::vector<Phrase> out_phrases;
        std::vector<std::string> items;
        if (v.IsScalar()) items.push_back(v.scalar);
        else items = r.StrList(v, key);
        for (const std::string& item : items) {
          if (!item.empty() && item[0] == '$') {
            auto it = named.find(item);
            if (it == named.end()) r.Error(v.mark, what + ": no word list '" + item.substr(1) + "' under 'words'");
            else out_phrases.insert(out_phrases.end(), it->second.begin(), it->second.end());
          } else if (Phrase p = KeywordTokens(item); !p.empty()) {
            out_phrases.push_back(std::move(p));
          } else {
            r.Error(v.mark, what + ": '" + item + "' holds no word");
          }
        }
        return out_phrases;
      };
      if (const YamlValue* asides = body.Find("asides"))
        for (const std::string& p : r.StrList(*asides, "asides"))
          if (Phrase ph = KeywordTokens(p); !ph.empty()) out.AddAside(set.scalar, std::move(ph));
      const YamlValue* rules = body.Find("rules");
      if (!rules) continue;
      if (!rules->IsSequence()) {
        r.Error(rules->mark, what + ": 'rules' must be a list");
        continue;
      }
      for (const YamlValue& rule : rules->items) {
        if (!r.ExpectMap(rule, what + ": a rule")) continue;
        r.CheckKeys(rule, {"value", "when", "unless"}, what + ": a rule");
        KeywordRule k;
        k.line = rule.mark.line;
        if (std::optional<std::string> v = r.Str(rule, "value", what + ": a rule", true)) k.value = *v;
        const YamlValue* when = rule.Find("when");
        if (!when || !when->IsSequence() || when->items.empty()) {
          r.Error(rule.mark, what + ": a rule needs 'when', a list of the words it looks for");
          continue;
        }
        for (const YamlValue& alternatives : when->items) k.when.push_back(phrases(alternatives, "when"));
        if (const YamlValue* unless = rule.Find("unless")) k.unless = phrases(*unless, "unless");
        out.Add(set.scalar, std::move(k));
      }
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  return out;
}

}  // namespace annexa::spec
