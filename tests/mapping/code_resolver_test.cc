// The value-recognition layer (mapping/code_resolver.h) and the built-in
// alias table (annex_a_specs/value_aliases.yaml). Every expected code below
// is worked out by hand from DfE's and Ofsted's code meanings (the CIN
// census and SSDA903 guides, Ofsted's Codes_used sheet, as annex_a_specs/
// codes.yaml quotes them), not from annexa's output.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "mapping/code_resolver.h"
#include "mapping/pack_fixture.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"
#include "test_support.h"

using annexa::mapping::CodeMap;
using annexa::mapping::CodeResolver;
using annexa::mapping::Resolution;
using annexa::testing::ConfigHead;
using annexa::testing::PackFixture;

namespace {

const annexa::spec::SpecVersion& Spec2023() {
  static const annexa::spec::SpecVersion spec = [] {
    auto r = annexa::spec::LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", "ilacs-2023");
    REQUIRE(r.ok());
    return std::move(*r);
  }();
  return spec;
}

const annexa::spec::ValueAliases& BuiltIn() {
  static const annexa::spec::ValueAliases aliases = [] {
    auto r = annexa::spec::LoadValueAliases(annexa::testing::SourceDir() + "/annex_a_specs/value_aliases.yaml");
    REQUIRE(r.ok());
    return std::move(*r);
  }();
  return aliases;
}

// What `value` reads as in code set `set` with the built-in aliases; "" when nowhere.
std::string Read(const std::string& set, const std::string& value) {
  const annexa::spec::CodeSet* s = Spec2023().FindCodeSet(set);
  REQUIRE(s);
  CodeResolver r(*s, BuiltIn(), nullptr);
  const std::string* d = r.Resolve(value);
  return d ? *d : "";
}

struct Case {
  const char* set;
  const char* spelling;
  const char* expected;  // "" = must resolve nowhere
  const char* why;
};

}  // namespace

