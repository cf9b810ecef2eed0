#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) in their own folder and runs each for
# a bounded time on the corpus in tests/fuzz/corpus/<target>/ (CI: 20 s each).
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
# New inputs the fuzzer finds go to a scratch folder, not into the repository; a crash leaves its
# input in $COMPOSE_FUZZ_BUILD_DIR/artifacts/ and fails the script (add that file to the corpus
# once it is fixed, so it is replayed on every run).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${COMPOSE_FUZZ_BUILD_DIR:-$here/build-fuzz}
seconds=${1:-20}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_jsoninput fuzz_formjson fuzz_webhook fuzz_router fuzz_mp3frames)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCOMPOSE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}"
fi
cmake --build "$build" -j"${COMPOSE_JOBS:-2}" --target "${targets[@]}"
mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
  scratch=$(mktemp -d)
  echo "== $t: ${seconds}s"
  # -rss_limit_mb: a leak or a blow-up is a finding too; -timeout: one input may take 10 s at most.
  if ! "$build/tests/fuzz/$t" "$scratch" "$here/tests/fuzz/corpus/$t" \
       -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t-" 2>"$build/$t.log"; then
    echo "$t FAILED; its input and log: $build/artifacts/, $build/$t.log" >&2
    tail -40 "$build/$t.log" >&2
    status=1
  else
    grep -E '^stat::(number_of_executed_units|new_units_added)|^#[0-9]+.*DONE' "$build/$t.log" || true
  fi
  rm -rf "$scratch"
done
exit $status
