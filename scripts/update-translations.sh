#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources with lupdate: new strings appear as unfinished
# entries (tests/tst_translations fails until they are translated in Qt Linguist or by hand),
# strings gone from the code are dropped. Stable output for small merges: no source locations,
# no obsolete entries, contexts and messages in lupdate's sorted order.
#   scripts/update-translations.sh            # all languages
#   scripts/update-translations.sh de         # one
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
  for c in /usr/lib/qt6/bin/lupdate lupdate6 lupdate; do
    command -v "$c" >/dev/null && { lupdate=$c; break; }
  done
fi
[ -n "$lupdate" ] || { echo "lupdate not found (Debian: qt6-l10n-tools)" >&2; exit 1; }

cd "$here"
# The dashboard's sources; compose-api (server/) answers in English and codes (docs/api.md).
sources=(app views models)
langs=("$@")
((${#langs[@]})) || langs=(de es en)
for lang in "${langs[@]}"; do
  ts=translations/compose-desk_$lang.ts
  opts=(-no-obsolete -locations none -target-language "$lang")
  # English is the source language: only the %n plural forms need an entry.
  [ "$lang" = en ] && opts+=(-pluralonly)
  "$lupdate" "${opts[@]}" "${sources[@]}" -ts "$ts"
done
echo "Unfinished entries per file:"
grep -c 'type="unfinished"' translations/*.ts || true
