"""CPython peer of the `interpreter` section of scripts/bench: the programs the Recast side runs
(scripts/bench writes them out in the language), one per invocation, so that scripts/bench times
both the same way: CPU time of the whole process, best of 5, less that of an empty run.

    python3 scripts/bench_peers/interpreter.py fib27     # recursive fib(27), prints 196418
    python3 scripts/bench_peers/interpreter.py loop1e7   # 10**7 steps of arithmetic, prints 59999988
"""
import sys


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


PROGRAMS = {"fib27": lambda: fib(27), "loop1e7": lambda: loop(10_000_000)}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in PROGRAMS:
        sys.exit(f"usage: interpreter.py {'|'.join(PROGRAMS)}")
    print(PROGRAMS[sys.argv[1]]())
