#!/usr/bin/env bash
# compose-api under load (issue 14, item 4), from one run on a throwaway PostgreSQL cluster:
#  1. pgbench runs the SQL of one GET /api/compose/forms?formId= (the form row and its
#     generations, as FormStore::find and GenerationStore::forForm send them) at 50 clients;
#  2. wrk runs GET /api/compose/forms?formId=<random form> at 50 clients against compose-api;
#  3. wrk measures /api/health (one client) while 20 clients fetch one large form.
# Prints both rates, their ratio, the p99s, and whether the targets are met:
#   API rate >= 25 % of pgbench's, p99 < 20 ms at 50 clients, /api/health p99 < 20 ms.
# Usage: tests/bench/api-load.sh [--forms N] [--workers N] [--duration S] [--callgrind N]
# --callgrind N: instead of the load runs, compose-api (one worker) under callgrind serves N
#   keep-alive GETs of random forms, then N/10 of the large form, from a fresh process each, and
#   prints the instructions inside FormRoutes::get per request (load-independent); the
#   callgrind files stay in $CALLGRIND_DIR when it is set.
# Needs wrk and pgbench (scripts/install-deps.sh) and a build (scripts/build.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${COMPOSE_BUILD_DIR:-$here/build}
api=$build/server/compose-api
forms=100000
workers="" # compose-api's default (four per core)
duration=10
callgrind=0
while [ $# -gt 0 ]; do
  case "$1" in
    --forms) forms=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --callgrind) callgrind=$2; shift 2 ;;
    *) echo "usage: $0 [--forms N] [--workers N] [--duration S] [--callgrind N]" >&2; exit 2 ;;
  esac
done
[[ "$forms" =~ ^[0-9]+$ && "$forms" -ge 1 ]] || { echo "--forms must be a positive number" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (scripts/install-deps.sh)" >&2; exit 2; }
[ -x "$api" ] || { echo "no $api: build first (scripts/build.sh)" >&2; exit 2; }

# shellcheck source=../../scripts/pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
pgbench=$COMPOSE_PG_BIN/pgbench
work=$(mktemp -d /tmp/compose-load.XXXXXX)
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  rm -rf "$work"
  compose_pg_stop
}
trap cleanup EXIT

psql_=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$COMPOSE_PG_PORT" -U postgres)
"${psql_[@]}" -d postgres -c "CREATE DATABASE loadbench"
url="postgresql://postgres@127.0.0.1:$COMPOSE_PG_PORT/loadbench"
"$api" --database-url "$url" --add-staff load-bench >/dev/null # applies the migrations

echo "Filling $forms forms (3 generations each) and one large form ..."
start=$(date +%s.%N)
# Every client here is 127.0.0.1, one address to the per-client rate limit (1200 a minute):
# compose-api runs with it off (--rate-limit-client 0 below), or most answers would be 429s
# and the rate would count refusals. Only 2xx answers count in the rate printed.
# Triggers off for the fill (status history, funnel rollup, NOTIFY per row): this measures
# reads, and row-by-row trigger work would make the fill take minutes.
"${psql_[@]}" -d loadbench <<SQL
SET session_replication_role = replica;
INSERT INTO compose_forms (id, package_type, song_count, form_data, generated_prompts, status,
                           guest_email, created_at, updated_at)
SELECT 'form_load_' || g, 'solo-serenade', 1,
       jsonb_build_object('recipientName', 'Recipient ' || g, 'relationship', 'friend',
                          'theme', 'merry-christmas', 'vibe', 'friendly-fun'),
       '["A merry Christmas song"]', 'variations_ready', 'guest' || g || '@example.com',
       now(), now()
FROM generate_series(1, $forms) g;
INSERT INTO music_generations (id, task_id, form_id, status, song_index, variation_index,
                               audio_url_1, audio_url_2, title_1, title_2, duration_1,
                               duration_2, created_at, completed_at)
SELECT 'gen_load_' || g || '_' || v, 'task_load_' || g || '_' || v, 'form_load_' || g,
       'completed', 0, v, 'https://cdn.example/' || g || '_' || v || '_1.mp3',
       'https://cdn.example/' || g || '_' || v || '_2.mp3', 'Song ' || g, 'Song ' || g, 180, 181,
       now(), now()
