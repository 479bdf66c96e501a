#!/usr/bin/env python3
"""Benchmark `earshot corpus synth` against the espeak-ng command-line tool (the anchor).

Renders N utterances with earshot (one process, libespeak-ng through its C API, 16 kHz WAVs
plus manifest), then renders the same texts with the same voice, variant, rate, pitch and range
with one `espeak-ng -w` process per utterance (22.05 kHz WAVs, no manifest), and prints a table
with the ratio. Usage: corpus_synth_bench.py EARSHOT_BINARY [N] [SEED]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def main() -> None:
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = sys.argv[3] if len(sys.argv) > 3 else "1"
    work = tempfile.mkdtemp(prefix="earshot-bench-synth-")
    try:
        out = os.path.join(work, "earshot")
        start = time.perf_counter()
        subprocess.run([binary, "corpus", "synth", "--count", str(count), "--seed", seed, "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
        earshot_seconds = time.perf_counter() - start
        with open(os.path.join(out, "manifest.jsonl")) as handle:
            entries = [json.loads(line) for line in handle]
        audio_seconds = sum(entry["duration"] for entry in entries)

        anchor_dir = os.path.join(work, "espeak")
        os.makedirs(anchor_dir)
        start = time.perf_counter()
        for index, entry in enumerate(entries):
            tags = entry["tags"]
            voice = tags["voice"] if tags["variant"] == "none" else f'{tags["voice"]}+{tags["variant"]}'
            subprocess.run(["espeak-ng", "-v", voice, "-s", tags["rate"], "-p", tags["pitch"],
                            "-w", os.path.join(anchor_dir, f"{index}.wav"), entry["text"]], check=True)
        anchor_seconds = time.perf_counter() - start

        print(f"| tool | utterances | audio (s) | wall (s) | x real time | ratio to anchor |")
        print(f"|---|---:|---:|---:|---:|---:|")
        print(f"| espeak-ng CLI, one process per utterance (anchor) | {count} | {audio_seconds:.0f} | "
              f"{anchor_seconds:.1f} | {audio_seconds / anchor_seconds:.0f} | 1.00 |")
        print(f"| earshot corpus synth (16 kHz WAV + manifest) | {count} | {audio_seconds:.0f} | "
              f"{earshot_seconds:.1f} | {audio_seconds / earshot_seconds:.0f} | {anchor_seconds / earshot_seconds:.2f}x faster |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
