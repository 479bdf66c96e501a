#!/usr/bin/env python3
"""numpy anchor for `make bench-model`: reads an Earshot acoustic-model blob (format in
Sources/EarshotAcousticModel/Serialization/AcousticModel+Serialization.swift), runs the same
network forward with numpy (im2col + matmul on the same OpenBLAS), times it, and checks its
log-probabilities against the Swift ones.

    model_forward_numpy.py MODEL.bin INPUT.f32 FRAMES DIMS SWIFT_OUTPUT.f32

Prints one JSON object: {"seconds": per forward pass, "max_abs_diff": vs Swift, "frames": out}.
"""
import json
import struct
import sys
import time
import zlib

import numpy as np


def load(path):
    data = open(path, "rb").read()
    assert data[:4] == b"ESAM", "bad magic"
    (version,) = struct.unpack_from("<I", data, 4)
    assert version == 1, f"version {version}"
    (n,) = struct.unpack_from("<Q", data, 8)
    config = json.loads(data[16:16 + n])
    (count,) = struct.unpack_from("<Q", data, 16 + n)
    params = np.frombuffer(data, dtype="<f4", count=count, offset=24 + n).astype(np.float32)
    (crc,) = struct.unpack_from("<I", data, 24 + n + 4 * count)
    assert crc == zlib.crc32(data[:24 + n + 4 * count]), "checksum"
    return config, params


def build(config, params):
    layers, offset, channels = [], 0, config["inputDimensions"]
    specs = config["layers"] + [{"convolution": {"channels": len(config["units"]["symbols"]),
                                                 "kernel": 1, "dilation": 1, "stride": 1}}]
    for spec in specs:
        (kind, args), = spec.items()
        if kind == "convolution":
            out, k, d, s = args["channels"], args["kernel"], args["dilation"], args["stride"]
            w = params[offset:offset + out * k * channels].reshape(out, k * channels)
            offset += out * k * channels
            b = params[offset:offset + out]
            offset += out
            layers.append(("conv", w, b, k, d, s, channels))
            channels = out
        elif kind == "layerNorm":
            g, b = params[offset:offset + channels], params[offset + channels:offset + 2 * channels]
            offset += 2 * channels
            layers.append(("norm", g, b))
        elif kind == "relu":
            layers.append(("relu",))
    assert offset == len(params)
    return layers


def forward(layers, x):
    for layer in layers:
        if layer[0] == "conv":
            _, w, b, k, d, s, cin = layer
            frames = x.shape[0]
            out = (frames + s - 1) // s
            pad = (k - 1) * d // 2
            padded = np.zeros((frames + 2 * pad + (k - 1) * d + s, cin), dtype=np.float32)
            padded[pad:pad + frames] = x
            cols = np.concatenate([padded[j * d: j * d + out * s: s][:out] for j in range(k)], axis=1)
            x = cols @ w.T + b
        elif layer[0] == "norm":
            _, g, b = layer
            mean = x.mean(axis=1, keepdims=True)
            var = x.var(axis=1, keepdims=True)
            x = (x - mean) / np.sqrt(var + 1e-5) * g + b
        else:
            x = np.maximum(x, 0)
    m = x.max(axis=1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))


def main():
    model, features, frames, dims, swift_output = sys.argv[1:6]
    config, params = load(model)
    layers = build(config, params)
    x = np.fromfile(features, dtype="<f4").reshape(int(frames), int(dims))
    y = forward(layers, x)
    reference = np.fromfile(swift_output, dtype="<f4").reshape(y.shape)
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < 1.0 or runs < 3:
        forward(layers, x)
        runs += 1
    seconds = (time.perf_counter() - start) / runs
    print(json.dumps({"seconds": seconds, "max_abs_diff": float(np.abs(y - reference).max()),
                      "frames": int(y.shape[0])}))


if __name__ == "__main__":
    main()
