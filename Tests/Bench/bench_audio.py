#!/usr/bin/env python3
"""make bench-audio: load + downmix + resample to 16 kHz + write 16-bit WAV, as x real time,
for `earshot audio convert` beside sox doing the same conversion in the same run.

Usage: bench_audio.py path/to/earshot [minutes]
The input (44.1 kHz stereo 16-bit WAV of pink noise and a tone) is made by sox in a temp dir.
Each command runs twice; the faster run counts (the first warms the page cache).
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def best_of(runs, command):
    """(wall seconds, CPU seconds) of the fastest run. CPU time (user + system of the child)
    is reported beside wall time because it holds steady when other jobs share the cores."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu))
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
        rows = []
        # Each earshot preset beside sox's rate effect with the same preset (libsoxr is the
        # SoX resampler as a library): same filter, so the comparison is at matching quality.
        for preset, flag in [("vhq", "-v"), ("hq", "-h"), ("mq", "-m"), ("lq", "-l"), ("quick", "-q")]:
            anchor = f"sox rate {flag}"
            rows.append((anchor, ["sox", source, "-D", "-b", "16", out(f"sox_{preset}.wav"), "channels", "1", "rate", flag, "16000"], None))
            rows.append((f"earshot --quality {preset}", [earshot, "audio", "convert", "--rate", "16000", "--quality", preset,
                                                         source, out(f"earshot_{preset}.wav")], anchor))
        times = {name: best_of(2, command) for name, command, _ in rows}

    load = os.getloadavg()[0]
    print(f"Audio: {minutes:g} min of 44.1 kHz stereo 16-bit WAV -> 16 kHz mono 16-bit WAV "
          f"(load, downmix, resample, write); {os.cpu_count()} cores, load average {load:.1f}")
    print(f"{'tool':<27}{'wall s':>8}{'x real time':>13}{'CPU s':>8}{'x RT per CPU s':>16}{'vs sox (wall)':>15}{'vs sox (CPU)':>14}")
    for name, _, anchor in rows:
        wall, cpu = times[name]
        if anchor:
            wall_ratio = f"{times[anchor][0] / wall:.3f}"
            cpu_ratio = f"{times[anchor][1] / cpu:.3f}"
        else:
            wall_ratio = cpu_ratio = "anchor"
        print(f"{name:<27}{wall:>8.2f}{seconds / wall:>13.0f}{cpu:>8.2f}{seconds / cpu:>16.0f}{wall_ratio:>15}{cpu_ratio:>14}")
    print("vs sox: the anchor's time / earshot's time on the line's anchor (above 1: earshot is faster).")


if __name__ == "__main__":
    main()
