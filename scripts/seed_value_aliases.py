#!/usr/bin/env python3
"""Regenerates annex_a_specs/value_aliases.yaml: common local spellings of
Annex A values (e.g. "F", "Female", "2" for "b) Female"), seeded from the
liia-tools-pipeline Annex_A_schema.yml (MIT), copied unchanged to
tests/data/reference/annex_a_value_aliases.yml (tests/data/samples/README.md).

That schema maps many values to Ofsted's *grouped* values; an alias is kept
only when it lands on exactly one preferred display string of annexa's code
set (directly, via a grouped value that has a single member, or as a yes/no/
unknown boolean). Spellings that would mean two values are dropped, and so
is a spelling that starts or ends with one of the set's codes but is filed
under another ("7 - Police" under Police: the code and the words disagree, so
annexa refuses it rather than pick one). The schema is wrong in places by
DfE's definitions; OVERRIDES below corrects those spellings (each with the
reason), or drops them (None) where DfE's codes do not decide.

Usage: scripts/seed_value_aliases.py [ALIASES_YML] > annex_a_specs/value_aliases.yaml
Needs python3-yaml. Not part of the build: the output is checked in.
"""
import re
import sys

import yaml


def match_form(s):
    s = str(s)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("`", "'"),
                 ("\u2013", "-"), ("\u2014", "-"), ("\u00a0", " ")):
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.rstrip("?. ")


