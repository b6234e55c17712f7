#!/usr/bin/env python3
"""Writes the synthetic .xlsx/.zip fixtures used by tests/sources/*_test.cc.

Run from anywhere: python3 tests/data/xlsx/make_fixtures.py
Every part is written by hand (no spreadsheet library) so each fixture holds
exactly the OOXML constructs a test names, and the output is byte-for-byte
reproducible (fixed timestamps, fixed entry order).
"""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = DECL + (
    f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
    f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def write_zip(name, parts):
    """parts: list of (entry name, str or bytes)."""
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in parts:
            info = zipfile.ZipInfo(entry, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def workbook(sheets, pr=""):
    """sheets: list of (name, rId)."""
    body = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="{rid}"/>'
                   for i, (n, rid) in enumerate(sheets))
    return DECL + (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}'
                   f'<sheets>{body}</sheets></workbook>')


def rels(items):
    """items: list of (rId, type, target)."""
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{tg}"/>'
                   for i, t, tg in items)
    return DECL + f'<Relationships xmlns="{PKG}">{body}</Relationships>'


def sheet(rows_xml):
    return DECL + f'<worksheet xmlns="{MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>'


def shared(items):
    body = "".join(f"<si>{i}</si>" for i in items)
    return DECL + f'<sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">{body}</sst>'


def styles(num_fmts, xf_fmt_ids):
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{c}"/>' for i, c in num_fmts)
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                  for i in xf_fmt_ids)
    return DECL + (f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(num_fmts)}">{fmts}</numFmts>'
                   f'<cellXfs count="{len(xf_fmt_ids)}">{xfs}</cellXfs></styleSheet>')


def cell_types():
    strings = shared([
        "<t>plain</t>",                                                  # 0
        '<r><t xml:space="preserve">Rich </t></r><r><rPr><b/></rPr><t>text</t></r>'
        '<rPh sb="0" eb="4"><t>リッチ</t></rPh><phoneticPr fontId="1"/>',  # 1
        "<t>line1_x000D_line2</t>",                                      # 2
        '<t xml:space="preserve"> </t>',                                 # 3
        "<t></t>",                                                       # 4
        "<t>Children’s &amp; young people</t>",                          # 5
    ])
    # xf index: 0 General, 1 custom date, 2 "0.00", 3 built-in 14 (date),
    # 4 quoted "Day" (not a date), 5 built-in 22 (date time), 6 [Red] number,
    # 7 built-in 49 (text "@").
    style = styles([(164, "[$-809]dd mmmm yyyy;@"), (165, "0.00"),
                    (166, "&quot;Day &quot;0"), (167, "[Red]#,##0")],
                   [0, 164, 165, 14, 166, 22, 167, 49])
    types = sheet(
        '<row r="1">'
        '<c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>inline</t></is></c>'
        '<c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t>line rich</t></r></is></c>'
        '<c r="E1" t="str"><f>UPPER(A1)</f><v>PLAIN</v></c>'
        '<c r="F1" t="b"><v>1</v></c>'
        '<c r="G1" t="b"><v>0</v></c>'
        '<c r="H1" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="I1" t="d"><v>2021-03-04T05:06:07</v></c>'
        '<c r="J1" t="d"><v>2020-02-29</v></c>'
        '<c r="K1" t="s"><v>5</v></c>'
        '</row>'
        '<row r="2">'
        '<c r="A2"><v>42</v></c>'
        '<c r="B2" t="n"><v>2.5</v></c>'
        '<c r="C2" s="2"><v>3.14159</v></c>'
        '<c r="D2" s="1"><v>44197</v></c>'
        '<c r="E2" s="3"><v>1</v></c>'
        '<c r="F2" s="3"><v>60</v></c>'
        '<c r="G2" s="3"><v>61</v></c>'
        '<c r="H2" s="5"><v>44197.5</v></c>'
        '<c r="I2" s="4"><v>7</v></c>'
        '<c r="J2" s="6"><v>1234</v></c>'
        '<c r="K2" s="7"><v>99</v></c>'
        '<c r="L2"><f>A2*2</f><v>84</v></c>'
        '<c r="M2"><v>-0.1</v></c>'
        '<c r="N2"><v>1E+20</v></c>'
        '<c r="O2" s="3"><f>TODAY()</f><v>45000</v></c>'
        '</row>'
        # No r on the row (-> row 3) and on some cells (-> next column).
        '<row><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>'
        '<row r="5">'
        '<c r="A5" t="s"><v>2</v></c>'
        '<c r="B5" t="s"><v>3</v></c>'
        '<c r="C5" t="s"><v>4</v></c>'
        '<c r="D5" s="1"/>'
        '<c r="E5" t="inlineStr"><is><t>x_x005F_x000D_y</t></is></c>'
        '<c r="F5" t="e"><v>#DIV/0!</v></c>'
        '<c r="G5" t="str"><f>""</f><v></v></c>'
        '<c r="H5" t="e"><v>#N/A</v></c>'
        '</row>'
        '<row><c t="inlineStr"><is><t>six</t></is></c></row>'
        '<row r="7"><c r="AA7"><v>27</v></c></row>')
    # Namespace-prefixed elements, rows and columns out of order.
    prefixed = DECL + (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row r="3"><x:c r="C3"><x:v>33</x:v></x:c><x:c r="A3"><x:v>31</x:v></x:c></x:row>'
        '<x:row r="1"><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>'
        '</x:sheetData></x:worksheet>')
    empty = DECL + f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>'
    # The text of an end tag inside a comment: a sliced parse must fall back.
    commented = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
                      '<!-- a </row> in a comment -->'
                      '<row r="2"><c r="A2"><v>2</v></c></row><row><c><v>3</v></c></row>')
    write_zip("cell_types.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Types", "rId1"), ("Prefixed", "rId2"), ("Empty", "rId3"),
                                      ("Commented", "rId6")])),
        ("xl/_rels/workbook.xml.rels", rels([
            ("rId1", "worksheet", "/xl/worksheets/sheet1.xml"),
            ("rId2", "worksheet", "worksheets/sheet2.xml"),
            ("rId3", "worksheet", "./worksheets/../worksheets/sheet3.xml"),
            ("rId4", "sharedStrings", "sharedStrings.xml"),
            ("rId5", "styles", "styles.xml"),
            ("rId6", "worksheet", "worksheets/sheet4.xml")])),
        ("xl/worksheets/sheet1.xml", types),
        ("xl/worksheets/sheet2.xml", prefixed),
        ("xl/worksheets/sheet3.xml", empty),
        ("xl/worksheets/sheet4.xml", commented),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", style),
    ])