FROM generate_series(1, $forms) g, generate_series(1, 3) v;
-- The large form: about 600 kB of form data and prompts, nine generations.
INSERT INTO compose_forms (id, package_type, song_count, form_data, generated_prompts, status,
                           guest_email, created_at, updated_at)
SELECT 'form_load_large', 'holiday-hamper', 3,
       jsonb_build_object('recipientName', 'Large', 'story', repeat('A long story. ', 30000)),
       jsonb_build_array(repeat('verse ', 30000), repeat('chorus ', 20000), 'bridge'),
       'variations_ready', 'large@example.com', now(), now();
INSERT INTO music_generations (id, task_id, form_id, status, song_index, variation_index,
                               audio_url_1, title_1, created_at)
SELECT 'gen_load_large_' || s || '_' || v, 'task_load_large_' || s || '_' || v,
       'form_load_large', 'completed', s, v, 'https://cdn.example/large.mp3', 'Large', now()
FROM generate_series(0, 2) s, generate_series(1, 3) v;
ANALYZE;
SQL
echo "fill: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

if [ "$callgrind" -gt 0 ]; then
  # N requests on one keep-alive connection; the ids are drawn as wrk's script draws them.
  cat >"$work/client.py" <<'PY'
import http.client, random, sys
port, forms, n, large = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
random.seed(42)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
for _ in range(n):
    fid = "form_load_large" if large else "form_load_%d" % random.randint(1, forms)
    c.request("GET", "/api/compose/forms?formId=" + fid)
    r = c.getresponse()
    r.read()
    if r.status != 200:
        sys.exit("status %d for %s" % (r.status, fid))
