"""Where a coding points: an anchor into a raw file that survives an edit elsewhere in it.

An anchor is the raw file's content hash, the node's raw offset and length (code points of
the decoded raw text, as `file:line:column` counts them), the node text and a stretch of raw
context either side. While the hash is unchanged the offset holds. When the file changed, the
node is looked for again with the same context on both sides; of several such places the one
nearest the old offset wins (an insertion earlier in the file shifts it, it does not reorder
it). Found nowhere, the coding is orphaned: kept, reported, never deleted.
"""

from __future__ import annotations

from collections import namedtuple

# Code points each side. Twelve characters of Chinese tell two 新赛道 of one text apart, and
# an edit orphans only the codings within twelve characters of it (24 orphaned a neighbour
# line's codings after a one-word change in a test).
CONTEXT = 12


class Anchor(namedtuple("Anchor", "sha256 offset length node before after")):
    __slots__ = ()
    # sha256: str  the raw file's content hash (hex)
    # offset: int  the node's first code point in the decoded raw text
    # length: int  the node's code points in the raw text
    # node: str    raw[offset:offset + length]
    # before: str  up to CONTEXT code points before the node (fewer at the start of the file)
    # after: str   up to CONTEXT code points after it


def make(raw: str, sha256: str, offset: int, length: int) -> Anchor:
    if not 0 <= offset <= offset + length <= len(raw) or length <= 0:
        raise ValueError(f"span {offset}+{length} is outside a text of {len(raw)} code points")
    end = offset + length
    return Anchor(sha256, offset, length, raw[offset:end], raw[max(0, offset - CONTEXT):offset],
                  raw[end:end + CONTEXT])


def relocate(anchor: Anchor, raw: str, sha256: str) -> Anchor | None:
    """The anchor in the file's new text, or None when node and context are found nowhere.

    The context is matched as stored: near the start or end of the old file it is shorter,
    and a title added above such a node does not orphan it.
    """
    if anchor.sha256 == sha256:
        return anchor
    needle = anchor.before + anchor.node + anchor.after
    found: list[int] = []
    pos = raw.find(needle)
    while pos != -1:
        found.append(pos + len(anchor.before))
        pos = raw.find(needle, pos + 1)
    if not found:
        return None
    best = min(found, key=lambda o: (abs(o - anchor.offset), o))
    return anchor._replace(sha256=sha256, offset=best)


def line_column(raw: str, offset: int) -> tuple[int, int]:
    """1-based raw line and column (code points) of ``offset``, lines split on "\\n" as the index does."""
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def offset_of(raw: str, line: int, column: int) -> int | None:
    """The raw offset of a 1-based line and column, or None when the file has no such place."""
    if line < 1 or column < 1:
        return None
    start = 0
    for _ in range(line - 1):
        start = raw.find("\n", start) + 1
        if start == 0:
            return None
    end = raw.find("\n", start)
    end = len(raw) if end == -1 else end
    offset = start + column - 1
    return offset if offset < end else None
