#!/usr/bin/env python3
"""Differential reference for `earshot wer`: seeded random reference/hypothesis pairs plus
hand-written edge cases, scored by jiwer 4.0.0 (per pair and pooled) and by NIST sclite
(`sctk sclite`, per pair). Writes one JSON object; the Swift tests compare Earshot to it.

Regenerate the committed set with:
    .venv/bin/python Tests/Reference/wer_reference.py --seed 4 --count 1500 \
        --out Fixtures/wer/reference_pairs.json
"""
import argparse
import importlib.metadata
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import jiwer

EDGE_CASES = [
    ("", ""), ("", "a"), ("a", ""), ("", "a b c"), ("a b c", ""),
    ("a", "a"), ("a", "b"), ("a b", "b a"), ("a a b", "b a a"), ("a b c d", "a x c"),
    ("a b", "a"), ("a b", "b"), ("a a", "a"), ("a b a", "a"), ("a b c", "c b a"),
    ("the cat sat", "the cat sat on the mat"), ("x y z", "a b c d e f"),
    ("one two three four five", "two three four five one"), ("a b a b a b", "b a b a b a"),
    ("a a a a", "a a"), ("ab ba", "ba ab"), ("café über", "cafe uber"),
    ("日本 語", "日本語"), ("a", "a a a a a a"), ("b b b", "a a a"),
]


def random_pairs(rng, count):
    """Yields (ref, hyp) strings: small vocabularies so ties are common, some long
    utterances, some empty sides, non-ASCII words for the character error rate."""
    vocabularies = [
        ["a", "b"], ["a", "b", "c"], ["x", "y", "z", "w"],
        ["the", "cat", "sat", "on", "mat", "a"],
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "zero"],
        ["é", "ß", "日本", "naïve", "a"],
    ]
    for k in range(count):
        vocab = rng.choice(vocabularies)
        kind = rng.random()
        if kind < 0.08:
            n = rng.randint(40, 120)  # long utterances
        elif kind < 0.15:
            n = 0  # empty reference
        else:
            n = rng.randint(1, 14)
        ref = [rng.choice(vocab) for _ in range(n)]
        if rng.random() < 0.35:
            m = 0 if rng.random() < 0.1 else rng.randint(0, max(1, n + 3))
            hyp = [rng.choice(vocab) for _ in range(m)]
        else:
            hyp = []
            p = rng.choice([0.05, 0.2, 0.5])
            for w in ref:
                r = rng.random()
                if r < p / 3:
                    continue
                if r < 2 * p / 3:
                    hyp.append(rng.choice(vocab))
                elif r < p:
                    hyp.extend([w, rng.choice(vocab)])
                else:
                    hyp.append(w)
        yield " ".join(ref), " ".join(hyp)


def jiwer_scores(ref, hyp):
    o = jiwer.process_words(ref, hyp)
    return {
        "hits": o.hits, "substitutions": o.substitutions, "deletions": o.deletions,
        "insertions": o.insertions, "wer": float(o.wer), "mer": float(o.mer),
        "wil": float(o.wil), "wip": float(o.wip), "cer": float(jiwer.cer(ref, hyp)),
    }


def sclite_command():
    if shutil.which("sctk"):
        return ["sctk", "sclite"]
    if shutil.which("sclite"):
        return ["sclite"]
    return None


def sclite_scores(pairs):
    """Runs sclite on all pairs at once (trn files, case-sensitive) and parses its SGML
    alignment output into per-pair counts."""
    command = sclite_command()
    if command is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        ref_path, hyp_path = os.path.join(tmp, "ref.trn"), os.path.join(tmp, "hyp.trn")
        with open(ref_path, "w", encoding="utf-8") as r, open(hyp_path, "w", encoding="utf-8") as h:
            for i, (ref, hyp) in enumerate(pairs):
                r.write(f"{ref} (spk_{i:06d})\n")
                h.write(f"{hyp} (spk_{i:06d})\n")
        out = subprocess.run(
            command + ["-r", ref_path, "trn", "-h", hyp_path, "trn", "-i", "spu_id", "-s",
                       "-o", "sum", "sgml", "stdout"],
            check=True, capture_output=True, text=True, encoding="utf-8").stdout
    results = {}
    for match in re.finditer(r'<PATH id="\(spk_(\d+)\)"[^>]*>\n(.*?)\n?</PATH>', out, re.S):
        counts = {"hits": 0, "substitutions": 0, "deletions": 0, "insertions": 0}
        body = match.group(2).strip()
        for step in body.split(":") if body else []:
            counts[{"C": "hits", "S": "substitutions", "D": "deletions", "I": "insertions"}[step[0]]] += 1
        results[int(match.group(1))] = counts
    if len(results) != len(pairs):
        sys.exit(f"sclite returned {len(results)} alignments for {len(pairs)} pairs")
    # The summary table's Sum/Avg row: # Snt, # Wrd, then Corr Sub Del Ins Err S.Err in percent.
    row = re.search(r"\| Sum/Avg\s*\|\s*(\d+)\s+(\d+)\s*\|([\d.\s]+)\|", out)
    if row is None:
        sys.exit("no Sum/Avg row in sclite's summary")
    percents = [float(x) for x in row.group(3).split()]
    summary = {"sentences": int(row.group(1)), "words": int(row.group(2)),
               "percent": dict(zip(["corr", "sub", "del", "ins", "err", "serr"], percents))}
    return [results[i] for i in range(len(pairs))], summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pairs = list(EDGE_CASES) + list(random_pairs(rng, args.count))
    sclite, sclite_summary = sclite_scores(pairs) or (None, None)
    records = []
    for i, (ref, hyp) in enumerate(pairs):
        record = {"ref": ref, "hyp": hyp, "jiwer": jiwer_scores(ref, hyp)}
        if sclite is not None:
            record["sclite"] = sclite[i]
        records.append(record)
    pooled = jiwer.process_words([r for r, _ in pairs], [h for _, h in pairs])
    corpus = {
        "hits": pooled.hits, "substitutions": pooled.substitutions, "deletions": pooled.deletions,
        "insertions": pooled.insertions, "wer": float(pooled.wer), "mer": float(pooled.mer),
        "wil": float(pooled.wil), "wip": float(pooled.wip),
        "cer": float(jiwer.cer([r for r, _ in pairs], [h for _, h in pairs])),
    }
    result = {"generator": "Tests/Reference/wer_reference.py", "seed": args.seed, "scliteSummary": sclite_summary,
              "jiwer": importlib.metadata.version("jiwer"),
              "sclite": sclite is not None, "corpus": corpus, "pairs": records}
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
