#!/usr/bin/env bash
# `make test-stress`: the Swift suite RUNS times (default 10) while LOAD busy processes (default:
# one per core) hold every core, so timing assumptions that hold only on an idle machine show up
# as failures here rather than as rare red CI runs. Prints one line per run and a summary; exits 1
# if any run failed. Each run's output is kept in out/stress/run-N.log.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
LOAD=${LOAD:-$(nproc)}
OUT=out/stress
mkdir -p "$OUT"
hogs=()
for _ in $(seq "$LOAD"); do
  ( while :; do :; done ) &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT
passed=0
for run in $(seq "$RUNS"); do
  started=$(date +%s)
  if Tests/run-tests.sh > "$OUT/run-$run.log" 2>&1; then
    passed=$((passed + 1)); verdict=passed
  else
    verdict="FAILED ($(grep -c '✘ Test .* failed' "$OUT/run-$run.log") tests; see $OUT/run-$run.log)"
  fi
  printf 'run %2d/%d  %4d s  %s\n' "$run" "$RUNS" $(( $(date +%s) - started )) "$verdict"
done
printf '%d of %d runs passed with %d busy processes on %d cores\n' "$passed" "$RUNS" "$LOAD" "$(nproc)"
[ "$passed" -eq "$RUNS" ]
