"""`corpus diff --terms A B --plot` and the Diff tab's chart (corpus_tui/diffchart.py): one
list from "A only" to "B only", each row marked (and, on a terminal, coloured) by the term it
leans to; text that fits the width, corpus text shown literally."""

from __future__ import annotations

import math
import os
import subprocess
import sys

from corpus_tui import diffchart
from corpus_tui.cells import cell_len
from corpus_tui.results import Table

B = "█"
PLOT = [
    "新赛道 only 21 · shared 49 · 未来产业 only 196",
    "   collocate                            新赛道│未来产业",
    "<< 牵引      10.8       " + B * 22 + "│                                -",
    "<< 认为      10.6        " + B * 21 + "│                                -",
    "<  开辟      11.5      " + B * 23 + "│" + B * 18 + "            9.1",
    " > 新兴产业   9.0           " + B * 18 + "│" + B * 24 + "     11.9",
    ">> 前瞻         -                             │" + B * 22 + "       10.9",
    ">> 壮大         -                             │" + B * 22 + "       11.2",
    "<< only 新赛道 or ≥ 3 logDice more · < ≥ 1 more · <> alike (under 1 apart)",
    ">> only 未来产业 or ≥ 3 logDice more · > ≥ 1 more · bars: logDice 0-14",
]


def corpus(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run([sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True,
                          env={**environ, **env}, timeout=120)


def test_plot_in_a_pipe(seed_index):
    """A pipe: 80 cells, no colour; the rows run from 新赛道's own collocates (<<) through the
    shared ones (the strongest of each leaning, < and >) to 未来产业's (>>, its strongest last)."""
    out = corpus("diff", "--terms", "新赛道", "未来产业", "--plot", "--top", "2")
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout.splitlines() == PLOT
    assert max(cell_len(line) for line in PLOT) == 80


def test_plot_colours_by_lean_and_honours_no_color(seed_index):
    coloured = corpus("diff", "--terms", "新赛道", "未来产业", "--plot", "--top", "1", FORCE_COLOR="1").stdout
    lines = coloured.splitlines()
    assert lines[0] == "\x1b[1m新赛道 only 21 · shared 49 · 未来产业 only 196\x1b[0m"
    assert lines[2].startswith("\x1b[1;32m<< 牵引 ") and lines[2].endswith("-\x1b[0m")  # only 新赛道: bold green
    assert lines[3].startswith("\x1b[32m<  开辟 ")  # shared, 2.4 more with 新赛道: green
    assert lines[4].startswith("\x1b[1;31m>> 壮大 ")  # only 未来产业: bold red
    plain = corpus("diff", "--terms", "新赛道", "未来产业", "--plot", "--top", "1", FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in plain.stdout and plain.stdout.splitlines()[2].startswith("<< 牵引 ")


def test_plot_needs_two_terms_and_no_format(seed_index):
    for args in (["--plot"], ["--terms", "新赛道", "未来产业", "--plot", "--json"],
                 ["--terms", "新赛道", "未来产业", "--plot", "--sources"]):
        out = corpus("diff", *args)
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr == ("corpus: error: --plot draws the comparison of two terms: give --terms TERM1 TERM2, "
                              "without --sources, --format, --meta or --explain\n")


COLUMNS = ("group", "collocate", "cooc:甲", "cooc:乙", "log_dice:甲", "log_dice:乙", "diff", "collocate_freq")


def _table(rows) -> Table:
    return Table(COLUMNS, rows)


def test_leans_and_order():
    t = _table([("only 甲", "一", 3, 0, 9.0, math.nan, 9.0, 5), ("shared", "二", 4, 1, 9.5, 6.0, 3.5, 9),
                ("shared", "三", 2, 2, 8.0, 7.2, 0.8, 9), ("shared", "四", 2, 3, 7.0, 8.5, -1.5, 9),
                ("only 乙", "五", 0, 4, math.nan, 10.0, -10.0, 6)])
    assert [diffchart.lean("only" if r[0] != "shared" else "shared", r[6]) for r in t.rows] == \
        ["a2", "a2", "ab", "b1", "b2"]
    assert [r[1] for r in diffchart.pick(t, 0)] == ["一", "二", "三", "四", "五"]
    assert [r[1] for r in diffchart.pick(t, 2)] == ["一", "二", "四", "五"]  # shared: both ends


def test_every_line_fits_the_width_and_corpus_text_is_literal():
    hostile = "[b]粗[/b]\x1b[31m红"
    t = _table([("only 甲", hostile, 3, 0, 12.0, math.nan, 12.0, 5), ("shared", "二", 4, 1, 9.5, 9.0, 0.5, 9)])
    for width in (50, 80, 120, 200):
        lines = diffchart.chart(t, width, colour=False, top=0).splitlines()
        assert all(cell_len(line) <= width for line in lines), width
    out = diffchart.chart(t, 80, colour=False, top=0)
    assert "<< [b]粗[/b]␛[31…" in out and "\x1b" not in out  # a collocate of 14 cells and more is cut with …
    texts = diffchart.to_text(t, 80, top=0)
    assert texts[2].plain.startswith("<< [b]粗[/b]␛[31…")
    assert [s.style for s in texts[2].spans] == ["bold green"] and [s.style for s in texts[3].spans] == []
