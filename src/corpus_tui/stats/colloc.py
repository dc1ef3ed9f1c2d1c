"""Collocates of a node, and the term x term co-occurrence matrix.

Node. A node is one or more variants (新赛道, 产业新赛道 …). Each variant is folded like a
query and found as a run of consecutive tokens whose concatenation equals it, so 未来产业
counts whether the tokenizer kept it whole or cut it 未来/产业. A surface hit that starts or
ends inside a token (面向未来/产业) cannot be a node: it is counted and reported as unaligned.

Windows. Positions are word tokens (punctuation does not take a slot and never counts,
unless kept); stop words take slots but are not reported. A window is L tokens left and R
right of the node, inside one segment (never across a file or an article boundary), or the
node's whole sentence (``sentence=True``) or paragraph (``paragraph=True``).

Contingency table (Evert 2008, "surface co-occurrence"; cwb-ccc). Every token position in
the union of the node's windows counts once (overlapping windows are not double-counted;
node tokens are not in any window):
  R1  = window area: the number of distinct word-token positions in the union of the node's
        windows. Not f(node)·(L+R): overlapping windows count once, and a window stops at
        its segment's end (file/article) or, with ``sentence=True``, is the node's sentence
  O11 = positions in the windows holding the collocate
  C1  = f(collocate) in the selection;  N = word tokens in the selection
  O12 = R1 − O11, O21 = C1 − O11, O22 = N − R1 − C1 + O11;  E11 = R1·C1/N
MI, MI3, t, z, G2 (with its p-value) and ΔP are computed from this one table, so each value
can be checked by hand from the --explain columns; all cells are ≥ 0.

logDice and Dice are Rychlý's (2008), as Sketch Engine and LancsBox print them:
14 + log2(2·f(n,c)/(f(n) + f(c))) with f(n) the node's frequency (not the window area),
f(c) the collocate's and f(n,c) = O11, so they do not depend on the span's width. The
maximum is 14 as long as O11 ≤ f(n); a collocate repeated inside one node's window can
exceed it (O11 counts positions, not node hits), and the value is printed as computed.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, namedtuple

from corpus_tui.stats import measures as M
from corpus_tui.stats import occurrences_by_bytes
from corpus_tui.corpus import normalize
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.pattern_search import paragraph_ids
from corpus_tui.query.search import Selection, find, selection_spans
from corpus_tui.records import Record
from corpus_tui.stats.frequency import Segment, StatsError, TermFilter, VocabFlags, count_unigrams, selected_segments
from corpus_tui.stats import significance as S

MEASURES = ("log_dice", "mi", "mi3", "t_score", "z_score", "ll", "dice", "delta_p_cn", "delta_p_nc", "cooc")


class Window(namedtuple("Window", "left right sentence paragraph", defaults=(5, 5, False, False))):
    __slots__ = ()
    # left: int = 5
    # right: int = 5
    # sentence: bool = False   the node's whole sentence
    # paragraph: bool = False  the node's whole paragraph (a line of the clean text)

    @property
    def region(self) -> str | None:
        return "paragraph" if self.paragraph else "sentence" if self.sentence else None

    def describe(self) -> str:
        if self.region:
            return f"the node's {self.region}"
        return f"{self.left} tokens left, {self.right} right"


def region_ids(idx: CorpusIndex, window: Window):
    """The sentence or paragraph id of every token, for a window bounded by structure."""
    if window.region == "paragraph":
        return paragraph_ids(idx)
    return idx.sents if window.region == "sentence" else None


def parse_window(text: str) -> Window:
    """'5,5' or '3' (both sides) -> Window."""
    try:
        parts = [int(p) for p in text.replace(" ", "").split(",")]
    except ValueError:
        raise StatsError(f"--window takes L,R token counts like 5,5, not {text!r}") from None
    if len(parts) == 1:
        parts *= 2
    if len(parts) != 2 or min(parts) < 0 or max(parts) > 50 or sum(parts) == 0:
        raise StatsError(f"--window takes L,R between 0 and 50, not both 0 (got {text!r})")
    return Window(parts[0], parts[1])


# -- node occurrences ----------------------------------------------------------------

def fold_terms(terms, idx=None) -> list[str]:
    """Nodes folded as the index's text is (query.search.fold_query)."""
    out = []
    for t in terms:
        f = normalize.fold(t.strip()) if t and t.strip() else ""
        if not f:
            raise StatsError("empty node: give a term")
        if idx is not None and idx.folds_script:
            from corpus_tui.corpus.script import fold_script

            f = fold_script(f)
        if f not in out:
            out.append(f)
    return out


