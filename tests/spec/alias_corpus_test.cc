// The alias corpus as a test: every real-world spelling of an Annex A code
// column in tests/data/reference/annex_a_value_aliases.yml (the
// liia-tools-pipeline Annex_A_schema.yml, MIT: tests/data/samples/README.md)
// resolved against its column's code set, with acceptance reported per set.
//
// The corpus files each spelling under a target that is an Ofsted display
// ("a) Male"), or more often one of Ofsted's *grouped* values ("a) White",
// "d) Health services"). A spelling is right when annexa reads it as a value
// in that target (a value whose display, label or group the target names);
// it is accepted when annexa reads it as anything. Targets that are no
// Ofsted value or group at all ("zzCodeError", "d) Exclude", LA names) are
// counted apart and left out of the rates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/yaml_reader.h"
#include "mapping/code_resolver.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"
#include "test_support.h"

namespace {

using annexa::LooseForm;
using annexa::MatchForm;

std::string StripLetter(const std::string& s) {
  const size_t p = s.find(") ");
  return p != std::string::npos && p < 4 ? s.substr(p + 2) : s;
}

// The displays of `set` that corpus target `target` names.
std::set<std::string> TargetDisplays(const annexa::spec::CodeSet& set, const std::string& target) {
  std::set<std::string> out;
  const std::string t = LooseForm(StripLetter(target));
  if (t.empty()) return out;
  for (const auto& v : set.values) {
    if (MatchForm(v.display) == MatchForm(target) || LooseForm(StripLetter(v.display)) == t ||
        LooseForm(v.label) == t || (!v.code.empty() && LooseForm(v.code) == t))
      out.insert(v.display);
  }
  // A grouped value: by its words ("c) Asian or Asian British" names the
  // group "d) Asian"; "a) Foster placement" the foster placements).
  const std::set<std::string> words = annexa::mapping::WordStems(StripLetter(target));
  for (const auto& v : set.values) {
    for (const std::string* g : {&v.group, &v.group2}) {
      if (g->empty()) continue;
      const std::set<std::string> gw = annexa::mapping::WordStems(StripLetter(*g));
      if (!gw.empty() && (LooseForm(StripLetter(*g)) == t ||
                          std::includes(words.begin(), words.end(), gw.begin(), gw.end())))
        out.insert(v.display);
    }
  }
  // The corpus' "Other ethnic group" is DfE's older "Chinese or other
  // ethnic group" grouping: Ofsted's template splits Chinese out.
  if (set.name == "ETHNICITY" && t == "otherethnicgroup") out.insert("q) CHNE");
  return out;
}

struct Tally {
  int spellings = 0, accepted = 0, right = 0, no_target = 0;
  std::vector<std::string> wrong, refused;
  std::vector<std::string> refused_target;  // the corpus' target of each refused spelling
  std::map<std::string, int> refused_by_class;
};

// Why a refused spelling is refused, judged from the spelling alone (not by
// asking the resolver), for the report: every class left, with its reason.
const std::vector<std::pair<std::string, std::string>>& RefusedClasses() {
  static const std::vector<std::pair<std::string, std::string>> c = {
      {"no-words", "a council's own code with no words (\"A.A20\", \"DAUI\", \"ABS_NEG\"): only its code map can say"},
      {"not-a-value", "an export's error text (\"Code 'R' is not mapped\", \"nan\")"},
      {"group-only", "words naming one of Ofsted's groups but no value (\"White\", \"Health\"): Ofsted asks for "
                     "the code"},
      {"code-contradicted", "a code whose words are another value's (\"7 - Police\", \"E1 - Adopted\": E11 or "
                            "E12), or words after a code that share nothing with its meaning (\"N2 - Disablilty: Speech "
                            "communications disorder\")"},
      {"retired-code", "a retired SSDA903 code DfE split into several (F1-F6, Q1, Q2 into U1-U6; A1, A2 into "
                       "A3-A6; E4 into E4A, E4B; E43, E44 into E45-E48), by its code or its words (\"Placement "
                       "with other foster carer\": U4, U5 or U6): the words do not say which"},
      {"words-undecided", "words DfE's codes do not decide: a service or nationality no code names, or words "
                          "fitting two codes (\"Substance misuse\": a parent's N3 or the child's N6)"}};
  return c;
}

std::string RefusedClass(const annexa::spec::CodeSet& set, const std::string& spelling) {
  const std::string low = annexa::MatchForm(spelling);
  if (low.find("not mapped") != std::string::npos || low == "nan" || low == "null" || low == "not mapped")
    return "not-a-value";
  // Words as written: a code-like word has a digit, '_' or '.', or is one
  // letter, or is in capitals of five letters or fewer.
  std::vector<std::string> words, plain;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) words.push_back(w);
    w.clear();
  };
  for (char c : spelling) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '\'') w += c;
    else flush();
  }
  flush();
  const auto code_like = [](const std::string& x) {
    if (x.size() == 1) return true;
    if (std::any_of(x.begin(), x.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }))
      return true;
    return x.size() <= 5 && std::all_of(x.begin(), x.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  };
  for (const std::string& x : words)
    if (!code_like(x)) plain.push_back(x);
  // A retired code, by its code or by its own words ("Special guardianship
  // order made to former foster carers": E43, now E45 or E46).
  {
    static const std::map<std::string, std::vector<std::string>> kRetiredCodes = {
        {"PLACEMENT", {"f1", "f2", "f3", "f4", "f5", "f6", "q1", "q2", "a1", "a2"}},
        {"CEASED", {"e4", "e43", "e44", "se43", "se44"}}};
    static const std::map<std::string, std::vector<std::string>> kRetiredWords = {
        {"PLACEMENT", {"Foster placement with relative or friend", "Placement with other foster carer",
                       "Placement with another foster carer", "Agency foster placement", "LA foster placement",
                       "Other foster placement", "Other foster carer", "Placed for adoption with former foster carers"}},
        {"CEASED", {"Special guardianship former foster", "Special guardianship other than former",
                    "Special guardianship not former", "Special guardianship former FC",
                    "Special guardianship former FCs", "Special guardianship other carers",
                    "Returned home to live with parents"}}};
    if (auto it = kRetiredCodes.find(set.name); it != kRetiredCodes.end() && !words.empty()) {
      const std::string first = annexa::MatchForm(words[0]);
      if (std::find(it->second.begin(), it->second.end(), first) != it->second.end()) return "retired-code";
    }
    if (auto it = kRetiredWords.find(set.name); it != kRetiredWords.end()) {
      std::set<std::string> have;
      for (const std::string& x : words)
        for (const std::string& st : annexa::mapping::WordStems(x)) have.insert(st);
      for (const std::string& label : it->second) {
        const std::set<std::string> need = annexa::mapping::WordStems(label);
        if (std::includes(have.begin(), have.end(), need.begin(), need.end())) return "retired-code";
      }
    }
  }
  if (plain.empty()) return "no-words";
  // A first word that is one of the set's codes, or a code with letters after it.
  if (!words.empty() && code_like(words[0])) {
    const std::string first = annexa::MatchForm(words[0]);
    for (const auto& v : set.values) {
      const std::string code = annexa::MatchForm(v.code);
      if (!code.empty() && first.compare(0, code.size(), code) == 0) return "code-contradicted";
      if (code.size() == 2 && code[0] == 'n' && first.size() >= 2 && first[0] == code[1] &&
          std::isalpha(static_cast<unsigned char>(first[1])))
        return "code-contradicted";  // "1c" under N1
    }
    // A retired code the set split in two ("E4" -> E4A / E4B).
    for (const auto& v : set.values)
      if (!v.code.empty() && annexa::MatchForm(v.code).compare(0, first.size(), first) == 0) return "code-contradicted";
  }
  std::set<std::string> stems;
  for (const std::string& x : plain)
    for (const std::string& st : annexa::mapping::WordStems(x)) stems.insert(st);
  std::set<std::string> group_words = {"britis", "any", "other", "ethnic", "group", "groups", "multip", "herita",
                                       "backgr", "servic", "dual", "unspec", "not", "stated", "local", "author"};
  for (const auto& v : set.values)
    for (const std::string* g : {&v.group, &v.group2})
      for (const std::string& st : annexa::mapping::WordStems(StripLetter(*g))) group_words.insert(st);
  if (!stems.empty() && std::includes(group_words.begin(), group_words.end(), stems.begin(), stems.end()))
    return "group-only";
  return "words-undecided";
}

