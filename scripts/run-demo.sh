#!/usr/bin/env bash
# Installs what the program needs (Debian 12), builds it, creates the demo company in an embedded SQLite database
# (once) and starts the program on it. Pass a database URL to use another place.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
BUILD_DIR=${MLM_BUILD_DIR:-$PWD/build}
DATA_DIR=${XDG_DATA_HOME:-$HOME/.local/share}/mlm-backoffice
mkdir -p "$DATA_DIR"
DB=${1:-sqlite://$DATA_DIR/demo.db}
MLMCTL="$BUILD_DIR/app/mlmctl"
if "$MLMCTL" --db "$DB" info | grep -q '^members: 0$'; then
    "$MLMCTL" --db "$DB" demo
fi
"$MLMCTL" --db "$DB" info
echo
echo "The demo database: $DB"
echo "Users: admin / admin-demo, support / support-demo, distributor / distributor-demo"
echo "Also:  $MLMCTL --db $DB export demo-export.json   ($MLMCTL --help)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$BUILD_DIR/app/mlm-backoffice" --db "$DB" --user admin
fi
echo "No display here: start the desktop program where there is one with"
echo "      $BUILD_DIR/app/mlm-backoffice --db $DB --user admin"
