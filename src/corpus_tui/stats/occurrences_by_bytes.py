"""Where a cooc node stands, found in the mapped arrays at C speed (stats/colloc.py's helpers).

A 100 MB index has ~18 M tokens: anything done per token in Python costs seconds. Here the
node's token runs are found by byte searches over the int32 token array, its surface hits
are counted rather than listed, and the word windows around the hits are walked with the
least work a step.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter

from corpus_tui.query.search import Selection, selection_spans

TYPE_CHECKING = False
if TYPE_CHECKING:
    from corpus_tui.index.saved import CorpusIndex
    from corpus_tui.stats.frequency import Segment


def token_bytes(toks):
    """The mapped file under a saved index's token array (searched in place: a copy of every
    token is 71 MB at 100 MB), or None for an index built in memory."""
    import mmap

    owner = getattr(toks, "obj", None)
    # the whole file, not a view of part of it: token k is at byte k * itemsize
    return owner if isinstance(owner, mmap.mmap) and len(owner) == toks.nbytes else None


MAX_SPELLINGS = 32


def spellings(idx: CorpusIndex, variants: list[str]) -> list[bytes] | None:
    """Every run of vocabulary words that spells a variant (人工智能; 人工+智能; 人+工+智能 …),
    as the bytes of its token ids, or None past MAX_SPELLINGS (a long term has many)."""
    out: list[bytes] = []

    def walk(rest: str, ids: list[int]) -> bool:
        if not rest:
            out.append(array("i", ids).tobytes())
            return len(out) <= MAX_SPELLINGS
        for m in range(1, len(rest) + 1):
            i = idx.word_id(rest[:m])
            if i is not None and not walk(rest[m:], [*ids, i]):
                return False
        return True

    for v in variants:
        if not walk(v, []):
            return None
    pairs = idx.arrays.get("bpairs")
    if pairs is None:
        return list(dict.fromkeys(out))
    # A run of several tokens puts a token edge inside the term: the index keeps every pair
    # of characters met across a token edge ("bpairs"), so a run whose edge pair is not
    # among them never occurs and costs no scan (人+工+智能 at 100 MB: five scans saved).
    from corpus_tui.index.token_counts import char_code, pair_code

    vocab = idx.vocab
    n_pairs = len(pairs)

    def possible(pat: bytes) -> bool:
        ids = array("i")
        ids.frombytes(pat)
        for x, y in zip(ids, ids[1:]):
            a, b = vocab[x][-1], vocab[y][0]
            if char_code(a) != ord(a) or char_code(b) != ord(b):
                return True  # outside the BMP: stored capped, not decided here
            code = pair_code(ord(a), ord(b))
            k = bisect_left(pairs, code)
            if not (k < n_pairs and pairs[k] == code):
                return False
        return True

    return [pat for pat in dict.fromkeys(out) if possible(pat)]


def spelled_occurrences(toks, segs: list[Segment], spelled: list[bytes]) -> list[tuple[int, int]]:
    """stats.colloc.occurrences() by a byte search for each spelling's id run in the mapped token array:
    a run starting with a common first token (人 of 人+工+智能) is no longer checked token by
    token in Python wherever that token stands (2.8 s of a `cooc 人工智能` at 100 MB)."""
    width = toks.itemsize
    mapped = token_bytes(toks)
    found: list[tuple[int, int]] = []
    for s in segs:
        buf, start = (mapped, s.a * width) if mapped is not None else (toks[s.a:s.b].tobytes(), 0)
        end = start + (s.b - s.a) * width
        for pat in spelled:
            n = len(pat) // width
            # The last id's high bytes are zero, as in nearly every token: a needle ending
            # in them defeats the search's skip table (0.45 s a scan of 100 MB's tokens),
            # so it ends at the last non-zero byte and each place found is checked whole.
            needle = pat.rstrip(b"\0") or pat
            m = len(pat)
            find = buf.find
            p = find(needle, start, end)
            while p >= 0:
                if (p - start) % width or p + m > end or buf[p:p + m] != pat:  # not this run of tokens
                    p = find(needle, p + 1, end)
                    continue
                k = s.a + (p - start) // width
                found.append((k, k + n))
                p = find(needle, p + width, end)
    return longest_first(found)


def longest_first(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans that do not overlap, in corpus order: where two spellings of a term start
    at one token the longer wins, and a span that starts inside a kept one is dropped."""
    found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[tuple[int, int]] = []
    for i, j in found:
        if out and i < out[-1][1]:
            continue
        out.append((i, j))
    return out


def unaligned_by_count(idx: CorpusIndex, sel: Selection, variants: list[str], occ) -> int | None:
    """stats.colloc.unaligned_count, counted instead of searched, for one variant that cannot overlap
    itself (人工智能): then every surface occurrence is a non-overlapping hit, the aligned
    ones among them are the occurrences whose tokens touch (no dropped blank between them),
    and the rest is the surface count (bytes.count or the vocabulary, query.search.
    count_by_doc_of) less those: no hit is turned into a position (60 000 at 100 MB)."""
    from corpus_tui.query.search import count_by_doc_of, query_forms

    if len(variants) != 1:
        return None
    v = variants[0]
    if not v or query_forms(v, idx) != [v] or any(v[:k] == v[-k:] for k in range(1, len(v))):
        return None
    ts, toks, vocab = idx.tstarts, idx.tokens, idx.vocab
    n = len(v)
    touching = sum(1 for i, j in occ if ts[j - 1] + len(vocab[toks[j - 1]]) - ts[i] == n)
    total = sum(count_by_doc_of(idx, v, "surface", spans=selection_spans(idx, sel)).values())
    return total - touching


def token_window_counts(toks, segs, by_seg, n_left: int, n_right: int, skip: frozenset):
    """stats.colloc.window_counts for windows of word tokens: the same walk, its ids gathered in lists and
    counted by Counter in C, the node's and the claimed positions in one set."""
    lefts, rights = [], []
    add_left, add_right = lefts.append, rights.append
    area = 0
    for k, hits in by_seg.items():
        a, b = segs[k].a, segs[k].b
        seen: set[int] = set()
        for i, j in hits:
            seen.update(range(i, j))
        n_node = len(seen)
        for i, j in hits:
            t, room = i - 1, n_left
            while room and t >= a:
                x = toks[t]
                if x not in skip:  # punctuation takes no slot
                    room -= 1
                    if t not in seen:
                        seen.add(t)
                        add_left(x)
                t -= 1
            t, room = j, n_right
            while room and t < b:
                x = toks[t]
                if x not in skip:
                    room -= 1
                    if t not in seen:
                        seen.add(t)
                        add_right(x)
                t += 1
        area += len(seen) - n_node
    left, right = Counter(lefts), Counter(rights)
    return left + right, left, right, area