TEST_CASE("code resolver: written-out forms are read by their code when the label agrees", "[mapping][values]") {
  const std::vector<Case> cases = {
      // "CODE - label", "CODE: label", "CODE label"
      {"ETHNICITY", "WBRI - White British", "a) WBRI", "WBRI is White British"},
      {"ETHNICITY", "MWBA: Mixed: White and Black African", "g) MWBA", "MWBA is Mixed - White and Black African"},
      {"ETHNICITY", "WBRI White British", "a) WBRI", "code then label with a space"},
      {"NEED10", "N1 - Abuse or Neglect", "N1 - Abuse or neglect", "N1 is abuse or neglect"},
      {"NEED10", "N7: Low Income", "N7 - Low income", "N7 is low income"},
      {"SOURCE", "5C: LA Services", "p) 5C: LA services", "5C is LA services (external)"},
      {"PLACEMENT", "U3 Foster placement with relative or friend", "c) U3: Foster placement - relative - not FFA",
       "U3: fostering with relatives or friends, not long-term or FFA"},
      {"LEGAL", "C2 - Full care order", "C2: FCO", "C2 is a full care order"},
      {"ACCOM", "B - With parents or relatives", "B: Parents/relatives", "B is with parents or relatives"},
      {"ACTIVITY", "F1 - Full time in higher education", "F1: Full time in higher education", "F1"},
      {"CEASED", "E2 - Died", "c) E2: Died", "E2 is died"},
      // "label (CODE)", "label [CODE]", "[CODE]"
      {"CEASED", "Child moved abroad [E16]", "s) E16: Child moved abroad", "E16 is child moved abroad"},
      {"SOURCE", "[9]", "t) 9: Anonymous", "9 is anonymous"},
      {"ETHNICITY", "White British (WBRI)", "a) WBRI", "label then code in brackets"},
      {"ETHNICITY", "WBRI [White British]", "a) WBRI", "code then label in brackets"},
      // a council's sub-code of one of DfE's codes
      {"NEED10", "N1.02", "N1 - Abuse or neglect", "a sub-code of N1"},
      {"NEED10", "N1c - Sexual abuse", "N1 - Abuse or neglect", "a sub-code of N1, words that agree"},
      {"NEED10", "N8A", "N8 - Absent parenting", "a sub-code of N8"},
      {"NEED10", "N1c - Low income", "", "a sub-code of N1, words that are N7's own label"},
      {"NEED10", "N1c - Parental Substance Misuse", "N1 - Abuse or neglect",
       "a sub-code of N1: the council filed its sub-category under N1 (its census return says N1)"},
      {"NEED10", "N6e1 - Child Sexual Exploitation", "N6 - Socially unacceptable behaviour",
       "a sub-code of N6, words the keywords alone would read as N1"},
      {"NEED10", "N4SD : Families Affected by Mental Health difficulties", "N4 - Family in acute stress",
       "a sub-code of N4"},
      {"NEED10", "N1c - N7", "", "a sub-code of N1, words that are N7's code"},
      {"NEED10", "n1c", "N1 - Abuse or neglect", "a sub-code alone"},
      {"NEED10", "2a Physical Disability", "N2 - Child’s disability", "a need's digit first, then a letter"},
      {"NEED10", "4g No Recourse to Public Funds", "N4 - Family in acute stress", "the digit names N4"},
      {"NEED10", "1st referral", "", "an ordinal is no sub-code"},
      {"NEED10", "N1c_Parental Substance Misuse", "N1 - Abuse or neglect",
       "an underscore after a sub-code separates, like ' - '"},
      {"NEED10", "N1_Low income", "", "after an underscore, words that are N7's own label still contradict"},
      {"NEED10", "FDS_CARE", "", "an underscore inside a council's own code joins: no code FDS, no words CARE"},
      // a DfE label as a heading, then a colon: the council's sub-category
      {"NEED10", "Abuse or Neglect: Child or young person as abuser", "N1 - Abuse or neglect",
       "filed under N1's label; the words alone would not read as N1"},
      {"NEED10", "Family dysfunction: Low income", "", "the words after the colon are N7's own label"},
      {"NEED10", "Abuse or Neglect - Child or young person as abuser", "",
       "after a dash the words are judged as words: the heading rule is the colon's"},
      // "unknown" by any of its spellings reads as the set reads "Unknown"
      {"ETHNICITY", "UNK", "s) NOBT", "HL7's UNK: ethnicity's unknown is NOBT"},
      {"ETHNICITY", "Not known", "s) NOBT", "as 'Unknown' reads"},
      {"ETHNICITY", "N/K", "s) NOBT", "as 'Unknown' reads"},
      {"ACCOM", "Unknown", "R: Residence not known", "as 'Not known' reads"},
      {"ACCOM", "N/K", "R: Residence not known", "never N then K (ordinary lodgings)"},
      {"YNU", "Don't know", "c) Unknown", "a spelling of unknown"},
      {"ACCOM", "Not Recorded", "R: Residence not known", "the council holds no value: as 'Not known' reads"},
      {"ETHNICITY", "No information", "s) NOBT", "information not (yet) obtained"},
      {"YN", "Not recorded", "", "YN has no unknown"},
      {"ETHNICITY", "Not stated", "", "not stated may be a refusal (REFU): no unknown spelling"},
      {"ACCOM", "Not stated", "R: Residence not known", "no refusal in the set: not stated is unknown"},
      // one word alone must be (most of) a value's own name, never a word of
      // its definition
      {"CEASED", "Age 18", "", "E15 is an age *assessment*; turning 18 is no reason code"},
      {"RC", "Care", "", "RC6's 'transferred to adult social care services': one word of it"},
      {"RC", "Action", "", "RC8 is *no* further action: a negated name is never one of its words"},
      {"NEED10", "Mental", "", "a word of N3's definition, not its name"},
      {"NEED10", "Because", "", "a word of N3's definition"},
      {"NEED10", "Neglect", "N1 - Abuse or neglect", "half of N1's name"},
      {"ABUSE", "Multiple", "e) Multiple/not recommended", "the first of the label's alternatives"},
      {"LA_OUTSIDE_ENGLAND", "Confidential", "CON - Child placed in confidential placement",
       "the one word of CON's label no other value's shares"},
      {"NEED10", "N1; N1", "N1 - Abuse or neglect", "its own code, twice"},
      {"ACTIVITY", "Young parent", "", "G6 is NEET for parenting: a value whose name says 'not' needs words that do"},
      // Ofsted's letter in front: the rest decides, and must agree with itself
      {"PLACEMENT", "j) A6: Placed for adoption - order - foster", "",
       "A6's letter and code, A5's label: neither (the words alone would say A6 by its code)"},
      {"PLACEMENT", "x) U1: Foster placement - relatives - long term", "a) U1: Foster placement - relatives - long term",
       "a letter is no code: the rest reads"},
      {"YNU", "N/K - not known", "c) Unknown", "an initialism and its words"},
      {"YN", "N/K", "", "YN has no unknown: never 'N' (No)"},
      // an initialism is never a one-letter code then words
      {"YN", "N/R", "", "not recorded, never No"},
      {"YNU", "N/S", "", "not stated, never No"},
      {"YN", "N/A", "", "not applicable, never No"},
      {"YNU", "N/A - not applicable", "", "not applicable, never No"},
      {"ACCOM", "N/S", "", "never S (no fixed abode)"},
      {"YN", "N - No", "b) No", "a code then its label is no initialism"},
      {"NEED10", "C/F LOW INCOME", "N7 - Low income", "carried forward: the words after the initialism read"},
      // a misspelt word of the code's own meaning after a bare space
      {"NEED10", "N2 Disablilty", "N2 - Child’s disability", "'disabl' is one letter from 'disabi'"},
      {"NEED10", "N2 Disbaility", "N2 - Child’s disability", "two letters swapped"},
      {"NEED10", "N2 Dsblty", "", "more than one slip: no word of N2's meaning"},
      {"NEED10", "N2 Low incone", "", "a slip of another value's words is no agreement"},
      {"SOURCE", "6 month review", "", "after a bare space the words must share 6's meaning"},
      {"SOURCE", "6 Polise", "q) 6: Police", "a slip of 6's own word"},
      // DfE's SSDA903 care-leaver accommodation code: type and suitability
      {"ACCOM", "U2", "U: Independent living", "OC3's U2: independent living, not suitable"},
      {"ACCOM", "z1", "Z: With former foster carers", "OC3's Z1, any case"},
      {"ACCOM", "U2 - Independent living", "U: Independent living", "written out"},
      {"ACCOM", "U3", "", "no OC3 code: the digit is 1 or 2"},
      {"ACCOM", "A1", "", "no OC3 code: A is no accommodation type"},
      {"SUIT", "U2", "b) Unsuitable", "OC3's second character 2: not suitable"},
      {"SUIT", "B1", "a) Suitable", "OC3's second character 1: suitable"},
      // a council's own code in front of or after a label: the label decides
      {"ETHNICITY", "A1 - White British", "a) WBRI", "A1 is no Ofsted code; the label is White British"},
      {"ETHNICITY", "White British (101)", "a) WBRI", "101 is a local number"},
      {"GENDER", "1 - Male", "a) Male", "the label is Male"},
      // DfE's labels whatever the punctuation
      {"ETHNICITY", "White - British", "a) WBRI", "DfE's label for WBRI"},
      {"ETHNICITY", "Mixed - White and Black Caribbean", "f) MWBC", "DfE's label for MWBC"},
      {"LEGAL", "Interim care order", "C1: ICO", "DfE's words for C1"},
      // numeric codes that went through a spreadsheet
      {"SOURCE", "6.0", "q) 6: Police", "6 is police"},
      {"SOURCE", "4.00", "m) 4: Housing", "4 is housing"},
      {"LEAVE", "1.0", "1 - Adopter withdrew from process", "1 is the adopter withdrew"},
      {"GENDER", "2.0", "b) Female", "2 is female in the CIN census"},
      // case, spacing, quote and dash variants
      {"NEED10", "n2 – child's disability", "N2 - Child’s disability", "a curly apostrophe and an en dash"},
      {"ETHNICITY", "  wbri  ", "a) WBRI", "case and spaces"},
      // the label contradicts the code: never read, whichever one is right
      {"NEED10", "N1 - Low income", "", "N1 is abuse or neglect; low income is N7"},
      {"SOURCE", "7 - Police", "", "7 is another legal agency; police is 6"},
      {"CEASED", "E2 - Adopted", "", "E2 is died; adopted is E11/E12"},
      {"LEGAL", "C2 - Interim care order", "", "C2 is a full care order; interim is C1"},
      {"ETHNICITY", "WBRI - White Irish", "", "WIRI is White Irish"},
      // punctuation that changes meaning is kept: "1.5" is not 1, "6.1" not 6
      {"LEAVE", "1.5", "", "not a whole number"},
      {"SOURCE", "6.1", "", "not a whole number"},
  };
  for (const Case& c : cases) {
    INFO(c.set << " '" << c.spelling << "': " << c.why);
    CHECK(Read(c.set, c.spelling) == c.expected);
  }
}

