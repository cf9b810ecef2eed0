#!/usr/bin/env bash
# Installs the .deb into a CLEAN Debian 12 root that has never had Qt, with its Depends only (no
# Recommends), and checks that what an administrator's desk gets really runs:
#   - compose-dashboard --version, compose-api --version;
#   - compose-dashboard --demo --export funnel (offscreen): SQLite driver, demo data, CSV;
#   - the German --help text (embedded .qm) and Qt's own qtbase_de.qm / qtbase_es.qm;
#   - the menu entry's Exec line started on a real X display (Xvfb on this machine, its socket
#     bound into the root): the xcb platform plugin loads and the window stays up; a screenshot;
#   - a probe built against Qt here (packaging/clean-install-probe/) run inside the root: the
#     PostgreSQL and SQLite drivers, the TLS backend, and an MP3 decoded through QtMultimedia's
#     GStreamer backend;
#   - desktop-file-validate and appstreamcli validate on the installed files.
# Too slow for CI (needs root, the network and minutes): run it before a release.
#   sudo scripts/check-clean-install.sh [BUILD_DIR]
# The pristine root is made once with debootstrap (about 3 min) and kept in
# $COMPOSE_CLEAN_ROOT_CACHE (default /var/cache/compose-desk/bookworm-minbase, ~210 MB); every
# run works on a throwaway copy of it, removed afterwards. COMPOSE_KEEP_ROOT=1 keeps the copy;
# COMPOSE_DEB=path checks that package instead of making one. Downloaded .debs are kept in
# $COMPOSE_CLEAN_ROOT_CACHE/apt-archives, so a second run does not fetch them again.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${COMPOSE_BUILD_DIR:-$here/build}}
cache=${COMPOSE_CLEAN_ROOT_CACHE:-/var/cache/compose-desk}
mirror=${COMPOSE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
pristine=$cache/bookworm-minbase
started=$(date +%s)
step() { echo "== $(($(date +%s) - started)) s: $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, mount)"
for tool in debootstrap chroot cpack cmake gst-launch-1.0 Xvfb import desktop-file-validate \
  appstreamcli dpkg-deb; do
  command -v "$tool" >/dev/null || fail "$tool not found (scripts/install-deps.sh, debootstrap)"
done
[ -x "$build/app/compose-dashboard" ] && [ -x "$build/server/compose-api" ] \
  || fail "build $build first (scripts/build.sh)"

# 1. The pristine root, once.
if [ ! -x "$pristine/usr/bin/apt-get" ]; then
  step "debootstrap --variant=minbase bookworm into $pristine"
  mkdir -p "$cache"
  rm -rf "$pristine.tmp"
  debootstrap --variant=minbase bookworm "$pristine.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log"; fail "debootstrap"; }
  mv "$pristine.tmp" "$pristine"
fi

# 2. The package, from the current build (cpack builds every target first), or COMPOSE_DEB.
if [ -n "${COMPOSE_DEB:-}" ]; then
  deb=$COMPOSE_DEB
else
  step "cpack -G DEB in $build"
  rm -f "$build"/compose-desk_*.deb
  (cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || { tail -20 "$build/cpack.log"; fail "cpack"; }
  deb=$(ls "$build"/compose-desk_*.deb)
fi
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"

# 3. A throwaway copy of the root.
work=$(mktemp -d "$cache/run.XXXXXX")
root=$work/root
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for m in "$root/tmp/.X11-unix" "$root/var/cache/apt/archives" "$root/proc"; do
    mountpoint -q "$m" && umount -l "$m"
  done
  if [ "${COMPOSE_KEEP_ROOT:-0}" = 1 ]; then
    echo "kept: $root"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
step "copy the pristine root"
cp -a "$pristine" "$root"
mount -t proc proc "$root/proc"
# Downloaded packages are kept between runs (the first run fetches ~350 of them, ~160 MB).
mkdir -p "$cache/apt-archives/partial"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The build machine's Qt may carry security updates: the root sees the same suites.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
if in_root dpkg-query -W -f='${Package}\n' 'libqt6*' 2>/dev/null | grep -q .; then
  fail "the root is not clean: it has Qt packages"
fi

step "apt-get install --no-install-recommends ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq >"$work/apt-update.log" 2>&1 || { cat "$work/apt-update.log"; fail "apt-get update"; }
before=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/apt-install.log" 2>&1 \
  || { tail -30 "$work/apt-install.log"; fail "apt-get install of the .deb"; }
after=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "installed $((after - before)) packages (with compose-desk) into a root of $before"

# 4. What an agent runs, as an ordinary user with an empty home.
in_root useradd --create-home agent
as_agent() {
  chroot --userspec=agent:agent "$root" env -i PATH=/usr/bin:/bin HOME=/home/agent \
    XDG_RUNTIME_DIR=/tmp/agent-runtime LANG=C.UTF-8 "$@"
}
in_root install -d -o agent -g agent -m 700 /tmp/agent-runtime

step "installed programs, headless"
v=$(as_agent compose-dashboard --version) || fail "compose-dashboard --version"
[[ $v == "compose-dashboard "[0-9]* ]] || fail "compose-dashboard --version said: $v"
a=$(as_agent compose-api --version) || fail "compose-api --version"
[[ $a == "compose-api "[0-9]* ]] || fail "compose-api --version said: $a"
echo "$v; $a"
as_agent env QT_QPA_PLATFORM=offscreen compose-dashboard --demo --export funnel \
  --output /home/agent/funnel.csv >"$work/export.log" 2>&1 \
  || { cat "$work/export.log"; fail "compose-dashboard --demo --export funnel"; }
csv=$root/home/agent/funnel.csv
head -1 "$csv" | grep -q '^status' || fail "funnel CSV header: $(head -1 "$csv")"
rows=$(($(wc -l <"$csv") - 1))
((rows >= 9)) || fail "funnel CSV has $rows rows"
echo "funnel.csv: $rows rows"
as_agent compose-dashboard --lang de --help | grep -q 'Die eingebaute Demo-Datenbank' \
  || fail "German --help text"
for lang in de es; do
  [ -f "$root/usr/share/qt6/translations/qtbase_$lang.qm" ] || fail "Qt's qtbase_$lang.qm missing"
done

step "desktop entry and metainfo"
desktop=$root/usr/share/applications/org.composedesk.Dashboard.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.composedesk.Dashboard.metainfo.xml" \
  >"$work/appstream.log" 2>&1 || { cat "$work/appstream.log"; fail "appstreamcli validate"; }
[ -f "$root/usr/share/icons/hicolor/scalable/apps/org.composedesk.Dashboard.svg" ] || fail "icon"

step "the menu entry on a real X display (xcb)"
# The Exec line as a launcher runs it: field codes (%u: no link given) dropped.
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | sed 's/ %[a-zA-Z]//g')
display_no=$((200 + RANDOM % 200))
Xvfb ":$display_no" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$display_no" ] && break; sleep 0.1; done
[ -S "/tmp/.X11-unix/X$display_no" ] || fail "Xvfb :$display_no did not start"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
# shellcheck disable=SC2086 # the Exec line is split into words, as a launcher does
as_agent env DISPLAY=":$display_no" XDG_CURRENT_DESKTOP=none $exec_line >"$work/gui.log" 2>&1 &
gui_pid=$!
# Up when its top-level window is mapped (bounded wait), not after a fixed sleep.
shown=0
for _ in $(seq 150); do
  if ! kill -0 "$gui_pid" 2>/dev/null; then break; fi
  if DISPLAY=":$display_no" xwininfo -root -tree 2>/dev/null | grep -q 'Compose Desk'; then
    shown=1
    break
  fi
  sleep 0.2
done
if ((shown)); then
  sleep 1 # let it paint once more before the picture; the check above did not depend on it
  DISPLAY=":$display_no" import -window root "$work/menu-entry.png"
  cp "$work/menu-entry.png" "${COMPOSE_CLEAN_SHOT:-/tmp/compose-clean-install.png}"
fi
alive=0
kill -0 "$gui_pid" 2>/dev/null && alive=1
pkill -TERM -P "$gui_pid" 2>/dev/null || true
kill "$gui_pid" 2>/dev/null || true
wait "$gui_pid" 2>/dev/null || true
((shown && alive)) || { cat "$work/gui.log"; fail "the menu entry's '$exec_line' showed no window on xcb"; }
echo "window shown on xcb; screenshot ${COMPOSE_CLEAN_SHOT:-/tmp/compose-clean-install.png}"

step "run-time plugins: SQL drivers, TLS, MP3 through QtMultimedia"
cmake -S "$here/packaging/clean-install-probe" -B "$work/probe-build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release >"$work/probe.log" 2>&1 \
  && cmake --build "$work/probe-build" >>"$work/probe.log" 2>&1 \
  || { tail -20 "$work/probe.log"; fail "building the probe"; }
cp "$work/probe-build/clean-install-probe" "$root/tmp/"
gst-launch-1.0 -q audiotestsrc num-buffers=40 ! audioconvert ! lamemp3enc ! id3v2mux \
  ! filesink location="$root/tmp/tone.mp3" || fail "making the test MP3 (gstreamer1.0-plugins-good)"
as_agent env QT_QPA_PLATFORM=offscreen /tmp/clean-install-probe /tmp/tone.mp3 \
  || fail "a run-time dependency is missing (above)"

step "done: the .deb installs into a clean bookworm root and runs"