# set -> spelling -> the display DfE's definitions give it (None: drop it).
# DfE's referral source codes (CIN census guide, table "Referral source"):
# 1A-1D individual (1B acquaintance incl. neighbours, 1D other incl.
# strangers), 3C school nurse, 3F other health services (e.g. hospice),
# 5A LA social care, 5B other internal (e.g. youth offending), 5C LA services
# external (e.g. another LA), 7 other legal agency (courts, probation,
# immigration, CAFCASS, prison), 8 other (children's centres, voluntary
# organisations), 9 anonymous.
OVERRIDES = {
    "CEASED": {
        # DfE's own words for E15 (cut short); the schema files them under E8.
        "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply e.g. an unaccompanied "
        "asylum seeking child who": "r) E15: Age assessment determined child was 18 or over",
    },
    "PLACEMENT": {
        # DfE's H5 is residential accommodation not subject to children's homes regulations.
        "H5OUT - Residential accommodation not subject to Children's Homes Regulations (outside LA)":
            "n) H5: Residential accommodation",
        # DfE's words for T0.
        "All types of temporary move (see paragraph above for further details)": "w) T0: Temporary placement",
    },
    # One yes/no set serves many columns, so a spelling whose answer depends
    # on the column's question is no alias of the set: the council maps it
    # per column. "NFA" is Yes to "Referral NFA?" but No to "assessed as
    # requiring support?"; "U" may be unknown; "CLA" answers no yes/no question.
    "YN": {
        "NFA": None,
        "No further action": None,
        "FA": None,
        "Further action": None,
        "U": None,
        "CLA": None,
        "Non-CLA": None,
    },
    # "Child not seen alone" was seen (Yes to "Child seen during continuous
    # assessment") but not alone (No to "Was the child seen alone?");
    # "Offered and declined" is Yes to "offered a return interview?" but No
    # to "accepted?"; "Refused" is unknown of a disability but No of a
    # return interview; "Unborn" has no disability answer yet.
    "YNU": {
        "Child not seen alone": None,
        "Not seen alone": None,
        "Offered and Declined (by YP)": None,
        "Offered and Accepted (CYP not present/refused on arrival)": None,
        "Refused": None,
        "Unborn": None,
    },
    "SOURCE": {
        # The schema files these under Police or Other; DfE's codes say:
        "COMMUNITY MENTAL HEALTH TEAM.": "l) 3F: Health services",   # a health service, not the police
        "Ambulance Service": "l) 3F: Health services",              # other health services
        "CPN": "l) 3F: Health services",                            # community psychiatric nurse
        "Nursing-School Nurse": "i) 3C: Health services",           # 3C is the school nurse
        "LADO": "p) 5C: LA services",                               # the LA designated officer: LA services
        "Friend/Neighbour": "b) 1B: Individual",                    # 1B acquaintance incl. neighbours
        "Other (including strangers, MPs)": "d) 1D: Individual",    # 1D other incl. strangers
        "Other (including stranger, MP)": "d) 1D: Individual",      # the same, singular
        "Home Office": "r) 7: Other legal agency",                  # DfE's 7 names immigration: the Home Office's
        "Other Department": "o) 5B: LA services",                   # DfE's 5B: a department other than social care
        "Public (Other Individual)": "d) 1D: Individual",
        "MP": "d) 1D: Individual",                                  # DfE: 1D other, including MPs
        "MP / Councillor": "d) 1D: Individual",
        "Member of Parliament": "d) 1D: Individual",
        "Member of the Public": "d) 1D: Individual",                # an individual, not a legal agency
        "Probation (CRC)": "r) 7: Other legal agency",              # probation is 7, not police
        "Probation (NPS)": "r) 7: Other legal agency",
        "Probation / CRC": "r) 7: Other legal agency",
        "Probation Service": "r) 7: Other legal agency",
        "Other Legal Agency - eg CAFCASS": "r) 7: Other legal agency",
        "OTHER LEGAL AGENCY: courts, probation, immigration, CAFCASS or prison": "r) 7: Other legal agency",
        "Legal Agency": "r) 7: Other legal agency",
        "Other - Probation": "r) 7: Other legal agency",           # probation is 7
        "CAFCASS referral": "r) 7: Other legal agency",            # DfE names CAFCASS in 7
        "CAFCASS information request": "r) 7: Other legal agency",
        "Youth Offending Service (YOS)": "o) 5B: LA services",       # DfE's 5B example
        "21) Lbh Other Internal Dept (excluding Social Care And Housing E.g. Yos)": "o) 5B: LA services",
        "External eg. from OLA": "p) 5C: LA services",               # another LA
        "OLA Social Services": "p) 5C: LA services",
        "Other OLA": "p) 5C: LA services",
        "29) Other Local Authority Dept (not Lbh) - E.g. Other La Social Services": "p) 5C: LA services",
        "Home Start": "s) 8: Other",                                # Home-Start is a voluntary organisation
        "Homestart": "s) 8: Other",
        "(CS) Anonymous": "t) 9: Anonymous",                        # anonymous, not unknown
        # Several codes at once, or a message rather than a value: no one code.
        "Police/Court /Probation": None,
        "Internal (Early Help)": None,          # 5D only from the 2023 template
        "Pathway/Leaving Care": None,
        "Other Internal Services": None,
        "LA Services - HSC": None,
        "Housing Providers": None,
        "College": None,                        # a college: a school (2A) or an education service (2B)? DfE does not say
        "Legal Services": None,                 # the council's own legal department (5B) or a legal agency (7)
        "Code 'POLICE' is not mapped": None,
        "Not Mapped": None,
        "Other legal agency - eg. children's centres / independent agency providers / voluntary organisations": None,
        "Other legal agency - eg. children?s centres / independent agency providers / voluntary organisations": None,
    },
}


# Spellings whose answer depends on the column's question, by column key
# (the spec's `key`): read only in that column. The set-wide entries above
# drop them (None). Each display is checked against the column's code set
# by tests/spec/value_aliases_test.cc.
COLUMN_ALIASES = {
    "referral_nfa": {  # List 3 "Referral NFA?"
        "NFA": "a) Yes",
        "No further action": "a) Yes",
        "FA": "b) No",
        "Further action": "b) No",
    },
    "child_seen": {  # List 4 "Child Seen During Continuous Assessment"
        "Unborn": "b) No",
    },
    "seen_alone": {  # List 7 "Was the Child Seen Alone?"
        "Child not seen alone": "b) No",
        "Not seen alone": "b) No",
    },
    "return_interview_offered": {  # List 8
        "Offered and Declined (by YP)": "a) Yes",
        "Offered and Accepted (CYP not present/refused on arrival)": "a) Yes",
    },
    "return_interview_accepted": {  # List 8; the schema says Yes: declined is no acceptance
        "Offered and Declined (by YP)": "b) No",
    },
    "disability": {  # the child's (Lists 4-10; List 11's yes/no has no unknown)
        "Refused": "c) Unknown",
    },
}

