"""Display width in terminal cells, without importing rich.

The core may not import rich (start-up cost, layering), yet KWIC contexts are cut to a
width in cells. This follows wcwidth, as rich.cells does: East Asian Wide/Fullwidth are 2
cells, combining marks and zero-width characters 0, everything else (Ambiguous included,
the Unicode default) 1. A test checks it agrees with rich.cells.cell_len on the corpus.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    if ch < "\u0300":  # ASCII and Latin-1 fast path (controls are escaped before display)
        return 1
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def crop_left(text: str, width: int) -> str:
    """Keep the right end of ``text`` that fits in ``width`` cells; never split a wide char."""
    used = 0
    i = len(text)
    while i > 0:
        w = char_width(text[i - 1])
        if used + w > width:
            break
        used += w
        i -= 1
    return text[i:]


def crop_right(text: str, width: int) -> str:
    """Keep the left end of ``text`` that fits in ``width`` cells."""
    used = 0
    for i, ch in enumerate(text):
        w = char_width(ch)
        if used + w > width:
            return text[:i]
        used += w
    return text


def pad_left(text: str, width: int) -> str:
    """Right-align ``text`` in ``width`` cells (cropping from its left edge)."""
    text = crop_left(text, width)
    return " " * (width - cell_len(text)) + text


def pad_right(text: str, width: int) -> str:
    text = crop_right(text, width)
    return text + " " * (width - cell_len(text))