TEST_CASE("code resolver: a group name before a value of that group", "[mapping][values]") {
  const std::vector<Case> cases = {
      // ONS/DfE group headings, whatever the separator
      {"ETHNICITY", "Asian or Asian British - Indian", "j) AIND", "Indian, under Asian"},
      {"ETHNICITY", "Black or Black British-Caribbean", "n) BCRB", "a separator without spaces"},
      {"ETHNICITY", "Asian or Asian British > Indian", "j) AIND", "'>' as the separator"},
      {"ETHNICITY", "Asian / Asian British (Bangladeshi)", "l) ABAN", "the value in brackets"},
      {"ETHNICITY", "C3 - Asian or Asian British - Bangladeshi", "l) ABAN", "a local code, then group and label"},
      {"ETHNICITY", "Black or Black British - Black Somali", "o) BAFR",
       "the group again, then DfE's extended category Somali (BSOM, under BAFR)"},
      // a space after the group: the rest must be a value's own spelling
      {"ETHNICITY", "Black Nigerian", "o) BAFR", "DfE's extended category Nigerian (BNGN) is Black African"},
      {"ETHNICITY", "White Kosovan", "d) WOTH", "DfE's extended category Kosovan (WKOS) is any other White"},
      {"ETHNICITY", "White - English", "a) WBRI", "'White' and 'English' is DfE's extended WENG, White British"},
      // a rest outside the group the head names is refused, never read
      {"ETHNICITY", "Asian or Asian British - Caribbean", "", "Caribbean is BCRB, a Black value"},
      {"ETHNICITY", "White - Nigerian", "", "Nigerian is Black African, not White"},
      {"ETHNICITY", "Mixed/Multiple ethnic groups White and Black Caribbean", "f) MWBC",
       "the group Mixed, then MWBC's label; never 'White and Black' as two groups then 'Caribbean'"},
      // the group written short, and the group's values by their words
      {"SOURCE", "Health - GP", "g) 3A: Health services", "3A is the general practitioner (GP)"},
      {"SOURCE", "Health services - Other (e.g. hospice)", "l) 3F: Health services", "3F: other (e.g. hospice)"},
      {"SOURCE", "Individual - Neighbour/Friend", "b) 1B: Individual", "1B: acquaintance, including neighbours"},
      {"SOURCE", "Individual - Family/Friend/Neighbour", "", "family is 1A, neighbours 1B: two values"},
      {"SOURCE", "SCHNURSE - Health - School Nurse", "i) 3C: Health services", "a council code; 3C is the school nurse"},
      // family members are 1A (family member, relative or carer)
      {"SOURCE", "Step-Mother", "a) 1A: Individual", "a family member"},
      {"SOURCE", "IND - Parent/Carer", "a) 1A: Individual", "a council code, then a parent or carer"},
      // DfE's definitions of the need codes
      {"NEED10", "Children in need as a result of, or at risk of, abuse or neglect", "N1 - Abuse or neglect",
       "DfE's definition of N1"},
      {"NEED10", "No", "", "'no' in N8's definition ('no parents available') does not make 'No' N8"},
  };
  for (const Case& c : cases) {
    INFO(c.set << " '" << c.spelling << "': " << c.why);
    CHECK(Read(c.set, c.spelling) == c.expected);
  }
  // A group name repeated at every cut is read in bounded time (each rest
  // would otherwise try every cut of its own rest) and resolves nowhere.
  std::string repeated;
  for (int i = 0; i < 40; ++i) repeated += "White/";
  repeated += "Zz";
  CHECK(Read("ETHNICITY", repeated).empty());
}

