#!/usr/bin/env bash
# A throwaway PostgreSQL server for the head-office store's tests: a new cluster in a
# temporary folder, listening on a free port of 127.0.0.1 only, with fsync off (for tests
# only: a crash loses it, and nothing in it is worth keeping).
#
#   eval "$(scripts/test-postgres.sh start)"   # exports RPLAN_PG_URL and RPLAN_PG_DIR
#   scripts/test-postgres.sh stop "$RPLAN_PG_DIR"
set -euo pipefail

pg_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$d" ] || [ ! -x "$d/pg_ctl" ]; then
    echo "test-postgres: PostgreSQL's server programs are not installed (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$d"
}

# initdb refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin="$(pg_bin)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/rplan-pg-XXXXXX")"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export RPLAN_PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export RPLAN_PG_DIR=$dir"
    ;;
  stop)
    dir="${2:?stop takes the folder start printed}"
    bin="$(pg_bin)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
