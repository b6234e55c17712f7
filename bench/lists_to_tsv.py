#!/usr/bin/env python3
"""Dumps the 11 Annex A list sheets of an annexa workbook as typed TSV files,
the input of the bare libxlsxwriter program (xlsx_floor.c), so that it writes
exactly the cells annexa wrote. Standard library only; run once per data set,
outside the timings.

Usage: lists_to_tsv.py WORKBOOK OUT_DIR
Writes OUT_DIR/list_NN.tsv: line 1 the sheet name and title, line 2 the
headers, then one line per data row. A cell is empty (blank), "s:" text,
"n:" a number or "d:" a date serial; text escapes \\, tab and newline.
"""
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

CELL = re.compile(
    r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?'
    r'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)</c>)')


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def esc(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def date_styles(book):
    """Indexes of the cell formats whose number format is a date."""
    styles = book.read("xl/styles.xml").decode()
    fmts = {m.group(1): m.group(2) for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
    out = set()
    for i, m in enumerate(re.finditer(r'<xf numFmtId="(\d+)"', xfs)):
        if "yy" in fmts.get(m.group(1), ""):
            out.add(str(i))
    return out


def main():
    book_path, out_dir = sys.argv[1], Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    book = zipfile.ZipFile(book_path)
    dates = date_styles(book)
    workbook = book.read("xl/workbook.xml").decode()
    rels = book.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    total = 0
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', workbook):
        m = re.fullmatch(r"List_(\d+)", name)
        if not m:
            continue
        xml = book.read("xl/" + targets[rid]).decode()
        rows = {}
        width = 0
        for letters, row, style, kind, value, text in CELL.findall(xml):
            c = col_index(letters)
            width = max(width, c + 1)
            if kind == "inlineStr":
                cell = "s:" + esc(unescape(text, {"&quot;": '"', "&apos;": "'"}))
            elif value == "":
                cell = ""
            elif style in dates:
                cell = "d:" + value
            else:
                cell = "n:" + value
            rows.setdefault(int(row), {})[c] = cell
        with open(out_dir / ("list_%02d.tsv" % int(m.group(1))), "w", encoding="utf-8", newline="\n") as f:
            for r in sorted(rows):
                cells = rows[r]
                if r == 1:  # title
                    f.write(name + "\t" + cells.get(0, "s:")[2:] + "\n")
                    continue
                line = [cells.get(c, "") for c in range(width)]
                if r == 2:  # headers: plain text
                    line = [x[2:] for x in line]
                else:
                    total += 1
                f.write("\t".join(line) + "\n")
    print(total)


if __name__ == "__main__":
    main()
