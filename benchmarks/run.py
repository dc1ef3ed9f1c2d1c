"""The benchmark table: build, warm queries, the same jobs without corpus_tui, and the TUI.

    python benchmarks/run.py --quick      # bundled + 1 MB, 5 runs each (~2 min)
    python benchmarks/run.py              # bundled, 1, 10 and 100 MB (~15-20 min)

Options: --runs N, --sizes 1,10, --workdir DIR (generated corpora and caches; default
<tmp>/corpus-tui-bench, reused between runs), --json PATH (default WORKDIR/results.json),
--term T (default 人工智能, a word jieba keeps whole without a user dictionary, so the
jieba scripts find the same hits).

Every figure is the median wall time of several fresh processes (one run when a job takes
over 5 s), measured with `python -c pass` in the same run as the floor. Peak memory is
ru_maxrss of the process (builds: the largest of the process and its workers). Scale
corpora are resampled seed sentences (benchmarks/gen_corpus.py, fixed seed) written to the
work dir, never into the repository; --vocab zipf (the default) gives them a growing vocabulary
of names, nouns and numbers, --vocab seeds the seeds' words only (the corpora of earlier
runs). Nothing is asserted: tests do not time things.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

BIN = Path(sys.executable).parent
CORPUS = [str(BIN / "corpus")] if (BIN / "corpus").exists() else [sys.executable, "-m", "corpus_tui"]
SLOW = 5.0  # a job slower than this is run once

JIEBA_FREQ = '''
import collections, glob, sys, jieba
counts = collections.Counter()
for path in sorted(glob.glob(sys.argv[1])):
    with open(path, encoding="utf-8") as fh:
        counts.update(w for w in jieba.lcut(fh.read()) if w.strip())
for word, n in counts.most_common(50):
    print(word, n, sep="\\t")
'''

JIEBA_KWIC = '''
import glob, sys, jieba
term = sys.argv[2]
for path in sorted(glob.glob(sys.argv[1])):
    with open(path, encoding="utf-8") as fh:
        words = jieba.lcut(fh.read())
    for i, w in enumerate(words):
        if w == term:
            left = "".join(words[max(0, i - 10):i]).replace("\\n", " ")
            right = "".join(words[i + 1:i + 11]).replace("\\n", " ")
            print(path, left[-30:], w, right[:30], sep="\\t")
'''


_SINK = tempfile.TemporaryFile()


def run_once(argv: list[str], env: dict, cwd: str | None = None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS KiB, exit code) of one process; output to a scratch file.

    Not /dev/null: GNU grep notices /dev/null and stops at the first match (1.5 ms for
    100 MB); a regular file makes every tool produce its whole output."""
    _SINK.seek(0)
    _SINK.truncate()
    errf = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=_SINK, stderr=errf)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    errf.seek(0)
    err = errf.read().decode("utf-8", "replace")
    errf.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err[-2000:]}")
    return wall, usage.ru_maxrss, proc.returncode


def measure(argv: list[str], env: dict, runs: int, cwd: str | None = None, warmup: bool = True) -> dict:
    if warmup:
        run_once(argv, env, cwd)
    walls, rss = [], []
    for _ in range(runs):
        w, m, _ = run_once(argv, env, cwd)
        walls.append(w)
        rss.append(m)
        if w > SLOW:
            break
    return {"ms": round(statistics.median(walls) * 1000, 1), "n": len(walls),
            "min_ms": round(min(walls) * 1000, 1), "rss_mb": round(max(rss) / 1024, 1)}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def corpus_files(root: Path) -> list[Path]:
    return sorted((root / "texts").glob("*.txt")) if (root / "texts").is_dir() else sorted((root / "seeds").glob("*.txt"))


