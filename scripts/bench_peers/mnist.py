"""PyTorch's LeNet-5 on real MNIST digits, the peer of Recast's MNIST protocol.

Reads $RECAST_DATA/mnist/t10k-{images-idx3,labels-idx1}-ubyte.gz (the official test set), trains
on the first 8,000 images and tests on the last 2,000: inputs scaled to [0, 1], no normalisation,
Adam lr 1e-3, batch 64, 8 epochs (MNIST_EPOCHS overrides), shuffled with a generator seeded 0
(MNIST_SEED overrides; it also seeds the weights). Threads come from RECAST_BENCH_THREADS.
Prints `key value` lines: test_accuracy and seconds (training only). Skips cleanly without torch
or without RECAST_DATA.
"""
import gzip
import os
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    print("skipped: torch not installed")
    sys.exit(0)

import torch.nn.functional as F

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recast_spec import LENET5_SPEC, SpecError, build_network, pin_threads  # noqa: E402

TRAIN_COUNT = 8000
TEST_COUNT = 2000
BATCH = 64


def read_idx(path, magic, dims):
    """The uint8 array of a gzipped IDX file, checked against its magic number and rank."""
    with gzip.open(path, "rb") as file:
        data = file.read()
    header = 4 + 4 * dims
    found = int.from_bytes(data[:4], "big") if len(data) >= 4 else None
    if found != magic or len(data) < header:
        raise ValueError(f"{path}: not an IDX file with magic {magic} (found {found})")
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    if len(data) - header != int(np.prod(shape)):
        raise ValueError(f"{path}: {len(data) - header} data bytes, the header {shape} says "
                         f"{int(np.prod(shape))}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def integer_env(name, default):
    text = os.environ.get(name, str(default))
    if not text.isdigit():
        raise SpecError(f"{name}: expected a non-negative integer, got '{text}'")
    return int(text)


def main():
    folder = os.environ.get("RECAST_DATA")
    if not folder:
        print("skipped: RECAST_DATA not set (a folder holding mnist/t10k-images-idx3-ubyte.gz "
              "and mnist/t10k-labels-idx1-ubyte.gz)")
        return 0
    try:
        epochs = integer_env("MNIST_EPOCHS", 8)
        seed = integer_env("MNIST_SEED", 0)
        threads = pin_threads()
        images = read_idx(os.path.join(folder, "mnist", "t10k-images-idx3-ubyte.gz"), 2051, 3)
        labels = read_idx(os.path.join(folder, "mnist", "t10k-labels-idx1-ubyte.gz"), 2049, 1)
    except (OSError, ValueError) as error:
        print(f"mnist.py: {error}", file=sys.stderr)
        return 1
    if len(images) != len(labels) or len(images) < TRAIN_COUNT + TEST_COUNT:
        print(f"mnist.py: expected at least {TRAIN_COUNT + TEST_COUNT} images with as many labels, "
              f"got {len(images)} images and {len(labels)} labels", file=sys.stderr)
        return 1
    x = torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    train_x, train_y = x[:TRAIN_COUNT], y[:TRAIN_COUNT]
    test_x, test_y = x[-TEST_COUNT:], y[-TEST_COUNT:]

    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = build_network(LENET5_SPEC)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(f"# torch {torch.__version__}; threads {threads}; epochs {epochs}; seed {seed}")

    start = time.perf_counter()
    model.train()
    for _ in range(epochs):
        order = torch.randperm(TRAIN_COUNT, generator=generator)
        for first in range(0, TRAIN_COUNT, BATCH):
            rows = order[first:first + BATCH]
            optimizer.zero_grad()
            F.cross_entropy(model(train_x[rows]), train_y[rows]).backward()
            optimizer.step()
    seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        correct = (model(test_x).argmax(dim=1) == test_y).sum().item()
    print(f"test_accuracy {correct / TEST_COUNT:.4f}")
    print(f"seconds {seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
