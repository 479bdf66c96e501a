#!/usr/bin/env bash
# `make test`'s Swift part: the test binary run directly, in two processes, each under the
# watchdog (Tests/watchdog.py), with line-buffered output and Swift Testing's event stream kept
# in out/tests/ so a stuck or failed run shows which tests were running.
#   1. Every suite except the servers' (CPU-bound: training, features, decoding).
#   2. The suites that run servers and load tests, which measure latency and deadlines. Swift
#      Testing starts every test of a process at once on the cooperative pool (one thread per
#      core); in one process, CPU-bound suites held those threads for tens of seconds at a time
#      and the servers' requests ran into their deadlines.
# TEST_TIME_LIMIT (seconds, default 900) bounds each process; FILTER runs only matching tests.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
export NO_COLOR=1
LIMIT=${TEST_TIME_LIMIT:-900}
BIN_PATH=$("$SWIFT" build --show-bin-path)
BINARY="$BIN_PATH/EarshotPackageTests.xctest"
OUT=out/tests
mkdir -p "$OUT"
LATENCY_SUITES='^(EarshotServingTests|EarshotLoadTestTests)\.'

run_phase() {  # label, then the binary's selection arguments
  local label=$1
  shift
  local events="$OUT/$label.events.jsonl"
  rm -f "$events"
  echo "== $label tests"
  "$PYTHON" Tests/watchdog.py --limit "$LIMIT" --events "$events" --label "$label tests" -- \
    stdbuf -oL -eL "$BINARY" --testing-library swift-testing \
    --event-stream-output-path "$events" --event-stream-version 0 "$@"
}

status=0
if [ -n "${FILTER:-}" ]; then
  run_phase filtered --filter "$FILTER" || status=1
else
  run_phase library --skip "$LATENCY_SUITES" || status=1
  run_phase serving --filter "$LATENCY_SUITES" || status=1
fi
exit $status
