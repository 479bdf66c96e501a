# Earshot: the single entry point for set-up, build, test, demo and benchmarks.
# Every target installs what it needs on a fresh Debian 12 machine with Swift.

SWIFT        ?= swift
APT_PACKAGES := pkg-config libsndfile1-dev libfftw3-dev libebur128-dev libsoxr-dev \
                libespeak-ng-dev espeak-ng flite1-dev libopenblas-dev sox \
                sctk time python3 python3-venv gdb
PYTHON       ?= python3
VENV         := .venv
BIN_RELEASE  := .build/release/earshot

.PHONY: setup setup-system setup-bench-system setup-python build release test demo bench clean \
        setup-notebooks notebooks notebooks-check \
        bench-audio bench-transcribe bench-features bench-corpus bench-wer bench-audit bench-model bench-serve \
        train-default eval golden test-stress

## Debian packages only benchmarks use (not `make test`): wrk cross-checks bench-serve.
BENCH_APT_PACKAGES := wrk

## Installs the missing packages among $(1) (apt-get update first, once).
apt_install = missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## System packages: install only those missing.
setup-system:
	@$(call apt_install,$(APT_PACKAGES))

setup-bench-system: setup-system
	@$(call apt_install,$(BENCH_APT_PACKAGES))

## Python tools used only as anchors and reference generators, in a virtual environment.
setup-python: $(VENV)/.installed
$(VENV)/.installed: Tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r Tests/requirements.txt
	touch $@

setup: setup-system

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

## Builds everything (tests that run the `earshot` executable need .build/debug/earshot), then
## runs the Swift Testing binary under a watchdog (Tests/run-tests.sh: TEST_TIME_LIMIT seconds
## per process, default 900; a run over it prints the unfinished tests and thread stacks and
## fails), then executes the notebooks. FILTER=regex runs only matching tests.
test: setup setup-python
	$(SWIFT) build --build-tests
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" SWIFT=$(SWIFT) PYTHON=$(PYTHON) Tests/run-tests.sh
	$(MAKE) notebooks-check

## The Swift suite 10 times (RUNS=n) while busy processes load every core (Tests/stress.sh);
## prints each run's verdict and how many passed.
test-stress: setup setup-python
	$(SWIFT) build --build-tests
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" SWIFT=$(SWIFT) PYTHON=$(PYTHON) Tests/stress.sh

