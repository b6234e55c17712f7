#include "mapping/code_resolver.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "spec/value_keywords.h"

namespace annexa::mapping {

namespace {

// Adds a tier's entries; an earlier (higher) tier wins a clash.
void AddTier(const std::map<std::string, std::string>& tier,
             std::map<std::string, std::string, std::less<>>* table) {
  for (const auto& [form, display] : tier) table->emplace(form, display);
}

// Adds `form` -> `display` unless another display has it (then neither keeps it).
void AddUnique(const std::string& form, const std::string& display, std::map<std::string, std::string>* m,
               std::set<std::string>* clash) {
  if (form.empty()) return;
  auto [it, fresh] = m->emplace(form, display);
  if (!fresh && it->second != display) clash->insert(form);
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsSeparator(char c) { return c == ' ' || c == ':' || c == '-' || c == ')' || c == ']' || c == '/' || c == '.'; }

// Two word stems of five letters or more, the same but for one letter
// changed or two next to each other swapped ("disabl", "disabi").
bool OneSlip(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.size() < 5 || a == b) return false;
  size_t first = a.size(), diffs = 0;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) {
      if (first == a.size()) first = i;
      ++diffs;
    }
  if (diffs == 1) return true;
  return diffs == 2 && first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
         a.compare(first + 2, std::string::npos, b, first + 2, std::string::npos) == 0;
}

// The letters after a number that make it an ordinal ("1st", "2nd"): no
// council sub-code of a need code.
// One answer, many spellings: "Unknown", "Not known", "UNK" (HL7's null
// flavour), "NK", "N/K", "Not recorded", "No information" (match forms):
// the council does not hold the value. ("Not stated" is one only where the
// set has no refusal: see Lookup.)
bool IsUnknownForm(std::string_view form) {
  static const std::set<std::string, std::less<>> kUnknown = {
      "unknown",   "not known",   "unk",        "nk",           "n/k",           "n.k", "n k", "don't know",
      "dont know", "do not know", "not recorded", "no information", "information not recorded"};
  return kUnknown.count(form) > 0;
}

bool IsNotApplicableForm(std::string_view form) {
  return form == "n/a" || form == "n.a" || form == "n a" || form == "na" || form == "not applicable";
}

bool IsOrdinalSuffix(std::string_view s) { return s == "st" || s == "nd" || s == "rd" || s == "th"; }

// `s` without separators (and spaces) at either end.
std::string_view StripSeparators(std::string_view s) {
  while (!s.empty() && (IsSeparator(s.front()) || s.front() == '(' || s.front() == '[')) s.remove_prefix(1);
  while (!s.empty() && (IsSeparator(s.back()) || s.back() == '(' || s.back() == '[')) s.remove_suffix(1);
  return s;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A council's own code written in front of (or after) a label: "A1", "101",
// "WENG". Words that negate are never taken for one ("NOT IN TOUCH").
bool LooksLikeLocalCode(std::string_view form, std::string_view original, bool explicit_separator) {
  if (form.empty() || form.size() > 8) return false;
  if (form == "not" || form == "no" || form == "non") return false;
  if (form.size() <= 6 && HasDigit(form)) return true;
  // Seven or eight letters only in capitals before a separator ("SCHNURSE -").
  if (!explicit_separator || original.size() < form.size()) return false;
  return std::all_of(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(form.size()), IsUpperOrDigit);
}

}  // namespace

LabelHead SplitLabelHead(std::string_view text) {
  // The first `n` words of `s`, lower case, without dots ("e.g." -> "eg").
  const auto first_words = [](std::string_view s, int n) {
    std::string out;
    int words = 0;
    bool in_word = false;
    for (char c : s) {
      const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (IsAlnum(l)) {
        if (!in_word && ++words > n) break;
        if (!in_word && !out.empty()) out += ' ';
        in_word = true;
        out += l;
      } else if (l != '.' && l != '\'') {
        in_word = false;
      } else if (!in_word) {
        continue;
      }
    }
    return out;
  };
  static const std::set<std::string, std::less<>> kExample = {"eg", "ie", "including", "inc", "incl"};
  static const std::set<std::string, std::less<>> kExample2 = {"such as", "for example", "for instance"};
  static const std::set<std::string, std::less<>> kExclude = {"not", "excluding", "excl", "except", "exc"};
  LabelHead out;
  const auto is_example = [&](std::string_view s) {
    const std::string w = first_words(s, 1);
    if (!kExample.count(w) && !kExample2.count(first_words(s, 2))) return false;
    out.illustrated = out.illustrated || w != "ie";  // "i.e." restates, "e.g." illustrates
    return true;
  };
  std::string head;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '(' || c == '[') {
      // A bracketed aside: to its close, or the end when unclosed.
      const char close = c == '(' ? ')' : ']';
      size_t j = text.find(close, i + 1);
      const size_t end = j == std::string_view::npos ? text.size() : j + 1;
      std::string_view inner = text.substr(i + 1, (j == std::string_view::npos ? text.size() : j) - i - 1);
      if (is_example(inner)) {
        out.examples.emplace_back(inner);
        i = end;
        continue;
      }
      if (kExclude.count(first_words(inner, 1))) {
        out.excluded = true;
        i = end;
        continue;
      }
      head.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    // A marker outside brackets, at a word's start: the rest is examples.
    const bool word_start = IsAlnum(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)) &&
                            (i == 0 || !IsAlnum(static_cast<char>(text[i - 1] >= 'A' && text[i - 1] <= 'Z'
                                                                     ? text[i - 1] - 'A' + 'a'
                                                                     : text[i - 1])));
    if (word_start && i > 0 && is_example(text.substr(i))) {
      out.examples.emplace_back(text.substr(i));
      break;
    }
    head += c;
    ++i;
  }
  // The head without the separators the asides leave at its end.
  std::string_view h = head;
  while (!h.empty() && (IsSeparator(h.back()) || h.back() == ',' || h.back() == ';' || h.back() == '(' ||
                        h.back() == '[' || h.back() == '\t'))
    h.remove_suffix(1);
  while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.remove_prefix(1);
  out.head = std::string(h);
  return out;
}

