#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running, testing and packaging the back office need, on a minimal
# Debian 12 (debootstrap minbase) as much as on a desktop: every package is named here, none is assumed to be there
# already (../shared/tools/fresh-ci proves it). Safe to run again.
set -euo pipefail
PACKAGES=(
    cmake ninja-build ccache g++ pkg-config ca-certificates curl file util-linux procps openssl
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libpq-dev libssl-dev libqrencode-dev libgl-dev libsimdjson-dev
    postgresql xvfb zbar-tools poppler-utils
    dpkg-dev desktop-file-utils appstream qt6-translations-l10n
    clang-14 libclang-rt-14-dev llvm-14
)
if ! dpkg -s "${PACKAGES[@]}" >/dev/null 2>&1; then
    SUDO=
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
fi
