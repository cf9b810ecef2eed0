#!/usr/bin/env bash
# Installs what is missing, builds, and opens the dashboard on the embedded demo database with
# the built-in compose-api and its simulators on loopback. Nothing to configure.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
exec "${COMPOSE_BUILD_DIR:-$here/build}/app/compose-dashboard" --demo "$@"
