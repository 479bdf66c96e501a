#!/usr/bin/env python3
"""PocketSphinx 5.1.1 batch transcription, whole process, as its Python users run it: the decoder
is loaded once (bundled en-us acoustic model, constrained by the ARPA LM given), then each file is
read with libsndfile (soundfile), mixed to mono, resampled to 16 kHz with libsoxr (soxr, HQ, the
same library and preset as Earshot's) and decoded; one "path: text" line per file on stdout.
With --timings, a JSON object of per-stage CPU seconds goes to stderr at the end.
Usage: pocketsphinx_batch.py --lm LM.arpa [--timings] FILE...   (or --list FILE of paths)"""
import argparse, json, os, sys, time

import numpy as np
import soundfile
import soxr
from pocketsphinx import Decoder, get_model_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lm", required=True)
    parser.add_argument("--dict", help="pronunciations (default: PocketSphinx's CMUdict)")
    parser.add_argument("--list", help="a file with one audio path per line")
    parser.add_argument("--timings", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files + ([line.strip() for line in open(args.list) if line.strip()] if args.list else [])
    clock = time.thread_time
    started = clock()
    model = get_model_path()
    decoder = Decoder(hmm=os.path.join(model, "en-us", "en-us"), lm=args.lm, loglevel="FATAL",
                      dict=args.dict or os.path.join(model, "en-us", "cmudict-en-us.dict"))
    stages = {"load_model": clock() - started, "decode": 0.0, "resample": 0.0, "recognize": 0.0, "output": 0.0}
    audio_seconds = 0.0
    for path in files:
        t0 = clock()
        samples, rate = soundfile.read(path, dtype="float32", always_2d=True)
        t1 = clock()
        mono = samples.mean(axis=1) if samples.shape[1] > 1 else samples[:, 0]
        if rate != 16000:
            mono = soxr.resample(mono, rate, 16000, quality="HQ")
        pcm = (np.clip(mono, -1, 1) * 32767).astype(np.int16).tobytes()
        audio_seconds += len(mono) / 16000
        t2 = clock()
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        t3 = clock()
        print(f"{path}: {hypothesis.hypstr if hypothesis else ''}")
        t4 = clock()
        stages["decode"] += t1 - t0
        stages["resample"] += t2 - t1
        stages["recognize"] += t3 - t2
        stages["output"] += t4 - t3
    if args.timings:
        print(json.dumps({"files": len(files), "audio_seconds": audio_seconds, "stages": stages}), file=sys.stderr)


if __name__ == "__main__":
    main()
