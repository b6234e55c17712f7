# Sourced by bench/database_route.sh and bench/ssd_database_route.sh: what
# their two database routes share. A throwaway local PostgreSQL 15
# (tests/db/pg_server.sh: a temporary folder, a private socket, no TCP port,
# stopped and removed at the end), its ODBC driver, and one timed
# `annexa generate` run. The caller sets `name` (for messages), `root` and
# `build`, and `args` (the generate arguments both routes share).

# Exits 77 (skipped) without PostgreSQL 15 or psqlodbc.
db_route_require() {
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || { ! grep -q '^\[PostgreSQL Unicode\]' /etc/odbcinst.ini 2>/dev/null &&
    [ ! -f /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so ]; }; then
    echo "$name: skipped: PostgreSQL 15 or psqlodbc is not installed (scripts/bootstrap)" >&2
    exit 77
  fi
}

# SALT: the work folder `work` and the server's folder `pg` and `port` (SALT
# keeps two routes run at once on different ports), removed on exit unless
# KEEP is set.
db_route_setup() {
  work=$(mktemp -d)
  pg=$(mktemp -d /tmp/annexa-pg-XXXXXX)
  port=$((20000 + ($$ + $1) % 20000))
  trap db_route_cleanup EXIT
}
db_route_cleanup() {
  tests/db/pg_server.sh stop "$pg" "$port" || true
  if [ -n "${KEEP:-}" ]; then echo "$name: kept $work" >&2; else rm -rf "$work"; fi
}

# DB FILE...: starts the server, creates DB and loads each CSV FILE as the
# table of its name (tests/db/load_tables.py).
db_route_load() {
  local db=$1
  shift
  tests/db/pg_server.sh start "$pg" "$port"
  tests/db/pg_server.sh psql "$pg" "$port" postgres -c "CREATE DATABASE $db" >/dev/null
  python3 tests/db/load_tables.py "$@" >"$work/load.sql"
  tests/db/pg_server.sh psql "$pg" "$port" "$db" <"$work/load.sql" >/dev/null 2>"$work/load.err" ||
    { cat "$work/load.err" >&2; exit 1; }
  tests/db/pg_server.sh psql "$pg" "$port" "$db" -c "VACUUM ANALYZE" >/dev/null
}

# DB: the ODBC connection string to DB on the server.
db_route_connection() {
  local driver="{PostgreSQL Unicode}"
  grep -q '^\[PostgreSQL Unicode\]' /etc/odbcinst.ini 2>/dev/null || driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so
  echo "Driver=$driver;Servername=$pg/sock;Port=$port;Database=$1;Username=postgres;UseDeclareFetch=1;Fetch=10000;"
}

# ROUTE OUT ARGS...: one `annexa generate`, its wall seconds, peak KB and
# CPU seconds (user, system) appended to $work/times.tsv. Exit 1 is a pack
# written with errors (the injected defects); anything above stops the bench.
db_route_run() {
  local route=$1 out=$2 rc=0
  shift 2
  rm -rf "$out"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.out" "$annexa" generate "${args[@]}" --out "$out" "$@" \
    >"$work/run.out" 2>"$work/run.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "$name: $route failed (exit $rc):" >&2
    cat "$work/run.err" >&2
    exit 1
  fi
  printf '%s\t%s\n' "$route" "$(tail -1 "$work/time.out" | tr ' ' '\t')" >>"$work/times.tsv"
}
