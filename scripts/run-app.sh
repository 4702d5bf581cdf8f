#!/usr/bin/env bash
# Sets everything up, builds Sidenote and opens it. With an empty library the
# app opens on its built-in sample article. Extra arguments go to the app
# (e.g. --library DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
exec ./target/debug/sidenote "$@"
