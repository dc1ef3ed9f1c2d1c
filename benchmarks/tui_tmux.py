"""Keystroke to KWIC rows on a real terminal: `corpus tui` in tmux, keys sent with send-keys,
the screen read back with capture-pane; prints one JSON line of medians.

    python benchmarks/tui_tmux.py TERM [--runs 5] [--size 120x36]

Uses CORPUS_TUI_CORPUS and CORPUS_TUI_CACHE (a warm index: build it first). Each run starts
a fresh `corpus tui`, types TERM but its last character, waits until that search has
settled (its hit count in the status line), then sends the last character and polls the
screen until
  key_to_rows_ms   the first KWIC row of TERM is on screen (its node and the start of its
                   right context, as the core computes them, on the row under the header);
  key_to_count_ms  the status line names the number of hits of TERM (every row is in the
                   table by then or in the batches that follow it).
  cpu_to_rows_ms   CPU time the app's process (all its threads, /proc/PID/task/*/schedstat)
                   spent from the keystroke to that screen: on a shared machine the wall
                   times grow with the other processes' load, this much less. It includes
                   what the app did after drawing the rows until the poll saw them (the rest
                   of the result being built), so it is an upper bound.
This is what a person sees; Pilot (benchmarks/tui_probe.py) sees the frame before the
terminal does. Each poll is a `tmux capture-pane` process (~2-5 ms), which bounds the
resolution.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


SOCKET = f"corpus-bench-{os.getpid()}"  # a tmux server of its own: no other session's environment or load
PASSED = ("CORPUS_TUI_CORPUS", "CORPUS_TUI_CACHE", "XDG_CACHE_HOME", "XDG_DATA_HOME", "PYTHONPATH", "NO_COLOR")


def tmux(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", SOCKET, *args], **kw)


def capture(session: str) -> list[str]:
    out = tmux("capture-pane", "-t", session, "-p", capture_output=True, text=True)
    return out.stdout.splitlines()


def wait_for(session: str, test, timeout: float = 60.0) -> float:
    """Poll the screen until ``test(lines)``; the time it was first seen (perf_counter)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        lines = capture(session)
        now = time.perf_counter()
        if test(lines):
            return now
    raise TimeoutError("\n".join(capture(session)))


def cpu_ns(pid: int) -> int:
    """CPU time of every thread of ``pid`` so far (ns)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended meanwhile
    return total


def first_row(lines: list[str]) -> str:
    for k, line in enumerate(lines):
        if re.search(r"\bwhere\b.*\bleft\b.*\bnode\b", line):
            return lines[k + 1] if k + 1 < len(lines) else ""
    return ""


def expected(term: str) -> tuple[re.Pattern, int]:
    """The first row's node and the start of its right context, and the number of hits."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index
    from corpus_tui.query.search import count_by_doc_of, kwic

    idx = open_index(CorpusOptions())
    line = kwic(idx, term, limit=1)[0]
    n = sum(count_by_doc_of(idx, term).values())
    right = line.right[:3].rstrip()
    return re.compile(re.escape(line.node) + r"\s+" + re.escape(right)), n


def one_run(term: str, size: tuple[int, int], row: re.Pattern, n: int, k: int) -> dict:
    session = f"corpus-bench-{os.getpid()}-{k}"
    corpus = f"{sys.executable} -m corpus_tui"
    env = " ".join(f"{key}={os.environ[key]}" for key in PASSED if key in os.environ)
    for attempt in range(3):  # the server of the last run may still be exiting
        started = tmux("-u", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]),
                       f"env TERM=xterm-256color {env} {corpus} tui", capture_output=True)
        if started.returncode == 0:
            break
        time.sleep(0.5)
    else:
        raise RuntimeError(f"tmux new-session failed: {started.stderr!r}")
    try:
        wait_for(session, lambda ls: any("files ready" in x for x in ls))
        head = term[:-1]
        if head:
            tmux("send-keys", "-t", session, "-l", head, check=True)
            wait_for(session, lambda ls: any(re.search(rf"\d+ hits of {re.escape(head)} ", x) for x in ls))
            time.sleep(0.5)
        count = re.compile(rf"\b{n} hits of {re.escape(term)} ")
        pid = int(tmux("display", "-p", "-t", session, "#{pane_pid}", capture_output=True, text=True).stdout)
        cpu0 = cpu_ns(pid)
        t0 = time.perf_counter()
        tmux("send-keys", "-t", session, "-l", term[-1], check=True)
        rows = wait_for(session, lambda ls: bool(row.search(first_row(ls))))
        cpu1 = cpu_ns(pid)
        counted = wait_for(session, lambda ls: any(count.search(x) for x in ls))
        return {"key_to_rows_ms": (rows - t0) * 1000, "key_to_count_ms": (counted - t0) * 1000,
                "cpu_to_rows_ms": (cpu1 - cpu0) / 1e6}
    finally:
        tmux("kill-session", "-t", session, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("term")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="120x36")
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tui_tmux.py: tmux is not installed")
    size = tuple(int(v) for v in args.size.split("x"))
    row, n = expected(args.term)
    try:
        runs = [one_run(args.term, size, row, n, k) for k in range(args.runs)]
    finally:
        tmux("kill-server", capture_output=True)
    out = {"term": args.term, "hits": n, "runs": args.runs}
    for key in runs[0]:
        out[key] = round(statistics.median(r[key] for r in runs), 1)
        out[key.replace("_ms", "_all")] = [round(r[key], 1) for r in runs]
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
