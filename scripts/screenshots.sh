#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshots/*.png) from the demo, each in a real X window
# under Xvfb: light and dark palettes, German and Spanish, a form's variations while one plays,
# and the window at 2x device pixel ratio. Needs a build (scripts/build.sh), xvfb, imagemagick
# and xdotool (scripts/install-deps.sh). Uses a throwaway HOME: the demo database is generated
# there once and nothing of the user's settings is read or changed.
#   scripts/screenshots.sh [OUT_DIR]     (default docs/screenshots)
#   SHOTS="dark playing" scripts/screenshots.sh   (only those)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${COMPOSE_BUILD_DIR:-$here/build}
app=$build/app/compose-dashboard
out=${1:-$here/docs/screenshots}
[ -x "$app" ] || { echo "screenshots: build first ($app missing)" >&2; exit 1; }
for t in Xvfb import xdotool; do
  command -v "$t" >/dev/null || { echo "screenshots: $t missing (scripts/install-deps.sh)" >&2; exit 1; }
done
mkdir -p "$out"
home=$(mktemp -d)
xpid=
cleanup() {
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null
  rm -rf "$home"
}
trap cleanup EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
export XDG_CACHE_HOME=$home/.cache LANGUAGE= LC_ALL=C.UTF-8

# The demo database, and a paid bundle form with three songs to show (headless, no display).
QT_QPA_PLATFORM=offscreen "$app" --demo --export forms --status payment_completed \
  --package holiday-hamper --output "$home/forms.csv"
form=$(sed -n 2p "$home/forms.csv" | cut -d, -f1)
[ -n "$form" ] || { echo "screenshots: no paid bundle form in the demo" >&2; exit 1; }

# shot NAME SIZE WAIT KEYS -- ARGS...: start the dashboard on a fresh Xvfb of SIZE, press KEYS
# (xdotool key names or click:X,Y, space separated; "-" for none), wait, save the screen.
shot() {
  local name=$1 size=$2 wait_s=$3 keys=$4
  shift 5
  # SHOTS="dark playing" makes only those.
  [[ -z ${SHOTS:-} || " $SHOTS " == *" $name "* ]] || return 0
  local display=:$((150 + RANDOM % 100))
  Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xpid=$!
  sleep 1
  DISPLAY=$display QT_QPA_PLATFORM=xcb "$app" --demo --form "$form" "$@" >/dev/null 2>&1 &
  local apid=$!
  sleep "$wait_s"
  # The window fills the screen, as an agent keeps it.
  local win
  win=$(DISPLAY=$display xdotool search --sync --onlyvisible --class compose-dashboard | tail -1)
  DISPLAY=$display xdotool windowsize "$win" 100% 100% windowmove "$win" 0 0 2>/dev/null || true
  sleep 1
  if [ "$keys" != "-" ]; then
    # No window manager: give the window the focus, then type through XTEST (Qt ignores
    # synthetic events sent to a window).
    DISPLAY=$display xdotool windowfocus --sync "$win" 2>/dev/null || true
    for k in $keys; do
      if [[ $k == click:* ]]; then # click:X,Y in screen pixels
        IFS=, read -r x y <<<"${k#click:}"
        DISPLAY=$display xdotool mousemove "$x" "$y" click 1
      else
        DISPLAY=$display xdotool key "$k"
      fi
      sleep 1.5
    done
  fi
  sleep 2
  DISPLAY=$display import -window root "$out/$name.png"
  kill "$apid" 2>/dev/null || true
  wait "$apid" 2>/dev/null || true
  kill "$xpid" 2>/dev/null || true
  wait "$xpid" 2>/dev/null || true
  xpid=
  echo "$out/$name.png"
}

shot light 1366x768 6 - -- --lang en --palette light
shot dark 1366x768 6 - -- --lang en --palette dark
shot german 1366x768 6 - -- --lang de --palette light
shot spanish 1366x768 6 - -- --lang es --palette light
# The Variations tab (clicked: Alt+V opens the View menu), then Ctrl+P plays the chosen
# variation. Coordinates are the demo's 1366x768 layout (refresh them if the layout changes).
shot playing 1366x768 6 "click:778,345 ctrl+p" -- --lang en --palette light
# The refund dialog: the action bar's "Refund…" button, where the demo's 1366x768 layout puts it
# (refresh the coordinates if the layout changes).
shot refund 1366x768 6 "click:988,300" -- --lang en --palette light
# 2x device pixel ratio: the same window on a screen twice as large, in both palettes, with the
# variations and waveform of a playing preview, and the refund dialog (the 1x click doubled).
QT_SCALE_FACTOR=2 shot hidpi 2732x1536 8 - -- --lang en --palette light
QT_SCALE_FACTOR=2 shot hidpi-dark 2732x1536 8 - -- --lang en --palette dark
QT_SCALE_FACTOR=2 shot hidpi-playing 2732x1536 8 "click:1556,690 ctrl+p" -- --lang en --palette dark
QT_SCALE_FACTOR=2 shot hidpi-refund 2732x1536 8 "click:1976,600" -- --lang en --palette light
