"""A trend table drawn as a terminal chart: rates over the periods, each with its interval.

plotext (pure Python, MIT) draws it. Its import costs ~70-100 ms, so it is imported here only,
and this module only by `corpus trend --plot` and the TUI's Trend tab. plotext measures a
character as one cell, so no corpus text goes inside the plot: the legend (the terms, wide
CJK) is written under it by us, measured in cells.

What is drawn: the periods as precise as the unit (2026-01, 2026-02, ...). A year's own row
under a finer unit (documents dated only to the year) and the ``undated`` row are not points
in time; they are listed under the chart with their rates instead.
"""

from __future__ import annotations

import re
import threading

from corpus_tui.output import for_display

COLOURS = ("blue", "red", "green", "magenta", "cyan", "yellow")
ANSI_COLOURS = {"blue": 34, "red": 31, "green": 32, "magenta": 35, "cyan": 36, "yellow": 33}
MARKERS = ("•", "x", "o", "+", "*", "#")  # without colour, the marker tells the terms apart
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOCK = threading.Lock()  # plotext keeps one figure per process; the TUI draws from a worker thread


def _series(table):
    """(points, extras, terms, rate column): points are the period labels drawn in order."""
    rate_col = table.columns[4]
    col = {c: i for i, c in enumerate(table.columns)}
    terms = list(dict.fromkeys(r[col["term"]] for r in table.rows))
    unit = table.meta.get("unit", "year")
    points, extras = [], []
    for r in table.rows:
        label = r[col["period"]]
        timed = label != "undated" and (unit == "year" or "-" in label)
        target = points if timed else extras
        if label not in target:
            target.append(label)
    values = {(r[col["period"]], r[col["term"]]): (r[col[rate_col]], r[col["ci_low"]], r[col["ci_high"]])
              for r in table.rows}
    return points, extras, terms, rate_col, values


def _ticks(points, width):
    """At most one tick label per ~10 cells, always the first and the last."""
    room = max(2, (width - 8) // 10)
    step = max(1, -(-len(points) // room))
    ticks = list(range(0, len(points), step))
    if ticks[-1] != len(points) - 1:
        ticks[-1] = len(points) - 1
    return ticks


def _number(x) -> str:
    return "" if x != x else f"{x:g}"


def trend_chart(table, width: int = 80, height: int = 20, colour: bool = True) -> str:
    """The chart of a `corpus trend` table (rates or shares) as text, then its legend lines."""
    import plotext as plt  # deferred: ~70-100 ms, paid only when a chart is drawn

    points, extras, terms, rate_col, values = _series(table)
    lines = []
    if points:
        with _LOCK:
            plt.clear_figure()
            plt.theme("pro" if colour else "clear")
            plt.plotsize(max(30, width), max(8, height))
            span = 0.3 if len(terms) > 1 else 0.0
            for t, term in enumerate(terms):
                shift = (t / max(1, len(terms) - 1) - 0.5) * span if len(terms) > 1 else 0.0
                xs = [i + shift for i in range(len(points))]
                ys = [values[(p, term)][0] for p in points]
                kw = {"color": COLOURS[t % len(COLOURS)]} if colour else {}
                plt.plot(xs, ys, marker="braille" if colour else MARKERS[t % len(MARKERS)], **kw)
                for x, p in zip(xs, points):
                    _, low, high = values[(p, term)]
                    if low == low and high == high:  # no interval where the period has no tokens
                        plt.plot([x, x], [low, high], marker="│" if not colour else "braille", **kw)
            ticks = _ticks(points, width)
            plt.xticks(ticks, [points[i] for i in ticks])
            plt.ylim(0, None)
            plt.ylabel(rate_col)
            out = plt.build()
        if not colour:
            out = _ANSI.sub("", out)
        lines.append(out.rstrip("\n"))
    legend = []
    for t, term in enumerate(terms):
        key = "──" if colour else MARKERS[t % len(MARKERS)] * 2
        if colour:
            key = f"\x1b[{ANSI_COLOURS[COLOURS[t % len(COLOURS)]]}m{key}\x1b[0m"
        legend.append(f"{key} {for_display(term)}")
    lines.append("  ".join(legend) + f"   bars: 95 % Wilson interval of {rate_col}")
    for label in extras:
        what = "" if label == "undated" else " (year only)"
        shown = ", ".join(f"{for_display(term)} {_number(values[(label, term)][0])}" for term in terms)
        lines.append(f"not drawn: {label}{what}: {rate_col} {shown}")
    if not points:
        lines.append("no dated period to draw")
    return "\n".join(lines) + "\n"