TEST_CASE("code resolver: the built-in aliases agree with DfE's code meanings", "[mapping][values]") {
  // A few dozen spellings councils write, with the code DfE's definitions
  // give them (CIN census guide, "Referral source": 1B acquaintance incl.
  // neighbours, 3A GP, 3C school nurse, 3E A&E, 3F other health services,
  // 5B other internal e.g. youth offending, 5C external e.g. another LA,
  // 7 courts, probation, immigration, CAFCASS, prison, 8 children's centres
  // and voluntary organisations, 9 anonymous).
  const std::vector<Case> cases = {
      {"SOURCE", "Community Mental Health Team", "l) 3F: Health services", "was read as 6 Police"},
      {"SOURCE", "COMMUNITY MENTAL HEALTH TEAM.", "l) 3F: Health services", "the alias as the schema wrote it"},
      {"SOURCE", "Ambulance Service", "l) 3F: Health services", "other health services, not 8"},
      {"SOURCE", "LADO", "p) 5C: LA services", "LA services, not 8"},
      {"SOURCE", "Friend/Neighbour", "b) 1B: Individual", "1B includes neighbours, not 8"},
      {"SOURCE", "Probation Service", "r) 7: Other legal agency", "probation is 7, not police"},
      {"SOURCE", "Probation (NPS)", "r) 7: Other legal agency", "probation is 7"},
      {"SOURCE", "Youth Offending Service (YOS)", "o) 5B: LA services", "DfE's 5B example"},
      {"SOURCE", "Member of the Public", "d) 1D: Individual", "an individual, not a legal agency"},
      {"SOURCE", "(CS) Anonymous", "t) 9: Anonymous", "anonymous is 9, unknown is 10"},
      {"SOURCE", "Nursing-School Nurse", "i) 3C: Health services", "3C is the school nurse"},
      {"SOURCE", "1B Individual - Acquaintance (including neighbours and child minders)", "b) 1B: Individual",
       "was filed under Housing"},
      {"SOURCE", "3A - GP", "g) 3A: Health services", "3A is the GP"},
      {"SOURCE", "Police", "q) 6: Police", "6"},
      {"SOURCE", "Court", "r) 7: Other legal agency", "7 includes courts"},
      {"SOURCE", "CAFCASS referral", "r) 7: Other legal agency", "7 includes CAFCASS"},
      {"SOURCE", "Prison", "r) 7: Other legal agency", "7 includes prison"},
      {"SOURCE", "Children's Centre", "s) 8: Other", "8 includes children's centres"},
      {"SOURCE", "Voluntary Organisation", "s) 8: Other", "8 includes voluntary organisations"},
      {"SOURCE", "Anonymous", "t) 9: Anonymous", "9"},
      {"SOURCE", "Housing Association", "m) 4: Housing", "4 includes housing associations"},
      {"SOURCE", "Primary School", "e) 2A: Schools", "2A"},
      {"SOURCE", "Education Welfare Officer", "f) 2B: Education services", "2B"},
      {"SOURCE", "Internal (Early Help)", "p1) 5D: LA services",
       "early help is 5D in the 2023 template (the 2019 one has no 5D and refuses it)"},
      {"SOURCE", "Police/Court /Probation", "", "two codes at once"},
      {"GENDER", "F", "b) Female", "CIN census gender 2 / F"},
      {"GENDER", "Male", "a) Male", ""},
      {"ETHNICITY", "White British", "a) WBRI", "DfE WBRI"},
      {"ETHNICITY", "Indian", "j) AIND", "DfE AIND"},
      {"ETHNICITY", "Gypsy/Roma", "e) WROM", "DfE WROM"},
      {"ETHNICITY", "Traveller of Irish heritage", "c) WIRT", "DfE WIRT"},
      // DfE's extended ethnicity codes and their main code
      {"ETHNICITY", "WENG", "a) WBRI", "White English is White British"},
      {"ETHNICITY", "WENG - White English", "a) WBRI", "the extended code with its label"},
      {"ETHNICITY", "BGHA", "o) BAFR", "Ghanaian is Black African"},
      {"ETHNICITY", "OKRD - Kurdish", "r) OOTH", "Kurdish is any other ethnic group"},
      {"ETHNICITY", "CHKC", "q) CHNE", "Hong Kong Chinese is Chinese"},
      {"ETHNICITY", "WENG - White Irish", "", "the extended code says White British, the words White Irish"},
      {"SOURCE", "MP", "d) 1D: Individual", "1D includes MPs (the schema said 8)"},
      {"ABUSE", "Neglect", "a) Neglect", ""},
      {"ABUSE", "Emotional", "d) Emotional abuse", ""},
      {"NEED10", "Abuse or neglect", "N1 - Abuse or neglect", "N1"},
      {"NEED10", "Absent parenting", "N8 - Absent parenting", "N8"},
      {"CEASED", "Died", "c) E2: Died", "E2"},
      {"CEASED", "E7 - Transferred to Adult Social Care", "o) E7: Transferred to residential care funded by adult social services",
       "the code E7 decides and the words (adult social care) agree; the schema filed this under E8"},
      {"CEASED", "E8-Transferred to care of adult services", "", "the code says E8, the words E7"},
      {"PROVIDER", "PR0: Provision by own parents or other person with parental responsibility",
       "a) PR0: Parents/Parental responsibility", "PR0, not PR1 as the schema had it"},
  };
  for (const Case& c : cases) {
    INFO(c.set << " '" << c.spelling << "': " << c.why);
    CHECK(Read(c.set, c.spelling) == c.expected);
  }
}

