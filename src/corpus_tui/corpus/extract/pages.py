"""Repeated page headers, footers and page numbers of a paged text (a PDF's pages as lines).

A line is a running header or footer when it sits among the first or last ``_ZONE``
non-blank lines of a page and the same line, digits aside (``第 3 页`` = ``第 12 页``,
``- 3 -``, ``3/10``), sits there on at least ``_SHARE`` of the pages (and on two pages at
least). A page number alone at a page edge is dropped even on a two-page document. Only
lines at an edge go, read inward until the first line that is not such a line, so body
text that happens to repeat (a slogan in a paragraph) stays. What is dropped is counted,
never hidden: the location map skips their numbers, so ``p12:3`` still counts the lines a
reader sees on page 12.
"""

from __future__ import annotations

import re
from collections import Counter

_ZONE = 2
_SHARE = 0.5
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# A page number alone: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 10 页, 3/10, 3 / 10, Page 3, ·3·, [3]
_PAGE_NUMBER = re.compile(r"^[-–—·\[(（]?\s*(?:第\s*#\s*页(?:\s*[,，/]?\s*共\s*#\s*页)?|(?:page\s*)?#(?:\s*/\s*#)?)\s*[-–—·\])）]?$",
                          re.IGNORECASE)


def _key(line: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", line))


def _is_page_number(key: str) -> bool:
    return bool(_PAGE_NUMBER.match(key))


def strip_repeated(pages: list[list[str]]) -> tuple[list[tuple[int, list[str]]], int]:
    """For each page, (number of the first kept line on its page, kept lines); and how many
    lines were dropped. Lines are numbered 1-based on their page, blank lines included."""
    tops: Counter = Counter()
    bottoms: Counter = Counter()
    for lines in pages:
        body = [i for i, line in enumerate(lines) if line.strip()]
        tops.update({_key(lines[i]) for i in body[:_ZONE]})
        bottoms.update({_key(lines[i]) for i in body[-_ZONE:]})
    need = max(2, _SHARE * len(pages))
    repeated_top = {k for k, n in tops.items() if n >= need}
    repeated_bottom = {k for k, n in bottoms.items() if n >= need}
    out: list[tuple[int, list[str]]] = []
    dropped = 0
    for lines in pages:
        lo, hi = 0, len(lines)
        lo = _edge(lines, range(len(lines)), repeated_top)
        hi = _edge(lines, range(len(lines) - 1, lo - 1, -1), repeated_bottom, lo)
        dropped += sum(1 for line in lines[:lo] if line.strip()) + sum(1 for line in lines[hi:] if line.strip())
        out.append((lo + 1, lines[lo:hi]))
    return out, dropped


def _edge(lines: list[str], order: range, repeated: set[str], floor: int | None = None) -> int:
    """Index of the first line (in ``order``) that stays: repeated or page-number lines among
    the first ``_ZONE`` non-blank lines from that edge go, and the blank lines between them."""
    seen = 0
    cut = order.start if floor is None else order.start + 1
    for i in order:
        line = lines[i]
        if not line.strip():
            continue
        key = _key(line)
        if seen >= _ZONE or not (key in repeated or _is_page_number(key)):
            break
        seen += 1
        cut = i + 1 if floor is None else i
    if floor is None:
        # the blank lines after the last dropped line stay (they are the page's own spacing)
        return cut
    return max(cut, floor)
