#!/usr/bin/env python3
"""Compares the pack of the CSV route with the pack of the database route made
from the same rows (docs/database.md, "What is the same and what differs").

usage: compare_packs.py CSV_PACK DB_PACK --connection NAME [--base DIR]

The two packs must hold the same files, and each file must be byte-identical
but for where a finding's source row is: a CSV file and its physical line
(header = line 1, a quoted line break counted) on one route, the connection,
the table and the result's row number on the other. Exactly:

- every *.xlsx (whatever the pack's workbooks are called): the same parts in
  the same order, each byte-identical, except worksheet cells whose text
  differs only in the place "source row L (record R)" of a source row;
- *_findings.csv: the same findings in the same order, every field equal but
  `source` (FILE.csv on one route, NAME/FILE on the other), `source_row` (the
  line of record R in FILE.csv, and R) and the same place in `message`;
- *_run.json: equal but the source and source row of each finding key,
  mapped the same way (keys of the form "rule|digest", since issue 19:
  the same number of keys of each rule);
- every other file (the PDF, the completeness and coverage CSVs): byte-identical.

A place is accepted only where it is right: on the database route the row is
the record number; on the CSV route the line is where that record starts in
the file (read here with Python's csv module). Prints what it found and exits
0 when the packs agree, 1 when they do not, 2 on bad arguments.
"""
import argparse
import csv
import glob
import json
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

PLACE = re.compile(r"source row (\d+) \(record (\d+)\)")
SOURCE_OF = re.compile(r"of source '([^']*)'")
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


class Lines:
    """The physical start line of each record of a CSV file, and back."""

    def __init__(self, base):
        self.base = base
        self.files = {}
        self.unreadable = set()

    def _load(self, path):
        if path not in self.files:
            full = path if os.path.isabs(path) else os.path.join(self.base, path)
            try:
                raw = open(full, "rb").read()
            except OSError as e:  # every place in it is then wrong: reported
                self.unreadable.add("%s: %s" % (full, e.strerror))
                self.files[path] = ([], {})
                return self.files[path]
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            rd = csv.reader(_lines(text))
            next(rd)  # the header
            starts = []
            while True:
                start = rd.line_num + 1
                try:
                    next(rd)
                except StopIteration:
                    break
                starts.append(start)
            self.files[path] = (starts, {line: i + 1 for i, line in enumerate(starts)})
        return self.files[path]

    def line_of(self, path, record):
        starts = self._load(path)[0]
        return starts[record - 1] if 1 <= record <= len(starts) else None

    def record_at(self, path, line):
        return self._load(path)[1].get(line)


def _lines(text):
    # csv.reader over physical lines (ended by CRLF, LF or CR, their ends
    # kept), so that line_num counts a quoted line break as a line, as annexa
    # does. (str.splitlines would also break at form feeds and the like.)
    return iter(re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text))


