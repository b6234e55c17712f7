#!/usr/bin/env python3
"""Lists every event dated after the child's death in a CIN census XML return
(DfE rule 8555Q and its kin), independently of annexa: expat, line numbers,
ISO dates compared as text. For tests/mapping/cin_deaths_test.cc.

Usage: cin_deaths.py FILE.xml
Prints one line per event: LAchildID, record element, its start line, the
dated element, its date, the death date (tab-separated), in file order.
"""
import re
import sys
import xml.parsers.expat

# The record elements annexa's reader makes a row of, and the dated elements
# in each that are events (things that happen to a living child).
EVENTS = {
    "CINdetails": ["CINreferralDate"],
    "Assessments": ["AssessmentActualStartDate"],
    "CINPlanDates": ["CINPlanStartDate"],
    "Section47": ["S47ActualStartDate", "DateOfInitialCPC"],
    "ChildProtectionPlans": ["CPPstartDate", "CPPreviewDate"],
}


# Dates as the census writes them; anything else is not a date (a
# source-bad-date of its own), so not an event to compare.
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def scan(path):
    out = []
    child = None  # {id, death, events: [(record, line, element, date)]}
    text = []
    records = []  # the open record elements: (name, line), innermost last

    def start(name, attrs):
        nonlocal child
        text.clear()
        if name == "Child":
            child = {"id": "", "death": "", "events": []}
        elif name in EVENTS:
            records.append((name, p.CurrentLineNumber))

    def end(name):
        nonlocal child
        value = "".join(text).strip()
        if child is not None:
            record = records[-1] if records else None
            if name == "LAchildID" and not child["id"]:
                child["id"] = value
            elif name == "PersonDeathDate":
                child["death"] = value
            elif record and name in EVENTS[record[0]] and ISO.fullmatch(value):
                child["events"].append((record[0], record[1], name, value))
        if name in EVENTS:
            records.pop()
        if name == "Child":
            if ISO.fullmatch(child["death"]):
                for rec, line, elem, date in child["events"]:
                    if date > child["death"]:
                        out.append((child["id"], rec, line, elem, date, child["death"]))
            child = None
        text.clear()

    def chars(data):
        text.append(data)

    p = xml.parsers.expat.ParserCreate()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, chars
    with open(path, "rb") as f:
        p.ParseFile(f)
    return out


if __name__ == "__main__":
    for row in scan(sys.argv[1]):
        print("\t".join(str(x) for x in row))
