#!/usr/bin/env python3
"""make bench-features: single-thread MFCC throughput, as x real time, of Earshot beside
kaldi-native-fbank and librosa, on the same 10 minutes of synthesized 16 kHz audio.

The signal is made here (seeded: voiced harmonics with a wandering pitch, noise bursts and
pauses), quantized to 16 bits and written to a WAV that Earshot reads; the Python libraries
get the same quantized samples. Each library is timed best of N on feature computation only
(file loading excluded); Earshot through `earshot features --benchmark-repeats N`, which
loads the file before starting its clock.
"""
import argparse
import json
import os
import pathlib
import subprocess
import time
import wave

import numpy as np

RATE = 16000
SECONDS = 600


def synthesize(seed=20261130):
    """Speech-like test signal in [-1, 1], quantized to 16-bit values."""
    rng = np.random.default_rng(seed)
    n = RATE * SECONDS
    t = np.arange(n) / RATE
    f0 = 120 + 40 * np.sin(2 * np.pi * 0.3 * t) + 10 * np.sin(2 * np.pi * 2.1 * t)
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 16))
    noise = rng.standard_normal(n)
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3.7 * t)          # syllable rate
    gate = (np.sin(2 * np.pi * 0.25 * t) > -0.7).astype(float)  # pauses
    signal = gate * (0.15 * envelope * voiced + 0.02 * noise * (1 - envelope)) + 0.001 * noise
    return np.clip(np.round(signal * 32767), -32768, 32767).astype(np.int16)


def write_wav(path, samples):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.astype("<i2").tobytes())


def best_of(repeats, fn):
    """Best wall time and best thread CPU time over `repeats` runs, and the last result."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.thread_time()
        result = fn()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.thread_time() - start_cpu)
    return best, best_cpu, result


def kaldi_native_fbank(samples_int16):
    import kaldi_native_fbank as knf
    opts = knf.MfccOptions()
    opts.frame_opts.dither = 0.0
    opts.frame_opts.samp_freq = RATE
    waveform = samples_int16.astype(np.float32)  # Kaldi's scale: 16-bit integer values

    def run():
        mfcc = knf.OnlineMfcc(opts)
        mfcc.accept_waveform(RATE, waveform)
        mfcc.input_finished()
        return np.array([mfcc.get_frame(i) for i in range(mfcc.num_frames_ready)], dtype=np.float32)
    return run


def librosa_mfcc(samples_int16):
    import librosa
    y = samples_int16.astype(np.float32) / 32768

    def run():
        # Kaldi-like framing: 25 ms windows every 10 ms, 512-point FFT, 23 mel bins, no centring.
        return librosa.feature.mfcc(y=y, sr=RATE, n_mfcc=13, n_fft=512, win_length=400, hop_length=160,
                                    window="hamming", center=False, n_mels=23, fmin=20, fmax=RATE / 2, htk=True)
    librosa.feature.mfcc(y=y[:RATE], sr=RATE, n_mfcc=13, n_fft=512, win_length=400, hop_length=160,
                         window="hamming", center=False, n_mels=23, fmin=20, fmax=RATE / 2, htk=True)  # warm-up
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--earshot", required=True, help="path to the release earshot binary")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workdir", default=".build/bench-features")
    args = parser.parse_args()

    work = pathlib.Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    samples = synthesize()
    wav = work / "speechlike-10min-16k.wav"
    write_wav(wav, samples)
    audio_seconds = len(samples) / RATE

    rows = []
    earshot = subprocess.run([args.earshot, "features", str(wav), "--benchmark-repeats", str(args.repeats)],
                             check=True, capture_output=True, text=True)
    result = json.loads(earshot.stdout.strip().splitlines()[-1])
    rows.append(("Earshot (Swift, FFTW float32)", result["best_seconds"], result["best_cpu_seconds"], result["frames"]))

    seconds, cpu, feats = best_of(args.repeats, kaldi_native_fbank(samples))
    rows.append(("kaldi-native-fbank (from Python)", seconds, cpu, feats.shape[0]))
    seconds, cpu, feats = best_of(args.repeats, librosa_mfcc(samples))
    rows.append(("librosa.feature.mfcc", seconds, cpu, feats.shape[1]))

    print(f"MFCC (13 cepstra, 23 mel bins, 25/10 ms, 512-point FFT) on {audio_seconds / 60:.0f} min of 16 kHz audio, "
          f"one thread, best of {args.repeats}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("Wall time includes waiting for a core on a busy machine; CPU time is the thread's own.")
    print(f"{'library':<34} {'wall s':>8} {'x real time':>12} {'CPU s':>8} {'x real time':>12} {'Earshot is (CPU)':>17}")
    earshot_cpu_x = audio_seconds / rows[0][2]
    for name, seconds, cpu, frames in rows:
        x, x_cpu = audio_seconds / seconds, audio_seconds / cpu
        ratio = "" if name.startswith("Earshot") else f"{earshot_cpu_x / x_cpu:.2f}x faster"
        print(f"{name:<34} {seconds:>8.4f} {x:>12,.0f} {cpu:>8.4f} {x_cpu:>12,.0f} {ratio:>17}")
    budget = 2 * result["input_bytes"] + result["output_bytes"]
    print(f"Earshot peak memory: {result['peak_rss_bytes'] / 2**20:.1f} MiB (whole process, including the loaded "
          f"samples); budget 2 x input + output = {budget / 2**20:.1f} MiB: "
          f"{'within' if result['peak_rss_bytes'] <= budget else 'OVER'}")
    earshot_x = audio_seconds / rows[0][1]
    print(f"Target >= 5,000x real time on one core: CPU time {earshot_cpu_x:,.0f}x "
          f"({'met' if earshot_cpu_x >= 5000 else 'NOT met'}), wall time {earshot_x:,.0f}x "
          f"({'met' if earshot_x >= 5000 else 'NOT met'})")


if __name__ == "__main__":
    main()
