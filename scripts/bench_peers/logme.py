#!/usr/bin/env python3
"""numpy peer of Recast's LogME (the padded fixed-point form of METHODS.md section 1).

Times the score of N=2000 samples, D=512 features, C=10 classes, best of 5, and prints
`logme <seconds>` on stdout (and the score on stderr, for checking against the Swift one).
The features are the closed-form ones of METHODS.md, so both sides score identical inputs:
f[i,j] = sin(0.7 i + 1.3 j) + 0.1 cos(0.3 i (j+1)) + 0.8 [j mod C == y_i], y_i = i mod C.
"""
import sys
import time

import numpy as np


def features(n, d, c):
    i = np.arange(n, dtype=np.float64)[:, None]
    j = np.arange(d, dtype=np.float64)[None, :]
    y = np.arange(n) % c
    f = np.sin(0.7 * i + 1.3 * j) + 0.1 * np.cos(0.3 * i * (j + 1))
    f += 0.8 * ((np.arange(d)[None, :] % c) == y[:, None])
    return f, y


def logme(f, y):
    n, d = f.shape
    classes = int(y.max()) + 1
    if n > d:
        # As the LogME reference code: the spectrum from the D x D Gram matrix, and
        # U^T y = diag(1/s) V^T (F^T y), without forming U.
        values, vectors = np.linalg.eigh(f.T @ f)
        keep = np.sqrt(np.clip(values, 0, None)) > 1e-10
        sigma = values[keep]
        onehot = (y[:, None] == np.arange(classes)[None, :]).astype(np.float64)
        x = (vectors[:, keep].T @ (f.T @ onehot)) / np.sqrt(sigma)[:, None]
    else:
        u, s, _ = np.linalg.svd(f, full_matrices=False)
        k = int((s > 1e-10).sum())
        sigma = s[:k] ** 2
        onehot = (y[:, None] == np.arange(classes)[None, :]).astype(np.float64)
        x = u[:, :k].T @ onehot
    k = sigma.size
    evidences = []
    for c in range(classes):
        x2 = x[:, c] ** 2
        res_x2 = (y == c).sum() - x2.sum()
        alpha, beta = 1.0, 1.0
        for _ in range(11):
            t = alpha / beta
            gamma = (sigma / (sigma + t)).sum()
            m2 = (sigma * x2 / ((t + sigma) ** 2)).sum()
            res2 = (x2 / ((1 + sigma / t) ** 2)).sum() + res_x2
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            if abs(alpha / beta - t) / t <= 1e-3:
                break
        # The spectrum padded with d - k zeros, each adding log(alpha).
        log_det = np.log(alpha + beta * sigma).sum() + (d - k) * np.log(alpha)
        evidence = (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - log_det / 2
                    - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * np.log(2 * np.pi))
        evidences.append(evidence / n)
    return float(np.mean(evidences))


def main():
    f, y = features(2000, 512, 10)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        score = logme(f, y)
        best = min(best, time.perf_counter() - start)
    print(f"logme {best:.6f}")
    print(f"score {score:.12f}", file=sys.stderr)


if __name__ == "__main__":
    main()
