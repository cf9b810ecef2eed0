#!/usr/bin/env bash
# Source this file: starts a throwaway PostgreSQL 15 cluster on a free loopback port in a
# temporary folder, exports COMPOSE_TEST_PG_URL, and removes everything on exit (also on
# failure or Ctrl-C). initdb/postgres refuse to run as root, so as root they run as `postgres`.
pg_bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$pg_bin" ] || { echo "PostgreSQL 15 is not installed (scripts/install-deps.sh)" >&2; return 1; }

COMPOSE_PG_DIR=$(mktemp -d /tmp/compose-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres: "$COMPOSE_PG_DIR"
chmod 700 "$COMPOSE_PG_DIR"

compose_pg_stop() {
  if [ -n "${COMPOSE_PG_DIR:-}" ] && [ -d "$COMPOSE_PG_DIR" ]; then
    as_pg "$pg_bin/pg_ctl -D '$COMPOSE_PG_DIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$COMPOSE_PG_DIR"
  fi
}
trap compose_pg_stop EXIT
trap 'exit 130' INT TERM

COMPOSE_PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$pg_bin/initdb -D '$COMPOSE_PG_DIR/data' -U postgres -A trust -E UTF8 --no-locale" >"$COMPOSE_PG_DIR/initdb.log" 2>&1 \
  || { cat "$COMPOSE_PG_DIR/initdb.log" >&2; return 1; }
as_pg "$pg_bin/pg_ctl -D '$COMPOSE_PG_DIR/data' -l '$COMPOSE_PG_DIR/server.log' -w -t 60 start \
  -o \"-p $COMPOSE_PG_PORT -k $COMPOSE_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off \
       -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
       ${COMPOSE_PG_EXTRA_OPTS:-}\"" >/dev/null \
  || { cat "$COMPOSE_PG_DIR/server.log" >&2; return 1; }
export COMPOSE_PG_DIR COMPOSE_PG_PORT
export COMPOSE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$COMPOSE_PG_PORT/postgres"
export COMPOSE_PG_BIN="$pg_bin"
echo "PostgreSQL 15 test cluster on 127.0.0.1:$COMPOSE_PG_PORT ($COMPOSE_PG_DIR)"
