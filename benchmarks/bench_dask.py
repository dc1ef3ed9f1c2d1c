"""Build engines side by side, and what a sharded index costs a query (docs/SCALE.md).

    python benchmarks/bench_dask.py --sizes 100 --runs 3

For the bundled corpus and each generated corpus (benchmarks/gen_corpus.py, fixed seed):
`corpus index --rebuild` with 1 worker process (-j 1), 2 worker processes (-j 2), and a
2-worker Dask LocalCluster (--dask local:2, the cluster's start and stop included), then
the same corpus saved as shards (--shard-size) and warm queries over the plain and the
sharded index. Medians of --runs fresh processes each (ru_maxrss: the largest of the
process and its children), with the load average before and after: the machine may be
shared. Nothing is asserted; tests do not time things.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
from run import CORPUS, REPO, corpus_files, machine, measure, run_once  # noqa: E402

ENGINES = (("1 worker", ["-j", "1"]), ("2 workers", ["-j", "2"]), ("LocalCluster of 2", ["--dask", "local:2"]))
QUERIES = (("kwic --count", ["kwic", "人工智能", "--count"]), ("kwic --limit 50", ["kwic", "人工智能", "--limit", "50"]),
           ("freq", ["freq", "--top", "50"]))


def builds(argv: list[str], env: dict, runs: int) -> dict:
    """Median wall seconds of ``runs`` builds (each a fresh process), every run listed."""
    import statistics

    walls, rss = [], []
    for _ in range(runs):
        w, m, _ = run_once(argv, env)
        walls.append(round(w, 2))
        rss.append(m)
    return {"s": round(statistics.median(walls), 2), "runs": walls, "rss_mb": round(max(rss) / 1024, 1)}


def bench(name: str, root: Path, work: Path, runs: int, shard_files: int) -> dict:
    env = {**os.environ, "CORPUS_TUI_CORPUS": str(root), "CORPUS_TUI_CACHE": str(work / f"cache-{name}")}
    files = corpus_files(root)
    out: dict = {"corpus": name, "files": len(files), "text_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
                 "build": {}, "query": {}}
    print(f"== {name}: {out['files']} files, {out['text_mb']} MB", flush=True)
    measure([*CORPUS, "index"], env, 1, warmup=False)  # jieba's dictionary cache in place first
    for label, args in ENGINES:
        out["build"][label] = builds([*CORPUS, "index", "--rebuild", *args], env, runs)
        print(f"  build, {label}: {out['build'][label]}", flush=True)
    for label, args in QUERIES:
        out["query"][f"{label}, plain"] = measure([*CORPUS, *args], env, runs)
    out["build"][f"2 workers, shards of {shard_files} files"] = builds(
        [*CORPUS, "index", "--rebuild", "-j", "2", "--shard-size", str(shard_files)], env, runs)
    for label, args in QUERIES:
        out["query"][f"{label}, sharded"] = measure([*CORPUS, *args], env, runs)
    for k, v in out["query"].items():
        print(f"  {k}: {v}", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100", help="comma-separated MB sizes of generated corpora (default 100)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shard-files", type=int, default=10, help="files per shard of the sharded build (default 10)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "corpus-tui-bench")
    ap.add_argument("--json", type=Path, help="where to write the results (default WORKDIR/dask-results.json)")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    res = {"machine": machine(), "load_before": os.getloadavg(), "corpora": []}
    res["corpora"].append(bench("bundled", REPO, args.workdir, args.runs, 2))
    for mb in (float(s) for s in args.sizes.split(",") if s):
        root = gen_corpus.generate(args.workdir / f"corpus-{mb:g}mb", mb)
        res["corpora"].append(bench(f"{mb:g}MB", root, args.workdir, args.runs, args.shard_files))
    res["load_after"] = os.getloadavg()
    path = args.json or args.workdir / "dask-results.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=1))
    print(f"load average before {res['load_before']}, after {res['load_after']}; results in {path}")
    for name in ("cache-bundled",):
        shutil.rmtree(args.workdir / name, ignore_errors=True)


if __name__ == "__main__":
    main()