std::set<std::string> WordStems(std::string_view text) {
  static const std::set<std::string, std::less<>> kJoining = {
      "and", "the", "of", "or", "to", "with", "in", "for", "by", "on", "is", "are", "be", "was", "who",
      "which", "at", "as", "from", "eg", "etc", "an", "their", "this", "that", "has", "been", "under"};
  std::set<std::string> out;
  const std::string f = MatchForm(text);
  std::string word;
  auto flush = [&] {
    if (word.size() > 1 && !kJoining.count(word)) out.insert(word.substr(0, 6));
    word.clear();
  };
  for (char c : f) {
    if (IsAlnum(c)) word += c;
    else flush();
  }
  flush();
  return out;
}

CodeResolver::CodeResolver(const spec::CodeSet& set, const spec::ValueAliases& aliases, const CodeMap* local_map,
                           std::string column)
    : column_(std::move(column)) {
  // Tier 1: the council's own map (already resolved to display strings).
  std::map<std::string, std::string> local;
  if (local_map) {
    for (const auto& [from, to] : *local_map) {
      if (from == "*") fallback_ = to;  // any other non-blank value
      else if (MatchForm(from) == kBlankKey) blank_ = to;  // a blank value
      else local.emplace(MatchForm(from), to);
    }
  }
  AddTier(local, &table_);
  // Tier 2: Ofsted's display strings and accepted spellings.
  std::map<std::string, std::string> ofsted;
  for (const spec::CodeValue& v : set.values) {
    ofsted.emplace(MatchForm(v.display), v.display);
    for (const std::string& a : v.aliases) ofsted.emplace(MatchForm(a), v.display);
  }
  AddTier(ofsted, &table_);
  // Tier 2b: Ofsted's strings differing only by punctuation.
  std::set<std::string> loose_clash;
  for (const spec::CodeValue& v : set.values) {
    auto [it, fresh] = loose_.emplace(LooseForm(v.display), v.display);
    if (!fresh && it->second != v.display) loose_clash.insert(it->first);
  }
  for (const std::string& f : loose_clash) loose_.erase(f);
  // Tier 3 (built-in aliases) is looked up lazily in Resolve: it is large
  // and shared. Tier 4: bare codes and labels, where unambiguous.
  std::map<std::string, std::string> words;
  std::set<std::string> ambiguous;
  for (const spec::CodeValue& v : set.values) {
    for (const std::string* w : {&v.code, &v.label}) {
      if (w->empty()) continue;
      AddUnique(MatchForm(*w), v.display, &words, &ambiguous);
    }
  }
  for (const std::string& form : ambiguous) words.erase(form);
  for (const auto& [form, display] : words) words_.emplace(form, display);
  // (An element, not a structured binding: clang 14, which builds the
  // fuzzers, cannot capture a binding in a lambda.)
  for (const auto& entry : words_) {
    const std::string& form = entry.first;
    if (form.size() >= 4 && std::any_of(set.values.begin(), set.values.end(),
                                        [&](const spec::CodeValue& v) { return MatchForm(v.label) == form; }))
      label_forms_.emplace_back(form, &entry.second);
  }
  aliases_set_ = set.name;
  aliases_ = &aliases;
  for (const spec::CodeValue& v : set.values) has_refusal_ = has_refusal_ || MatchForm(v.label) == "refused";
  // Tier 5: labels, "group - label" (DfE's "Mixed - White and Black
  // African") and DfE's detail with or without its code, whatever the
  // punctuation between the words.
  std::map<std::string, std::string> labels;
  std::set<std::string> label_clash;
  for (const spec::CodeValue& v : set.values) {
    AddUnique(LooseForm(v.label), v.display, &labels, &label_clash);
    if (!v.group.empty()) {
      std::string_view g = v.group;
      if (size_t p = g.find(") "); p != std::string_view::npos && p < 4) g.remove_prefix(p + 2);
      AddUnique(LooseForm(std::string(g) + " " + v.label), v.display, &labels, &label_clash);
    }
    if (!v.detail.empty()) {
      AddUnique(LooseForm(v.detail), v.display, &labels, &label_clash);
      if (!v.code.empty() && StartsWith(v.detail, v.code + " - "))
        AddUnique(LooseForm(v.detail.substr(v.code.size() + 3)), v.display, &labels, &label_clash);
    }
  }
  for (const std::string& f : label_clash) labels.erase(f);
  for (const auto& [form, display] : labels) labels_.emplace(form, display);
  // Tier 6: the codes a written-out form may start or end with.
  std::map<std::string, std::string> codes;
  std::set<std::string> code_clash;
  for (const spec::CodeValue& v : set.values) {
    if (!v.code.empty()) AddUnique(MatchForm(v.code), v.display, &codes, &code_clash);
    for (const std::string& c : v.dfe_codes) {
      AddUnique(MatchForm(c), v.display, &codes, &code_clash);
      dfe_codes_.emplace(MatchForm(c), v.display);
    }
  }
  for (const std::string& f : code_clash) codes.erase(f);
  for (const auto& [form, display] : codes) codes_.emplace(form, display);
  for (const spec::CodeValue& v : set.values) {
    const auto it = std::find_if(table_.begin(), table_.end(), [&](const auto& e) { return e.second == v.display; });
    if (it == table_.end()) continue;
    std::string_view g = v.group;
    if (size_t p = g.find(") "); p != std::string_view::npos && p < 4) g.remove_prefix(p + 2);
    vocab_.emplace_back(&it->second, WordStems(v.label + " " + v.detail + " " + std::string(g) + " " + v.display));
    // Without the detail's asides: "(Children and Family Court Advisory and
    // Support Service)" must not make "Family Support" a legal agency.
    std::string detail;
    int depth = 0;
    for (char c : v.detail) {
      if (c == '(') ++depth;
      else if (c == ')') depth = std::max(0, depth - 1);
      else if (depth == 0) detail += c;
    }
    strict_vocab_.emplace_back(&it->second, WordStems(v.label + " " + detail + " " + std::string(g) + " " + v.display));
    if (!g.empty()) {
      auto grp = std::find_if(groups_.begin(), groups_.end(), [&](const Group& x) { return x.name == g; });
      if (grp == groups_.end()) grp = groups_.insert(groups_.end(), Group{std::string(g), WordStems(g), {}});
      grp->members.insert(&it->second);
    }
  }
  // Own names (see own_name_): first each value's raw name, then less the
  // words another value's raw name has too.
  std::map<std::string, int> label_count;
  for (const spec::CodeValue& v : set.values) ++label_count[MatchForm(v.label)];
  std::vector<std::pair<const std::string*, std::set<std::string>>> raw;
  for (const spec::CodeValue& v : set.values) {
    const auto it = std::find_if(table_.begin(), table_.end(), [&](const auto& e) { return e.second == v.display; });
    if (it == table_.end()) continue;
    std::string name = v.label;
    if (label_count[MatchForm(v.label)] > 1) {
      // DfE's words after the shared label's dash, to a comma or bracket.
      std::string_view d = v.detail;
      for (std::string_view dash : {"\xE2\x80\x93", " - "})
        if (size_t p = d.find(dash); p != std::string_view::npos) {
          d.remove_prefix(p + dash.size());
          break;
        }
      d = d.substr(0, std::min(d.find(','), d.find('(')));
      name = std::string(d);
    }
    std::set<std::string> stems = WordStems(name);
    for (const Group& grp : groups_)
      if (grp.members.count(&it->second))
        for (const std::string& w : grp.stems) stems.erase(w);
    // A name that says "no" or "not" ("no further action") is never one
    // word of it ("Action").
    {
      const std::string f = " " + MatchForm(name) + " ";
      for (const char* neg : {" no ", " not ", " non ", " without ", " never "})
        if (f.find(neg) != std::string::npos) negated_.insert(&it->second);
    }
    raw.emplace_back(&it->second, std::move(stems));
    first_alternative_[&it->second] =
        v.label.find('/') == std::string::npos ? std::set<std::string>() : WordStems(v.label.substr(0, v.label.find('/')));
  }
  for (const auto& [d, stems] : raw) {
    std::set<std::string> own = stems;
    for (const auto& [other, other_stems] : raw)
      if (*other != *d)
        for (const std::string& w : other_stems) own.erase(w);
    own_name_[d] = std::move(own);
  }
}

