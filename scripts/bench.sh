#!/usr/bin/env bash
# Measures Sidenote against its budgets and its peers and prints one table
# (docs/benchmarks.md explains every row). Installs what it needs itself:
# the peers (Readability.js + jsdom and chrono-node from npm into bench/peers,
# trafilatura into a venv under target/bench), then builds in release.
#
#   ./scripts/bench.sh                       # everything (same as `make bench`)
#   ./scripts/bench.sh --only timex,export   # some sections of sidenote-bench
#   BENCH_APP=0 ./scripts/bench.sh           # without the whole-app rows
#
# Rows whose peer or corpus is unavailable are printed with a "skipped:" note.
# Results: target/bench/rows.jsonl (JSON lines) and target/bench/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/bench"
mkdir -p "$OUT"
ROWS="$OUT/rows.jsonl"
: > "$ROWS"

say() { printf '\n==> %s\n' "$*" >&2; }
skip_row() { # group name reason
  python3 -c 'import json,sys; g,n,r=sys.argv[1:]; print(json.dumps({"group":g,"name":n,"ours":None,"unit":"","budget":None,"met":None,"peer":None,"peer_value":None,"ratio":None,"note":"skipped: "+r}))' "$@" >> "$ROWS"
}

say "Peers: Readability.js, jsdom, chrono-node (npm, bench/peers)"
if command -v npm >/dev/null; then
  if [ ! -d bench/peers/node_modules ] || [ bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]; then
    (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error) || echo "bench: npm peers could not be installed; their rows will say skipped" >&2
  fi
else
  echo "bench: npm is not installed; the Node peers' rows will say skipped" >&2
fi

say "Peers: trafilatura (PyPI, $OUT/venv)"
PY="$OUT/venv/bin/python"
if [ ! -x "$PY" ] || ! "$PY" -c 'import trafilatura, lxml_html_clean' 2>/dev/null; then
  { python3 -m venv "$OUT/venv" && "$PY" -m pip install --quiet -r bench/peers/requirements.txt; } \
    || echo "bench: trafilatura could not be installed; its rows will say skipped" >&2
fi

say "Build (release: these are speed measurements)"
./scripts/setup.sh >&2
(cd ui && npm run --silent build) >&2
(cd extension && npm run --silent build -- --no-package) >&2
cargo build --release --quiet -p sidenote -p sidenote-bench >&2

say "Library, import, tagging and export benchmarks"
"$TARGET/release/sidenote-bench" --sidenote "$TARGET/release/sidenote" --python "$PY" \
  --peers "$ROOT/bench/peers" --work "$OUT" "$@" | tee -a "$ROWS" >/dev/null

if [ "$#" -gt 0 ]; then
  echo "bench: browser capture rows not requested" >&2
elif ! command -v chromedriver >/dev/null; then
  skip_row "Browser capture" "Save a 1 MB page from the browser: click to article stored" "chromium-driver is not installed"
else
  say "Saving from the browser (sidenote-bench-capture: headless Chromium, the extension, the release host)"
  if ! SIDENOTE_BIN="$TARGET/release/sidenote" cargo run --release --quiet -p sidenote-bench-app --bin sidenote-bench-capture | tee -a "$ROWS" >/dev/null; then
    skip_row "Browser capture" "Save a 1 MB page from the browser: click to article stored" "sidenote-bench-capture failed (see its output above)"
  fi
fi

if [ "${BENCH_APP:-1}" = "0" ] || [ "$#" -gt 0 ]; then
  echo "bench: whole-app rows not requested" >&2
elif [ ! -f tests/bench-app/Cargo.toml ]; then
  skip_row "App" "Whole-app rows (cold start, memory, open, scroll, notes)" "tests/bench-app (sidenote-bench-app) is not in this checkout"
elif [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null; then
  skip_row "App" "Whole-app rows (cold start, memory, open, scroll, notes)" "no display and no xvfb-run"
else
  say "Whole-app benchmarks (sidenote-bench-app)"
  run_app=(cargo run --release --quiet -p sidenote-bench-app)
  if [ -z "${DISPLAY:-}" ]; then run_app=(xvfb-run -a -s "-screen 0 1280x800x24" "${run_app[@]}"); fi
  if ! "${run_app[@]}" | tee -a "$ROWS" >/dev/null; then
    skip_row "App" "Whole-app rows" "sidenote-bench-app failed (see its output above)"
  fi
fi

say "Results ($ROWS)"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/^Mem:/{print $2}') GiB RAM."
  echo
  python3 scripts/bench_table.py "$ROWS"
} | tee "$OUT/table.md"
