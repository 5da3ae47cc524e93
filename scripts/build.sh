#!/usr/bin/env bash
# Configures and builds everything (Ninja, ccache when present) into ${MLM_BUILD_DIR:-build}.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${MLM_BUILD_DIR:-$PWD/build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$BUILD_DIR"