TEST_CASE("code resolver: no built-in alias contradicts the code it is written with", "[mapping][values]") {
  // Read without the alias table, an alias that names one of its set's codes
  // ("7 - Police", "Police [6]") must read as the value the table gives it.
  const annexa::spec::ValueAliases none;
  std::vector<std::string> wrong;
  BuiltIn().ForEach([&](const std::string& set, const std::string& form, const std::string& display) {
    const annexa::spec::CodeSet* s = Spec2023().FindCodeSet(set);
    REQUIRE(s);
    // Every target is one of Ofsted's display strings in 2023.
    if (!s->Find(display)) wrong.push_back(set + ": '" + form + "' -> '" + display + "' is not a value");
    CodeResolver bare(*s, none, nullptr);
    if (const std::string* d = bare.Resolve(form); d && *d != display)
      wrong.push_back(set + ": '" + form + "' -> '" + display + "' but its code says '" + *d + "'");
  });
  CHECK(wrong == std::vector<std::string>{});
}

TEST_CASE("code resolver: the council's map, Ofsted's spellings and the set's own codes and labels are exact", "[mapping][values]") {
  const annexa::spec::CodeSet* eth = Spec2023().FindCodeSet("ETHNICITY");
  REQUIRE(eth);
  const CodeMap local = {{"W1", "a) WBRI"}};
  CodeResolver r(*eth, BuiltIn(), &local);
  const Resolution display = r.Read("a) WBRI"), mapped = r.Read("w1"), bare = r.Read("WBRI"),
                   label = r.Read("white british"), written = r.Read("WBRI - White British"),
                   none = r.Read("N1 - White");
  REQUIRE(display.display);
  CHECK((*display.display == "a) WBRI" && display.exact));
  REQUIRE(mapped.display);
  CHECK((*mapped.display == "a) WBRI" && mapped.exact));  // the council said so
  REQUIRE(bare.display);
  // The DfE code itself, and its own label: exact (a council exporting
  // codes is not warned once per code it uses).
  CHECK((*bare.display == "a) WBRI" && bare.exact));
  REQUIRE(label.display);
  CHECK((*label.display == "a) WBRI" && label.exact));
  REQUIRE(written.display);
  CHECK((*written.display == "a) WBRI" && !written.exact));
  CHECK(none.display == nullptr);
  // Another DfE code for a value (SSDA903 OC3's "U2"): read, but reported.
  const annexa::spec::CodeSet* accom = Spec2023().FindCodeSet("ACCOM");
  REQUIRE(accom);
  CodeResolver a(*accom, BuiltIn(), nullptr);
  const Resolution oc3 = a.Read("U2");
  REQUIRE(oc3.display);
  CHECK((*oc3.display == "U: Independent living" && !oc3.exact));
}

