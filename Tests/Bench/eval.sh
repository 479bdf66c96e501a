#!/usr/bin/env bash
# `make eval` (issue 7): WER per fold and slice via `earshot wer`, real-time factor, and the
# PocketSphinx anchor on the same files in the same run.
#   1. Synthesized voice-search test: voices held out of training (TEST_VOICES), clean and at
#      10 dB SNR of car and of babble noise; decoded by the shipped default model.
#   2. FSDD leave-one-speaker-out: for each of the four speakers, a model trained on the
#      synthesized training corpus plus the other three speakers' recordings, tested on all 500
#      recordings of the held-out speaker (SKIP_LOSO=1 skips this part: ~4 trainings).
# Needs out/default/ from `make train-default` (its synthesized corpus and vocabulary).
set -euo pipefail
BIN=${BIN:-.build/release/earshot}
PY=${PY:-.venv/bin/python}
MODEL=${MODEL:-Sources/EarshotRecognizer/Resources/default.earshot}
FSDD_DIR=${FSDD_DIR:-../shared/data/fsdd}
DEFAULT=out/default
OUT=out/eval
TEST_VOICES=en-gb-x-gbcwmd,en-us-nyc
FOLD_CONFIG=${FOLD_CONFIG:-$DEFAULT/train.json}
mkdir -p "$OUT"
ROWS="$OUT/table.tsv"
printf 'set\tutterances\tearshot_wer\tpocketsphinx_wer\tearshot_rtf\tpocketsphinx_rtf\n' > "$ROWS"

wer_of() {  # reference, hypotheses → WER in percent
  "$BIN" wer --ref "$1" --hyp "$2" --json | "$PY" -c 'import json,sys; d=json.loads(sys.stdin.readline()); print("%.2f" % (100*d["summary"]["wer"]))'
}

score() {  # name, manifest, model, vocabulary, [--single-word]
  local name=$1 manifest=$2 model=$3 vocabulary=$4 single=${5:-}
  "$BIN" transcribe --model "$model" --manifest "$manifest" --out "$OUT/$name.earshot.jsonl" 2> "$OUT/$name.earshot.log"
  # RTF on one core: one BLAS thread, pinned to CPU 0 (per-file seconds, summed).
  OPENBLAS_NUM_THREADS=1 taskset -c 0 "$BIN" transcribe --model "$model" --manifest "$manifest" --json > "$OUT/$name.earshot.details.jsonl" 2>/dev/null
  local rtf
  rtf=$("$PY" -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; print("%.4f" % (sum(x["decode_seconds"] for x in r)/sum(x["audio_seconds"] for x in r)))' "$OUT/$name.earshot.details.jsonl")
  local ps
  ps=$(taskset -c 0 "$PY" Tests/Bench/pocketsphinx_anchor.py "$manifest" --vocabulary "$vocabulary" --out "$OUT/$name.pocketsphinx.jsonl" $single)
  local ps_rtf
  ps_rtf=$(echo "$ps" | "$PY" -c 'import json,sys; print("%.4f" % json.loads(sys.stdin.read())["rtf"])')
  local n
  n=$(grep -c . "$manifest")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$(wer_of "$manifest" "$OUT/$name.earshot.jsonl")" \
    "$(wer_of "$manifest" "$OUT/$name.pocketsphinx.jsonl")" "$rtf" "$ps_rtf" | tee -a "$ROWS"
}

# 1. Synthesized voice-search test with held-out voices.
"$BIN" corpus synth --count 200 --seed 12 --voices "$TEST_VOICES" --out "$OUT/synth-test" > /dev/null
for kind in car babble; do
  "$BIN" corpus augment "$OUT/synth-test/manifest.jsonl" --out "$OUT/synth-$kind-10db" --seed 5 --noise "$kind" --snr 10 \
    --noise-probability 1 --gain-probability 0 --telephone-probability 0 --speeds 1.0 --reverb-probability 0 > /dev/null
done
score synth-clean "$OUT/synth-test/manifest.jsonl" "$MODEL" "$DEFAULT/vocabulary.txt"
score synth-car-10db "$OUT/synth-car-10db/manifest.jsonl" "$MODEL" "$DEFAULT/vocabulary.txt"
score synth-babble-10db "$OUT/synth-babble-10db/manifest.jsonl" "$MODEL" "$DEFAULT/vocabulary.txt"

# 2. FSDD leave-one-speaker-out.
if [ "${SKIP_LOSO:-0}" != 1 ]; then
  printf '%s\n' zero one two three four five six seven eight nine > "$OUT/digits.txt"
  speakers=(george jackson lucas yweweler)
  for held in "${speakers[@]}"; do
    others=$(printf '%s\n' "${speakers[@]}" | grep -v "^$held$" | paste -sd, -)
    fold="$OUT/loso-$held"
    mkdir -p "$fold"
    "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$held" --out "$fold/test.jsonl" > /dev/null
    # Dev for model selection: the three training speakers' FSDD test takes (never the held-out one).
    "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$others" --part test --out "$fold/dev.jsonl" > /dev/null
    "$BIN" corpus import-fsdd "$FSDD_DIR" --speakers "$others" --part train --out "$fold/train.jsonl" > /dev/null
    "$BIN" train --config "$FOLD_CONFIG" --train "$DEFAULT/synth-train/manifest.jsonl" --train "$fold/train.jsonl" \
      --dev "$fold/dev.jsonl" --vocabulary "$DEFAULT/vocabulary.txt" --checkpoints "$fold/checkpoints" \
      --log "$fold/train-log.jsonl" --out "$fold/model.earshot" > "$fold/train.out"
    score "fsdd-loso-$held" "$fold/test.jsonl" "$fold/model.earshot" "$OUT/digits.txt" --single-word
  done
fi
echo
column -t -s $'\t' "$ROWS"
