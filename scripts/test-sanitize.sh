#!/usr/bin/env bash
# The test suite built with AddressSanitizer + UndefinedBehaviorSanitizer: the same as
# `scripts/test.sh --sanitize` (what CI runs), kept under this name for habit and old notes.
# Further arguments go to ctest.
set -euo pipefail
exec bash "$(cd "$(dirname "$0")" && pwd)/test.sh" --sanitize "$@"
