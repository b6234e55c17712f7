#!/usr/bin/env python3
"""Writes, on standard output, the SQL that loads CSV files into tables of
the same names (file name without .csv), for psql. Every column is text and
holds exactly the file's strings once the UTF-8 byte-order mark and CRLF line
ends are removed: defects in the data (impossible dates, padded codes) survive.
A blank field (quoted or not) loads as NULL, which annexa reads as blank, as
it reads a blank CSV field. Rows keep the file's order (COPY appends them in
order; a fresh table is read back in that order).

usage: load_tables.py FILE.csv...
"""
import csv
import io
import os
import sys


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def main(paths):
    out = sys.stdout
    for path in paths:
        table = os.path.splitext(os.path.basename(path))[0]
        with open(path, 'rb') as f:
            data = f.read()
        if data.startswith(b'\xef\xbb\xbf'):
            data = data[3:]
        text = data.decode('utf-8').replace('\r\n', '\n')
        header = next(csv.reader(io.StringIO(text)))
        cols = ', '.join(ident(h) + ' text' for h in header)
        out.write('DROP TABLE IF EXISTS %s;\n' % ident(table))
        out.write('CREATE TABLE %s (%s);\n' % (ident(table), cols))
        out.write("COPY %s FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (%s));\n"
                  % (ident(table), ', '.join(ident(h) for h in header)))
        if not text.endswith('\n'):
            text += '\n'
        out.write(text)
        out.write('\\.\n')
        out.write('GRANT SELECT ON %s TO PUBLIC;\n' % ident(table))


if __name__ == '__main__':
    main(sys.argv[1:])
