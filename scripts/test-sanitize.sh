#!/usr/bin/env bash
# The test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (-DCOMPOSE_SANITIZE=ON)
# in its own build folder (default ./build-asan), against a throwaway PostgreSQL. Any sanitizer
# report ends the test program with an error, so the test fails. Extra arguments go to ctest
# (CI passes -LE gui? no: -E with the GUI tests, see .ci/run).
# Suppressions (third-party code only, each explained): tests/sanitizers/*.supp.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export COMPOSE_BUILD_DIR=${COMPOSE_ASAN_BUILD_DIR:-$here/build-asan}
export COMPOSE_CMAKE_ARGS="-DCOMPOSE_SANITIZE=ON ${COMPOSE_CMAKE_ARGS:-}"
"$here/scripts/install-deps.sh"
start=$(date +%s)
"$here/scripts/build.sh"
echo "sanitizer build: $(($(date +%s) - start)) s"
if [ ! -x "$COMPOSE_BUILD_DIR/openapi/node_modules/.bin/swagger-cli" ]; then
  npm install --prefix "$COMPOSE_BUILD_DIR/openapi" --no-audit --no-fund --loglevel=error @apidevtools/swagger-cli@4.0.4
fi
sup="$here/tests/sanitizers"
# detect_leaks: LeakSanitizer at exit; abort_on_error/halt_on_error: a report fails the test.
# detect_stack_use_after_return stays off: QtTest's and Qt's coroutine-free stacks don't need it
# and it doubles memory. strict_string_checks catches reads past a non-terminated buffer.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1:detect_odr_violation=2${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$sup/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="suppressions=$sup/ubsan.supp:print_stacktrace=1:halt_on_error=1"
# shellcheck source=pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
cd "$COMPOSE_BUILD_DIR"
export CI=1
start=$(date +%s)
set +e
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout 600 "$@"
rc=$?
set -e
echo "sanitizer test run: $(($(date +%s) - start)) s"
exit $rc
