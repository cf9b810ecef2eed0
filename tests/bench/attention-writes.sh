#!/usr/bin/env bash
# The write cost of compose_attention's triggers (migration 012): pgbench runs the writes
# compose-api makes most (a form's row and one of its generations' status written in one transaction,
# as a webhook does) on compose-bench's migrated database, once with the attention triggers
# and once with them disabled, same data, same run. Loopback only; bounded by -T.
# Usage: tests/bench/attention-writes.sh postgresql://postgres@127.0.0.1:PORT/compose_bench_dash [seconds]
set -euo pipefail
url=${1:?database URL of compose_bench_dash}
secs=${2:-30}
pgbin=${COMPOSE_PG_BIN:-/usr/lib/postgresql/15/bin}
psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }
tables="compose_forms:compose_attention_forms music_generations:compose_attention_generations"
toggle() {
  for t in $tables; do psql -c "ALTER TABLE ${t%%:*} $1 TRIGGER ${t#*:}"; done
}
# 100,000 forms that have a first generation, numbered for pgbench's random().
psql -c "DROP TABLE IF EXISTS att_bench_ids" -c "CREATE TABLE att_bench_ids AS
  SELECT row_number() OVER () AS n, f.id FROM compose_forms f TABLESAMPLE SYSTEM (20)
  WHERE EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id
                AND g.song_index = 0 AND g.variation_index = 1) LIMIT 100000" \
  -c "CREATE UNIQUE INDEX ON att_bench_ids(n)" -c "ANALYZE att_bench_ids"
script=$(mktemp)
trap 'rm -f "$script"; toggle ENABLE >/dev/null 2>&1 || true; psql -c "DROP TABLE IF EXISTS att_bench_ids" || true' EXIT
cat >"$script" <<'SQL'
\set n random(1, 100000)
BEGIN;
UPDATE compose_forms SET updated_at = now() WHERE id = (SELECT id FROM att_bench_ids WHERE n = :n);
UPDATE music_generations SET status = status, updated_at = now()
 WHERE form_id = (SELECT id FROM att_bench_ids WHERE n = :n) AND song_index = 0 AND variation_index = 1;
COMMIT;
SQL
for mode in DISABLE ENABLE DISABLE ENABLE; do
  toggle $mode
  echo "== attention triggers ${mode}D =="
  "$pgbin/pgbench" -n -c 4 -j 2 -T "$secs" -f "$script" "$url" 2>&1 | grep -E "^(tps|latency average|number of transactions actually)"
done
