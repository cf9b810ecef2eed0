#!/usr/bin/env bash
# The test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (-DCOMPOSE_SANITIZE=ON)
# in its own build folder (default ./build-asan), against a throwaway PostgreSQL. Any sanitizer
# report ends the test program with an error, so the test fails.
#   scripts/test-sanitize.sh             every test (run here before a release; see README)
#   scripts/test-sanitize.sh --non-gui   what CI runs: the tests that drive no widgets, built
#                                        and run alone, to keep CI within its time
# Further arguments go to ctest. Suppressions (third-party code only, each explained):
# tests/sanitizers/*.supp.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${COMPOSE_ASAN_BUILD_DIR:-$here/build-asan}
gui='^tst_(mainwindow|mainwindowaudio|mainwindowstaff|playerbar|connectiondialog|deliveriesview|demomode|staffactions|dbroles)$'
non_gui=0
if [ "${1:-}" = "--non-gui" ]; then
  non_gui=1
  shift
fi
"$here/scripts/install-deps.sh"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
command -v ccache >/dev/null && generator+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCOMPOSE_SANITIZE=ON >/dev/null
start=$(date +%s)
if ((non_gui)); then
  targets=()
  for f in "$here"/tests/tst_*.cpp; do
    t=$(basename "$f" .cpp)
    [[ $t =~ $gui ]] || targets+=("$t")
  done
  cmake --build "$build" -j"${COMPOSE_JOBS:-2}" --target "${targets[@]}"
else
  cmake --build "$build" -j"${COMPOSE_JOBS:-2}"
fi
echo "sanitizer build: $(($(date +%s) - start)) s"
if [ ! -x "$build/openapi/node_modules/.bin/swagger-cli" ]; then
  npm install --prefix "$build/openapi" --no-audit --no-fund --loglevel=error @apidevtools/swagger-cli@4.0.4
fi
sup="$here/tests/sanitizers"
# A report aborts the program (the test fails); leaks are checked at exit.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$sup/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="suppressions=$sup/ubsan.supp:print_stacktrace=1:halt_on_error=1"
# shellcheck source=pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
cd "$build"
export CI=1
exclude=()
((non_gui)) && exclude=(-E "$gui")
start=$(date +%s)
set +e
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "${exclude[@]}" "$@"
rc=$?
set -e
echo "sanitizer test run: $(($(date +%s) - start)) s"
exit $rc