TEST_CASE("value aliases: one spelling pointing at two values is an error at its line", "[spec][values]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string path = annexa::testing::WriteTextFile(dir, "value_aliases.yaml",
                                                          "aliases:\n"
                                                          "  SOURCE:\n"
                                                          "    \"Police\": \"q) 6: Police\"\n"
                                                          "    \"LADO\": \"p) 5C: LA services\"\n"
                                                          "    \" POLICE \": \"s) 8: Other\"\n"
                                                          "    \"lado\": \"p) 5C: LA services\"\n");
  auto r = annexa::spec::LoadValueAliases(path);
  REQUIRE_FALSE(r.ok());
  // Line 6 repeats line 4 with the same value: not an error.
  CHECK(r.status().message() ==
        path + ":5:5: alias ' POLICE ' of SOURCE means 's) 8: Other' here but 'q) 6: Police' at line 3 (the same "
               "spelling once case, quotes and spaces are folded): one spelling must mean one value");
}

TEST_CASE("value aliases: a column's own spellings are read in that column only", "[spec][values]") {
  // "NFA" answers "Referral NFA?" Yes, but "assessed as requiring support?"
  // No: one yes/no set serves both, so it is no spelling of the set.
  const annexa::spec::CodeSet* yn = Spec2023().FindCodeSet("YN");
  const annexa::spec::CodeSet* ynu = Spec2023().FindCodeSet("YNU");
  REQUIRE((yn && ynu));
  const auto read = [](const annexa::spec::CodeSet& set, const char* column, const char* value) {
    CodeResolver r(set, BuiltIn(), nullptr, column);
    const std::string* d = r.Resolve(value);
    return d ? *d : std::string();
  };
  CHECK(read(*yn, "referral_nfa", "NFA") == "a) Yes");
  CHECK(read(*yn, "referral_nfa", "No further action") == "a) Yes");
  CHECK(read(*yn, "referral_nfa", "Further action") == "b) No");
  CHECK(read(*yn, "requiring_support", "NFA").empty());
  CHECK(read(*yn, "", "NFA").empty());
  CHECK(read(*yn, "referral_nfa", "Yes") == "a) Yes");  // the set's own spellings still read
  CHECK(read(*ynu, "return_interview_offered", "Offered and Declined (by YP)") == "a) Yes");
  CHECK(read(*ynu, "return_interview_accepted", "Offered and Declined (by YP)") == "b) No");
  CHECK(read(*ynu, "seen_alone", "Child not seen alone") == "b) No");
  CHECK(read(*ynu, "child_seen", "Child not seen alone").empty());  // seen, but not alone: no answer
  CHECK(read(*ynu, "disability", "Refused") == "c) Unknown");
  CHECK(read(*ynu, "return_interview_accepted", "Refused").empty());
  CHECK(read(*yn, "disability", "Refused").empty());  // List 11's yes/no has no unknown
}

