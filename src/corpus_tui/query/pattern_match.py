"""Matching a token pattern (query/pattern.py) over the token arrays of an index.

The pattern becomes a small automaton whose transitions each test one token; repetition
is bounded, so it has no loop and its epsilon closures are computed once. The text is
never searched: a run steps over token ids, and a test on a token is one lookup in a
table kept per vocabulary id (the words and tags of an index are per id, so a test on
word and pos together is still a function of the id).

Where to run it: from the rarest token every match must contain (a literal found in the
vocabulary, its occurrences found with bytes.find over the int32 ids, in C), only the
starts that can reach it are tried; without such a token every start is.

What a match is: the earliest start, then the shortest match from it; the next match
starts after its end (matches never overlap). A match never crosses a document, nor with
`within s|p` a sentence or paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import namedtuple
from itertools import compress

from corpus_tui.query.pattern import Pattern, PatternError, Token, max_len, min_len
from corpus_tui.query.pattern_token import TokenTests

FIND_IDS = 8         # ids found one by one with bytes.find (~90 ms each at 100 MB); more: one pass (~0.9 s)
ACCEPT = -1


class TokenArrays(namedtuple("TokenArrays", "tokens vocab tags token_tags sents paras doc_starts freq word_id",
                             defaults=(None, None, None, None, None, None))):
    """What a pattern is matched over (plain sequences; an index gives memory-mapped ones).

    tokens      vocabulary id of every token; a buffer of native int32 (array, memoryview
                of an mmap) is searched with bytes.find, any other sequence by a pass
    vocab       the word of every id
    tags        the tag of every vocabulary id; or, with token_tags, the tag names
    token_tags  None, or the tag (an index into tags) of every token
    sents       sentence id of every token, non-decreasing (needed by `within s`)
    paras       paragraph id of every token, non-decreasing (needed by `within p`)
    doc_starts  first token of every document, ascending: no match crosses one
    freq        tokens of every vocabulary id (to pick the rarest anchor); None: counted
    word_id     word -> id or None (None: a dict is made from vocab)
    """

    __slots__ = ()


_Run = namedtuple("_Run", "cls closure")  # a consuming state: class index, closure after it


class CompiledPattern:
    """A pattern bound to one set of arrays. ``fold`` (str -> str) is applied to word
    values as the index folded its text (full-width forms, scripts)."""

    def __init__(self, pattern: Pattern, arrays: TokenArrays, fold=None):
        self.pattern, self.arrays = pattern, arrays
        if pattern.within == "s" and arrays.sents is None:
            raise PatternError("within s: this index has no sentence ids", 1, pattern.text)
        if pattern.within == "p" and arrays.paras is None:
            raise PatternError("within p: this index has no paragraph ids", 1, pattern.text)
        self.words = TokenTests(arrays.vocab, arrays.word_id, fold, pattern.text)
        self.classes: list = []      # distinct token tests, None for []
        self._preds: list = []       # per class: f(vocab id, tag) -> bool
        self._memo: list = []        # per class: bytearray per vocab id (0 unknown, 1 no, 2 yes) or dict
        self._states: list = []      # consuming states: [class, next state]
        self._splits: dict = {}      # epsilon state -> next states
        start = self._build(pattern.items, ACCEPT)
        self._start = self._closure(start)
        self._runs = [_Run(c, self._closure(nxt)) for c, nxt in self._states]
        self.min_len, self.max_len = min_len(pattern.items), max_len(pattern.items)
        # A run of single tokens (the usual pattern) is tested position by position.
        self._fixed = [self.classes.index(it.atom.test) for it in pattern.items] if all(
            isinstance(it.atom, Token) and it.min == it.max == 1 for it in pattern.items) else None
        self.anchor = self._pick_anchor()

    # -- the automaton ------------------------------------------------------------
    def _build(self, items, nxt: int) -> int:
        for it in reversed(items):
            exit_ = nxt
            for _ in range(it.max - it.min):
                nxt = self._split((self._atom(it.atom, nxt), exit_))
            for _ in range(it.min):
                nxt = self._atom(it.atom, nxt)
        return nxt

    def _atom(self, atom, nxt: int) -> int:
        if isinstance(atom, Token):
            self._states.append([self._class(atom.test), nxt])
            return len(self._states) - 1
        return self._split(tuple(self._build(alt, nxt) for alt in atom.alternatives))

    def _split(self, targets: tuple) -> int:
        sid = -2 - len(self._splits)
        self._splits[sid] = targets
        return sid

    def _closure(self, state: int) -> tuple[tuple[int, ...], bool]:
        """(consuming states, accepting) reachable from ``state`` without a token."""
        seen, out, accept, todo = set(), [], False, [state]
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            if s == ACCEPT:
                accept = True
            elif s >= 0:
                out.append(s)
            else:
                todo.extend(reversed(self._splits[s]))
        return tuple(sorted(out)), accept

    def _class(self, test) -> int:
        if test in self.classes:
            return self.classes.index(test)
        self.classes.append(test)
        self._preds.append(None if test is None else self.words.compile(test))
        per_token = self.arrays.token_tags is not None
        self._memo.append({} if per_token else bytearray(len(self.arrays.vocab)))
        return len(self.classes) - 1

    # -- token tests ----------------------------------------------------------------
    def test(self, cls: int, t: int) -> bool:
        """Whether token ``t`` passes class ``cls``."""
        pred = self._preds[cls]
        if pred is None:
            return True
        a = self.arrays
        v = a.tokens[t]
        if a.token_tags is None:
            return self._test_id(cls, v)
        memo = self._memo[cls]
        tid = a.token_tags[t]
        key = (v, tid)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = pred(v, a.tags[tid])
        return hit

    def _test_id(self, cls: int, v: int) -> bool:
        """Class ``cls`` on vocabulary id ``v`` (tags per id), memoised per id."""
        memo = self._memo[cls]
        m = memo[v]
        if not m:
            pred = self._preds[cls]
            m = memo[v] = 2 if pred is None or pred(v, self.arrays.tags[v]) else 1
        return m == 2

    # -- where to start ----------------------------------------------------------
    def _pick_anchor(self):
        """(item index, vocabulary ids, occurrences) of the rarest single-token item every
        match contains, or None: then every start is tried. Literals first (their ids are
        a dictionary lookup); without one, tests on the word and tag are run over the
        vocabulary once, which an index with tags per token cannot do."""
        required = [(k, it.atom.test) for k, it in enumerate(self.pattern.items)
                    if it.min >= 1 and isinstance(it.atom, Token) and it.atom.test is not None]
        found = [(k, self.words.ids(test)) for k, test in required]
        found = [(k, ids) for k, ids in found if ids is not None]
        if not found and self.arrays.token_tags is None:
            found = [(k, self._vocab_ids(self.classes.index(test))) for k, test in required]
        freq = self.arrays.freq
        best = None
        for k, ids in found:
            ids = sorted(ids)
            n = sum(freq[i] for i in ids) if freq is not None else len(ids)
            if best is None or n < best[2]:
                best = (k, ids, n)
        return best

    def _vocab_ids(self, cls: int) -> list[int]:
        test = self._test_id
        return [v for v in range(len(self.arrays.vocab)) if test(cls, v)]

    def _anchor_window(self) -> tuple[int, int]:
        """How far before the first token of the anchor item a match starts: (nearest, farthest)."""
        k = self.anchor[0]
        items = self.pattern.items
        before = items[:k]
        return min_len(before), max_len(before)

    def _starts(self, a: int, b: int, positions: list) -> list:
        lo, hi = self._anchor_window()
        out = set()
        for p in positions[bisect_left(positions, a + lo):bisect_left(positions, b)]:
            out.update(range(max(a, p - hi), p - lo + 1))
        return sorted(out)

    def positions(self, ids) -> list:
        """Every token index holding one of the vocabulary ids ``ids``, ascending."""
        tokens = self.arrays.tokens
        if not ids:
            return []
        buf = _int32_buffer(tokens)
        if buf is not None and len(ids) <= FIND_IDS:
            out = []
            for i in ids:
                out.extend(_find_int32(buf, i))
            if len(ids) > 1:
                out.sort()
            return out
        mask = bytearray(len(self.arrays.vocab))
        for i in ids:
            mask[i] = 1
        return list(compress(range(len(tokens)), map(mask.__getitem__, tokens)))  # one pass, in C

    # -- matching ----------------------------------------------------------------
    def shortest(self, s: int, limit: int) -> int | None:
        """End (exclusive) of the shortest match starting at token ``s`` and ending by
        ``limit``, or None."""
        fixed = self._fixed
        if fixed is not None:
            if s + len(fixed) > limit:
                return None
            test = self.test
            for k, cls in enumerate(fixed):
                if not test(cls, s + k):
                    return None
            return s + len(fixed)
        states, accept = self._start
        if accept:
            return s
        runs, test = self._runs, self.test
        t = s
        while states and t < limit:
            seen: dict = {}
            nxt: set = set()
            for st in states:
                run = runs[st]
                ok = seen.get(run.cls)
                if ok is None:
                    ok = seen[run.cls] = test(run.cls, t)
                if ok:
                    more, acc = run.closure
                    if acc:
                        return t + 1
                    nxt.update(more)
            states = nxt
            t += 1
        return None

    def _limit(self, s: int, b: int) -> int:
        a = self.arrays
        limit = min(b, s + self.max_len)
        if a.doc_starts is not None:
            k = bisect_right(a.doc_starts, s)
            if k < len(a.doc_starts):
                limit = min(limit, a.doc_starts[k])
        region = a.sents if self.pattern.within == "s" else a.paras if self.pattern.within == "p" else None
        if region is not None:
            limit = bisect_right(region, region[s], s, limit)
        return limit

    def _first_ids(self) -> list | None:
        """The vocabulary ids a match's first token can have, None if any."""
        out: set = set()
        for st in self._start[0]:
            ids = self.words.ids(self.classes[self._runs[st].cls])
            if ids is None:
                return None
            out |= ids
        return sorted(out)

    def _plan(self):
        """(anchor positions or None, first-token positions or None): where starts come from.
        The first token's words give the starts when they are rarer than the anchor's
        windows (\"未来产业\" []{0,15} \"人工智能\": 16 starts an anchor otherwise)."""
        anchor_pos = first_pos = None
        if self.anchor is not None:
            anchor_pos = self.positions(self.anchor[1])
        lo, hi = self._anchor_window() if self.anchor is not None else (0, 0)
        if self.anchor is None or hi > 0:
            first = self._first_ids()
            if first is not None:
                freq = self.arrays.freq
                n_first = sum(freq[i] for i in first) if freq is not None else len(first)
                if self.anchor is None or n_first < len(anchor_pos) * (hi - lo + 1):
                    first_pos = self.positions(first)
        return anchor_pos, first_pos

    def _candidates(self, a: int, b: int, anchor_pos, first_pos):
        if first_pos is None:
            if anchor_pos is None:
                return range(a, b)
            return self._starts(a, b, anchor_pos)
        starts = first_pos[bisect_left(first_pos, a):bisect_left(first_pos, b)]
        if anchor_pos is None:
            return starts
        lo, hi = self._anchor_window()
        keep = []
        for s in starts:  # an anchor occurrence must lie where the match can reach it
            k = bisect_left(anchor_pos, s + lo)
            if k < len(anchor_pos) and anchor_pos[k] <= s + hi:
                keep.append(s)
        return keep

    def find(self, spans=None):
        """Yield (start, end) token indexes of every match, in corpus order. ``spans``:
        token ranges [(a, b), ...] ascending and disjoint, a match inside one of them."""
        n = len(self.arrays.tokens)
        spans = [(0, n)] if spans is None else spans
        anchor_pos, first_pos = self._plan()
        first_classes = sorted({self._runs[st].cls for st in self._start[0]})
        if first_pos is not None or (anchor_pos is not None and self._anchor_window() == (0, 0)):
            first_classes = ()  # every candidate already holds a first token
        test, limit_of, shortest = self.test, self._limit, self.shortest
        for a, b in spans:
            a, b = max(0, a), min(n, b)
            if b - a < self.min_len:
                continue
            last = a
            for s in self._candidates(a, b, anchor_pos, first_pos):
                if s < last or (first_classes and not any(test(c, s) for c in first_classes)):
                    continue
                e = shortest(s, limit_of(s, b))
                if e is not None:
                    yield s, e
                    last = e

    def slots(self, s: int, e: int) -> list[tuple[int, int]] | None:
        """The token range each top-level item of the pattern took in the match [s, e):
        the first split found trying every item's longest run first."""
        return _split_items(self, self.pattern.items, s, e)


