#!/usr/bin/env bash
# The Vendure plugin's tests (integrations/vendure): Node.js from scripts/setup-node.sh, `npm ci` from the committed
# lock file, then `npm test`: unit tests and end-to-end tests of Vendure (in-process, SQLite) against a real
# mlm-server of this build ($MLM_BUILD_DIR, default build/) over a database made by mlmctl.
set -euo pipefail
cd "$(dirname "$0")/.."
export MLM_BUILD_DIR=${MLM_BUILD_DIR:-$PWD/build}
for tool in mlmctl mlm-server; do
    [ -x "$MLM_BUILD_DIR/app/$tool" ] || { echo "test-vendure: build $tool first (scripts/build.sh)" >&2; exit 1; }
done
NODE_BIN=$(bash scripts/setup-node.sh)
export PATH="$NODE_BIN:$PATH"
cd integrations/vendure
echo "Vendure plugin: Node.js $(node --version), npm $(npm --version)"
# No install scripts: the one that matters (bcrypt's) only looks for the prebuilt binary the package ships.
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
npm test
