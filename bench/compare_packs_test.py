#!/usr/bin/env python3
"""CTest's check of bench/compare_packs.py on two small packs made here by
hand: the same rows read from a CSV file and from a table `db/people`. The
right places pass; every wrong one (a line off by one, a database row that
is not the record, another table, a field or message changed, a finding
more, a PDF byte changed) fails."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# people.csv: header on line 1; record 1 on line 2; record 2 spans lines 3-4
# (a quoted line break); record 3 on line 5.
PEOPLE = b'id,name,note\r\n1,Ann,\r\n2,Bo,"two\nlines"\r\n3,Cy,\r\n'
FINDINGS = ("severity,code,list,list_row,excel_row,column,excel_column,header,value,source,source_row,source_column,message\r\n"
            "error,source-missing-value,,,,,,,,{src},{row},name,source row {row} (record 3) of source 'people': required column 'name' is blank\r\n"
            "warning,join-failed,1,,,,,,,{src},{row2},,row left out: id '2' has no match\r\n"
            "warning,audit-cp-under-fives-not-covered,7,,,,,,,,,,no audited cases\r\n")
SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1"><c r="A1" t="inlineStr"><is><t>Data gaps</t></is></c></row>'
         '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>source row {row} (record 3) of source '
         "'people': required column 'name' is blank</t></is></c></row></sheetData></worksheet>")
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Data_gaps" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')


def pack(folder, src, row, row2, sheet_row=None, pdf=b"%PDF-1.4 same\n"):
    os.makedirs(folder)
    open(os.path.join(folder, "p_findings.csv"), "w", newline="").write(FINDINGS.format(src=src, row=row, row2=row2))
    with zipfile.ZipFile(os.path.join(folder, "p.xlsx"), "w") as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/worksheets/sheet1.xml", SHEET.format(row=sheet_row or row))
        z.writestr("docProps/core.xml", "<core/>")
    json.dump({"tool": "annexa", "lists": [{"list": 1, "rows": 2}],
               "finding_keys": sorted(["source-missing-value|0|name|%s|%s|0" % (src, row),
                                       "join-failed|1||%s|%s|0" % (src, row2)])},
              open(os.path.join(folder, "p_run.json"), "w"))
    open(os.path.join(folder, "p_pack.pdf"), "wb").write(pdf)


def compare(work, a, b):
    r = subprocess.run([sys.executable, os.path.join(HERE, "compare_packs.py"), os.path.join(work, a),
                        os.path.join(work, b), "--connection", "db", "--base", work],
                       capture_output=True, text=True)
    return r.returncode, r.stdout


def main():
    work = tempfile.mkdtemp()
    failures = []
    try:
        open(os.path.join(work, "people.csv"), "wb").write(PEOPLE)
        # Record 3 starts on line 5, record 2 on line 3; the database's rows are the records.
        pack(os.path.join(work, "csv"), "people.csv", 5, 3)
        pack(os.path.join(work, "db"), "db/people", 3, 2)
        pack(os.path.join(work, "csv_line_off"), "people.csv", 4, 3)   # record 3 is not on line 4
        pack(os.path.join(work, "csv_in_record"), "people.csv", 5, 4)  # line 4 is inside record 2
        pack(os.path.join(work, "db_row"), "db/people", 3, 2, sheet_row=2)  # 'source row 2 (record 3)' in the sheet
        pack(os.path.join(work, "db_table"), "db/persons", 3, 2)
        pack(os.path.join(work, "db_pdf"), "db/people", 3, 2, pdf=b"%PDF-1.4 other\n")
        cases = [  # name, CSV pack, database pack, exit status, text of the output
            ("right places", "csv", "db", 0, "packs: the same but for each source row's place"),
            ("a CSV line off by one", "csv_line_off", "db", 1, "source_row 4 of people.csv is not the line of record 3"),
            ("a CSV line inside a record", "csv_in_record", "db", 1, "source_row 4 of people.csv is not the line of record 2"),
            ("a database place that is not its row", "csv", "db_row", 1, "'source row 2 (record 3)' is not its row"),
            ("another table", "csv", "db_table", 1, "source 'people.csv' read as 'db/persons'"),
            ("a PDF byte", "csv", "db_pdf", 1, "p_pack.pdf differs"),
        ]
        for name, a, db, want_rc, want_text in cases:
            rc, out = compare(work, a, db)
            if rc != want_rc or want_text not in out:
                failures.append("%s: exit %d, wanted %d and %r in:\n%s" % (name, rc, want_rc, want_text, out))
        # A field, a message, and a finding more, in the database pack's findings.
        for name, edit, want_text in (
                ("a severity changed", lambda t: t.replace("warning,join-failed", "error,join-failed"),
                 "fields other than the place differ"),
                ("a message changed", lambda t: t.replace("id '2'", "id '7'"), "messages differ beyond the place"),
                ("a finding more", lambda t: t + "warning,x,1,,,,,,,,,,more\r\n", "3 findings against 4")):
            shutil.rmtree(os.path.join(work, "db2"), ignore_errors=True)
            shutil.copytree(os.path.join(work, "db"), os.path.join(work, "db2"))
            f = os.path.join(work, "db2", "p_findings.csv")
            text = open(f, newline="").read()
            open(f, "w", newline="").write(edit(text))
            rc, out = compare(work, "csv", "db2")
            if rc != 1 or want_text not in out:
                failures.append("%s: exit %d, wanted 1 and %r in:\n%s" % (name, rc, want_text, out))
    finally:
        shutil.rmtree(work)
    for f in failures:
        print("FAILED: " + f)
    print("compare_packs_test: %s" % ("ok" if not failures else "%d failed" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
