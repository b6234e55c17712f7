#!/usr/bin/env python3
"""What councils run today: a pandas + XlsxWriter script that reads the raw
extracts, joins each list's base table to people, keeps the rows in the
Annex A window, and writes one sheet per list.

It does the same reading, window filter, de-duplication, latest-per-child and
workbook write that `annexa generate` does for Exampleshire
(config/exampleshire.yaml), and no more: no code maps, no derived counts
(12-month counts, latest visits), no checks or findings, no PDF. Its lists
come within a few per cent of annexa's row counts (it does not repair dates
in unexpected formats, which annexa reports instead of dropping).

Usage: pandas_baseline.py DATA_DIR OUT.xlsx [REFERENCE_DATE]
Needs Debian's python3-pandas and python3-xlsxwriter.
"""
import sys

import pandas as pd

DATA, OUT = sys.argv[1], sys.argv[2]
REF = pd.Timestamp(sys.argv[3] if len(sys.argv) > 3 else "2026-11-23")
DMY, ISO, ISO_TIME = "%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"

# list -> (base table, date format of its dates, window start, window end(s),
#          months, dedupe, latest per child, columns)
LISTS = {
    1: ("contacts", ISO_TIME, "CONTACT_DATE_TIME", None, 6, ["PERSON_ID", "CONTACT_DATE_TIME", "CONTACT_SOURCE"], None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "CONTACT_DATE_TIME", "CONTACT_SOURCE"]),
    2: ("early_help", DMY, "EHA_START_DATE", ["EHA_END_DATE"], 6, None, None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "EHA_START_DATE", "EHA_END_DATE", "LEAD_ORGANISATION"]),
    3: ("referrals", ISO, "REFERRAL_DATE", None, 6, ["PERSON_ID", "REFERRAL_DATE", "REF_SOURCE_CODE"], None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "REFERRAL_DATE", "REF_SOURCE_CODE", "NFA_FLAG", "ALLOCATED_TEAM",
         "ALLOCATED_WORKER"]),
    4: ("assessments", DMY, "ASSESSMENT_START_DATE", ["AUTHORISED_DATE"], 6, None, None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "DISABILITY_FLAG", "ASSESSMENT_START_DATE", "CHILD_SEEN",
         "AUTHORISED_DATE", "ASSESSMENT_OUTCOME", "TEAM_NAME", "WORKER_NAME"]),
    5: ("s47", ISO_TIME, "STRATEGY_DISC_DATE", ["ENQUIRY_END_DATE"], 6, None, None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "DISABLED", "STRATEGY_DISC_DATE", "ICPC_REQUIRED", "ICPC_DATE",
         "ICPC_PLAN", "TEAM", "WORKER"]),
    6: ("cin_episodes", ISO, "EPISODE_START", ["EPISODE_END"], 6, None, "EPISODE_START",
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "DISABLED", "EPISODE_START", "PRIMARY_NEED", "DATE_LAST_SEEN",
         "EPISODE_END", "CLOSURE_REASON", "TEAM", "WORKER"]),
    7: ("cp_plans", DMY, "CPP_START", ["CPP_END"], 6, None, "CPP_START",
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "DISABLED", "CPP_START", "INITIAL_CATEGORY", "LATEST_CATEGORY",
         "LAST_STAT_VISIT_DATE", "SEEN_ALONE", "LATEST_RCPC_DATE", "CPP_END", "EPO_PP_LAST_6M", "TEAM", "WORKER"]),
    8: ("care_periods", ISO, "DATE_PERIOD_START", ["DATE_PERIOD_END"], 6, None, "DATE_PERIOD_START",
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "UASC", "DISABLED", "DATE_PERIOD_START", "CIN_CATEGORY",
         "LS_START", "LEGAL_STATUS", "PERMANENCE_PLAN", "DATE_PERIOD_END", "REASON_CEASED", "PLACEMENT_START",
         "PLACEMENT_TYPE", "PROVIDER_CODE", "PLACEMENT_POSTCODE", "URN", "IN_OUT_AREA", "PLACEMENT_LA", "TEAM",
         "WORKER"]),
    9: ("care_leavers", DMY, None, None, 0, None, None,
        ["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "UASC", "DISABLED", "TEAM", "WORKER", "PERSONAL_ADVISER",
         "ELIGIBILITY", "PATHWAY_PLAN_REVIEW_DATE", "IN_TOUCH", "LATEST_CONTACT_DATE", "ACCOMMODATION",
         "ACCOM_SUITABLE", "ACTIVITY"]),
    10: ("adoption", DMY, "ADM_DECISION_DATE", ["ADOPTION_ORDER_DATE", "DECISION_REVERSED_DATE"], 12, None, None,
         ["PERSON_ID", "FAMILY_ID", "GENDER", "ETHNICITY", "DOB", "DISABLED", "DATE_ENTERED_CARE", "ADM_DECISION_DATE",
          "PLACEMENT_ORDER_DATE", "MATCHED_DATE", "PLACED_DATE", "ADOPTION_ORDER_DATE", "DECISION_REVERSED_DATE",
          "REVERSAL_REASON", "FFA_PLACEMENT_DATE"]),
    11: ("adopters", DMY, "STAGE1_START", ["ADOPTION_ORDER_DATE", "LEFT_PROCESS_DATE"], 12, None, None,
         ["ADOPTER_ID", "FAMILY_ID", "GENDER", "ETHNICITY", "DISABILITY", "FFA", "ENQUIRY_DATE", "STAGE1_START",
          "STAGE1_END", "STAGE2_START", "STAGE2_END", "APPLICATION_DATE", "APPROVAL_DATE", "MATCHED_DATE",
          "PLACED_DATE", "CHILDREN_PLACED", "ADOPTION_ORDER_DATE", "LEFT_PROCESS_DATE", "LEFT_REASON"]),
}


