#!/usr/bin/env python3
"""The seed's 17 key indicators for Exampleshire, worked out independently of
annexa: straight from the raw CSVs in examples/exampleshire/data, with the
list rules of config/exampleshire.yaml re-implemented here from
docs/config.md (windows, latest row per child, the people join, the short
breaks exclusion, case status) and the measures from
annex_a_specs/indicators.yaml's definitions. Prints one line per measure:
"<id> <numerator> <denominator>" (a count's denominator is 0). The numbers
are written into tests/indicators/exampleshire_indicators_test.cc; run this
again when the data or a definition changes.

    python3 tests/indicators/exampleshire_seed_measures.py [data_dir]
"""
import csv
import datetime as dt
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "examples", "exampleshire", "data")
R = dt.date(2026, 11, 23)


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


F = add_months(R, -6)  # the lists' six-month window start


def date(text):
    """DD/MM/YYYY or YYYY-MM-DD (a time after it ignored); None if blank or impossible."""
    t = (text or "").strip()
    if not t:
        return None
    for fmt, part in (("%Y-%m-%d", t[:10]), ("%d/%m/%Y", t[:10])):
        try:
            return dt.datetime.strptime(part, fmt).date()
        except ValueError:
            pass
    return None


def rows(name, dedupe=True):
    """A source's rows; an exact repeat of an earlier row is left out (the contracts' rule) when `dedupe`."""
    with open(os.path.join(DATA, name), newline="", encoding="utf-8-sig") as f:
        out, seen = [], set()
        for r in csv.DictReader(f):
            key = tuple(r.values())
            if dedupe and key in seen:
                continue
            seen.add(key)
            out.append(r)
        return out


def working_days_between(a, b):
    """Working days after a up to and including b (weekends and England's bank holidays skipped)."""
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if d.weekday() < 5 and d not in HOLIDAYS:
            n += 1
    return n


def add_working_days(a, n):
    d = a
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5 and d not in HOLIDAYS:
            n -= 1
    return d


def load_holidays():
    import json
    with open(os.path.join(HERE, "..", "..", "config", "bank-holidays.json")) as f:
        doc = json.load(f)
    days = set()
    for ev in doc["england-and-wales"]["events"]:
        days.add(dt.date.fromisoformat(ev["date"]))
    return days


HOLIDAYS = load_holidays()
people = {r["PERSON_ID"].strip() for r in rows("people.csv")}


def windowed_latest(source, start_col, end_col, keep=lambda r: True):
    """A list of Lists 4-8's kind: joined to people, start <= R and (no end or
    end >= F), the latest start per child. Returns {child: row}."""
    best = {}
    for r in rows(source):
        pid = r["PERSON_ID"].strip()
        if pid not in people or not keep(r):
            continue
        s = date(r[start_col])
        e = date(r[end_col]) if end_col else None
        if s is None or s > R or (e is not None and e < F):
            continue
        if pid not in best or s >= best[pid][0]:
            best[pid] = (s, r)
    return {pid: r for pid, (s, r) in best.items()}


def within_before_r(d, days=None, months=None, working=None):
    if d is None or d > R:
        return False
    if days is not None:
        return R <= d + dt.timedelta(days=days)
    if months is not None:
        return R <= add_months(d, months)
    return working_days_between(d, R) <= working


def records(name, child_col, date_col, where=None):
    """{child: [dates]} of a source's rows dated on or before R."""
    out = {}
    for r in rows(name, dedupe=False):
        if where and r[where[0]].strip().lower() not in where[1]:
            continue
        d = date(r[date_col])
        if d is None or d > R:
            continue
        out.setdefault(r[child_col].strip().lower(), []).append(d)
    return out


# --- the lists ---------------------------------------------------------------
l6 = windowed_latest("cin_episodes.csv", "EPISODE_START", "EPISODE_END")
l7 = windowed_latest("cp_plans.csv", "CPP_START", "CPP_END")