PY
  for what in small large; do
    n=$callgrind
    [ "$what" = large ] && n=$(((callgrind + 9) / 10))
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    COMPOSE_MUSICGPT_KEY=unused COMPOSE_STRIPE_KEY=unused COMPOSE_STRIPE_WEBHOOK_SECRET=unused \
      valgrind --tool=callgrind --callgrind-out-file="${CALLGRIND_DIR:-$work}/cg.$what" \
      --toggle-collect='compose::FormRoutes::get(*' \
      "$api" --database-url "$url" --no-migrate --port "$port" --workers 1 \
      --expiry-interval-s 3600 --rate-limit-client 0 >"$work/api.log" 2>&1 &
    api_pid=$!
    for _ in $(seq 1 600); do
      python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://127.0.0.1:$port/api/health" 2>/dev/null && break
      sleep 0.2
    done
    python3 "$work/client.py" "$port" "$forms" "$n" "$([ "$what" = large ] && echo 1 || echo 0)"
    kill "$api_pid"
    wait "$api_pid" 2>/dev/null || true
    api_pid=""
    total=$(callgrind_annotate "${CALLGRIND_DIR:-$work}/cg.$what" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    echo "callgrind, $what form ($n requests): $((total / n)) instructions per request inside FormRoutes::get"
  done
  exit 0
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
COMPOSE_MUSICGPT_KEY=unused COMPOSE_STRIPE_KEY=unused COMPOSE_STRIPE_WEBHOOK_SECRET=unused \
  "$api" --database-url "$url" --no-migrate --port "$port" ${workers:+--workers "$workers"} \
  --expiry-interval-s 3600 --rate-limit-client 0 >"$work/api.log" 2>&1 &
api_pid=$!
base="http://127.0.0.1:$port"
up() { python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$base/api/health" 2>/dev/null; }
for _ in $(seq 1 100); do
  up && break
  sleep 0.1
done
up || { cat "$work/api.log" >&2; exit 1; }

# The same SQL as one API request (FormStore::find + GenerationStore::forForm), pgbench's
# default (simple) protocol.
cat >"$work/form.sql" <<'SQL'
\set n random(1, :forms)
SELECT f.id, f.package_type, f.song_count, f.status, f.user_id, f.guest_email, f.amount_paid, f.created_at, f.updated_at, f.expires_at, f.paid_at, f.stripe_session_id, f.stripe_payment_intent_id, f.form_data, f.generated_prompts, f.variation_task_ids, f.variation_audio_urls, f.selected_variations FROM compose_forms f WHERE f.id = 'form_load_' || :n;
SELECT id, task_id, form_id, status, audio_url_1, audio_url_2, audio_url_wav_1, audio_url_wav_2, duration_1, duration_2, title_1, title_2, share_slug_v1, share_slug_v2, conversion_id_1, conversion_id_2, song_index, variation_index, is_preview, is_selected, is_paid, share_enabled, created_at, completed_at FROM music_generations WHERE form_id = 'form_load_' || :n ORDER BY song_index, variation_index, created_at;
SQL
cat >"$work/form.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/compose/forms?formId=form_load_" .. math.random(1, $forms))
end
LUA

echo "pgbench: 50 clients, ${duration} s ..."
"$pgbench" -n -c 50 -j 2 -T "$duration" -D forms="$forms" -f "$work/form.sql" \
  -h 127.0.0.1 -p "$COMPOSE_PG_PORT" -U postgres loadbench >"$work/pgbench.txt" 2>&1
pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.txt" | tail -1)

echo "wrk: 50 clients on GET /api/compose/forms?formId=, ${duration} s (workers: ${workers:-default}) ..."
wrk -t2 -c50 -d"${duration}s" --latency -s "$work/form.lua" "$base" >"$work/wrk-forms.txt"
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk-forms.txt")
# "N requests in 10.01s": the rate of 2xx answers only (an error answered fast is no answer).
api_rps=$(awk -v bad="${non2xx:-0}" '/ requests in / { t = $4 + 0; if ($4 ~ /m,?$/) t *= 60; printf "%.1f", ($1 - bad) / t }' "$work/wrk-forms.txt")

# wrk prints latencies as 1.23ms / 456.00us / 1.20s; in ms:
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
p99() { to_ms "$(awk '$1 == "99%" {print $2}' "$1")"; }
api_p99=$(p99 "$work/wrk-forms.txt")

echo "wrk: /api/health (1 client) while 20 clients fetch the large form, ${duration} s ..."
wrk -t1 -c20 -d"$((duration + 2))s" "$base/api/compose/forms?formId=form_load_large" \
  >"$work/wrk-large.txt" &
large_pid=$!
sleep 1
wrk -t1 -c1 -d"${duration}s" --latency "$base/api/health" >"$work/wrk-health.txt"
wait "$large_pid"
health_p99=$(p99 "$work/wrk-health.txt")
large_rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-large.txt")

ratio=$(awk -v a="$api_rps" -v p="$pg_tps" 'BEGIN { printf "%.1f", 100 * a / p }')
# verdict A OP B: "met" when the comparison holds (awk does the arithmetic).
verdict() {
  if awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { exit !(op == ">=" ? a + 0 >= b + 0 : a + 0 < b + 0) }'; then
    echo met
  else
    echo "NOT met"
  fi
}
rate_ok=$(verdict "$api_rps" ">=" "$(awk -v p="$pg_tps" 'BEGIN { print 0.25 * p }')")
p99_ok=$(verdict "$api_p99" "<" 20)
health_ok=$(verdict "$health_p99" "<" 20)

cat <<OUT

| measurement ($forms forms, ${workers:-default} request workers, $(nproc) cores) | value | target |
|---|---|---|
| pgbench, same SQL, 50 clients | $pg_tps tx/s | |
| compose-api GET /api/compose/forms?formId=, 50 clients (2xx only) | $api_rps req/s (non-2xx: ${non2xx:-0}) | |
| ratio API / pgbench | $ratio % | >= 25 %: $rate_ok |
| p99 at 50 clients | $api_p99 ms | < 20 ms: $p99_ok |
| /api/health p99 while 20 clients fetch the large form ($large_rps req/s) | $health_p99 ms | < 20 ms: $health_ok |
OUT
[ "${non2xx:-0}" -eq 0 ] || echo "NOT met: ${non2xx} answers of the form GET were not 2xx (see $work/api.log)"
[ "$rate_ok" = met ] && [ "$p99_ok" = met ] && [ "$health_ok" = met ] && [ "${non2xx:-0}" -eq 0 ]
