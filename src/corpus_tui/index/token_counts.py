"""Counting a term from the vocabulary instead of scanning the text, when the index proves
that no occurrence of it crosses a token boundary.

A surface occurrence either lies inside one token or has a token boundary between two of
its characters. The build keeps every character pair that straddles a boundary (the last
character of a token, the first of the next: "bpairs"); if none of a term's own adjacent
pairs is among them, every occurrence lies inside a token, and the occurrences in a
document are the sum, over the words containing the term, of the word's count in that
document times the term's count in the word. The counts per segment (cs_* arrays) hold the
first factor, so `kwic TERM --count` costs a step per (segment, matching word), whatever
the size of the corpus. Terms that do cross a boundary somewhere (未来产业 in 面向未来/产业)
are left to the scan (query.scan).

Characters outside the Basic Multilingual Plane are stored capped at U+FFFF: a term that
holds one is never counted here. Whitespace is never inside a token (tokens.tokenizer drops
whitespace pieces), so a term holding whitespace is never counted here either.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, repeat
from operator import contains

# Beyond this many (segment, word) lookups the scan is the cheaper way (a one-character
# term is inside thousands of words).
MAX_LOOKUPS = 50_000


def char_code(c: str) -> int:
    return min(ord(c), 0xFFFF)


def pair_code(first: int, second: int) -> int:
    """An int32 that sorts as the pair (first, second) of BMP code points."""
    return ((first - 0x8000) << 16) + second


def boundary_pairs(vocab: list[str], ids: list[int]) -> list[int]:
    """Sorted pair codes of (last character of token i, first character of token i + 1)
    over the token ids ``ids`` (indices into ``vocab``); tokens next to each other in the
    list may have had whitespace between them, which only adds pairs. C-level maps: a
    100 MB build has ~17 M tokens (~0.2 µs each)."""
    from operator import add

    if len(ids) < 2:
        return []
    last = [(char_code(w[-1]) - 0x8000) << 16 for w in vocab]
    first = [char_code(w[0]) for w in vocab]
    lasts = list(map(last.__getitem__, ids))
    firsts = list(map(first.__getitem__, ids))
    del lasts[-1], firsts[0]
    return sorted(set(map(add, lasts, firsts)))


def crosses_boundary(pairs, needle: str) -> bool:
    """Whether some occurrence of ``needle`` might not lie inside one token."""
    if any(map(str.isspace, needle)) or char_code(max(needle)) != ord(max(needle)):
        return True
    n = len(pairs)
    for a, b in zip(needle, needle[1:]):
        code = pair_code(ord(a), ord(b))
        i = bisect_left(pairs, code)
        if i < n and pairs[i] == code:
            return True
    return False


def segment_count_table(idx):
    """(segment starts, ends, row starts, ids, counts) of the counts per segment the index
    saved (index.build._segment_counts: each row's ids sorted), or None; cached on the index."""
    cached = idx.__dict__.get("_stats_counts")
    if cached is None:
        arr = idx.arrays
        cached = False
        if "cs_bounds" in arr and len(arr["cs_starts"]) == len(arr["cs_bounds"]) // 2 + 1:
            bounds = arr["cs_bounds"].tolist()
            cached = (bounds[0::2], bounds[1::2], arr["cs_starts"].tolist(), arr["cs_ids"], arr["cs_counts"])
        idx.__dict__["_stats_counts"] = cached
    return cached or None


def counts_by_doc(idx, needle: str, spans: list[tuple[int, int]]) -> dict[str, int] | None:
    """Occurrences of ``needle`` (already folded) per document id, only documents with
    some, in corpus order, as the scan over ``spans`` would count them (non-overlapping,
    left to right); None when this way cannot tell: the term may cross a token boundary,
    the spans are not whole documents, or the index lacks the tables."""
    pairs = idx.arrays.get("bpairs")
    if not needle or pairs is None or crosses_boundary(pairs, needle):
        return None
    docs = _whole_docs(idx, spans)
    table = segment_count_table(idx) if docs is not None else None
    if table is None:
        return None
    seg_a, seg_b, starts, ids, counts = table
    if not _tiles(seg_a, seg_b, idx.n_tokens):
        return None
    vocab = idx.vocab
    words = list(compress(range(len(vocab)), map(contains, vocab, repeat(needle))))
    if not words:
        return {}
    if len(words) * len(seg_a) > MAX_LOOKUPS:
        return None
    times = [vocab[w].count(needle) for w in words]
    out: dict[str, int] = {}
    k = 0
    for d in docs:
        k = bisect_left(seg_a, d.tok_start, k)
        n = 0
        while k < len(seg_a) and seg_b[k] <= d.tok_end:
            s, e = starts[k], starts[k + 1]
            for w, t in zip(words, times):
                i = bisect_left(ids, w, s, e)
                if i < e and ids[i] == w:
                    n += counts[i] * t
            k += 1
        if n:
            out[d.id] = n
    return out


def _whole_docs(idx, spans: list[tuple[int, int]]) -> list | None:
    """The documents the spans cover, if each span is a run of whole documents."""
    out = []
    docs = [d for d in idx.docs if d.char_end > d.char_start]
    for a, b in spans:
        inside = [d for d in docs if a <= d.char_start and d.char_end <= b]
        edges = [d for d in docs if d.char_start < b and d.char_end > a]
        if len(inside) != len(edges):
            return None
        out.extend(inside)
    return out


def _tiles(seg_a: list, seg_b: list, n_tokens: int) -> bool:
    """The segments cover every token once, in order (what the counts assume)."""
    pos = 0
    for a, b in zip(seg_a, seg_b):
        if a != pos or b < a:
            return False
        pos = b
    return pos == n_tokens
