"""numpy's float32 matrix product, the peer of RecastBench's sgemm section.

Prints `# ` lines of context, then `sgemm <n> <GFLOP/s>` for the same sizes and the same timing
rule as RecastBench: two untimed calls, then the best of seven samples of about a gigaflop each.
"""
import ctypes
import glob
import os
import time

import numpy as np

SIZES = [256, 512, 1024]


def best_time(body, samples=7, repeats=1, warmup=2):
    for _ in range(warmup):
        body()
    best = float("inf")
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(repeats):
            body()
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


def blas_context():
    """numpy's BLAS as built, and its kernel and threads at run time when they can be read."""
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    line = f"numpy {np.__version__}: {blas.get('name')} {blas.get('version')}"
    # numpy wheels bundle scipy-openblas with prefixed symbols; ask it which kernel it chose.
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*.so"))
    try:
        lib = ctypes.CDLL(libs[0])
        corename = lib.scipy_openblas_get_corename64_
        corename.restype = ctypes.c_char_p
        line += f"; kernel {corename().decode()}; threads {lib.scipy_openblas_get_num_threads64_()}"
    except (IndexError, OSError, AttributeError):
        line += "; kernel and threads not readable"
    coretype = os.environ.get("OPENBLAS_CORETYPE", "unset")
    return line + f"; OPENBLAS_CORETYPE {coretype}"


def main():
    print(f"# {blas_context()}")
    rng = np.random.default_rng(1)
    for n in SIZES:
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        operations = 2.0 * n**3
        repeats = max(1, int(1e9 / operations))
        seconds = best_time(lambda: a @ b, repeats=repeats)
        print(f"sgemm {n} {operations / seconds / 1e9:.2f}")


if __name__ == "__main__":
    main()
