#!/usr/bin/env bash
# A persistent PostgreSQL 15 cluster for compose-bench, so a 10M-form fill is done once and
# measured many times (scripts/pg-cluster.sh makes a throwaway one per run instead).
#
#   bench-cluster.sh start DIR    initdb DIR/data if needed, start it if not running, print its URL
#   bench-cluster.sh stop DIR     stop it (fast shutdown; the data stays)
#   bench-cluster.sh url DIR      print the URL of the running cluster (exit 1 if not running)
#   bench-cluster.sh destroy DIR  stop it and remove DIR
#
# The cluster runs like --start-cluster's: wal_level=minimal (the fill's COPY into tables
# truncated in the same transaction, and every index build, write no WAL), fsync off (a bench
# database: after a crash of the machine it is refilled, not repaired). Its port is kept in
# DIR/port and reused while free. Everything here is loopback only. Temporary files are logged
# (log_temp_files=0, DIR/server.log): they count against the fill's disk budget at its peak.
set -euo pipefail
cmd=${1:?usage: bench-cluster.sh start|stop|url|destroy DIR}
dir=${2:?usage: bench-cluster.sh start|stop|url|destroy DIR}
pg_bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$pg_bin" ] || { echo "PostgreSQL 15 is not installed (scripts/install-deps.sh)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
running() { [ -d "$dir/data" ] && as_pg "$pg_bin/pg_ctl -D '$dir/data' status" >/dev/null 2>&1; }
url() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"; }
free_port() {
  python3 -c 'import socket,sys
p=int(sys.argv[1]) if len(sys.argv)>1 else 0
s=socket.socket()
try: s.bind(("127.0.0.1",p))
except OSError: s.bind(("127.0.0.1",0))
print(s.getsockname()[1])' "$@"
}

case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  if running; then url; exit 0; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir/data"
    as_pg "$pg_bin/initdb -D '$dir/data' -U postgres -A trust -E UTF8 --no-locale" \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  port=$(free_port "$(cat "$dir/port" 2>/dev/null || echo 0)")
  echo "$port" >"$dir/port"
  as_pg "$pg_bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -t 300 start \
    -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
         -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=2GB \
         -c checkpoint_timeout=30min -c log_temp_files=0 ${COMPOSE_PG_EXTRA_OPTS:-}\"" >/dev/null \
    || { tail -20 "$dir/server.log" >&2; exit 1; }
  url
  ;;
stop)
  if running; then as_pg "$pg_bin/pg_ctl -D '$dir/data' -m fast -w -t 120 stop" >/dev/null; fi
  ;;
url)
  running || { echo "no cluster running in $dir" >&2; exit 1; }
  url
  ;;
destroy)
  if running; then as_pg "$pg_bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: bench-cluster.sh start|stop|url|destroy DIR" >&2
  exit 2
  ;;
esac
