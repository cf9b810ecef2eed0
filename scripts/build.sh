#!/usr/bin/env bash
# Configures and builds everything into ./build (two cores: -j2).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${COMPOSE_BUILD_DIR:-$here/build}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# ccache makes a rebuild in a second checkout (a worktree, CI's fresh clone) mostly cache hits.
command -v ccache >/dev/null && generator+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE="${COMPOSE_BUILD_TYPE:-RelWithDebInfo}"
fi
cmake --build "$build" -j"${COMPOSE_JOBS:-2}"