// Spellings the corpus files under a target DfE's definitions say is
// wrong: annexa reads them otherwise, on purpose. Set|spelling -> reason.
// (Spellings the corpus files twice count once, under their first target:
// "LADO" and "Ambulance Service" are first filed where DfE puts them.)
const std::map<std::string, std::string>& CorpusWrong() {
  static const std::map<std::string, std::string> m = {
      {"SOURCE|CPN", "a community psychiatric nurse: other health services (3F)"},
      {"SOURCE|Nursing-School Nurse", "3C is the school nurse, not 2A schools"},
      {"SOURCE|Other (including strangers, MPs)", "1D is an individual, other, including strangers"},
      {"SOURCE|Public (Other Individual)", "1D: an individual"},
      {"SOURCE|Member of the Public", "1D: an individual, not a legal agency"},
      {"SOURCE|Probation (CRC)", "probation is 7 Other legal agency"},
      {"SOURCE|Probation (NPS)", "probation is 7"},
      {"SOURCE|Probation / CRC", "probation is 7"},
      {"SOURCE|Probation Service", "probation is 7"},
      {"SOURCE|Other Legal Agency - eg CAFCASS", "CAFCASS is 7"},
      {"SOURCE|OTHER LEGAL AGENCY: courts, probation, immigration, CAFCASS or prison", "DfE's own words for 7"},
      {"SOURCE|Legal Agency", "7"},
      {"SOURCE|Youth Offending Service (YOS)", "DfE's 5B example is youth offending"},
      {"SOURCE|21) Lbh Other Internal Dept (excluding Social Care And Housing E.g. Yos)", "5B other internal"},
      {"SOURCE|External eg. from OLA", "5C: another LA"},
      {"SOURCE|OLA Social Services", "5C: another LA"},
      {"SOURCE|Other OLA", "5C: another LA"},
      {"SOURCE|29) Other Local Authority Dept (not Lbh) - E.g. Other La Social Services", "5C: another LA"},
      {"SOURCE|Home Start", "Home-Start is a voluntary organisation (8), not housing"},
      {"SOURCE|Homestart", "Home-Start is a voluntary organisation (8)"},
      {"SOURCE|(CS) Anonymous", "anonymous is 9, unknown is 10"},
      // The code written decides and the words agree with it; the corpus
      // files the spelling under another group.
      {"SOURCE|1B Individual - Acquaintance (including neighbours and child minders)", "1B, filed under Housing"},
      {"SOURCE|CAFCASS information request", "CAFCASS is 7 (other legal agency), not LA services"},
      {"SOURCE|CAFCASS referral", "CAFCASS is 7, not LA services"},
      {"SOURCE|79) Legal Agency - Other (e.g. Probation, Immigration, Prison)", "DfE's own list for 7"},
      {"SOURCE|7 - Law - Other (Including Courts, Probation, CAFCASS)", "code 7 and DfE's words for 7, filed under Police"},
      {"SOURCE|7 - Law - Other (Including Courts, CAFCASS)", "code 7, filed under Police"},
      {"SOURCE|Health Services - Other Primary", "3D is other primary health services, not LA services"},
      {"SOURCE|7 - Law - Probation", "code 7 and probation agree: 7, filed under Police"},
      {"SOURCE|Other Internal Services", "DfE's 5B is 'other internal' LA services, not 8"},
      {"SOURCE|Other - Probation", "probation is 7 (other legal agency), not 8"},
      {"PLACEMENT|H5OUT - Residential accommodation not subject to Children's Homes Regulations (outside LA)",
       "DfE's words for H5 (outside the LA), not Z1 other placements"},
      {"SOURCE|Other - MARAC", "'Other' is code 8's label; a MARAC is a multi-agency panel, none of 5A-5D"},
      {"CEASED|E4A Return home with parents/rels/other with PR - part of care planning process",
       "E4A: home to someone WITH parental responsibility, as planned; the corpus files it under E13 (no PR)"},
      {"CEASED|E7 - Transferred to Adult Social Care", "code E7 (adult social services), filed under E8"},
      {"CEASED|E7 - Transferred to residential care funded by adult social care services", "DfE's words for E7"},
      {"CEASED|E8-Accommodation on remand (S23 CYPA 1969) ceased",
       "the code written is E8 and 'ceased' agrees with it; E14 is the code for remand ended, but the council wrote E8"},
      // DfE's extended ethnicity categories name one main code each; the
      // corpus files these under another group.
      {"ETHNICITY|KURDISH", "DfE's extended category OKRD Kurdish is under any other ethnic group (OOTH)"},
      {"ETHNICITY|Afghan", "DfE's extended category OAFG Afghan is under any other ethnic group (OOTH), not Asian"},
      {"ETHNICITY|Kosovan", "DfE's extended category WKOS Kosovan is under any other White background (WOTH)"},
      {"ETHNICITY|Asian and Any Other Ethnic Group",
       "DfE's extended category MAOE (Asian and any other ethnic group) is Mixed (MOTH), not Asian"},
      {"ETHNICITY|OKRD - Kurdish", "OKRD is DfE's extended code for Kurdish, under any other ethnic group"},
      {"SOURCE|Home Office", "DfE's 7 names immigration, the Home Office's: other legal agency, not 8"},
      {"SOURCE|Other Department", "DfE's 5B: LA services, a department other than social care, not 8"},
      {"SOURCE|MP", "DfE's 1D is an individual, other, including MPs"},
      {"SOURCE|MP / Councillor", "1D includes MPs"},
      {"SOURCE|Member of Parliament", "1D includes MPs"},
      {"ETHNICITY|OOTH - Unspecified - Any Other Ethnic Group", "OOTH is 'any other ethnic group', not Mixed"},
      {"ETHNICITY|White and Asian [MWAS]", "MWAS is Mixed: White and Asian, not Asian"},
      {"ETHNICITY|MIXED ASIAN", "both words name MWAS (Mixed: White and Asian) alone; the corpus says Asian"},
      {"PLACEMENT|A4 Placed for adoption w. consent not w. current foster carer", "A4 is placed for adoption"},
      {"PLACEMENT|H5 Semi-independent living accommodation not subject to children's homes regulations",
       "DfE's own label for H5"},
      {"PLACEMENT|H5 IN - Residential accommodation not subject to Children's Homes Regulations (in LA)",
       "DfE's words for H5"},
      {"PROVIDER|PR0: Provision by own parents or other person with parental responsibility",
       "PR0 is parents or others with parental responsibility, not own LA"},
      // Read by the keyword rules (annex_a_specs/value_keywords.yaml).
      {"CEASED|With parent, relative or other person with no PR",
       "DfE's E13: left care to live with parents, relatives or other person with no parental responsibility"},
      {"ETHNICITY|White (Kurdish)", "DfE's extended category OKRD Kurdish is under any other ethnic group (OOTH)"},
      {"ETHNICITY|Syrian", "Arab: DfE's extended OARA is under any other ethnic group, not Asian"},
      {"ETHNICITY|EUROTH - Other European",
       "DfE's extended European categories (WEUR, WEEU, WWEU) are under any other White background"},
      {"LEGAL|On remand or committed for trial or sentence",
       "DfE's words for J1 (remanded or committed for trial or sentence), a youth justice status"},
      {"SOURCE|Individuals - Anonymous", "anonymous is 9, not an individual 1A-1D"},
      {"SOURCE|Other Agencies", "'Other' is code 8's own label; no health service is named"},
      {"SOURCE|(CS) Education - ESBAS", "an education service: DfE's 2B, whoever runs it"},
      {"SOURCE|Children's Centres Key Work Service", "DfE's 8: other, including children's centres"},
      {"SOURCE|Hospital team - out / day patients", "a hospital is a health service (3F)"},
      {"SOURCE|Mental Health Staff", "mental health services are health services (3F)"},
      {"SOURCE|Supported Housing Staff", "housing is 4"},
      {"SOURCE|70) Legal Agency - Court", "courts are 7, other legal agency"},
      {"SOURCE|71) Legal Agency - Court: Cafcass", "courts and CAFCASS are 7"},
      {"SOURCE|Pathway/Leaving Care", "leaving care is LA social care (5A), not police"},
      {"SOURCE|Internal (Early Help)", "the LA's own early help is 5D, not police"},
      {"SOURCE|Housing Providers", "housing is 4, not a legal agency"},
      {"SOURCE|HCC Adult Services Dept (not OoH)", "the council's adult services department: LA social care (5A)"},
      {"SOURCE|Sure Start (Children's Centre)", "DfE's 8: other, including children's centres"},
      {"SOURCE|Sure Start", "Sure Start children's centres: DfE's 8"},
      // NOBT is DfE's "information not yet obtained": a council's group
      // written first names no code, and Ofsted asks for the code.
      {"ETHNICITY|White - Not yet obtained", "no code obtained: DfE's NOBT (information not yet obtained)"},
      {"ETHNICITY|White Not yet obtained", "no code obtained: NOBT"},
      {"ETHNICITY|Asian or Asian British - Not yet obtained", "no code obtained: NOBT"},
      {"ETHNICITY|Black or Black British - Not yet obtained", "no code obtained: NOBT"},
      {"ETHNICITY|Black or Black British Not yet obtained", "no code obtained: NOBT"},
      {"ETHNICITY|Black or Black British - Form not completed", "the form not completed: no code obtained, NOBT"},
      {"ETHNICITY|White - Morrocan", "DfE's extended category OMRC Moroccan is under any other ethnic group (OOTH)"},
      {"ETHNICITY|White Morrocan", "OMRC Moroccan is under any other ethnic group (OOTH)"},
      {"CEASED|Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply e.g. an "
       "unaccompanied asylum seeking child who",
       "DfE's own words for E15 (cut short), filed under E8"},
  };
  return m;
}

