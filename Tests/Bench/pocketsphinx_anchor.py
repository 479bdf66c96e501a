#!/usr/bin/env python3
"""PocketSphinx anchor for `make eval`: transcribes a manifest's audio with PocketSphinx 5.1.1
and its bundled en-us model, restricted by a JSGF grammar to the same vocabulary Earshot's
model knows (a word loop, or exactly one word with --single-word), and writes hypotheses
(id, pred_text) for `earshot wer` plus its real-time factor (decode seconds / audio seconds)."""
import argparse, json, os, subprocess, sys, tempfile, time

from pocketsphinx import Decoder, get_model_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--vocabulary", required=True, help="one word per line")
    parser.add_argument("--out", required=True)
    parser.add_argument("--single-word", action="store_true", help="grammar of exactly one word (digits)")
    args = parser.parse_args()

    model = get_model_path()
    dictionary = os.path.join(model, "en-us", "cmudict-en-us.dict")
    known = set()
    with open(dictionary, encoding="utf-8") as handle:
        for line in handle:
            known.add(line.split(" ", 1)[0].split("(")[0])
    words = sorted({w.strip() for w in open(args.vocabulary, encoding="utf-8") for w in w.split() if w.strip()} & known)
    body = " | ".join(words)
    rule = f"( {body} )" if args.single_word else f"( {body} )+"
    grammar = tempfile.NamedTemporaryFile("w", suffix=".jsgf", delete=False)
    grammar.write(f"#JSGF V1.0;\ngrammar vocabulary;\npublic <utterance> = {rule} ;\n")
    grammar.close()
    decoder = Decoder(hmm=os.path.join(model, "en-us", "en-us"), dict=dictionary, jsgf=grammar.name, loglevel="FATAL")

    base = os.path.dirname(os.path.abspath(args.manifest))
    audio_seconds = decode_seconds = 0.0
    lines = []
    for row in open(args.manifest, encoding="utf-8"):
        if not row.strip():
            continue
        entry = json.loads(row)
        path = entry["audio"] if os.path.isabs(entry["audio"]) else os.path.join(base, entry["audio"])
        raw = subprocess.run(["sox", path, "-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-"],
                             check=True, capture_output=True).stdout
        audio_seconds += len(raw) / 32000
        started = time.perf_counter()
        decoder.start_utt()
        decoder.process_raw(raw, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        decode_seconds += time.perf_counter() - started
        lines.append(json.dumps({"id": entry["id"], "pred_text": hypothesis.hypstr if hypothesis else ""}))
    with open(args.out + ".tmp", "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(args.out + ".tmp", args.out)
    print(json.dumps({"utterances": len(lines), "audio_seconds": audio_seconds, "decode_seconds": decode_seconds,
                      "rtf": decode_seconds / audio_seconds if audio_seconds else 0, "vocabulary": len(words)}))


if __name__ == "__main__":
    sys.exit(main())
