#!/usr/bin/env python3
"""Reference features from kaldi-native-fbank for Earshot's conformance tests.

Computes MFCC and filterbank features (dither 0) for the fixture WAVs with several option
sets and writes them as float32 .npy files under Fixtures/features/, with manifest.json
naming each set's options (Kaldi's option names, as Earshot's FeatureConfig decodes them).
Also writes CMVN and delta references for a few utterances. Run from the repo root:

    .venv/bin/pip install kaldi-native-fbank==1.23.0 numpy
    .venv/bin/python Tests/Reference/kaldi_reference.py

The outputs are committed; the Swift tests never run this script.
"""
import json
import pathlib
import wave

import kaldi_native_fbank as knf
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
AUDIO = ROOT / "Fixtures" / "audio"
OUT = ROOT / "Fixtures" / "features"

FSDD = sorted(p.relative_to(AUDIO).as_posix() for p in (AUDIO / "fsdd").glob("*.wav"))
SPEECH = sorted(p.relative_to(AUDIO).as_posix() for p in (AUDIO / "speech").glob("*.wav"))

# name -> (options in Kaldi's names, input files). Dither is always 0.
SETS = {
    "mfcc_default": ({"type": "mfcc"}, FSDD + SPEECH),
    "fbank_default": ({"type": "fbank"}, ["fsdd/0_george_0.wav", "fsdd/5_jackson_30.wav", "speech/weather.wav"]),
    "mfcc_nosnip_hamming": (
        {"type": "mfcc", "snip_edges": False, "window_type": "hamming"},
        ["fsdd/1_jackson_3.wav", "speech/call.wav"],
    ),
    "fbank_energy_nosnip_magnitude": (
        {"type": "fbank", "snip_edges": False, "use_energy": True, "raw_energy": False,
         "use_power": False, "num_mel_bins": 40, "window_type": "hanning"},
        ["fsdd/2_lucas_7.wav", "speech/timer.wav"],
    ),
    "mfcc_custom": (
        {"type": "mfcc", "num_mel_bins": 30, "num_ceps": 20, "low_freq": 60, "high_freq": -400,
         "cepstral_lifter": 0, "window_type": "blackman", "raw_energy": False, "energy_floor": 1.0,
         "round_to_power_of_two": False, "frame_length_ms": 20, "frame_shift_ms": 8,
         "preemphasis_coefficient": 0.9, "remove_dc_offset": False},
        ["fsdd/3_yweweler_11.wav", "fsdd/6_lucas_41.wav"],  # even FFT sizes: knf needs them
    ),
    "fbank_linear_rectangular": (
        {"type": "fbank", "use_log_fbank": False, "window_type": "rectangular", "num_mel_bins": 23},
        ["fsdd/7_yweweler_19.wav"],
    ),
    "htk_compat": (
        {"type": "mfcc", "htk_compat": True, "use_energy": False},
        ["fsdd/8_jackson_5.wav"],
    ),
    "htk_compat_fbank_energy": (
        {"type": "fbank", "htk_compat": True, "use_energy": True, "num_mel_bins": 30},
        ["fsdd/8_jackson_5.wav"],
    ),
    "mfcc_rectangular_noenergy": (
        {"type": "mfcc", "window_type": "rectangular", "use_energy": False, "num_ceps": 23},
        ["fsdd/4_george_22.wav"],
    ),
}

FRAME_KEYS = {"frame_length_ms", "frame_shift_ms", "snip_edges", "remove_dc_offset", "window_type",
              "round_to_power_of_two", "blackman_coeff"}
MEL_KEYS = {"num_mel_bins": "num_bins", "low_freq": "low_freq", "high_freq": "high_freq"}


def read_wav(path):
    """16-bit mono WAV as Kaldi sees it: integer sample values as float32."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        rate = w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32)
    return rate, samples


def make_options(config, rate):
    opts = knf.MfccOptions() if config["type"] == "mfcc" else knf.FbankOptions()
    opts.frame_opts.dither = 0.0
    opts.frame_opts.samp_freq = float(rate)
    if config["type"] == "fbank":
        opts.mel_opts.num_bins = 80
    for key, value in config.items():
        if key == "type":
            continue
        if key == "preemphasis_coefficient":
            opts.frame_opts.preemph_coeff = value
        elif key in FRAME_KEYS:
            setattr(opts.frame_opts, key, value)
        elif key in MEL_KEYS:
            setattr(opts.mel_opts, MEL_KEYS[key], value)
        else:
            setattr(opts, key, value)
    return opts


def compute(config, rate, samples):
    opts = make_options(config, rate)
    extractor = knf.OnlineMfcc(opts) if config["type"] == "mfcc" else knf.OnlineFbank(opts)
    extractor.accept_waveform(float(rate), samples.tolist())
    extractor.input_finished()
    frames = [extractor.get_frame(i) for i in range(extractor.num_frames_ready)]
    return np.array(frames, dtype=np.float32).reshape(len(frames), -1)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {"generator": f"kaldi-native-fbank {knf.__version__}", "sets": []}
    for name, (config, files) in SETS.items():
        (OUT / name).mkdir(exist_ok=True)
        entries = []
        for rel in files:
            rate, samples = read_wav(AUDIO / rel)
            feats = compute(config, rate, samples)
            out = f"{name}/{pathlib.Path(rel).stem}.npy"
            np.save(OUT / out, feats)
            entries.append({"audio": f"audio/{rel}", "features": out, "frames": feats.shape[0]})
        manifest["sets"].append({"name": name, "config": config, "files": entries})

    # Post-processing references on default MFCCs: Kaldi's add-deltas (order 2, window 2) and
    # apply-cmvn with per-utterance stats (means only, and means and variances).
    (OUT / "post").mkdir(exist_ok=True)
    post = []
    for stem in ["0_george_0", "weather"]:
        feats = np.load(OUT / "mfcc_default" / f"{stem}.npy")
        deltas = knf.compute_deltas(knf.DeltaOptions(), feats)
        stats = knf.compute_cmvn_stats(feats)
        means = knf.apply_cmvn(stats, knf.CmvnOptions(norm_vars=False), feats)
        both = knf.apply_cmvn(stats, knf.CmvnOptions(norm_vars=True), feats)
        for kind, matrix in [("deltas", deltas), ("cmvn_means", means), ("cmvn_vars", both)]:
            np.save(OUT / "post" / f"{stem}.{kind}.npy", matrix.astype(np.float32))
        post.append({"input": f"mfcc_default/{stem}.npy", "deltas": f"post/{stem}.deltas.npy",
                     "cmvn_means": f"post/{stem}.cmvn_means.npy", "cmvn_vars": f"post/{stem}.cmvn_vars.npy"})
    manifest["post"] = post
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {OUT.relative_to(ROOT)}: {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
