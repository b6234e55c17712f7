#!/usr/bin/env python3
"""Generate "Safeguardshire", a synthetic council whose records are CSV exports
of D2I Standard Safeguarding Dataset (SSD) tables, plus the defect and probe
manifests (see ../DESIGN.md).  Standard library only, deterministic: the same
arguments give byte-identical files."""
import argparse
import csv
import io
import json
import os
import random
import sys
from datetime import date, timedelta

COLS = {
    "ssd_person.csv": "pers_person_id pers_forename pers_surname pers_sex pers_gender pers_ethnicity pers_dob pers_expected_dob pers_death_date pers_upn_unknown pers_nationality",
    "ssd_contacts.csv": "cont_contact_id cont_person_id cont_contact_date cont_contact_source_code cont_contact_source_desc cont_contact_outcome_json",
    "ssd_early_help_episodes.csv": "earl_episode_id earl_person_id earl_episode_start_date earl_episode_end_date earl_episode_reason earl_episode_end_reason earl_episode_organisation earl_episode_worker_id",
    "ssd_cin_episodes.csv": "cine_referral_id cine_person_id cine_referral_date cine_cin_primary_need_code cine_referral_source_code cine_referral_source_desc cine_referral_outcome_json cine_referral_nfa cine_close_reason cine_close_date cine_referral_team cine_referral_worker_id",
    "ssd_cin_assessments.csv": "cina_assessment_id cina_person_id cina_referral_id cina_assessment_start_date cina_assessment_child_seen cina_assessment_auth_date cina_assessment_outcome_json cina_assessment_outcome_nfa cina_assessment_team cina_assessment_worker_id",
    "ssd_s47_enquiry.csv": "s47e_s47_enquiry_id s47e_referral_id s47e_person_id s47e_s47_start_date s47e_s47_end_date s47e_s47_nfa s47e_s47_outcome_json s47e_s47_completed_by_team s47e_s47_completed_by_worker_id",
    "ssd_initial_cp_conference.csv": "icpc_icpc_id icpc_s47_enquiry_id icpc_person_id icpc_cp_plan_id icpc_referral_id icpc_icpc_date icpc_icpc_outcome_cp_flag icpc_icpc_team icpc_icpc_worker_id",
    "ssd_cin_plans.csv": "cinp_cin_plan_id cinp_referral_id cinp_person_id cinp_cin_plan_start_date cinp_cin_plan_end_date cinp_cin_plan_team cinp_cin_plan_worker_id",
    "ssd_cin_visits.csv": "cinv_cin_visit_id cinv_person_id cinv_cin_visit_date cinv_cin_visit_seen cinv_cin_visit_seen_alone",
    "ssd_cp_plans.csv": "cppl_cp_plan_id cppl_referral_id cppl_icpc_id cppl_person_id cppl_cp_plan_start_date cppl_cp_plan_end_date cppl_cp_plan_initial_category cppl_cp_plan_ola cppl_cp_plan_latest_category",
    "ssd_cp_visits.csv": "cppv_cp_visit_id cppv_person_id cppv_cp_plan_id cppv_cp_visit_date cppv_cp_visit_seen cppv_cp_visit_seen_alone",
    "ssd_cp_reviews.csv": "cppr_cp_review_id cppr_person_id cppr_cp_plan_id cppr_cp_review_date",
    "ssd_cla_episodes.csv": "clae_cla_episode_id clae_person_id clae_cla_episode_start_date clae_cla_episode_start_reason clae_cla_primary_need_code clae_cla_episode_ceased_date clae_cla_episode_ceased_reason clae_cla_id clae_referral_id clae_entered_care_date clae_cla_last_iro_contact_date",
    "ssd_legal_status.csv": "lega_legal_status_id lega_person_id lega_legal_status lega_legal_status_start_date lega_legal_status_end_date",
    "ssd_cla_placement.csv": "clap_cla_placement_id clap_person_id clap_cla_id clap_cla_placement_start_date clap_cla_placement_end_date clap_cla_placement_type clap_cla_placement_provider clap_cla_placement_postcode clap_cla_placement_urn clap_cla_placement_change_reason",
    "ssd_cla_reviews.csv": "clar_cla_review_id clar_cla_id clar_cla_review_due_date clar_cla_review_date clar_cla_review_cancelled",
    "ssd_cla_visits.csv": "clav_cla_visit_id clav_cla_id clav_person_id clav_cla_visit_date clav_cla_visit_seen clav_cla_visit_seen_alone",
    "ssd_cla_health.csv": "clah_health_check_id clah_person_id clah_health_check_type clah_health_check_date clah_health_check_status",
    "ssd_cla_care_plan.csv": "lacp_table_id lacp_person_id lacp_cla_care_plan_start_date lacp_cla_care_plan_end_date lacp_cla_care_plan_json",
    "ssd_missing.csv": "miss_table_id miss_person_id miss_missing_episode_start_date miss_missing_episode_type miss_missing_episode_end_date miss_missing_rhi_offered miss_missing_rhi_accepted",
    "ssd_immigration_status.csv": "immi_immigration_status_id immi_person_id immi_immigration_status immi_immigration_status_start_date immi_immigration_status_end_date",
    "ssd_disability.csv": "disa_table_id disa_person_id disa_disability_code",
    "ssd_involvements.csv": "invo_involvements_id invo_professional_id invo_professional_role_id invo_professional_team invo_involvement_start_date invo_involvement_end_date invo_worker_change_reason invo_person_id invo_referral_id",
    "ssd_professionals.csv": "prof_professional_id prof_staff_id prof_professional_name prof_professional_job_title prof_professional_department",
    "ssd_department.csv": "dept_team_id dept_team_name dept_team_parent_id dept_team_parent_name",
    "ssd_care_leavers.csv": "clea_table_id clea_person_id clea_care_leaver_eligibility clea_care_leaver_in_touch clea_care_leaver_latest_contact clea_care_leaver_accommodation clea_care_leaver_accom_suitable clea_care_leaver_activity clea_pathway_plan_review_date clea_care_leaver_personal_advisor clea_care_leaver_allocated_team clea_care_leaver_worker_id",
    "ssd_permanence.csv": "perm_table_id perm_person_id perm_cla_id perm_adm_decision_date perm_placement_order_date perm_matched_date perm_placed_for_adoption_date perm_placed_ffa_cp_date perm_decision_reversed_date perm_decision_reversed_reason perm_permanence_order_date perm_permanence_order_type perm_placement_provider_urn",
    "ssd_family.csv": "fami_table_id fami_family_id fami_person_id",
    "adopters.csv": "ADOPTER_ID FAMILY_ID GENDER ETHNICITY DISABILITY FFA ENQUIRY_DATE STAGE1_START STAGE1_END STAGE2_START STAGE2_END APPLICATION_DATE APPROVAL_DATE MATCHED_DATE PLACED_DATE CHILDREN_PLACED ADOPTION_ORDER_DATE LEFT_DATE LEFT_REASON",
    "case_audits.csv": "AUDIT_ID PERSON_ID AUDIT_DATE AUDIT_TYPE SERVICE_AREA GRADE AUDITOR MODERATED",
}
COLS = {k: v.split() for k, v in COLS.items()}
FILES = list(COLS)

# person id column of each file (None: no person column)
PERSON_COL = {f: next((c for c in cols if c.endswith("_person_id") or c == "PERSON_ID"), None)
              for f, cols in COLS.items()}
PERSON_COL["ssd_person.csv"] = None
PERSON_COL["ssd_involvements.csv"] = "invo_person_id"
# date columns of each file
EXTRA_DATE_COLS = {"pers_dob", "pers_expected_dob", "clea_care_leaver_latest_contact",
                   "ENQUIRY_DATE", "STAGE1_START", "STAGE1_END", "STAGE2_START", "STAGE2_END"}
