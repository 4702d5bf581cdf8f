#!/usr/bin/env bash
# Builds the UI and the app (debug profile, UI embedded in the binary).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run --silent build)
cargo build -p sidenote --quiet
