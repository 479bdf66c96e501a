#!/usr/bin/env python3
"""Prints the leave-one-speaker-out screening log (Tests/Bench/experiments/loso.tsv, written by
Tests/Bench/loso_screen.sh) as a Markdown table: one row per recipe, WER % per held-out speaker,
and the mean when all four folds were run.

    python3 Tests/Bench/loso_table.py [LOG]
"""
import csv
import sys

SPEAKERS = ["george", "jackson", "lucas", "yweweler"]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "Tests/Bench/experiments/loso.tsv"
    recipes = {}
    with open(path, newline="") as log:
        for row in csv.DictReader(log, delimiter="\t"):
            # The latest run of a recipe and fold wins (reruns replace earlier ones).
            recipes.setdefault(row["recipe"], {})[row["held_out"]] = float(row["wer_percent"])
    print("| recipe | " + " | ".join(SPEAKERS) + " | mean |")
    print("|---|" + "---|" * (len(SPEAKERS) + 1))
    for recipe, folds in recipes.items():
        cells = [f"{folds[s]:.1f}" if s in folds else "" for s in SPEAKERS]
        mean = f"**{sum(folds[s] for s in SPEAKERS) / len(SPEAKERS):.1f}**" if all(s in folds for s in SPEAKERS) else ""
        print(f"| {recipe} | " + " | ".join(cells) + f" | {mean} |")


if __name__ == "__main__":
    main()