Resolution CodeResolver::Read(std::string_view value) const {
  // Bounded, so that a free-text column of distinct values cannot grow it
  // without limit; past the bound values are simply resolved each time.
  constexpr size_t kMemoLimit = 4096;
  if (auto it = memo_.find(value); it != memo_.end()) return it->second;
  const Resolution r = Lookup(value);
  if (memo_.size() < kMemoLimit) memo_.emplace(std::string(value), r);
  return r;
}

const std::string* CodeResolver::Plain(std::string_view value) const {
  const std::string form = MatchForm(value);
  if (auto it = table_.find(form); it != table_.end()) return &it->second;
  const std::string loose = LooseForm(value);
  if (auto it = loose_.find(loose); it != loose_.end()) return &it->second;
  // A spelling of this column only, then of the set.
  if (!column_.empty())
    if (const std::string* d = aliases_->FindInColumn(column_, value))
      if (auto it = table_.find(MatchForm(*d)); it != table_.end()) return &it->second;
  if (const std::string* d = aliases_->Find(aliases_set_, value)) {
    if (auto it = table_.find(MatchForm(*d)); it != table_.end()) return &it->second;
    // Another set's display (a borrowed alias): this set's value of that label.
    std::string_view label = *d;
    if (size_t p = label.find(") "); p != std::string_view::npos && p < 4) label.remove_prefix(p + 2);
    if (auto it = words_.find(MatchForm(label)); it != words_.end()) return &it->second;
    return nullptr;
  }

  if (auto it = words_.find(form); it != words_.end()) return &it->second;
  if (auto it = labels_.find(loose); it != labels_.end()) return &it->second;
  return nullptr;
}

