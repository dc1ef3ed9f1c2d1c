"""Printing every hit: `corpus kwic`/`search` in full against `rg -o`, `| head`, cooc, peak memory.

    python benchmarks/bench_output.py [--mb 100] [--runs 5] [--term 人工智能] [--workdir DIR]
                                      [--vocab zipf|seeds] [--json PATH]

Generates the scale corpus (benchmarks/gen_corpus.py, default the Zipfian vocabulary) in
WORKDIR, builds its index once in WORKDIR/cache (CORPUS_TUI_CACHE; the build is not timed
here: benchmarks/run.py times builds), then times fresh processes, medians of --runs after
one warm-up run, stdout to /dev/null for every tool alike (rg does not stop early on
/dev/null; GNU grep would, and is not measured here):

* `rg -o TERM -r '' FILES` (every hit printed, as a concordance prints every hit) and
  `rg TERM FILES` (every matching line);
* `corpus kwic TERM` (all hits, table), `--tsv`, `--json`; `--limit 50`; `kwic TERM | head`
  and `kwic TERM --tsv | head` (the pipeline's wall time: until `corpus` has gone, with its
  stderr and exit status);
* `corpus search TERM`, `search TERM | head`, `search TERM --tsv | head`; `corpus cooc TERM`.

--only LABEL,LABEL runs some of them (rg -o always, for the ratios).

Peak memory is ru_maxrss of the `corpus` process. Ratios are taken within the run.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

BIN = Path(sys.executable).parent
CORPUS = [str(BIN / "corpus")] if (BIN / "corpus").exists() else [sys.executable, "-m", "corpus_tui"]


def once(argv: list[str], env: dict, head: int | None = None) -> dict:
    """One fresh process, stdout to /dev/null (or through `head -n HEAD` to /dev/null)."""
    devnull = open(os.devnull, "wb")
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    if head is None:
        proc = subprocess.Popen(argv, env=env, stdout=devnull, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    else:
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=err)
        reader = subprocess.Popen(["head", "-n", str(head)], stdin=proc.stdout, stdout=devnull)
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        reader.wait()
    wall = time.perf_counter() - t0
    devnull.close()
    err.seek(0)
    return {"s": wall, "rss_kb": usage.ru_maxrss, "exit": os.waitstatus_to_exitcode(status),
            "stderr": err.read().decode("utf-8", "replace")}


def measure(argv: list[str], env: dict, runs: int, head: int | None = None) -> dict:
    once(argv, env, head)  # warm the page cache and the bytecode
    got = [once(argv, env, head) for _ in range(runs)]
    walls = [g["s"] for g in got]
    return {"ms": round(statistics.median(walls) * 1000, 1), "min_ms": round(min(walls) * 1000, 1), "n": runs,
            "rss_mb": round(max(g["rss_kb"] for g in got) / 1024, 1), "exit": sorted({g["exit"] for g in got}),
            "stderr": sorted({g["stderr"] for g in got})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--term", default="人工智能")
    ap.add_argument("--vocab", choices=gen_corpus.VOCABS, default="zipf")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "corpus-tui-bench-output")
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder instead of generating one")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", help="comma-separated job labels to run (default: all)")
    args = ap.parse_args()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    root = args.corpus or gen_corpus.generate(work / f"corpus-{args.mb:g}MB-{args.vocab}", args.mb, vocab=args.vocab)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUS_TUI_", "_CORPUS_COMPLETE", "COMP_"))}
    env.update(LANG="C.UTF-8", CORPUS_TUI_CORPUS=str(root), CORPUS_TUI_CACHE=os.environ.get(
        "CORPUS_TUI_CACHE", str(work / "cache")))
    built = subprocess.run([*CORPUS, "index"], env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise SystemExit(built.stderr)
    print(built.stdout.strip(), flush=True)
    files = [str(p) for p in sorted((root / "texts").glob("*.txt"))]
    t = args.term
    jobs = {
        "rg -o": (["rg", "--no-config", "-o", t, "-r", "", *files], None),
        "rg (lines)": (["rg", "--no-config", t, *files], None),
        "kwic": ([*CORPUS, "kwic", t], None),
        "kwic --tsv": ([*CORPUS, "kwic", t, "--tsv"], None),
        "kwic --json": ([*CORPUS, "kwic", t, "--json"], None),
        "kwic --limit 50": ([*CORPUS, "kwic", t, "--limit", "50"], None),
        "kwic | head": ([*CORPUS, "kwic", t], 10),
        "kwic --tsv | head": ([*CORPUS, "kwic", t, "--tsv"], 10),
        "kwic --count": ([*CORPUS, "kwic", t, "--count"], None),
        "search": ([*CORPUS, "search", t], None),
        "search | head": ([*CORPUS, "search", t], 10),
        "search --tsv | head": ([*CORPUS, "search", t, "--tsv"], 10),
        "cooc": ([*CORPUS, "cooc", t], None),
    }
    res = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "corpus": str(root), "term": t, "runs": args.runs,
           "load_avg_start": os.getloadavg(), "index": built.stdout.strip(), "jobs": {}}
    if args.only:
        jobs = {k: v for k, v in jobs.items() if k in args.only.split(",") or k == "rg -o"}
    for label, (argv, head) in jobs.items():
        r = measure(argv, env, args.runs, head)
        res["jobs"][label] = r
        err = f"  stderr {r['stderr']!r}" if any(r["stderr"]) else ""
        print(f"{label:18} {r['ms']:9.1f} ms (min {r['min_ms']:.1f})  peak {r['rss_mb']:6.1f} MB  exit {r['exit']}{err}",
              flush=True)
    got = res["jobs"]
    rg = got["rg -o"]["ms"]
    res["ratios"] = {f"{k} / rg -o": round(got[k]["ms"] / rg, 1) for k in ("kwic", "kwic --tsv", "search", "cooc")
                     if k in got}
    for k in ("kwic | head", "kwic --tsv | head", "search --tsv | head"):
        if k in got and "kwic --limit 50" in got:
            res["ratios"][f"{k} / kwic --limit 50"] = round(got[k]["ms"] / got["kwic --limit 50"]["ms"], 2)
    res["load_avg_end"] = os.getloadavg()
    for k, v in res["ratios"].items():
        print(f"{k:32} {v}")
    out = args.json or work / "output-results.json"
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