def read(name, encoding="utf-8"):
    return pd.read_csv(f"{DATA}/{name}.csv", dtype=str, keep_default_na=False, encoding=encoding)


def dates(frame, fmt):
    """Parses every column whose name says it is a date, in the table's format."""
    for col in frame.columns:
        if "DATE" in col or col.endswith(("_START", "_END", "DOB")) or col in ("EPISODE_START", "EPISODE_END"):
            frame[col] = pd.to_datetime(frame[col].str.strip(), format=fmt, errors="coerce")
    return frame


def latest(frame, by):
    """One row per child: the latest by `by` on or before the reference date."""
    frame = frame[frame[by] <= REF].sort_values(["PERSON_ID", by], kind="stable")
    return frame.drop_duplicates("PERSON_ID", keep="last")


people = dates(read("people"), DMY).drop_duplicates("PERSON_ID")
people["DOB"] = people["DOB"].fillna(people["EXPECTED_DOB"])
legal = latest(dates(read("legal_statuses"), ISO), "LS_START")
placements = latest(dates(read("placements"), DMY), "PLACEMENT_START")

with pd.ExcelWriter(OUT, engine="xlsxwriter", datetime_format="dd/mm/yyyy", date_format="dd/mm/yyyy") as book:
    for number, (table, fmt, start, ends, months, dedupe, latest_by, columns) in LISTS.items():
        frame = dates(read(table, "cp1252" if table == "adopters" else "utf-8"), fmt)
        if table != "adopters":
            frame = frame.merge(people[["PERSON_ID", "GENDER", "ETHNICITY", "DOB", "DISABLED"]], on="PERSON_ID",
                                how="inner")
        if table == "care_periods":
            frame = frame.merge(legal[["PERSON_ID", "LS_START", "LEGAL_STATUS"]], on="PERSON_ID", how="inner")
            frame = frame[~frame["LEGAL_STATUS"].str.upper().isin(["V1", "V3", "V4"])]
            frame = frame.merge(placements.drop(columns=["TEAM", "WORKER"], errors="ignore"), on="PERSON_ID",
                                how="inner")
        if start:
            begin = REF - pd.DateOffset(months=months)
            frame = frame[frame[start].notna() & (frame[start] <= REF)]
            if ends is None:
                frame = frame[frame[start] >= begin]
            else:
                end = frame[ends[0]]
                for other in ends[1:]:
                    end = end.fillna(frame[other])
                frame = frame[end.isna() | (end >= begin)]
        if dedupe:
            frame = frame.drop_duplicates(dedupe)
        if latest_by:
            frame = frame.sort_values(["PERSON_ID", latest_by], kind="stable").drop_duplicates("PERSON_ID", keep="last")
        frame[[c for c in columns if c in frame.columns]].to_excel(book, sheet_name=f"List_{number}", index=False,
                                                                    startrow=1)
        print(f"List {number}: {len(frame)} rows")
