"""`corpus kwic` on a real terminal fits the terminal: run in tmux at several widths, no row
is wider than the window (a wider row wraps and the concordance falls apart)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from rich.cells import cell_len

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")
CORPUS = [sys.executable, "-m", "corpus_tui"]


def _screen(width: int, args: list[str], cache: str) -> list[str]:
    sock = f"corpus-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    # stderr aside: a warning about the folder (a stray file) is not a concordance row
    cmd = " ".join(f"'{a}'" for a in [*CORPUS, *args]) + " 2>/dev/null; echo END-OF-RUN; sleep 60"
    env = {**os.environ, "CORPUS_TUI_CACHE": cache, "TERM": "xterm-256color"}
    subprocess.run([*tmux, "new-session", "-d", "-x", str(width), "-y", "60", cmd], env=env, check=True)
    try:
        for _ in range(600):  # bounded: 60 s
            shown = subprocess.run([*tmux, "capture-pane", "-p", "-J"], capture_output=True, text=True).stdout
            if "END-OF-RUN" in shown:
                return [line.rstrip() for line in shown.splitlines() if line.strip() and line != "END-OF-RUN"]
            time.sleep(0.1)
        raise AssertionError(f"no output in 60 s: {shown!r}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_kwic_rows_fit_the_terminal(width, seed_index, session_cache):
    lines = _screen(width, ["kwic", "新赛道", "--limit", "12"], str(session_cache))
    rows = lines[1:-1]  # the header, 12 rows, the note
    assert len(rows) == 12 and lines[-1].startswith("12 hits; context ")
    assert width - 3 <= max(cell_len(r) for r in [lines[0], *rows]) <= width - 1
    width_note = int(lines[-1].split("context ")[1].split(" cells")[0])
    lefts = [r.split("  ", 1)[1].lstrip().split("  新赛道  ", 1)[0] for r in rows]
    assert max(cell_len(left) for left in lefts) == width_note
