"""Two terms' collocates drawn as Sketch Engine draws a Word Sketch Difference: one list,
from the collocates only the first term has, through the shared ones, to those only the
second has, each row coloured by the term it leans to.

The input is the table of `corpus diff --terms` (stats/tables.py termdiff_table with every
row, top=0): its groups already run "only 1", "shared", "only 2", each ordered by the logDice
difference. A row is a butterfly bar: the first term's logDice to the left of the centre
line, the second's to the right (0-14, logDice's range), the collocate and both scores
beside it. How much a row leans (``lean``): only one term has it, or the difference is at
least STRONG / LEAN logDice points, or less (shared alike). Without colour (NO_COLOR, a
pipe) a marker column says the same.

Text, measured in cells (CJK is two); corpus text goes through for_display (controls as
visible pictures) and never through Rich markup: the terminal gets ANSI codes written here,
the TUI rich Text objects (``to_text``).
"""

from __future__ import annotations

from corpus_tui.cells import cell_len, crop_right, pad_right
from corpus_tui.output import for_display

STRONG, LEAN = 3.0, 1.0  # logDice points of difference
MAX_LOG_DICE = 14.0
# lean -> (marker, ANSI SGR, rich style); "a" leans to the first term, "b" to the second
LEANS = {
    "a2": ("<<", "1;32", "bold green"),
    "a1": ("< ", "32", "green"),
    "ab": ("<>", "", ""),
    "b1": (" >", "31", "red"),
    "b2": (">>", "1;31", "bold red"),
}
BAR = "█"
MAX_COLLOCATE = 14  # cells; a longer collocate is cut with …


def lean(group: str, diff: float) -> str:
    if group.startswith("only") and group != "shared":
        return "a2" if diff > 0 else "b2"
    if diff >= STRONG:
        return "a2"
    if diff >= LEAN:
        return "a1"
    if diff <= -STRONG:
        return "b2"
    if diff <= -LEAN:
        return "b1"
    return "ab"


def pick(table, top: int) -> list[tuple]:
    """The rows drawn: the first ``top`` of "only 1", ``top`` shared ones spread evenly over
    their ordering (both ends and between, so the shift from one term to the other shows),
    the last ``top`` of "only 2" (its strongest); all of them when ``top`` is 0."""
    first = f"only {table.columns[4].split(':', 1)[1]}"
    only_a = [r for r in table.rows if r[0] == first]
    shared = [r for r in table.rows if r[0] == "shared"]
    only_b = [r for r in table.rows if r[0] not in (first, "shared")]
    if not top:
        return only_a + shared + only_b
    if len(shared) > top:
        shared = [shared[round(k * (len(shared) - 1) / (top - 1))] for k in range(top)] if top > 1 else shared[:1]
    return only_a[:top] + shared + only_b[-top:]


def _score(v) -> str:
    return "-" if v is None or v != v else f"{v:.1f}"


def _bar(v, cells: int) -> str:
    if v is None or v != v or cells <= 0:
        return ""
    return BAR * max(1, min(cells, round(cells * v / MAX_LOG_DICE)))


def lines(table, width: int, top: int = 12) -> list[list[tuple[str, str]]]:
    """The chart as lines of (text, lean-or-role) pieces; roles: "head", "dim", "" and the
    leans. ``width`` cells at most per line."""
    n1, n2 = (c.split(":", 1)[1] for c in table.columns[4:6])
    a, b = for_display(n1), for_display(n2)
    rows = pick(table, top)
    first = f"only {n1}"
    n_a = sum(1 for r in table.rows if r[0] == first)
    n_shared = sum(1 for r in table.rows if r[0] == "shared")
    col = min(MAX_COLLOCATE, max([cell_len("collocate")] + [cell_len(for_display(r[1])) for r in rows]))
    fixed = 2 + 1 + col + 1 + 4 + 1 + 1 + 1 + 4  # marker, collocate, score, bar | bar, score
    half = max(3, (width - fixed) // 2)
    out: list[list[tuple[str, str]]] = []
    out.append([(f"{a} only {n_a} · shared {n_shared} · {b} only {len(table.rows) - n_a - n_shared}", "head")])
    head_a = crop_right(a, half + 5)
    out.append([("   " + pad_right("collocate", col) + " " + " " * (half + 5 - cell_len(head_a)) + head_a + "│"
                 + crop_right(b, half + 5), "dim")])
    for row in rows:
        group, collocate, ld1, ld2, diff = row[0], for_display(row[1]), row[4], row[5], row[6]
        kind = lean("shared" if group == "shared" else "only", diff)  # an "only" row's diff has its sign
        name = collocate if cell_len(collocate) <= col else crop_right(collocate, col - 1) + "…"
        left = _bar(ld1, half)
        right = _bar(ld2, half)
        text = (LEANS[kind][0] + " " + pad_right(name, col) + " " + _score(ld1).rjust(4) + " "
                + " " * (half - len(left)) + left + "│" + right + " " * (half - len(right)) + " " + _score(ld2).rjust(4))
        out.append([(text, kind)])
    out.append([(f"<< only {a} or ≥ {STRONG:g} logDice more · < ≥ {LEAN:g} more · <> alike (under {LEAN:g} apart)",
                 "dim")])
    out.append([(f">> only {b} or ≥ {STRONG:g} logDice more · > ≥ {LEAN:g} more · bars: logDice 0-{MAX_LOG_DICE:g}",
                 "dim")])
    return [[(crop_right(t, width), r) for t, r in line] for line in out]


def chart(table, width: int = 80, colour: bool = True, top: int = 12) -> str:
    """The chart as terminal text; ANSI colours only when ``colour``."""
    text = []
    for line in lines(table, width, top):
        parts = []
        for piece, role in line:
            sgr = LEANS[role][1] if role in LEANS else {"head": "1", "dim": "2"}.get(role, "")
            parts.append(f"\x1b[{sgr}m{piece}\x1b[0m" if colour and sgr else piece)
        text.append("".join(parts).rstrip())
    return "\n".join(text) + "\n"


def to_text(table, width: int, top: int = 12):
    """The chart as rich Text lines (the TUI), styles set on the pieces, no markup."""
    from rich.text import Text

    out = []
    for line in lines(table, width, top):
        t = Text()
        for piece, role in line:
            t.append(piece, style=LEANS[role][2] if role in LEANS else {"head": "bold", "dim": "dim"}.get(role, ""))
        out.append(t)
    return out
