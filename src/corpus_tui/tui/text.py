"""Corpus text -> rich Text, always literally: control characters escaped, never markup."""

from __future__ import annotations

from rich.text import Text

from corpus_tui.output import for_display

HIT = "bold #ffffff on #b03030"
CURRENT = "bold #000000 on #f0c040"
NODE = "bold #ff6060"


def safe(value, style: str = "", justify=None) -> Text:
    """A cell or line of corpus text as Text: ``[bold]`` stays literal, ESC becomes ␛."""
    return Text(for_display(value), style=style, justify=justify)


def highlighted(line: str, spans, current: int | None = None, style: str = HIT) -> Text:
    """``line`` with the (start, end) ``spans`` styled; span number ``current`` stands out.

    Each piece is escaped on its own, so an escape that changes a piece's length cannot
    shift the highlight onto the wrong characters.
    """
    out = Text()
    pos = 0
    for n, (s, e) in enumerate(sorted(spans)):
        s, e = max(s, pos), min(e, len(line))
        if e <= s:
            continue
        out.append(for_display(line[pos:s]))
        out.append(for_display(line[s:e]), CURRENT if n == current else style)
        pos = e
    out.append(for_display(line[pos:]))
    return out
