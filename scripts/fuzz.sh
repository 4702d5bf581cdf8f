#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ (docs/security.md, "Fuzzing").
#
#   scripts/fuzz.sh TARGET [SECONDS] [EXTRA_SEED_DIR...]   one target (default 600 s)
#   scripts/fuzz.sh all [SECONDS]                          every target in turn
#   scripts/fuzz.sh list                                   the target names
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The corpus grows in fuzz/corpus/TARGET (not committed), starting from the
# committed seeds in fuzz/seeds/TARGET and any extra seed folders given (read
# only). Crashes, hangs and out-of-memory inputs land in fuzz/artifacts/TARGET;
# the run keeps going after one (fork mode) so a single pass finds them all.
# The log of each run is fuzz/logs/TARGET-DATE.log; its last "#N: cov: ..."
# line holds the run's totals.
#
# Environment: FUZZ_JOBS (parallel fuzzing processes, default 1),
# FUZZ_RSS_MB (memory limit per process, default 4096), FUZZ_BUILD (cargo fuzz
# build flags, default -O: optimized without debug assertions; use "-a" to
# keep debug assertions and overflow checks, a separate, slower build).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/../fuzz"

TARGETS=(html_import text_import timex_tag anchoring notes_json notes_csv notes_kindle notes_hypothesis notes_omnivore epub_import passage_link vault_note)

max_len() {
    case "$1" in
        html_import) echo 65536 ;;
        text_import | notes_json) echo 16384 ;;
        *) echo 8192 ;;
    esac
}

run() {
    local target=$1 seconds=${2:-600}
    shift 2 || shift $#
    mkdir -p "corpus/$target" "artifacts/$target" logs
    local log="logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "fuzzing $target for $seconds s; log: fuzz/$log"
    # shellcheck disable=SC2086
    cargo +nightly fuzz run ${FUZZ_BUILD:--O} "$target" "corpus/$target" "seeds/$target" "$@" -- \
        -max_total_time="$seconds" -rss_limit_mb="${FUZZ_RSS_MB:-4096}" -timeout=10 -max_len="$(max_len "$target")" \
        -fork="${FUZZ_JOBS:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="artifacts/$target/" 2>&1 | tee "$log" | grep --line-buffered -E '^#[0-9]+:|INFO: (fuzzed|exiting)|crash|timeout|oom|ERROR' || true
    local found
    found=$(find "artifacts/$target" -type f | wc -l)
    echo "$target: $(grep -E '^#[0-9]+:' "$log" | tail -n 1)"
    echo "$target: $found artifact(s) in fuzz/artifacts/$target"
}

case "${1:-}" in
    "" | -h | --help)
        sed -n '2,20p' "$self" | sed 's/^# \{0,1\}//'
        exit 1
        ;;
    list) printf '%s\n' "${TARGETS[@]}" ;;
    all)
        for t in "${TARGETS[@]}"; do run "$t" "${2:-600}"; done
        ;;
    *)
        [[ " ${TARGETS[*]} " == *" $1 "* ]] || { echo "unknown target $1; one of: ${TARGETS[*]}" >&2; exit 1; }
        run "$@"
        ;;
esac