Resolution CodeResolver::Lookup(std::string_view value, bool fallback) const {
  group_budget_ = 64;
  const std::string form = MatchForm(value);
  if (auto it = table_.find(form); it != table_.end()) return {&it->second, true};
  // The code set's own code or label ("WBRI", "White British", "N1"): the
  // DfE code itself, exact, not a spelling to report (a council exporting
  // codes would otherwise get a warning for every code it uses).
  if (auto it = words_.find(form); it != words_.end()) return {&it->second, true};
  if (const std::string* d = Plain(value)) return {d, false};
  // "N/K" is not known, never "N" then "K" (a No, or accommodation K); "N/A"
  // is not applicable, never "N" (No) then "A": only an alias reads it.
  if (IsUnknownForm(form) && !reading_alike_) return {UnknownAlike(), false};
  // "Not stated" is unknown too, but where the set tells a refusal apart
  // (ethnicity's REFU) it may be one: there it stays unread.
  if (form == "not stated" && !has_refusal_ && !reading_alike_) return {UnknownAlike(), false};
  if (IsNotApplicableForm(form)) return {};
  // Another DfE code for the value ("U2" in Type of Accommodation): right,
  // but not Ofsted's, so reported.
  if (auto it = dfe_codes_.find(form); it != dfe_codes_.end()) return {&it->second, false};
  if (std::optional<const std::string*> d = WrittenOut(form, Trim(value))) {
    // A written-out form whose label disagrees reads nowhere, unless the
    // disagreement is only in trailing examples the head reads without.
    if (!*d) return {ByHead(value), false};
    return {*d, false};
  }
  if (const std::string* d = LabelFirst(form)) return {d, false};
  if (const std::string* d = ByWords(value)) {
    // A keyword rule's phrase that is the whole value outweighs words
    // shared with a value's meaning ("Other LA" is another LA, 5C, though
    // its two words are both in 5B's "LA services - other internal").
    bool every_word = false;
    if (const std::string* k = ByKeywords(value, &every_word); k && every_word && *k != *d) return {k, false};
    return {d, false};
  }
  if (const std::string* d = GroupThen(value)) return {d, false};
  if (const std::string* d = ByKeywords(value)) return {d, false};
  if (const std::string* d = ByHead(value)) return {d, false};
  if (fallback && !fallback_.empty()) return {&fallback_, true};  // the council's own "any other value"
  return {};
}

const std::string* CodeResolver::UnknownAlike() const {
  // Each of IsUnknownForm's spellings reads as the set reads "Unknown" or "Not
  // known" (ethnicity's NOBT, accommodation's "Residence not known"), when
  // the two agree or only one reads.
  reading_alike_ = true;
  const std::string* a = Lookup("unknown", false).display;
  const std::string* b = Lookup("not known", false).display;
  reading_alike_ = false;
  if (a && b && *a != *b) return nullptr;
  return a ? a : b;
}

const std::string* CodeResolver::ByHead(std::string_view value) const {
  const LabelHead h = SplitLabelHead(value);
  if (h.head.empty() || (h.examples.empty() && !h.excluded)) return nullptr;
  // "Other" alone says "other than the rest of the list" and names nothing
  // before its examples ("Other (including strangers, MPs)": DfE's 1D).
  std::set<std::string> words = WordStems(h.head);
  for (const char* w : {"other", "others", "any"}) words.erase(w);
  if (words.empty()) return nullptr;
  const std::string* d = Lookup(h.head, false).display;
  if (!d) return nullptr;
  // The examples may name nothing, the same value or one of its group
  // ("3D ... (eg: Hospital)": both health services), not another group's.
  // (Displays compare by text: the tiers hold copies of them.)
  const auto group_of = [&](const std::string& x) -> const Group* {
    for (const Group& g : groups_)
      for (const std::string* m : g.members)
        if (*m == x) return &g;
    return nullptr;
  };
  for (const std::string& e : h.examples) {
    const std::string* x = Lookup(e, false).display;
    if (x && *x != *d && (!group_of(*d) || group_of(*x) != group_of(*d))) return nullptr;
  }
  return d;
}

const std::string* CodeResolver::ByKeywords(std::string_view text, bool* every_word) const {
  // Examples never decide: with them the keyword rules do not read the
  // whole label ("Health services (eg GP)" names no one health service);
  // ByHead reads its head alone.
  if (SplitLabelHead(text).illustrated) return nullptr;
  const std::vector<std::string> tokens = spec::KeywordTokens(text);
  const std::string* named = aliases_->keywords().NameTokens(aliases_set_, tokens, every_word);
  return named ? Plain(*named) : nullptr;
}

