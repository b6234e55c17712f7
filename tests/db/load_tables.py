#!/usr/bin/env python3
"""Writes, on standard output, the SQL that loads CSV files into tables of
the same names (file name without .csv), for psql. Every column is text and
holds exactly the file's strings once the UTF-8 byte-order mark and CRLF line
ends are removed: defects in the data (impossible dates, padded codes) survive.
A file that is not valid UTF-8 is read as Windows-1252, as annexa's
`encoding: auto` reads it.
A blank field (quoted or not) loads as NULL, which annexa reads as blank, as
it reads a blank CSV field. Rows keep the file's order: COPY numbers them
as it reads them and the table is rewritten in that order (CLUSTER), so a
plain SELECT reads them back so.

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
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError:
            # As annexa's `encoding: auto` reads it: UTF-8 when valid, else
            # Windows-1252; the table holds it as UTF-8.
            text = data.decode('cp1252')
        text = text.replace('\r\n', '\n')
        header = next(csv.reader(io.StringIO(text)))
        cols = ', '.join(ident(h) + ' text' for h in header)
        out.write('DROP TABLE IF EXISTS %s;\n' % ident(table))
        # _load_order numbers the rows as COPY reads them; CLUSTER then
        # rewrites the table in that order, so a plain SELECT returns the
        # file's order (COPY alone may put a short row in an earlier page
        # with room), and the column is dropped.
        out.write('CREATE TABLE %s (_load_order bigserial, %s);\n' % (ident(table), cols))
        names = ', '.join(ident(h) for h in header)
        out.write("COPY %s (%s) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (%s));\n"
                  % (ident(table), names, names))
        if not text.endswith('\n'):
            text += '\n'
        out.write(text)
        out.write('\\.\n')
        index = ident(table + '_load_order')
        out.write('CREATE INDEX %s ON %s (_load_order);\n' % (index, ident(table)))
        out.write('CLUSTER %s USING %s;\n' % (ident(table), index))
        out.write('ALTER TABLE %s DROP COLUMN _load_order;\n' % ident(table))
        out.write('GRANT SELECT ON %s TO PUBLIC;\n' % ident(table))


if __name__ == '__main__':
    main(sys.argv[1:])