// Today's acceptance per major set, rounded down (see the test's end).
// Measured 2026-12-06 after a council's sub-codes were read by their DfE
// code, a need not said to be anyone else's as the child's (N2, with adult
// social care's support reasons), a misspelt word of a written code's own
// meaning, a move into supported accommodation (E5), and SSDA903 OC3's
// accommodation codes ("U2"): all 89.89% (5879 of 6540; was 88.0%),
// ethnicity 89.3%, source 86.4%, need 90.3% (List 6) and 90.6% (List 8;
// both were 80%), placement 90.7%, ceased 90.6%, legal 91.4%,
// accommodation 91.7% (was 84.2%). Later the same day: a DfE label as a
// colon heading ("Abuse or Neglect: ...", N1) and "UNK" as ethnicity's
// unknown (NOBT), "Not recorded" and "No information" as accommodation's
// "Residence not known", "Reg 38" as U3 and "TAF" as early help (5D):
// 5886 of 6540 (90.0%), need 90.5% and 90.8%. Then the yes/no spellings
// whose answer depends on the column became column-only (value_aliases.yaml
// `columns:`): "U", "CLA", "Non-CLA" are read nowhere and "Child not seen
// alone" not in List 4 (-5); "Non-Notts Local Authority" (5C), "Other HCC
// Department" (5B), "Internal (Adults)" (5A), "Other - Algerian" and
// "Other - Cambodian" (OOTH) are read (+5): 5886 again. Ofsted's letter
// decides nothing ("j) A6: ... - order - foster", A5's label, now unread,
// -1) and "Not stated" is unknown where a set has no refusal (+1): 5886.
// "Black or Black British - Form not completed" is NOBT (+1): 5887.
constexpr double kFloorAll = 0.90, kFloorEthnicity = 0.89, kFloorSource = 0.86, kFloorNeed = 0.90,
                 kFloorPlacement = 0.90, kFloorCeased = 0.90, kFloorLegal = 0.91, kFloorAccom = 0.91;

}  // namespace

