#!/usr/bin/env python3
"""Benchmark for `make bench-wer`: 100,000 seeded reference/hypothesis pairs of about ten
words, scored end to end (start the process, read the files, score, write a report) by
Earshot (release build), jiwer 4.0.0 and NIST sclite (`sctk sclite`) in the same run.
Prints pairs per second, Earshot's ratios and peak memory (max RSS) per tool."""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

JIWER_SCRIPT = r"""
import sys, jiwer
def read(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            uid, _, text = line.rstrip("\n").partition(" ")
            out[uid] = text
    return out
refs, hyps = read(sys.argv[1]), read(sys.argv[2])
ids = list(refs)
r = [refs[i] for i in ids]
h = [hyps.get(i, "") for i in ids]
o = jiwer.process_words(r, h)
lines = [f"WER {o.wer:.4f} MER {o.mer:.4f} WIL {o.wil:.4f} WIP {o.wip:.4f} "
         f"H={o.hits} S={o.substitutions} D={o.deletions} I={o.insertions}"]
if sys.argv[4] == "cer":
    lines.append(f"CER {jiwer.cer(r, h):.4f}")
with open(sys.argv[3], "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
"""


def generate(directory, pairs, seed):
    rng = random.Random(seed)
    vocabulary = [f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{rng.choice('bcdfgklmnprst')}"
                  f"{rng.choice(['', 'a', 'er', 'ing', 's'])}" for _ in range(3000)]
    refs, hyps = [], []
    for k in range(pairs):
        ref = [rng.choice(vocabulary) for _ in range(rng.randint(7, 13))]
        hyp = []
        for word in ref:
            r = rng.random()
            if r < 0.04:
                continue
            if r < 0.12:
                hyp.append(rng.choice(vocabulary))
            elif r < 0.15:
                hyp.extend([word, rng.choice(vocabulary)])
            else:
                hyp.append(word)
        refs.append(ref)
        hyps.append(hyp)
    paths = {name: os.path.join(directory, name) for name in ["ref.txt", "hyp.txt", "ref.trn", "hyp.trn"]}
    with open(paths["ref.txt"], "w") as rt, open(paths["hyp.txt"], "w") as ht, \
         open(paths["ref.trn"], "w") as rn, open(paths["hyp.trn"], "w") as hn:
        for k, (ref, hyp) in enumerate(zip(refs, hyps)):
            uid = f"s{k % 100:02d}_{k:06d}"
            rt.write(f"{uid} {' '.join(ref)}\n")
            ht.write(f"{uid} {' '.join(hyp)}\n")
            rn.write(f"{' '.join(ref)} ({uid})\n")
            hn.write(f"{' '.join(hyp)} ({uid})\n")
    return paths


def run(command):
    """Runs a command to completion; returns (seconds, max RSS in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--earshot", default=".build/release/earshot")
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the fastest counts")
    args = parser.parse_args()

    sclite = ["sctk", "sclite"] if shutil.which("sctk") else (["sclite"] if shutil.which("sclite") else None)
    with tempfile.TemporaryDirectory() as tmp:
        p = generate(tmp, args.pairs, args.seed)
        out = os.path.join(tmp, "report")
        tools = [
            ("earshot wer (jiwer alignment)", [args.earshot, "wer", "--ref", p["ref.txt"], "--hyp", p["hyp.txt"], "--output", out]),
            ("earshot wer --align sclite", [args.earshot, "wer", "--ref", p["ref.txt"], "--hyp", p["hyp.txt"],
                                            "--align", "sclite", "--output", out]),
            ("jiwer 4.0.0 (WER measures only)", [sys.executable, "-c", JIWER_SCRIPT, p["ref.txt"], p["hyp.txt"], out, "words"]),
            ("jiwer 4.0.0 (WER measures + CER)", [sys.executable, "-c", JIWER_SCRIPT, p["ref.txt"], p["hyp.txt"], out, "cer"]),
        ]
        if sclite:
            tools.append(("sctk sclite (-o sum)", sclite + ["-r", p["ref.trn"], "trn", "-h", p["hyp.trn"], "trn",
                                                             "-i", "spu_id", "-o", "sum", "-O", tmp]))
        results = []
        for name, command in tools:
            runs = [run(command) for _ in range(args.repeat)]
            results.append((name, min(r[0] for r in runs), max(r[1] for r in runs)))

    earshot = results[0][1]
    print(f"{args.pairs:,} pairs of 7-13 words (seed {args.seed}); whole process, best of {args.repeat}; "
          f"Earshot computes WER, MER, WIL, WIP, CER, SER, confusions")
    print(f"| tool | seconds | pairs/s | Earshot (jiwer alignment) speed-up | max RSS MiB |")
    print(f"|---|---:|---:|---:|---:|")
    for name, seconds, rss in results:
        print(f"| {name} | {seconds:.3f} | {args.pairs / seconds:,.0f} | {seconds / earshot:.1f}× | {rss:.0f} |")


if __name__ == "__main__":
    main()