def date1904():
    # No sharedStrings part: both it and styles are optional.
    write_zip("date1904.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Dates", "rId1")], '<workbookPr date1904="1"/>')),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                             ("rId2", "styles", "styles.xml")])),
        ("xl/worksheets/sheet1.xml", sheet(
            '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>366</v></c>'
            '<c r="C1"><v>5</v></c></row>')),
        ("xl/styles.xml", styles([], [0, 14])),
    ])


def bad_parts():
    # A bad reference in the 6th row: its offset must read the same whether
    # the part is parsed whole or in slices.
    bad_ref = sheet("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 6)) +
                    '<row r="6"><c r="A6"><v>6</v></c><c r="7B"><v>7</v></c></row>')
    print("bad_parts.xlsx BadRef: <c r=\"7B\"> at byte", bad_ref.index('<c r="7B"') + 1)
    write_zip("bad_parts.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("BadXml", "rId1"), ("NoRel", "rId9"),
                                      ("BadIndex", "rId3"), ("NoPart", "rId4"),
                                      ("BadRef", "rId5")])),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                             ("rId3", "worksheet", "worksheets/sheet3.xml"),
                                             ("rId4", "worksheet", "worksheets/sheet4.xml"),
                                             ("rId5", "worksheet", "worksheets/sheet5.xml")])),
        ("xl/worksheets/sheet1.xml", sheet('<row r="1"><c r="A1"><v>1</v></c></row')),
        ("xl/worksheets/sheet3.xml", sheet('<row r="1"><c r="A1" t="s"><v>99</v></c></row>')),
        ("xl/worksheets/sheet5.xml", bad_ref),
    ])


def council_export():
    # A council's export as the xlsx source kind reads it (source_readers_test.cc):
    # a notes sheet first, then a title row above the headers, a header cell
    # missing (C2), a date cell, and a row blank but for a space.
    cell = lambda ref, text: f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    write_zip("council_export.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Notes", "rId1"), ("Children", "rId2")])),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                             ("rId2", "worksheet", "worksheets/sheet2.xml"),
                                             ("rId3", "styles", "styles.xml")])),
        ("xl/worksheets/sheet1.xml", sheet(
            f'<row r="1">{cell("A1", "Note")}</row><row r="2">{cell("A2", "made by hand")}</row>')),
        ("xl/worksheets/sheet2.xml", sheet(
            f'<row r="1">{cell("A1", "Children export")}</row>'
            f'<row r="2">{cell("A2", "ID")}{cell("B2", "DOB")}{cell("D2", " Team ")}</row>'
            f'<row r="3">{cell("A3", "C1")}<c r="B3" s="1"><v>44197</v></c><c r="C3"><v>3</v></c>'
            f'{cell("D3", "North")}</row>'
            f'<row r="4">{cell("A4", " ")}</row>'
            f'<row r="5">{cell("A5", "C2")}<c r="C5"><v>2.5</v></c>{cell("D5", "South")}</row>')),
        ("xl/styles.xml", styles([], [0, 14])),
    ])


def doctype():
    wb = DECL + (
        '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="&b;" sheetId="1" r:id="rId1"/></sheets></workbook>')
    write_zip("doctype.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", wb),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheet", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sheet("")),
    ])


def no_workbook():
    write_zip("no_workbook.xlsx", [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("docProps/app.xml", DECL + "<Properties/>"),
    ])


def zip_limits():
    # 100 kB of zeros deflates to ~100 bytes: a miniature zip bomb.
    write_zip("zeros.zip", [
        ("small.txt", "hello"),
        ("zeros.bin", bytes(100_000)),
        ("b.bin", bytes(800)),
        ("c.bin", bytes(800)),
    ])
    # The same bomb with headers that claim 10 bytes: only counting the
    # inflated bytes catches it.
    path = os.path.join(HERE, "lying_size.zip")
    write_zip("lying_size.zip", [("liar.bin", bytes(100_000))])
    data = bytearray(open(path, "rb").read())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 10)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)
    open(path, "wb").write(bytes(data))


if __name__ == "__main__":
    cell_types()
    date1904()
    bad_parts()
    council_export()
    doctype()
    no_workbook()
    zip_limits()