# DfE's extended ethnicity codes (the Common Basic Data Set's extended
# categories, used by the school and CIN censuses) and their main code: a
# council exporting "WENG" or "BGHA" means White British or Black African.
DFE_EXTENDED_ETHNICITY = {
    "a) WBRI": {"WENG": "White English", "WSCO": "White Scottish", "WWEL": "White Welsh",
                "WCOR": "White Cornish", "WOWB": "Other White British"},
    "d) WOTH": {"WALB": "Albanian", "WBOS": "Bosnian-Herzegovinian", "WCRO": "Croatian",
                "WGRE": "Greek/Greek Cypriot", "WGRK": "Greek", "WGRC": "Greek Cypriot", "WITA": "Italian",
                "WKOS": "Kosovan", "WPOR": "Portuguese", "WSER": "Serbian", "WTUR": "Turkish/Turkish Cypriot",
                "WTUK": "Turkish", "WTUC": "Turkish Cypriot", "WEUR": "White European",
                "WEEU": "White Eastern European", "WWEU": "White Western European", "WOTW": "White other"},
    "e) WROM": {"WROG": "Gypsy", "WROR": "Roma", "WROO": "Other Gypsy/Roma"},
    "k) APKN": {"AMPK": "Mirpuri Pakistani", "AKPA": "Kashmiri Pakistani", "AOPK": "Other Pakistani"},
    "m) AOTH": {"AAFR": "African Asian", "AKAO": "Kashmiri Other", "ANEP": "Nepali",
                "ASNL": "Sri Lankan Sinhalese", "ASLT": "Sri Lankan Tamil", "ASRO": "Sri Lankan Other",
                "AOTA": "Other Asian"},
    "o) BAFR": {"BANN": "Angolan", "BCON": "Congolese", "BGHA": "Ghanaian", "BNGN": "Nigerian",
                "BSLN": "Sierra Leonean", "BSOM": "Somali", "BSUD": "Sudanese", "BAOF": "Other Black African"},
    "p) BOTH": {"BEUR": "Black European", "BNAM": "Black North American", "BOTB": "Other Black"},
    "q) CHNE": {"CHKC": "Hong Kong Chinese", "CMAL": "Malaysian Chinese", "CSNG": "Singaporean Chinese",
                "CTWN": "Taiwanese", "COCH": "Other Chinese"},
    "r) OOTH": {"OAFG": "Afghan", "OARA": "Arab Other", "OEGY": "Egyptian", "OFIL": "Filipino",
                "OIRN": "Iranian", "OIRQ": "Iraqi", "OJPN": "Japanese", "OKOR": "Korean", "OKRD": "Kurdish",
                "OLAM": "Latin/South/Central American", "OLEB": "Lebanese", "OLIB": "Libyan", "OMAL": "Malay",
                "OMRC": "Moroccan", "OPOL": "Polynesian", "OTHR": "Thai", "OVIE": "Vietnamese",
                "OYEM": "Yemeni", "OOEG": "Other ethnic group"},
    "i) MOTH": {"MAOE": "Asian and any other ethnic group", "MABL": "Asian and Black",
                "MACH": "Asian and Chinese", "MBOE": "Black and any other ethnic group",
                "MCOE": "Chinese and any other ethnic group", "MWOE": "White and any other ethnic group",
                "MOTM": "Other Mixed background"},
}


# The NHS Data Dictionary's extended ethnic categories (2001 census based)
# that sit under a main category DfE shares ("C - Any other White
# background" is WOTH, "G - Any other mixed background" MOTH, "L - Any other
# Asian background" AOTH) and that DfE's own extended list does not name.
# Those DfE gives its own main code (Irish traveller, Gypsy Romany) and the
# ambiguous ones (Traveller, Kashmiri, Punjabi, Mixed Asian) are left out.
NHS_EXTENDED_ETHNICITY = {
    "d) WOTH": ["Polish", "All republics which made up the former USSR",
                "Other republics which made up the former Yugoslavia", "Bosnian", "Mixed white",
                "Other white European, European unspecified, European mixed", "Other white, white unspecified",
                "Cypriot (part not stated)"],
    "i) MOTH": ["Other mixed, mixed unspecified"],
    "m) AOTH": ["Other Asian, Asian unspecified"],
}


