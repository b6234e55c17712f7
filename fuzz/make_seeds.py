#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from files in the repo.

Run from anywhere: python3 fuzz/make_seeds.py   (deterministic; rerun after
changing a source file it copies). Every seed is synthetic: heads of the
Exampleshire extracts, the test fixtures, the configs and the specs. Each is
kept small so that libFuzzer mutates it quickly (see -max_len in scripts/fuzz).
Input formats: fuzz/fuzz_entry.h.
"""
import os
import re
import zipfile

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
CORPUS = os.path.join(FUZZ, "corpus")


def read(*parts):
    with open(os.path.join(ROOT, *parts), "rb") as f:
        return f.read()


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def head(data, lines):
    return b"".join(data.splitlines(keepends=True)[:lines])


def bundle(parts):
    """parts: list of (name, bytes) -> the '@@ name' bundle of fuzz_entry.h."""
    out = b""
    for name, body in parts:
        out += b"@@ " + name.encode() + b"\n" + body
        if not body.endswith(b"\n"):
            out += b"\n"
    return out


def trim_codes(text, keep=3):
    """codes.yaml with only the first `keep` values of each code set."""
    out, count, skipping = [], 0, False
    for line in text.decode().splitlines(keepends=True):
        if re.match(r"^  \S", line):  # a new code set
            count, skipping = 0, False
        elif re.match(r"^      - ", line):  # a new value
            count += 1
            skipping = count > keep
        elif not line.startswith("        "):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out).encode()


def csv_seeds():
    # Byte 0 XOR '0' picks the options (fuzz_entry.h): '0' defaults,
    # '1' ';', '2' tab, '8' Windows-1252, ' ' no trim, 'p' header on line 3,
    # 0xB0 fields of at most 64 bytes.
    data = os.path.join("examples", "exampleshire", "data")
    for name in ["people", "referrals", "contacts", "placements"]:
        write("csv", name + "_head", b"0" + head(read(data, name + ".csv"), 6))
    contacts = head(read(data, "contacts.csv"), 4)
    write("csv", "semicolon", b"1" + contacts.replace(b",", b";"))
    write("csv", "tab", b"2" + contacts.replace(b",", b"\t"))
    write("csv", "quoted_crlf", b'0id,note\r\n1,"a ""quoted"" value\r\nover two lines"\r\n2, "x, y" \r\n')
    write("csv", "bom", b"0\xef\xbb\xbfChild ID,DOB\n1,2012-01-31\n\n2,31/01/2012\n")
    write("csv", "windows1252", b"8name,town\nAndr\xe9,Z\xfcrich\n\x80\x93,\x9d\x81\n")
    write("csv", "title_rows", b"pExtract of 23/11/2026\nrun by: report server\nid,dob\n1,2012-01-01\n")
    write("csv", "no_trim", b" a, b\n 1 , \"2\" \n")
    write("csv", "small_fields", b"\xb0a,b\n\"" + b"x" * 70 + b"\",1\n")
    write("csv", "ragged", b"0a,b,c\n1,2\n1,2,3,4\n\"open\n")


def xlsx_seeds():
    fixtures = os.path.join(ROOT, "tests", "data", "xlsx")
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith((".xlsx", ".zip")):
            continue
        raw = read("tests", "data", "xlsx", name)
        write("xlsx", name, raw)
        if not name.endswith(".xlsx"):
            continue
        with zipfile.ZipFile(os.path.join(fixtures, name)) as z:
            parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
        write("xlsx_xml", name.replace(".xlsx", ".bundle"), bundle(parts))


def cin_seeds():
    full = read("tests", "data", "cin_census", "full_child.xml")
    write("cin_census", "full_child.xml", full)
    write("cin_census", "minimal.xml",
          b'<?xml version="1.0"?>\n<Message><Children><Child><ChildIdentifiers>'
          b"<LAchildID>A1</LAchildID></ChildIdentifiers><CINdetails>"
          b"<CINreferralDate>2024-01-02</CINreferralDate></CINdetails></Child></Children></Message>\n")
    write("cin_census", "not_cin.xml", b"<Other><Child/></Other>\n")


def config_seeds():
    for path in ["template.yaml", "exampleshire.yaml", "profiles/cin_census.yaml", "profiles/ssda903.yaml"]:
        write("config", path.replace("/", "_"), read("config", path))
    # A report-server source, so the http settings are reached too.
    write("config", "http_source.yaml",
          "council: Anyshire\nla_code: '999'\nreference_date: 2026-11-23\nsources:\n"
          "  contacts:\n    url: https://reports.example.invalid/contacts.csv\n"
          "    auth: {type: bearer, token_env: ANNEXA_TOKEN}\n    timeout_seconds: 120\n"
          "    connect_timeout_seconds: 10\n    retries: 3\n    max_megabytes: 512\n"
          "    header_row: 2\n    delimiter: tab\n    encoding: windows-1252\n"
          "lists:\n  1:\n    from: contacts\n    columns:\n      child_id: ID\n"
          "      contact_date: {column: Date, date_format: DD/MM/YYYY}\n")


def spec_seeds():
    codes = trim_codes(read("annex_a_specs", "codes.yaml"))
    columns = read("annex_a_specs", "columns.yaml")
    v19 = os.path.join("annex_a_specs", "ilacs-2019")
    v23 = os.path.join("annex_a_specs", "ilacs-2023")
    lists19 = ["list_01_contacts.yaml", "list_03_referrals.yaml", "list_08_children_in_care.yaml",
               "list_09_care_leavers.yaml"]
    # version.yaml naming only the list files the seed carries (the seed
    # stays under scripts/fuzz's -max_len).
    version19 = b"".join(line for line in read(v19, "version.yaml").splitlines(keepends=True)
                         if not re.match(rb"^  - list_\d+_\w+\.yaml", line)
                         or line.strip()[2:].decode() in lists19)
    parts = [("codes.yaml", codes), ("columns.yaml", columns), ("ilacs-2019/version.yaml", version19)]
    if os.path.exists(os.path.join(ROOT, "annex_a_specs", "audited_cases.yaml")):
        parts.append(("audited_cases.yaml", read("annex_a_specs", "audited_cases.yaml")))
    for name in lists19:
        parts.append(("ilacs-2019/" + name, read(v19, name)))
    write("spec", "ilacs_2019_part.bundle", bundle(parts))
    parts += [("ilacs-2023/version.yaml", read(v23, "version.yaml")),
              ("ilacs-2023/list_09_care_leavers.yaml", read(v23, "list_09_care_leavers.yaml"))]
    write("spec", "ilacs_2023_on_2019.bundle", bundle(parts))
    write("spec", "minimal.bundle", bundle([
        ("codes.yaml", b"code_sets:\n  YN:\n    title: Yes or no\n    values:\n"
                       b"      - display: 'a) Yes'\n        aliases: [Y]\n      - display: 'b) No'\n"
                       b"        versions: [v1]\n"),
        ("columns.yaml", b"columns:\n  child_id:\n    header: Child ID\n    type: id\n    blank: never\n"),
        ("v1/version.yaml", b"version: v1\ntitle: One\nlists: [l1.yaml]\n"),
        ("v1/l1.yaml", b"list: 1\ntitle: List 1\nsheet: L1\ninclusion: all\ngrain: child\n"
                       b"window: {months: 6}\nsummary: {date: seen, breakdowns: [yn]}\ncolumns:\n"
                       b"  - use: child_id\n  - key: seen\n    header: Seen\n    type: date\n    blank: never\n"
                       b"  - key: yn\n    header: Y/N\n    type: code\n    code_set: YN\n"
                       b"    blank: conditional\n    blank_when: seen is blank\n  - key: n\n    header: N\n"
                       b"    type: integer\n    min: 0\n    max: 9\n    blank: allowed\n"),
        ("v2/version.yaml", b"version: v2\ntitle: Two\nbase: v1\nlists: []\n"),
    ]))


def main():
    csv_seeds()
    xlsx_seeds()
    cin_seeds()
    config_seeds()
    spec_seeds()


if __name__ == "__main__":
    main()
