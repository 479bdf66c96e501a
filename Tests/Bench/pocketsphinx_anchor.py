#!/usr/bin/env python3
"""PocketSphinx anchor for `make eval`: transcribes a manifest's audio with PocketSphinx 5.1.1
and its bundled en-us model, restricted by a JSGF grammar to the same vocabulary Earshot's
model knows, and writes hypotheses (id, pred_text) for `earshot wer` plus its real-time factor
(decode seconds / audio seconds). The constraint is, by choice: exactly one word of a vocabulary
(--single-word, the digits), a loop over a vocabulary, Earshot's own voice-search grammar
translated to JSGF (--grammar; exact, but PocketSphinx's FSG search over it ran at 7.6× real
time here), or the very word trigram LM Earshot's model decodes with (--lm, an ARPA file from
`earshot models export-lm`), which is what `make eval` uses for the sentence sets."""
import argparse, json, os, re, subprocess, sys, tempfile, time

from pocketsphinx import Decoder, get_model_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--vocabulary", help="one word per line")
    parser.add_argument("--grammar", help="an Earshot .grammar file (Sources/EarshotCorpus/Resources/voice-search.grammar)")
    parser.add_argument("--lm", help="an ARPA language model (its words are the vocabulary)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--single-word", action="store_true", help="grammar of exactly one word (digits)")
    args = parser.parse_args()

    model = get_model_path()
    dictionary = os.path.join(model, "en-us", "cmudict-en-us.dict")
    known = set()
    with open(dictionary, encoding="utf-8") as handle:
        for line in handle:
            known.add(line.split(" ", 1)[0].split("(")[0])
    constraint = {}
    if args.grammar or args.lm:
        if args.grammar:
            jsgf, words, missing = grammar_to_jsgf(args.grammar, known)
            constraint["jsgf"] = write_temporary(jsgf, ".jsgf")
        else:
            words = arpa_words(args.lm)
            missing = sorted(w for w in words if w not in known)
            constraint["lm"] = args.lm
        # Words of the grammar CMUdict lacks get a hand-written pronunciation in a private copy.
        extra = {w: EXTRA_PRONUNCIATIONS[w] for w in missing if w in EXTRA_PRONUNCIATIONS}
        unknown = sorted(set(missing) - set(extra))
        if unknown:
            sys.exit(f"pocketsphinx_anchor: no pronunciation for {unknown}")
        if extra:
            text = open(dictionary, encoding="utf-8").read() + "".join(f"{w} {p}\n" for w, p in extra.items())
            dictionary = write_temporary(text, ".dict")
    else:
        if not args.vocabulary:
            sys.exit("pocketsphinx_anchor: give --vocabulary or --grammar")
        words = sorted({w.strip() for w in open(args.vocabulary, encoding="utf-8") for w in w.split() if w.strip()} & known)
        body = " | ".join(words)
        rule = f"( {body} )" if args.single_word else f"( {body} )+"
        constraint["jsgf"] = write_temporary(f"#JSGF V1.0;\ngrammar vocabulary;\npublic <utterance> = {rule} ;\n", ".jsgf")
    decoder = Decoder(hmm=os.path.join(model, "en-us", "en-us"), dict=dictionary, loglevel="FATAL", **constraint)

    base = os.path.dirname(os.path.abspath(args.manifest))
    audio_seconds = decode_seconds = cpu_seconds = 0.0
    lines = []
    for row in open(args.manifest, encoding="utf-8"):
        if not row.strip():
            continue
        entry = json.loads(row)
        path = entry["audio"] if os.path.isabs(entry["audio"]) else os.path.join(base, entry["audio"])
        raw = subprocess.run(["sox", path, "-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-"],
                             check=True, capture_output=True).stdout
        audio_seconds += len(raw) / 32000
        started, cpu_started = time.perf_counter(), time.thread_time()
        decoder.start_utt()
        decoder.process_raw(raw, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        decode_seconds += time.perf_counter() - started
        cpu_seconds += time.thread_time() - cpu_started
        lines.append(json.dumps({"id": entry["id"], "pred_text": hypothesis.hypstr if hypothesis else ""}))
    with open(args.out + ".tmp", "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(args.out + ".tmp", args.out)
    print(json.dumps({"utterances": len(lines), "audio_seconds": audio_seconds, "decode_seconds": decode_seconds,
                      "rtf": decode_seconds / audio_seconds if audio_seconds else 0,
                      "cpu_rtf": cpu_seconds / audio_seconds if audio_seconds else 0, "vocabulary": len(words)}))


def write_temporary(text, suffix):
    handle = tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8")
    handle.write(text)
    handle.close()
    return handle.name


def arpa_words(path):
    """The unigrams of an ARPA file, without the sentence markers."""
    words, section = [], None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("\\"):
            section = line
            continue
        if section == "\\1-grams:" and line:
            word = line.split()[1]
            if word not in ("<s>", "</s>", "<unk>"):
                words.append(word)
    return sorted(words)


# CMUdict 0.7 (PocketSphinx's dictionary) lacks these grammar words.
EXTRA_PRONUNCIATIONS = {
    "coldplay": "K OW L D P L EY",
    "wonderwall": "W AH N D ER W AO L",
}


def grammar_to_jsgf(path, known):
    """Earshot grammar ("name = a b | $other c", "|" continuation lines, "#" comments) → JSGF text
    with <query> public, the set of its words, and those words missing from CMUdict."""
    rules, current = {}, None
    for raw in open(path, encoding="utf-8"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("|") and current:
            rules[current] += " " + line
            continue
        name, _, body = line.partition("=")
        current = name.strip()
        rules[current] = body.strip()
    words, lines = set(), ["#JSGF V1.0;", "grammar voicesearch;"]
    for name, body in rules.items():
        alternatives = []
        for alternative in body.split("|"):
            tokens = []
            for token in alternative.split():
                if token.startswith("$"):
                    tokens.append(f"<{token[1:]}>")
                else:
                    words.add(token)
                    tokens.append(token)
            if tokens:
                alternatives.append(" ".join(tokens))
        visibility = "public " if name == "query" else ""
        lines.append(f"{visibility}<{name}> = " + " | ".join(f"( {a} )" for a in alternatives) + " ;")
    return "\n".join(lines) + "\n", sorted(words), sorted(w for w in words if w not in known)


if __name__ == "__main__":
    sys.exit(main())
