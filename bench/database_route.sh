#!/usr/bin/env bash
# The database route against the CSV route (docs/database.md): Exampleshire
# at the largest council's scale, its extracts loaded into a throwaway local
# PostgreSQL 15 (tests/db/pg_server.sh: a temporary folder, a private socket,
# no TCP port, stopped and removed at the end), then `annexa generate` read
# from the CSV files and read through ODBC (psqlodbc, fetched in batches of
# 10,000) from the same rows, RUNS times each. Prints the median wall time and
# peak memory of each route, their ratios, and whether the packs agree
# (bench/compare_packs.py: every file byte for byte but where each finding's
# source row is, a CSV file and line or a table and result row, that place
# checked right). bench/run calls it; it also runs alone.
# bench/ssd_database_route.sh does the same for the SSD-shaped council.
#
# Usage: bench/database_route.sh   Environment: BUILD_DIR [build], SCALE [1.0],
#   RUNS [3], OUT [a file to append the markdown rows to; default stdout only],
#   KEEP [set: keep the work folder, for a look at the two packs]
# Exits 1 when the two routes' packs disagree, 77 (skipped) without
# PostgreSQL 15 or psqlodbc. CTest runs it at a small scale as a test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
scale=${SCALE:-1.0}
runs=${RUNS:-3}
name=database_route
. bench/db_route_common.sh
db_route_require
ninja -C "$build" annexa exampleshire_gen >/dev/null
annexa=$build/annexa
gen=$build/examples/exampleshire/generator/exampleshire_gen

db_route_setup 0

"$gen" --out "$work/data" --scale "$scale" >/dev/null
db_route_load exampleshire "$work"/data/*.csv

# config/exampleshire.yaml with each CSV file as the table of its name.
python3 - "$work/db.yaml" "$(db_route_connection exampleshire)" <<'EOF'
import re, sys
text = open('config/exampleshire.yaml').read()
text = re.sub(r'(?m)^(\s+)file: (\w+)\.csv$', r'\1connection: db\n\1table: \2', text)
text = re.sub(r'\{file: (\w+)\.csv(, encoding: \w+)?', r'{connection: db, table: \1', text)
text = re.sub(r'(?m)^(  \w+): (\w+)\.csv$', r'\1: {connection: db, table: \2}', text)
assert '.csv' not in text.split('\nlists:')[0].split('\nsources:')[1], 'a source left as a file'
text = text.replace('\nsources:\n', '\nconnections:\n  db:\n    connection_string: "%s"\n\nsources:\n' % sys.argv[2], 1)
open(sys.argv[1], 'w').write(text)
EOF

args=(--generated-at 2026-11-23T09:30:00 --quiet --no-history)  # the routes compared, not a history of runs
: >"$work/times.tsv"
for _ in $(seq "$runs"); do
  db_route_run csv "$work/out_csv" --config config/exampleshire.yaml --data-dir "$work/data"
  db_route_run database "$work/out_db" --config "$work/db.yaml"
done

# The whole packs (not only the workbooks): byte for byte but where each
# finding's source row is, that place checked right (bench/compare_packs.py).
set +e
python3 bench/compare_packs.py "$work/out_csv" "$work/out_db" --connection db >"$work/compare.out"
same=$?
set -e
rows=$(cat "$work"/data/*.csv | wc -l)
python3 - "$work" "$scale" "$rows" "${OUT:-}" "$same" <<'EOF'
import statistics, sys
work, scale, rows, out, same = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5] == '0'
t = {}
for line in open(work + '/times.tsv'):
    route, wall, kb = line.split('\t')[:3]
    t.setdefault(route, []).append((float(wall), int(kb)))
med = {r: (statistics.median(w for w, _ in v), statistics.median(k for _, k in v) / 1024) for r, v in t.items()}
lines = [
    '| route (Exampleshire, scale %s, %d source lines) | median wall s | peak MB |' % (scale, rows),
    '|---|---:|---:|',
    '| CSV files | %.2f | %.0f |' % med['csv'],
    '| PostgreSQL through ODBC (psqlodbc, local socket, batches of 10,000) | %.2f | %.0f |' % med['database'],
    '| ratio database / CSV | %.2fx | %.2fx |' % (med['database'][0] / med['csv'][0], med['database'][1] / med['csv'][1]),
    '',
    'Packs (bench/compare_packs.py): %s.' % ('the same but for each source row\'s place' if same else 'NOT THE SAME'),
]
print('\n'.join(lines))
print(open(work + '/compare.out').read(), end='')
if out:
    open(out, 'a').write('\n'.join(lines) + '\n')
if not same:
    sys.exit(1)
EOF
