#!/usr/bin/env bash
# make bench-audit: audits a generated labels file of ROWS rows (3 annotators per clip) on
# one core (taskset -c 0) with the release build, and prints rows per second against the
# issue's target of one minute. Usage: Tests/Bench/bench_audit.sh [ROWS] (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
CLIPS=$(( (ROWS + 2) / 3 ))
BIN=.build/release/earshot
DIR=.build/bench
DATA=$DIR/audit_labels_$ROWS.tsv
mkdir -p "$DIR"
if [ ! -s "$DATA" ] || [ Tests/Bench/generate_labels.py -nt "$DATA" ]; then
  python3 Tests/Bench/generate_labels.py "$CLIPS" > "$DATA.tmp" && mv "$DATA.tmp" "$DATA"
fi
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
# The text report goes to a file so that terminal output is not part of the time.
/usr/bin/time -f "%e %U %S %M" -o "$DIR/audit_time.txt" $PIN "$BIN" audit "$DATA" --hlp "$DIR/audit_hlp.tsv" > "$DIR/audit_report.txt" \
  || [ $? -eq 1 ]
read -r WALL USER SYS RSS < "$DIR/audit_time.txt"
LINES=$(( $(wc -l < "$DATA") - 1 ))
python3 - "$LINES" "$WALL" "$USER" "$SYS" "$RSS" <<'PY'
import sys
rows, wall, user, system, rss = int(sys.argv[1]), *map(float, sys.argv[2:5]), int(sys.argv[5])
cpu = user + system
target = 60.0
print(f"earshot audit: {rows:,} label rows (3 annotators per clip), one core")
print(f"| measure | earshot audit | target |")
print(f"|---|---:|---:|")
print(f"| wall time (s) | {wall:.1f} | {target:.0f} |")
print(f"| CPU time (s) | {cpu:.1f} | |")
print(f"| rows/s (wall) | {rows / wall:,.0f} | {rows / target:,.0f} |")
print(f"| rows/s (CPU) | {rows / cpu:,.0f} | |")
print(f"| peak memory (MiB) | {rss / 1024:.0f} | |")
print(f"| wall time / target | {wall / target:.2f} | 1.00 |")
PY
tail -1 "$DIR/audit_report.txt"
# Other work on the machine stretches wall time; CPU time is what the audit itself costs.
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