TEST_CASE("alias corpus: real-world spellings are read, and never as another value", "[spec][values][corpus]") {
  const std::string root = annexa::testing::SourceDir();
  auto spec = annexa::spec::LoadSpecVersion(root + "/annex_a_specs", "ilacs-2023");
  REQUIRE(spec.ok());
  auto aliases = annexa::spec::LoadValueAliases(root + "/annex_a_specs/value_aliases.yaml");
  REQUIRE(aliases.ok());
  auto doc = annexa::LoadYamlFile(annexa::testing::TestDataDir() + "/reference/annex_a_value_aliases.yml");
  REQUIRE(doc.ok());
  const annexa::YamlValue* lists = doc->Find("column_map");
  REQUIRE(lists);

  std::map<std::string, Tally> by_set;
  std::set<std::string> seen;  // set|spelling match form: each counted once
  std::set<std::string> wrong_seen;
  std::vector<std::string> readings;  // set, spelling, reading: for ANNEXA_CORPUS_READINGS
  for (const auto& [list_key, columns] : lists->entries) {
    const int n = std::stoi(list_key.scalar.substr(list_key.scalar.find('_') + 1));
    const annexa::spec::ListSpec* ls = spec->FindList(n);
    REQUIRE(ls);
    for (const auto& [header, column] : columns.entries) {
      const annexa::YamlValue* category = column.Find("category");
      if (!category) continue;
      const annexa::spec::ColumnSpec* col = nullptr;
      for (const auto& c : ls->columns)
        if (c.Matches(header.scalar)) col = &c;
      if (!col || col->code_set.empty()) continue;
      const annexa::spec::CodeSet* set = spec->FindCodeSet(col->code_set);
      REQUIRE(set);
      annexa::mapping::CodeResolver resolver(*set, *aliases, nullptr, col->key);
      Tally& t = by_set[set->name];
      for (const annexa::YamlValue& entry : category->items) {
        const annexa::YamlValue* code = entry.Find("code");
        const annexa::YamlValue* names = entry.Find("name");
        if (!code || !names) continue;
        const std::set<std::string> target = TargetDisplays(*set, code->scalar);
        for (const annexa::YamlValue& name : names->items) {
          const std::string spelling(annexa::Trim(name.scalar));
          if (spelling.empty() || !seen.insert(set->name + "|" + MatchForm(spelling)).second) continue;
          if (target.empty()) {
            ++t.no_target;
            continue;
          }
          ++t.spellings;
          const std::string* d = resolver.Resolve(spelling);
          readings.push_back(set->name + "\t" + spelling + "\t" + (d ? *d : "(not read)"));
          if (!d) {
            t.refused.push_back(spelling);
            t.refused_target.push_back(code->scalar);
            ++t.refused_by_class[RefusedClass(*set, spelling)];
            continue;
          }
          ++t.accepted;
          if (target.count(*d)) {
            ++t.right;
          } else {
            const std::string key = set->name + "|" + spelling;
            if (CorpusWrong().count(key)) {
              wrong_seen.insert(key);
              continue;
            }
            t.wrong.push_back(spelling + " -> " + *d + " (corpus: " + code->scalar + ")");
          }
        }
      }
    }
  }

  int total = 0, accepted = 0, no_target = 0;
  std::string table = "code set        spellings  accepted   rate  wrong  (no Ofsted target)\n";
  for (const auto& [name, t] : by_set) {
    total += t.spellings;
    accepted += t.accepted;
    no_target += t.no_target;
    char line[160];
    std::snprintf(line, sizeof line, "%-16s %9d %9d %5.1f%% %6zu  (%d)\n", name.c_str(), t.spellings, t.accepted,
                  t.spellings ? 100.0 * t.accepted / t.spellings : 0.0, t.wrong.size(), t.no_target);
    table += line;
  }
  char line[160];
  std::snprintf(line, sizeof line, "%-16s %9d %9d %5.1f%%         (%d)\n", "all", total, accepted,
                total ? 100.0 * accepted / total : 0.0, no_target);
  table += line;
  // What is left refused, by class, for the major sets and in all.
  std::map<std::string, int> all_classes;
  table += "\nrefused, by why (classes judged from the spelling alone):\n";
  for (const auto& [name, t] : by_set) {
    if (t.refused.empty()) continue;
    std::string line = "  " + name + ":";
    for (const auto& [cls, n] : t.refused_by_class) {
      line += " " + cls + " " + std::to_string(n);
      all_classes[cls] += n;
    }
    table += line + "\n";
  }
  int refused_total = 0;
  for (const auto& [cls, why] : RefusedClasses()) {
    table += "  " + std::to_string(all_classes[cls]) + " " + cls + ": " + why + "\n";
    refused_total += all_classes[cls];
  }
  CHECK(refused_total == total - accepted);  // every refused spelling has its class
  WARN(table);
  // ANNEXA_CORPUS_DUMP=FILE writes every refused spelling (set, class,
  // spelling, the corpus' target), for study.
  if (const char* dump = std::getenv("ANNEXA_CORPUS_DUMP")) {
    if (FILE* out = std::fopen(dump, "w")) {
      for (const auto& [name, t] : by_set)
        for (size_t i = 0; i < t.refused.size(); ++i)
          std::fprintf(out, "%s\t%s\t%s\t%s\n", name.c_str(), RefusedClass(*spec->FindCodeSet(name), t.refused[i]).c_str(),
                       t.refused[i].c_str(), t.refused_target[i].c_str());
      std::fclose(out);
    }
  }
  // ANNEXA_CORPUS_READINGS=FILE writes every spelling with its reading, to
  // compare two builds' readings.
  if (const char* path = std::getenv("ANNEXA_CORPUS_READINGS")) {
    if (FILE* out = std::fopen(path, "w")) {
      for (const std::string& r : readings) std::fprintf(out, "%s\n", r.c_str());
      std::fclose(out);
    }
  }
  for (const auto& [name, t] : by_set) {
    std::string sample;
    for (size_t i = 0; i < t.refused.size() && i < 25; ++i) sample += "  " + t.refused[i] + "\n";
    INFO(name << ": first refused spellings\n" << sample);
    CHECK(t.wrong == std::vector<std::string>{});
  }
  // Every exception is still needed.
  for (const auto& [key, why] : CorpusWrong()) {
    INFO(key << " (" << why << ")");
    CHECK(wrong_seen.count(key) == 1);
  }
  // Issue 16 asks for 90% overall: met, 5886 of 6540 (exactly 90.0%),
  // checked in whole numbers below. Per major set (100 spellings or more)
  // it is met but for ethnicity (89.3%) and contact source (86.4%); those
  // floors are today's measured rates (rounded down), so that a change can
  // only raise them. What is left refused is, by the classes above: (a) a
  // council's own codes with no words ("A1", "A.A20", "DAUI", "ABS_NEG"),
  // (b) words that name one of Ofsted's groups but no single code
  // ("White", "Asian or Asian British - British Asian", "Health
  // Authority"), (c) retired SSDA903 codes DfE split in several (Q2
  // "Placement with other foster carer": U4, U5 or U6; E43: E45 or E46), (d)
  // words fitting two codes ("Substance misuse": N3 or the child's N6;
  // "Individuals - Family/Friend/Neighbour": 1A or 1B; "Drug and alcohol
  // services": health or the LA) or words no code names ("Homeless",
  // "Missing Person" as needs; "Fire Brigade", "Jewish", "Bac - Jamaica"),
  // and (e) codes whose words are another value's own ("7 - Police"). None
  // is guessed.
  CHECK(accepted * 10 >= total * 9);
  const std::map<std::string, double> floor = {
      {"all", kFloorAll},       {"ETHNICITY", kFloorEthnicity}, {"SOURCE", kFloorSource},
      {"NEED10", kFloorNeed},   {"NEED8", kFloorNeed},         {"PLACEMENT", kFloorPlacement},
      {"CEASED", kFloorCeased}, {"LEGAL", kFloorLegal},        {"ACCOM", kFloorAccom}};
  CHECK(accepted >= floor.at("all") * total);
  for (const auto& [name, t] : by_set) {
    if (t.spellings < 100) continue;  // a major set: 100 spellings or more
    INFO(name);
    REQUIRE(floor.count(name));
    CHECK(t.accepted >= floor.at(name) * t.spellings);
  }
}
