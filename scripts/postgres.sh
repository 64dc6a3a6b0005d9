#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the tests and prints its connection string.
#   scripts/postgres.sh start <dir> [port]   → prints "Host=127.0.0.1;Port=…;Username=postgres;Database=postgres"
#   scripts/postgres.sh stop <dir>
# The server runs as the `postgres` user (it refuses to run as root) on 127.0.0.1 only, with trust
# authentication: it exists for the duration of one test run and holds nothing else.
set -euo pipefail

cmd=${1:?usage: postgres.sh start|stop DIR [PORT]}
dir=${2:?usage: postgres.sh start|stop DIR [PORT]}
port=${3:-55432}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "$cmd" in
  start)
    command -v initdb >/dev/null || { echo "postgres.sh: initdb not found on PATH (PostgreSQL 15 server binaries are needed)" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "initdb -D '$dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$dir.initdb.log" 2>&1 \
        || { echo "postgres.sh: initdb failed, see $dir.initdb.log" >&2; exit 1; }
    fi
    as_postgres "pg_ctl -D '$dir' -l '$dir/server.log' -w -t 60 -o \"-h 127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null" \
      || { echo "postgres.sh: the server did not start, see $dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
    ;;
  stop)
    as_postgres "pg_ctl -D '$dir' -m fast -w stop >/dev/null" || true
    ;;
  *)
    echo "postgres.sh: unknown command '$cmd' (start|stop)" >&2; exit 2;;
esac
