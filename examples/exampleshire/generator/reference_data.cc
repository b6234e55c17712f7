#include "reference_data.h"

#include <set>

namespace exampleshire {

// Weights are per 10,000 children, roughly a shire county's profile.
const Ethnicity kEthnicities[20] = {
    {"WBRI", "White British", 7600},
    {"WIRI", "White - Irish", 50},
    {"WIRT", "Traveller of Irish Heritage", 40},
    {"WOTH", "White - Any other White background", 450},
    {"WROM", "Gypsy/Roma", 60},
    {"MWBC", "Mixed - White and Black Caribbean", 230},
    {"MWBA", "Mixed - White and Black African", 100},
    {"MWAS", "Mixed - White and Asian", 140},
    {"MOTH", "Mixed - Any other Mixed background", 190},
    {"AIND", "Asian or Asian British - Indian", 120},
    {"APKN", "Asian or Asian British - Pakistani", 160},
    {"ABAN", "Asian or Asian British - Bangladeshi", 70},
    {"AOTH", "Asian or Asian British - Any other Asian background", 110},
    {"BCRB", "Black or Black British - Caribbean", 80},
    {"BAFR", "Black or Black British - African", 220},
    {"BOTH", "Black or Black British - Any other Black background", 60},
    {"CHNE", "Chinese", 30},
    {"OOTH", "Any other ethnic group", 140},
    {"REFU", "Refused", 60},
    {"NOBT", "Information not yet obtained", 290},
};

const Source kSources[22] = {
    {"FAM", "1A", 60},    {"NEIGH", "1B", 20}, {"SELF", "1C", 15}, {"IND", "1D", 15},    {"SCH", "2A", 180},
    {"EDU", "2B", 25},    {"GP", "3A", 25},    {"HV", "3B", 35},   {"SN", "3C", 10},     {"HLTH", "3D", 40},
    {"A&E", "3E", 30},    {"HOSP", "3F", 25},  {"HOU", "4", 25},   {"LA-ASC", "5A", 25}, {"LA-INT", "5B", 35},
    {"LA-EXT", "5C", 30}, {"EH", "5D", 40},    {"POL", "6", 300},  {"LEGAL", "7", 20},   {"VOL", "8", 25},
    {"ANON", "9", 20},    {"UNK", "10", 15},
};

// Non-ASCII names (UTF-8) are deliberate: annexa must carry them through
// its CSV reader without mangling, and must never print them.
const char* const kMaleForenames[40] = {
    "Oliver", "Harry", "Jack",   "George", "Noah",   "Charlie", "Jacob",    "Alfie",   "Freddie", "Oscar",
    "Leo",    "Logan", "Archie", "Theo",   "Thomas", "James",   "Joshua",   "Mason",   "Ethan",   "Riley",
    "Kai",    "Tyler", "Callum", "Dylan",  "Liam",   "Jayden",  "Mohammed", "Ibrahim", "Kacper",  "Jakub",
    "Seán",   "Rhys",  "Tomás",  "Kwame",  "Tariq",  "Arlo",    "Reggie",   "Bobby",   "Connor",  "Lewis",
};
const char* const kFemaleForenames[40] = {
    "Olivia",  "Amelia", "Isla",   "Ava",   "Mia",    "Ivy",      "Lily",  "Isabella", "Rosie",    "Sophia",
    "Grace",   "Freya",  "Poppy",  "Evie",  "Ella",   "Daisy",    "Chloé", "Zoë",      "Siân",     "Niamh",
    "Aaliyah", "Maryam", "Zofia",  "Amira", "Leah",   "Jessica",  "Megan", "Courtney", "Kayleigh", "Paige",
    "Summer",  "Willow", "Harper", "Ruby",  "Millie", "Scarlett", "Esmé",  "Nevaeh",   "Precious", "Renée",
};
const char* const kSurnames[60] = {
    "Smith",    "Jones",  "Taylor",  "Brown",   "Williams", "Wilson", "Johnson", "Davies",   "Robinson", "Wright",
    "Thompson", "Evans",  "Walker",  "White",   "Roberts",  "Green",  "Hall",    "Wood",     "Jackson",  "Clarke",
    "Patel",    "Khan",   "Ahmed",   "Begum",   "Hussain",  "Ali",    "Nowak",   "Kowalski", "Okafor",   "Mensah",
    "Adeyemi",  "Nguyen", "O’Brien", "O'Neill", "McCarthy", "Murphy", "Doherty", "Price",    "Lloyd",    "Pugh",
    "Carter",   "Turner", "Hughes",  "Edwards", "Harris",   "Martin", "Cooper",  "Ward",     "Morris",   "King",
    "Baker",    "Hill",   "Moore",   "Lee",     "Hart",     "Shaw",   "Stone",   "Fox",      "Webb",     "Smith-Jones",
};

// One name carries a comma so the CSV quoting path is exercised.
const char* const kOrganisations[12] = {
    "Exampleshire Family Hub - North",
    "Exampleshire Family Hub - South",
    "Exampleshire Family Hub - East",
    "Exampleshire Family Hub - West",
    "Exton Primary School",
    "St Mary's C of E Primary School, Exbridge",
    "Exvale Academy",
    "0-19 Public Health Nursing",
    "Youth Support Service",
    "Exampleshire Families First Team",
    "Exvale Children's Centre",
    "Home-Start Exampleshire",
};

const char* const kAuditThemes[8] = {
    "Quality of assessment", "Management oversight",       "Voice of the child",        "Permanence planning",
    "Pathway planning",      "Front door decision making", "Child protection planning", "Return home interviews",
};

const Need kNeeds[10] = {
    {"N1", "Abuse or neglect"},
    {"N2", "Child's disability"},
    {"N3", "Parental disability or illness"},
    {"N4", "Family in acute stress"},
    {"N5", "Family dysfunction"},
    {"N6", "Socially unacceptable behaviour"},
    {"N7", "Low income"},
    {"N8", "Absent parenting"},
    {"N9", "Cases other than children in need"},
    {"N0", "Not stated"},
};

const Closure kClosures[9] = {
    {"RC1", "Adopted"},
    {"RC2", "Died"},
    {"RC3", "Child arrangements order"},
    {"RC4", "Special guardianship order"},
    {"RC5", "Transferred to another LA"},
    {"RC6", "Transferred to adult services"},
    {"RC7", "Case closed - no longer in need"},
    {"RC8", "NFA after assessment"},
    {"RC9", "Stepped down to Early Help"},
};

// Where Exampleshire's children live: most in county, the rest in
// neighbouring or distant authorities and a few outside England.
const Area kAreas[16] = {
    {"Exampleshire", "EX", 640}, {"Somerset", "TA", 60},        {"Bristol", "BS", 45},
    {"Dorset", "DT", 35},        {"Wiltshire", "SN", 25},       {"Plymouth", "PL", 25},
    {"Cornwall", "TR", 20},      {"Birmingham", "B", 25},       {"Manchester", "M", 15},
    {"Kent", "ME", 10},          {"Leeds", "LS", 10},           {"Wales", "CF", 30},
    {"Scotland", "EH", 8},       {"Northern Ireland", "BT", 4}, {"Outside UK", "", 3},
    {"Confidential", "", 12},
};

const char* TeamName(Team team) {
  switch (team) {
    case Team::kFrontDoor:
      return "Front Door (MASH)";
    case Team::kAssessmentNorth:
      return "Assessment Team North";
    case Team::kAssessmentSouth:
      return "Assessment Team South";
    case Team::kSafeguarding1:
      return "Safeguarding Team 1";
    case Team::kSafeguarding2:
      return "Safeguarding Team 2";
    case Team::kSafeguarding3:
      return "Safeguarding Team 3";
    case Team::kCinEast:
      return "Children in Need Team East";
    case Team::kCinWest:
      return "Children in Need Team West";
    case Team::kChildrenInCare1:
      return "Children in Care Team 1";
    case Team::kChildrenInCare2:
      return "Children in Care Team 2";
    case Team::kLeavingCare:
      return "Leaving Care Service";
    case Team::kDisabledChildren:
      return "Disabled Children's Team";
    case Team::kAdoption:
      return "Adoption Exampleshire";
    case Team::kQualityAssurance:
      return "Quality Assurance Unit";
    case Team::kCount:
      break;
  }
  return "";
}

namespace {

std::string MakeName(Rng& rng) {
  const char* forename = rng.Percent(70) ? rng.Pick(kFemaleForenames) : rng.Pick(kMaleForenames);
  return std::string(forename) + " " + rng.Pick(kSurnames);
}

}  // namespace

Workforce::Workforce(uint64_t seed, int per_team) {
  Rng rng(seed);
  std::set<std::string> used;
  // Mostly unique names; after a few clashes a repeat is accepted, as large
  // councils do have two workers with the same name.
  auto unique_name = [&] {
    std::string name = MakeName(rng);
    for (int attempt = 0; attempt < 8 && used.count(name) != 0; ++attempt) name = MakeName(rng);
    used.insert(name);
    return name;
  };
  const int team_count = static_cast<int>(Team::kCount);
  teams_.resize(static_cast<size_t>(team_count));
  for (int t = 0; t < team_count; ++t) {
    // The front door and safeguarding teams carry the volume.
    const int weight = t == 0 ? 2 : 1;
    for (int i = 0; i < per_team * weight; ++i) teams_[static_cast<size_t>(t)].push_back(unique_name());
  }
  for (int i = 0; i < per_team; ++i) advisers_.push_back(unique_name());
}

const std::string& Workforce::Worker(Team team, Rng& rng) const {
  const auto& pool = teams_[static_cast<size_t>(team)];
  return pool[rng.Below(pool.size())];
}

const std::string& Workforce::PersonalAdviser(Rng& rng) const { return advisers_[rng.Below(advisers_.size())]; }

std::string MakePostcode(Rng& rng, const Area& area) {
  static constexpr char kInward[] = "ABDEFGHJLNPQRSTUWXYZ";  // letters the inward code uses
  std::string pc = area.postcode_area;
  if (pc.empty()) return pc;
  pc += std::to_string(rng.Range(1, pc == "EX" ? 39 : 24));
  pc += ' ';
  pc += static_cast<char>('0' + rng.Range(1, 9));
  pc += kInward[rng.Below(sizeof kInward - 1)];
  pc += kInward[rng.Below(sizeof kInward - 1)];
  return pc;
}

}  // namespace exampleshire