bool CodeResolver::SubCodeAgrees(const std::string& display, std::string_view words) const {
  // A council's sub-code is its own category under DfE's code: its words
  // name the sub-category ("N1c - Parental Substance Misuse", "4g No
  // Recourse to Public Funds", "N6e1 - Child Sexual Exploitation"), which
  // DfE's definitions may place elsewhere when it stands alone, but the
  // council filed it under the code it wrote (and its CIN census return
  // says that code). Only words that are another value's own DfE code or
  // label contradict it ("N1c - Low income": N7's label).
  words = StripSeparators(words);
  if (words.empty()) return true;
  const std::string* d = Plain(words);
  return !d || *d == display;
}

bool CodeResolver::LabelAgrees(const std::string& display, std::string_view label, bool need_words) const {
  label = StripSeparators(label);
  if (label.empty()) return true;
  if (const std::string* d = Plain(label)) return *d == display;
  // Words the keyword rules read as this value agree ("OOTH Arab", "CHNE
  // Other Ethnic Group - Chinese"); words they read as another are judged
  // below like any other words (a council's sub-category under a label,
  // "Family dysfunction: child at risk of significant harm", is its own).
  if (const std::string* k = aliases_->keywords().Name(aliases_set_, label))
    if (const std::string* d = Plain(*k); d && *d == display) return true;
  // The joining words of an aside ("including home alone") are no meaning.
  std::set<std::string> stems = WordStems(label);
  for (const char* aside : {"inc", "incl", "includ", "ie", "etc", "eg"}) stems.erase(aside);
  size_t mine = 0, best_other = 0;
  const std::set<std::string>* my_vocab = nullptr;
  for (const auto& [d, vocab] : vocab_) {
    size_t n = 0;
    for (const std::string& s : stems) n += vocab.count(s);
    if (*d == display) {
      mine = n;
      my_vocab = &vocab;
    } else {
      best_other = std::max(best_other, n);
    }
  }
  // A misspelt word of the code's own meaning ("N2 Disablilty") shares it:
  // a whole word stem one letter from one of the meaning's, when no other
  // value's meaning shares a word. Only ever for the code written.
  if (mine == 0 && best_other == 0 && my_vocab)
    for (const std::string& s : stems)
      if (std::any_of(my_vocab->begin(), my_vocab->end(), [&](const std::string& v) { return OneSlip(s, v); })) {
        mine = 1;
        break;
      }
  // The label disagrees when another value shares more of its words and at
  // least half of them ("7 - Law - Police"); after a bare space ("6 month
  // review") it must share some words with the code's own meaning.
  // A label sharing no word with the code's meaning but some with
  // another's disagrees too ("10) Housing (e.g. Housing Dept)").
  if (best_other > mine && (mine == 0 || best_other * 2 >= stems.size())) return false;
  return !need_words || mine > 0;
}

const std::string* CodeResolver::LabelFirst(std::string_view form) const {
  // "Abuse or neglect - sexual abuse", "Any other White background: Albanian".
  const std::string* best = nullptr;
  size_t best_len = 0;
  std::string_view rest;
  for (const auto& [label, display] : label_forms_) {
    if (label.size() <= best_len || form.size() <= label.size() || form.compare(0, label.size(), label) != 0) continue;
    std::string_view after = form.substr(label.size());
    size_t k = 0;
    bool punct = false;
    while (k < after.size() && (IsSeparator(after[k]) || after[k] == '>' || after[k] == '(')) {
      punct = punct || after[k] != ' ';
      ++k;
    }
    if (!punct || k == 0) continue;  // a separator, not a longer word
    best = display;
    best_len = label.size();
    rest = after;
  }
  if (!best) return nullptr;
  if (LabelAgrees(*best, rest, false)) return best;
  // A label of several words as a heading, then a colon: the council's own
  // sub-category under that value, like a sub-code ("Abuse or Neglect:
  // Child or young person as abuser" is filed under N1). Only another
  // value's own code or label contradicts it. (Not after a dash or slash:
  // "White British/Irish" lists two values, "Black - African" narrows.)
  const std::string_view label = form.substr(0, best_len);
  const size_t mark = rest.find_first_not_of(' ');
  if (label.find(' ') != std::string_view::npos && mark != std::string_view::npos && rest[mark] == ':')
    return SubCodeAgrees(*best, rest) ? best : nullptr;
  return nullptr;
}