TEST_CASE("value aliases: every column's own spelling names a value of that column's code set", "[spec][values]") {
  // The column keys of every list (both versions), with their code sets.
  std::map<std::string, std::set<std::string>> sets_of;
  for (const char* version : {"ilacs-2019", "ilacs-2023"}) {
    auto spec = annexa::spec::LoadSpecVersion(annexa::testing::SourceDir() + "/annex_a_specs", version);
    REQUIRE(spec.ok());
    for (int n = 1; n <= 11; ++n)
      if (const annexa::spec::ListSpec* ls = spec->FindList(n))
        for (const auto& c : ls->columns)
          if (!c.code_set.empty()) sets_of[c.key].insert(c.code_set);
  }
  int checked = 0;
  BuiltIn().ForEachColumn([&](const std::string& column, const std::string& form, const std::string& display) {
    INFO(column << ": '" << form << "' -> " << display);
    REQUIRE(sets_of.count(column));
    bool in_a_set = false;
    for (const std::string& set : sets_of[column])
      for (const auto& v : Spec2023().FindCodeSet(set)->values) in_a_set = in_a_set || v.display == display;
    CHECK(in_a_set);
    ++checked;
  });
  CHECK(checked == 11);  // the table in annex_a_specs/value_aliases.yaml, counted by hand
}

TEST_CASE("value aliases: a column's spelling pointing at two values is an error at its line", "[spec][values]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string path = annexa::testing::WriteTextFile(dir, "value_aliases.yaml",
                                                          "aliases: {}\n"
                                                          "columns:\n"
                                                          "  referral_nfa:\n"
                                                          "    \"NFA\": \"a) Yes\"\n"
                                                          "    \"nfa \": \"b) No\"\n");
  auto r = annexa::spec::LoadValueAliases(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == path + ":5:5: alias 'nfa ' of column referral_nfa means 'b) No' here but 'a) Yes' "
                                        "at line 4 (the same spelling once case, quotes and spaces are folded): one "
                                        "spelling must mean one value");
}

