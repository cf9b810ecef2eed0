#!/usr/bin/env bash
# Issue 14 from one run: every target with ok/MISS in one table at the end.
#   1. the windowed list at the small (1M) and large (10M) database: jumps < 100 ms, RSS < 150 MB
#      at any depth, the row count exact;
#   2. the questions at the large database: p95 < 20 ms, funnel < 10 ms, attention queues < 20 ms;
#      and the agent's search there (--child search): first rows < 100 ms, a result opened while
#      the list still counts < 100 ms;
#   3. first paint of the real window (first-paint.py) on the demo, small and large databases
#      (< 300 ms, UI-thread gaps < 16 ms), and the previews child (UI gap < 16 ms, time to sound
#      after a switch < 300 ms median) with a
#      PulseAudio null sink;
#   4. compose-api under load (api-load.sh);
#   5. the replica test (tst_replica on a throwaway cluster, as scripts/test.sh runs it).
# The two databases live in persistent clusters (tests/bench/bench-cluster.sh): filled once by
# the first run (compose-bench --cluster-dir … --reuse), measured again by every later run, whose
# output still reprints the fill's own report (time, CPU, disk).
#
# Usage: tests/bench/targets.sh [--forms-large N] [--forms-small N] [--dir-large DIR]
#          [--dir-small DIR] [--runs N] [--paint-runs N] [--api-forms N] [--api-duration S]
#          [--keep-clusters]
# Defaults: 10,000,000 forms in /var/tmp/compose-bench-10m, 1,000,000 in /var/tmp/compose-bench-1m.
# On an idle machine it takes about 25 minutes once both fills exist (the search child at 10M:
# 3 of them on the code before the fix of its anchors). Exit status 0 when every
# target is met. Needs a build (scripts/build.sh) and the packages of scripts/install-deps.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${COMPOSE_BUILD_DIR:-$here/build}
bench=$build/tests/bench/compose-bench
cluster_sh=$here/tests/bench/bench-cluster.sh
forms_large=10000000
forms_small=1000000
dir_large=/var/tmp/compose-bench-10m
dir_small=/var/tmp/compose-bench-1m
runs=20
paint_runs=5
api_forms=100000
api_duration=10
keep=0
usage() {
  echo "usage: $0 [--forms-large N] [--forms-small N] [--dir-large DIR] [--dir-small DIR]" \
    "[--runs N] [--paint-runs N] [--api-forms N] [--api-duration S] [--keep-clusters]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --forms-large) forms_large=$2; shift 2 ;;
    --forms-small) forms_small=$2; shift 2 ;;
    --dir-large) dir_large=$2; shift 2 ;;
    --dir-small) dir_small=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --paint-runs) paint_runs=$2; shift 2 ;;
    --api-forms) api_forms=$2; shift 2 ;;
    --api-duration) api_duration=$2; shift 2 ;;
    --keep-clusters) keep=1; shift ;;
    *) usage ;;
  esac
done
for n in "$forms_large" "$forms_small" "$runs" "$paint_runs" "$api_forms" "$api_duration"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || { echo "counts must be positive numbers: $n" >&2; exit 2; }
done
[ "$dir_large" != "$dir_small" ] || { echo "--dir-large and --dir-small must differ" >&2; exit 2; }
for b in "$bench" "$build/app/compose-dashboard" "$build/server/compose-api" "$build/tests/tst_replica"; do
  [ -x "$b" ] || { echo "no $b: build first (scripts/build.sh)" >&2; exit 2; }