const std::string* CodeResolver::ByWords(std::string_view text) const {
  const std::set<std::string> stems = WordStems(text);
  if (stems.empty()) return nullptr;
  // "No", "Not", "None" alone name no value by their words: a detail that
  // uses them ("having no parents available") does not make "No" N8.
  static const std::set<std::string, std::less<>> kAnswers = {"no", "not", "non", "none", "yes", "nil"};
  if (std::all_of(stems.begin(), stems.end(), [](const std::string& w) { return kAnswers.count(w) > 0; }))
    return nullptr;
  const std::string* best = nullptr;
  size_t best_n = 0, second = 0;
  for (const auto& [d, vocab] : strict_vocab_) {
    size_t n = 0;
    for (const std::string& s : stems) n += vocab.count(s);
    if (n > best_n) {
      second = best_n;
      best_n = n;
      best = d;
    } else if (n > second) {
      second = n;
    }
  }
  // One value's meaning holds every word, and no other value's holds as many.
  if (!best || best_n <= second || best_n != stems.size()) return nullptr;

  // One word alone (numbers aside) must be most of the value's own label:
  // "Neglect", "Died", "Police", never "Care" (RC6's "transferred to adult
  // social care"), "Mental" (N3's definition), "Nurse" (3C's school nurse)
  // or "Age 18" (E15's "age assessment determined ... 18 or over").
  const auto number = [](const std::string& w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::vector<std::string> words;
  for (const std::string& w : stems)
    if (!number(w)) words.push_back(w);
  if (words.size() <= 1) {
    if (words.empty()) return nullptr;
    // The word is (most of) the value's own name, or its group's when the
    // value is the group's only one ("Unknown": NOBT).
    const std::set<std::string>& own = own_name_.at(best);
    // Or the first of a label's alternatives ("Multiple/not recommended").
    const std::set<std::string>& first = first_alternative_.at(best);
    const bool named = (own.count(words.front()) && own.size() <= 2 && !negated_.count(best)) ||
                       (first.size() == 1 && first.count(words.front()));
    const bool group = std::any_of(groups_.begin(), groups_.end(), [&](const Group& g) {
      return g.members.size() == 1 && g.members.count(best) && g.stems == std::set<std::string>{words.front()};
    });
    const auto code = codes_.find(words.front());  // "N1; N1": its own code, twice
    if (!named && !group && (code == codes_.end() || code->second != *best)) return nullptr;
    return best;
  }
  // A value whose name says "not" is read only from words that say so too
  // ("Young parent" is no G6, "not in education, employment or training -
  // pregnancy or parenting").
  if (negated_.count(best) && std::none_of(stems.begin(), stems.end(), [](const std::string& w) {
        return w == "not" || w == "no" || w == "non" || w == "neet" || w == "nfa";
      }))
    return nullptr;
  return best;
}

const std::string* CodeResolver::GroupThen(std::string_view text) const {
  if (groups_.empty() || group_budget_ <= 0) return nullptr;
  --group_budget_;
  // Words a written group name carries besides its own name: "Asian or
  // Asian British", "Black / African / Caribbean / Black British",
  // "Mixed/Multiple ethnic groups", "Other Ethnic Groups".
  static const std::set<std::string, std::less<>> kFiller = {"britis", "brit", "any", "other", "ethnic", "group",
                                                             "groups", "multip", "herita", "backgr", "africa",
                                                             "caribb", "servic", "dept", "depart"};
  // "inc", "incl", "including", "ie": joining words of a written aside.
  static const std::set<std::string, std::less<>> kAside = {"inc", "incl", "includ", "ie", "etc", "eg"};
  const std::string s(Trim(text));
  // nullopt: the head names no group (try another cut); else the reading,
  // or nullptr when the rest reads as no value of a group the head names.
  // `own_spelling`: the rest must be a value's own spelling (after a space).
  const auto try_cut = [&](size_t cut, bool own_spelling) -> std::optional<const std::string*> {
    const std::string_view head = std::string_view(s).substr(0, cut);
    const std::string_view tail = StripSeparators(std::string_view(s).substr(cut));
    std::set<std::string> head_stems = WordStems(head);
    if (head_stems.empty() || tail.empty()) return std::nullopt;
    // A rest that is only examples does not decide ("Health (eg GP)").
    if (const LabelHead h = SplitLabelHead(std::string_view(s).substr(cut)); h.illustrated && h.head.empty())
      return std::nullopt;
    // "Local Authority" is "LA".
    if (head_stems.count("local") && head_stems.count("author")) {
      head_stems.erase("local");
      head_stems.erase("author");
      head_stems.insert("la");
    }
    // The groups the head names: each of its words is a group's name or
    // filler, and it holds the group's name but perhaps "services"
    // ("Health - GP", "LA - Other Dept").
    std::vector<const Group*> named;
    std::set<std::string> allowed(kFiller.begin(), kFiller.end());
    for (const Group& g : groups_) {
      std::set<std::string> core = g.stems;
      core.erase("servic");
      if (core.empty()) continue;
      if (std::includes(head_stems.begin(), head_stems.end(), core.begin(), core.end())) {
        named.push_back(&g);
        allowed.insert(g.stems.begin(), g.stems.end());
      }
    }
    if (named.empty() || !std::includes(allowed.begin(), allowed.end(), head_stems.begin(), head_stems.end()))
      return std::nullopt;
    // One group at most, besides a group named by filler alone ("Other"):
    // "White and Black Caribbean" is no group "White" then "Black Caribbean".
    if (std::count_if(named.begin(), named.end(), [&](const Group* g) {
          return !std::includes(kFiller.begin(), kFiller.end(), g->stems.begin(), g->stems.end());
        }) > 1)
      return std::nullopt;
    const auto in_named = [&](const std::string* d) {
      return d && std::any_of(named.begin(), named.end(), [&](const Group* g) {
               return std::any_of(g->members.begin(), g->members.end(), [&](const std::string* m) { return *m == *d; });
             });
    };
    // The rest: a value's own spelling, the group's name and the rest
    // ("White" + "English"), a written-out form, then by words among the
    // named groups' values only. A reading outside the named groups
    // contradicts the head: refused.
    const std::string* d = Plain(tail);
    if (!d)
      for (const Group* g : named)
        if (const std::string* e = Plain(g->name + " " + std::string(tail))) {
          d = e;
          break;
        }
    // Unread: a shorter head may leave a rest that reads ("Mixed / Multiple
    // Ethnic Groups/Any other mixed/multiple ethnic background"); read as
    // a value outside the named groups: refused.
    if (own_spelling) return d ? std::optional<const std::string*>(in_named(d) ? d : nullptr) : std::nullopt;
    if (!d)
      if (std::optional<const std::string*> w = WrittenOut(MatchForm(tail), tail)) d = *w;
    if (!d) d = LabelFirst(MatchForm(tail));
    if (!d) {
      std::set<std::string> stems;
      for (const std::string& st : WordStems(tail))
        if (!allowed.count(st) && !kAside.count(st)) stems.insert(st);
      if (!stems.empty()) {
        const std::string* best = nullptr;
        size_t best_n = 0, second = 0;
        // Among the named groups' values the detail's asides count ("Other
        // (e.g. hospice)"): the group already rules out other meanings.
        for (const auto& [v, vocab] : vocab_) {
          if (!in_named(v)) continue;
          size_t n = 0;
          for (const std::string& st : stems) n += vocab.count(st);
          if (n > best_n) {
            second = best_n;
            best_n = n;
            best = v;
          } else if (n > second) {
            second = n;
          }
        }
        // Half its words or more, and more than any other value of the
        // named groups ("Individual - Neighbour/Friend" is 1B).
        if (best && best_n * 2 >= stems.size() && best_n > second) d = best;
      }
    }
    // The rest may itself start with a group's name ("Black or Black
    // British - Black Somali").
    if (!d) d = GroupThen(tail);
    if (!d) return std::nullopt;
    return in_named(d) ? d : nullptr;
  };
  // The separators a head may end at, the longest head first; then a
  // single space after the group's name ("Black Nigerian", "White Kosovan").
  for (size_t k = s.size() > 1 ? s.size() - 2 : 0; k >= 1; --k) {
    const char c = s[k];
    if (c == '-' || c == '>' || c == '/' || c == ':' || c == '(' || c == '|' || c == ',' ||
        (c == ' ' && s[k + 1] == ' '))
      if (std::optional<const std::string*> d = try_cut(k, false)) return *d;
  }
  for (size_t k = s.size() > 1 ? s.size() - 2 : 0; k >= 1; --k)
    if (s[k] == ' ' && s[k - 1] != ' ' && s[k + 1] != ' ')
      if (std::optional<const std::string*> d = try_cut(k, true)) return *d;
  return nullptr;
}

const std::string* CodeResolver::WithCode(const std::string& code_display, std::string_view label,
                                          bool need_words) const {
  return LabelAgrees(code_display, label, need_words) ? &code_display : nullptr;
}

std::optional<const std::string*> CodeResolver::WrittenOut(std::string_view s, std::string_view original) const {
  if (s.empty()) return std::nullopt;
  // A whole number written through a spreadsheet: "6.0" is 6.
  if (size_t dot = s.find('.'); dot != std::string_view::npos && dot > 0 &&
      std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(dot), [](char c) { return c >= '0' && c <= '9'; }) &&
      dot + 1 < s.size() && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(dot) + 1, s.end(), [](char c) { return c == '0'; })) {
    if (const std::string* d = Plain(s.substr(0, dot))) return d;
    return std::nullopt;
  }
  const auto code_of = [&](std::string_view part) -> const std::string* {
    part = StripSeparators(part);
    auto it = codes_.find(part);
    return it == codes_.end() ? nullptr : &it->second;
  };
  // The words after a council's own code: nullopt when they read as no
  // value, nullptr when they are a written-out code whose own words
  // disagree ("j) A6: Placed for adoption - order - foster", A5's label
  // after A6: read as neither, never by the words alone).
  const auto label_alone = [&](std::string_view part) -> std::optional<const std::string*> {
    part = StripSeparators(part);
    if (part.empty()) return std::nullopt;
    if (const std::string* d = Plain(part)) return d;
    if (IsUnknownForm(part)) {
      const std::string* u = reading_alike_ ? nullptr : UnknownAlike();
      return u ? std::optional<const std::string*>(u) : std::nullopt;
    }
    if (std::optional<const std::string*> d = WrittenOut(part, part)) return d;
    if (const std::string* l = LabelFirst(part)) return l;
    if (const std::string* w = ByWords(part)) return w;
    if (const std::string* g = GroupThen(part)) return g;
    return std::nullopt;
  };
  // Ofsted's letter in front ("j) A6: Placed for adoption ...", "p1) 5D:
  // ..."): the rest decides, as written out. (Letters differ between
  // template versions and lists, so the letter itself decides nothing.)
  {
    size_t k = 0;
    while (k < s.size() && k < 2 && s[k] >= 'a' && s[k] <= 'z') ++k;
    if (k > 0 && k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    if (k > 0 && k + 1 < s.size() && s[k] == ')' && s[k + 1] == ' ')
      if (std::optional<const std::string*> d = WrittenOut(s.substr(k + 2), original.size() == s.size()
                                                                                ? original.substr(k + 2)
                                                                                : std::string_view()))
        return d;
  }
  // Brackets at the end or the start: "White British (WBRI)", "[E43]",
  // "WBRI [White British]", "(A.A1) White - British".
  const char last = s.back(), first = s.front();
  if (last == ')' || last == ']' || first == '(' || first == '[') {
    std::string_view inner, outer;
    size_t orig_inner = std::string_view::npos;  // where `inner` starts in `original`, when known
    if (last == ')' || last == ']') {
      const size_t open = s.rfind(last == ')' ? '(' : '[');
      if (open != std::string_view::npos) {
        inner = s.substr(open + 1, s.size() - open - 2);
        outer = s.substr(0, open);
        if (original.size() == s.size()) orig_inner = open + 1;
      }
    } else {
      const size_t close = s.find(first == '(' ? ')' : ']');
      if (close != std::string_view::npos) {
        inner = s.substr(1, close - 1);
        outer = s.substr(close + 1);
        if (original.size() == s.size()) orig_inner = 1;
      }
    }
    if (!inner.empty() || !outer.empty()) {
      if (const std::string* d = code_of(inner)) return WithCode(*d, outer, false);
      if (const std::string* d = code_of(outer)) return WithCode(*d, inner, false);
      const std::string_view inner_orig =
          orig_inner == std::string_view::npos ? std::string_view() : original.substr(orig_inner, inner.size());
      if (LooksLikeLocalCode(StripSeparators(inner), inner_orig, true))
        if (std::optional<const std::string*> d = label_alone(outer)) return d;
    }
  }
  // A code in front: "WBRI - White British", "5C: LA Services", "U3 Foster
  // placement with relative or friend", "A1 - White British".
  // The head: letters and digits, dots only inside ("A.A1", "A4.1"; so
  // "6.1" is one head, never 6).
  size_t n = 0;
  while (n < s.size() &&
         (IsAlnum(s[n]) || (s[n] == '.' && n > 0 && n + 1 < s.size() && IsAlnum(s[n - 1]) && IsAlnum(s[n + 1]))))
    ++n;
  // An underscore joins a council's own code ("FST_DVIO"), but after one of
  // the set's codes or sub-codes it separates ("N1c_Parental ...").
  const bool underscore = n < s.size() && s[n] == '_';
  if (n == 0 || (n < s.size() && !IsSeparator(s[n]) && !underscore)) return std::nullopt;
  const std::string_view head = s.substr(0, n), tail = s.substr(n);
  bool explicit_separator = underscore;  // "A1 - ..." or "WENG: ...", not "NOT IN TOUCH"
  for (size_t k = n; k < s.size() && IsSeparator(s[k]); ++k) explicit_separator = explicit_separator || s[k] != ' ';
  // One letter, a slash or dot, one letter: an initialism ("N/R" not
  // recorded, "N/S", "N/A - not applicable", "C/F" carried forward), never a
  // code "N" (No) then words. Only the words after it may read.
  if (head.size() == 1 && n + 2 <= s.size() && (s[n] == '/' || s[n] == '.') && IsAlnum(s[n + 1]) &&
      (n + 2 == s.size() || !IsAlnum(s[n + 2]))) {
    const std::string_view words = StripSeparators(s.substr(n + 2));
    const std::optional<const std::string*> d = label_alone(words);
    return d ? *d : nullptr;
  }
  if (const std::string* d = code_of(head)) return WithCode(*d, tail, !explicit_separator);
  // A local sub-code of one of the set's codes: "N1c - ...", "N1SC : ...",
  // "N8.PARE5", "N1.02" (a code with a letter, ending in a digit, then
  // letters or a dot).
  for (size_t k = head.size(); k-- > 1;) {
    const char last_of_code = head[k - 1], next = head[k];
    if (!(last_of_code >= '0' && last_of_code <= '9') || !((next >= 'a' && next <= 'z') || next == '.')) continue;
    const std::string_view code = head.substr(0, k);
    if (!std::any_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      // A need code's digit alone ("4g No Recourse ...": N4), not an
      // ordinal ("1st").
      if (code.size() != 1 || IsOrdinalSuffix(head.substr(k))) continue;
      if (const std::string* d = code_of("n" + std::string(code))) return SubCodeAgrees(*d, tail) ? d : nullptr;
      continue;
    }
    if (const std::string* d = code_of(code)) return SubCodeAgrees(*d, tail) ? d : nullptr;
  }
  if (n == s.size() || underscore) return std::nullopt;  // one word: a bare code or label, looked up before
  // A code the built-in aliases know ("WENG - White English": DfE's
  // extended code for White British), then the label must agree with it.
  // (Not a word that is a value's own label written in capitals: "OTHER
  // HEALTH SERVICES" is no code "OTHER" followed by words.)
  if (LooksLikeLocalCode(head, original.size() == s.size() ? original : std::string_view(), true) && !HasDigit(head) &&
      !words_.count(head))
    if (const std::string* d = aliases_->Find(aliases_set_, head)) return WithCode(*d, tail, !explicit_separator);
  if (LooksLikeLocalCode(head, original.size() == s.size() ? original : std::string_view(), explicit_separator))
    if (std::optional<const std::string*> d = label_alone(tail)) return d;
  return std::nullopt;
}

std::optional<std::string> ResolveInSet(const spec::CodeSet& set, const spec::ValueAliases& aliases,
                                        std::string_view value) {
  CodeResolver r(set, aliases, nullptr);
  if (const std::string* d = r.Plain(value)) return *d;
  return std::nullopt;
}

}  // namespace annexa::mapping
