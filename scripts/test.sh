#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL cluster and runs every test.
#   scripts/test.sh [--sanitize] [ctest arguments, e.g. -R tst_migrator -V]
# --sanitize: the same suite, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DCOMPOSE_SANITIZE=ON) in its own folder (default ./build-asan, COMPOSE_ASAN_BUILD_DIR). Any
# sanitizer report (memory error, undefined behaviour, a leak at exit) aborts the test program,
# so the test fails. Suppressions: tests/sanitizers/*.supp, third-party code only, each explained.
# This is what CI runs (.ci/run): one build and one run serve both (docs/security.md).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sanitize=0
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=1
  shift
fi
"$here/scripts/install-deps.sh"
if ((sanitize)); then
  export COMPOSE_BUILD_DIR=${COMPOSE_ASAN_BUILD_DIR:-$here/build-asan}
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  command -v ccache >/dev/null && generator+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Configured here (build.sh only configures a new folder): a folder made without the option
  # must not be tested as if it were sanitized.
  cmake -S "$here" -B "$COMPOSE_BUILD_DIR" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE="${COMPOSE_BUILD_TYPE:-RelWithDebInfo}" -DCOMPOSE_SANITIZE=ON >/dev/null
fi
start=$(date +%s)
"$here/scripts/build.sh"
echo "build: $(($(date +%s) - start)) s"
# The OpenAPI validator for tst_openapi, installed once per build folder (not globally).
build_dir="${COMPOSE_BUILD_DIR:-$here/build}"
if [ ! -x "$build_dir/openapi/node_modules/.bin/swagger-cli" ]; then
  npm install --prefix "$build_dir/openapi" --no-audit --no-fund --loglevel=error @apidevtools/swagger-cli@4.0.4
fi
# Every C++ file is as clang-format makes it (scripts/check-format.sh --fix mends them).
"$here/scripts/check-format.sh"
# The layering rules are held by the build: prove a view cannot include QtSql or QtNetwork.
"$here/scripts/check-layers.sh" "$build_dir"
timeout=300
if ((sanitize)); then
  sup="$here/tests/sanitizers"
  # Every report ends the program with an error: ASan and UBSan at the first finding
  # (-fno-sanitize-recover=undefined in CMakeLists.txt as well), LSan at exit. Leaks in
  # third-party code are suppressed by name in lsan.supp, each with its reason.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export LSAN_OPTIONS="suppressions=$sup/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
  export UBSAN_OPTIONS="suppressions=$sup/ubsan.supp:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  # Bounded waits in the tests are scaled by this (tests/support/testtime.h), not disabled.
  export COMPOSE_TEST_TIME_FACTOR=${COMPOSE_TEST_TIME_FACTOR:-3}
  timeout=900
fi
# shellcheck source=pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
cd "$build_dir"
# CI=1: a test that cannot run here (no database, no validator) fails instead of skipping.
export CI=1
start=$(date +%s)
set +e
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout "$timeout" "$@"
rc=$?
set -e
echo "test run: $(($(date +%s) - start)) s"
exit $rc
