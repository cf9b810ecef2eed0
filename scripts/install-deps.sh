#!/usr/bin/env bash
# Installs every Debian 12 package Compose Desk needs to build, run, test and be looked at.
# Idempotent: packages already present are skipped by apt-get; safe to run on every CI start.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ccache clang-format
  # libFuzzer targets (scripts/fuzz.sh): clang and its runtime libraries (fuzzer, ASan, UBSan)
  clang-14 libclang-rt-14-dev
  # TLS tests make their own certificate authority with the openssl command line
  openssl
  # Qt 6.4 (Debian 12)
  qt6-base-dev qt6-base-dev-tools libgl-dev
  qt6-multimedia-dev qt6-httpserver-dev libqt6websockets6-dev
  # GObject's headers: the preview player's hook into GStreamer's signals (decodergate.h)
  libglib2.0-dev
  libqt6sql6-psql libqt6sql6-sqlite
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev
  # Qt's own translations (qtbase_de.qm …) loaded beside the dashboard's
  qt6-translations-l10n
  # packaging: desktop file and AppStream checks (install_smoke), dpkg-shlibdeps for CPack,
  # rsvg-convert for packaging/render-icons.sh
  desktop-file-utils appstream dpkg-dev librsvg2-bin
  # scripts/check-clean-install.sh (by hand, not CI): the .deb in a clean Debian root
  debootstrap
  # audio playback/decoding back end of QtMultimedia 6.4 and tools to make test audio
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-tools
  # a plain static file server for the audio tests (python3 -m http.server), as a CDN serves MP3
  python3
  # database
  postgresql-15 postgresql-client-15
  # looking at the window, and the headless display for it
  xvfb xauth imagemagick x11-utils xdotool
  # fonts so screenshots render text
  fonts-dejavu-core
  # e-mail delivery over SMTP (compose-api's mailer) and the share page seen in a real browser
  libcurl4-openssl-dev chromium
  # compose-api's load script (tests/bench/api-load.sh): HTTP load beside pgbench
  wrk
  # tests/bench/targets.sh: a null sink for the previews' UI-thread measurement
  pulseaudio
)
# OpenAPI validation in the tests runs on node; a machine may already carry a newer node
# (with its own npm) than Debian's, so only ask Debian for what is absent.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
