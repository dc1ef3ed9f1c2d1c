"""Render a results JSON of benchmarks/run.py as the Markdown tables of docs/PERFORMANCE.md.

    python benchmarks/report.py /tmp/corpus-tui-bench/results.json
"""

from __future__ import annotations

import json
import sys


def cell(v) -> str:
    return "–" if v is None else str(v)


def main(path: str) -> None:
    res = json.loads(open(path, encoding="utf-8").read())
    corpora = res["corpora"]
    m = res["machine"]
    print(f"Run {res['started']} – {res['finished']}, commit {m.get('commit', '?')}, "
          f"{'quick' if res['quick'] else 'full'} mode, medians of up to {res['runs']} runs, term {res['term']}.")
    print(f"Machine: {m.get('cpu', '?')}, {m.get('cpus')} CPUs, {m.get('mem_gb')} GB, Python {m['python']}, "
          f"{m['platform']}; jieba {m.get('jieba')}, rjieba {m.get('rjieba', '-')}, click {m.get('click')}; "
          f"load average at start {', '.join(f'{x:.1f}' for x in m.get('load_avg', []))}.")
    print(f"Floor: `python -c pass` {res['floor']['ms']} ms (min {res['floor']['min_ms']}), "
          f"`python -c 'import click'` {res['floor_click']['ms']} ms (min {res['floor_click']['min_ms']}).\n")
    head = "| | " + " | ".join(c["corpus"] for c in corpora) + " |"
    print(head)
    print("|---|" + "---:|" * len(corpora))
    print("| text MB (files) | " + " | ".join(f"{c['text_mb']} ({c['files']})" for c in corpora) + " |")
    for label in corpora[0]["build"]:
        print(f"| build {label}: first start s (median of fresh caches; 100 MB: one) | " + " | ".join(cell(c["build"][label]["first_s"]) for c in corpora) + " |")
        print(f"| build {label}: `--rebuild` s (MB/s) | " + " | ".join(
            f"{c['build'][label]['s']} ({c['build'][label]['mb_per_s']})" for c in corpora) + " |")
        print(f"| build {label}: peak RSS MB | " + " | ".join(cell(c["build"][label]["rss_mb"]) for c in corpora) + " |")
    print("| index on disk MB (× text) | " + " | ".join(f"{c['index_mb']} ({c['index_ratio']}×)" for c in corpora) + " |")
    for label in corpora[0]["queries"]:
        q = [c["queries"][label] for c in corpora]
        name = f"`corpus {label}`" if label != "complete" else "completion request (`corpus kwic 人工<TAB>`)"
        print(f"| {name} ms (min) | " + " | ".join(f"{x['ms']} ({x['min_ms']})" for x in q) + " |")
    print("| peak RSS MB of `kwic --count` | " + " | ".join(cell(c["queries"]["kwic --count"]["rss_mb"]) for c in corpora) + " |")
    for label in corpora[0]["baselines"]:
        b = [c["baselines"][label] for c in corpora]
        print(f"| {label} ms | " + " | ".join(f"{x['ms']}" if "ms" in x else "skipped" for x in b) + " |")
    for label in corpora[0]["ratios"]:
        print(f"| ratio {label} | " + " | ".join(cell(c["ratios"][label]) for c in corpora) + " |")
    if res.get("tui"):
        t = res["tui"]
        print("\nTUI on the bundled corpus (Pilot, headless, warm index, medians of "
              f"{t.get('n')} fresh processes): " + ", ".join(f"{k} {v}" for k, v in t.items() if k != "n") + ".")


if __name__ == "__main__":
    main(sys.argv[1])
