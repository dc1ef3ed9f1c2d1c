"""Warm token-pattern queries against word queries, as a user runs them (one process each).

    python benchmarks/bench_pattern.py [--corpus DIR] [--runs 7]

Each command runs once to warm the index (and its stamp), then --runs times; the median
wall time is printed in ms. CORPUS_TUI_CACHE decides the cache, as for `corpus`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

QUERIES = [
    ("word query", ["kwic", "新赛道", "--word", "--count"]),
    ("pattern, one literal", ["kwic", "--cql", '"新赛道"', "--count"]),
    ("pattern, verb + literal", ["kwic", "--cql", '[pos="v"] "新赛道"', "--count"]),
    ("pattern, gap within s", ["kwic", "--cql", '"未来产业" []{0,15} "人工智能" within s', "--count"]),
    ("pattern, verb + literal, 20 lines", ["kwic", "--cql", '[pos="v"] "新赛道"', "--limit", "20"]),
    ("freq of the verb slot", ["freq", "--cql", '[pos="v"] "新赛道"', "--slot", "1", "--top", "20"]),
    ("pattern, no literal", ["kwic", "--cql", '[pos="a"] [word="产业.*"]', "--count"]),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    extra = ["--corpus", args.corpus] if args.corpus else []
    for name, argv in QUERIES:
        cmd = [sys.executable, "-m", "corpus_tui", *argv, *extra]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name:38s} {statistics.median(times):8.0f} ms  (min {min(times):.0f}, max {max(times):.0f})")


if __name__ == "__main__":
    main()
