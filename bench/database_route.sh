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
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || { ! grep -q '^\[PostgreSQL Unicode\]' /etc/odbcinst.ini 2>/dev/null &&
  [ ! -f /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so ]; }; then
  echo "database_route: skipped: PostgreSQL 15 or psqlodbc is not installed (scripts/bootstrap)" >&2
  exit 77
fi
ninja -C "$build" annexa exampleshire_gen >/dev/null
annexa=$build/annexa
gen=$build/examples/exampleshire/generator/exampleshire_gen

work=$(mktemp -d)
pg=$(mktemp -d /tmp/annexa-pg-XXXXXX)
port=$((20000 + $$ % 20000))
cleanup() {
  tests/db/pg_server.sh stop "$pg" "$port" || true
  if [ -n "${KEEP:-}" ]; then echo "database_route: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$gen" --out "$work/data" --scale "$scale" >/dev/null
tests/db/pg_server.sh start "$pg" "$port"
tests/db/pg_server.sh psql "$pg" "$port" postgres -c "CREATE DATABASE exampleshire" >/dev/null
python3 tests/db/load_tables.py "$work"/data/*.csv >"$work/load.sql"
tests/db/pg_server.sh psql "$pg" "$port" exampleshire <"$work/load.sql" >/dev/null 2>"$work/load.err" ||
  { cat "$work/load.err" >&2; exit 1; }
tests/db/pg_server.sh psql "$pg" "$port" exampleshire -c "VACUUM ANALYZE" >/dev/null

# config/exampleshire.yaml with each CSV file as the table of its name.
driver="{PostgreSQL Unicode}"
grep -q '^\[PostgreSQL Unicode\]' /etc/odbcinst.ini 2>/dev/null || driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
python3 - "$work/db.yaml" "Driver=$driver;Servername=$pg/sock;Port=$port;Database=exampleshire;Username=postgres;UseDeclareFetch=1;Fetch=10000;" <<'EOF'
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
run() {  # ROUTE OUT ARGS...: wall seconds and peak KB of one run
  local route=$1 out=$2 rc=0
  shift 2
  rm -rf "$out"
  /usr/bin/time -f '%e %M' -o "$work/time.out" "$annexa" generate "${args[@]}" --out "$out" "$@" \
    >"$work/run.out" 2>"$work/run.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "database_route: $route failed (exit $rc):" >&2
    cat "$work/run.err" >&2
    exit 1
  fi
  printf '%s\t%s\n' "$route" "$(tail -1 "$work/time.out" | tr ' ' '\t')" >>"$work/times.tsv"
}
: >"$work/times.tsv"
for _ in $(seq "$runs"); do
  run csv "$work/out_csv" --config config/exampleshire.yaml --data-dir "$work/data"
  run database "$work/out_db" --config "$work/db.yaml"
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
    route, wall, kb = line.split('\t')
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
