#!/usr/bin/env python3
"""Independent expected-list calculator for Safeguardshire (the SSD-shaped
synthetic council of examples/ssd_council/DESIGN.md).

Reads the council's CSV exports (DESIGN.md section 1) and works out, from the
rules of DESIGN.md section 2 and Ofsted's Annex A guidance
(shared/reference/annex_a_spec.md), what every Annex A list (1-11, 2023
layout) and the audited-case list must contain.  It is the oracle annexa is
tested against, so it was written WITHOUT reading annexa's source code: only
DESIGN.md, Ofsted's rules, the spec data (column keys and display strings)
and annexa's user documentation (docs/config.md) were used.

    python3 annex_a_expected.py --data DIR --out DIR [--reference-date 2026-11-23]

Writes list_01.csv ... list_11.csv and audited_cases.csv into --out: a header
row of the list's column keys (spec order), code columns as Ofsted's display
strings, dates DD/MM/YYYY, integers as digits, blanks empty; UTF-8 without a
BOM, LF line ends, rows sorted by the tuple of their cells.  Python 3.11,
standard library only, deterministic, atomic writes.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile

# ---------------------------------------------------------------------------
# Column keys of each list, in spec order (annexa `specs show N`, ilacs-2023;
# audited cases from annex_a_specs/audited_cases.yaml).
# ---------------------------------------------------------------------------
COMMON = ["child_id", "gender", "ethnicity", "date_of_birth", "age"]
KEYS = {
    1: COMMON + ["date_of_contact", "contact_source"],
    2: COMMON + ["assessment_start_date", "assessment_completion_date", "organisation"],
    3: COMMON + ["date_of_referral", "referral_source", "referral_nfa",
                 "referrals_last_12_months", "allocated_team", "allocated_worker"],
    4: COMMON + ["disability", "assessment_start_date", "child_seen",
                 "assessment_authorised_date", "requiring_support",
                 "allocated_team", "allocated_worker"],
    5: COMMON + ["disability", "strategy_discussion_date", "icpc_unnecessary", "icpc_date",
                 "icpc_resulted_in_plan", "s47_last_12_months", "icpcs_last_12_months",
                 "allocated_team", "allocated_worker"],
    6: COMMON + ["disability", "cin_start_date", "primary_need", "date_last_seen",
                 "cin_closure_date", "reason_for_closure", "case_status",
                 "allocated_team", "allocated_worker"],
    7: COMMON + ["disability", "cp_plan_start_date", "initial_category", "latest_category",
                 "last_statutory_visit", "seen_alone", "latest_review_conference",
                 "cp_plan_end_date", "epo_or_police_protection", "previous_cp_plans",
                 "allocated_team", "allocated_worker"],
    8: COMMON + ["uasc", "disability", "date_started_looked_after", "category_of_need",
                 "second_period_12_months", "legal_status_start_date", "legal_status",
                 "latest_review_date", "last_social_work_visit", "permanence_plan",
                 "last_iro_contact", "last_health_assessment", "last_dental_check",
                 "placements_last_12_months", "date_ceased_looked_after", "reason_ceased",
                 "placement_start_date", "placement_type", "placement_provider",
                 "placement_postcode", "placement_urn", "placement_location", "placement_la",
                 "missing_episodes_12_months", "absent_episodes_12_months",
                 "return_interview_offered", "return_interview_accepted",
                 "allocated_team", "allocated_worker"],
    9: COMMON + ["uasc", "disability", "allocated_team", "allocated_worker",
                 "personal_adviser", "eligibility", "pathway_plan_review_date", "in_touch",
                 "latest_contact_date", "accommodation", "accommodation_suitable", "activity"],
    10: ["child_id", "family_id", "gender", "ethnicity", "date_of_birth", "age", "disability",
         "date_entered_care", "adm_decision_date", "placement_order_date", "matching_date",
         "placed_for_adoption_date", "adoption_order_date", "decision_reversed_date",
         "reason_no_longer_placed", "ffa_placement_date"],
    11: ["adopter_id", "family_id", "gender", "ethnicity", "disability",
         "fostering_for_adoption", "enquiry_date", "stage1_start", "stage1_end",
         "stage2_start", "stage2_end", "application_submitted", "application_approved",
         "matched_date", "placed_date", "children_placed", "adoption_order_date",
         "left_process_date", "reason_left_process"],
    "audit": ["child_id", "audit_date", "audit_type", "service_area", "grade", "auditor",
              "moderated"],
}
assert len(KEYS[9]) == 17 and len(KEYS[8]) == 34

# ---------------------------------------------------------------------------
# Code sets: code -> Ofsted display string (annex_a_specs/codes.yaml).
# ---------------------------------------------------------------------------
GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded", "I": "d) Neither",
          # DESIGN 1: labels `Male`, `Female` stand for M / F
          "MALE": "a) Male", "FEMALE": "b) Female"}
GENDER_BLANK = "c) Not stated/recorded"      # DESIGN 2: `U` or blank -> c)

ETHNICITY = {
    "WBRI": "a) WBRI", "WIRI": "b) WIRI", "WIRT": "c) WIRT", "WOTH": "d) WOTH",
    "WROM": "e) WROM", "MWBC": "f) MWBC", "MWBA": "g) MWBA", "MWAS": "h) MWAS",
    "MOTH": "i) MOTH", "AIND": "j) AIND", "APKN": "k) APKN", "ABAN": "l) ABAN",
    "AOTH": "m) AOTH", "BCRB": "n) BCRB", "BAFR": "o) BAFR", "BOTH": "p) BOTH",
    "CHNE": "q) CHNE", "OOTH": "r) OOTH", "REFU": "s) REFU", "NOBT": "s) NOBT",
}
# DESIGN 1: the only ethnicity labels the export uses.
ETHNICITY_LABELS = {
    "WHITE BRITISH": "WBRI", "WHITE IRISH": "WIRI", "INDIAN": "AIND", "PAKISTANI": "APKN",
    "BANGLADESHI": "ABAN", "CARIBBEAN": "BCRB", "AFRICAN": "BAFR", "CHINESE": "CHNE",
}
ETHNICITY_BLANK = ETHNICITY["NOBT"]          # DESIGN 2: blank -> s) NOBT

SOURCE = {
    "1A": "a) 1A: Individual", "1B": "b) 1B: Individual", "1C": "c) 1C: Individual",
    "1D": "d) 1D: Individual", "2A": "e) 2A: Schools", "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services", "3B": "h) 3B: Health services",
    "3C": "i) 3C: Health services", "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services", "3F": "l) 3F: Health services", "4": "m) 4: Housing",
    "5A": "n) 5A: LA services", "5B": "o) 5B: LA services", "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services", "6": "q) 6: Police", "7": "r) 7: Other legal agency",
    "8": "s) 8: Other", "9": "t) 9: Anonymous", "10": "u) 10: Unknown",
}
YN = {"Y": "a) Yes", "N": "b) No", "YES": "a) Yes", "NO": "b) No"}
YNU = dict(YN)
UNKNOWN = "c) Unknown"
NEED10 = {
    "N1": "N1 - Abuse or neglect", "N2": "N2 - Child’s disability",
    "N3": "N3 - Parental disability or illness", "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction", "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income", "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need", "N0": "N0 - Not stated",
}
NEED8 = {
    "N1": "N1 - Abuse or neglect", "N2": "N2 - Child’s disability",
    "N3": "N3 - Parental illness or disability", "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction", "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income", "N8": "N8 - Absent parenting",
}
NEED_LABELS = {"ABUSE OR NEGLECT": "N1"}     # DESIGN 1: label mess for N1 only
RC = {
    "RC1": "RC1 - Adopted", "RC2": "RC2 - Died", "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}
CASE_STATUS = {"a": "a) Looked after child", "b": "b) Child Protection plan",
               "c": "c) Child in need plan", "d": "d) Open assessment",
               "e": "e) Closed episode"}
ABUSE = {"NEG": "a) Neglect", "PHY": "b) Physical abuse", "SAB": "c) Sexual abuse",
         "EMO": "d) Emotional abuse", "MUL": "e) Multiple/not recommended"}
LEGAL = {
    "C1": "C1: ICO", "C2": "C2: FCO", "D1": "D1: Freeing order", "E1": "E1: Placement order",
    "V2": "V2: Single period under S20", "L1": "L1: Police protection LA accommodation",
    "L2": "L2: EPO", "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention", "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order", "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded",
}
PERM = {  # DESIGN 2, List 8: care-plan json label -> PERM display
    "RETURN TO FAMILY": "a) Return to family", "ADOPTION": "b) Adoption",
    "SGO/CAO": "c) SGO/CAO", "SUPPORTED LIVING": "d) Supported living in the community",
    "LONG-TERM RESIDENTIAL": "e) Long-term residential placement",
    "LONG-TERM FOSTERING": "f) Long-term fostering", "OTHER": "g) other",
}
CEASED = {
    "E11": "a) E11: Adopted - application unopposed",
    "E12": "b) E12: Adopted - consent dispensed", "E2": "c) E2: Died",
    "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported",
    "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services",
    "E9": "p) E9: Sentenced to custody", "E14": "q) E14: Accommodation on remand ended",
    "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad", "E8": "t) E8: Care ceased for any other reason",
    "X1": "u) X1:CodeError",
}
PLACEMENT = {
    "U1": "a) U1: Foster placement - relatives - long term",
    "U2": "b) U2: Foster placement - relative - FFA",
    "U3": "c) U3: Foster placement - relative - not FFA",
    "U4": "d) U4: Foster placement - long term", "U5": "e) U5: Foster placement - FFA",
    "U6": "f) U6: Foster placement - not FFA",
    "A3": "g) A3: Placed for adoption - consent - current foster",
    "A4": "h) A4: Placed for adoption - consent - not foster",
    "A5": "i) A5: Placed for adoption - order - foster",
    "A6": "j) A6: Placed for adoption - order - not foster",
    "P1": "k) P1: Placed with parents", "P2": "l) P2: Independent living",
    "P3": "m) P3: Residential employment", "H5": "n) H5: Residential accommodation",
    "K1": "o) K1: Secure Children’s Homes", "K2": "p) K2: Children’s Homes",
    "R1": "q) R1: Residential Care Home", "R2": "r) R2: NHS/Health Trust",
    "R3": "s) R3: Family Centre or Mother and Baby Unit",
    "R5": "t) R5: Young Offender Institution", "S1": "u) S1: Residential school",
    "Z1": "v) Z1: Other placements", "T0": "w) T0: Temporary placement",
    "T1": "x) T1: Temporary placement - hospital", "T2": "y) T2: Temporary placement - holiday",
    "T3": "z) T3: Temporary placement - carer holiday",
    "T4": "zz) T4: Temporary placement - seven days or less",
}
PROVIDER = {
    "PR0": "a) PR0: Parents/Parental responsibility", "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision", "PR3": "d) PR3: Other public provision",
    "PR4": "e) PR4: Private provision", "PR5": "f) PR5: Voluntary/third sector",
}
ELIG = {"RELEVANT": "a) Relevant child", "FORMER RELEVANT": "b) Former relevant child",
        "QUALIFYING": "c) Qualifying care leaver", "ELIGIBLE": "d) Eligible child"}
INTOUCH = {"YES": "a) Yes", "NO": "b) No", "DIED": "c) Died", "REFU": "d) Refu",
           "NREQ": "e) NREQ", "RHOM": "f) Rhom"}
ACCOM = {
    "B": "B: Parents/relatives", "C": "C: Community home / residential care",
    "D": "D: Semi-independent, transitional accommodation and self-contained accommodation",
    "E": "E: Supported lodgings", "G": "G: Abroad", "H": "H: Deported",
    "K": "K: Ordinary lodgings, without formal support", "R": "R: Residence not known",
    "S": "S: No fixed abode / homeless", "T": "T: Foyers and similar supported accommodation",
    "U": "U: Independent living", "V": "V: Emergency accommodation",
    "W": "W: Bed and breakfast", "X": "X: In custody", "Y": "Y: Other accommodation",
    "Z": "Z: With former foster carers",
}
SUIT = {"1": "a) Suitable", "2": "b) Unsuitable"}
ACTIVITY = {
    "F1": "F1: Full time in higher education", "P1": "P1: Part time in higher education",
    "F2": "F2: Full time in education other than higher",
    "P2": "P2: Part time in education other than higher",
    "F3": "F3: Full time in training or employment",
    "P3": "P3: Part time in training or employment",
    "F4": "F4: Young person engaged full time in an apprenticeship",
    "P4": "P4: Young person engaged part time in an apprenticeship",
    "F5": "F5: Young person engaged full time in training or employment (not apprenticeship)",
    "P5": "P5: Young person engaged part time in training or employment (not apprenticeship)",
    "G4": "G4: Not in education, employment or training - illness or disability",
    "G5": "G5: Not in education, employment or training - other",
    "G6": "G6: Not in education, employment or training - pregnancy or parenting",
}
RD = {
    "RD1": "RD1 - The child’s needs changed subsequent to the decision",
    "RD2": "RD2 - The Court did not make a placement order",
    "RD3": "RD3 - Prospective adopters could not be found", "RD4": "RD4 - Any other reason",
}
# LEAVE has only 1-3 in annexa's code set: 4 and 5 are unknown codes (kept as written).
LEAVE = {"1": "1 - Adopter withdrew from process", "2": "2 - Process put on hold",
         "3": "3 - Application refused"}
GENDER_ADOPTER = {"1": "a) Male", "2": "b) Female", "9": "d) Not stated/recorded"}
FFA = {"Y": "Yes", "N": "No", "YES": "Yes", "NO": "No"}


# ---------------------------------------------------------------------------
# Values: trimming, codes, dates.
# ---------------------------------------------------------------------------
def code(value: str, table: dict, labels: dict | None = None, blank: str = "") -> str:
    """DESIGN 2: code values are trimmed and matched ignoring case; a label
    listed in DESIGN 1 stands for its code; blank stays blank (or `blank`);
    DESIGN 3: an unknown code is written as it was (trimmed)."""
    v = value.strip()
    if not v:
        return blank
    k = v.upper()
    if k in table:
        return table[k]
    if labels and k in labels:
        return table[labels[k]]
    return v


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$")


def parse_date(text: str) -> dt.date | None:
    """The export's formats (DESIGN 1): `2026-05-23 00:00:00.000`, `2026-05-23`,
    `23/05/2026`, `2026-05-23T14:05:00` (time ignored).  Strict: a date that
    is not on the calendar (31/02/2026, 29/02/2025) is NOT a date."""
    t = text.strip()
    if not t:
        return None
    m = _ISO.match(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _UK.match(t)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def fmt(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def out_date(text: str) -> str:
    """Dates in outputs are DD/MM/YYYY (DESIGN 2).  DESIGN 3: an impossible
    date outside the window columns is written as it was (trimmed)."""
    t = text.strip()
    if not t:
        return ""
    d = parse_date(t)
    return fmt(d) if d else t


def bad(text: str) -> bool:
    """Non-blank but not a real calendar date."""
    return bool(text.strip()) and parse_date(text) is None


def minus_months(d: dt.date, n: int) -> dt.date:
    """Calendar months back, the day clamped to the month's end
    (DESIGN: 31 Aug - 6 months = 28 Feb)."""
    y, m = d.year, d.month - n
    while m < 1:
        m += 12
        y -= 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def age_at(dob: dt.date | None, r: dt.date) -> str:
    """DESIGN 2: whole years at the last birthday on or before R (29 Feb
    birthdays reached on 1 Mar in common years), -1 when the date of birth is
    after R (unborn), blank when there is no date of birth.  Comparing
    (month, day) tuples gives the 1 March rule: (2, 28) < (2, 29)."""
    if dob is None:
        return ""
    if dob > r:
        return "-1"
    years = r.year - dob.year - (1 if (r.month, r.day) < (dob.month, dob.day) else 0)
    return str(years)


def overlaps(s1, e1, s2, e2) -> bool:
    """Inclusive overlap of [s1, e1] and [s2, e2]; None end = open."""
    return (e2 is None or s1 <= e2) and (e1 is None or e1 >= s2)


# ---------------------------------------------------------------------------
# Reading the exports.
# ---------------------------------------------------------------------------
class Row(dict):
    """A source row: column -> trimmed text; .line = physical start line."""
    line = 0
    seq = 0

    def s(self, col: str) -> str:
        return self.get(col, "")

    def d(self, col: str) -> dt.date | None:
        return parse_date(self.get(col, ""))


def read_table(path: str) -> list[Row]:
    """UTF-8 (BOM skipped), CRLF or LF, RFC 4180 quoting (multi-line fields),
    values trimmed, wholly blank lines skipped.  DESIGN 3: an exact duplicate
    of an earlier row is kept once."""
    if not os.path.exists(path):
        print(f"warning: {path} not found: treated as empty", file=sys.stderr)
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    seen: set = set()
    header = None
    prev_line = 0
    for rec in reader:
        start_line = prev_line + 1
        prev_line = reader.line_num
        if header is None:
            header = [h.strip() for h in rec]
            continue
        vals = [v.strip() for v in rec]
        if not any(vals):
            continue
        key = tuple(vals)
        if key in seen:            # exact duplicate row: kept once
            continue
        seen.add(key)
        r = Row(zip(header, vals + [""] * (len(header) - len(vals))))
        r.line = start_line
        r.seq = len(rows)
        rows.append(r)
    return rows


def by_person(rows: list[Row], col: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        pid = r.s(col)
        if pid:
            out.setdefault(pid, []).append(r)
    return out


def dated(r: Row, start: str, end: str | None = None):
    """(start, end) of a related row, or None when the row has no usable
    dates: a start that is not a date, or an end neither blank nor a date."""
    s = r.d(start)
    if s is None:
        return None
    if end is None:
        return s, s
    if bad(r.s(end)):
        return None
    return s, r.d(end)


def latest_row(cands):
    """(date, row) pairs -> the row with the latest date; ties go to the
    later row in the file."""
    best = None
    for d, r in cands:
        if best is None or (d, r.seq) >= (best[0], best[1].seq):
            best = (d, r)
    return None if best is None else best[1]


# ---------------------------------------------------------------------------
# The calculator.
# ---------------------------------------------------------------------------
class Council:
    def __init__(self, data: str, r: dt.date):
        self.R = r
        self.F6 = minus_months(r, 6)      # DESIGN: F6 = R - 6 calendar months
        self.F12 = minus_months(r, 12)    # DESIGN: F12 = R - 12 months
        t = lambda name: read_table(os.path.join(data, name))
        self.person_rows = t("ssd_person.csv")
        self.contacts = t("ssd_contacts.csv")
        self.early_help = t("ssd_early_help_episodes.csv")
        self.cin = t("ssd_cin_episodes.csv")
        self.assess = t("ssd_cin_assessments.csv")
        self.s47 = t("ssd_s47_enquiry.csv")
        self.icpc = t("ssd_initial_cp_conference.csv")
        self.cin_plans = t("ssd_cin_plans.csv")
        self.cin_visits = t("ssd_cin_visits.csv")
        self.cp_plans = t("ssd_cp_plans.csv")
        self.cp_visits = t("ssd_cp_visits.csv")
        self.cp_reviews = t("ssd_cp_reviews.csv")
        self.cla = t("ssd_cla_episodes.csv")
        self.legal = t("ssd_legal_status.csv")
        self.placements = t("ssd_cla_placement.csv")
        # The council's postcode areas (council_postcodes.csv; this council
        # lists only whole areas, e.g. "SF").
        self.council_areas = {r.s("postcode").upper() for r in t("council_postcodes.csv")}
        self.cla_reviews = t("ssd_cla_reviews.csv")
        self.cla_visits = t("ssd_cla_visits.csv")
        self.health = t("ssd_cla_health.csv")
        self.care_plan = t("ssd_cla_care_plan.csv")
        self.missing = t("ssd_missing.csv")
        self.immigration = t("ssd_immigration_status.csv")
        self.disability_rows = t("ssd_disability.csv")
        self.involvements = t("ssd_involvements.csv")
        self.professionals = t("ssd_professionals.csv")
        self.departments = t("ssd_department.csv")
        self.care_leavers = t("ssd_care_leavers.csv")
        self.permanence = t("ssd_permanence.csv")
        self.family = t("ssd_family.csv")
        self.adopters = t("adopters.csv")
        self.audits = t("case_audits.csv")

        # "Child" = the person id; a duplicated person id: the first row is
        # the child's record (a join takes one row per key, the first).
        self.people: dict[str, Row] = {}
        for p in self.person_rows:
            pid = p.s("pers_person_id")
            if pid and pid not in self.people:
                self.people[pid] = p
        self.team_names: dict[str, str] = {}
        for d in self.departments:
            self.team_names.setdefault(d.s("dept_team_id"), d.s("dept_team_name"))
        self.worker_names: dict[str, str] = {}
        for p in self.professionals:
            self.worker_names.setdefault(p.s("prof_professional_id"),
                                         p.s("prof_professional_name"))
        self.disab = by_person(self.disability_rows, "disa_person_id")
        self.legal_by = by_person(self.legal, "lega_person_id")
        self.imm_by = by_person(self.immigration, "immi_person_id")
        self.cla_by = by_person(self.cla, "clae_person_id")
        self.plac_by = by_person(self.placements, "clap_person_id")
        self.inv_by = by_person(
            [i for i in self.involvements
             if i.s("invo_professional_role_id").upper() == "ALLOCATED CASE WORKER"],
            "invo_person_id")

    # -- helpers ------------------------------------------------------------
    def child(self, pid: str) -> Row | None:
        """DESIGN 2: a row whose person id is blank or not in ssd_person is in
        no list."""
        return self.people.get(pid.strip()) if pid.strip() else None

    def common(self, pid: str, dob_mode: str = "first_of") -> dict:
        """Common columns (DESIGN 2).  dob_mode 'first_of': pers_dob, else
        pers_expected_dob (Lists 1-7, 10); 'dob': pers_dob only (Lists 8, 9)."""
        p = self.people[pid]
        dob_text = p.s("pers_dob")
        if dob_mode == "first_of" and not dob_text:
            dob_text = p.s("pers_expected_dob")
        return {
            "child_id": pid,
            # M a), F b), U or blank c), I d); labels Male/Female
            "gender": code(p.s("pers_sex"), GENDER, blank=GENDER_BLANK),
            # CBDS code -> display; blank -> s) NOBT; listed labels stand for codes
            "ethnicity": code(p.s("pers_ethnicity"), ETHNICITY, ETHNICITY_LABELS,
                              blank=ETHNICITY_BLANK),
            "date_of_birth": out_date(dob_text),
            "age": age_at(parse_date(dob_text), self.R),
        }

    def disability(self, pid: str) -> str:
        """DESIGN 2: a) Yes when any ssd_disability row has a code other than
        NONE; b) No when only NONE rows; c) Unknown when none.  (Rows with a
        blank code carry no information and are ignored.)"""
        codes = [r.s("disa_disability_code").upper() for r in self.disab.get(pid, [])]
        codes = [c for c in codes if c]
        if not codes:
            return "c) Unknown"
        return "a) Yes" if any(c != "NONE" for c in codes) else "b) No"

    def team(self, team_id: str) -> str:
        return self.team_names.get(team_id.strip(), "") if team_id.strip() else ""

    def worker(self, worker_id: str) -> str:
        return self.worker_names.get(worker_id.strip(), "") if worker_id.strip() else ""

    def allocation(self, pid: str, start: dt.date, end: dt.date | None) -> tuple[str, str]:
        """DESIGN 2 (Lists 6, 7, 8): the ALLOCATED CASE WORKER involvement of
        the child whose [start, end or open] overlaps the list row's period
        [start, end or R] and that starts latest on or before R (ties: later
        row); team = invo_professional_team, worker = invo_professional_id;
        blank when none."""
        row_end = end if end is not None else self.R
        cands = []
        for inv in self.inv_by.get(pid, []):
            se = dated(inv, "invo_involvement_start_date", "invo_involvement_end_date")
            if se is None or se[0] > self.R:
                continue
            if overlaps(se[0], se[1], start, row_end):
                cands.append((se[0], inv))
        best = latest_row(cands)
        if best is None:
            return "", ""
        return self.team(best.s("invo_professional_team")), self.worker(best.s("invo_professional_id"))

    def count_before_latest(self, dates: list[dt.date], anchors: list[dt.date]) -> int:
        """Lists 3 and 5: L = the child's latest anchor date on or before R;
        count the dates in [L - 12 months, L)."""
        anchors = [a for a in anchors if a <= self.R]
        if not anchors:
            return 0
        big_l = max(anchors)
        lo = minus_months(big_l, 12)
        return sum(1 for d in dates if lo <= d < big_l)

    def in_window_6(self, start_text: str, end_text: str | None) -> bool:
        """Windows (DESIGN; docs/config.md): months only (end_text None):
        F6 <= start <= R; at R and months: start <= R and (end blank or end >=
        F6).  Both ends inclusive.  A row whose window date is impossible is
        in no list (DESIGN 3)."""
        return self._window(start_text, end_text, self.F6)

    def _window(self, start_text, end_text, lower) -> bool:
        s = parse_date(start_text)
        if s is None:                        # blank or impossible start: no valid date
            return False
        if end_text is None:                 # months-only window
            return lower <= s <= self.R
        if bad(end_text):                    # impossible end date: no valid date
            return False
        e = parse_date(end_text)
        return s <= self.R and (e is None or e >= lower)

    # -- List 1 -------------------------------------------------------------
    def list_01(self):
        """List 1 Contacts: ssd_contacts, kept when F6 <= contact date <= R;
        one row per child per contact; source = SOURCE display."""
        out = []
        for r in self.contacts:
            pid = r.s("cont_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("cont_contact_date"), None):
                continue
            row = self.common(pid)
            row["date_of_contact"] = out_date(r.s("cont_contact_date"))
            row["contact_source"] = code(r.s("cont_contact_source_code"), SOURCE)
            out.append(row)
        return out

    # -- List 2 -------------------------------------------------------------
    def list_02(self):
        """List 2 Early help: ssd_early_help_episodes, kept when start <= R and
        (end blank or end >= F6); start, completion (end), organisation."""
        out = []
        for r in self.early_help:
            pid = r.s("earl_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("earl_episode_start_date"), r.s("earl_episode_end_date")):
                continue
            row = self.common(pid)
            row["assessment_start_date"] = out_date(r.s("earl_episode_start_date"))
            row["assessment_completion_date"] = out_date(r.s("earl_episode_end_date"))
            row["organisation"] = r.s("earl_episode_organisation")
            out.append(row)
        return out

    # -- List 3 -------------------------------------------------------------
    def list_03(self):
        """List 3 Referrals: ssd_cin_episodes, kept when F6 <= referral date <= R.
        Referrals in last 12 months = the child's referrals dated in
        [L - 12 months, L), L = the child's latest referral date on or before R
        (same on every row of the child).  Team/worker: the referral's own."""
        ref_dates: dict[str, list[dt.date]] = {}
        for r in self.cin:
            d = r.d("cine_referral_date")
            if d is not None and r.s("cine_person_id"):
                ref_dates.setdefault(r.s("cine_person_id"), []).append(d)
        out = []
        for r in self.cin:
            pid = r.s("cine_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("cine_referral_date"), None):
                continue
            ds = ref_dates.get(pid, [])
            row = self.common(pid)
            row["date_of_referral"] = out_date(r.s("cine_referral_date"))
            row["referral_source"] = code(r.s("cine_referral_source_code"), SOURCE)
            row["referral_nfa"] = code(r.s("cine_referral_nfa"), YN)
            row["referrals_last_12_months"] = str(self.count_before_latest(ds, ds))
            row["allocated_team"] = self.team(r.s("cine_referral_team"))
            row["allocated_worker"] = self.worker(r.s("cine_referral_worker_id"))
            out.append(row)
        return out

    # -- List 4 -------------------------------------------------------------
    def list_04(self):
        """List 4 Assessments: ssd_cin_assessments, kept when start <= R and
        (auth blank or auth >= F6).  Child seen Y a) / N b) / blank c) Unknown;
        requiring support: auth blank -> blank, else outcome NFA Y -> b) No,
        N -> a) Yes.  Team/worker: the assessment's own."""
        out = []
        for r in self.assess:
            pid = r.s("cina_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("cina_assessment_start_date"), r.s("cina_assessment_auth_date")):
                continue
            row = self.common(pid)
            row["disability"] = self.disability(pid)
            row["assessment_start_date"] = out_date(r.s("cina_assessment_start_date"))
            row["child_seen"] = code(r.s("cina_assessment_child_seen"), YNU, blank=UNKNOWN)
            row["assessment_authorised_date"] = out_date(r.s("cina_assessment_auth_date"))
            if not r.s("cina_assessment_auth_date"):
                row["requiring_support"] = ""
            else:
                # NFA Y = no further action = not requiring support
                row["requiring_support"] = code(r.s("cina_assessment_outcome_nfa"),
                                                {"Y": "b) No", "N": "a) Yes",
                                                 "YES": "b) No", "NO": "a) Yes"})
            row["allocated_team"] = self.team(r.s("cina_assessment_team"))
            row["allocated_worker"] = self.worker(r.s("cina_assessment_worker_id"))
            out.append(row)
        return out

    # -- List 5 -------------------------------------------------------------
    def list_05(self):
        """List 5 S47 enquiries and ICPCs: ssd_s47_enquiry (+ its ICPC by
        icpc_s47_enquiry_id), kept when start <= R and (end blank or end >= F6).
        ICPC deemed unnecessary: an ICPC exists -> b) No; else end set -> a) Yes;
        else blank.  S47s in 12 months: the child's S47s starting in
        [L - 12m, L), L = latest S47 start <= R; ICPCs in 12 months: the child's
        ICPCs dated in [L - 12m, L), same L.  Team/worker: completed by."""
        icpc_of: dict[str, Row] = {}
        icpc_dates: dict[str, list[dt.date]] = {}
        for c in self.icpc:
            sid = c.s("icpc_s47_enquiry_id")
            if sid and sid not in icpc_of:          # at most one per S47: the first
                icpc_of[sid] = c
            d = c.d("icpc_icpc_date")
            if d is not None and c.s("icpc_person_id"):
                icpc_dates.setdefault(c.s("icpc_person_id"), []).append(d)
        s47_starts: dict[str, list[dt.date]] = {}
        for r in self.s47:
            d = r.d("s47e_s47_start_date")
            if d is not None and r.s("s47e_person_id"):
                s47_starts.setdefault(r.s("s47e_person_id"), []).append(d)
        out = []
        for r in self.s47:
            pid = r.s("s47e_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("s47e_s47_start_date"), r.s("s47e_s47_end_date")):
                continue
            ic = icpc_of.get(r.s("s47e_s47_enquiry_id")) if r.s("s47e_s47_enquiry_id") else None
            row = self.common(pid)
            row["disability"] = self.disability(pid)
            row["strategy_discussion_date"] = out_date(r.s("s47e_s47_start_date"))
            if ic is not None:
                row["icpc_unnecessary"] = "b) No"
            elif r.s("s47e_s47_end_date"):
                row["icpc_unnecessary"] = "a) Yes"
            else:
                row["icpc_unnecessary"] = ""
            row["icpc_date"] = out_date(ic.s("icpc_icpc_date")) if ic is not None else ""
            row["icpc_resulted_in_plan"] = (code(ic.s("icpc_icpc_outcome_cp_flag"), YN)
                                            if ic is not None else "")
            starts = s47_starts.get(pid, [])
            row["s47_last_12_months"] = str(self.count_before_latest(starts, starts))
            row["icpcs_last_12_months"] = str(self.count_before_latest(icpc_dates.get(pid, []), starts))
            row["allocated_team"] = self.team(r.s("s47e_s47_completed_by_team"))
            row["allocated_worker"] = self.worker(r.s("s47e_s47_completed_by_worker_id"))
            out.append(row)
        return out

    # -- List 6 -------------------------------------------------------------
    def list_06(self):
        """List 6 Children in need: ssd_cin_episodes, kept when referral date
        <= R and (close blank or close >= F6) and the episode is more than a
        referral (an assessment, S47, CIN plan, CP plan or period of care
        carries its referral_id); then the child's latest such episode (by
        referral date; ties -> later row).  Ofsted: "Excludes ... children who
        are only the subject of a referral"; "the most recent episode of need"."""
        linked: set[str] = set()
        for rows, col in ((self.assess, "cina_referral_id"), (self.s47, "s47e_referral_id"),
                          (self.cin_plans, "cinp_referral_id"), (self.cp_plans, "cppl_referral_id"),
                          (self.cla, "clae_referral_id")):
            for r in rows:
                if r.s(col):
                    linked.add(r.s(col))
        best: dict[str, Row] = {}
        for r in self.cin:
            pid = r.s("cine_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("cine_referral_date"), r.s("cine_close_date")):
                continue
            if not r.s("cine_referral_id") or r.s("cine_referral_id") not in linked:
                continue                     # only a referral
            cur = best.get(pid)
            if cur is None or (r.d("cine_referral_date"), r.seq) >= (cur.d("cine_referral_date"), cur.seq):
                best[pid] = r
        # date last seen: latest visit <= R with seen Y across the three visit tables
        seen: dict[str, dt.date] = {}
        for rows, pcol, dcol, scol in (
                (self.cin_visits, "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen"),
                (self.cp_visits, "cppv_person_id", "cppv_cp_visit_date", "cppv_cp_visit_seen"),
                (self.cla_visits, "clav_person_id", "clav_cla_visit_date", "clav_cla_visit_seen")):
            for v in rows:
                d = v.d(dcol)
                if d is None or d > self.R or v.s(scol).upper() not in ("Y", "YES"):
                    continue
                pid = v.s(pcol)
                if pid and (pid not in seen or d > seen[pid]):
                    seen[pid] = d
        out = []
        for pid, r in best.items():
            row = self.common(pid)
            row["disability"] = self.disability(pid)
            row["cin_start_date"] = out_date(r.s("cine_referral_date"))
            row["primary_need"] = code(r.s("cine_cin_primary_need_code"), NEED10, NEED_LABELS)
            row["date_last_seen"] = fmt(seen.get(pid))
            row["cin_closure_date"] = out_date(r.s("cine_close_date"))
            row["reason_for_closure"] = code(r.s("cine_close_reason"), RC)
            row["case_status"] = self.case_status(pid, r)
            start = r.d("cine_referral_date")
            team, worker = self.allocation(pid, start, r.d("cine_close_date"))
            row["allocated_team"], row["allocated_worker"] = team, worker
            out.append(row)
        return out

    def _open_at_r(self, rows, pcol, pid, scol, ecol) -> bool:
        """A row of the child in force at R: start <= R and (end blank or end >= R)."""
        for x in rows:
            if x.s(pcol) != pid:
                continue
            se = dated(x, scol, ecol)
            if se and se[0] <= self.R and (se[1] is None or se[1] >= self.R):
                return True
        return False

    def case_status(self, pid: str, ep: Row) -> str:
        """DESIGN 2 (List 6): closed -> e) Closed episode; else the first that
        applies: a) open period of care at R (not short breaks only), b) CP plan open at R, c) CIN plan
        open at R, d) assessment with start <= R and no auth date; else c).
        (Ofsted: "a looked after child who is also on a plan is a)".)"""
        if ep.s("cine_close_date"):
            return CASE_STATUS["e"]
        # a) needs a period that counts as care for Annex A: a short-breaks-only
        # period (every overlapping legal status V3/V4) is left out of List 8,
        # so it does not make the child "looked after" here either.
        for p in self.cla_by.get(pid, []):
            se = dated(p, "clae_cla_episode_start_date", "clae_cla_episode_ceased_date")
            if not (se and se[0] <= self.R and (se[1] is None or se[1] >= self.R)):
                continue
            if not self._short_breaks_only(pid, p):
                return CASE_STATUS["a"]
        if self._open_at_r(self.cp_plans, "cppl_person_id", pid, "cppl_cp_plan_start_date",
                           "cppl_cp_plan_end_date"):
            return CASE_STATUS["b"]
        if self._open_at_r(self.cin_plans, "cinp_person_id", pid, "cinp_cin_plan_start_date",
                           "cinp_cin_plan_end_date"):
            return CASE_STATUS["c"]
        for a in self.assess:
            if a.s("cina_person_id") != pid:
                continue
            s = a.d("cina_assessment_start_date")
            if s is not None and s <= self.R and not a.s("cina_assessment_auth_date"):
                return CASE_STATUS["d"]
        return CASE_STATUS["c"]

    # -- List 7 -------------------------------------------------------------
    def list_07(self):
        """List 7 Child protection: ssd_cp_plans, kept when start <= R and (end
        blank or end >= F6); the child's latest by start (ties -> later row)."""
        best: dict[str, Row] = {}
        for r in self.cp_plans:
            pid = r.s("cppl_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("cppl_cp_plan_start_date"), r.s("cppl_cp_plan_end_date")):
                continue
            cur = best.get(pid)
            if cur is None or (r.d("cppl_cp_plan_start_date"), r.seq) >= (cur.d("cppl_cp_plan_start_date"), cur.seq):
                best[pid] = r
        out = []
        for pid, r in best.items():
            start = r.d("cppl_cp_plan_start_date")
            row = self.common(pid)
            row["disability"] = self.disability(pid)
            row["cp_plan_start_date"] = out_date(r.s("cppl_cp_plan_start_date"))
            row["initial_category"] = code(r.s("cppl_cp_plan_initial_category"), ABUSE)
            row["latest_category"] = code(r.s("cppl_cp_plan_latest_category"), ABUSE)
            # last statutory visit: latest ssd_cp_visits date <= R for the child;
            # seen alone at that visit (Y/N, blank -> c) Unknown)
            visit = latest_row((v.d("cppv_cp_visit_date"), v) for v in self.cp_visits
                               if v.s("cppv_person_id") == pid and v.d("cppv_cp_visit_date") is not None
                               and v.d("cppv_cp_visit_date") <= self.R)
            row["last_statutory_visit"] = fmt(visit.d("cppv_cp_visit_date")) if visit else ""
            row["seen_alone"] = (code(visit.s("cppv_cp_visit_seen_alone"), YNU, blank=UNKNOWN)
                                 if visit else "")
            # latest review conference: latest ssd_cp_reviews date <= R of this plan
            plan_id = r.s("cppl_cp_plan_id")
            revs = [v.d("cppr_cp_review_date") for v in self.cp_reviews
                    if plan_id and v.s("cppr_cp_plan_id") == plan_id]
            revs = [d for d in revs if d is not None and d <= self.R]
            row["latest_review_conference"] = fmt(max(revs)) if revs else ""
            row["cp_plan_end_date"] = out_date(r.s("cppl_cp_plan_end_date"))
            # EPO / police protection in the last six months: a legal status L1
            # or L2 of the child overlapping [F6, R]
            epo = False
            for ls in self.legal_by.get(pid, []):
                if ls.s("lega_legal_status").upper() not in ("L1", "L2"):
                    continue
                se = dated(ls, "lega_legal_status_start_date", "lega_legal_status_end_date")
                if se and overlaps(se[0], se[1], self.F6, self.R):
                    epo = True
            row["epo_or_police_protection"] = "a) Yes" if epo else "b) No"
            # previous plans: the child's plans starting before this plan's start
            row["previous_cp_plans"] = str(sum(
                1 for p in self.cp_plans if p.s("cppl_person_id") == pid
                and p.d("cppl_cp_plan_start_date") is not None and p.d("cppl_cp_plan_start_date") < start))
            team, worker = self.allocation(pid, start, r.d("cppl_cp_plan_end_date"))
            row["allocated_team"], row["allocated_worker"] = team, worker
            out.append(row)
        return out

    # -- List 8 -------------------------------------------------------------
    def _period(self, r: Row):
        return r.d("clae_cla_episode_start_date"), r.d("clae_cla_episode_ceased_date")

    def _legal_in_period(self, pid: str, r: Row) -> list[tuple[dt.date, Row]]:
        """Legal statuses linked to a period by person and dates only: those
        whose [start, end or open] overlaps the period [start, ceased or open]."""
        ps, pe = self._period(r)
        out = []
        for ls in self.legal_by.get(pid, []):
            se = dated(ls, "lega_legal_status_start_date", "lega_legal_status_end_date")
            if se and overlaps(se[0], se[1], ps, pe):
                out.append((se[0], ls))
        return out

    def _short_breaks_only(self, pid: str, r: Row) -> bool:
        """DESIGN 2 (List 8): every legal status overlapping the period is V3/V4
        (short breaks; V2 is a normal single placement).  A period with no
        overlapping legal status is not short breaks."""
        statuses = [ls.s("lega_legal_status").upper() for _, ls in self._legal_in_period(pid, r)]
        return bool(statuses) and all(s in ("V3", "V4") for s in statuses)

    def list_08(self):
        """List 8 Children in care: ssd_cla_episodes (periods), kept when start
        <= R and (ceased blank or ceased >= F6); not when every legal status
        overlapping the period is V3/V4 (short breaks; V2 is a normal single
        placement); the child's latest by start (ties -> later row)."""
        best: dict[str, Row] = {}
        for r in self.cla:
            pid = r.s("clae_person_id")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("clae_cla_episode_start_date"), r.s("clae_cla_episode_ceased_date")):
                continue
            if self._short_breaks_only(pid, r):
                continue
            cur = best.get(pid)
            if cur is None or (r.d("clae_cla_episode_start_date"), r.seq) >= (cur.d("clae_cla_episode_start_date"), cur.seq):
                best[pid] = r
        R, F12 = self.R, self.F12
        out = []
        for pid, r in best.items():
            ps, pe = self._period(r)
            row = self.common(pid, dob_mode="dob")
            # UASC: a) Yes if an immigration row UASC overlaps [F12, R]
            uasc = any(
                (se := dated(i, "immi_immigration_status_start_date", "immi_immigration_status_end_date"))
                and overlaps(se[0], se[1], F12, R)
                for i in self.imm_by.get(pid, []) if i.s("immi_immigration_status").upper() == "UASC")
            row["uasc"] = "a) Yes" if uasc else "b) No"
            row["disability"] = self.disability(pid)
            row["date_started_looked_after"] = out_date(r.s("clae_entered_care_date"))
            row["category_of_need"] = code(r.s("clae_cla_primary_need_code"), NEED8, NEED_LABELS)
            # second period: the child has >= 2 periods overlapping [F12, R]
            n_periods = 0
            for p in self.cla_by.get(pid, []):
                se = dated(p, "clae_cla_episode_start_date", "clae_cla_episode_ceased_date")
                if se and overlaps(se[0], se[1], F12, R):
                    n_periods += 1
            row["second_period_12_months"] = "a) Yes" if n_periods >= 2 else "b) No"
            # legal status: the one overlapping the period with the latest start <= R
            ls = latest_row((d, x) for d, x in self._legal_in_period(pid, r) if d <= R)
            row["legal_status_start_date"] = out_date(ls.s("lega_legal_status_start_date")) if ls else ""
            row["legal_status"] = code(ls.s("lega_legal_status"), LEGAL) if ls else ""
            # latest review: latest ssd_cla_reviews date <= R, cancelled N, of this period (clar_cla_id)
            cla_id = r.s("clae_cla_id")
            revs = [v.d("clar_cla_review_date") for v in self.cla_reviews
                    if cla_id and v.s("clar_cla_id") == cla_id
                    and v.s("clar_cla_review_cancelled").upper() in ("N", "NO")]
            revs = [d for d in revs if d is not None and d <= R]
            row["latest_review_date"] = fmt(max(revs)) if revs else ""
            # last social work visit: latest ssd_cla_visits date <= R of the child
            vis = [v.d("clav_cla_visit_date") for v in self.cla_visits if v.s("clav_person_id") == pid]
            vis = [d for d in vis if d is not None and d <= R]
            row["last_social_work_visit"] = fmt(max(vis)) if vis else ""
            # permanence plan: the child's care-plan row with the latest start <= R
            cp = latest_row((c.d("lacp_cla_care_plan_start_date"), c) for c in self.care_plan
                            if c.s("lacp_person_id") == pid and c.d("lacp_cla_care_plan_start_date") is not None
                            and c.d("lacp_cla_care_plan_start_date") <= R)
            row["permanence_plan"] = code(perm_label(cp.s("lacp_cla_care_plan_json")), PERM) if cp else ""
            row["last_iro_contact"] = out_date(r.s("clae_cla_last_iro_contact_date"))
            # last health assessment / dental check: latest ssd_cla_health date <= R of that type
            for key, typ in (("last_health_assessment", "HEALTH ASSESSMENT"),
                             ("last_dental_check", "DENTAL CHECK")):
                ds = [h.d("clah_health_check_date") for h in self.health
                      if h.s("clah_person_id") == pid and h.s("clah_health_check_type").upper() == typ]
                ds = [d for d in ds if d is not None and d <= R]
                row[key] = fmt(max(ds)) if ds else ""
            # placements in 12 months: the child's placements whose [start, end or
            # open] overlaps [F12, R] (start <= R)
            n_pl = 0
            for p in self.plac_by.get(pid, []):
                se = dated(p, "clap_cla_placement_start_date", "clap_cla_placement_end_date")
                if se and overlaps(se[0], se[1], F12, R):
                    n_pl += 1
            row["placements_last_12_months"] = str(n_pl)
            row["date_ceased_looked_after"] = out_date(r.s("clae_cla_episode_ceased_date"))
            row["reason_ceased"] = code(r.s("clae_cla_episode_ceased_reason"), CEASED)
            # placement: the one overlapping the period with the latest start <= R
            cands = []
            for p in self.plac_by.get(pid, []):
                se = dated(p, "clap_cla_placement_start_date", "clap_cla_placement_end_date")
                if se and se[0] <= R and overlaps(se[0], se[1], ps, pe):
                    cands.append((se[0], p))
            pl = latest_row(cands)
            row["placement_start_date"] = out_date(pl.s("clap_cla_placement_start_date")) if pl else ""
            row["placement_type"] = code(pl.s("clap_cla_placement_type"), PLACEMENT) if pl else ""
            row["placement_provider"] = code(pl.s("clap_cla_placement_provider"), PROVIDER) if pl else ""
            row["placement_postcode"] = pl.s("clap_cla_placement_postcode") if pl else ""
            row["placement_urn"] = pl.s("clap_cla_placement_urn") if pl else ""
            # placement location: a) In when the placement postcode's area
            # (its leading letters) is one the council lists, b) Out
            # otherwise, blank without a postcode; LA of placement is left
            # blank (the SSD does not carry it)
            pc = row["placement_postcode"].strip().upper()
            area = re.match(r"[A-Z]*", pc).group(0)
            row["placement_location"] = "" if not pc else ("a) In" if area in self.council_areas else "b) Out")
            row["placement_la"] = ""
            # missing / absent in 12 months: episodes starting in [F12, R]
            kinds = {"MISSING": 0, "ABSENT": 0}
            last_missing = []
            for m in self.missing:
                if m.s("miss_person_id") != pid:
                    continue
                d = m.d("miss_missing_episode_start_date")
                k = m.s("miss_missing_episode_type").upper()
                if d is None or d > R:
                    continue
                if k in kinds and d >= F12:
                    kinds[k] += 1
                if k == "MISSING":
                    last_missing.append((d, m))
            row["missing_episodes_12_months"] = str(kinds["MISSING"])
            row["absent_episodes_12_months"] = str(kinds["ABSENT"])
            # return interview offered / accepted: the latest Missing episode
            # starting <= R (Y a), N b), blank stays blank)
            lm = latest_row(last_missing)
            row["return_interview_offered"] = code(lm.s("miss_missing_rhi_offered"), YNU) if lm else ""
            row["return_interview_accepted"] = code(lm.s("miss_missing_rhi_accepted"), YNU) if lm else ""
            team, worker = self.allocation(pid, ps, pe)
            row["allocated_team"], row["allocated_worker"] = team, worker
            out.append(row)
        return out

    # -- List 9 -------------------------------------------------------------
    def list_09(self):
        """List 9 Care leavers: ssd_care_leavers, each young person's row with
        the latest contact date (ties -> later row); all of them.  (A contact
        dated after R has not happened at R and is not a candidate; a row with
        no valid contact date is not a candidate.)"""
        best: dict[str, Row] = {}
        for r in self.care_leavers:
            pid = r.s("clea_person_id")
            if not self.child(pid):
                continue
            d = r.d("clea_care_leaver_latest_contact")
            if d is None or d > self.R:
                continue
            cur = best.get(pid)
            if cur is None or (d, r.seq) >= (cur.d("clea_care_leaver_latest_contact"), cur.seq):
                best[pid] = r
        out = []
        for pid, r in best.items():
            row = self.common(pid, dob_mode="dob")
            # UASC (ever): any UASC immigration row
            row["uasc"] = ("a) Yes" if any(i.s("immi_immigration_status").upper() == "UASC"
                                           for i in self.imm_by.get(pid, [])) else "b) No")
            row["disability"] = self.disability(pid)
            row["allocated_team"] = self.team(r.s("clea_care_leaver_allocated_team"))
            row["allocated_worker"] = self.worker(r.s("clea_care_leaver_worker_id"))
            row["personal_adviser"] = r.s("clea_care_leaver_personal_advisor")
            row["eligibility"] = code(r.s("clea_care_leaver_eligibility"), ELIG,
                                      {"RELEVANT CHILD": "RELEVANT",
                                       "FORMER RELEVANT CHILD": "FORMER RELEVANT",
                                       "QUALIFYING CARE LEAVER": "QUALIFYING",
                                       "ELIGIBLE CHILD": "ELIGIBLE"})
            row["pathway_plan_review_date"] = out_date(r.s("clea_pathway_plan_review_date"))
            row["in_touch"] = code(r.s("clea_care_leaver_in_touch"), INTOUCH)
            row["latest_contact_date"] = out_date(r.s("clea_care_leaver_latest_contact"))
            row["accommodation"] = code(r.s("clea_care_leaver_accommodation"), ACCOM)
            row["accommodation_suitable"] = code(r.s("clea_care_leaver_accom_suitable"), SUIT)
            row["activity"] = code(r.s("clea_care_leaver_activity"), ACTIVITY)
            out.append(row)
        return out

    # -- List 10 ------------------------------------------------------------
    def list_10(self):
        """List 10 Adoption: ssd_permanence, kept when ADM decision <= R and
        (none of adoption order date / reversed date, or the first that is set
        >= F12).  Ofsted: adopted in the 12 months, decided but not yet
        adopted, or decision reversed in the 12 months."""
        fam: dict[str, str] = {}
        for f in self.family:
            if f.s("fami_person_id") and f.s("fami_family_id"):
                fam.setdefault(f.s("fami_person_id"), f.s("fami_family_id"))
        out = []
        for r in self.permanence:
            pid = r.s("perm_person_id")
            if not self.child(pid):
                continue
            # adoption order date = perm_permanence_order_date when the order type is Adoption
            order = (r.s("perm_permanence_order_date")
                     if r.s("perm_permanence_order_type").upper() == "ADOPTION" else "")
            reversed_ = r.s("perm_decision_reversed_date")
            end_text = order or reversed_      # the first that is set
            if not self._window(r.s("perm_adm_decision_date"), end_text, self.F12):
                continue
            row = self.common(pid)
            # family id: blank when interagency (provider URN set) or none
            row["family_id"] = "" if r.s("perm_placement_provider_urn") else fam.get(pid, "")
            row["disability"] = self.disability(pid)
            ent = [c.d("clae_entered_care_date") for c in self.cla_by.get(pid, [])]
            ent = [d for d in ent if d is not None and d <= self.R]
            row["date_entered_care"] = fmt(max(ent)) if ent else ""
            row["adm_decision_date"] = out_date(r.s("perm_adm_decision_date"))
            row["placement_order_date"] = out_date(r.s("perm_placement_order_date"))
            row["matching_date"] = out_date(r.s("perm_matched_date"))
            row["placed_for_adoption_date"] = out_date(r.s("perm_placed_for_adoption_date"))
            row["adoption_order_date"] = out_date(order)
            row["decision_reversed_date"] = out_date(reversed_)
            row["reason_no_longer_placed"] = code(r.s("perm_decision_reversed_reason"), RD)
            row["ffa_placement_date"] = out_date(r.s("perm_placed_ffa_cp_date"))
            out.append(row)
        return out

    # -- List 11 ------------------------------------------------------------
    def list_11(self):
        """List 11 Adopters: adopters.csv, kept when the first set of (stage 1
        start, application date, enquiry date) <= R and (the first set of
        (adoption order, left date) is blank or >= F12).  One row per adopter.
        A blank ADOPTER_ID is in no list (the id is the list's key)."""
        out = []
        for r in self.adopters:
            if not r.s("ADOPTER_ID"):
                continue
            start = r.s("STAGE1_START") or r.s("APPLICATION_DATE") or r.s("ENQUIRY_DATE")
            end = r.s("ADOPTION_ORDER_DATE") or r.s("LEFT_DATE")
            if not self._window(start, end, self.F12):
                continue
            cp = r.s("CHILDREN_PLACED")
            row = {
                "adopter_id": r.s("ADOPTER_ID"),
                "family_id": r.s("FAMILY_ID"),
                "gender": code(r.s("GENDER"), GENDER_ADOPTER),
                "ethnicity": code(r.s("ETHNICITY"), ETHNICITY, ETHNICITY_LABELS),
                "disability": code(r.s("DISABILITY"), YN),
                "fostering_for_adoption": code(r.s("FFA"), FFA),
                "enquiry_date": out_date(r.s("ENQUIRY_DATE")),
                "stage1_start": out_date(r.s("STAGE1_START")),
                "stage1_end": out_date(r.s("STAGE1_END")),
                "stage2_start": out_date(r.s("STAGE2_START")),
                "stage2_end": out_date(r.s("STAGE2_END")),
                "application_submitted": out_date(r.s("APPLICATION_DATE")),
                "application_approved": out_date(r.s("APPROVAL_DATE")),
                "matched_date": out_date(r.s("MATCHED_DATE")),
                "placed_date": out_date(r.s("PLACED_DATE")),
                "children_placed": str(int(cp)) if cp.isdigit() else cp,
                "adoption_order_date": out_date(r.s("ADOPTION_ORDER_DATE")),
                "left_process_date": out_date(r.s("LEFT_DATE")),
                "reason_left_process": code(r.s("LEFT_REASON"), LEAVE),
            }
            out.append(row)
        return out

    # -- Audited cases ------------------------------------------------------
    def audited_cases(self):
        """Audited cases: case_audits.csv, kept when F6 <= audit date <= R;
        child (must be a person), date, type, service area, grade, auditor,
        moderated (Y/N -> a) Yes / b) No)."""
        out = []
        for r in self.audits:
            pid = r.s("PERSON_ID")
            if not self.child(pid):
                continue
            if not self.in_window_6(r.s("AUDIT_DATE"), None):
                continue
            out.append({
                "child_id": pid,
                "audit_date": out_date(r.s("AUDIT_DATE")),
                "audit_type": r.s("AUDIT_TYPE"),
                "service_area": r.s("SERVICE_AREA"),
                "grade": r.s("GRADE"),
                "auditor": r.s("AUDITOR"),
                "moderated": code(r.s("MODERATED"), YN),
            })
        return out


def perm_label(text: str) -> str:
    """The PERMANENCE_PLAN label of a care-plan json (possibly pretty-printed
    over several lines); a text that is not JSON is searched for the key."""
    try:
        obj = json.loads(text)
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k.strip().upper() == "PERMANENCE_PLAN":
                    return "" if v is None else str(v)
            return ""
    except ValueError:
        pass
    m = re.search(r'"PERMANENCE_PLAN"\s*:\s*"([^"]*)"', text, re.I)
    return m.group(1) if m else ""


# ---------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------
def write_csv(path: str, keys: list[str], rows: list[dict]) -> None:
    """Header = column keys; rows sorted by the tuple of their cells; UTF-8
    without BOM, LF, csv-module quoting; written atomically."""
    table = sorted(tuple(str(r.get(k, "")) for k in keys) for r in rows)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(keys)
    w.writerows(table)
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp_", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="folder of the council's CSV exports")
    ap.add_argument("--out", required=True, help="folder for list_NN.csv and audited_cases.csv")
    ap.add_argument("--reference-date", default="2026-11-23", help="R, YYYY-MM-DD")
    a = ap.parse_args(argv)
    r = dt.date.fromisoformat(a.reference_date)
    council = Council(a.data, r)
    os.makedirs(a.out, exist_ok=True)
    builders = {1: council.list_01, 2: council.list_02, 3: council.list_03, 4: council.list_04,
                5: council.list_05, 6: council.list_06, 7: council.list_07, 8: council.list_08,
                9: council.list_09, 10: council.list_10, 11: council.list_11,
                "audit": council.audited_cases}
    for n, build in builders.items():
        rows = build()
        name = "audited_cases.csv" if n == "audit" else f"list_{n:02d}.csv"
        write_csv(os.path.join(a.out, name), KEYS[n], rows)
        print(f"{name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
