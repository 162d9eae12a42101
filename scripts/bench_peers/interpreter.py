"""CPython peer of Recast's `interpreter` benchmark (Sources/RecastBench/InterpreterBenchmark.swift,
which runs the same programs in the language).

Recursive fib(27) and a while loop of 10**7 arithmetic steps, each timed by the CPU time of the
thread running it (`time.thread_time()`), best of 5; start-up, `python3 -c pass` (the real
interpreter, not a pyenv shim), by wall clock and by the child's CPU time, best of 5.
Prints `fib27_ms`, `loop1e7_ms`, `startup_ms`, `startup_cpu_ms`.
"""
import resource
import subprocess
import sys
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def loop(n):
    total = 0
    i = 0
    while i < n:
        total = total + i % 7 * 2
        i += 1
    return total


def best_of_5(run):
    best = float("inf")
    for _ in range(5):
        start = time.thread_time()
        run()
        best = min(best, time.thread_time() - start)
    return best


def startup():
    """Best of 5 wall-clock and CPU seconds of `python3 -c pass`."""
    best_wall = best_cpu = float("inf")
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


assert fib(27) == 196418 and loop(10) == 48
print(f"# CPython {sys.version.split()[0]} ({sys.executable}): programs timed by thread CPU time, best of 5")
print(f"fib27_ms {best_of_5(lambda: fib(27)) * 1000:.2f}")
print(f"loop1e7_ms {best_of_5(lambda: loop(10_000_000)) * 1000:.2f}")
wall, cpu = startup()
print(f"startup_ms {wall * 1000:.2f}")
print(f"startup_cpu_ms {cpu * 1000:.2f}")
