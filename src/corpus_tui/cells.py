"""Display width in terminal cells, without importing rich.

The core may not import rich (start-up cost, layering), yet KWIC contexts are cut to a
width in cells. This follows wcwidth, as rich.cells does: East Asian Wide/Fullwidth are 2
cells, combining marks and zero-width characters 0, everything else (Ambiguous included,
the Unicode default) 1. A test checks it agrees with rich.cells.cell_len on the corpus.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    if ch < "\u0300":  # ASCII and Latin-1 fast path (controls are escaped before display)
        return 1
    if ch in _ZERO_WIDTH or unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Every character's width as a plain dict, filled on first sight: `map(_WIDTH.__getitem__,
# text)` runs in C, ~3x faster than a call of the cached char_width per character (a KWIC
# line measures and crops three strings; 64 000 lines at 100 MB).
_WIDTH: dict[str, int] = {}


def _widths(text: str):
    try:
        return list(map(_WIDTH.__getitem__, text))
    except KeyError:
        for ch in text:
            if ch not in _WIDTH:
                _WIDTH[ch] = char_width(ch)
        return list(map(_WIDTH.__getitem__, text))


# Widths of the strings the crops below made (a KWIC context is cropped, then measured again
# to be padded): looked up by the string, not measured twice. Cleared when full.
_MEASURED: dict[str, int] = {}
_MEASURED_MAX = 8192


def known_width(text: str, width: int) -> str:
    """``text``, its width in cells noted (it was measured already): cell_len finds it."""
    return _remember(text, width)


def _remember(text: str, width: int) -> str:
    if len(_MEASURED) >= _MEASURED_MAX:
        _MEASURED.clear()
    _MEASURED[text] = width
    return text


def cell_len(text: str) -> int:
    if text.isascii():
        return len(text)
    known = _MEASURED.get(text)
    if known is not None:
        return known
    width = sum(_widths(text))
    if len(text) <= 64:  # short strings come back (a KWIC node, a file name)
        _remember(text, width)
    return width


def crop_left(text: str, width: int) -> str:
    """Keep the right end of ``text`` that fits in ``width`` cells; never split a wide char:
    the longest suffix whose cells are at most ``width`` (widths are never negative, so the
    running sum from the right is sorted and a bisection finds where it passes ``width``).
    A character is at most 2 cells wide, so the last width // 2 + 1 characters are measured
    first: if they pass ``width`` the cut is among them (CJK text: half a context measured)."""
    if text.isascii():
        return text[-width:] if width > 0 else text[len(text):]
    n = len(text)
    k = min(n, max(width, 0) // 2 + 1)
    widths = _widths(text[n - k:])
    widths.reverse()
    sums = list(accumulate(widths))
    if sums[-1] <= width and k < n:
        widths = _widths(text)
        widths.reverse()
        sums = list(accumulate(widths))
    keep = bisect_right(sums, width)
    return _remember(text[n - keep:], sums[keep - 1] if keep else 0)


def crop_right(text: str, width: int) -> str:
    """Keep the left end of ``text`` that fits in ``width`` cells (the longest prefix),
    measuring the first width // 2 + 1 characters first, as crop_left does."""
    if text.isascii():
        return text[:max(width, 0)]
    n = len(text)
    k = min(n, max(width, 0) // 2 + 1)
    sums = list(accumulate(_widths(text[:k])))
    if sums[-1] <= width and k < n:
        sums = list(accumulate(_widths(text)))
    keep = bisect_right(sums, width)
    return _remember(text[:keep], sums[keep - 1] if keep else 0)


def pad_left(text: str, width: int) -> str:
    """Right-align ``text`` in ``width`` cells (cropping from its left edge)."""
    text = crop_left(text, width)
    return " " * (width - cell_len(text)) + text


def pad_right(text: str, width: int) -> str:
    text = crop_right(text, width)
    return text + " " * (width - cell_len(text))
