#!/usr/bin/env bash
# The database route against the CSV route on the SSD-shaped council
# (examples/ssd_council/, docs/database.md): Safeguardshire made by its
# generator at SCALE (224: the 65,000 children of Exampleshire at scale 1.0,
# the largest English council; bench/README.md), its tables loaded into a
# throwaway local PostgreSQL 15 (tests/db/pg_server.sh: a temporary folder, a
# private socket, no TCP port, stopped and removed at the end) by
# tests/db/load_tables.py, then `annexa generate` with
# config/profiles/ssd.yaml on the CSV files and with
# config/profiles/ssd_database.yaml (its connection pointed at that server)
# on the tables, RUNS times each, interleaved. Prints the rows of each list,
# the median wall time and peak memory of each route and their ratios, and
# compares the two packs with bench/compare_packs.py: every file
# byte-identical but for where each finding's source row is (a CSV file and
# line, or the connection, table and row), and that place checked right.
#
# Usage: bench/ssd_database_route.sh   Environment: BUILD_DIR [build],
#   SCALE [224], RUNS [3], OUT [a file to append the markdown to; default
#   stdout only], KEEP [set: keep the work folder and its two packs]
# Exits 1 when the packs disagree, 77 (skipped) without PostgreSQL 15 or
# psqlodbc. CTest runs it at scale 1 as a test; bench/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
scale=${SCALE:-224}
runs=${RUNS:-3}
name=ssd_database_route
. bench/db_route_common.sh
db_route_require
annexa=$build/annexa
[ -x "$annexa" ] || ninja -C "$build" annexa >/dev/null

db_route_setup 7919

# The data: the generator's own files only (not its defect and probe
# manifests, which no profile reads).
python3 examples/ssd_council/generator/make_ssd_council.py --scale "$scale" --out "$work/gen" >"$work/gen.out"
mkdir "$work/data"
for f in "$work"/gen/*.csv; do
  case ${f##*/} in defects.csv | probes.csv) ;; *) mv "$f" "$work/data/" ;; esac
done
db_route_load ssd "$work"/data/*.csv

# config/profiles/ssd_database.yaml with its `connections:` block replaced by
# a connection string to the server (the rest of the profile as shipped).
python3 - "$work/db.yaml" "$(db_route_connection ssd)" <<'EOF'
import sys
text = open('config/profiles/ssd_database.yaml').read()
start, end = text.index('\nconnections:\n'), text.index('\nsources:\n')
text = text[:start] + '\nconnections:\n  ssd:\n    connection_string: "%s"\n' % sys.argv[2] + text[end:]
open(sys.argv[1], 'w').write(text)
EOF

args=(--reference-date 2026-11-23 --generated-at 2026-11-23T09:30:00 --quiet --no-history)  # the routes compared, not a history of runs
: >"$work/times.tsv"
for _ in $(seq "$runs"); do
  db_route_run csv "$work/out_csv" --config config/profiles/ssd.yaml --data-dir "$work/data"
  db_route_run database "$work/out_db" --config "$work/db.yaml"
done

set +e
python3 bench/compare_packs.py "$work/out_csv" "$work/out_db" --connection ssd >"$work/compare.out"
same=$?
set -e
children=$(sed -n 's/^children: //p' "$work/gen.out")
python3 - "$work" "$scale" "$children" "$same" "${OUT:-}" <<'EOF'
import csv, glob, json, statistics, sys
work, scale, children, same, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == '0', sys.argv[5]
t = {}
for line in open(work + '/times.tsv'):
    route, wall, kb, user, system = line.split('\t')
    t.setdefault(route, []).append((float(wall), int(kb), float(user) + float(system)))
med = {r: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v) / 1024,
           statistics.median(x[2] for x in v)) for r, v in t.items()}
rows = 0
for f in glob.glob(work + '/data/*.csv'):
    with open(f, encoding='utf-8-sig', newline='') as fh:
        rows += sum(1 for _ in csv.reader(fh)) - 1
run = json.load(open(glob.glob(work + '/out_csv/*_run.json')[0]))
counts = [('List %s' % x['list'] if isinstance(x['list'], int) else x['list'], x['rows']) for x in run['lists']]
n = len(t['csv'])
lines = [
    '| route (Safeguardshire, SSD tables, scale %s: %s children, %s source rows) | median wall s | peak MB | median CPU s |'
    % (scale, format(children, ','), format(rows, ',')),
    '|---|---:|---:|---:|',
    '| CSV files (config/profiles/ssd.yaml) | %.2f | %.0f | %.2f |' % med['csv'],
    '| PostgreSQL through ODBC (config/profiles/ssd_database.yaml; psqlodbc, local socket, batches of 10,000) | %.2f | %.0f | %.2f |'
    % med['database'],
    '| ratio database / CSV | %.2fx | %.2fx | %.2fx |' % tuple(med['database'][i] / med['csv'][i] for i in range(3)),
    '',
    'Rows per list (%s runs of each route): %s.' % (n, ', '.join('%s %s' % (k, format(v, ','))
                                                              for k, v in counts)),
    '',
    'Packs (bench/compare_packs.py): %s.' % ('the same but for each source row\'s place' if same else 'NOT THE SAME'),
]
print('\n'.join(lines))
print(open(work + '/compare.out').read(), end='')
if out:
    open(out, 'a').write('\n'.join(lines) + '\n')
sys.exit(0 if same else 1)
EOF
