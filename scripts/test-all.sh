#!/usr/bin/env bash
# Sets everything up and runs every test: Rust unit and integration tests
# (core, CLI, browser host), the TypeScript type check and Vitest (UI and
# browser extension), the extension's build and lint, a check that the generated
# TypeScript types match the Rust records, and the end-to-end tests of the
# real app under Xvfb and of saving from Chromium and Firefox. This is what CI
# runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "Gates: rustfmt, ESLint (with no import circles in the UI)"
cargo fmt --all --check
(cd ui && npx eslint --max-warnings 0 .)

step "UI: type check and unit tests"
(cd ui && npx tsc --noEmit && npx vitest run)

step "Browser extension: type check, unit tests, build (.zip, .xpi), web-ext lint"
(cd extension && npx tsc --noEmit && npx vitest run && npm run --silent build && npm run --silent lint)

step "Build the app"
./scripts/build.sh

# After the build: the shell's generate_context! reads ui/dist, which a
# fresh clone only has once the UI is built.
step "Gate: clippy (warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust: unit and integration tests (core, CLI, browser host)"
SIDENOTE_REQUIRE_SYNCTHING=1 cargo test --workspace --exclude sidenote-e2e --exclude sidenote-browser-e2e

step "Generated TypeScript types match the Rust records"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --porcelain -- ui/src/bindings
  git --no-pager diff -- ui/src/bindings | head -50
  echo "ui/src/bindings is out of date: run 'cargo test -p sidenote-core' and commit the result." >&2
  exit 1
fi

step "End-to-end: saving from Chromium and Firefox (headless) with the extension and the real host"
timeout 600 cargo test -p sidenote-browser-e2e

step "End-to-end: the real app under Xvfb"
timeout 1800 xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p sidenote-e2e -- --test-threads=1

step "Package: build the .deb, install it, launch the installed app, remove it"
timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" ./tests/package/check-deb.sh
echo "screenshots: target/e2e/"