demo: release
	$(BIN_RELEASE) audio info Fixtures/audio/speech/*.wav Fixtures/audio/fsdd/*.wav
	$(BIN_RELEASE) audio normalize --mode lufs --target -23 --out-dir out/demo/normalized Fixtures/audio/speech/*.wav
	$(BIN_RELEASE) audio info out/demo/normalized/*.wav
	$(BIN_RELEASE) transcribe Fixtures/audio/speech/*.wav Fixtures/audio/fsdd/*.wav
	$(BIN_RELEASE) transcribe --manifest Fixtures/recognizer/manifest.jsonl --out out/demo/hyp.jsonl
	$(BIN_RELEASE) wer --ref Fixtures/recognizer/manifest.jsonl --hyp out/demo/hyp.jsonl

## The shipped default model (issues 7, 16): voice-search queries synthesized by eSpeak NG and by
## Flite (training voices only: TEST_VOICES and Flite's rms and slt stay unheard for `make eval`)
## plus the FSDD training takes of all four speakers; dev = FSDD test takes + synthesized dev
## sets. Writes Sources/EarshotRecognizer/Resources/default.earshot (commit it).
FSDD_DIR      ?= ../shared/data/fsdd
DEFAULT_DIR   := out/default
DEFAULT_MODEL := Sources/EarshotRecognizer/Resources/default.earshot
TRAIN_VOICES  := en-us,en,en-gb-scotland,en-gb-x-rp,en-gb-x-gbclan,en-029
TEST_VOICES   := en-gb-x-gbcwmd,en-us-nyc
FLITE_TRAIN_VOICES := kal,kal16,awb
DEFAULT_TRAIN_CONFIG := {"name": "earshot-default", "version": "3", "epochs": 24, "patience": 4, "channels": 256, "batchSize": 16, "averageBest": 5}
train-default: release
	mkdir -p $(DEFAULT_DIR)
	$(BIN_RELEASE) corpus synth --count 2500 --seed 11 --voices $(TRAIN_VOICES) --out $(DEFAULT_DIR)/synth-train
	$(BIN_RELEASE) corpus synth --count 150 --seed 13 --voices $(TRAIN_VOICES) --out $(DEFAULT_DIR)/synth-dev
	$(BIN_RELEASE) corpus synth --engine flite --count 1000 --seed 15 --voices $(FLITE_TRAIN_VOICES) --out $(DEFAULT_DIR)/flite-train
	$(BIN_RELEASE) corpus synth --engine flite --count 60 --seed 16 --voices $(FLITE_TRAIN_VOICES) --out $(DEFAULT_DIR)/flite-dev
	$(BIN_RELEASE) corpus import-fsdd $(FSDD_DIR) --part train --out $(DEFAULT_DIR)/fsdd-train.jsonl
	$(BIN_RELEASE) corpus import-fsdd $(FSDD_DIR) --part test --out $(DEFAULT_DIR)/fsdd-test.jsonl
	$(BIN_RELEASE) corpus synth --print-vocabulary > $(DEFAULT_DIR)/vocabulary.txt
	printf '%s\n' zero one two three four five six seven eight nine oh >> $(DEFAULT_DIR)/vocabulary.txt
	echo '$(DEFAULT_TRAIN_CONFIG)' > $(DEFAULT_DIR)/train.json
	/usr/bin/time -v -o $(DEFAULT_DIR)/train-time.txt $(BIN_RELEASE) train --config $(DEFAULT_DIR)/train.json \
	  --train $(DEFAULT_DIR)/synth-train/manifest.jsonl --train $(DEFAULT_DIR)/flite-train/manifest.jsonl \
	  --train $(DEFAULT_DIR)/fsdd-train.jsonl \
	  --dev $(DEFAULT_DIR)/synth-dev/manifest.jsonl --dev $(DEFAULT_DIR)/flite-dev/manifest.jsonl --dev $(DEFAULT_DIR)/fsdd-test.jsonl \
	  --vocabulary $(DEFAULT_DIR)/vocabulary.txt --log $(DEFAULT_DIR)/train-log.jsonl \
	  --checkpoints $(DEFAULT_DIR)/checkpoints --out $(DEFAULT_DIR)/default.earshot
	grep -E "Elapsed|User time|System time|Maximum resident" $(DEFAULT_DIR)/train-time.txt
	$(BIN_RELEASE) models calibrate $(DEFAULT_DIR)/default.earshot --manifest $(DEFAULT_DIR)/synth-dev/manifest.jsonl \
	  --manifest $(DEFAULT_DIR)/flite-dev/manifest.jsonl --manifest $(DEFAULT_DIR)/fsdd-test.jsonl \
	  --out $(DEFAULT_DIR)/default-calibrated.earshot
	cp $(DEFAULT_DIR)/default-calibrated.earshot $(DEFAULT_MODEL)

## The shipped model's golden transcripts (Fixtures/recognizer/golden.json), rewritten on purpose
## when the model or anything upstream of it changes; prints each fixture set's WER to review.
golden: build
	$(SWIFT) build --build-tests
	EARSHOT_UPDATE_GOLDEN=1 FILTER=GoldenTranscriptTests SWIFT=$(SWIFT) Tests/run-tests.sh
	git diff --stat Fixtures/recognizer/golden.json

## Evaluation (issue 7): held-out-voice synthesized test (clean, 10 dB car, 10 dB babble) with the
## default model, FSDD leave-one-speaker-out (4 trainings; SKIP_LOSO=1 skips), WER via earshot wer,
## RTF, beside PocketSphinx 5.1.1 (bundled en-us model, same-vocabulary JSGF grammar).
eval: release setup-python
	$(VENV)/bin/pip install -q -r Tests/Bench/requirements-eval.txt
	BIN=$(BIN_RELEASE) PY=$(VENV)/bin/python DEFAULT_DIR=$(DEFAULT_DIR) Tests/Bench/eval.sh

## Notebooks (Notebooks/README.md): numpy, pandas, matplotlib and nbclient in the same .venv.
setup-notebooks: $(VENV)/.notebooks-installed
$(VENV)/.notebooks-installed: Notebooks/requirements.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q -r Notebooks/requirements.txt
	touch $@

## Execute every notebook top to bottom on the fixtures and write its outputs (plots) back.
notebooks: build setup-notebooks
	EARSHOT="$(CURDIR)/.build/debug/earshot" $(VENV)/bin/python Notebooks/run_notebooks.py --inplace

## The same for `make test`, writing nothing back: a broken notebook fails, the tree stays clean.
notebooks-check: build setup-notebooks
	EARSHOT="$(CURDIR)/.build/debug/earshot" $(VENV)/bin/python Notebooks/run_notebooks.py

bench: release bench-audio bench-transcribe bench-features bench-model bench-serve bench-corpus bench-wer bench-audit

## earshot wer vs jiwer 4.0.0 vs sctk sclite on 100,000 seeded pairs (Tests/Bench/bench_wer.py).
bench-wer: setup release setup-python
	$(VENV)/bin/python Tests/Bench/bench_wer.py --earshot $(BIN_RELEASE)

## Label audit of 1,000,000 generated rows on one core (target: under a minute).
bench-audit: release
	Tests/Bench/bench_audit.sh

## Whole-process `earshot transcribe` as it comes (and hand-tuned) beside PocketSphinx's batch
## transcription: 1,000 FSDD clips, 200 synthesized queries, one 10-minute 44.1 kHz stereo file.
bench-transcribe: release setup-python
	$(VENV)/bin/pip install -q -r Tests/Bench/requirements-transcribe.txt
	$(VENV)/bin/python Tests/Bench/bench_transcribe.py $(BIN_RELEASE) $(VENV)/bin/python

## Audio: load + resample to 16 kHz on 10 minutes of 44.1 kHz stereo, beside sox.
bench-audio: release
	$(PYTHON) Tests/Bench/bench_audio.py $(BIN_RELEASE) 10

## Features benchmark: MFCC x real time of Earshot beside kaldi-native-fbank and librosa,
## one thread, same 10 minutes of synthesized 16 kHz audio (Python anchors go in .venv).
bench-features: release setup-python
	$(VENV)/bin/pip install -q -r Tests/Bench/requirements-features.txt
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1 \
	  $(VENV)/bin/python Tests/Bench/bench_features.py --earshot $(BIN_RELEASE) --repeats 10

## Acoustic model: forward (RTF, one BLAS thread) and training-step speed beside a numpy forward of the same weights.
bench-model: setup setup-python
	@out=$$(EARSHOT_BENCH=1 OPENBLAS_NUM_THREADS=1 PYTHON="$(CURDIR)/$(VENV)/bin/python" \
	  $(SWIFT) test -c release -Xswiftc -enable-testing --disable-xctest --filter ModelBenchmark 2>&1); status=$$?; \
	  echo "$$out" | grep -E '^(\||Acoustic|numpy|✘)'; exit $$status

## Serving (issue 8): offline `earshot transcribe` vs `earshot serve` under `earshot loadtest`
## (closed-loop sweep, open loop at 70% of saturation), errors, peak RSS, and a wrk cross-check,
## default model, Fixtures/serve/manifest.jsonl; no thread variables: Earshot gives each worker one
## BLAS thread itself (~3 minutes).
bench-serve: release setup-bench-system
	$(PYTHON) Tests/Bench/bench_serve.py $(BIN_RELEASE) --manifest Fixtures/serve/manifest.jsonl

## Corpus: `earshot corpus synth --count 1000` against the espeak-ng CLI (anchor).
bench-corpus: release
	$(PYTHON) Tests/Bench/corpus_synth_bench.py $(BIN_RELEASE) 1000 1

clean:
	rm -rf .build $(VENV)