legal = {}
for r in rows("legal_statuses.csv"):
    legal.setdefault(r["PERSON_ID"].strip(), []).append(r)


def short_breaks_only(period):
    """Every legal status overlapping the period is V1, V3 or V4 (and there is one)."""
    s, e = date(period["DATE_PERIOD_START"]), date(period["DATE_PERIOD_END"])
    if s is None:
        return False
    during = []
    for ls in legal.get(period["PERSON_ID"].strip(), []):
        ls_s, ls_e = date(ls["LS_START"]), date(ls["LS_END"])
        if ls_s is None or (ls["LS_END"].strip() and ls_e is None):
            continue
        if (e is None or ls_s <= e) and (ls_e is None or ls_e >= s):
            during.append(ls["LEGAL_STATUS"].strip().upper())
    return bool(during) and all(x in ("V1", "V3", "V4") for x in during)


l8 = windowed_latest("care_periods.csv", "DATE_PERIOD_START", "DATE_PERIOD_END", lambda r: not short_breaks_only(r))
l9 = [r for r in rows("care_leavers.csv", dedupe=False) if r["PERSON_ID"].strip() in people]
l4 = [r for r in rows("assessments.csv") if r["PERSON_ID"].strip() in people]


def blank(r, col):
    return not r[col].strip()


open6 = {p: r for p, r in l6.items() if blank(r, "EPISODE_END")}
open7 = {p for p, r in l7.items() if blank(r, "CPP_END")}
open8 = {p: r for p, r in l8.items() if blank(r, "DATE_PERIOD_END")}
leavers = {r["PERSON_ID"].strip() for r in l9}
cin_only = [p for p in open6 if p not in open7 and p not in open8 and p not in leavers]

# Case status c): the first that applies of a) still looked after, b) on an
# open plan, c) a CIN plan open at R, d) an open (unauthorised) assessment in
# List 4, else c) (annexa reports it as case-status-assumed).
plans_open = set()
for r in rows("cin_plans.csv"):
    s, e = date(r["PLAN_START"]), date(r["PLAN_END"])
    if s is not None and s <= R and (blank(r, "PLAN_END") or (e is not None and e > R)):
        plans_open.add(r["PERSON_ID"].strip())
l4_window = windowed_latest_all = []
open_assessment = set()
for r in l4:
    s, a = date(r["ASSESSMENT_START_DATE"]), date(r["AUTHORISED_DATE"])
    if s is not None and s <= R and (a is None or a >= F) and blank(r, "AUTHORISED_DATE"):
        open_assessment.add(r["PERSON_ID"].strip())


def case_status(p):
    if p in open8:
        return "a"
    if p in open7:
        return "b"
    if p in plans_open:
        return "c"
    if p in open_assessment:
        return "d"
    return "c"


out = []
# 1.1
mo = records("management_oversight.csv", "PERSON_ID", "OVERSIGHT_DATE")
out.append(("management-oversight-8-weeks",
            sum(any(within_before_r(d, days=56) for d in mo.get(p.lower(), [])) for p in open6), len(open6)))
# 1.2-1.4
out.append(("cin-excluding-cp-cla", len(cin_only), 0))
out.append(("cp-cohort", len(open7), 0))
out.append(("cla-cohort", len(open8), 0))
# 2.1: contacts received 1 April .. R, completed no more than a day later (as at R)
fy = dt.date(R.year if R.month >= 4 else R.year - 1, 4, 1)
num = den = 0
for r in rows("contact_completion.csv", dedupe=False):
    c, done = date(r["CONTACT_DATE"]), date(r["COMPLETED_DATE"])
    if c is None or c > R or c < fy:
        continue
    den += 1
    if done is not None and done <= R and c <= done <= c + dt.timedelta(days=1):
        num += 1
