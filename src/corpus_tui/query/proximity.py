"""Surface proximity as the CCL corpus (Peking University) writes it, on the clean text.

    A$NB   B begins at most N characters after A ends, in the same sentence
    A#NB   the same, in either order

N counts the characters between the two (0: adjacent). There is one hit for every
occurrence of A that has a B in reach, paired with the nearest such B (nearer by the
characters between them; a tie goes to the B after A); the hit spans both, from the first
start to the last end. A and B are searched as any surface (or --word) term is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import namedtuple

from corpus_tui.errors import CorpusError

MAX_DISTANCE = 1000  # characters: further than any sentence a reader would call one


class Proximity(namedtuple("Proximity", "left right distance either")):
    """A parsed ``A$NB`` (either False) or ``A#NB`` (either True)."""

    __slots__ = ()

    def describe(self) -> str:
        order = "either order" if self.either else f"{self.right} after {self.left}"
        return f"{self.left} and {self.right} at most {self.distance} characters apart, {order}, same sentence"


def parse_proximity(term: str) -> Proximity | None:
    """The Proximity a term writes, or None for a plain term. The operator is the first $
    or # followed by digits with something on both sides; nothing else is special."""
    if not term:
        return None
    for i, ch in enumerate(term):
        if ch not in "$#" or i == 0:
            continue
        j = i + 1
        while j < len(term) and term[j].isascii() and term[j].isdigit():
            j += 1
        if j == i + 1 or j == len(term):
            continue
        left, right = term[:i].strip(), term[j:].strip()
        if not left or not right:
            continue
        n = int(term[i + 1:j])
        if n > MAX_DISTANCE:
            raise CorpusError(f"{term!r}: a distance of {n} characters is over the limit of {MAX_DISTANCE}")
        return Proximity(left, right, n, ch == "#")
    return None


def near(prox: Proximity, lefts, rights, sentence_of):
    """Yield (start, end) of every hit. ``lefts``/``rights``: (start, end) of A's and B's
    occurrences in corpus order; ``sentence_of(char)``: a sentence number, the same for
    two characters of one sentence."""
    rights = list(rights)
    r_starts = [s for s, _ in rights]
    r_ends = sorted((e, s) for s, e in rights)
    r_end_keys = [e for e, _ in r_ends]
    n = prox.distance
    for a, b in lefts:
        best = None  # (gap, 0 after / 1 before, start, end)
        k = bisect_left(r_starts, b)
        if k < len(rights):
            s, e = rights[k]
            if s - b <= n and sentence_of(a) == sentence_of(e - 1):
                best = (s - b, 0, s, e)
        if prox.either:
            k = bisect_left(r_end_keys, a + 1) - 1  # the B ending last at or before A's start
            if k >= 0:
                e, s = r_ends[k]
                if a - e <= n and sentence_of(s) == sentence_of(b - 1) and (best is None or (a - e, 1) < best[:2]):
                    best = (a - e, 1, s, e)
        if best is not None:
            yield min(a, best[2]), max(b, best[3])
