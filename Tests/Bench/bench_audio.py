#!/usr/bin/env python3
"""make bench-audio: load + downmix + resample to 16 kHz + write 16-bit WAV, as x real time,
for `earshot audio convert` beside sox doing the same conversion in the same run.

Usage: bench_audio.py path/to/earshot [minutes]
The input (44.1 kHz stereo 16-bit WAV of pink noise and a tone) is made by sox in a temp dir.
Each command runs twice; the faster run counts (the first warms the page cache).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time


def best_of(runs, command):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    earshot = os.path.abspath(sys.argv[1])
    minutes = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    seconds = minutes * 60
    if shutil.which("sox") is None:
        sys.exit("bench-audio needs sox (apt-get install sox)")
    with tempfile.TemporaryDirectory(prefix="earshot-bench-audio-") as folder:
        source = os.path.join(folder, "in.wav")
        subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", "-b", "16", source,
                        "synth", str(seconds), "pinknoise", "sine", "440", "vol", "0.3"], check=True)
        out = lambda name: os.path.join(folder, name)
        # (name, command, anchor row it is compared with)
        rows = [
            ("sox rate -v (very high)", ["sox", source, "-b", "16", out("sox_v.wav"), "channels", "1", "rate", "-v", "16000"], None),
            ("earshot --quality best", [earshot, "audio", "convert", "--rate", "16000", "--quality", "best", source, out("e_best.wav")], "sox rate -v (very high)"),
            ("sox rate -h (default)", ["sox", source, "-b", "16", out("sox_h.wav"), "channels", "1", "rate", "-h", "16000"], None),
            ("earshot --quality medium", [earshot, "audio", "convert", "--rate", "16000", "--quality", "medium", source, out("e_medium.wav")], "sox rate -h (default)"),
            ("earshot --quality fastest", [earshot, "audio", "convert", "--rate", "16000", "--quality", "fastest", source, out("e_fast.wav")], "sox rate -h (default)"),
        ]
        times = {name: best_of(2, command) for name, command, _ in rows}

    print(f"Audio: {minutes:g} min of 44.1 kHz stereo 16-bit WAV -> 16 kHz mono 16-bit WAV (load, downmix, resample, write)")
    print(f"{'tool':<28}{'seconds':>9}{'x real time':>13}{'vs sox':>16}")
    for name, _, anchor in rows:
        ratio = f"{times[anchor] / times[name]:.2f}x {anchor.split(' (')[0][4:]}" if anchor else "anchor"
        print(f"{name:<28}{times[name]:>9.2f}{seconds / times[name]:>13.0f}{ratio:>16}")
    print("vs sox: sox's time / earshot's time (above 1 means earshot is faster).")


if __name__ == "__main__":
    main()
