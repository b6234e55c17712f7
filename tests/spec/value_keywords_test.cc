// The keyword rules (spec/value_keywords): how words name one value, on a
// small rule set written here, then the shipped rules on readings decided by
// hand from DfE's definitions (CIN census and SSDA903 guides, DfE's
// extended ethnicity categories), not taken from annexa's output.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "mapping/code_resolver.h"
#include "spec/spec_loader.h"
#include "spec/value_aliases.h"
#include "spec/value_keywords.h"
#include "test_support.h"

namespace {

annexa::spec::ValueKeywords Mini() {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string path = annexa::testing::WriteTextFile(dir, "value_keywords.yaml", R"(keywords:
  SRC:
    asides: ["no longer open"]
    words:
      health: ["hospital", "ward"]
    rules:
      - value: SCHOOL
        when: [["school"]]
      - value: NURSE
        when: [["school nurse"]]
      - value: HOSP
        when: [$health]
      - value: SOCIAL
        when: [["social care"]]
      - value: UNKNOWN
        when: [["not known"]]
      - value: MIXED
        when: ["mixed", ["white", "black"]]
        unless: ["not stated"]
)");
  auto k = annexa::spec::LoadValueKeywords(path);
  REQUIRE(k.ok());
  return *k;
}

std::string Name(const annexa::spec::ValueKeywords& k, const std::string& text) {
  const std::string* v = k.Name("SRC", text);
  return v ? *v : "";
}

}  // namespace

TEST_CASE("keyword rules: words name one value, or none", "[spec][values][keywords]") {
  const annexa::spec::ValueKeywords k = Mini();
  CHECK(k.size() == 6);
  CHECK(Name(k, "Stockport Hospital - Stepping Hill") == "HOSP");
  CHECK(Name(k, "Children's Ward") == "HOSP");        // a named word list
  CHECK(Name(k, "Hospital wards") == "HOSP");         // plural folded
  CHECK(Name(k, "School Nurses") == "NURSE");         // "school nurse" holds "school": the longer reading wins
  CHECK(Name(k, "School / Hospital") == "");          // two values named
  CHECK(Name(k, "Internal (not social care)") == "");  // the negation denies "social care": nothing left
  CHECK(Name(k, "Hospital (not social care)") == "HOSP");  // ... and denies only what follows it
  CHECK(Name(k, "Hospital not attended") == "");      // a negation that denies nothing stops every reading
  CHECK(Name(k, "Not known") == "UNKNOWN");           // a phrase that starts with one is literal
  CHECK(Name(k, "Hospital, no longer open") == "HOSP");  // an aside's negation needs no cover
  CHECK(Name(k, "No longer open") == "");             // and its words name nothing
  CHECK(Name(k, "Mixed white") == "MIXED");           // every concept matched
  CHECK(Name(k, "Mixed") == "");                      // one concept short
  CHECK(Name(k, "Mixed - white (not stated)") == "");  // `unless`
  CHECK(Name(k, "Mixed black") == "MIXED");
  CHECK(Name(k, "") == "");
  CHECK(k.Name("OTHER_SET", "hospital") == nullptr);
  // Words are whole, not cut: "council" is not "councillor".
  CHECK(annexa::spec::KeywordTokens("Councillors' Children's SERVICES") ==
        std::vector<std::string>{"councillor", "children", "service"});
}

TEST_CASE("keyword rules: a malformed file names the place", "[spec][values][keywords]") {
  const std::string dir = annexa::testing::MakeTempDir();
  const std::string path = annexa::testing::WriteTextFile(dir, "value_keywords.yaml", R"(keywords:
  SRC:
    rules:
      - value: A
        when: [$nowhere]
      - value: B
)");
  auto k = annexa::spec::LoadValueKeywords(path);
  REQUIRE_FALSE(k.ok());
  CHECK_THAT(k.status().message(), Catch::Contains("value_keywords.yaml:5:") &&
                                       Catch::Contains("no word list 'nowhere'"));
  CHECK_THAT(k.status().message(), Catch::Contains("value_keywords.yaml:6:") &&
                                       Catch::Contains("a rule needs 'when'"));
  // A missing file is no rules, not an error.
  auto none = annexa::spec::LoadValueKeywords(dir + "/absent.yaml");
  REQUIRE(none.ok());
  CHECK(none->size() == 0);
}

