"""Elementwise arithmetic and lookups on int32 arrays without a Python step per element.

An array's bytes read as one big integer hold its elements as 32-bit lanes; adding two such
integers adds lane by lane as long as no lane carries (or borrows) into its neighbour. For
the build's arrays (token starts, sentence numbers, offsets: non-negative, far below 2**31)
that always holds, and one big-integer addition is 5-8x faster than ``map`` over the
elements (a 100 MB build shifts ~50 M of them).
"""

from __future__ import annotations

import sys
from array import array

_LIMIT = 1 << 31
_ORDER = sys.byteorder


def _int(a: array) -> int:
    return int.from_bytes(a.tobytes(), _ORDER)


def _array(v: int, n: int) -> array:
    out = array("i")
    out.frombytes(v.to_bytes(4 * n, _ORDER))
    return out


def add(a: array, k: int) -> array:
    """``a[i] + k`` for every i (``a`` itself when k is 0), for a NON-DECREASING array ``a``
    (checked only at its ends, which bound every element then)."""
    n = len(a)
    if n == 0 or k == 0:
        return a
    if k < 0 or a[0] < 0 or a[-1] + k >= _LIMIT:
        return array("i", map(k.__add__, a))
    return _array(_int(a) + _int(array("i", [k]) * n), n)


def sub_identity(a: array, ident: array) -> array:
    """``a[i] - i`` for every i, for a STRICTLY INCREASING array ``a`` of non-negative values
    (then ``a[i] >= i``: no lane borrows). ``ident`` holds 0, 1, 2, ... (at least len(a))."""
    n = len(a)
    if n == 0:
        return array("i")
    if a[0] < 0:
        return array("i", (x - i for i, x in enumerate(a)))
    return _array(_int(a) - _int(ident[:n]), n)


_UTF32 = "utf-32-le" if _ORDER == "little" else "utf-32-be"
_MAX_CODE = 0x110000


def gather(table: list, idx: array) -> array:
    """``table[i]`` for every i in ``idx`` (each 0 <= i < len(table)), as an int32 array.

    The indices read as the code points of a str (surrogates allowed) go through
    str.translate with ``table``: the lookups run in C, ~2x faster than ``map`` (the build
    renumbers ~350 000 tokens a file). Values must be code points too; larger ones (a
    vocabulary past 1.1 M words) take the ``map``."""
    if not idx:
        return array("i")
    if len(table) > _MAX_CODE or max(table) >= _MAX_CODE:
        return array("i", map(table.__getitem__, idx))
    out = array("i")
    out.frombytes(idx.tobytes().decode(_UTF32, "surrogatepass").translate(table).encode(_UTF32, "surrogatepass"))
    return out
