"""PyTorch's LeNet-5 training and inference throughput, the peer of RecastBench's lenet section.

Random 28x28 inputs in [0, 1] with random labels (seeded), Adam lr 1e-3, cross-entropy. Each case
runs a few untimed warm-up steps, then steps until at least 2 s have passed. Threads come from
RECAST_BENCH_THREADS (default 2). Prints `# ` context lines, then `key value` lines:
train_samples_per_s_b32, train_samples_per_s_b128, infer_samples_per_s_b128 and peak_rss_mb.
"""
import os
import resource
import sys
import time

try:
    import torch
except ImportError:
    print("skipped: torch not installed")
    sys.exit(0)

import torch.nn.functional as F

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recast_spec import LENET5_SPEC, SpecError, build_network, pin_threads  # noqa: E402

WARMUP_STEPS = 5
MIN_SECONDS = 2.0
POOL_BATCHES = 8  # batches made once and cycled, so data generation stays out of the timing


def batches(batch, generator):
    """A few seeded batches of random inputs and labels."""
    return [(torch.rand(batch, 1, 28, 28, generator=generator),
             torch.randint(0, 10, (batch,), generator=generator)) for _ in range(POOL_BATCHES)]


def samples_per_second(step, pool, batch):
    """Runs `step` on the pool's batches: warm-up, then at least MIN_SECONDS of timed steps."""
    for i in range(WARMUP_STEPS):
        step(*pool[i % len(pool)])
    steps, start = 0, time.perf_counter()
    while True:
        step(*pool[steps % len(pool)])
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SECONDS:
            return steps * batch / elapsed


def train_throughput(batch, generator):
    model = build_network(LENET5_SPEC).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(x, y):
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    return samples_per_second(step, batches(batch, generator), batch)


def infer_throughput(batch, generator):
    model = build_network(LENET5_SPEC).eval()

    def step(x, _):
        with torch.no_grad():
            model(x)

    return samples_per_second(step, batches(batch, generator), batch)


def main():
    try:
        threads = pin_threads()
    except SpecError as error:
        print(f"lenet.py: {error}", file=sys.stderr)
        return 1
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    print(f"# torch {torch.__version__}; threads {threads}; spec {LENET5_SPEC}")
    print(f"train_samples_per_s_b32 {train_throughput(32, generator):.1f}")
    print(f"train_samples_per_s_b128 {train_throughput(128, generator):.1f}")
    print(f"infer_samples_per_s_b128 {infer_throughput(128, generator):.1f}")
    # Linux reports ru_maxrss in kilobytes.
    print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
