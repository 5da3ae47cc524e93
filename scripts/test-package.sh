#!/usr/bin/env bash
# The package test: builds the Debian package from the build folder, checks its desktop entry and AppStream file,
# installs it with apt (which pulls its dependencies), runs the installed programs, then purges it and checks that
# nothing of it is left. Needs root (or sudo) for apt; run by scripts/run-tests.sh after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${MLM_BUILD_DIR:-$PWD/build}
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
step() { echo "== package: $*"; }

step "building the .deb"
rm -f "$BUILD_DIR"/mlm-backoffice_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
DEB=$(ls "$BUILD_DIR"/mlm-backoffice_*.deb)
dpkg-deb --field "$DEB" Package Version Depends Recommends
CONTENTS=$(dpkg-deb --contents "$DEB")
for f in ./usr/bin/mlm-backoffice ./usr/bin/mlmctl ./usr/bin/mlm-server \
    ./usr/share/applications/io.github.mlm_backoffice.BackOffice.desktop \
    ./usr/share/icons/hicolor/scalable/apps/io.github.mlm_backoffice.BackOffice.svg \
    ./usr/share/metainfo/io.github.mlm_backoffice.BackOffice.metainfo.xml \
    ./usr/share/mlm-backoffice/translations/mlm_de.qm ./usr/share/mlm-backoffice/translations/mlm_ru.qm \
    ./usr/lib/systemd/system/mlm-server.service ./etc/mlm-server/mlm-server.conf \
    ./usr/share/doc/mlm-backoffice/api.md; do
    grep -q " $f\$" <<<"$CONTENTS" || { echo "missing from the package: $f" >&2; exit 1; }
done
for lib in libqt6widgets6 libqt6charts6 libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins; do
    dpkg-deb --field "$DEB" Depends | grep -q "$lib" || { echo "the package does not depend on $lib" >&2; exit 1; }
done

step "validating the desktop entry and the AppStream metainfo"
desktop-file-validate resources/io.github.mlm_backoffice.BackOffice.desktop
appstreamcli validate --no-net --pedantic resources/io.github.mlm_backoffice.BackOffice.metainfo.xml || \
    appstreamcli validate --no-net resources/io.github.mlm_backoffice.BackOffice.metainfo.xml

step "installing it"
$SUDO apt-get install -y -q "$DEB" >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
/usr/bin/mlmctl --version
/usr/bin/mlm-server --version
/usr/bin/mlmctl --db "sqlite://$WORK/installed.db" init
/usr/bin/mlmctl --db "sqlite://$WORK/installed.db" info | head -3
QT_QPA_PLATFORM=offscreen /usr/bin/mlm-backoffice --db "sqlite://$WORK/installed.db" --self-test 2>/dev/null
# The service: installed, not enabled; its user and configuration there.
test -f /usr/lib/systemd/system/mlm-server.service
test ! -e /etc/systemd/system/multi-user.target.wants/mlm-server.service
test -f /etc/mlm-server/mlm-server.conf
[ "$(stat -c %a:%U:%G /etc/mlm-server/mlm-server.conf)" = 640:root:mlm-server ] || \
    { echo "the server's configuration (it may hold a password) is readable by others" >&2; exit 1; }
grep -q '^LimitNOFILE=' /usr/lib/systemd/system/mlm-server.service
id mlm-server >/dev/null
# The installed programs speak German on a German system.
GERMAN=$(LANGUAGE= LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 /usr/bin/mlmctl --db "sqlite://$WORK/installed.db" info | head -1)
grep -q "Schemaversion" <<<"$GERMAN" || { echo "not German: $GERMAN" >&2; exit 1; }

step "removing it"
$SUDO apt-get purge -y -q mlm-backoffice >/dev/null
if dpkg -s mlm-backoffice >/dev/null 2>&1; then echo "still installed" >&2; exit 1; fi
for f in /usr/bin/mlm-backoffice /usr/bin/mlmctl /usr/bin/mlm-server /usr/lib/systemd/system/mlm-server.service \
    /etc/mlm-server/mlm-server.conf /usr/share/mlm-backoffice /var/lib/mlm-server; do
    if [ -e "$f" ]; then echo "left behind: $f" >&2; exit 1; fi
done
if id mlm-server >/dev/null 2>&1; then echo "the mlm-server user is left behind" >&2; exit 1; fi
step "installed, ran and removed cleanly"
