#!/usr/bin/env bash
# Renders the PNG sizes of the icon from its SVG (rsvg-convert, Debian: librsvg2-bin). The PNGs
# are committed, so a build needs no SVG renderer; run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/icons"
for s in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$s" -h "$s" org.composedesk.Dashboard.svg -o "org.composedesk.Dashboard-$s.png"
done
