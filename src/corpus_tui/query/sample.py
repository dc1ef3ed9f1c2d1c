"""A reproducible random sample of KWIC lines, with at most K lines from one document.

Each line gets a rank from a keyed hash of (seed, document, the line's place in it): the
sample is the N lowest ranks, taken in rank order while a document has fewer than K. A
rank depends on nothing but the line itself, so the same seed gives the same lines on any
machine and Python version, and adding a document to the corpus leaves every other line's
rank as it was (the sample changes only where the new lines rank lower).
"""

from __future__ import annotations

import hashlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Hashable, Sequence


def rank(seed: int, doc: str, place: int) -> bytes:
    return hashlib.blake2b(f"{doc}\0{place}".encode("utf-8"), digest_size=8, key=str(seed).encode()).digest()


def sample(items: Sequence, n: int, seed: int = 0, max_per_doc: int | None = None,
           key: Callable[[object], tuple[str, int]] = lambda item: item) -> list:
    """At most ``n`` of ``items`` (in their own order), ``key(item)`` = (document, place in it)."""
    if n <= 0:
        return []
    keys = [key(item) for item in items]
    order = sorted(range(len(items)), key=lambda i: (rank(seed, *keys[i]), i))
    per_doc: dict[Hashable, int] = {}
    chosen = []
    for i in order:
        doc = keys[i][0]
        if max_per_doc is not None and per_doc.get(doc, 0) >= max_per_doc:
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        chosen.append(i)
        if len(chosen) == n:
            break
    return [items[i] for i in sorted(chosen)]


def place(idx, line) -> tuple[str, int]:
    """A KWIC line's (document, offset of its hit inside the document): what its rank is keyed on."""
    return line.hit.doc, line.hit.start - idx.docs[idx.doc_index_at(line.hit.start)].char_start
