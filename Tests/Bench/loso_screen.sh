#!/usr/bin/env bash
# Screening of a training recipe on FSDD leave-one-speaker-out folds (issue 16), cheaper than
# `make eval`: no PocketSphinx and no RTF pass, only train → transcribe → `earshot wer`.
#   Tests/Bench/loso_screen.sh NAME CONFIG.json [SPEAKERS...]   (default: all four)
# EXTRA_TRAIN="a.jsonl b.jsonl" adds manifests (synthesized voices) to every fold's training set.
# Appends one row per fold to Tests/Bench/experiments/loso.tsv (the experiment log: recipe name,
# config, held-out speaker, WER, empty-transcript rate, best epoch, training wall seconds).
set -euo pipefail
BIN=${BIN:-.build/release/earshot}
FSDD_DIR=${FSDD_DIR:-../shared/data/fsdd}
NAME=$1
CONFIG=$2
shift 2
SPEAKERS=("$@")
[ ${#SPEAKERS[@]} -gt 0 ] || SPEAKERS=(george jackson lucas yweweler)
ALL=(george jackson lucas yweweler)
OUT=out/screen/$NAME
LOG=Tests/Bench/experiments/loso.tsv
mkdir -p "$OUT"
[ -f "$LOG" ] || printf 'recipe\theld_out\twer_percent\tempty_percent\tbest_epoch\ttrain_seconds\tconfig\textra_train\n' > "$LOG"
printf '%s\n' zero one two three four five six seven eight nine > "$OUT/digits.txt"
for held in "${SPEAKERS[@]}"; do
  others=$(printf '%s\n' "${ALL[@]}" | grep -v "^$held$" | paste -sd, -)
  fold="$OUT/$held"
  mkdir -p "$fold"
  "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$held" --out "$fold/test.jsonl" > /dev/null
  "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$others" --part test --out "$fold/dev.jsonl" > /dev/null
  "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$others" --part train --out "$fold/train.jsonl" > /dev/null
  start=$(date +%s)
  extra=()
  for manifest in ${EXTRA_TRAIN:-}; do extra+=(--train "$manifest"); done
  "$BIN" train --config "$CONFIG" --train "$fold/train.jsonl" "${extra[@]}" --dev "$fold/dev.jsonl" --vocabulary "$OUT/digits.txt" \
    --log "$fold/train-log.jsonl" --out "$fold/model.earshot" > "$fold/train.out" 2>&1
  seconds=$(( $(date +%s) - start ))
  "$BIN" transcribe --model "$fold/model.earshot" --manifest "$fold/test.jsonl" --out "$fold/hyp.jsonl" 2> /dev/null
  "$BIN" wer --ref "$fold/test.jsonl" --hyp "$fold/hyp.jsonl" --json > "$fold/wer.json"
  python3 - "$fold" "$NAME" "$held" "$seconds" "$CONFIG" >> "$LOG" <<'PY'
import json, os, sys
fold, name, held, seconds, config = sys.argv[1:]
wer = json.loads(open(f"{fold}/wer.json").readline())["summary"]["wer"]
hyps = [json.loads(line) for line in open(f"{fold}/hyp.jsonl")]
empty = sum(1 for h in hyps if not h.get("pred_text", "").strip()) / max(1, len(hyps))
epochs = [json.loads(line) for line in open(f"{fold}/train-log.jsonl")]
best = min(epochs, key=lambda e: e["dev_wer"])["epoch"] if epochs else 0
extra = os.environ.get("EXTRA_TRAIN", "")
print(f"{name}\t{held}\t{100 * wer:.1f}\t{100 * empty:.1f}\t{best}\t{seconds}\t{json.dumps(json.load(open(config)), separators=(',', ':'))}\t{extra}")
PY
  tail -1 "$LOG"
done