def _positions(buf, ids, width: int, start: int = 0, end: int | None = None) -> list[int]:
    """Indices (from ``start``) of the tokens equal to any of ``ids`` in buf[start:end],
    native int32 tokens: a byte search per id runs at C speed, where a bytecode step per
    token cost ~3 ms of a `corpus cooc` on the bundled corpus. Unordered."""
    end = len(buf) if end is None else end
    out = []
    find = buf.find
    for i in ids:
        pat = array("i", [i]).tobytes()
        p = find(pat, start, end)
        while p >= 0:
            if (p - start) % width:  # straddles two tokens
                p = find(pat, p + 1, end)
                continue
            out.append((p - start) // width)
            p = find(pat, p + width, end)
    return out


def occurrences(idx: CorpusIndex, segs: list[Segment], variants: list[str]) -> list[tuple[int, int]]:
    """Token ranges [i, j) whose tokens concatenate to one of the (folded) variants, in corpus
    order, never overlapping (an earlier or longer match wins), each inside one segment."""
    vocab, toks = idx.vocab, idx.tokens
    width = toks.itemsize
    spelled = occurrences_by_bytes.spellings(idx, variants)
    if spelled is not None:
        return occurrences_by_bytes.spelled_occurrences(toks, segs, spelled)
    # A match starts with a token that is a prefix of the variant: look its prefixes up,
    # rather than test each of the thousands of vocabulary words.
    firsts = [(v, {i for i in map(idx.word_id, [v[:m] for m in range(1, len(v) + 1)]) if i is not None})
              for v in variants]
    firsts = [(v, first) for v, first in firsts if first]
    found: list[tuple[int, int]] = []
    mapped = occurrences_by_bytes.token_bytes(toks) if firsts else None
    for s in segs if firsts else ():
        a, n = s.a, s.b - s.a
        if mapped is not None:
            buf, start = mapped, a * width
        else:
            buf, start = toks[a:s.b].tobytes(), 0
        for v, first in firsts:
            for k in _positions(buf, first, width, start, start + n * width):
                acc = vocab[toks[a + k]]
                m = k + 1
                while len(acc) < len(v) and m < n:
                    acc += vocab[toks[a + m]]
                    m += 1
                    if not v.startswith(acc):
                        break
                if acc == v:
                    found.append((a + k, a + m))
    return occurrences_by_bytes.longest_first(found)


def unaligned_count(idx: CorpusIndex, sel: Selection, variants: list[str], occ: list[tuple[int, int]]) -> int:
    """Surface hits of any variant that lie in no token-aligned occurrence (面向未来/产业)."""
    quick = occurrences_by_bytes.unaligned_by_count(idx, sel, variants, occ)
    if quick is not None:
        return quick
    ts = idx.tstarts
    starts = [ts[i] for i, _ in occ]
    ends = [idx.token_end(j - 1) for _, j in occ]
    spans = selection_spans(idx, sel)
    seen = set()
    for v in variants:
        for s, e in find(idx, v, "surface", spans=spans):
            k = bisect_left(starts, s + 1) - 1
            if k >= 0 and starts[k] <= s and e <= ends[k]:
                continue
            seen.add(s)
    return len(seen)


# -- the stream of word tokens -----------------------------------------------------------

class Stream(Record):
    """Word-token positions of one segment: ``pos`` token indices, ``ids`` vocab ids."""

    __slots__ = ("seg", "pos", "ids")

    def __init__(self, seg: Segment, pos: list[int], ids: list[int]):
        self.seg, self.pos, self.ids = seg, pos, ids


def streams(idx: CorpusIndex, segs: list[Segment], flags: VocabFlags) -> list[Stream]:
    out = []
    skip = frozenset() if flags.filt.keep_punct else flags.punct_ids
    for s in segs:
        ids = idx.tokens[s.a:s.b].tolist()
        keep = [k for k, x in enumerate(ids) if x not in skip]
        out.append(Stream(s, [s.a + k for k in keep], [ids[k] for k in keep]))
    return out


# -- collocates ----------------------------------------------------------------------------

class Collocate(Record):
    __slots__ = ("term", "cooc", "left", "right", "freq", "o11", "o12", "o21", "o22", "e11", "mi", "mi3", "t_score",
                 "z_score", "log_dice", "ll", "dice", "p_value", "p_adj", "delta_p_cn", "delta_p_nc")

    def __init__(self, term: str, cooc: int, left: int, right: int, freq: int, o11: int, o12: int, o21: int, o22: int,
                 e11: float, mi: float, mi3: float, t_score: float, z_score: float, log_dice: float, ll: float,
                 dice: float, p_value: float = M.NAN, p_adj: float = M.NAN, delta_p_cn: float = M.NAN,
                 delta_p_nc: float = M.NAN):
        self.term, self.cooc, self.left, self.right, self.freq = term, cooc, left, right, freq
        self.o11, self.o12, self.o21, self.o22, self.e11 = o11, o12, o21, o22, e11
        self.mi, self.mi3, self.t_score, self.z_score = mi, mi3, t_score, z_score
        self.log_dice, self.ll, self.dice = log_dice, ll, dice
        self.p_value, self.p_adj = p_value, p_adj
        self.delta_p_cn, self.delta_p_nc = delta_p_cn, delta_p_nc  # ΔP(collocate | node), ΔP(node | collocate)

    def score(self, measure: str) -> float:
        return getattr(self, measure)


class CollocResult(Record):
    __slots__ = ("node", "variants", "node_freq", "unaligned", "window_area", "n_tokens", "window", "measure",
                 "min_freq", "rows", "total_rows", "correct", "max_p")

    def __init__(self, node: str, variants: tuple[str, ...], node_freq: int, unaligned: int, window_area: int,
                 n_tokens: int, window: Window, measure: str, min_freq: int, rows: list[Collocate], total_rows: int,
                 correct: str | None = None, max_p: float | None = None):
        self.node, self.variants, self.node_freq, self.unaligned = node, variants, node_freq, unaligned
        self.window_area, self.n_tokens, self.window, self.measure = window_area, n_tokens, window, measure
        self.min_freq, self.rows = min_freq, rows
        self.total_rows = total_rows  # collocates tested (cooc ≥ min_freq, filters passed): the m of --correct
        self.correct, self.max_p = correct, max_p


def _sort_key(measure: str):
    def key(c: Collocate):
        v = c.score(measure)
        v = -1e300 if v != v else v
        return (-v, -c.cooc, c.term)

    return key


def window_counts(idx: CorpusIndex, segs: list[Segment], occ: list[tuple[int, int]], window: Window,
                  skip: frozenset):
    """(Counter of O11 per id, left Counter, right Counter, window area R1).

    Positions are word tokens: walking out from each hit steps over the ``skip`` ids
    (punctuation) and stops at the ends of the hit's segment. Only the windows are visited;
    building every segment's word-token stream first (see :func:`streams`) cost ~8 ms of a
    `corpus cooc` on the bundled corpus, most of it spent on tokens no window reaches.
    """
    toks = idx.tokens
    regions = region_ids(idx, window)
    left, right = Counter(), Counter()
    area = 0
    starts = [s.a for s in segs]
    by_seg: dict[int, list[tuple[int, int]]] = {}
    for i, j in occ:
        by_seg.setdefault(bisect_left(starts, i + 1) - 1, []).append((i, j))
    if regions is None:  # windows of n word tokens: the loop below without its region tests
        return occurrences_by_bytes.token_window_counts(toks, segs, by_seg, window.left, window.right, skip)
    for k, hits in by_seg.items():
        a, b = segs[k].a, segs[k].b
        node = set()
        for i, j in hits:
            node.update(range(i, j))
        claimed: set[int] = set()
        for i, j in hits:
            rid = regions[i] if regions is not None else None
            for side, t, end, step, room in ((left, i - 1, a - 1, -1, window.left), (right, j, b, 1, window.right)):
                while t != end:
                    x = toks[t]
                    if x not in skip:  # punctuation takes no slot
                        if (regions[t] != rid) if regions is not None else room == 0:  # past the window's end
                            break
                        room -= 1
                        if t not in node and t not in claimed:
                            claimed.add(t)
                            side[x] += 1
                    t += step
        area += len(claimed)
    return left + right, left, right, area


def word_counts(idx: CorpusIndex, segs: list[Segment], sel: Selection, skip: frozenset):
    """(count per vocabulary id, N) over the segments; ``skip`` ids (punctuation) are not in N."""
    if not sel:  # the segments cover the corpus once: the index's freq array is the count
        counts = idx.freq
        return counts, idx.n_tokens - sum(counts[i] for i in skip)
    counts: Counter = Counter()
    for s in segs:
        counts.update(count_unigrams(idx, s.a, s.b))
    return counts, sum(counts.values()) - sum(counts[i] for i in skip)


def collocates(idx: CorpusIndex, node, sel: Selection = Selection(), window: Window = Window(),
               filt: TermFilter = TermFilter(), measure: str = "log_dice", min_freq: int = 2,
               top: int | None = None, surface_check: bool = True, correct: str | None = None,
               max_p: float | None = None) -> CollocResult:
    """Collocates of ``node`` (a term or a list of variants) ranked by ``measure``.

    Every collocate with cooc ≥ ``min_freq`` that passes the filters is one test of G2; under
    ``correct`` its p-value is adjusted over all of them, and ``max_p`` keeps the rows whose p
    (adjusted under ``correct``) is below it."""
    if measure not in MEASURES:
        raise StatsError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    if correct is not None and correct not in S.CORRECTIONS:
        raise StatsError(f"unknown correction {correct!r}; choose from {', '.join(S.CORRECTIONS)}")
    variants = fold_terms([node] if isinstance(node, str) else list(node), idx)
    variants += [f for v in variants for f in normalize.fold_variants(v)[1:] if f not in variants]  # `,` is also `，`
    segs = selected_segments(idx, sel)
    flags = VocabFlags(idx, filt)
    skip = frozenset() if filt.keep_punct else flags.punct_ids
    occ = occurrences(idx, segs, variants)
    unaligned = unaligned_count(idx, sel, variants, occ) if surface_check else 0
    freq, n = word_counts(idx, segs, sel, skip)
    o11s, left, right, area = window_counts(idx, segs, occ, window, skip)
    excluded = flags.excluded_ids()
    f_node = len(occ)
    rows = []
    for c, o11 in o11s.items():
        if o11 < min_freq or c in excluded or ((filt.min_len > 1 or filt.pos) and not flags.ok(c)):
            continue
        c1 = freq[c]
        a, b, cc, d = M.table_from_margins(o11, area, c1, n)
        e11 = M.expected(area, c1, n)
        ll = M.collocation_ll(a, b, cc, d)
        dp_cn, dp_nc = S.delta_p(a, b, cc, d)
        rows.append(Collocate(idx.vocab[c], o11, left[c], right[c], c1, a, b, cc, d, e11,
                              M.mi(o11, e11), M.mi3(o11, e11), M.t_score(o11, e11), M.z_score(o11, e11),
                              S.log_dice(o11, f_node, c1), ll, S.dice(o11, f_node, c1), S.chi2_p(ll), M.NAN,
                              dp_cn, dp_nc))
    total = len(rows)
    if correct:
        for r, q in zip(rows, S.adjust([r.p_value for r in rows], correct)):
            r.p_adj = q
    if max_p is not None:
        rows = [r for r in rows if (r.p_adj if correct else r.p_value) < max_p]
    rows.sort(key=_sort_key(measure))
    if top:
        rows = rows[:top]
    label = " | ".join(variants)
    return CollocResult(label, tuple(variants), f_node, unaligned, area, n, window, measure, min_freq, rows, total,
                        correct, max_p)


# -- term x term matrix --------------------------------------------------------------------

class Matrix(Record):
    __slots__ = ("terms", "freq", "units", "cells", "window")

    def __init__(self, terms: tuple[str, ...], freq: tuple[int, ...], units: tuple[int, ...],
                 cells: tuple[tuple[int, ...], ...], window: Window):
        self.terms = terms
        self.freq = freq  # occurrences of each term
        self.units = units  # sentences containing each term (sentence mode) or occurrences
        self.cells, self.window = cells, window


def matrix(idx: CorpusIndex, terms: list[str], sel: Selection = Selection(), window: Window = Window(sentence=True),
           filt: TermFilter = TermFilter()) -> Matrix:
    """How often the terms occur together. Sentence (paragraph) mode: cell (i, j) = sentences
    (paragraphs) containing both, the diagonal = those containing term i. Window mode: cell (i, j) = occurrences of term i
    with an occurrence of term j within the window (not symmetric); the diagonal = f(term i)."""
    if len(terms) < 2:
        raise StatsError("--matrix needs at least two terms")
    folded = fold_terms(terms, idx)
    segs = selected_segments(idx, sel)
    occ = [occurrences(idx, segs, [t]) for t in folded]
    freq = tuple(len(o) for o in occ)
    if window.region:
        regions = region_ids(idx, window)
        sets = [{regions[i] for i, _ in o} for o in occ]
        cells = tuple(tuple(len(a & b) for b in sets) for a in sets)
        return Matrix(tuple(folded), freq, tuple(len(s) for s in sets), cells, window)
    flags = VocabFlags(idx, filt)
    strs = streams(idx, segs, flags)
    starts = [st.seg.a for st in strs]

    def located(o):
        out = []
        for i, j in o:
            k = bisect_left(starts, i + 1) - 1
            pos = strs[k].pos
            out.append((k, bisect_left(pos, i), bisect_left(pos, j)))
        return out

    where = [located(o) for o in occ]
    rows = []
    for a, wa in enumerate(where):
        row = []
        for b, wb in enumerate(where):
            if a == b:
                row.append(freq[a])
                continue
            by_k: dict[int, list[tuple[int, int]]] = {}
            for k, si, sj in wb:
                by_k.setdefault(k, []).append((si, sj))
            hits = 0
            for k, si, sj in wa:
                lo, hi = si - window.left, sj + window.right
                if any(ti < hi and tj > lo and not (ti < sj and tj > si) for ti, tj in by_k.get(k, ())):
                    hits += 1
            row.append(hits)
        rows.append(tuple(row))
    return Matrix(tuple(folded), freq, freq, tuple(rows), window)
