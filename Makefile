# Earshot: the single entry point for set-up, build, test, demo and benchmarks.
# Every target installs what it needs on a fresh Debian 12 machine with Swift.

SWIFT        ?= swift
APT_PACKAGES := pkg-config libsndfile1-dev libfftw3-dev libebur128-dev libsamplerate0-dev \
                libespeak-ng-dev espeak-ng libopenblas-dev sox \
                sctk
PYTHON       ?= python3
VENV         := .venv
BIN_RELEASE  := .build/release/earshot

.PHONY: setup setup-system setup-python build release test demo bench clean

## System packages: install only those missing (apt-get update first, once).
setup-system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

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

test: setup setup-python
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(SWIFT) test

demo: release
	$(BIN_RELEASE) --help

bench: release bench-wer

## earshot wer vs jiwer 4.0.0 vs sctk sclite on 100,000 seeded pairs (Tests/Bench/bench_wer.py).
.PHONY: bench-wer
bench-wer: setup release setup-python
	$(VENV)/bin/python Tests/Bench/bench_wer.py --earshot $(BIN_RELEASE)

clean:
	rm -rf .build $(VENV)
