#!/usr/bin/env bash
# The test command: installs what the tests need (Debian 12), builds, starts a throwaway PostgreSQL cluster on
# 127.0.0.1 (a free port, a temporary folder, removed afterwards) and runs every test on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${MLM_BUILD_DIR:-$ROOT/build}
export MLM_BUILD_DIR=$BUILD_DIR

bash scripts/setup-debian.sh
bash scripts/build.sh

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d)
AS_PG=()
if [ "$(id -u)" = 0 ]; then # the server refuses to run as root
    chown postgres: "$PGDIR"
    AS_PG=(runuser -u postgres --)
fi
PORT=
for p in $(seq 54400 54499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
stop_pg() {
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}
trap stop_pg EXIT
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
export MLM_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT for the tests"

export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$BUILD_DIR" --output-on-failure -j 2

# The Vendure plugin against a real mlm-server of this build (scripts/test-vendure.sh).
bash scripts/test-vendure.sh

# Coverage-guided fuzzing of what reads input from outside, under ASan and UBSan, a bounded time per target.
bash scripts/fuzz.sh

# The Debian package: built, installed, run and removed (scripts/test-package.sh).
bash scripts/test-package.sh
