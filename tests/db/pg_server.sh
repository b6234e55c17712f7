#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the database tests (tests/db/):
#   pg_server.sh start DIR PORT   initdb into DIR/data, start with a private
#                                 socket folder DIR/sock and no TCP port
#   pg_server.sh psql DIR PORT DB [psql args...]   psql as the superuser
#   pg_server.sh stop DIR PORT    stop the server (fast) and remove DIR
# DIR must be an empty folder. As root (initdb refuses it) the server runs
# as the `postgres` system user, DIR handed to it. Authentication on the
# socket: role annexa_pw by password (scram-sha-256), every other role trusted.
set -euo pipefail
cmd=$1 dir=$2 port=$3
shift 3
bin=${ANNEXA_PG_BIN:-/usr/lib/postgresql/15/bin}
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    chmod 755 "$dir"
    # The server's user may not be able to enter the caller's folder (a
    # private temporary checkout): work from the server's own.
    cd "$dir"
    as_owner mkdir -p "$dir/sock"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1
    cat >"$dir/pg_hba.conf" <<HBA
local all annexa_pw scram-sha-256
local all all trust
HBA
    chmod 644 "$dir/pg_hba.conf"
    as_owner cp "$dir/pg_hba.conf" "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir/sock -c listen_addresses='' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >"$dir/pg_ctl.log" 2>&1
    ;;
  psql)
    cd "$dir"
    db=$1
    shift
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$port" -U postgres -d "$db" "$@"
    ;;
  stop)
    cd /
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_server.sh start|psql|stop DIR PORT ..." >&2
    exit 2
    ;;
esac