def bench_corpus(name: str, root: Path, work: Path, base_env: dict, runs: int, term: str, quick: bool) -> dict:
    files = corpus_files(root)
    text_bytes = sum(p.stat().st_size for p in files)
    glob_pat = str(files[0].parent / "*.txt")
    out: dict = {"corpus": name, "text_mb": round(text_bytes / 1e6, 2), "files": len(files)}
    env = {**base_env, "CORPUS_TUI_CORPUS": str(root)}
    print(f"\n== {name}: {len(files)} files, {text_bytes / 1e6:.2f} MB", flush=True)

    # -- cold build ---------------------------------------------------------------------------
    # "first": a fresh cache dir, so jieba also parses its dictionary and writes its cache
    # (what a first start costs), the median of several such starts under 5 MB, each in a
    # fresh dir; "rebuild": `corpus index --rebuild` with jieba's dictionary cache present
    # (what any later cold index build costs). 100 MB: one first run only.
    builds = {}
    build_runs = runs if text_bytes < 5e6 else (2 if text_bytes < 5e7 else 1)
    if quick:
        build_runs = min(build_runs, 3)
    cache = work / f"cache-{name}"
    variants = [("jieba", 1), ("jieba", 2)]
    if _has("rjieba"):
        variants.append(("rjieba", 1))
    for tok, jobs in variants:
        label = f"{tok} jobs={jobs}"
        where = cache if tok == "jieba" else work / f"cache-{name}-{tok}"
        argv = [*CORPUS, "index", "--jobs", str(jobs), "--tokenizer", tok]
        firsts, rss = [], 0
        for _ in range(build_runs if text_bytes < 5e6 else 1):
            shutil.rmtree(where, ignore_errors=True)
            w, m = run_once(argv, {**env, "CORPUS_TUI_CACHE": str(where)})[:2]
            firsts.append(w)
            rss = max(rss, m)
        first = statistics.median(firsts)
        rebuilds = []
        for _ in range(build_runs - 1 if first < SLOW * 4 else 0):
            w, m, _ = run_once([*argv, "--rebuild"], {**env, "CORPUS_TUI_CACHE": str(where)})
            rebuilds.append(w)
            rss = max(rss, m)
        med = statistics.median(rebuilds) if rebuilds else first
        builds[label] = {"first_s": round(first, 2), "first_n": len(firsts), "s": round(med, 2), "n": 1 + len(rebuilds),
                         "mb_per_s": round(text_bytes / 1e6 / med, 2), "rss_mb": round(rss / 1024, 1)}
        print(f"  build {label}: first {first:.2f} s, rebuild {med:.2f} s ({text_bytes / 1e6 / med:.2f} MB/s), "
              f"peak {rss / 1024:.0f} MB", flush=True)
    out["build"] = builds
    folder = next(p for p in (cache / "index").iterdir() if p.is_dir() and not p.name.startswith("."))
    out["index_mb"] = round(dir_size(folder) / 1e6, 2)
    out["index_ratio"] = round(dir_size(folder) / text_bytes, 2)
    out["index_files"] = {p.name: p.stat().st_size for p in sorted(folder.iterdir())}
    print(f"  index on disk: {out['index_mb']} MB ({out['index_ratio']}x the text)", flush=True)

    # -- warm queries -------------------------------------------------------------------------
    env = {**env, "CORPUS_TUI_CACHE": str(cache)}
    q = {}
    jobs = {
        "kwic": [*CORPUS, "kwic", term],
        "kwic --count": [*CORPUS, "kwic", term, "--count"],
        "kwic --limit 50": [*CORPUS, "kwic", term, "--limit", "50"],
        "search": [*CORPUS, "search", term],
        "freq": [*CORPUS, "freq"],
        "cooc": [*CORPUS, "cooc", term],
        "diff": [*CORPUS, "diff", "--a", "group=新赛道", "--b", "group=未来产业"],
    }
    for label, argv in jobs.items():
        q[label] = measure(argv, env, runs)
        print(f"  {label:18} {q[label]['ms']:8.1f} ms  peak {q[label]['rss_mb']:.0f} MB", flush=True)
    words = ["corpus", "kwic", term[:2]]
    comp_env = {**env, "_CORPUS_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(words), "COMP_CWORD": "2"}
    q["complete"] = measure(CORPUS, comp_env, runs)
    print(f"  {'complete':18} {q['complete']['ms']:8.1f} ms", flush=True)
    out["queries"] = q

    # -- the same jobs without corpus_tui -----------------------------------------------------
    side = {}
    scripts = work / "scripts"
    scripts.mkdir(exist_ok=True)
    (scripts / "jieba_freq.py").write_text(JIEBA_FREQ, encoding="utf-8")
    (scripts / "jieba_kwic.py").write_text(JIEBA_KWIC, encoding="utf-8")
    plain = {k: v for k, v in base_env.items() if k != "CORPUS_TUI_CORPUS"}
    side["jieba+Counter freq"] = measure([sys.executable, str(scripts / "jieba_freq.py"), glob_pat], plain,
                                         runs, warmup=False)
    side["jieba+slicing kwic"] = measure([sys.executable, str(scripts / "jieba_kwic.py"), glob_pat, term], plain,
                                         runs, warmup=False)
    paths = [str(p) for p in files]
    if shutil.which("rg"):
        side["rg -c"] = measure(["rg", "-c", "--no-config", term, *paths], plain, runs)
    else:
        side["rg -c"] = {"skipped": "ripgrep not installed (apt-get install ripgrep)"}
    side["grep -c"] = measure(["grep", "-c", term, *paths], plain, runs)
    for label, r in side.items():
        if "ms" in r:
            print(f"  {label:18} {r['ms']:8.1f} ms  peak {r['rss_mb']:.0f} MB", flush=True)
        else:
            print(f"  {label:18} skipped: {r['skipped']}")
    out["baselines"] = side
    ratios = {
        "jieba kwic / corpus kwic": _ratio(side["jieba+slicing kwic"], q["kwic"]),
        "jieba freq / corpus freq": _ratio(side["jieba+Counter freq"], q["freq"]),
        "jieba freq / corpus cooc": _ratio(side["jieba+Counter freq"], q["cooc"]),
        "corpus kwic --count / rg -c": _ratio(q["kwic --count"], side["rg -c"]),
        "corpus kwic --count / grep -c": _ratio(q["kwic --count"], side["grep -c"]),
    }
    out["ratios"] = ratios
    for label, r in ratios.items():
        print(f"  {label:30} {r}")
    return out


def _has(module: str) -> bool:
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def _ratio(a: dict, b: dict):
    if "ms" not in a or "ms" not in b or not b["ms"]:
        return None
    return round(a["ms"] / b["ms"], 1)


def bench_tui(root: Path, cache: Path, base_env: dict, runs: int, term: str) -> dict:
    """Fresh processes of benchmarks/tui_probe.py (Pilot, headless) on a warm index."""
    env = {**base_env, "CORPUS_TUI_CORPUS": str(root), "CORPUS_TUI_CACHE": str(cache)}
    results = []
    for _ in range(runs + 1):
        proc = subprocess.run([sys.executable, str(HERE / "tui_probe.py"), term, repr(time.time())], env=env,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return {"error": proc.stderr[-2000:]}
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    results = results[1:]  # the first run warms the file cache
    keys = results[0].keys()
    return {k: round(statistics.median(r[k] for r in results), 1) for k in keys} | {"n": len(results)}


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        info["load_avg"] = os.getloadavg()
    except OSError:
        pass
    import importlib.metadata as md

    for pkg in ("jieba", "click", "textual", "rjieba"):
        try:
            info[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    try:
        info["commit"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def print_table(res: dict) -> None:
    corpora = res["corpora"]
    names = [c["corpus"] for c in corpora]
    w = 12
    print("\n" + "=" * 80)
    print(f"floor: python -c pass = {res['floor']['ms']} ms (median of {res['floor']['n']})")
    print(f"{'':32}" + "".join(f"{n:>{w}}" for n in names))
    print(f"{'text MB':32}" + "".join(f"{c['text_mb']:>{w}}" for c in corpora))
    for label in corpora[0]["build"]:
        print(f"{'build first s, ' + label:32}" + "".join(f"{c['build'][label]['first_s']:>{w}}" for c in corpora))
        print(f"{'build rebuild s, ' + label:32}" + "".join(f"{c['build'][label]['s']:>{w}}" for c in corpora))
        print(f"{'  MB/s':32}" + "".join(f"{c['build'][label]['mb_per_s']:>{w}}" for c in corpora))
        print(f"{'  peak RSS MB':32}" + "".join(f"{c['build'][label]['rss_mb']:>{w}}" for c in corpora))
    print(f"{'index MB (x text)':32}" + "".join(f"{str(c['index_mb']) + ' (' + str(c['index_ratio']) + ')':>{w}}"
                                                 for c in corpora))
    for label in corpora[0]["queries"]:
        print(f"{'corpus ' + label + ' ms':32}" + "".join(f"{c['queries'][label]['ms']:>{w}}" for c in corpora))
    print(f"{'  peak RSS MB (kwic --count)':32}" + "".join(f"{c['queries']['kwic --count']['rss_mb']:>{w}}"
                                                         for c in corpora))
    for label in corpora[0]["baselines"]:
        print(f"{label + ' ms':32}" + "".join(f"{c['baselines'][label].get('ms', '-'):>{w}}" for c in corpora))
    for label in corpora[0]["ratios"]:
        print(f"{label:32}" + "".join(f"{str(c['ratios'][label]):>{w}}" for c in corpora))
    if res.get("tui"):
        print("TUI (bundled corpus, Pilot, headless): " + ", ".join(f"{k} {v}" for k, v in res["tui"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="bundled + 1 MB only, fewer runs")
    ap.add_argument("--sizes", help="comma-separated MB sizes of the scale corpora (default 1,10,100; quick: 1)")
    ap.add_argument("--runs", type=int, help="runs per measurement (default 9; quick: 5)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "corpus-tui-bench")
    ap.add_argument("--json", type=Path, help="where to write the results (default WORKDIR/results.json)")
    ap.add_argument("--term", default="人工智能")
    ap.add_argument("--no-tui", action="store_true")
    ap.add_argument("--vocab", choices=gen_corpus.VOCABS, default="zipf",
                    help="scale corpora's vocabulary: zipf (growing, like an archive; default) or seeds (the seeds' words)")
    args = ap.parse_args()
    runs = args.runs or (5 if args.quick else 9)
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else ([1.0] if args.quick else [1.0, 10.0, 100.0])
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("CORPUS_TUI_", "_CORPUS_COMPLETE", "COMP_"))}
    base_env["LANG"] = "C.UTF-8"
    # Measure what an installed package does: with bytecode caches (pip writes them at
    # install). PYTHONDONTWRITEBYTECODE=1 would recompile every edited module on every run.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)

    res: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "runs": runs,
                 "quick": args.quick, "term": args.term, "vocab": args.vocab}
    res["floor"] = measure([sys.executable, "-c", "pass"], base_env, max(runs, 9))
    res["floor_click"] = measure([sys.executable, "-c", "import click"], base_env, max(runs, 9))
    print(f"python -c pass: {res['floor']['ms']} ms; import click: {res['floor_click']['ms']} ms", flush=True)
    corpora = [("bundled", REPO)]
    for mb in sizes:
        label = f"{mb:g}MB"
        folder = work / (f"corpus-{label}" if args.vocab == "seeds" else f"corpus-{label}-{args.vocab}")
        corpora.append((label, gen_corpus.generate(folder, mb, vocab=args.vocab)))
    res["corpora"] = []
    for name, root in corpora:
        res["corpora"].append(bench_corpus(name, root, work, base_env, runs, args.term, args.quick))
        if name == "bundled" and not args.no_tui:
            res["tui"] = bench_tui(root, work / "cache-bundled", base_env, min(runs, 5), args.term)
            print("  TUI: " + json.dumps(res["tui"], ensure_ascii=False), flush=True)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    out = args.json or work / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print_table(res)
    print(f"\nresults: {out}")


if __name__ == "__main__":
    main()