DATE_COLS = {f: [c for c in cols if "date" in c.lower() or c in EXTRA_DATE_COLS] for f, cols in COLS.items()}
DATE_PAIRS = {
    "ssd_early_help_episodes.csv": ("earl_episode_start_date", "earl_episode_end_date"),
    "ssd_cin_assessments.csv": ("cina_assessment_start_date", "cina_assessment_auth_date"),
    "ssd_s47_enquiry.csv": ("s47e_s47_start_date", "s47e_s47_end_date"),
    "ssd_cin_plans.csv": ("cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
    "ssd_cp_plans.csv": ("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
    "ssd_cla_episodes.csv": ("clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),
    "ssd_cla_placement.csv": ("clap_cla_placement_start_date", "clap_cla_placement_end_date"),
    "ssd_legal_status.csv": ("lega_legal_status_start_date", "lega_legal_status_end_date"),
    "ssd_missing.csv": ("miss_missing_episode_start_date", "miss_missing_episode_end_date"),
    "ssd_immigration_status.csv": ("immi_immigration_status_start_date", "immi_immigration_status_end_date"),
    "ssd_cla_care_plan.csv": ("lacp_cla_care_plan_start_date", "lacp_cla_care_plan_end_date"),
    "ssd_involvements.csv": ("invo_involvement_start_date", "invo_involvement_end_date"),
}

ETHNICITY = "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT".split()
ETH_WEIGHTS = [55, 2, 1, 5, 1, 4, 2, 2, 3, 3, 4, 2, 2, 3, 4, 1, 1, 2, 1, 2]
ETH_LABELS = {"WBRI": "White British", "WIRI": "White Irish", "AIND": "Indian", "APKN": "Pakistani",
              "ABAN": "Bangladeshi", "BCRB": "Caribbean", "BAFR": "African", "CHNE": "Chinese"}
SOURCES = {
    "1A": "Individual", "1B": "Individual, family member, relative or carer", "1C": "Individual, acquaintance (including neighbours and child minders)",
    "1D": "Individual, self", "2A": "Schools", "2B": "Education services", "3A": "Health services, GP",
    "3B": "Health services, health visitor", "3C": "Health services, school nurse", "3D": "Health services, other primary health services",
    "3E": "Health services, A&E", "3F": "Health services, other", "4": "Housing", "5A": "LA services, social care (e.g. adult social care)",
    "5B": "LA services, other internal", "5C": "LA services, external (e.g. from another LA's children's social care)",
    "5D": "Early help", "6": "Police", "7": "Other legal agency", "8": "Other", "9": "Anonymous", "10": "Unknown",
}
SRC_CODES = list(SOURCES)
SRC_WEIGHTS = [3, 4, 2, 2, 16, 3, 4, 4, 2, 3, 3, 2, 3, 3, 2, 2, 5, 25, 2, 3, 1, 2]
NEEDS = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
NEED_W = [2, 50, 6, 5, 12, 14, 5, 1, 3, 2]
CLOSE = ["RC%d" % i for i in range(1, 10)]
CPCAT = ["NEG", "PHY", "SAB", "EMO", "MUL"]
CEASED = "E11 E12 E13 E14 E15 E16 E17 E2 E3 E4A E4B E41 E45 E46 E47 E48 E5 E6 E7 E8 E9".split()
LEGAL = "C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4".split()
PLACE = "U1 U2 U3 U4 U5 U6 K2 R1 R2 R3 R5 H5 P1 P2 Z1 S1 T4".split()
PROVIDER = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
DISAB = "MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA NONE".split()
PERM_LABELS = ["Return to family", "Adoption", "SGO/CAO", "Supported living", "Long-term residential", "Long-term fostering", "Other"]

# code columns checked for unknown codes: column -> (allowed codes, label map upper->code)
CODE_COLS = {
    "pers_ethnicity": (ETHNICITY, {v.upper(): k for k, v in ETH_LABELS.items()}),
    "pers_sex": (["M", "F", "U", "I"], {"MALE": "M", "FEMALE": "F"}),
    "cont_contact_source_code": (SRC_CODES, {}),
    "cine_referral_source_code": (SRC_CODES, {}),
    "cine_cin_primary_need_code": (NEEDS, {"ABUSE OR NEGLECT": "N1"}),
    "clae_cla_primary_need_code": (NEEDS[1:9], {"ABUSE OR NEGLECT": "N1"}),
    "cine_close_reason": (CLOSE, {}),
    "cppl_cp_plan_initial_category": (CPCAT, {}),
    "cppl_cp_plan_latest_category": (CPCAT, {}),
    "clap_cla_placement_type": (PLACE, {}),
    "clap_cla_placement_provider": (PROVIDER, {}),
    "lega_legal_status": (LEGAL, {}),
    "clae_cla_episode_ceased_reason": (CEASED, {}),
    "disa_disability_code": (DISAB, {}),
    "cine_referral_nfa": (["Y", "N"], {}),
}

TEAMS = [  # id, name, parent id, parent name, number of workers, job title
    ("T101", "Front Door (MASH)", "D10", "Front Door Service", 3, "Social Worker"),
    ("T102", "Early Help Hub North", "D11", "Early Help Service", 2, "Family Support Worker"),
    ("T103", "Early Help Hub South", "D11", "Early Help Service", 2, "Family Support Worker"),
    ("T104", "Assessment Team North", "D12", "Assessment Service", 3, "Social Worker"),
    ("T105", "Assessment Team South", "D12", "Assessment Service", 3, "Social Worker"),
    ("T106", "Assessment Team East", "D12", "Assessment Service", 3, "Social Worker"),
    ("T107", "Child in Need Team 1", "D13", "Safeguarding and Family Support", 3, "Social Worker"),
    ("T108", "Child in Need Team 2", "D13", "Safeguarding and Family Support", 3, "Social Worker"),
    ("T109", "Child Protection Team", "D13", "Safeguarding and Family Support", 3, "Senior Social Worker"),
    ("T110", "Children in Care Team 1", "D14", "Children in Care and Permanence", 3, "Social Worker"),
    ("T111", "Children in Care Team 2", "D14", "Children in Care and Permanence", 3, "Social Worker"),
    ("T112", "Disabled Children's Team", "D13", "Safeguarding and Family Support", 2, "Social Worker"),
    ("T113", "Leaving Care Team", "D15", "Leaving Care Service", 3, "Personal Adviser"),
    ("T114", "Adoption and Permanence Team", "D14", "Children in Care and Permanence", 2, "Social Worker"),
    ("T115", "Independent Reviewing Service", "D16", "Quality Assurance", 2, "Independent Reviewing Officer"),
]
BOYS = "Alfie Caleb Elijah Ezra Harvey Jaxon Kian Leo Mason Noah Olly Reuben Toby Theo Yusuf Aziz Bilal Kofi Oskar Tomas Umar Bodhi Dex".split()
GIRLS = "Amara Ava Bella Chloe Darcy Esme Freya Isla Layla Lola Maisie Mila Nia Orla Piper Rosa Ruby Sienna Tilly Willow Zara Eshaal Ifeoma Lenka Mirela Nadia Priya Rhian Ayla Cora".split()
NEUTRAL = "Eden Kai Sami Zion Juno Sefa Wren".split()
FORENAMES = BOYS + GIRLS + NEUTRAL
SURNAMES = ("Ashdown Barrowclough Bexley Carrow Dunmore Elsworth Fairbrook Garside Hallam Ingleby Jessop Kettering "
            "Larkspur Marlow Netherby Oakhurst Pennock Quarrie Redfern Saltmarsh Thornbury Underhill Vickery Wainfleet "
            "Yardley Ackroyd Birtwistle Cloudsley Dewhurst Emberton Foxley Greave Holroyd Ibbotson Jowett Kershaw "
            "Lumb Mossop Northrop Ormerod Pickles Rushworth Sowerby Tattersall Uttley Whiteley").split()


def add_months(d, n):
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return date(y, m, min(d.day, last))


def add_years(d, n):
    return add_months(d, 12 * n)


def parse_date(s):
    """Parse one of the four export formats; None for blank; raise ValueError if impossible."""
    s = s.strip()
    if not s:
        return None
    if len(s) == 10 and s[2] == "/" and s[5] == "/":
        return date(int(s[6:]), int(s[3:5]), int(s[:2]))
    if len(s) >= 10 and s[4] == "-" and s[7] == "-":
        rest = s[10:]
        if rest not in ("", " 00:00:00.000") and not (rest.startswith("T") and len(rest) == 9):
            raise ValueError(s)
        return date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    raise ValueError(s)


class Gen:
    def __init__(self, seed, R, scale=1.0):
        self.rng = random.Random(seed)
        self.R = R
        self.scale = scale
        # --no-defects: the council as it should be, DfE's SSDA903 rules kept
        # too (annex_a_specs/ilacs-2019/rules/dfe_ssda903.yaml); set by main.
        self.clean = False
        self.F6 = add_months(R, -6)
        self.F12 = add_months(R, -12)
        self.H = add_months(R, -36)
        self.t = {f: [] for f in FILES}
        self.counters = {}
        self.persons = {}          # id -> person row
        self.probe_people = []     # person ids whose rows take no defect
        self.workers = {}          # team -> [prof ids]
        self.wname = {}
        self.families = []         # (family id, child person id, dates dict)

    # ---- basic helpers
    def n(self, k):
        """How many of a cohort of k (at scale 1) to make at this scale."""
        return int(round(k * self.scale))

    def ri(self, a, b):
        return self.rng.randint(a, b)

    def days(self, d, a, b):
        return d + timedelta(days=self.ri(a, b))

    def nid(self, prefix, start=1, width=6):
        n = self.counters.get(prefix, start)
        self.counters[prefix] = n + 1
        return "%s%0*d" % (prefix, width, n)

    def add(self, f, **kw):
        row = {c: "" for c in COLS[f]}
        for k, v in kw.items():
            if k not in row:
                raise KeyError((f, k))
            row[k] = v
        row["_fmt"] = self.rng.choices(range(4), [70, 10, 10, 10])[0]
        row["_hm"] = (self.ri(8, 18), self.ri(0, 11) * 5)
        row["_probes"] = []
        row["_defect"] = None
        self.t[f].append(row)
        return row

    def probe(self, row, lst, text, checks):
        row["_probes"].append((lst, text, checks))
        return row

    def mess(self, code, labels=None):
        r = self.rng.random()
        if r < 0.035:
            return code.lower()
        if r < 0.07:
            return self.rng.choice([" %s " % code, "%s " % code, " %s" % code])
        if r < 0.10 and labels and code in labels:
            return labels[code]
        return code

    def yn(self, v, p_mess=0.06):
        if v and self.rng.random() < p_mess:
            return self.rng.choice([v.lower(), " " + v])
        return v

    def jlist(self, items):
        if self.rng.random() < 0.25:
            return json.dumps(items)
        return json.dumps(items, indent=1)

    def worker(self, team):
        return self.rng.choice(self.workers[team])

    # ---- reference tables
    def make_staff(self):
        n = 0
        for tid, name, pid, pname, k, title in TEAMS:
            self.add("ssd_department.csv", dept_team_id=tid, dept_team_name=name, dept_team_parent_id=pid, dept_team_parent_name=pname)
            self.workers[tid] = []
            for _ in range(self.n(k)):
                n += 1
                wid = "W%03d" % n
                nm = "%s %s" % (self.rng.choice(FORENAMES), self.rng.choice(SURNAMES))
                self.wname[wid] = nm
                self.workers[tid].append(wid)
                self.add("ssd_professionals.csv", prof_professional_id=wid, prof_staff_id="S%05d" % (20000 + 37 * n),
                         prof_professional_name=nm, prof_professional_job_title=title, prof_professional_department=name)

    # ---- people
    def person(self, dob, expected=None, sex=None, eth=None, nationality="British", probe=False, sex_blank=False):
        pid = self.nid("", 100001, 6)
        if sex is None:
            sex = self.rng.choices(["M", "F", "U", "I"], [48, 48, 3, 1])[0]
        if eth is None:
            eth = self.rng.choices(ETHNICITY, ETH_WEIGHTS)[0] if self.rng.random() > 0.05 else ""
        sexv = "" if sex_blank else self.mess(sex, {"M": "Male", "F": "Female"})
        row = self.add("ssd_person.csv", pers_person_id=pid, pers_forename=self.rng.choice({"M": BOYS, "F": GIRLS}.get(sex, NEUTRAL)),
                       pers_surname=self.rng.choice(SURNAMES), pers_sex=sexv,
                       pers_ethnicity=self.mess(eth, ETH_LABELS) if eth else "",
                       pers_dob=dob or "", pers_expected_dob=expected or "",
                       pers_upn_unknown=("UN1" if dob is None and expected is not None else ""),
                       pers_nationality=nationality)
        if dob is None and expected is not None:
            row["pers_forename"] = "Baby"
        self.persons[pid] = row
        if probe:
            self.probe_people.append(pid)
        row["_dob"] = dob
        return pid

    def dob_for_age(self, age):
        return self.R - timedelta(days=365 * age + self.ri(0, 360))

    # ---- front door
    def contact(self, p, d, outcome=None, src=None):
        src = src or self.rng.choices(SRC_CODES, SRC_WEIGHTS)[0]
        outcome = outcome or self.rng.choice([["NFA"], ["Signpost", "Advice given"], ["Early help"], ["NFA", "Signpost"]])
        return self.add("ssd_contacts.csv", cont_contact_id=self.nid("CON"), cont_person_id=p, cont_contact_date=d,
                        cont_contact_source_code=self.mess(src), cont_contact_source_desc=SOURCES[src],
                        cont_contact_outcome_json=self.jlist(outcome))

    def early_help(self, p, s, e, reason=None):
        team = self.rng.choice(["T102", "T103"])
        org = {"T102": "Safeguardshire Family Hub, North", "T103": "Safeguardshire Family Hub, South"}[team]
        return self.add("ssd_early_help_episodes.csv", earl_episode_id=self.nid("EH"), earl_person_id=p,
                        earl_episode_start_date=s, earl_episode_end_date=e or "",
                        earl_episode_reason=reason or self.rng.choice(["Parenting support", "School attendance, behaviour", "Domestic abuse, family support", "Housing \"crisis\" support"]),
                        earl_episode_end_reason=(self.rng.choice(["Outcomes achieved", "Stepped up to social care", "Family disengaged"]) if e else ""),
                        earl_episode_organisation=org, earl_episode_worker_id=self.worker(team))

    def referral(self, p, d, nfa="N", need=None, contact=True):
        need = need or self.rng.choices(NEEDS, NEED_W)[0]
        if contact:
            self.contact(p, d - timedelta(days=self.ri(0, 3)), ["Referral to children's social care"])
        src = self.rng.choices(SRC_CODES, SRC_WEIGHTS)[0]
        return self.add("ssd_cin_episodes.csv", cine_referral_id=self.nid("REF"), cine_person_id=p, cine_referral_date=d,
                        cine_cin_primary_need_code=self.mess(need, {"N1": "Abuse or neglect"}),
                        cine_referral_source_code=self.mess(src), cine_referral_source_desc=SOURCES[src],
                        cine_referral_outcome_json=self.jlist(["NFA"] if nfa == "Y" else ["Assessment", "Strategy discussion"][: self.ri(1, 2)]),
                        cine_referral_nfa=self.yn(nfa), cine_referral_team="T101", cine_referral_worker_id=self.worker("T101"))

    def close(self, ref, d, rc):
        if d is not None and d <= self.R:
            ref["cine_close_date"] = d
            ref["cine_close_reason"] = self.mess(rc)
            return d
        return None

    def allocate(self, p, ref, segs):
        """segs: list of (start, end or None, team, worker, reason)"""
        for s, e, team, w, reason in segs:
            self.add("ssd_involvements.csv", invo_involvements_id=self.nid("INV"), invo_professional_id=w,
                     invo_professional_role_id="ALLOCATED CASE WORKER", invo_professional_team=team,
                     invo_involvement_start_date=s, invo_involvement_end_date=e or "", invo_worker_change_reason=reason,
                     invo_person_id=p, invo_referral_id=ref["cine_referral_id"])

    def assessment(self, p, ref, a, auth, nfa, team, w, seen=None):
        if seen is None:
            seen = self.rng.choices(["Y", "N", ""], [85, 8, 7])[0]
        auth_ok = auth is not None and auth <= self.R
        return self.add("ssd_cin_assessments.csv", cina_assessment_id=self.nid("ASM"), cina_person_id=p,
                        cina_referral_id=ref["cine_referral_id"], cina_assessment_start_date=a, cina_assessment_child_seen=seen,
                        cina_assessment_auth_date=auth if auth_ok else "",
                        cina_assessment_outcome_json=(self.jlist(["NFA"] if nfa == "Y" else ["CIN plan", "Strategy discussion"][: self.ri(1, 2)]) if auth_ok else ""),
                        cina_assessment_outcome_nfa=self.yn(nfa) if auth_ok else "", cina_assessment_team=team,
                        cina_assessment_worker_id=w)

    def s47(self, p, ref, s, e, nfa, team, w):
        e_ok = e is not None and e <= self.R
        return self.add("ssd_s47_enquiry.csv", s47e_s47_enquiry_id=self.nid("S47"), s47e_referral_id=ref["cine_referral_id"],
                        s47e_person_id=p, s47e_s47_start_date=s, s47e_s47_end_date=e if e_ok else "",
                        s47e_s47_nfa=(nfa if e_ok else ""),
                        s47e_s47_outcome_json=(self.jlist(["NFA"] if nfa == "Y" else ["ICPC", "Continue CIN"][: self.ri(1, 2)]) if e_ok else ""),
                        s47e_s47_completed_by_team=team, s47e_s47_completed_by_worker_id=w)

    def visits(self, f, p, s, e, gap, extra):
        idc = {"ssd_cin_visits.csv": ("cinv_cin_visit_id", "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen", "cinv_cin_visit_seen_alone", "CINV"),
               "ssd_cp_visits.csv": ("cppv_cp_visit_id", "cppv_person_id", "cppv_cp_visit_date", "cppv_cp_visit_seen", "cppv_cp_visit_seen_alone", "CPV"),
               "ssd_cla_visits.csv": ("clav_cla_visit_id", "clav_person_id", "clav_cla_visit_date", "clav_cla_visit_seen", "clav_cla_visit_seen_alone", "CLAV")}[f]
        end = min(e or self.R, self.R)
        d = max(s, self.H) + timedelta(days=self.ri(3, gap))
        while d <= end:
            seen = "Y" if self.rng.random() < 0.93 else "N"
            alone = "" if seen == "N" else self.rng.choices(["Y", "N", ""], [60, 30, 10])[0]
            kw = {idc[0]: self.nid(idc[5]), idc[1]: p, idc[2]: d, idc[3]: seen, idc[4]: alone}
            kw.update(extra)
            self.add(f, **kw)
            d += timedelta(days=self.ri(gap - 5, gap + 5))

    def cin_plan(self, p, ref, s, e, team, w):
        e_ok = e if (e and e <= self.R) else None
        row = self.add("ssd_cin_plans.csv", cinp_cin_plan_id=self.nid("CINP"), cinp_referral_id=ref["cine_referral_id"],
                       cinp_person_id=p, cinp_cin_plan_start_date=s, cinp_cin_plan_end_date=e_ok or "",
                       cinp_cin_plan_team=team, cinp_cin_plan_worker_id=w)
        self.visits("ssd_cin_visits.csv", p, s, e_ok, 30, {})
        return row

    def cp_plan(self, p, ref, icpc, s, e, cat=None, latest=None):
        e_ok = e if (e and e <= self.R) else None
        cat = cat or self.rng.choices(CPCAT, [45, 12, 5, 30, 8])[0]
        latest = latest or (cat if self.rng.random() < 0.8 else self.rng.choice(CPCAT))
        pid_ = self.nid("CPP")
        row = self.add("ssd_cp_plans.csv", cppl_cp_plan_id=pid_, cppl_referral_id=ref["cine_referral_id"],
                       cppl_icpc_id=icpc["icpc_icpc_id"] if icpc else "", cppl_person_id=p, cppl_cp_plan_start_date=s,
                       cppl_cp_plan_end_date=e_ok or "", cppl_cp_plan_initial_category=self.mess(cat),
                       cppl_cp_plan_ola="N", cppl_cp_plan_latest_category=self.mess(latest))
        if icpc:
            icpc["icpc_cp_plan_id"] = pid_
        d = add_months(s, 3)
        while d <= min(e_ok or self.R, self.R):
            self.add("ssd_cp_reviews.csv", cppr_cp_review_id=self.nid("CPR"), cppr_person_id=p, cppr_cp_plan_id=pid_, cppr_cp_review_date=d)
            d = add_months(d, 6)
        self.visits("ssd_cp_visits.csv", p, s, e_ok, 12, {"cppv_cp_plan_id": pid_})
        return row

    # ---- whole stories of need (not in care)
    def need_story(self, p, r, depth, need=None):
        """depth: nfa | assess | s47 | cin | cp.  Returns the referral row."""
        R = self.R
        ref = self.referral(p, r, "Y" if depth == "nfa" else "N", need)
        if depth == "nfa":
            self.close(ref, self.days(r, 0, 2), self.rng.choice(["RC7", "RC8", "RC9"]))
            return ref
        ateam = self.rng.choice(["T104", "T105", "T106"])
        aw = self.worker(ateam)
        a = self.days(r, 0, 4)
        if a > R:
            return ref
        auth = self.days(a, 12, 40)
        outcome_nfa = "Y" if depth in ("assess", "s47") else "N"
        self.assessment(p, ref, a, auth, outcome_nfa, ateam, aw)
        segs_end = None
        last = auth
        if depth in ("s47", "cp"):
            ss = self.days(r, 0, 3)
            if ss <= R:
                if depth == "s47":
                    se = self.days(ss, 5, 15)
                    self.s47(p, ref, ss, se, "Y", ateam, aw)
                    last = max(last, se)
                else:
                    icd = self.days(ss, 8, 15)
                    se = icd - timedelta(days=self.ri(0, 3))
                    s47row = self.s47(p, ref, ss, se, "N", ateam, aw)
                    if self.rng.random() < 0.15:  # police protection before the enquiry
                        ls = ss - timedelta(days=self.ri(0, 2))
                        self.add("ssd_legal_status.csv", lega_legal_status_id=self.nid("LEG"), lega_person_id=p,
                                 lega_legal_status=self.mess(self.rng.choice(["L1", "L2"])), lega_legal_status_start_date=ls,
                                 lega_legal_status_end_date=self.days(ls, 1, 3))
                    if icd <= R:
                        flag = "N" if self.rng.random() < 0.12 else "Y"
                        ic = self.add("ssd_initial_cp_conference.csv", icpc_icpc_id=self.nid("ICPC"),
                                      icpc_s47_enquiry_id=s47row["s47e_s47_enquiry_id"], icpc_person_id=p,
                                      icpc_referral_id=ref["cine_referral_id"], icpc_icpc_date=icd, icpc_icpc_outcome_cp_flag=flag,
                                      icpc_icpc_team="T109", icpc_icpc_worker_id=self.worker("T109"))
                        pe = self.days(icd, 90, 480)
                        pw = self.worker("T109")
                        if flag == "Y":
                            self.cp_plan(p, ref, ic, icd, pe)
                        else:
                            self.cin_plan(p, ref, icd, pe, "T109", pw)
                        segs = [(r, icd, ateam, aw, ""), (icd, None, "T109", pw, "Transfer to long-term team")]
                        last = pe
                        if pe <= R and self.rng.random() < 0.5:
                            ce = self.days(pe, 60, 200)
                            self.cin_plan(p, ref, pe, ce, "T109", pw)
                            last = ce
                        end = self.close(ref, last, "RC7")
                        segs[-1] = segs[-1][:1] + (end,) + segs[-1][2:]
                        self.allocate(p, ref, segs)
                        return ref
        if depth == "cin" and auth <= R:
            cteam = self.rng.choice(["T107", "T108", "T108", "T112"])
            cw = self.worker(cteam)
            cs = self.days(auth, 0, 10)
            ce = self.days(cs, 90, 400)
            if cs <= R:
                self.cin_plan(p, ref, cs, ce, cteam, cw)
                end = self.close(ref, ce, "RC7")
                self.allocate(p, ref, [(r, cs, ateam, aw, ""), (cs, end, cteam, cw, "Transfer to long-term team")])
                return ref
        if depth in ("cp", "cin"):  # the next step is still to come: open
            end = None
        else:
            end = self.close(ref, self.days(last, 0, 5), self.rng.choice(["RC8", "RC8", "RC9"])) if last <= R else None
        self.allocate(p, ref, [(r, end, ateam, aw, "")])
        return ref

    # ---- periods of care
    def cla_period(self, p, ref, s, ceased, reason, need, legal, placements, plans, missing=False, iro_last=None):
        """legal: [(code, start)], placements: [(start, type)], plans: [(start, label)]"""
        R = self.R
        c = ceased if (ceased and ceased <= R) else None
        top = c or R
        cla_id = self.nid("CLA")
        row = self.add("ssd_cla_episodes.csv", clae_cla_episode_id=self.nid("CLAE"), clae_person_id=p,
                       clae_cla_episode_start_date=s, clae_cla_episode_start_reason="S",
                       clae_cla_primary_need_code=self.mess(need, {"N1": "Abuse or neglect"}),
                       clae_cla_episode_ceased_date=c or "", clae_cla_episode_ceased_reason=(reason if c else ""),
                       clae_cla_id=cla_id, clae_referral_id=ref["cine_referral_id"], clae_entered_care_date=s)
        row["_legal"], row["_place"] = [], []
        legal = [x for x in legal if x[1] <= top]
        for i, (code, ls) in enumerate(legal):
            le = legal[i + 1][1] if i + 1 < len(legal) else c
            row["_legal"].append(self.add("ssd_legal_status.csv", lega_legal_status_id=self.nid("LEG"), lega_person_id=p,
                                          lega_legal_status=self.mess(code), lega_legal_status_start_date=ls,
                                          lega_legal_status_end_date=le or ""))
        placements = [x for x in placements if x[0] <= top]
        for i, (ps, typ) in enumerate(placements):
            pe = placements[i + 1][0] if i + 1 < len(placements) else c
            prov = {"U1": "PR1", "U2": "PR1", "U3": "PR1", "U4": "PR4", "U5": "PR4", "U6": "PR4", "K2": "PR4",
                    "R1": "PR4", "H5": "PR5", "P1": "PR0", "R3": "PR2", "T4": "PR3", "Z1": "PR3"}.get(typ, "PR2")
            urn = "SC%06d" % self.ri(100000, 999999) if typ in ("K2", "R1", "R5", "H5") else ""
            pc = "%s%d %d%s" % (self.rng.choice(["SF", "SF", "SF", "ZX"]), self.ri(1, 19), self.ri(1, 9),
                                "".join(self.rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))
            row["_place"].append(self.add("ssd_cla_placement.csv", clap_cla_placement_id=self.nid("PLA"), clap_person_id=p,
                                          clap_cla_id=cla_id, clap_cla_placement_start_date=ps,
                                          clap_cla_placement_end_date=pe or "", clap_cla_placement_type=self.mess(typ),
                                          clap_cla_placement_provider=prov, clap_cla_placement_postcode=pc,
                                          clap_cla_placement_urn=urn,
                                          clap_cla_placement_change_reason=(self.rng.choice(["CARPL", "CHIRQ", "LAREQ", "PLACE", "STAND"]) if pe and pe != c else "")))
        # reviews
        due = s + timedelta(days=20)
        k = 0
        last_review = None
        while due <= top:
            if due >= self.H:
                rd = min(max(s, due + timedelta(days=self.ri(-4, 2))), top)
                if self.rng.random() < 0.06:
                    self.add("ssd_cla_reviews.csv", clar_cla_review_id=self.nid("CLAR"), clar_cla_id=cla_id,
                             clar_cla_review_due_date=due, clar_cla_review_date=rd, clar_cla_review_cancelled="Y")
                    rd = min(rd + timedelta(days=self.ri(3, 10)), top)
                self.add("ssd_cla_reviews.csv", clar_cla_review_id=self.nid("CLAR"), clar_cla_id=cla_id,
                         clar_cla_review_due_date=due, clar_cla_review_date=rd, clar_cla_review_cancelled="N")
                last_review = rd
            k += 1
            due = add_months(s + timedelta(days=20), 3) if k == 1 else add_months(due, 6)
        row["clae_cla_last_iro_contact_date"] = iro_last or last_review or ""
        self.visits("ssd_cla_visits.csv", p, s, c, 40, {"clav_cla_id": cla_id})
        for typ, off in (("HEALTH ASSESSMENT", 20), ("DENTAL CHECK", 60)):
            d = self.days(s, off, off + 10)
            while d <= top:
                if d >= self.H:
                    self.add("ssd_cla_health.csv", clah_health_check_id=self.nid("HC"), clah_person_id=p,
                             clah_health_check_type=("Health Assessment" if typ[0] == "H" and self.rng.random() < 0.1 else typ),
                             clah_health_check_date=d, clah_health_check_status="Completed")
                d = add_months(d, 12 if self.ri(0, 3) else 11)
        plans = [x for x in plans if x[0] <= top]
        for i, (ps, label) in enumerate(plans):
            pe = plans[i + 1][0] if i + 1 < len(plans) else c
            js = json.dumps({"PERMANENCE_PLAN": label}, indent=(2 if self.rng.random() < 0.5 else None))
            self.add("ssd_cla_care_plan.csv", lacp_table_id=self.nid("LACP"), lacp_person_id=p,
                     lacp_cla_care_plan_start_date=ps, lacp_cla_care_plan_end_date=pe or "", lacp_cla_care_plan_json=js)
        if missing:
            lo = max(s, self.H)
            span = (top - lo).days
            if span > 20:
                starts = sorted(lo + timedelta(days=self.ri(0, span - 1)) for _ in range(self.ri(1, 4)))
                for ms in starts:
                    self.missing(p, ms, self.rng.choice(["Missing", "Missing", "Absent"]))
        iro = self.worker("T115")
        if s <= R:
            self.add("ssd_involvements.csv", invo_involvements_id=self.nid("INV"), invo_professional_id=iro,
                     invo_professional_role_id="IRO", invo_professional_team="T115", invo_involvement_start_date=s,
                     invo_involvement_end_date=c or "", invo_worker_change_reason="", invo_person_id=p,
                     invo_referral_id=ref["cine_referral_id"])
        return row

    def missing(self, p, ms, typ, end_days=None):
        me = ms + timedelta(days=self.ri(0, 3) if end_days is None else end_days)
        me = me if me <= self.R else ""
        if typ == "Missing":
            off = "Y" if self.rng.random() < 0.85 else "N"
            acc = self.rng.choice(["Y", "Y", "N"]) if off == "Y" else ""
        else:
            off, acc = "", ""
        shown = typ
        if self.rng.random() < 0.1:
            shown = {"Missing": "MISSING", "Absent": "absent "}[typ]
        return self.add("ssd_missing.csv", miss_table_id=self.nid("MIS"), miss_person_id=p, miss_missing_episode_start_date=ms,
                        miss_missing_episode_type=shown, miss_missing_episode_end_date=me, miss_missing_rhi_offered=off,
                        miss_missing_rhi_accepted=acc)

    def legal_plan(self, kind, s, c):
        top = c or self.R
        if kind == "v2":
            return [("V2", s)]
        if kind == "epo":
            return [("L2", s), ("C1", self.days(s, 5, 8)), ("C2", self.days(s, 120, 260))]
        if kind == "remand":
            return [("J2", s)]
        return [("C1", s), ("C2", self.days(s, 90, 240))]

    def place_plan(self, s, c, age_at_start, n=None):
        top = min(c or self.R, self.R)
        n = n or self.rng.choices([1, 2, 3], [45, 35, 20])[0]
        span = max((top - s).days, 1)
        pts = sorted(set(self.ri(1, span) for _ in range(n - 1))) if span > 2 else []
        starts = [s] + [s + timedelta(days=x) for x in pts if s + timedelta(days=x) < top]
        out = []
        for st in starts:
            if age_at_start >= 16:
                typ = self.rng.choice(["H5", "U3", "K2"])
            elif age_at_start >= 11:
                typ = self.rng.choice(["U3", "U6", "K2", "R1", "U1", "P1"])
            else:
                typ = self.rng.choice(["U1", "U3", "U4", "U6", "U2", "U5"])
            out.append((st, typ))
        return out

    def cla_story(self, p, dob, s, ceased=None, reason=None, kind=None, need=None, plan_label=None, missing=None,
                  placements=None, legal=None, close_rc="RC7", s47=None):
        """Referral -> assessment (-> S47) -> period of care starting s."""
        R = self.R
        r = s - timedelta(days=self.ri(2, 40))
        need = need or self.rng.choices(["N1", "N2", "N4", "N5", "N6", "N8"], [60, 5, 10, 12, 5, 8])[0]
        ref = self.referral(p, r, "N", need)
        ateam = self.rng.choice(["T104", "T105", "T106"])
        aw = self.worker(ateam)
        a = self.days(r, 0, 2)
        self.assessment(p, ref, a, min(self.days(a, 10, 35), s + timedelta(days=20)), "N", ateam, aw)
        if s47 if s47 is not None else self.rng.random() < 0.4:
            ss = self.days(r, 0, 1)
            self.s47(p, ref, ss, min(self.days(ss, 3, 10), s + timedelta(days=10)), "N", ateam, aw)
        c = ceased if (ceased and ceased <= R) else None
        age = (s - dob).days // 365 if dob else 0
        kind = kind or self.rng.choices(["care", "epo", "v2"], [60, 15, 25])[0]
        legal = legal or self.legal_plan(kind, s, c)
        placements = placements or self.place_plan(s, c, age)
        if self.clean and legal[-1][0] == "V2" and any(typ == "P1" for _, typ in placements):
            # DfE rule 378: a child placed with parents is not looked after
            # under section 20; a care order instead (no draw, so the rest of
            # the council is as it would be).
            legal = legal[:-1] + [("C2", legal[-1][1])]
        plan_label = plan_label or (self.rng.choice(["Long-term fostering", "Long-term fostering", "Long-term residential", "Supported living", "Other"]) if age >= 12
                                    else self.rng.choice(["Return to family", "Long-term fostering", "SGO/CAO", "Return to family"]))
        plans = [(self.days(s, 15, 30), plan_label)]
        if missing is None:
            missing = age >= 11 and self.rng.random() < 0.5
        team = self.rng.choice(["T110", "T111"])
        w = self.worker(team)
        row = self.cla_period(p, ref, s, c, reason, need, legal, placements, plans, missing)
        end = self.close(ref, c, close_rc) if c else None
        segs = [(r, s, ateam, aw, ""), (s, end, team, w, "Transfer to children in care team")]
        if (end or R) - s > timedelta(days=400) and self.rng.random() < 0.5:
            mid = self.days(s, 150, 350)
            w2 = self.rng.choice([x for x in self.workers[team] if x != w])
            segs = [segs[0], (s, mid, team, w, "Transfer to children in care team"), (mid, end, team, w2, "Worker left the authority")]
        if s > R:  # recorded ahead of time: still with the assessment worker
            segs = [(r, None, ateam, aw, "")]
        self.allocate(p, ref, segs)
        row["_ref"] = ref
        return row


def build(g):
    R, F6, F12, H = g.R, g.F6, g.F12, g.H
    rng = g.rng
    g.make_staff()
    D = timedelta
    nat_uasc = ["Afghan", "Eritrean", "Sudanese", "Iranian"]

    def recent_date(p_recent=0.6):
        if rng.random() < p_recent:
            return g.days(F6, 0, (R - F6).days)
        return g.days(H + D(days=30), 0, (F6 - H).days - 31)

    def extra_contacts(p, dob, k):
        for _ in range(k):
            d = recent_date(0.7)
            if dob is None or d > dob:
                g.contact(p, d)

    # ---------- random population
    # contact only / early help
    for i in range(g.n(30)):
        dob = g.dob_for_age(g.ri(0, 17))
        p = g.person(dob)
        extra_contacts(p, dob, g.ri(1, 3))
        if i % 2 == 0:
            s = recent_date(0.5)
            if s > dob:
                e = g.days(s, 60, 300)
                g.early_help(p, s, e if e <= R else None)
    # unborn children with pre-birth referrals
    for i in range(g.n(4)):
        p = g.person(None, expected=g.days(R, 10, 140), sex_blank=(i % 2 == 0))
        g.need_story(p, g.days(R, -60, -10), "assess" if i % 4 < 2 else "nfa", need="N1")
    # needs stories
    plan = [("nfa", 28), ("assess", 52), ("s47", 20), ("cin", 40), ("cp", 36)]
    for depth, n in plan:
        for i in range(g.n(n)):
            age = g.ri(0, 17)
            dob = min(g.dob_for_age(age), R - D(days=g.ri(80, 120)))
            p = g.person(dob)
            if rng.random() < 0.3:  # an earlier closed episode
                r0 = g.days(H, 0, 300)
                if r0 > dob:
                    g.need_story(p, r0, rng.choice(["nfa", "assess", "cin"]))
                    latest_lo = r0 + D(days=520)
                else:
                    latest_lo = H
            else:
                latest_lo = H
            if depth == "cp":
                lo = max(latest_lo, add_months(R, -16), dob)
                r = g.days(lo, 0, max((R - lo).days - 3, 1)) if rng.random() < 0.55 else g.days(max(F6, lo), 0, max((R - max(F6, lo)).days - 3, 1))
            else:
                r = recent_date(0.62)
                if r < latest_lo:
                    r = g.days(latest_lo, 0, max((R - latest_lo).days, 1))
            if r <= dob:
                r = g.days(dob, 10, 60)
            if r > R:
                r = R - D(days=g.ri(0, 20))
            g.need_story(p, r, depth)
            extra_contacts(p, dob, g.ri(0, 2))
            if rng.random() < 0.1:
                es = r - D(days=g.ri(100, 300))
                if es > dob:
                    g.early_help(p, es, r - D(days=g.ri(0, 10)))
    # children in care
    uasc_left = g.n(4)
    for i in range(g.n(42)):
        age = g.ri(1, 17)
        dob = g.dob_for_age(age)
        uasc = age >= 14 and uasc_left > 0
        p = g.person(dob, nationality=(rng.choice(nat_uasc) if uasc else "British"), eth=("OOTH" if uasc else None))
        lo = max(dob + D(days=30), add_months(R, -40))
        s = g.days(lo, 0, (R - D(days=10) - lo).days)
        ceased = None
        reason = None
        if rng.random() < 0.35:
            ceased = g.days(s, 60, 700)
            reason = rng.choice(["E4A", "E4A", "E13", "E45", "E47", "E8", "E4B", "E3"])
            if ceased > R or ceased >= add_years(dob, 18):
                ceased, reason = None, None
        if add_years(dob, 18) <= R:
            continue
        row = g.cla_story(p, dob, s, ceased, reason, need=("N1" if not uasc else "N8"), kind=("v2" if uasc else None))
        if uasc:
            uasc_left -= 1
            g.add("ssd_immigration_status.csv", immi_immigration_status_id=g.nid("IMM"), immi_person_id=p,
                  immi_immigration_status="UASC", immi_immigration_status_start_date=s, immi_immigration_status_end_date="")
        extra_contacts(p, dob, g.ri(0, 1))
    # care leavers
    for i in range(g.n(25)):
        relevant = i % 25 < 3
        age = 17 if relevant else g.ri(18, 21)
        dob = g.dob_for_age(age)
        leave = add_years(dob, 18) if not relevant else g.days(add_years(dob, 16), 30, 300)
        if leave > R - D(days=20):
            leave = R - D(days=g.ri(20, 60))
        s = add_years(leave, -g.ri(2, 6)) - D(days=g.ri(0, 200))
        uasc = i % 25 in (5, 6)
        p = g.person(dob, nationality=(rng.choice(nat_uasc) if uasc else "British"), eth=("OOTH" if uasc else None))
        g.cla_story(p, dob, s, leave, rng.choice(["E8", "E5", "E6", "E5"]) if not relevant else "E5",
                    kind=("v2" if uasc else None), need=("N8" if uasc else None), missing=False)
        if uasc:
            g.add("ssd_immigration_status.csv", immi_immigration_status_id=g.nid("IMM"), immi_person_id=p,
                  immi_immigration_status="UASC", immi_immigration_status_start_date=s, immi_immigration_status_end_date=add_years(dob, 18))
            g.add("ssd_immigration_status.csv", immi_immigration_status_id=g.nid("IMM"), immi_person_id=p,
                  immi_immigration_status="Refugee status", immi_immigration_status_start_date=add_years(dob, 18) + D(days=1), immi_immigration_status_end_date="")
        care_leaver_rows(g, p, leave, "Relevant" if relevant else rng.choice(["Former relevant"] * 5 + ["Qualifying"]))
    # adoption
    adoption_children(g)
    probes(g)
    adopters(g)
    # disability
    for pid, prow in list(g.persons.items()):
        x = rng.random()
        if x < 0.76:
            g.add("ssd_disability.csv", disa_table_id=g.nid("DIS"), disa_person_id=pid, disa_disability_code="NONE")
        elif x < 0.88:
            for code in rng.sample(DISAB[:-1], g.ri(1, 2)):
                g.add("ssd_disability.csv", disa_table_id=g.nid("DIS"), disa_person_id=pid, disa_disability_code=code)
    audits(g)


def care_leaver_rows(g, p, leave, elig, n=None, same_date_probe=False):
    R = g.R
    rng = g.rng
    d = max(leave + timedelta(days=g.ri(10, 40)), add_months(R, -24))
    dates = []
    while d <= R:
        dates.append(d)
        d = d + timedelta(days=g.ri(40, 95))
    if not dates:
        dates = [R - timedelta(days=g.ri(1, 30))]
    dates = dates[-(n or g.ri(3, 6)):]
    pa = g.worker("T113")
    rows = []
    for d in dates:
        it = rng.choices(["YES", "NO", "REFU", "NREQ", "RHOM"], [82, 8, 4, 3, 3])[0]
        rows.append(g.add("ssd_care_leavers.csv", clea_table_id=g.nid("CL"), clea_person_id=p, clea_care_leaver_eligibility=elig,
                          clea_care_leaver_in_touch=it, clea_care_leaver_latest_contact=d,
                          clea_care_leaver_accommodation=(rng.choice(list("BCDEGHKRSTUVWXYZ")) if it == "YES" else ""),
                          clea_care_leaver_accom_suitable=(rng.choice(["1", "1", "1", "2"]) if it == "YES" else ""),
                          clea_care_leaver_activity=(rng.choice("F1 P1 F2 P2 F3 P3 F4 P4 F5 P5 G4 G5 G6".split()) if it == "YES" else ""),
                          clea_pathway_plan_review_date=max(leave, d - timedelta(days=g.ri(0, 120))),
                          clea_care_leaver_personal_advisor=g.wname[pa], clea_care_leaver_allocated_team="T113",
                          clea_care_leaver_worker_id=pa))
    return rows


def adoption_child(g, dob, s, adm, po, matched, placed, order, reversed_=None, rd_reason=None, interagency=False,
                   family=True, order_type="Adoption", probe=False, ffa=None):
    R = g.R
    D = timedelta

    def ok(d):
        return d if (d and d <= R) else None
    p = g.person(dob, probe=probe)
    adm, po, matched, placed = ok(adm), ok(po), ok(matched), ok(placed)
    order, reversed_ = ok(order), ok(reversed_)
    if reversed_:
        po = po if po and po < reversed_ else None
        matched = placed = order = None
    ceased = order if order_type == "Adoption" else None
    reason = g.rng.choice(["E11", "E12"]) if ceased else None
    if reversed_ and order:
        ceased, reason = order, "E45"
    legal = [("C1", s), ("C2", s + D(days=g.ri(60, 80)))]
    if po:
        legal.append(("E1", po))
    plc = [(s, g.rng.choice(["U1", "U3", "U4"]))]
    if placed:
        plc.append((placed, "U4" if interagency else "U5"))
    plans = [(s + D(days=20), "Return to family")]
    if adm:
        plans.append((adm, "Adoption"))
    if reversed_:
        plans.append((reversed_, g.rng.choice(["SGO/CAO", "Long-term fostering"])))
    n_plans = len(g.t["ssd_cla_care_plan.csv"])
    row = g.cla_story(p, dob, s, ceased, reason, legal=legal, placements=plc, plan_label="Return to family", need="N1",
                      close_rc="RC1", missing=False)
    # replace care plans by the adoption sequence (p is new: its plans are
    # among those cla_story just appended, so only they are searched)
    plans_now = g.t["ssd_cla_care_plan.csv"]
    plans_now[n_plans:] = [r_ for r_ in plans_now[n_plans:] if r_["lacp_person_id"] != p]
    for i, (ps, label) in enumerate(plans):
        pe = plans[i + 1][0] if i + 1 < len(plans) else ceased
        g.add("ssd_cla_care_plan.csv", lacp_table_id=g.nid("LACP"), lacp_person_id=p, lacp_cla_care_plan_start_date=ps,
              lacp_cla_care_plan_end_date=pe or "", lacp_cla_care_plan_json=json.dumps({"PERMANENCE_PLAN": label}, indent=(2 if g.rng.random() < 0.5 else None)))
    prow = g.add("ssd_permanence.csv", perm_table_id=g.nid("PERM"), perm_person_id=p, perm_cla_id=row["clae_cla_id"],
                 perm_adm_decision_date=adm or "", perm_placement_order_date=po or "", perm_matched_date=matched or "",
                 perm_placed_for_adoption_date=placed or "", perm_placed_ffa_cp_date=ffa or "",
                 perm_decision_reversed_date=reversed_ or "", perm_decision_reversed_reason=(rd_reason if reversed_ else ""),
                 perm_permanence_order_date=order or "", perm_permanence_order_type=(order_type if order else ""),
                 perm_placement_provider_urn=("SC%06d" % g.ri(100000, 999999) if interagency else ""))
    if matched and family and not interagency:
        fid = "AF%03d" % (len(g.families) + 1)
        g.families.append((fid, p, {"matched": matched, "placed": placed, "order": order}))
        g.add("ssd_family.csv", fami_table_id=g.nid("FAM"), fami_family_id=fid, fami_person_id=p)
    return p, prow, row


def adoption_children(g):
    R = g.R
    D = timedelta
    specs = [  # months before R that care started, variant
        (26, "adopted"), (24, "adopted"), (22, "adopted"), (30, "adopted_old"), (20, "placed"), (18, "matched"),
        (15, "po"), (10, "adm"), (21, "reversed"), (19, "interagency"), (23, "interagency_adopted"),
        (17, "placed_ffa"), (14, "matched"),
    ]
    for k in range(g.n(len(specs))):
        months, variant = specs[k % len(specs)]
        ffa = None
        s = add_months(R, -months) + D(days=g.ri(0, 20))
        dob = s - D(days=g.ri(20, 900))
        adm = g.days(s, 80, 120)
        po = g.days(adm, 50, 90)
        matched = g.days(po, 40, 100)
        placed = g.days(matched, 14, 35)
        order = g.days(placed, 150, 220)
        if variant == "adopted_old":
            s = add_months(R, -36)
            adm, po = s + D(days=90), s + D(days=160)
            matched, placed, order = s + D(days=230), s + D(days=250), s + D(days=430)
            dob = s - D(days=200)
        if variant == "placed_ffa":
            ffa = adm + D(days=14)
        if variant in ("placed", "placed_ffa", "matched", "po", "adm", "interagency"):
            order = None
        if variant in ("matched", "po", "adm"):
            placed = None
        if variant in ("po", "adm"):
            matched = None
        if variant == "adm":
            po = None
        for d in (adm, po, matched, placed, order):
            assert d is None or d <= R, (variant, d)
        rev = rdr = None
        if variant == "reversed":
            rev, rdr = g.days(po, 20, 60), "RD1"
        adoption_child(g, dob, s, adm, po, matched, placed, order, rev, rdr, interagency=variant.startswith("interagency"), ffa=ffa)


def probes(g):
    R, F6, F12 = g.R, g.F6, g.F12
    D = timedelta
    d1 = D(days=1)
    dob9 = lambda: g.dob_for_age(9)
    F = "ssd_contacts.csv"

    def contact_child(d, text, lst="1"):
        p = g.person(dob9(), probe=True)
        g.probe(g.contact(p, d), lst, text, [("cont_contact_date", d)])
        return p

    contact_child(F6 - d1, "contact on F6-1: outside the window")
    contact_child(F6, "contact on F6: inside the window")
    contact_child(R, "contact on R: inside the window")
    contact_child(R + d1, "contact on R+1: outside the window")

    # people
    def person_probe(text, checks, dob, expected=None, **kw):
        p = g.person(dob, expected=expected, probe=True, **kw)
        g.probe(g.persons[p], "1", text, checks)
        g.contact(p, g.days(F6, 20, 150))
        return p
    person_probe("born 29/02/2012: age 14 at R (birthday reached 01/03 in common years)", [("pers_dob", date(2012, 2, 29))], date(2012, 2, 29))
    person_probe("born 29/02/2016: age 10 at R", [("pers_dob", date(2016, 2, 29))], date(2016, 2, 29))
    person_probe("birthday exactly on R: born 23/11/2016, age 10", [("pers_dob", date(2016, 11, 23))], date(2016, 11, 23))
    person_probe("born 24/11/2016: birthday on R+1, age 9", [("pers_dob", date(2016, 11, 24))], date(2016, 11, 24))
    person_probe("unborn: blank dob, expected dob after R: age -1", [("pers_dob", ""), ("pers_expected_dob", date(2027, 2, 14))], None, expected=date(2027, 2, 14), sex_blank=True)
    person_probe("unborn record never updated: expected dob before R: age 0", [("pers_dob", ""), ("pers_expected_dob", date(2026, 10, 1))], None, expected=date(2026, 10, 1))
    person_probe("no date of birth at all: age blank", [("pers_dob", ""), ("pers_expected_dob", "")], None)
    person_probe("no date of birth at all (second): age blank", [("pers_dob", ""), ("pers_expected_dob", "")], None)

    # early help
    for s, e, text in ((F6 - D(days=200), F6 - d1, "early help ended F6-1: outside"), (F6 - D(days=150), F6, "early help ended F6: inside"),
                       (R, None, "early help started R: inside"), (R + d1, None, "early help starts R+1: outside")):
        p = g.person(dob9(), probe=True)
        chk = [("earl_episode_end_date", e)] if e else [("earl_episode_start_date", s)]
        g.probe(g.early_help(p, s, e), "2", text, chk)

    # referrals
    for d, text in ((F6 - d1, "referral on F6-1: outside"), (F6, "referral on F6: inside")):
        p = g.person(dob9(), probe=True)
        ref = g.referral(p, d, "Y", contact=False)
        g.close(ref, d, "RC7")
        g.probe(ref, "3", text, [("cine_referral_date", d)])
    p = g.person(dob9(), probe=True)
    g.probe(g.referral(p, R, "N", contact=False), "3", "referral on R: inside", [("cine_referral_date", R)])
    p = g.person(dob9(), probe=True)
    g.contact(p, R, ["Referral to children's social care"])
    g.probe(g.referral(p, R + d1, "N", contact=False), "3", "referral on R+1: outside", [("cine_referral_date", R + d1)])
    L = date(2026, 9, 10)
    for d0, text in ((add_months(L, -12), "referral exactly L-12m (L=10/09/2026): counted in the 12-month count"),
                     (add_months(L, -12) - d1, "referral L-12m-1 (L=10/09/2026): not counted in the 12-month count")):
        p = g.person(dob9(), probe=True)
        r0 = g.referral(p, d0, "Y", contact=False)
        g.close(r0, d0, "RC8")
        g.probe(r0, "3", text, [("cine_referral_date", d0)])
        r1 = g.referral(p, L, "Y", contact=False)
        g.close(r1, L, "RC8")

    # assessments
    def asm_child(r, a, auth, text, chk):
        p = g.person(dob9(), probe=True)
        ref = g.referral(p, r, "N", contact=False)
        tm = "T104"
        w = g.workers[tm][0]
        row = g.assessment(p, ref, a, auth, "Y", tm, w, seen="Y")
        g.probe(row, "4", text, chk)
        if auth and auth <= R:
            g.close(ref, auth, "RC8")
        g.allocate(p, ref, [(r, ref["cine_close_date"] or None, tm, w, "")])
        return p, ref
    asm_child(F6 - D(days=40), F6 - D(days=35), F6 - d1, "assessment authorised F6-1: outside", [("cina_assessment_auth_date", F6 - d1)])
    asm_child(F6 - D(days=40), F6 - D(days=35), F6, "assessment authorised F6: inside", [("cina_assessment_auth_date", F6)])
    asm_child(R - D(days=2), R, None, "assessment started R, not authorised: inside", [("cina_assessment_start_date", R), ("cina_assessment_auth_date", "")])
    asm_child(R, R + d1, None, "assessment starts R+1: outside", [("cina_assessment_start_date", R + d1)])

    # S47
    def s47_child(ss, se, text, chk):
        p = g.person(dob9(), probe=True)
        ref = g.referral(p, ss - D(days=1), "N", contact=False)
        tm = "T105"
        w = g.workers[tm][0]
        g.assessment(p, ref, ss - D(days=1), se, "Y", tm, w, seen="Y")
        row = g.s47(p, ref, ss, se, "Y", tm, w)
        g.probe(row, "5", text, chk)
        if se and se <= R:
            g.close(ref, se, "RC8")
        g.allocate(p, ref, [(ss - D(days=1), ref["cine_close_date"] or None, tm, w, "")])
    s47_child(F6 - D(days=12), F6 - d1, "S47 ended F6-1: outside", [("s47e_s47_end_date", F6 - d1)])
    s47_child(F6 - D(days=12), F6, "S47 ended F6: inside", [("s47e_s47_end_date", F6)])
    s47_child(R, None, "S47 started R (strategy discussion on R): inside", [("s47e_s47_start_date", R), ("s47e_s47_end_date", "")])
    s47_child(R + d1, None, "S47 starts R+1: outside", [("s47e_s47_start_date", R + d1)])

    # ICPC exactly L-12m (and a day earlier)
    for icd, L5, text in ((date(2025, 8, 4), date(2026, 8, 4), "ICPC exactly L-12m (L = latest S47 start 04/08/2026): counted"),
                          (date(2025, 8, 3), date(2026, 8, 4), "ICPC at L-12m-1 (L = latest S47 start 04/08/2026): not counted")):
        p = g.person(dob9(), probe=True)
        ss = icd - D(days=10)
        ref = g.referral(p, ss - D(days=2), "N", contact=False)
        tm, w = "T106", g.workers["T106"][1]
        g.assessment(p, ref, ss, ss + D(days=20), "N", tm, w, seen="Y")
        s47row = g.s47(p, ref, ss, icd - D(days=2), "N", tm, w)
        ic = g.add("ssd_initial_cp_conference.csv", icpc_icpc_id=g.nid("ICPC"), icpc_s47_enquiry_id=s47row["s47e_s47_enquiry_id"],
                   icpc_person_id=p, icpc_referral_id=ref["cine_referral_id"], icpc_icpc_date=icd, icpc_icpc_outcome_cp_flag="Y",
                   icpc_icpc_team="T109", icpc_icpc_worker_id=g.workers["T109"][0])
        g.probe(ic, "5", text, [("icpc_icpc_date", icd)])
        pe = icd + D(days=180)
        g.cp_plan(p, ref, ic, icd, pe, "NEG", "NEG")
        g.close(ref, pe, "RC7")
        g.allocate(p, ref, [(ss - D(days=2), icd, tm, w, ""), (icd, pe, "T109", g.workers["T109"][0], "Transfer to long-term team")])
        ref2 = g.referral(p, L5 - D(days=1), "N", contact=False)
        g.assessment(p, ref2, L5, L5 + D(days=25), "Y", tm, w, seen="Y")
        g.s47(p, ref2, L5, L5 + D(days=9), "Y", tm, w)
        g.close(ref2, L5 + D(days=26), "RC8")
        g.allocate(p, ref2, [(L5 - D(days=1), L5 + D(days=26), tm, w, "")])

    # CIN closure edges (list 6)
    for cd, text in ((F6 - d1, "episode (with CIN plan) closed F6-1: outside"), (F6, "episode (with CIN plan) closed F6: inside")):
        p = g.person(dob9(), probe=True)
        r = cd - D(days=200)
        ref = g.referral(p, r, "N", contact=False)
        g.assessment(p, ref, r + D(days=2), r + D(days=30), "N", "T104", g.workers["T104"][1], seen="Y")
        g.cin_plan(p, ref, r + D(days=31), cd, "T107", g.workers["T107"][0])
        g.close(ref, cd, "RC7")
        g.probe(ref, "6", text, [("cine_close_date", cd)])
        g.allocate(p, ref, [(r, r + D(days=31), "T104", g.workers["T104"][1], ""), (r + D(days=31), cd, "T107", g.workers["T107"][0], "Transfer to long-term team")])

    # referral date edges R / R+1 for list 6 (episodes with an assessment)
    p = g.person(dob9(), probe=True)
    ref = g.referral(p, R, "N", contact=False)
    g.assessment(p, ref, R, None, "N", "T106", g.workers["T106"][2], seen="")
    g.probe(ref, "6", "episode (referral + assessment) starting R: in List 6, open assessment", [("cine_referral_date", R)])
    g.allocate(p, ref, [(R, None, "T106", g.workers["T106"][2], "")])
    p = g.person(dob9(), probe=True)
    ref = g.referral(p, R + d1, "N", contact=False)
    g.probe(ref, "6", "episode (referral + assessment) starting R+1: not in List 6", [("cine_referral_date", R + d1)])
    asm = g.assessment(p, ref, R + d1, None, "N", "T106", g.workers["T106"][2], seen="")
    g.probe(asm, "4", "assessment starting R+1 of a referral dated R+1: not in List 4", [("cina_assessment_start_date", R + d1)])

    # CP plan end edges (list 7)
    for pe, text in ((F6 - d1, "CP plan ended F6-1: outside"), (F6, "CP plan ended F6: inside")):
        p = g.person(dob9(), probe=True)
        icd = pe - D(days=240)
        ss = icd - D(days=12)
        ref = g.referral(p, ss - D(days=1), "N", contact=False)
        g.assessment(p, ref, ss, ss + D(days=25), "N", "T105", g.workers["T105"][1], seen="Y")
        s47row = g.s47(p, ref, ss, icd - D(days=1), "N", "T105", g.workers["T105"][1])
        ic = g.add("ssd_initial_cp_conference.csv", icpc_icpc_id=g.nid("ICPC"), icpc_s47_enquiry_id=s47row["s47e_s47_enquiry_id"],
                   icpc_person_id=p, icpc_referral_id=ref["cine_referral_id"], icpc_icpc_date=icd, icpc_icpc_outcome_cp_flag="Y",
                   icpc_icpc_team="T109", icpc_icpc_worker_id=g.workers["T109"][1])
        g.probe(g.cp_plan(p, ref, ic, icd, pe, "EMO", "EMO"), "7", text, [("cppl_cp_plan_end_date", pe)])
        g.close(ref, pe, "RC7")
        g.allocate(p, ref, [(ss - D(days=1), icd, "T105", g.workers["T105"][1], ""), (icd, pe, "T109", g.workers["T109"][1], "Transfer to long-term team")])

    # periods of care (list 8)
    for c, text in ((F6 - d1, "period of care ceased F6-1: outside"), (F6, "period of care ceased F6: inside")):
        dob = g.dob_for_age(8)
        p = g.person(dob, probe=True)
        row = g.cla_story(p, dob, c - D(days=300), c, "E4A", kind="care", missing=False)
        g.probe(row, "8", text, [("clae_cla_episode_ceased_date", c)])
    dob = date(2012, 6, 14)
    p = g.person(dob, probe=True)
    s = date(2015, 3, 10)
    row = g.cla_story(p, dob, s, None, None, legal=[("C2", s)], placements=[(s, "U1")], plan_label="Long-term fostering", missing=False)
    g.probe(row["_place"][0], "8", "same placement since 10/03/2015, still open", [("clap_cla_placement_start_date", s), ("clap_cla_placement_end_date", "")])
    dob = g.dob_for_age(12)
    p = g.person(dob, probe=True)
    s = date(2026, 3, 2)
    row = g.cla_story(p, dob, s, None, None, legal=[("V3", s), ("V4", date(2026, 7, 6))], placements=[(s, "U1")],
                      plan_label="Return to family", missing=False, need="N2", s47=False)
    g.probe(row, "8", "period with only V3/V4 legal statuses (short breaks): not in List 8", [("clae_cla_episode_start_date", s)])
    dob = g.dob_for_age(11)
    p = g.person(dob, probe=True)
    s = date(2025, 10, 6)
    row = g.cla_story(p, dob, s, None, None, legal=[("V3", s), ("C2", date(2026, 4, 14))], placements=[(s, "U3")],
                      plan_label="Long-term fostering", missing=False, need="N2", s47=False)
    g.probe(row, "8", "period with V3 then C2: in List 8 (legal status C2)", [("clae_cla_episode_start_date", s)])
    dob = g.dob_for_age(13)
    p = g.person(dob, probe=True)
    s = date(2025, 2, 17)
    row = g.cla_story(p, dob, s, None, None, kind="care", placements=[(s, "U3"), (F12, "K2")], missing=False)
    g.probe(row["_place"][0], "8", "placement ending exactly F12: counted in placements in 12 months", [("clap_cla_placement_end_date", F12)])
    g.probe(row["_place"][1], "8", "placement starting exactly F12: counted in placements in 12 months", [("clap_cla_placement_start_date", F12)])
    ms = g.missing(p, F12, "Missing", 1)
    g.probe(ms, "8", "missing episode starting exactly F12: counted", [("miss_missing_episode_start_date", F12)])
    ms = g.missing(p, F12 - d1, "Missing", 0)
    g.probe(ms, "8", "missing episode starting F12-1: not counted", [("miss_missing_episode_start_date", F12 - d1)])

    dob = g.dob_for_age(6)
    p = g.person(dob, probe=True)
    row = g.cla_story(p, dob, R, None, None, kind="care", placements=[(R, "U1")], missing=False, s47=False)
    g.probe(row, "8", "period of care starting R: in List 8", [("clae_cla_episode_start_date", R)])
    dob = g.dob_for_age(7)
    p = g.person(dob, probe=True)
    row = g.cla_story(p, dob, R + d1, None, None, kind="care", placements=[(R + d1, "U1")], missing=False, s47=False)
    g.probe(row, "8", "period of care starting R+1 (recorded ahead): not in List 8", [("clae_cla_episode_start_date", R + d1)])
    p = g.person(dob9(), probe=True)
    ss = R - D(days=11)
    ref = g.referral(p, ss - D(days=1), "N", contact=False)
    g.assessment(p, ref, ss, None, "N", "T104", g.workers["T104"][2], seen="Y")
    s47row = g.s47(p, ref, ss, R - D(days=2), "N", "T104", g.workers["T104"][2])
    ic = g.add("ssd_initial_cp_conference.csv", icpc_icpc_id=g.nid("ICPC"), icpc_s47_enquiry_id=s47row["s47e_s47_enquiry_id"],
               icpc_person_id=p, icpc_referral_id=ref["cine_referral_id"], icpc_icpc_date=R, icpc_icpc_outcome_cp_flag="Y",
               icpc_icpc_team="T109", icpc_icpc_worker_id=g.workers["T109"][2])
    g.probe(g.cp_plan(p, ref, ic, R, None, "PHY", "PHY"), "7", "CP plan starting R (ICPC on R): in List 7", [("cppl_cp_plan_start_date", R), ("cppl_cp_plan_end_date", "")])
    g.allocate(p, ref, [(ss - D(days=1), R, "T104", g.workers["T104"][2], ""), (R, None, "T109", g.workers["T109"][2], "Transfer to long-term team")])

    # care leaver with two contacts on the same date
    dob = g.dob_for_age(19)
    p = g.person(dob, probe=True)
    leave = add_years(dob, 18)
    g.cla_story(p, dob, add_years(leave, -3), leave, "E8", missing=False)
    rows = care_leaver_rows(g, p, leave, "Former relevant", n=3)
    last = rows[-1]
    dup = dict(last)
    dup["clea_table_id"] = g.nid("CL")
    dup["clea_care_leaver_in_touch"] = "NO"
    dup["clea_care_leaver_accommodation"] = dup["clea_care_leaver_accom_suitable"] = dup["clea_care_leaver_activity"] = ""
    dup["_probes"] = []
    g.t["ssd_care_leavers.csv"].append(dup)
    d = last["clea_care_leaver_latest_contact"]
    g.probe(dup, "9", "second contact on the same date as the previous row: this later row is current (in touch NO)",
            [("clea_care_leaver_latest_contact", d)])
    last["clea_care_leaver_in_touch"] = "YES"
    last["clea_care_leaver_accommodation"], last["clea_care_leaver_accom_suitable"], last["clea_care_leaver_activity"] = "B", "1", "F2"

    # adoption edges (list 10)
    for order, text in ((F12, "adopted exactly F12: in List 10"), (F12 - d1, "adopted F12-1: not in List 10")):
        placed = order - D(days=180)
        matched = placed - D(days=21)
        po = matched - D(days=60)
        adm = po - D(days=70)
        s = adm - D(days=100)
        p, prow, crow = adoption_child(g, s - D(days=300), s, adm, po, matched, placed, order, probe=True)
        g.probe(prow, "10", text, [("perm_permanence_order_date", order)])
    for rev, text in ((F12, "decision reversed exactly F12: in List 10"), (F12 - d1, "decision reversed F12-1: not in List 10")):
        po = rev - D(days=40)
        adm = po - D(days=70)
        s = adm - D(days=100)
        p, prow, crow = adoption_child(g, s - D(days=400), s, adm, po, None, None, None, rev, "RD3", probe=True)
        g.probe(prow, "10", text, [("perm_decision_reversed_date", rev)])

    # audits edges
    for d, text in ((g.F6 - d1, "audit on F6-1: outside"), (g.F6, "audit on F6: inside"), (R, "audit on R: inside")):
        p = g.person(dob9(), probe=True)
        g.contact(p, d - D(days=30))
        row = g.add("case_audits.csv", AUDIT_ID=g.nid("AUD", 1, 4), PERSON_ID=p, AUDIT_DATE=d, AUDIT_TYPE="Themed audit",
                    SERVICE_AREA="Front Door", GRADE="Good", AUDITOR="Imogen Castleford", MODERATED="N")
        g.probe(row, "audit", text, [("AUDIT_DATE", d)])


def adopters(g):
    R, F12 = g.R, g.F12
    D = timedelta
    rng = g.rng

    def adopter_rows(fid, n, enq, s1s=None, s1e=None, s2s=None, s2e=None, app=None, appr=None, matched=None, placed=None,
                     nplaced="", order=None, left=None, reason="", probe=None):
        eth = rng.choices(ETHNICITY[:-2], ETH_WEIGHTS[:-2])[0]
        out = []
        for k in range(n):
            gender = ("1", "2")[k] if n == 2 and rng.random() < 0.8 else rng.choice(["1", "2", "2", "9"])
            row = g.add("adopters.csv", ADOPTER_ID=g.nid("AD", 1, 3), FAMILY_ID=fid, GENDER=gender,
                        ETHNICITY=eth if rng.random() < 0.8 else rng.choice(["WBRI", "BCRB", "AIND"]),
                        DISABILITY=rng.choice(["N"] * 9 + ["Y"]), FFA=rng.choice(["N", "N", "Y"]), ENQUIRY_DATE=enq,
                        STAGE1_START=s1s or "", STAGE1_END=s1e or "", STAGE2_START=s2s or "", STAGE2_END=s2e or "",
                        APPLICATION_DATE=app or "", APPROVAL_DATE=appr or "", MATCHED_DATE=matched or "",
                        PLACED_DATE=placed or "", CHILDREN_PLACED=nplaced, ADOPTION_ORDER_DATE=order or "",
                        LEFT_DATE=left or "", LEFT_REASON=reason)
            if probe:
                g.probe(row, "11", probe[0], probe[1])
            out.append(row)
        return out

    def chain(end):
        appr = end - D(days=g.ri(30, 150))
        s2e = appr - D(days=g.ri(10, 30))
        s2s = s2e - D(days=g.ri(100, 125))
        s1e = s2s - D(days=g.ri(0, 14))
        s1s = s1e - D(days=g.ri(50, 65))
        enq = s1s - D(days=g.ri(14, 60))
        return enq, s1s, s1e, s2s, s2e, s2s, appr

    for fid, child, dd in g.families:
        enq, s1s, s1e, s2s, s2e, app, appr = chain(dd["matched"])
        adopter_rows(fid, rng.choice([2, 2, 1]), enq, s1s, s1e, s2s, s2e, app, appr, dd["matched"], dd["placed"],
                     "1" if dd["placed"] else "", dd["order"])
    n = len(g.families)

    def fid():
        nonlocal n
        n += 1
        return "AF%03d" % n
    # approved, waiting
    for _ in range(2):
        enq, s1s, s1e, s2s, s2e, app, appr = chain(R - D(days=g.ri(10, 100)))
        adopter_rows(fid(), 2, enq, s1s, s1e, s2s, s2e, app, appr)
    # in stage 2
    enq = R - D(days=g.ri(150, 200))
    adopter_rows(fid(), 2, enq, enq + D(days=20), enq + D(days=80), enq + D(days=90), None, enq + D(days=90))
    # in stage 1
    enq = R - D(days=g.ri(40, 70))
    adopter_rows(fid(), 1, enq, enq + D(days=21))
    # enquiries only
    for _ in range(2):
        adopter_rows(fid(), 1, R - D(days=g.ri(5, 120)))
    # left the process
    enq = R - D(days=g.ri(200, 260))
    adopter_rows(fid(), 2, enq, enq + D(days=20), enq + D(days=75), None, None, None, None, left=enq + D(days=110), reason="2")
    enq = R - D(days=g.ri(60, 100))
    adopter_rows(fid(), 1, enq, enq + D(days=15), None, left=enq + D(days=40), reason="1")
    for left, text in ((F12, "adopter left exactly F12: in List 11"), (F12 - D(days=1), "adopter left F12-1: not in List 11")):
        enq = left - D(days=120)
        adopter_rows(fid(), 1, enq, enq + D(days=20), enq + D(days=80), None, None, None, None, left=left, reason="3",
                     probe=(text, [("LEFT_DATE", left)]))


def audits(g):
    R = g.R
    rng = g.rng
    pool = sorted(set(r["cine_person_id"] for r in g.t["ssd_cin_episodes.csv"] if r["cine_person_id"] not in g.probe_people))
    names = ["Imogen Castleford", "Rafe Holloway", "Demi Ashworth", "Tariq Benfield", "Joan Pellow"]
    start = add_months(R, -9)
    for _ in range(g.n(40)):
        d = g.days(start, 0, (R - start).days)
        g.add("case_audits.csv", AUDIT_ID=g.nid("AUD", 1, 4), PERSON_ID=rng.choice(pool), AUDIT_DATE=d,
              AUDIT_TYPE=rng.choice(["Themed audit", "Random sample", "Practice week", "Dip sample"]),
              SERVICE_AREA=rng.choice(["Front Door", "Assessment", "Child in Need", "Child Protection", "Children in Care", "Leaving Care"]),
              GRADE=rng.choices(["Outstanding", "Good", "Requires Improvement", "Inadequate"], [8, 50, 34, 8])[0],
              AUDITOR=rng.choice(names), MODERATED=rng.choice(["Y", "N", "N"]))
    g.t["case_audits.csv"].sort(key=lambda r: r["AUDIT_ID"])


# ---------------------------------------------------------------- defects
def inject_defects(g):
    R, F6 = g.R, g.F6
    rng = g.rng
    D = timedelta
    probe_people = set(g.probe_people)

    def in_window(v):
        return isinstance(v, date) and F6 <= v <= R

    def candidates(f, col=None, pred=None):
        pc = PERSON_COL[f]
        out = []
        for i, r in enumerate(g.t[f]):
            if r["_defect"] or r["_probes"] or r.get("_copied"):
                continue
            if pc and r[pc] in probe_people:
                continue
            if f == "ssd_person.csv" and r["pers_person_id"] in probe_people:
                continue
            if col and not in_window(r[col]):
                continue
            if pred and not pred(r):
                continue
            out.append(r)
        return out

    def pick(f, col=None, pred=None):
        c = candidates(f, col, pred)
        if not c:
            c = candidates(f, None, pred)
        r = rng.choice(c)
        return r

    orphan_n = [0]

    def orphan_id():
        orphan_n[0] += 1
        return "9%05d" % (orphan_n[0] * 37)

    def mark(r, kind, col, note):
        r["_defect"] = (kind, col, note)

    # duplicate-row: insert a byte-identical copy a few rows later
    for f, col in (("ssd_contacts.csv", "cont_contact_date"), ("ssd_cin_episodes.csv", "cine_referral_date"),
                   ("ssd_cla_placement.csv", "clap_cla_placement_start_date"), ("ssd_legal_status.csv", "lega_legal_status_start_date")):
        r = pick(f, col)
        r["_copied"] = True
        cp = dict(r)
        cp["_probes"] = []
        mark(cp, "duplicate-row", "", "exact copy of the row with id %s" % r[COLS[f][0]])
        i = g.t[f].index(r)
        g.t[f].insert(min(i + 1 + rng.randint(0, 4), len(g.t[f])), cp)
    # duplicate-key: a different row reusing an id
    for f, col, shift in (("ssd_contacts.csv", "cont_contact_date", "cont_contact_date"),
                          ("ssd_cin_assessments.csv", "cina_assessment_start_date", "cina_assessment_child_seen"),
                          ("ssd_cp_plans.csv", "cppl_cp_plan_start_date", "cppl_cp_plan_latest_category"),
                          ("ssd_missing.csv", "miss_missing_episode_start_date", "miss_missing_rhi_offered")):
        r = pick(f, col, (lambda r: r["cina_assessment_auth_date"] != "") if f == "ssd_cin_assessments.csv" else None)
        r["_copied"] = True
        cp = dict(r)
        cp["_probes"] = []
        key = COLS[f][0]
        if shift == "cont_contact_date":
            cp[shift] = r[shift] - D(days=rng.randint(1, 5))
            cp["cont_contact_outcome_json"] = json.dumps(["Signpost"])
        elif shift == "cina_assessment_child_seen":
            cp[shift] = "N" if r[shift].strip().upper() == "Y" else "Y"
            cp["cina_assessment_worker_id"] = g.workers[r["cina_assessment_team"]][-1] if g.workers[r["cina_assessment_team"]][-1] != r["cina_assessment_worker_id"] else g.workers[r["cina_assessment_team"]][0]
        elif shift == "cppl_cp_plan_latest_category":
            cur = r[shift].strip().upper()
            cp[shift] = "MUL" if cur != "MUL" else "NEG"
        else:
            cp[shift] = "N" if r[shift] == "Y" else "Y"
            cp["miss_missing_rhi_accepted"] = ""
            cp["miss_missing_episode_type"] = "Missing"
        cp["_fmt"] = (r["_fmt"] + 1) % 4
        mark(cp, "duplicate-key", key, "reuses %s %s with different content" % (key, r[key]))
        i = g.t[f].index(r)
        g.t[f].insert(min(i + 2 + rng.randint(0, 6), len(g.t[f])), cp)
    # missing-id
    for f, col in (("ssd_contacts.csv", "cont_contact_date"), ("ssd_cin_episodes.csv", "cine_referral_date"),
                   ("ssd_s47_enquiry.csv", "s47e_s47_start_date"), ("ssd_care_leavers.csv", "clea_care_leaver_latest_contact")):
        r = pick(f, col)
        r[PERSON_COL[f]] = ""
        mark(r, "missing-id", PERSON_COL[f], "person id blank")
    # orphan
    for f, col in (("ssd_contacts.csv", "cont_contact_date"), ("ssd_cin_assessments.csv", "cina_assessment_start_date"),
                   ("ssd_cla_placement.csv", "clap_cla_placement_start_date"), ("ssd_missing.csv", "miss_missing_episode_start_date")):
        r = pick(f, col)
        oid = orphan_id()
        r[PERSON_COL[f]] = oid
        mark(r, "orphan", PERSON_COL[f], "person id %s not in ssd_person" % oid)
    # date-order
    for f in ("ssd_cin_assessments.csv", "ssd_s47_enquiry.csv", "ssd_cp_plans.csv", "ssd_cla_episodes.csv", "ssd_legal_status.csv"):
        s_col, e_col = DATE_PAIRS[f]
        r = pick(f, e_col, lambda r: isinstance(r[s_col], date) and isinstance(r[e_col], date))
        r[e_col] = r[s_col] - D(days=rng.randint(1, 40))
        mark(r, "date-order", e_col, "%s before %s" % (e_col, s_col))
    # bad-date
    for f, col, bad in (("ssd_contacts.csv", "cont_contact_date", "31/02/2026"), ("ssd_cin_episodes.csv", "cine_referral_date", "29/02/2026"),
                        ("ssd_cla_placement.csv", "clap_cla_placement_start_date", "2026-13-01"),
                        ("ssd_missing.csv", "miss_missing_episode_start_date", "00/05/2026")):
        r = pick(f, col)
        r[col] = bad
        mark(r, "bad-date", col, "impossible date %s" % bad)
    # unknown-code
    for f, col, bad, wcol in (("ssd_person.csv", "pers_ethnicity", "WBRX", None),
                              ("ssd_contacts.csv", "cont_contact_source_code", "Z9", "cont_contact_date"),
                              ("ssd_cin_episodes.csv", "cine_cin_primary_need_code", "N11", "cine_referral_date"),
                              ("ssd_cp_plans.csv", "cppl_cp_plan_initial_category", "NGL", None),
                              ("ssd_cla_placement.csv", "clap_cla_placement_type", "U9", None),
                              ("ssd_legal_status.csv", "lega_legal_status", "C9", None)):
        pred = None
        if f == "ssd_person.csv":
            recent = set(r["cont_person_id"] for r in g.t["ssd_contacts.csv"] if in_window(r["cont_contact_date"]))
            pred = lambda r: r["pers_person_id"] in recent
        if f == "ssd_cp_plans.csv":
            pred = lambda r: r["cppl_cp_plan_end_date"] == "" or (isinstance(r["cppl_cp_plan_end_date"], date) and r["cppl_cp_plan_end_date"] >= F6)
        if f == "ssd_cla_placement.csv":
            pred = lambda r: r["clap_cla_placement_end_date"] == ""
        if f == "ssd_legal_status.csv":
            pred = lambda r: r["lega_legal_status_end_date"] == "" and r["lega_legal_status"].strip().upper() in ("C2", "C1")
        r = pick(f, wcol, pred)
        r[col] = bad
        mark(r, "unknown-code", col, "code %s not in its set" % bad)


# ---------------------------------------------------------------- writing
def fmt_value(v, row, dmy_only):
    if isinstance(v, date):
        if dmy_only:
            return v.strftime("%d/%m/%Y")
        k = row["_fmt"]
        iso = "%04d-%02d-%02d" % (v.year, v.month, v.day)
        if k == 0:
            return iso + " 00:00:00.000"
        if k == 1:
            return iso
        if k == 2:
            return "%02d/%02d/%04d" % (v.day, v.month, v.year)
        return "%sT%02d:%02d:00" % (iso, row["_hm"][0], row["_hm"][1])
    return str(v)


def csv_bytes(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_atomic(path, data):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def read_records(path):
    """Return (header, [(line, record)]) with physical start lines."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        out = []
        while True:
            start = rd.line_num + 1
            try:
                rec = next(rd)
            except StopIteration:
                break
            out.append((start, rec))
    return header, out


def write_all(g, out):
    os.makedirs(out, exist_ok=True)
    defects, probes_ = [], []
    summary = []
    for f in FILES:
        rows = g.t[f]
        dmy = f == "adopters.csv"
        data = [[fmt_value(r[c], r, dmy) for c in COLS[f]] for r in rows]
        path = os.path.join(out, f)
        write_atomic(path, csv_bytes(COLS[f], data))
        header, recs = read_records(path)
        assert header == COLS[f] and len(recs) == len(rows), f
        nd = 0
        for r, (line, rec) in zip(rows, recs):
            if r["_defect"]:
                kind, col, note = r["_defect"]
                defects.append((f, line, kind, col, note))
                nd += 1
            for lst, text, checks in r["_probes"]:
                probes_.append((f, line, lst, text, checks))
        summary.append((f, len(rows), nd))
    defects.sort(key=lambda x: (FILES.index(x[0]), x[1]))
    probes_.sort(key=lambda x: (FILES.index(x[0]), x[1]))
    write_atomic(os.path.join(out, "defects.csv"),
                 csv_bytes(["file", "line", "kind", "column", "note"], [list(map(str, d)) for d in defects]))
    write_atomic(os.path.join(out, "probes.csv"),
                 csv_bytes(["file", "line", "list", "probe"], [[p[0], str(p[1]), p[2], p[3]] for p in probes_]))
    # Not an SSD table: the council's own postcode area (its placements are
    # drawn in SF, the others in ZX), for List 8's Placement Location.
    write_atomic(os.path.join(out, "council_postcodes.csv"), csv_bytes(["postcode"], [["SF"]]))
    return summary, defects, probes_


# ---------------------------------------------------------------- self-check
def norm_code(v, col):
    allowed, labels = CODE_COLS[col]
    x = v.strip().upper()
    return labels.get(x, x) if labels.get(x, x) in allowed else None


def self_check(out, R, defects, probes_, expect_defects=True):
    errors = []
    files = {}
    for f in FILES:
        header, recs = read_records(os.path.join(out, f))
        if header != COLS[f]:
            errors.append("%s: header %s" % (f, header))
        files[f] = recs
        raw = open(os.path.join(out, f), "rb").read()
        if not raw.startswith(b"\xef\xbb\xbf") or b"\r\n" not in raw:
            errors.append("%s: BOM/CRLF" % f)
    persons = set(rec[0] for _, rec in files["ssd_person.csv"])
    probe_lines = set((p[0], p[1]) for p in probes_)
    found = []
    for f in FILES:
        cols = COLS[f]
        idx = {c: i for i, c in enumerate(cols)}
        seen_key = {}
        seen_rec = set()
        pc = PERSON_COL[f]
        for line, rec in files[f]:
            if len(rec) != len(cols):
                errors.append("%s:%d: %d fields" % (f, line, len(rec)))
                continue
            t = tuple(rec)
            key = rec[0]
            if t in seen_rec:
                found.append((f, line, "duplicate-row", ""))
                continue
            seen_rec.add(t)
            if key in seen_key:
                found.append((f, line, "duplicate-key", cols[0]))
            seen_key[key] = t
            if pc:
                v = rec[idx[pc]]
                if v.strip() == "":
                    found.append((f, line, "missing-id", pc))
                elif v not in persons:
                    found.append((f, line, "orphan", pc))
            parsed = {}
            for c in DATE_COLS[f]:
                v = rec[idx[c]]
                try:
                    d = parse_date(v)
                    if f == "adopters.csv" and d is not None and not (len(v) == 10 and v[2] == "/"):
                        errors.append("%s:%d: adopters date not DD/MM/YYYY" % (f, line))
                    parsed[c] = d
                    if d is not None and d > R and c != "pers_expected_dob" and (f, line) not in probe_lines:
                        errors.append("%s:%d: %s after R" % (f, line, c))
                except ValueError:
                    found.append((f, line, "bad-date", c))
                    parsed[c] = "BAD"
            if f in DATE_PAIRS:
                s_, e_ = DATE_PAIRS[f]
                a, b = parsed.get(s_), parsed.get(e_)
                if isinstance(a, date) and isinstance(b, date) and b < a:
                    found.append((f, line, "date-order", e_))
            for c in cols:
                if c in CODE_COLS and rec[idx[c]].strip() != "" and norm_code(rec[idx[c]], c) is None:
                    found.append((f, line, "unknown-code", c))
    want = sorted((d[0], d[1], d[2], d[3]) for d in defects)
    got = sorted(found)
    if want != got:
        errors.append("defects differ:\n  manifest only: %s\n  found only: %s" % (
            [x for x in want if x not in got], [x for x in got if x not in want]))
    lines_with_defect = set((x[0], x[1]) for x in found)
    by_lines = {}
    for f, line, lst, text, checks in probes_:
        if (f, line) in lines_with_defect:
            errors.append("probe on a defect row %s:%d" % (f, line))
        if f not in by_lines:
            by_lines[f] = {l: r for l, r in files[f]}
        by_line = by_lines[f]
        if line not in by_line:
            errors.append("probe line missing %s:%d" % (f, line))
            continue
        rec = dict(zip(COLS[f], by_line[line]))
        for c, exp in checks:
            v = rec[c]
            if exp == "" or exp is None:
                if v.strip() != "":
                    errors.append("probe %s:%d %s expected blank, got %r" % (f, line, c, v))
            elif parse_date(v) != exp:
                errors.append("probe %s:%d %s expected %s, got %r" % (f, line, c, exp, v))
    # defect counts
    kinds = {}
    for d in defects:
        kinds[d[2]] = kinds.get(d[2], 0) + 1
    if not expect_defects:
        if defects:
            errors.append("defects injected under --no-defects: %d" % len(defects))
    elif len(defects) < 28 or len(kinds) < 7 or min(kinds.values()) < 3 or len(set(d[0] for d in defects)) < 8:
        errors.append("defect spread too small: %s" % kinds)
    if len(probes_) < 45:
        errors.append("only %d probes" % len(probes_))
    counts = rough_counts(files, R, persons)
    for k, lo in (("1", 150), ("3", 80), ("4", 80), ("5", 25), ("6", 60), ("7", 20), ("8", 35), ("9", 20), ("10", 10), ("11", 10), ("audit", 20)):
        if counts[k] < lo:
            errors.append("list %s has only %d rows (want >= %d)" % (k, counts[k], lo))
    if errors:
        raise SystemExit("SELF-CHECK FAILED:\n" + "\n".join(errors))
    return counts


def rough_counts(files, R, persons):
    """Approximate list sizes (ignores some policies; only for the size targets)."""
    F6, F12 = add_months(R, -6), add_months(R, -12)

    def pd(v):
        try:
            return parse_date(v)
        except ValueError:
            return "BAD"

    def rows(f):
        cols = COLS[f]
        seen = set()
        for _, rec in files[f]:
            t = tuple(rec)
            if t in seen:
                continue
            seen.add(t)
            yield dict(zip(cols, rec))

    def live(s, e, lo=F6):
        return isinstance(s, date) and s <= R and (e is None or (isinstance(e, date) and e >= lo))
    c = {}
    c["1"] = sum(1 for r in rows("ssd_contacts.csv") if r["cont_person_id"] in persons and isinstance(pd(r["cont_contact_date"]), date) and F6 <= pd(r["cont_contact_date"]) <= R)
    c["3"] = sum(1 for r in rows("ssd_cin_episodes.csv") if r["cine_person_id"] in persons and isinstance(pd(r["cine_referral_date"]), date) and F6 <= pd(r["cine_referral_date"]) <= R)
    c["4"] = sum(1 for r in rows("ssd_cin_assessments.csv") if r["cina_person_id"] in persons and live(pd(r["cina_assessment_start_date"]), pd(r["cina_assessment_auth_date"])))
    c["5"] = sum(1 for r in rows("ssd_s47_enquiry.csv") if r["s47e_person_id"] in persons and live(pd(r["s47e_s47_start_date"]), pd(r["s47e_s47_end_date"])))
    refs = set()
    for f, col in (("ssd_cin_assessments.csv", "cina_referral_id"), ("ssd_s47_enquiry.csv", "s47e_referral_id"), ("ssd_cin_plans.csv", "cinp_referral_id"),
                   ("ssd_cp_plans.csv", "cppl_referral_id"), ("ssd_cla_episodes.csv", "clae_referral_id")):
        refs.update(r[col] for r in rows(f))
    c["6"] = len(set(r["cine_person_id"] for r in rows("ssd_cin_episodes.csv") if r["cine_person_id"] in persons and r["cine_referral_id"] in refs
                     and live(pd(r["cine_referral_date"]), pd(r["cine_close_date"]))))
    c["7"] = len(set(r["cppl_person_id"] for r in rows("ssd_cp_plans.csv") if r["cppl_person_id"] in persons and live(pd(r["cppl_cp_plan_start_date"]), pd(r["cppl_cp_plan_end_date"]))))
    c["8"] = len(set(r["clae_person_id"] for r in rows("ssd_cla_episodes.csv") if r["clae_person_id"] in persons and live(pd(r["clae_cla_episode_start_date"]), pd(r["clae_cla_episode_ceased_date"]))))
    c["9"] = len(set(r["clea_person_id"] for r in rows("ssd_care_leavers.csv") if r["clea_person_id"] in persons))
    c["10"] = 0
    for r in rows("ssd_permanence.csv"):
        first = pd(r["perm_permanence_order_date"]) if r["perm_permanence_order_type"] == "Adoption" and r["perm_permanence_order_date"] else None
        first = first or pd(r["perm_decision_reversed_date"])
        if r["perm_person_id"] in persons and isinstance(pd(r["perm_adm_decision_date"]), date) and (first is None or first >= F12):
            c["10"] += 1
    c["11"] = 0
    for r in rows("adopters.csv"):
        first = pd(r["ADOPTION_ORDER_DATE"]) or pd(r["LEFT_DATE"])
        if first is None or first >= F12:
            c["11"] += 1
    c["audit"] = sum(1 for r in rows("case_audits.csv") if F6 <= pd(r["AUDIT_DATE"]) <= R)
    return c


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate the synthetic SSD-shaped council Safeguardshire (data + defect/probe manifests).")
    ap.add_argument("--out", required=True, help="output folder (created if missing)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--reference-date", default="2026-11-23", help="reference date R, YYYY-MM-DD (default 2026-11-23)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="cohort sizes times this, at least 1 (default 1: the committed data; about 188 = the largest "
                         "English council's 65,000 children, as Exampleshire at scale 1.0); defects and probes stay as at 1")
    ap.add_argument("--no-defects", action="store_true",
                    help="inject no defects (defects.csv empty): the council as it should be, for checks that a clean "
                         "council raises no error")
    a = ap.parse_args(argv)
    if not (1.0 <= a.scale <= 1000.0):
        ap.error("--scale must be between 1 and 1000")
    R = date.fromisoformat(a.reference_date)
    g = Gen(a.seed, R, a.scale)
    g.clean = a.no_defects
    build(g)
    if not a.no_defects:
        inject_defects(g)
    summary, defects, probes_ = write_all(g, a.out)
    counts = self_check(a.out, R, defects, probes_, expect_defects=not a.no_defects)
    tr = td = 0
    for f, n, nd in summary:
        print("%-32s rows %5d  defects %2d" % (f, n, nd))
        tr += n
        td += nd
    print("%-32s rows %5d  defects %2d  probes %d" % ("TOTAL", tr, td, len(probes_)))
    print("rough list sizes at R: " + ", ".join("%s=%d" % kv for kv in counts.items()))
    print("children: %d" % len(g.persons))


if __name__ == "__main__":
    main()
