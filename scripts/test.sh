#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL cluster and runs every test.
# Extra arguments go to ctest (e.g. -R tst_migrator -V).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
# The OpenAPI validator for tst_openapi, installed once per build folder (not globally).
build_dir="${COMPOSE_BUILD_DIR:-$here/build}"
if [ ! -x "$build_dir/openapi/node_modules/.bin/swagger-cli" ]; then
  npm install --prefix "$build_dir/openapi" --no-audit --no-fund --loglevel=error @apidevtools/swagger-cli@4.0.4
fi
# Every C++ file is as clang-format makes it (scripts/check-format.sh --fix mends them).
"$here/scripts/check-format.sh"
# The layering rules are held by the build: prove a view cannot include QtSql or QtNetwork.
"$here/scripts/check-layers.sh" "$build_dir"
# shellcheck source=pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
cd "${COMPOSE_BUILD_DIR:-$here/build}"
# CI=1: a test that cannot run here (no database, no validator) fails instead of skipping.
export CI=1
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout 300 "$@"