def _split_items(m: CompiledPattern, items, s: int, e: int):
    if not items:
        return [] if s == e else None
    it, rest = items[0], items[1:]
    for end in sorted(_item_ends(m, it, s, e), reverse=True):
        tail = _split_items(m, rest, end, e)
        if tail is not None:
            return [(s, end), *tail]
    return None


def _item_ends(m: CompiledPattern, it, s: int, e: int) -> set:
    """Every end of ``it`` (repeated min..max times) starting at ``s``, not past ``e``."""
    ends, frontier = set(), {s}
    if it.min == 0:
        ends.add(s)
    for rep in range(1, it.max + 1):
        frontier = {x for p in frontier for x in _atom_ends(m, it.atom, p, e)}
        if not frontier:
            break
        if rep >= it.min:
            ends |= frontier
    return ends


def _atom_ends(m: CompiledPattern, atom, p: int, e: int) -> set:
    if isinstance(atom, Token):
        if p < e and m.test(m.classes.index(atom.test), p):
            return {p + 1}
        return set()
    out = set()
    for alt in atom.alternatives:
        frontier = {p}
        for it in alt:
            frontier = {x for q in frontier for x in _item_ends(m, it, q, e)}
        out |= frontier
    return out


def compile_pattern(text_or_pattern, arrays: TokenArrays, fold=None) -> CompiledPattern:
    from corpus_tui.query.pattern import parse

    pat = parse(text_or_pattern) if isinstance(text_or_pattern, str) else text_or_pattern
    return CompiledPattern(pat, arrays, fold)


def _int32_buffer(tokens):
    """A bytes-like object with .find holding ``tokens`` as native int32, or None."""
    try:
        mv = memoryview(tokens)
    except TypeError:
        return None
    with mv:
        if mv.format not in ("i", "l") or mv.itemsize != 4 or not mv.c_contiguous:
            return None
        obj = mv.obj
        if hasattr(obj, "find") and len(obj) == mv.nbytes:
            return obj  # the mmap itself (a saved index): searched in place, no copy
        return mv.tobytes()


def _find_int32(buf, value: int) -> list:
    needle = value.to_bytes(4, _byteorder(), signed=True)
    out, find = [], buf.find
    pos = find(needle)
    while pos != -1:
        if pos & 3:  # straddles two ids: look again from the next byte
            pos = find(needle, pos + 1)
            continue
        out.append(pos >> 2)
        pos = find(needle, pos + 4)
    return out


def _byteorder() -> str:
    import sys

    return sys.byteorder
