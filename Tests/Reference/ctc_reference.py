#!/usr/bin/env python3
"""Independent CTC reference for EarshotAcousticModelTests (numpy only).

Computes the CTC loss and its gradient with respect to the logits by Graves' *probability-space*
forward-backward with per-frame rescaling (a different formulation from the Swift log-space
code), for fixed logits z[t, k] = 2 sin(0.9 t + 1.7 k + 0.3) + 0.5 cos(2.3 t k + 0.1) rounded
to float32. Prints the cases as JSON; the values are pasted into CTCReferenceTests.swift.

    python3 Tests/Reference/ctc_reference.py > Tests/Reference/ctc_reference_output.json
"""
import json
import numpy as np

CASES = [
    dict(frames=6, units=4, blank=0, labels=[1, 2]),
    dict(frames=8, units=5, blank=0, labels=[1, 1, 3]),
    dict(frames=5, units=3, blank=2, labels=[0, 1, 0]),
    dict(frames=12, units=6, blank=0, labels=[3, 1, 4, 1, 5]),
    dict(frames=4, units=3, blank=0, labels=[]),
]


def logits(frames, units):
    t = np.arange(frames)[:, None].astype(np.float64)
    k = np.arange(units)[None, :].astype(np.float64)
    z = 2 * np.sin(0.9 * t + 1.7 * k + 0.3) + 0.5 * np.cos(2.3 * t * k + 0.1)
    return z.astype(np.float32).astype(np.float64)


def ctc(z, labels, blank):
    frames, units = z.shape
    y = np.exp(z - z.max(axis=1, keepdims=True))
    y /= y.sum(axis=1, keepdims=True)
    ext = [blank]
    for label in labels:
        ext += [label, blank]
    S = len(ext)

    def allowed_from(s):  # predecessors of s in the CTC graph
        prev = [s]
        if s >= 1:
            prev.append(s - 1)
        if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
            prev.append(s - 2)
        return prev

    alpha = np.zeros((frames, S))
    scale_a = np.zeros(frames)
    alpha[0, 0] = y[0, ext[0]]
    if S > 1:
        alpha[0, 1] = y[0, ext[1]]
    scale_a[0] = alpha[0].sum()
    alpha[0] /= scale_a[0]
    for t in range(1, frames):
        for s in range(S):
            alpha[t, s] = sum(alpha[t - 1, p] for p in allowed_from(s)) * y[t, ext[s]]
        scale_a[t] = alpha[t].sum()
        alpha[t] /= scale_a[t]
    end = alpha[-1, -1] + (alpha[-1, -2] if S > 1 else 0.0)
    log_likelihood = np.log(scale_a).sum() + np.log(end)

    beta = np.zeros((frames, S))
    beta[-1, -1] = y[-1, ext[-1]]
    if S > 1:
        beta[-1, -2] = y[-1, ext[-2]]
    beta[-1] /= beta[-1].sum()
    for t in range(frames - 2, -1, -1):
        for s in range(S):
            successors = [q for q in range(S) if s in allowed_from(q)]
            beta[t, s] = sum(beta[t + 1, q] for q in successors) * y[t, ext[s]]
        beta[t] /= beta[t].sum()

    grad = y.copy()
    for t in range(frames):
        ab = alpha[t] * beta[t] / y[t, ext]
        total = ab.sum()  # the rescalings cancel once normalized per frame
        for s in range(S):
            grad[t, ext[s]] -= ab[s] / total
    return -log_likelihood, grad


def main():
    out = []
    for case in CASES:
        z = logits(case["frames"], case["units"])
        loss, grad = ctc(z, case["labels"], case["blank"])
        out.append(dict(case, loss=float(loss), gradient=[float(g) for g in grad.ravel()]))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