# DfE's 1A is "individual - family member, relative or carer": a council
# naming the family member who referred means 1A.
DFE_SOURCE_FAMILY = ["Mother", "Father", "Parent", "Parents", "Parent/Carer", "Parent / Carer", "Parents/Carers",
                     "Step-Mother", "Step Mother", "Stepmother", "Step-Father", "Step Father", "Stepfather",
                     "Grandparent", "Grandparents", "Grandmother", "Grandfather", "Aunt", "Uncle", "Brother",
                     "Sister", "Brother/Sister", "Sibling", "Relative", "Other Relative", "Family Member"]


def code_named(name, codes_by_form):
    """The code a spelling starts or ends with ("7 - Police", "Police [6]"), if one of the set's."""
    f = match_form(name)
    for m in (re.match(r"^[\(\[]?([a-z0-9]+)(?=[\s:\-\)\]/.]|$)", f), re.search(r"[\(\[]([a-z0-9]+)[\)\]]$", f)):
        if m and m.group(1) in codes_by_form:
            return codes_by_form[m.group(1)]
    return None


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "tests/data/reference/annex_a_value_aliases.yml"
    root = __file__.rsplit("/scripts/", 1)[0]
    codes = yaml.safe_load(open(root + "/annex_a_specs/codes.yaml"))["code_sets"]
    # (list number, header match form) -> code set, from every list file of
    # every version, the newest version first. By list: "Disability" is
    # List 11's own yes/no header and an alias of Lists 1-10's yes/no/unknown
    # column.
    header_to_set = {}
    import glob
    shared = yaml.safe_load(open(root + "/annex_a_specs/columns.yaml"))["columns"]
    for path in sorted(glob.glob(root + "/annex_a_specs/*/list_*.yaml"), reverse=True):
        n = int(re.search(r"list_(\d+)", path.rsplit("/", 1)[1]).group(1))
        for col in yaml.safe_load(open(path))["columns"]:
            merged = dict(shared.get(col.get("use"), {})) if "use" in col else {}
            merged.update(col)
            if merged.get("code_set") and merged.get("type") == "code":
                header_to_set.setdefault((n, match_form(merged["header"])), merged["code_set"])
                for a in merged.get("aliases", []):
                    header_to_set.setdefault((n, match_form(a)), merged["code_set"])

    known = {}  # set -> match forms already accepted by codes.yaml
    for name, cs in codes.items():
        forms = set()
        for v in cs["values"]:
            forms.add(match_form(v["display"]))
            forms.update(match_form(a) for a in v.get("aliases", []))
        known[name] = forms

    def target(set_name, code):
        values = codes[set_name]["values"]
        if isinstance(code, bool) or code == "Unknown":
            word = {True: "yes", False: "no"}.get(code, "unknown")
            hits = [v["display"] for v in values if match_form(v.get("label", "")) == word]
            return hits[0] if len(hits) == 1 else None
        f = match_form(code)
        hits = [v["display"] for v in values if match_form(v["display"]) == f]
        if len(hits) == 1:
            return hits[0]
        hits = [v["display"] for v in values if v.get("group") and match_form(v["group"]) == f]
        return hits[0] if len(hits) == 1 else None

    codes_by_form = {name: {match_form(v["code"]): v["display"] for v in cs["values"] if v.get("code")}
                     for name, cs in codes.items()}
    # A spelling the schema files under two different targets (a value or a
    # group) means neither: "COMMUNITY MENTAL HEALTH TEAM." is filed under
    # Police and, without its full stop, under Health services; matching
    # folds the full stop, so the Police alias captured every CMHT.
    targets_of = {}  # set -> match form -> corpus targets
    for list_key, columns in yaml.safe_load(open(src))["column_map"].items():
        n = int(list_key.rsplit("_", 1)[1])
        for header, spec in columns.items():
            set_name = header_to_set.get((n, match_form(header))) if isinstance(spec, dict) else None
            if not set_name or "category" not in spec:
                continue
            for entry in spec["category"]:
                for name in entry.get("name", []) or []:
                    if isinstance(name, bool):
                        name = "true" if name else "false"
                    targets_of.setdefault(set_name, {}).setdefault(match_form(str(name).strip()), set()).add(
                        match_form(str(entry.get("code"))))
    aliases = {}    # set -> {alias match form: (alias, display)}
    conflicts = {}  # set -> alias forms that meant two displays
    data = yaml.safe_load(open(src))["column_map"]
    for list_key, columns in data.items():
        n = int(list_key.rsplit("_", 1)[1])
        for header, spec in columns.items():
            if not isinstance(spec, dict) or "category" not in spec:
                continue
            set_name = header_to_set.get((n, match_form(header)))
            if not set_name:
                continue
            fixes = {match_form(k): v for k, v in OVERRIDES.get(set_name, {}).items()}
            for entry in spec["category"]:
                for name in entry.get("name", []) or []:
                    if isinstance(name, bool):
                        name = "true" if name else "false"
                    name = str(name).strip()
                    f = match_form(name)
                    if not f or f in known[set_name]:
                        continue
                    # A correction applies whatever the schema's target (even
                    # a group with no one value).
                    if f not in fixes and not target(set_name, entry.get("code")):
                        continue
                    if f in fixes:
                        if fixes[f] is None:
                            continue
                        display = fixes[f]
                    else:
                        if len(targets_of[set_name][f]) > 1:
                            continue  # filed under two targets
                        display = target(set_name, entry.get("code"))
                        named = code_named(name, codes_by_form[set_name])
                        if named and named != display:
                            continue  # the code and the words disagree
                    # A spelling naming several categories of abuse is "Multiple", whatever
                    # the source schema says; leave it to the council's own code map.
                    if set_name == "ABUSE" and len(re.findall(r"neglect|physical|sexual|emotional", f)) > 1:
                        continue
                    seen = aliases.setdefault(set_name, {})
                    if f in conflicts.get(set_name, set()):
                        continue
                    if f in seen and seen[f][1] != display:
                        del seen[f]
                        conflicts.setdefault(set_name, set()).add(f)
                        continue
                    seen.setdefault(f, (name, display))

    # DfE's extended codes, each as its code, "CODE - label" and its label
    # alone ("Nigerian", "Kurdish": DfE's extended category names one main
    # code); they win over the schema (they are DfE's definitions).
    for display, codes_ in DFE_EXTENDED_ETHNICITY.items():
        seen = aliases.setdefault("ETHNICITY", {})
        for code, label in codes_.items():
            for name in (code, f"{code} - {label}", label):
                seen[match_form(name)] = (name, display)
    for name in DFE_SOURCE_FAMILY:
        aliases.setdefault("SOURCE", {}).setdefault(match_form(name), (name, "a) 1A: Individual"))
    for display, labels in NHS_EXTENDED_ETHNICITY.items():
        seen = aliases.setdefault("ETHNICITY", {})
        for label in labels:
            seen.setdefault(match_form(label), (label, display))

    out = ["# Common local spellings of Annex A values, per code set: alias -> Ofsted display string.",
           "# Generated by scripts/seed_value_aliases.py from the liia-tools-pipeline",
           "# Annex_A_schema.yml (SocialFinanceDigitalLabs, MIT licence). Do not edit by hand:",
           "# put a council's own codes in its config's code_maps instead.",
           "# Matching is by match form (case, quotes and spaces folded); see docs/spec_format.md.",
           "aliases:"]
    # Sets that take another set's spellings, read by label (List 11's
    # gender has the same values as Lists 1-10's, c) and d) swapped).
    borrows = {"GENDER_ADOPTER": "GENDER"}
    for set_name in sorted(set(aliases) | set(borrows)):
        if set_name in borrows:
            out.append(f"  {set_name}: {json_str(borrows[set_name])}")
            continue
        out.append(f"  {set_name}:")
        for f, (name, display) in sorted(aliases[set_name].items()):
            out.append(f"    {json_str(name)}: {json_str(display)}")
    out += ["# Spellings of one column only (its key in the spec): the answer depends on",
            "# the column's question (\"NFA\" is Yes to \"Referral NFA?\", No to \"requiring support?\").",
            "columns:"]
    for column in sorted(COLUMN_ALIASES):
        out.append(f"  {column}:")
        for name, display in sorted(COLUMN_ALIASES[column].items(), key=lambda kv: match_form(kv[0])):
            out.append(f"    {json_str(name)}: {json_str(display)}")
    print("\n".join(out))


def json_str(s):
    import json
    return json.dumps(s, ensure_ascii=False)


if __name__ == "__main__":
    main()