out.append(("contacts-completed-1-day", num, den))
# 2.10a: List 4 rows authorised 1 April .. R, within 45 working days of the start
num = den = 0
for r in l4:
    s, a = date(r["ASSESSMENT_START_DATE"]), date(r["AUTHORISED_DATE"])
    if s is None or s > R or (a is not None and a < F):
        continue  # not on List 4
    if a is None or a < fy or a > R:
        continue
    den += 1
    if a >= s and working_days_between(s, a) <= 45:
        num += 1
out.append(("assessments-45-days-ytd", num, den))
# 3.1
with_plan = [p for p in cin_only if case_status(p) == "c"]
out.append(("cin-with-plan", len(with_plan), len(cin_only)))
# 3.3
sw = records("visits.csv", "PERSON_ID", "VISIT_DATE", ("VISIT_TYPE", {"sw"}))
out.append(("cin-visited-4-weeks", sum(any(within_before_r(d, days=28) for d in sw.get(p.lower(), [])) for p in cin_only),
            len(cin_only)))
# 4.7.2
out.append(("cp-visited-10-days",
            sum(within_before_r(date(l7[p]["LAST_STAT_VISIT_DATE"]), working=10) for p in open7), len(open7)))
# 5.10
ca = records("cla_assessments.csv", "PERSON_ID", "ASSESSMENT_DATE")
out.append(("cla-assessments-missing-or-old",
            sum(not any(within_before_r(d, months=12) for d in ca.get(p.lower(), [])) for p in open8), len(open8)))
# 5.11: the latest SW visit on or before R, in the 42 days to R
def latest(recs, p):
    ds = recs.get(p.lower(), [])
    return max(ds) if ds else None


out.append(("cla-visited-6-weeks", sum(within_before_r(latest(sw, p), days=42) for p in open8), len(open8)))
# 3.2
rv = records("cin_plan_reviews.csv", "PERSON_ID", "REVIEW_DATE")
out.append(("cin-plans-reviewed-3-months",
            sum(any(within_before_r(d, months=3) for d in rv.get(p.lower(), [])) for p in with_plan), len(with_plan)))
# 4.8: the next review conference not overdue at R
num = 0
for p in open7:
    r = l7[p]
    s, rev = date(r["CPP_START"]), date(r["LATEST_RCPC_DATE"])
    if rev is not None and (rev < s or rev > R):
        rev = None
    due = add_months(rev, 6) if rev else add_months(s, 3)
    num += R <= due
out.append(("cp-reviews-in-time", num, len(open7)))
# 5.18: looked after in the 12 months to R; reviews by the statutory schedule
cla_reviews = records("reviews.csv", "PERSON_ID", "REVIEW_DATE", ("REVIEW_TYPE", {"cla"}))
num = den = 0
for p, r in l8.items():
    s, e = date(r["DATE_PERIOD_START"]), date(r["DATE_PERIOD_END"])
    if not (blank(r, "DATE_PERIOD_END") or (e is not None and e <= R and R <= add_months(e, 12))):
        continue
    den += 1
    at = e if e is not None and e < R else R
    rev = latest(cla_reviews, p)
    if rev is not None and (rev < s or rev > at):
        rev = None
    if rev is None:
        due = add_working_days(s, 20)
    else:
        due = add_months(rev, 3 if working_days_between(s, rev) <= 20 else 6)
    num += at <= due
out.append(("cla-reviews-in-time", num, den))
# 6.1-6.3, over all care leavers
out.append(("leavers-in-touch", sum(r["IN_TOUCH"].strip().upper() == "YES" for r in l9), len(l9)))
out.append(("leavers-eet", sum(r["ACTIVITY"].strip().upper()[:2] in {f"{a}{n}" for a in "FP" for n in "12345"} for r in l9),
            len(l9)))
out.append(("leavers-suitable", sum(r["ACCOM_SUITABLE"].strip().upper() == "Y" for r in l9), len(l9)))

for name, n, d in out:
    print(name, n, d)
