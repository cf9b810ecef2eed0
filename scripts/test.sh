#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL cluster and runs every test.
# Extra arguments go to ctest (e.g. -R tst_migrator -V).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
# shellcheck source=pg-cluster.sh
source "$here/scripts/pg-cluster.sh"
cd "${COMPOSE_BUILD_DIR:-$here/build}"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout 300 "$@"