class Compare:
    def __init__(self, a_dir, b_dir, connection, base):
        self.a_dir, self.b_dir, self.conn = a_dir, b_dir, connection
        self.lines = Lines(base)
        self.source_files = {}  # source name in a message -> its CSV file (learned from the findings)
        self.problems = []
        self.report = []

    def problem(self, text):
        self.problems.append(text)

    # -- a place in a message: "source row L (record R)"
    def same_but_places(self, x, y, path=None, where=""):
        """x from the CSV route, y from the database route: True when they are
        equal once each place is its record number and every place is right."""
        if PLACE.sub(r"record \2", x) != PLACE.sub(r"record \2", y):
            return False
        if path is None:
            m = SOURCE_OF.search(x)
            path = self.source_files.get(m.group(1)) if m else None
        for (la, ra), (lb, rb) in zip(PLACE.findall(x), PLACE.findall(y)):
            if lb != rb:
                self.problem("%s: the database route's place 'source row %s (record %s)' is not its row" % (where, lb, rb))
            if path is None:
                self.problem("%s: no file known for the place in %r" % (where, x[:120]))
            elif self.lines.line_of(path, int(ra)) != int(la):
                self.problem("%s: record %s of %s starts on line %s, not %s" %
                             (where, ra, path, self.lines.line_of(path, int(ra)), la))
        return True

    def db_source(self, path):
        stem = os.path.splitext(os.path.basename(path))[0]
        return "%s/%s" % (self.conn, stem)

    # -- files
    def run(self):
        a_names = sorted(os.listdir(self.a_dir))
        b_names = sorted(os.listdir(self.b_dir))
        if a_names != b_names:
            self.problem("the packs hold different files: %s against %s" % (a_names, b_names))
        names = [n for n in a_names if n in b_names]
        # The findings first: they say which file each source name reads.
        order = sorted(names, key=lambda n: (not n.endswith("_findings.csv"), n))
        for n in order:
            a, b = os.path.join(self.a_dir, n), os.path.join(self.b_dir, n)
            if n.endswith("_findings.csv"):
                self.findings(n, a, b)
            elif n.endswith(".xlsx"):
                self.workbook(n, a, b)
            elif n.endswith("_run.json"):
                self.run_json(n, a, b)
            elif open(a, "rb").read() == open(b, "rb").read():
                self.report.append("%s: byte-identical" % n)
            else:
                self.problem("%s differs" % n)
        # First: every place in an unreadable file was reported wrong.
        self.problems[:0] = ["cannot read the source file %s (--base?)" % u for u in sorted(self.lines.unreadable)]
        return not self.problems

    def findings(self, n, a, b):
        ra = list(csv.reader(open(a, encoding="utf-8-sig", newline="")))
        rb = list(csv.reader(open(b, encoding="utf-8-sig", newline="")))
        if not ra or ra[0] != (rb[0] if rb else None):
            self.problem("%s: headers differ" % n)
            return
        if len(ra) != len(rb):
            self.problem("%s: %d findings against %d" % (n, len(ra) - 1, len(rb) - 1))
            return
        h = ra[0]
        src, row, msg = h.index("source"), h.index("source_row"), h.index("message")
        for x in ra[1:]:
            m = SOURCE_OF.search(x[msg])
            if m and x[src]:
                self.source_files.setdefault(m.group(1), x[src])
        same = located = places = 0
        for i, (x, y) in enumerate(zip(ra[1:], rb[1:]), start=2):
            where = "%s line %d" % (n, i)
            if x == y:
                same += 1
                continue
            if len(x) != len(y) or [v for k, v in enumerate(x) if k not in (src, row, msg)] != \
                    [v for k, v in enumerate(y) if k not in (src, row, msg)]:
                self.problem("%s: fields other than the place differ: %s / %s" % (where, x, y))
                continue
            if x[src] != y[src] or x[row] != y[row]:
                if not x[src] or y[src] != self.db_source(x[src]):
                    self.problem("%s: source %r read as %r" % (where, x[src], y[src]))
                    continue
                if not x[row].isdigit() or not y[row].isdigit() or self.lines.line_of(x[src], int(y[row])) != int(x[row]):
                    self.problem("%s: source_row %s of %s is not the line of record %s" % (where, x[row], x[src], y[row]))
                    continue
                located += 1
            if x[msg] != y[msg]:
                if not self.same_but_places(x[msg], y[msg], x[src] or None, where):
                    self.problem("%s: messages differ beyond the place: %r / %r" % (where, x[msg], y[msg]))
                    continue
                places += 1
        self.report.append("%s: %d findings: %d identical, %d equal but for the source row's place "
                           "(%d in source and source_row, %d in the message)"
                           % (n, len(ra) - 1, same, len(ra) - 1 - same, located, places))

    def sheet_names(self, za):
        """Part name -> sheet name, from workbook.xml and its relationships."""
        try:
            wb = ET.fromstring(za.read("xl/workbook.xml"))
            rels = ET.fromstring(za.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
        target = {r.get("Id"): r.get("Target") for r in rels}
        out = {}
        for s in wb.iter(NS + "sheet"):
            t = target.get(s.get(RNS + "id"), "")
            out[t[1:] if t.startswith("/") else "xl/" + t] = s.get("name")
        return out

    def workbook(self, n, a, b):
        za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
        if za.namelist() != zb.namelist():
            self.problem("%s: the parts differ: %s / %s" % (n, za.namelist(), zb.namelist()))
            return
        names = self.sheet_names(za)
        before = len(self.problems)
        differing = []
        for part in za.namelist():
            x, y = za.read(part), zb.read(part)
            if x == y:
                continue
            sheet = names.get(part, part)
            differing.append(sheet)
            if part in names:
                self.sheet(n, sheet, x, y)
            elif part.endswith(".xml"):  # shared strings, say, if a workbook used them
                self.xml_texts(n, part, x, y)
            else:
                self.problem("%s: part %s differs" % (n, part))
        self.report.append("%s: %d parts, %d byte-identical%s" % (
            n, len(za.namelist()), len(za.namelist()) - len(differing),
            "; the rest (%s) differ %s" % (", ".join(differing), "only in text naming a source row's place"
                                           if len(self.problems) == before else "(below)") if differing else ""))

    def xml_texts(self, n, part, x, y):
        # Element by element: the same tags and attributes, the same text but
        # where it names a source row's place.
        before = len(self.problems)
        ea, eb = list(ET.fromstring(x).iter()), list(ET.fromstring(y).iter())
        if len(ea) != len(eb):
            self.problem("%s, %s: %d elements against %d" % (n, part, len(ea), len(eb)))
            return
        texts = 0
        for p, q in zip(ea, eb):
            if p.tag != q.tag or p.attrib != q.attrib:
                self.problem("%s, %s: element %s differs" % (n, part, p.tag))
                continue
            for tp, tq in ((p.text or "", q.text or ""), (p.tail or "", q.tail or "")):
                if tp != tq:
                    if not self.same_but_places(tp, tq, None, "%s, %s" % (n, part)):
                        self.problem("%s, %s: %r / %r" % (n, part, tp, tq))
                    texts += 1
        if PLACE.sub("", x.decode("utf-8")) != PLACE.sub("", y.decode("utf-8")):
            self.problem("%s, %s: the XML differs outside the places" % (n, part))
        self.report.append("%s, %s: %d texts differ, %s" % (
            n, part, texts, "each only in a source row's place" if len(self.problems) == before else "NOT only in places"))

    # The QA workbook's sheets with one row per finding name each one's
    # source in columns of their own (a file and its line on one route, a
    # query and its result row on the other): those columns may differ.
    SOURCE_SHEETS = {"Findings": {"Source", "Source row"}, "Gaps_by_owner": {"source", "source_row"}}

    def source_columns(self, sheet, cells):
        """Column letters of `sheet` whose row-2 header names a finding's source."""
        headers = self.SOURCE_SHEETS.get(sheet, set())
        out = set()
        for c in cells:
            ref = c.get("r", "")
            col = ref.rstrip("0123456789")
            if ref[len(col):] == "2" and "".join(c.itertext()) in headers:
                out.add(col)
        return out

    def sheet(self, n, sheet, x, y):
        # Cell by cell: the same cells, attributes and values but the text of
        # those naming a source row's place.
        before = len(self.problems)
        ca = list(ET.fromstring(x).iter(NS + "c"))
        cb = list(ET.fromstring(y).iter(NS + "c"))
        sa, sb = PLACE.sub("", x.decode("utf-8")), PLACE.sub("", y.decode("utf-8"))
        loose = self.source_columns(sheet, ca)
        if loose:
            # Their cells' text left out of the comparison outside the cells.
            blank = re.compile(r'(<c r="(?:%s)\d+"[^>]*>).*?(</c>)' % "|".join(sorted(loose)))
            sa, sb = blank.sub(r"\1\2", sa), blank.sub(r"\1\2", sb)
            # The columns' widths follow their longest text.
            cols = re.compile(r"<cols>.*?</cols>")
            sa, sb = cols.sub("", sa), cols.sub("", sb)
        if len(ca) != len(cb):
            self.problem("%s, sheet %s: %d cells against %d" % (n, sheet, len(ca), len(cb)))
            return
        cells = 0
        for p, q in zip(ca, cb):
            tp, tq = "".join(p.itertext()), "".join(q.itertext())
            if p.attrib != q.attrib:
                self.problem("%s, sheet %s, cell %s: attributes differ" % (n, sheet, p.get("r")))
            elif tp != tq:
                if p.get("r", "").rstrip("0123456789") in loose:
                    cells += 1  # a finding's source, named by each route its own way
                    continue
                if not self.same_but_places(tp, tq, None, "%s, sheet %s, cell %s" % (n, sheet, p.get("r"))):
                    self.problem("%s, sheet %s, cell %s: %r / %r" % (n, sheet, p.get("r"), tp, tq))
                cells += 1
        if sa != sb:
            self.problem("%s, sheet %s: the XML differs outside the cells' places" % (n, sheet))
        self.report.append("%s, sheet %s: %d of %d cells differ, %s" % (
            n, sheet, cells, len(ca), "each only in a source row's place" if len(self.problems) == before else "NOT only in places"))

    def run_json(self, n, a, b):
        ja, jb = json.load(open(a, encoding="utf-8")), json.load(open(b, encoding="utf-8"))
        ka, kb = ja.pop("finding_keys", []), jb.pop("finding_keys", [])
        if ja != jb:
            self.problem("%s: differs beyond its finding keys" % n)
        if any(len(k.split("|")) == 2 for k in ka + kb):
            # Keys as annexa writes them since issue 19: "rule|digest" of the
            # finding's identity (rule, list, column, child; for a finding
            # about no child, its source's file name and value instead). A
            # digest cannot be mapped: a finding about a child has the same
            # key on both routes; one about no child names its source (a
            # file on one route, a table on the other), so only its rule is
            # compared. The findings file above is compared field by field.
            rules = lambda ks: sorted(k.split("|")[0] for k in ks)
            if rules(ka) != rules(kb):
                self.problem("%s: the finding keys' rules differ" % n)
            same = len(set(ka) & set(kb))
            self.report.append("%s: %d finding keys, the same number of each rule; %d identical, the rest of findings "
                               "about no child, whose identity names the source" % (n, len(ka), same))
            return
        mapped = []
        for k in ka:
            f = k.split("|")  # code|list|column|source|source_row|list_row
            if len(f) == 6 and f[3]:
                record = self.lines.record_at(f[3], int(f[4])) if f[4].isdigit() else None
                f[3], f[4] = self.db_source(f[3]), str(record)
            mapped.append("|".join(f))
        if sorted(mapped) != sorted(kb):
            self.problem("%s: the finding keys differ beyond their source row's place" % n)
        self.report.append("%s: equal but for the place of its %d finding keys' source rows" % (n, len(ka)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv_pack")
    ap.add_argument("db_pack")
    ap.add_argument("--connection", required=True, help="the database route's connection name")
    ap.add_argument("--base", default=os.getcwd(), help="where relative source paths in the findings start (default: here)")
    a = ap.parse_args(argv)
    c = Compare(a.csv_pack, a.db_pack, a.connection, a.base)
    ok = c.run()
    for line in c.report:
        print("  " + line)
    for p in c.problems[:50]:
        print("  DIFFERS: " + p)
    if len(c.problems) > 50:
        print("  ... and %d more" % (len(c.problems) - 50))
    print("packs: %s" % ("the same but for each source row's place" if ok else "NOT THE SAME"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