done
for t in pulseaudio Xvfb wrk psql; do
  command -v "$t" >/dev/null || { echo "$t is missing (scripts/install-deps.sh)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/compose-targets.XXXXXX)
started=()
pulse_dir=""
cleanup() {
  if [ -n "$pulse_dir" ]; then
    XDG_RUNTIME_DIR=$pulse_dir pulseaudio --kill >/dev/null 2>&1 || true
  fi
  if [ "$keep" -eq 0 ]; then
    for d in "${started[@]}"; do bash "$cluster_sh" stop "$d" || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rows=()  # "area|target|measured|ok or MISS"
row() { rows+=("$1|$2|$3|$4"); }
verdict() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { ok = op == "<" ? a + 0 < b + 0 : a + 0 >= b + 0; print ok ? "ok" : "MISS" }'; }
section() { echo; echo "== $* ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"; }
t0=$(date +%s)

# A cluster per size, running for the whole run (stopped at the end if started here).
start_cluster() { # dir, variable for its URL
  local dir=$1
  if ! bash "$cluster_sh" url "$dir" >/dev/null 2>&1; then started+=("$dir"); fi
  printf -v "$2" '%s' "$(bash "$cluster_sh" start "$dir")"
}
db_url() { echo "${1%/postgres}/compose_bench_dash"; }

# The fill (first run only) and, for the large database, the questions; both print the fill's
# report, saved beside the data.
section "databases: $forms_small and $forms_large forms"
url_small="" url_large=""
start_cluster "$dir_small" url_small
start_cluster "$dir_large" url_large
"$bench" --cluster-dir "$dir_small" --forms "$forms_small" --skip-raw --reuse --fill-only \
  >"$work/fill-small.txt" 2>&1 || { cat "$work/fill-small.txt"; echo "fill of $dir_small failed" >&2; exit 1; }
grep -E '^(\(saved\) )?(fill|all migrations|pending migrations|disk|cluster directory)' "$work/fill-small.txt" || true

section "2. the questions at $forms_large forms"
"$bench" --cluster-dir "$dir_large" --forms "$forms_large" --skip-raw --reuse --only-questions \
  --runs "$runs" >"$work/questions.txt" 2>&1 || { cat "$work/questions.txt"; echo "questions failed" >&2; exit 1; }
grep -E '^(\(saved\) )?(fill|all migrations|pending migrations|disk|cluster directory)' "$work/questions.txt" || true
# The table: question (46 wide), raw med/p95/n, dash med, dash p95, ratio, target.
sed -n '/music_generations rows; PostgreSQL/,/questions meet their target/p' "$work/questions.txt"
questions() { # label, awk condition on the question -> row
  awk -v label="$1" "
    /music_generations rows; PostgreSQL/ { on = 1; next }
    /questions meet their target/ { on = 0 }
    on && /p95 </ && ($2) {
      q = substr(\$0, 1, 46); sub(/ +$/, \"\", q)
      rest = substr(\$0, 47); split(rest, f, \" +\")
      # f: (empty) rawmed rawp95 n dashmed dashp95 ratio ok|MISS p95 < target
      p = f[6] + 0; n++; if (/MISS/) miss++
      if (p > worst) { worst = p; wq = q }
    }
    END { printf \"%d of %d under target; worst p95 %.2f ms (%s)|%s\n\", n - miss, n, worst, wq, (n > 0 && miss == 0) ? \"ok\" : \"MISS\" }
  " "$work/questions.txt"
}
# shellcheck disable=SC2016 # awk conditions, expanded by awk
IFS='|' read -r m v <<<"$(questions funnel 'substr($0, 1, 6) == "funnel"')"
row "2. questions, $forms_large forms" "funnel p95 < 10 ms" "$m" "$v"
# shellcheck disable=SC2016
IFS='|' read -r m v <<<"$(questions queues 'substr($0, 1, 11) == "queue count"')"
row "2. questions, $forms_large forms" "attention queues p95 < 20 ms" "$m" "$v"
# shellcheck disable=SC2016
IFS='|' read -r m v <<<"$(questions other 'substr($0, 1, 6) != "funnel" && substr($0, 1, 11) != "queue count"')"
row "2. questions, $forms_large forms" "list, search, detail p95 < 20 ms" "$m" "$v"
# The search as the agent does it (Ctrl+F, a term, Return), through DataService and FormListModel
# rather than one page of SQL: the first rows, and a result opened while the list still counts
# and anchors (once the first rows are seen, and 300 ms after the search), five terms.
search_url=$(db_url "$url_large")
if "$bench" --child search --database-url "$search_url" >"$work/search.txt" 2>"$work/search.err"; then
  sv() { awk -v k="$1" '$1 == k { printf "%.1f\n", $2 }' "$work/search.txt"; }
  awk '$1 ~ /^search-[0-9]+-term$/ { split($1, p, "-"); t[p[2]] = $2 }
       $1 ~ /^search-[0-9]+-/ { split($1, p, "-"); k = substr($1, length(p[1] p[2]) + 3); v[p[2], k] = $2; if (p[2] + 1 > n) n = p[2] + 1 }
       END { for (i = 0; i < n; i++)
               printf "search \"%s\": %d forms; first rows %.0f ms, count %.0f ms, anchors %.0f ms; detail at first rows %.0f ms, at 300 ms %.0f ms; middle row %.0f ms\n",
                 t[i], v[i, "count"], v[i, "first-rows-ms"], v[i, "count-ms"], v[i, "anchors-ms"], v[i, "detail-ms"], v[i, "detail300-ms"], v[i, "jump-ms"] }' "$work/search.txt"
  first=$(sv search-worst-first-rows-ms)
  d1=$(sv search-worst-detail-ms) d2=$(sv search-worst-detail300-ms)
  open=$(awk -v a="$d1" -v b="$d2" 'BEGIN { printf "%.1f", (a + 0 > b + 0) ? a : b }')
  row "2. questions, $forms_large forms" "search as the agent does it: first rows < 100 ms" \
    "worst ${first} ms of $(sv search-terms | cut -d. -f1) terms (exact count $(sv search-worst-count-ms) ms)" \
    "$([ -n "$first" ] && verdict "$first" "<" 100 || echo MISS)"
  row "2. questions, $forms_large forms" "open a result while the search counts < 100 ms" \
    "worst ${open} ms (at first rows ${d1} ms, at 300 ms ${d2} ms)" \
    "$([ -n "$d1" ] && [ -n "$d2" ] && verdict "$open" "<" 100 || echo MISS)"
else
  cat "$work/search.txt" "$work/search.err"
  row "2. questions, $forms_large forms" "search as the agent does it: first rows < 100 ms" "search child failed" MISS
  row "2. questions, $forms_large forms" "open a result while the search counts < 100 ms" "search child failed" MISS
fi

section "1. the windowed list"
for size in small large; do
  if [ $size = small ]; then url=$(db_url "$url_small"); n=$forms_small; else url=$(db_url "$url_large"); n=$forms_large; fi
  "$bench" --child window --database-url "$url" >"$work/window-$size.txt" 2>"$work/window-$size.err" \
    || { cat "$work/window-$size.err"; row "1. windowed list, $n forms" "child ran" "failed" MISS; continue; }
  v() { awk -v k="$1" '$1 == k { print $2 }' "$work/window-$size.txt"; }
  exact=$(psql -X -qAt -d "$url" -c "SELECT count(*) FROM compose_forms")
  count=$(v count | cut -d. -f1)
  worst=$(awk '$1 ~ /^jump-[0-9]+-ms$/ { if ($2 > w) w = $2 } END { printf "%.1f", w }' "$work/window-$size.txt")
  jumps=$(awk '$1 ~ /^jump-[0-9]+-ms$/ { n++; if ($2 < 100) ok++ } END { printf "%d of %d", ok, n }' "$work/window-$size.txt")
  peak=$(awk '$1 == "peak-rss-kb" { printf "%.1f", $2 / 1024 }' "$work/window-$size.txt")
  echo "$n forms: first page $(v first-page-ms) ms, all anchors $(v anchors-ms) ms later;" \
    "jumps (row: ms) $(awk '$1 ~ /^jump-[0-9]+-row$/ { r = $2 + 0 } $1 ~ /^jump-[0-9]+-ms$/ { printf "%d: %.1f  ", r, $2 }' "$work/window-$size.txt");" \
    "longest UI gap $(v max-gap-ms) ms (own CPU $(v max-busy-ms) ms); $(v sweep-positions | cut -d. -f1) places" \
    "through the depth in $(v sweep-ms | cut -d. -f1) ms: RSS $(v rss-kb | cut -d. -f1) kB, peak ${peak} MB"
  row "1. windowed list, $n forms" "jump shows its rows < 100 ms" "$jumps under; worst ${worst} ms" "$(verdict "$worst" "<" 100)"
  row "1. windowed list, $n forms" "RSS < 150 MB at any depth" "peak ${peak} MB after $(v sweep-positions | cut -d. -f1) places" "$(verdict "$peak" "<" 150)"
  row "1. windowed list, $n forms" "row count exact" "model $count, count(*) $exact" "$([ "$count" = "$exact" ] && echo ok || echo MISS)"
done

section "3. first paint (real window under Xvfb) and previews"
python3 "$here/tests/bench/first-paint.py" --build "$build" --runs "$paint_runs" --demo \
  --url "$(db_url "$url_small")" --url "$(db_url "$url_large")" >"$work/paint.txt" 2>&1 || true
cat "$work/paint.txt"
paint_row() { # line prefix, label
  local line
  line=$(grep -F -- "$1" "$work/paint.txt" | grep -E '(ok|MISS) \(' | head -1 || true)
  if [ -z "$line" ]; then row "3. first paint, $2" "< 300 ms, UI gaps < 16 ms" "no first paint reported" MISS; return; fi
  # name median max gap rss verdict: the four numbers before the verdict.
  read -r med mx gap rss <<<"$(awk '{ for (i = 1; i <= NF; i++) if ($i == "ok" || $i == "MISS") { print $(i-4), $(i-3), $(i-2), $(i-1); exit } }' <<<"$line")"
  row "3. first paint, $2" "< 300 ms (slowest run)" "median $med ms, max $mx ms" "$(verdict "$mx" "<" 300)"
  row "3. first paint, $2" "UI-thread gap < 16 ms" "$gap ms (RSS $rss MB)" "$(verdict "$gap" "<" 16)"
}
paint_row "demo (SQLite" "demo"
paint_row "$(db_url "$url_small" | sed 's/.*@//')" "$forms_small forms"
paint_row "$(db_url "$url_large" | sed 's/.*@//')" "$forms_large forms"

# The previews child plays real audio through GStreamer: a PulseAudio null sink gives it an
# output device on a headless machine (its own runtime directory, killed at the end).
pulse_dir=$work/pulse
mkdir -m 700 "$pulse_dir"
XDG_RUNTIME_DIR=$pulse_dir pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
  --load="module-null-sink sink_name=null" --load=module-native-protocol-unix >"$work/pulse.log" 2>&1 \
  || echo "pulseaudio did not start (see below); the previews run without a sink" >&2
XDG_RUNTIME_DIR=$pulse_dir "$bench" --child previews >"$work/previews.txt" 2>"$work/previews.err" || true
cat "$work/previews.txt"
pv() { awk -v k="$1" '$1 == k { print $2 }' "$work/previews.txt"; }
pgap=$(pv preview-max-gap-ms)
if [ -n "$pgap" ]; then
  row "3. previews" "UI-thread gap < 16 ms (play, switch, seek, stop)" \
    "$pgap ms (CPU in a gap <= $(pv preview-max-busy-ms) ms; longest: $(pv preview-max-gap-what | tr _ ' ')); calls: prepare $(pv prepare-call-ms), play $(pv play-call-ms), switch $(pv switch-call-ms) ms" \
    "$(verdict "$pgap" "<" 16)"
  # Time to sound: from the key until the switched variation's position moves past the kept one
  # (WAV, tagged MP3 and tagged MP3 without a Xing/Info frame, from a server with byte ranges and
  # from python3 -m http.server).
  psound=$(pv sound-switch-median-ms)
  row "3. previews" "time to sound after a switch < 300 ms median" \
    "median ${psound:-?} ms, max $(pv sound-switch-max-ms) ms; first play $(pv sound-play-median-ms) ms" \
    "$([ -n "$psound" ] && verdict "$psound" "<" 300 || echo MISS)"
else
  cat "$work/previews.err" "$work/pulse.log"
  row "3. previews" "UI-thread gap < 16 ms" "previews child failed" MISS
fi
XDG_RUNTIME_DIR=$pulse_dir pulseaudio --kill >/dev/null 2>&1 || true
pulse_dir=""

section "4. compose-api under load ($api_forms forms, ${api_duration} s per phase)"
COMPOSE_BUILD_DIR=$build bash "$here/tests/bench/api-load.sh" --forms "$api_forms" \
  --duration "$api_duration" >"$work/api.txt" 2>&1 || true
cat "$work/api.txt"
api_cell() { grep -F "$1" "$work/api.txt" | head -1 | awk -F'|' '{ gsub(/^ +| +$/, "", $3); gsub(/^ +| +$/, "", $4); print $3 "|" $4 }'; }
IFS='|' read -r m t <<<"$(api_cell 'ratio API / pgbench')"
row "4. compose-api" "GET ?formId= rate >= 25 % of pgbench" "${m:-not measured} ($(api_cell 'compose-api GET' | cut -d'|' -f1))" "$([[ "$t" == *": met" ]] && echo ok || echo MISS)"
IFS='|' read -r m t <<<"$(api_cell 'p99 at 50 clients')"
row "4. compose-api" "p99 < 20 ms at 50 clients" "${m:-not measured}" "$([[ "$t" == *": met" ]] && echo ok || echo MISS)"
IFS='|' read -r m t <<<"$(api_cell '/api/health p99')"
row "4. compose-api" "/api/health p99 < 20 ms under 20 large fetches" "${m:-not measured}" "$([[ "$t" == *": met" ]] && echo ok || echo MISS)"

section "5. the replica test (hot standby from pg_basebackup)"
if (
  # shellcheck source=../../scripts/pg-cluster.sh
  source "$here/scripts/pg-cluster.sh" >/dev/null
  cd "$build" && CI=1 QT_QPA_PLATFORM=offscreen ctest -R '^tst_replica$' --output-on-failure
) >"$work/replica.txt" 2>&1; then
  row "5. replica" "tst_replica passes" "$(grep -E 'tests passed|Total Test time' "$work/replica.txt" | tr '\n' ' ')" ok
else
  tail -40 "$work/replica.txt"
  row "5. replica" "tst_replica passes" "failed (log above)" MISS
fi

section "Issue 14 targets, one run ($(( ($(date +%s) - t0) / 60 )) min)"
printf '%-30s | %-48s | %-64s | %s\n' "area" "target" "measured" "result"
met=0
for r in "${rows[@]}"; do
  IFS='|' read -r a t m v <<<"$r"
  printf '%-30s | %-48s | %-64s | %s\n' "$a" "$t" "$m" "$v"
  [ "$v" = ok ] && met=$((met + 1))
done
echo "$met of ${#rows[@]} targets met. Load average now: $(cut -d' ' -f1-3 /proc/loadavg)."
for f in fill-small questions; do
  [ $f = fill-small ] && echo "The $forms_small-form fill:" || echo "The $forms_large-form fill:"
  grep -E '^(\(saved\) )?(fill|pending migrations|cluster directory|disk after the (pending )?migrations)' "$work/$f.txt" | awk '!seen[$0]++ { print "  " $0 }' || true
done
[ "$met" -eq "${#rows[@]}" ]