namespace {

struct Case {
  const char* version;
  const char* set;
  const char* text;
  const char* expected;  // "" = not read
  const char* why;
};

}  // namespace

TEST_CASE("keyword rules: the shipped rules read by DfE's definitions", "[spec][values][keywords]") {
  const std::string root = annexa::testing::SourceDir() + "/annex_a_specs";
  auto aliases = annexa::spec::LoadValueAliases(root + "/value_aliases.yaml");
  REQUIRE(aliases.ok());
  REQUIRE(aliases->keywords().size() > 100);
  const std::vector<Case> cases = {
      {"ilacs-2023", "ETHNICITY", "Black - Kenyan", "o) BAFR", "Kenya is in Africa: Black African"},
      {"ilacs-2023", "ETHNICITY", "White - Estonian", "d) WOTH", "White, not British or Irish"},
      {"ilacs-2023", "ETHNICITY", "Dual + White & Pakistani", "h) MWAS", "DfE's MWAP is under White and Asian"},
      {"ilacs-2023", "ETHNICITY", "Mixed - Chinese and White", "i) MOTH", "DfE's MWCH is under other mixed"},
      {"ilacs-2023", "ETHNICITY", "Asian or Asian British - Afghan", "r) OOTH", "DfE's OAFG Afghan"},
      {"ilacs-2023", "ETHNICITY", "Irish Traveller", "c) WIRT", "Traveller of Irish heritage"},
      {"ilacs-2023", "ETHNICITY", "Gypsy or Irish Traveller", "", "WROM or WIRT"},
      // Issue 16 changed this reading on purpose (it was refused as "a
      // group and NOBT"): a group names no code at all (Ofsted asks for the
      // code), so the one code the words name is NOBT, "information not yet
      // obtained"; a code and NOBT still name two values.
      {"ilacs-2023", "ETHNICITY", "White - Not yet obtained", "s) NOBT", "no code obtained yet: NOBT"},
      {"ilacs-2023", "ETHNICITY", "White British - not yet obtained", "", "WBRI and NOBT: two values"},
      {"ilacs-2023", "ETHNICITY", "Chinese or Other Ethnic Group/Arab", "r) OOTH",
       "DfE's older group name is an aside; Arab is DfE's OARA, under OOTH"},
      {"ilacs-2023", "ETHNICITY", "White Morrocan", "r) OOTH", "DfE's OMRC Moroccan, under OOTH (misspelt)"},
      {"ilacs-2023", "ETHNICITY", "White - Algerian", "d) WOTH",
       "White, and a nationality DfE's extended list does not name: any other White background"},
      {"ilacs-2023", "ETHNICITY", "Algerian", "", "a nationality alone names no ethnicity"},
      // Trailing examples and bracketed exclusions: the head decides, and
      // examples never decide alone.
      {"ilacs-2023", "SOURCE", "Health services - Other primary health services (eg: Hospital, Clinic)",
       "j) 3D: Health services", "DfE's 3D in the head; the examples name a value of the same group"},
      {"ilacs-2023", "SOURCE", "Health Services - Adult Mental Health (Including social work)", "",
       "the example names LA social care (5A), another group than the head's 3F"},
      {"ilacs-2023", "SOURCE", "Health Services (eg GP)", "", "the head is Ofsted's group; the example does not decide"},
      {"ilacs-2023", "SOURCE", "Other (e.g. Police)", "", "'Other' alone names nothing; the example does not decide"},
      {"ilacs-2023", "SOURCE", "LA Services – Other internal (NOT Social Care, Early Help, HSC or Housing)",
       "o) 5B: LA services", "DfE's 5B, other internal; the exclusions name what it is not"},
      {"ilacs-2023", "SOURCE", "Internal (i.e. Own Social Care Department)", "n) 5A: LA services",
       "'i.e.' restates: the council's own social care (5A)"},
      {"ilacs-2023", "SOURCE", "IND - Member of Public - no Known to Family", "d) 1D: Individual",
       "not known to the family: a stranger, 1D, not an unknown source"},
      {"ilacs-2023", "SOURCE", "Health – Consultant Psychiatrist / Community Psychiatric Nurse",
       "l) 3F: Health services", "psychiatric services are 3F, as CPN is"},
      {"ilacs-2023", "ACCOM", "Independent living, eg. in flat or lodgings without formal support staff, or in",
       "U: Independent living", "DfE's U words; the example's 'without' is no negation of the head"},
      {"ilacs-2023", "ACCOM", "Own tenancy private", "U: Independent living", "DfE's U: independent tenancy"},
      {"ilacs-2023", "ACCOM", "Own tenancy with floating support", "", "floating support is D"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Neath Port Talbot County Borough Council",
       "WAL - Child placed in Wales", "one of Wales' 22 principal areas"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Dumfries and Galloway Council", "SCO - Child placed in Scotland",
       "one of Scotland's 32 council areas"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Belfast", "NIR - Child placed in Northern Ireland", "a NI district"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Carlisle", "", "in England (Cumberland)"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Newport", "", "Newport, Isle of Wight is in England too"},
      {"ilacs-2023", "LA_OUTSIDE_ENGLAND", "Cardiff or Glasgow", "", "two countries"},
      {"ilacs-2023", "NEED10", "Section 47", "N1 - Abuse or neglect",
       "a s47 enquiry is into suspected significant harm: abuse or neglect"},
      {"ilacs-2023", "NEED10", "Not specified", "N0 - Not stated", "N0"},
      {"ilacs-2023", "CEASED", "E6 Care Ends - Into independent and non-supportive accom",
       "n) E6: Moved into independent living - no support", "DfE's E6: no formalised support"},
      {"ilacs-2023", "CEASED", "Moved to Indep Liv without formal support",
       "n) E6: Moved into independent living - no support", "E6"},
      {"ilacs-2023", "CEASED",
       "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply e.g. an unaccompanied "
       "asylum seeking child who",
       "r) E15: Age assessment determined child was 18 or over", "DfE's E15 words (an alias once said E8)"},
      {"ilacs-2023", "PLACEMENT", "Reg 24 Carer", "c) U3: Foster placement - relative - not FFA",
       "a connected person's temporary approval: neither long term nor FFA"},
      {"ilacs-2023", "PLACEMENT", "Regulation 24 - long term", "", "long term contradicts a temporary approval"},
      {"ilacs-2023", "SOURCE", "TAF Meeting", "p1) 5D: LA services",
       "a Team Around the Family is the LA's early help assessment and plan"},
      {"ilacs-2023", "SOURCE", "School TAF", "", "a school and early help: two values"},
      {"ilacs-2023", "INTOUCH", "Not in touch", "b) No", "SSDA903's NO: not in touch"},
      {"ilacs-2023", "INTOUCH", "No longer in touch", "b) No", "the code NO and words of its meaning"},
      {"ilacs-2023", "INTOUCH", "In touch", "a) Yes", "SSDA903's YES"},
      {"ilacs-2023", "SUIT", "Not suitable", "b) Unsuitable", "not suitable is unsuitable, never suitable"},
      {"ilacs-2023", "FFA", "Not FFA", "No", "a negating word denies FFA"},
      {"ilacs-2023", "FFA", "Concurrent planning", "Yes", "List 11 counts concurrent planning as fostering for adoption"},
      {"ilacs-2023", "INOUT", "Out of area", "b) Out", "outside the council's boundary"},
      {"ilacs-2023", "INOUT", "Not in LA", "", "no phrase of either value survives the negation"},
      {"ilacs-2023", "ACTIVITY", "NEET - parenting", "G6: Not in education, employment or training - pregnancy or parenting",
       "NEET and why: G6"},
      {"ilacs-2023", "ACTIVITY", "NEET - illness", "G4: Not in education, employment or training - illness or disability",
       "NEET and why: G4"},
      {"ilacs-2023", "ACTIVITY", "NEET", "", "NEET alone: G4, G5 or G6"},
      {"ilacs-2023", "PLACEMENT", "Reg 38", "c) U3: Foster placement - relative - not FFA",
       "regulation 38 of the Fostering Services Regulations 2002: regulation 24's predecessor"},
      {"ilacs-2023", "PLACEMENT",
       "Temporary accommodation of seven days or less, for any other reason not covered by codes T1 to T3",
       "zz) T4: Temporary placement - seven days or less", "DfE's words for T4"},
      {"ilacs-2023", "PLACEMENT", "Placement with other foster carer", "", "retired Q2: U4, U5 or U6"},
      {"ilacs-2023", "PROVIDER", "Parents or other person with PR", "a) PR0: Parents/Parental responsibility",
       "DfE's PR0 words"},
      {"ilacs-2023", "PROVIDER", "Voluntary/3rd sect prov", "f) PR5: Voluntary/third sector", "DfE's PR5"},
      {"ilacs-2023", "PROVIDER", "Own provision - voluntary", "", "PR1 or PR5"},
      {"ilacs-2023", "RC", "Special guardianship order made to carers other than former foster carers",
       "RC4 - Special guardianship order", "RC4 is any special guardianship order"},
      {"ilacs-2023", "ETHNICITY", "Mixed - Black and White", "", "Black Caribbean or Black African?"},
      {"ilacs-2023", "ETHNICITY", "Black Carribean", "n) BCRB", "a common misspelling"},
      {"ilacs-2023", "ETHNICITY", "English", "a) WBRI", "DfE's WENG is under White British"},
      {"ilacs-2023", "SOURCE", "Stockport Hospital - Stepping Hill", "l) 3F: Health services",
       "a hospital: other health services"},
      {"ilacs-2023", "SOURCE", "Primary Health - GP", "g) 3A: Health services", "the GP, not other primary"},
      {"ilacs-2023", "SOURCE", "Police/Court /Probation", "", "6 and 7"},
      {"ilacs-2023", "SOURCE", "LA - Early Help (not Youth Offending)", "p1) 5D: LA services",
       "early help; youth offending denied"},
      {"ilacs-2023", "SOURCE", "Other Depts of Own LA (Not Social Care or Housing)", "o) 5B: LA services",
       "DfE's 5B: other internal departments"},
      {"ilacs-2023", "SOURCE", "OTHER HEALTH SERVICES", "l) 3F: Health services", "capitals are no local code"},
      {"ilacs-2023", "SOURCE", "7 - Police", "", "code 7, words 6"},
      {"ilacs-2023", "SOURCE", "Internal (Early Help)", "p1) 5D: LA services", "early help is 5D"},
      {"ilacs-2019", "SOURCE", "Internal (Early Help)", "", "the 2019 template has no 5D"},
      {"ilacs-2023", "NEED10", "2a Physical Disability", "N2 - Child’s disability", "the council's sub-code 2a of N2"},
      {"ilacs-2023", "NEED10", "4g No Recourse to Public Funds", "N4 - Family in acute stress",
       "the council filed it under its sub-code 4g of N4; the words are no other value's own label"},
      {"ilacs-2023", "NEED10", "4g Low income", "", "sub-code of N4, words that are N7's own label"},
      {"ilacs-2023", "NEED10", "1st Referral", "", "an ordinal, no sub-code of N1"},
      {"ilacs-2023", "NEED10", "Parental Substance Misuse", "N3 - Parental disability or illness",
       "N3 covers a parent's addiction"},
      {"ilacs-2023", "NEED10", "Disability", "N2 - Child’s disability",
       "a need not said to be anyone else's is the child's: DfE's N3 is always a parent's"},
      {"ilacs-2023", "NEED10", "Learning Disability Support 18-64", "N2 - Child’s disability", "the child's"},
      {"ilacs-2023", "NEED10", "Mental Health - Parent/Carer", "N3 - Parental disability or illness", "a parent's"},
      {"ilacs-2023", "NEED10", "Families Affected by Mental Health difficulties", "",
       "the family's: neither the child's (N2) nor said to be a parent's (N3)"},
      {"ilacs-2023", "NEED10", "Sibling with a disability", "", "a sibling's: not the child's"},
      {"ilacs-2023", "NEED10", "Unaccompanied asylum seeking child", "N8 - Absent parenting", "no parent here"},
      {"ilacs-2023", "CEASED", "Moved into independent living (with no formalised support)",
       "n) E6: Moved into independent living - no support", "E6"},
      {"ilacs-2023", "CEASED", "Moved into independent living (with supportive accommodation)",
       "m) E5: Moved into independent living - supported", "E5"},
      {"ilacs-2023", "CEASED",
       "Special guardianship made to carer(s) other than former foster carer(s), who were a relative or friend",
       "k) E47: Special Guardianship Orders - relative/friend", "DfE's words for E47"},
      {"ilacs-2023", "CEASED", "E43", "", "retired in 2016: E45 or E46"},
      {"ilacs-2023", "CEASED", "SUPPORTED  ACCOMMODATION", "m) E5: Moved into independent living - supported",
       "DfE's E5: supportive accommodation with formalised advice or support"},
      {"ilacs-2023", "CEASED", "Unsupported accommodation", "", "no move into independent living is said"},
      {"ilacs-2023", "PLACEMENT", "Placed for adoption with placement order not with current foster carer",
       "j) A6: Placed for adoption - order - not foster", "DfE's words for A6"},
      {"ilacs-2023", "PLACEMENT", "Foster placement with relative or friend - long term fostering",
       "a) U1: Foster placement - relatives - long term", "DfE's words for U1"},
      {"ilacs-2023", "GENDER_ADOPTER", "M", "a) Male", "List 1-10 gender spellings, read by label"},
      {"ilacs-2023", "GENDER_ADOPTER", "Unborn", "d) Not stated/recorded", "List 11 letters: d) is not stated"},
      {"ilacs-2023", "GENDER_ADOPTER", "Non-Binary", "c) Neither", "List 11 letters: c) is neither"},
  };
  for (const Case& c : cases) {
    auto spec = annexa::spec::LoadSpecVersion(root, c.version);
    REQUIRE(spec.ok());
    const annexa::spec::CodeSet* set = spec->FindCodeSet(c.set);
    REQUIRE(set);
    annexa::mapping::CodeResolver resolver(*set, *aliases, nullptr);
    const std::string* got = resolver.Resolve(c.text);
    INFO(c.version << " " << c.set << " '" << c.text << "': " << c.why);
    CHECK((got ? *got : std::string()) == c.expected);
    if (got) CHECK_FALSE(resolver.Read(c.text).exact);  // every keyword reading is reported
  }
}

TEST_CASE("keyword rules: every rule names a value of its set", "[spec][values][keywords]") {
  const std::string root = annexa::testing::SourceDir() + "/annex_a_specs";
  auto aliases = annexa::spec::LoadValueAliases(root + "/value_aliases.yaml");
  REQUIRE(aliases.ok());
  auto spec = annexa::spec::LoadSpecVersion(root, "ilacs-2023");
  REQUIRE(spec.ok());
  for (const char* set_name : {"ETHNICITY", "SOURCE", "NEED10", "NEED8", "LEGAL", "CEASED", "PLACEMENT", "ACCOM", "RC",
                               "LA_OUTSIDE_ENGLAND", "PROVIDER"}) {
    const auto* rules = aliases->keywords().Rules(set_name);
    REQUIRE(rules);
    const annexa::spec::CodeSet* set = spec->FindCodeSet(set_name);
    REQUIRE(set);
    for (const annexa::spec::KeywordRule& r : *rules) {
      INFO(set_name << " rule at line " << r.line << ": " << r.value);
      // N0 and N9 are List 6 codes only.
      if (std::string(set_name) == "NEED8" && (r.value == "N0" || r.value == "N9")) continue;
      CHECK(annexa::mapping::ResolveInSet(*set, *aliases, r.value).has_value());
    }
  }
}
