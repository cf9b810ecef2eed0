#!/usr/bin/env bash
# Installs the build into a temporary root (DESTDIR) and checks what an administrator's machine
# gets: both programs run headless from there (--version, --demo --export funnel), the desktop
# entry and the AppStream metainfo validate, the icons and the scheme handler are in place.
#   packaging/install-smoke.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: install-smoke.sh BUILD_DIR}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

DESTDIR="$root/dest" cmake --install "$build" --prefix /usr >"$root/install.log" \
  || { cat "$root/install.log"; fail "cmake --install"; }
usr=$root/dest/usr
for f in bin/compose-dashboard bin/compose-api \
         share/applications/org.composedesk.Dashboard.desktop \
         share/metainfo/org.composedesk.Dashboard.metainfo.xml \
         share/icons/hicolor/scalable/apps/org.composedesk.Dashboard.svg \
         share/icons/hicolor/48x48/apps/org.composedesk.Dashboard.png \
         share/icons/hicolor/256x256/apps/org.composedesk.Dashboard.png \
         share/doc/compose-desk/copyright; do
  [ -e "$usr/$f" ] || fail "not installed: /usr/$f"
done

# The validators are part of CI's packages (scripts/install-deps.sh); a missing one fails.
command -v desktop-file-validate >/dev/null || fail "desktop-file-validate missing (desktop-file-utils)"
command -v appstreamcli >/dev/null || fail "appstreamcli missing (appstream)"
desktop-file-validate "$usr/share/applications/org.composedesk.Dashboard.desktop" \
  || fail "desktop-file-validate"
grep -qx 'MimeType=x-scheme-handler/compose-desk;' \
  "$usr/share/applications/org.composedesk.Dashboard.desktop" || fail "no compose-desk scheme"
appstreamcli validate --no-net "$usr/share/metainfo/org.composedesk.Dashboard.metainfo.xml" \
  >"$root/appstream.log" 2>&1 || { cat "$root/appstream.log"; fail "appstreamcli validate"; }

# The installed binaries, with an isolated home: nothing of the developer's settings or demo
# database is used, and nothing is left behind.
export HOME=$root/home XDG_CONFIG_HOME=$root/home/.config XDG_DATA_HOME=$root/home/.local/share
export XDG_CACHE_HOME=$root/home/.cache QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
version=$("$usr/bin/compose-dashboard" --version) || fail "compose-dashboard --version"
[[ $version == "compose-dashboard "[0-9]* ]] || fail "unexpected --version output: $version"
"$usr/bin/compose-api" --help >/dev/null || fail "compose-api --help"
"$usr/bin/compose-dashboard" --demo --export funnel --output "$root/funnel.csv" \
  || fail "compose-dashboard --demo --export funnel"
head -1 "$root/funnel.csv" | grep -q '^status' || fail "funnel CSV header: $(head -1 "$root/funnel.csv")"
rows=$(($(wc -l <"$root/funnel.csv") - 1))
((rows >= 9)) || fail "funnel CSV has $rows rows"
# Translations are embedded: the German help text comes from the installed binary alone.
LANGUAGE= LANG=C "$usr/bin/compose-dashboard" --lang de --help | grep -q 'Die eingebaute Demo-Datenbank' \
  || fail "German --help text from the installed binary"
echo "install_smoke: $version; funnel.csv with $rows rows; desktop file and metainfo valid"