TEST_CASE("generate: a spelling read by a built-in rule is one code-spelling finding per column", "[mapping][values]") {
  PackFixture f;
  // People 1-3 write WBRI out, 4 writes Ofsted's display, 5 the bare code,
  // 6 a code whose label disagrees (never read), 7 a code the council maps.
  f.File("people.csv",
         "PERSON_ID,GENDER,ETHNICITY\nC1,M,WBRI - White British\nC2,F,WBRI - White British\nC3,F,WBRI - White British\n"
         "C4,M,a) WBRI\nC5,M,WIRI\nC6,F,WBRI - White Irish\nC7,F,X9\n");
  f.File("contacts.csv",
         "CONTACT_ID,PERSON_ID,CONTACT_DATE,SOURCE\n1,C1,2026-10-01,6.0\n2,C2,2026-10-02,6\n3,C3,2026-10-03,q) 6: Police\n"
         "4,C4,2026-10-04,LADO\n5,C5,2026-10-05,7 - Police\n6,C6,2026-10-06,P\n7,C7,2026-10-07,P\n");
  auto p = f.Build(ConfigHead() +
                   "sources:\n  people: people.csv\n  contacts: contacts.csv\n"
                   "code_maps:\n  gender: {M: \"a) Male\", F: \"b) Female\"}\n  eth: {X9: \"d) WOTH\"}\n"
                   "  src: {P: \"q) 6: Police\"}\n"
                   "lists:\n  1:\n    from: contacts\n    join: [{table: people, on: PERSON_ID}]\n"
                   "    columns:\n      child_id: PERSON_ID\n      gender: {column: GENDER, map: gender}\n"
                   "      ethnicity: {column: ETHNICITY, map: eth}\n      date_of_contact: CONTACT_DATE\n"
                   "      contact_source: {column: SOURCE, map: src}\n");
  CHECK(PackFixture::Cell(p, 1, 1, "ethnicity") == "a) WBRI");
  CHECK(PackFixture::Cell(p, 1, 5, "ethnicity") == "b) WIRI");
  CHECK(PackFixture::Cell(p, 1, 6, "ethnicity") == "WBRI - White Irish");
  CHECK(PackFixture::Cell(p, 1, 1, "contact_source") == "q) 6: Police");
  CHECK(PackFixture::Cell(p, 1, 4, "contact_source") == "p) 5C: LA services");
  CHECK(PackFixture::Cell(p, 1, 5, "contact_source") == "7 - Police");
  std::vector<std::string> spellings, messages;
  for (const annexa::Finding& x : p.findings)
    if (x.code == "code-spelling") {
      spellings.push_back(std::to_string(x.list) + "|" + std::to_string(x.list_row) + "|" + x.column + "|" + x.value +
                          "|" + std::to_string(x.source_row));
      messages.push_back(x.message);
    }
  // Sorted by column (Ofsted's order: ethnicity before contact source), then spelling.
  // The bare codes WIRI (person 5) and 6 (contact 2) are the code sets' own
  // codes: exact, not reported.
  CHECK(spellings == std::vector<std::string>{"1|1|ethnicity|WBRI - White British|2", "1|1|contact_source|6.0|2",
                                              "1|4|contact_source|LADO|5"});
  REQUIRE(messages.size() == 3);
  CHECK(messages[0] == "'WBRI - White British' is not Ofsted's spelling; read as 'a) WBRI' (Ethnicity) in 3 rows, "
                       "the first shown");
  CHECK(messages[2] == "'LADO' is not Ofsted's spelling; read as 'p) 5C: LA services' (Contact Source) in 1 row");
  int unmapped = 0;
  for (const annexa::Finding& x : p.findings) unmapped += x.code == "not-a-code";
  CHECK(unmapped == 2);  // "WBRI - White Irish" and "7 - Police"
}

TEST_CASE("code resolver: a label's examples and exclusions are split from its head", "[mapping][values]") {
  using annexa::mapping::SplitLabelHead;
  const auto eg = SplitLabelHead("Health services - Other primary health services (eg: Hospital, Clinic)");
  CHECK(eg.head == "Health services - Other primary health services");
  CHECK(eg.examples == std::vector<std::string>{"eg: Hospital, Clinic"});
  CHECK(eg.illustrated);
  CHECK_FALSE(eg.excluded);
  // Unbracketed: the rest of the label, the separator before it left off.
  const auto trailing = SplitLabelHead("Independent living, eg. in flat or lodgings");
  CHECK(trailing.head == "Independent living");
  CHECK(trailing.examples == std::vector<std::string>{"eg. in flat or lodgings"});
  const auto such = SplitLabelHead("Other legal agency such as courts");
  CHECK(such.head == "Other legal agency");
  CHECK(such.illustrated);
  // "i.e." restates rather than illustrates.
  const auto ie = SplitLabelHead("Internal (i.e. Own Social Care Department)");
  CHECK(ie.head == "Internal");
  CHECK_FALSE(ie.illustrated);
  CHECK(ie.examples.size() == 1);
  const auto excl = SplitLabelHead("Other internal (NOT Social Care, Early Help or Housing)");
  CHECK(excl.head == "Other internal");
  CHECK(excl.excluded);
  CHECK(excl.examples.empty());
  // Brackets that are neither stay in the head; a marker inside a word is no marker.
  const auto plain = SplitLabelHead("Probation (CRC) - Legal");
  CHECK(plain.head == "Probation (CRC) - Legal");
  CHECK((plain.examples.empty() && !plain.excluded && !plain.illustrated));
  CHECK(SplitLabelHead("Legacy service").head == "Legacy service");
  // An unclosed bracket runs to the end.
  CHECK(SplitLabelHead("Health (eg GP").head == "Health");
  CHECK(SplitLabelHead("").head.empty());
}
