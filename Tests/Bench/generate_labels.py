#!/usr/bin/env python3
"""Generates a seeded labels file for `make bench-audit`: CLIPS clips × 3 annotators, TSV
with clip_id, annotator, text, noise. Each clip has a voice-search-like sentence; each
annotator writes it with their own habits (capitals, punctuation, fillers, digits,
contractions, compounds) and now and then mishears a word, so every code path of the audit
(convention reconciliation, substantive disagreement, consensus) is exercised."""
import random
import sys

WORDS = ("play call set turn open show find navigate text remind weather news music timer alarm "
         "lights kitchen bedroom mom dad office jazz song playlist traffic boston austin houston "
         "denver seattle today tomorrow tonight morning evening the a to for in on of my me with "
         "some what how is it please next last up down off volume louder quieter minutes hours").split()
NUMBERS = [("2", "two"), ("5", "five"), ("7", "seven"), ("10", "ten"), ("15", "fifteen"), ("30", "thirty")]
CONTRACTIONS = [("don't", "do not"), ("what's", "what is"), ("it's", "it is"), ("i'm", "i am"), ("can't", "can not")]
COMPOUNDS = [("voicemail", "voice mail", "voice-mail"), ("playlist", "play list", "play-list")]
FILLERS = ["um", "uh", "er"]


def base_sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 9))]
    slots = []  # (kind, which, position), the same for every annotator
    if rng.random() < 0.3:
        slots.append(("number", rng.randrange(len(NUMBERS)), rng.randrange(len(words) + 1)))
    if rng.random() < 0.25:
        slots.append(("contraction", rng.randrange(len(CONTRACTIONS)), rng.randrange(len(words) + 1)))
    if rng.random() < 0.1:
        slots.append(("compound", rng.randrange(len(COMPOUNDS)), rng.randrange(len(words) + 1)))
    filler = rng.random() < 0.15
    return words, slots, filler


def write_as(rng, habits, words, slots, filler):
    out = list(words)
    for kind, k, position in slots:
        if kind == "number":
            out.insert(position, NUMBERS[k][0 if habits["digits"] else 1])
        elif kind == "contraction":
            out.insert(position, CONTRACTIONS[k][0 if habits["contract"] else 1])
        else:
            out.insert(position, COMPOUNDS[k][habits["compound"]])
    if rng.random() < 0.04:  # a misheard word
        out[rng.randrange(len(out))] = rng.choice(WORDS)
    if filler and habits["fillers"]:
        out.insert(0, rng.choice(FILLERS) + ("," if habits["punct"] else ""))
    text = " ".join(out)
    if habits["caps"]:
        text = text[0].upper() + text[1:]
    if habits["punct"]:
        text += rng.choice([".", "?", "..."])
    return text


def main():
    clips = int(sys.argv[1]) if len(sys.argv) > 1 else 333_334
    rng = random.Random(20261130)
    annotators = [
        {"name": "ann", "caps": True, "punct": True, "fillers": True, "digits": True, "contract": True, "compound": 0},
        {"name": "bob", "caps": False, "punct": False, "fillers": False, "digits": False, "contract": False, "compound": 1},
        {"name": "cy", "caps": False, "punct": False, "fillers": True, "digits": False, "contract": True, "compound": 2},
    ]
    out = sys.stdout
    out.write("clip_id\tannotator\ttext\tnoise\n")
    for c in range(clips):
        words, slots, filler = base_sentence(rng)
        noise = "car" if c % 4 == 0 else "quiet"
        # Most clips are transcribed consistently by everyone: they use the plain habits.
        consistent = rng.random() < 0.6
        for habits in annotators:
            used = annotators[1] if consistent else habits
            out.write(f"c{c:07d}\t{habits['name']}\t{write_as(rng, used, words, slots, filler)}\t{noise}\n")


if __name__ == "__main__":
    main()
