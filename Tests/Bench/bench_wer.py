#!/usr/bin/env python3
"""Benchmark for `make bench-wer`: 100,000 seeded reference/hypothesis pairs of about ten
words, scored end to end (start the process, read the files, score, write a report) by
Earshot (release build), jiwer 4.0.0 and NIST sclite (`sctk sclite`) in the same run.
Prints pairs per second, Earshot's ratios and peak memory (max RSS) per tool."""
import argparse
import os
import random
import re
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
    """Runs a command to completion; returns (wall seconds, CPU seconds, max RSS in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


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
        out = {name: os.path.join(tmp, name) for name in ["earshot.txt", "earshot-sclite.txt", "jiwer.txt", "jiwer-cer.txt"]}
        tools = [
            ("earshot wer (jiwer alignment)", [args.earshot, "wer", "--ref", p["ref.txt"], "--hyp", p["hyp.txt"],
                                               "--output", out["earshot.txt"]]),
            ("earshot wer --align sclite", [args.earshot, "wer", "--ref", p["ref.txt"], "--hyp", p["hyp.txt"],
                                            "--align", "sclite", "--output", out["earshot-sclite.txt"]]),
            ("jiwer 4.0.0 (WER measures only)", [sys.executable, "-c", JIWER_SCRIPT, p["ref.txt"], p["hyp.txt"],
                                                 out["jiwer.txt"], "words"]),
            ("jiwer 4.0.0 (WER measures + CER)", [sys.executable, "-c", JIWER_SCRIPT, p["ref.txt"], p["hyp.txt"],
                                                  out["jiwer-cer.txt"], "cer"]),
        ]
        if sclite:
            tools.append(("sctk sclite (-o sum)", sclite + ["-r", p["ref.trn"], "trn", "-h", p["hyp.trn"], "trn",
                                                             "-i", "spu_id", "-o", "sum", "-O", tmp]))
        results = []
        for name, command in tools:
            runs = [run(command) for _ in range(args.repeat)]
            results.append((name, min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)))
        # The same counts, or the comparison is meaningless.
        earshot_counts = re.search(r"H=\d+ S=\d+ D=\d+ I=\d+", open(out["earshot.txt"]).read()).group(0)
        jiwer_counts = re.search(r"H=\d+ S=\d+ D=\d+ I=\d+", open(out["jiwer.txt"]).read()).group(0)
        if earshot_counts != jiwer_counts:
            sys.exit(f"Earshot and jiwer disagree: {earshot_counts} vs {jiwer_counts}")

    earshot, earshot_cpu = results[0][1], results[0][2]
    print(f"{args.pairs:,} pairs of 7-13 words (seed {args.seed}); whole process, best of {args.repeat}; "
          f"Earshot computes WER, MER, WIL, WIP, CER, SER, confusions")
    print(f"Earshot and jiwer agree on the pooled counts: {earshot_counts}")
    print("| tool | wall s | pairs/s | wall ÷ Earshot's | CPU s | CPU ÷ Earshot's | max RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, seconds, cpu, rss in results:
        print(f"| {name} | {seconds:.2f} | {args.pairs / seconds:,.0f} | {seconds / earshot:.1f}× "
              f"| {cpu:.2f} | {cpu / earshot_cpu:.1f}× | {rss:.0f} |")


if __name__ == "__main__":
    main()
