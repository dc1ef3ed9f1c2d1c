"""How long one TAB costs: a completion request in a fresh process, against `python -c pass`.

    python benchmarks/bench_completion.py [--runs 15] [--cache-dir DIR]

Each request is what the shell scripts in completions/ run on TAB: the `corpus` entry point
with _CORPUS_COMPLETE=bash_complete, COMP_WORDS and COMP_CWORD. The median of --runs runs is
printed for each, next to a bare interpreter and `import click` (click's floor). An index is
built first (untimed) in --cache-dir, a temporary folder unless given, so term completion has
a vocabulary to read. Timings are printed, never asserted: tests do not time things.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = str(BIN / "corpus") if (BIN / "corpus").exists() else "corpus"

REQUESTS = [
    ("subcommands", "corpus "),
    ("options", "corpus kwic --f"),
    ("choice", "corpus kwic --format "),
    ("ids", "corpus show wlcy"),
    ("groups", "corpus kwic --group 未"),
    ("terms", "corpus kwic 未来"),
]


def median_ms(argv: list[str], env: dict, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def request_env(base: dict, line: str) -> dict:
    words = shlex.split(line)
    cword = len(words) if line.endswith(" ") else len(words) - 1
    return {**base, "_CORPUS_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cache-dir", help="cache holding (or to hold) the index; default: a temp dir")
    args = ap.parse_args()

    cache = args.cache_dir or tempfile.mkdtemp(prefix="corpus-bench-completion-")
    env = {**os.environ, "CORPUS_TUI_CACHE": cache, "CORPUS_TUI_CORPUS": str(REPO), "LANG": "C.UTF-8"}
    subprocess.run([CORPUS, "index"], env=env, stdout=subprocess.DEVNULL, check=True)

    print(f"median of {args.runs} runs, ms (one process each)")
    base = median_ms([sys.executable, "-c", "pass"], env, args.runs)
    print(f"{'python -c pass':28} {base:7.1f}")
    click_ms = median_ms([sys.executable, "-c", "import click, click.shell_completion"], env, args.runs)
    print(f"{'python -c import click':28} {click_ms:7.1f}")
    for name, line in REQUESTS:
        ms = median_ms([CORPUS], request_env(env, line), args.runs)
        print(f"{'complete ' + name:28} {ms:7.1f}   +{ms - base:5.1f} over python   {line!r}")


if __name__ == "__main__":
    main()
