"""Terminology diff: keyness of two parts of the corpus, and the Sketch-Diff view of two terms.

Keyness (A against B). For each term, a = f(term) in A of c word tokens, b = f(term) in B
of d word tokens; the 2x2 table is O11 = a, O12 = b, O21 = c−a, O22 = d−b and
E11 = c(a+b)/(c+d). Signed log-likelihood (4-term by default, or 2-term), positive when the
term is relatively more frequent in A; Log Ratio with 0.5 for a zero; %DIFF; the p band of
G2 at 1 d.f. Swapping A and B negates G2 and Log Ratio exactly.

Groups, by the minimum frequency t: "A>B"/"B>A" are the keywords of each side (G2 of that
sign, at least t hits on that side); "only A" terms have a ≥ t and b = 0, "only B" the
converse, "shared" terms have a ≥ t and b ≥ t.

Sketch-Diff (term 1 against term 2; Kilgarriff et al. 2004, Sketch Engine's Word Sketch
Difference): the collocates of each term with each term's logDice; a collocate belongs to a
term's set when it co-occurs with it at least t times; groups "only term 1", "shared",
"only term 2", each ordered by diff = logDice₁ − logDice₂ (a missing score counts as 0).
The overlap figure is Jaccard |S₁ ∩ S₂| / |S₁ ∪ S₂| on the two sets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

TYPE_CHECKING = False  # typing costs ~4 ms of a query's start; only annotations need it

from corpus_tui.stats import measures as M
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import Selection
from corpus_tui.records import Record
from corpus_tui.stats.frequency import (PARTS, StatsError, TermFilter, VocabFlags, count_unigrams, part_names,
                                   selected_segments, token_ranges)

from corpus_tui.stats.sides import SECTIONS  # one definition for the core, the CLI and the TUI
from corpus_tui.stats import significance as S

if TYPE_CHECKING:  # keyness (`corpus diff --a/--b`) needs no collocates: colloc loads with term_diff
    from corpus_tui.stats.colloc import CollocResult, Window

LL_FORMS = ("4term", "2term")


# -- keyness ------------------------------------------------------------------------------

class KeyRow(Record):
    __slots__ = ("section", "rank", "term", "a", "b", "per_10k_a", "per_10k_b", "ll", "log_ratio", "pct_diff", "p",
                 "o11", "o12", "o21", "o22", "e11", "p_value", "p_adj", "chi2", "bic", "ell", "log_ratio_low",
                 "log_ratio_high", "simple_maths")

    def __init__(self, section: str, rank: int, term: str, a: int, b: int, per_10k_a: float, per_10k_b: float,
                 ll: float, log_ratio: float, pct_diff: float, p: str, o11: int, o12: int, o21: int, o22: int,
                 e11: float, p_value: float = M.NAN, p_adj: float = M.NAN, chi2: float = M.NAN, bic: float = M.NAN,
                 ell: float = M.NAN, log_ratio_low: float = M.NAN, log_ratio_high: float = M.NAN,
                 simple_maths: float = M.NAN):
        self.section, self.rank, self.term, self.a, self.b = section, rank, term, a, b
        self.per_10k_a, self.per_10k_b, self.ll, self.log_ratio = per_10k_a, per_10k_b, ll, log_ratio
        self.pct_diff, self.p, self.o11, self.o12, self.o21, self.o22, self.e11 = pct_diff, p, o11, o12, o21, o22, e11
        self.p_value, self.p_adj, self.chi2, self.bic, self.ell = p_value, p_adj, chi2, bic, ell
        self.log_ratio_low, self.log_ratio_high, self.simple_maths = log_ratio_low, log_ratio_high, simple_maths


class KeynessResult(Record):
    __slots__ = ("rows", "c", "d", "overlap", "form", "min_freq", "counts", "tested", "correct", "max_p")

    def __init__(self, rows: list[KeyRow], c: int, d: int, overlap: int, form: str, min_freq: int, counts: dict,
                 tested: int = 0, correct: str | None = None, max_p: float | None = None):
        self.rows = rows
        self.c = c  # word tokens in A
        self.d = d  # word tokens in B
        self.overlap = overlap  # tokens in both A and B
        self.form, self.min_freq = form, min_freq
        self.counts = counts  # section -> rows before --top
        self.tested = tested  # m: the terms tested (one test each), the m of --correct
        self.correct, self.max_p = correct, max_p


def complement(ranges: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for a, b in ranges:
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < n:
        out.append((pos, n))
    return out


def overlap_tokens(r1: list[tuple[int, int]], r2: list[tuple[int, int]]) -> int:
    total = 0
    for a, b in r1:
        for c, d in r2:
            total += max(0, min(b, d) - max(a, c))
    return total


def keyness_row(term: str, a: int, b: int, c: int, d: int, form: str = "4term", section: str = "", rank: int = 0,
                p_adj: float = M.NAN) -> KeyRow:
    """One term's keyness row: A (a of c tokens) against B (b of d tokens), every measure."""
    o11, o12, o21, o22 = M.keyness_table(a, b, c, d)
    ll = M.keyness_ll(a, b, c, d, form)
    low, high = S.log_ratio_ci(a, b, c, d)
    p_value = S.chi2_p(ll)
    return KeyRow(section, rank, term, a, b, M.per_10k(a, c), M.per_10k(b, d), ll,
                  M.log_ratio(a, b, c, d), M.pct_diff(a, b, c, d), p_band(p_value if p_adj != p_adj else p_adj),
                  o11, o12, o21, o22, M.expected(c, a + b, c + d), p_value, p_adj, S.chi_square(o11, o12, o21, o22),
                  S.bic(ll, c + d), S.ell(ll, a, b, c, d), low, high, M.simple_maths(a, b, c, d))


P_LEVELS = (0.0001, 0.001, 0.01, 0.05)


def p_band(p: float) -> str:
    """The band of an exact p: "p<0.0001" … "p<0.05", else "n.s."."""
    for level in P_LEVELS:
        if p < level:
            return f"p<{level:g}"
    return "n.s."


def _counts(idx: CorpusIndex, ranges: list[tuple[int, int]]) -> Counter:
    out: Counter = Counter()
    for a, b in ranges:
        out.update(count_unigrams(idx, a, b))
    return out


def keyness(idx: CorpusIndex, sel_a: Selection, sel_b: Selection | None, filt: TermFilter = TermFilter(),
            form: str = "4term", min_freq: int = 3, top: int | None = 20, max_p: float | None = None,
            sections: tuple[str, ...] = SECTIONS, correct: str | None = None) -> KeynessResult:
    """Keyness of A against B (``sel_b`` None = the rest of the corpus), both directions, plus
    the terms only A uses, only B uses, and both use.

    Every term used at least ``min_freq`` times on one side is one test (m of them); under
    ``correct`` (bonferroni, holm, fdr) its p-value is adjusted over all m. ``max_p`` keeps
    keyword rows (A>B, B>A) whose p (adjusted under ``correct``) is below it."""
    if form not in LL_FORMS:
        raise StatsError(f"unknown log-likelihood form {form!r}; choose from {', '.join(LL_FORMS)}")
    if correct is not None and correct not in S.CORRECTIONS:
        raise StatsError(f"unknown correction {correct!r}; choose from {', '.join(S.CORRECTIONS)}")
    ra = token_ranges(idx, sel_a)
    rb = token_ranges(idx, sel_b) if sel_b is not None else complement(ra, idx.n_tokens)
    if not ra or not rb:
        raise StatsError(f"{'A' if not ra else 'B'} selects no text")
    flags = VocabFlags(idx, filt)
    ca, cb = _counts(idx, ra), _counts(idx, rb)
    c, d = flags.n_words(ca), flags.n_words(cb)
    if c == 0 or d == 0:
        raise StatsError(f"{'A' if c == 0 else 'B'} has no word tokens")
    excluded = flags.excluded_ids()
    check = filt.min_len > 1 or bool(filt.pos)
    vocab = idx.vocab
    # Most types are rarer than min_freq on both sides: drop them before any other test.
    used = {i for i, n in ca.items() if n >= min_freq} | {i for i, n in cb.items() if n >= min_freq}
    cands = []
    for i in used - excluded:
        if check and not flags.ok(i):
            continue
        a, b = ca.get(i, 0), cb.get(i, 0)
        cands.append((vocab[i], a, b, M.keyness_ll(a, b, c, d, form)))
    return keyness_of_counts(cands, c, d, form, min_freq, top, max_p, sections, correct,
                             overlap_tokens(ra, rb))


def keyness_of_counts(cands: list[tuple[str, int, int, float]], c: int, d: int, form: str, min_freq: int,
                      top: int | None, max_p: float | None, sections: tuple[str, ...], correct: str | None,
                      overlap: int = 0) -> KeynessResult:
    """The sections from the candidates (term, a, b, signed G2): one test per candidate."""
    # Every candidate needs its G2 and p (they pick the keyword sections and order them),
    # but the other columns are wanted for the rows shown only: building all ~1 600 full
    # rows of the bundled corpus cost ~15 ms for a top 20 per section.
    pvals = [S.chi2_p(ll) for _, _, _, ll in cands]
    padj = S.adjust(pvals, correct) if correct else None
    groups: dict[str, list[tuple[str, int, int, float, float]]] = {s: [] for s in SECTIONS}
    for k, (term, a, b, ll) in enumerate(cands):
        q = padj[k] if padj else M.NAN
        keep = max_p is None or (padj[k] if padj else pvals[k]) < max_p
        cand = (term, a, b, ll, q)
        if ll > 0 and a >= min_freq and keep:
            groups["A>B"].append(cand)
        elif ll < 0 and b >= min_freq and keep:
            groups["B>A"].append(cand)
        if a >= min_freq and b == 0:
            groups["only A"].append(cand)
        elif b >= min_freq and a == 0:
            groups["only B"].append(cand)
        elif a >= min_freq and b >= min_freq:
            groups["shared"].append(cand)
    order = {  # on (term, a, b, ll, p_adj)
        "A>B": lambda r: (-r[3], r[0]),
        "B>A": lambda r: (r[3], r[0]),
        "only A": lambda r: (-r[1], r[0]),
        "only B": lambda r: (-r[2], r[0]),
        "shared": lambda r: (-(r[1] + r[2]), r[0]),
    }
    rows = []
    counts = {}
    for sec in sections:
        g = sorted(groups[sec], key=order[sec])
        counts[sec] = len(g)
        for k, (term, a, b, _, q) in enumerate(g[:top] if top else g, 1):
            rows.append(keyness_row(term, a, b, c, d, form, sec, k, q))
    return KeynessResult(rows, c, d, overlap, form, min_freq, counts, len(cands), correct, max_p)


# -- Sketch-Diff of two terms ----------------------------------------------------------------

class DiffRow(Record):
    __slots__ = ("group", "collocate", "cooc1", "cooc2", "log_dice1", "log_dice2", "diff", "freq", "explain1",
                 "explain2")

    def __init__(self, group: str, collocate: str, cooc1: int, cooc2: int, log_dice1: float, log_dice2: float,
                 diff: float, freq: int, explain1: tuple, explain2: tuple):
        self.group = group  # "only 1", "shared", "only 2"
        self.collocate, self.cooc1, self.cooc2 = collocate, cooc1, cooc2
        self.log_dice1, self.log_dice2 = log_dice1, log_dice2  # nan when the collocate never co-occurs with the term
        self.diff, self.freq = diff, freq
        self.explain1, self.explain2 = explain1, explain2  # (O11, O12, O21, O22, E11)


class TermDiff(Record):
    __slots__ = ("terms", "results", "rows", "set_sizes", "jaccard", "min_freq", "counts", "mutual")

    def __init__(self, terms: tuple[str, str], results: tuple[CollocResult, CollocResult], rows: list[DiffRow],
                 set_sizes: tuple[int, int, int], jaccard: float, min_freq: int, counts: dict,
                 mutual: tuple[int, int] = (0, 0)):
        self.terms, self.results, self.rows = terms, results, rows
        self.set_sizes = set_sizes  # |S1|, |S2|, |S1 ∩ S2|
        self.jaccard, self.min_freq, self.counts = jaccard, min_freq, counts
        # (term 2 in term 1's windows, term 1 in term 2's): reported in a note, not as collocate rows
        self.mutual = mutual


def _ld(v: float) -> float:
    return v if v != float("-inf") else M.NAN


def term_diff(idx: CorpusIndex, term1, term2, sel: Selection = Selection(), window: Window | None = None,
              filt: TermFilter = TermFilter(), min_freq: int = 2, top: int | None = None) -> TermDiff:
    """Collocates of two terms side by side with each term's logDice (Sketch-Diff); ``window``
    defaults to ``Window()``, 5 tokens either side.

    The two terms compared are not collocates in this view. A node never sits in its own
    windows, so the other term would always fall in "only term 1" or "only term 2" and read
    as a collocate one term has and the other lacks. Both terms' variants are left out of
    both lists, so of the sets and of the Jaccard figure; how often each occurs in the
    other's windows is ``mutual``."""
    from corpus_tui.stats.colloc import Window, collocates

    if window is None:
        window = Window()
    r1 = collocates(idx, term1, sel, window, filt, "log_dice", min_freq=1)
    r2 = collocates(idx, term2, sel, window, filt, "log_dice", min_freq=1)
    if set(r1.variants) & set(r2.variants):
        raise StatsError("the two terms must differ")
    v1, v2 = set(r1.variants), set(r2.variants)
    c1 = {c.term: c for c in r1.rows if c.term not in v1 | v2}
    c2 = {c.term: c for c in r2.rows if c.term not in v1 | v2}
    mutual = (sum(c.cooc for c in r1.rows if c.term in v2), sum(c.cooc for c in r2.rows if c.term in v1))
    s1 = {t for t, c in c1.items() if c.cooc >= min_freq}
    s2 = {t for t, c in c2.items() if c.cooc >= min_freq}
    groups: dict[str, list[DiffRow]] = {"only 1": [], "shared": [], "only 2": []}
    for t in s1 | s2:
        x, y = c1.get(t), c2.get(t)
        l1 = _ld(x.log_dice) if x else M.NAN
        l2 = _ld(y.log_dice) if y else M.NAN
        diff = (0.0 if l1 != l1 else l1) - (0.0 if l2 != l2 else l2)
        g = "shared" if t in s1 and t in s2 else ("only 1" if t in s1 else "only 2")
        ex = lambda c: (c.o11, c.o12, c.o21, c.o22, c.e11) if c else (None,) * 5  # noqa: E731
        groups[g].append(DiffRow(g, t, x.cooc if x else 0, y.cooc if y else 0, l1, l2, diff,
                                 (x or y).freq, ex(x), ex(y)))
    rows, counts = [], {}
    for g in ("only 1", "shared", "only 2"):
        rs = sorted(groups[g], key=lambda r: (-r.diff, r.collocate))
        counts[g] = len(rs)
        if top:  # keep the strongest of each side: the ends of the ordering
            rs = rs[:top] if g == "only 1" else rs[-top:] if g == "only 2" else rs[:top]
        rows.extend(rs)
    return TermDiff((r1.node, r2.node), (r1, r2), rows, (len(s1), len(s2), len(s1 & s2)), M.jaccard(s1, s2),
                    min_freq, counts, mutual)


class SourceRow(Record):
    __slots__ = ("term", "source", "tokens", "freq", "per_10k", "dp", "juilland_d", "dp_norm", "arf")

    def __init__(self, term: str, source: str, tokens: int, freq: int, per_10k: float, dp: float, juilland_d: float,
                 dp_norm: float = M.NAN, arf: float = M.NAN):
        self.term, self.source, self.tokens, self.freq = term, source, tokens, freq
        self.per_10k, self.dp, self.juilland_d, self.dp_norm, self.arf = per_10k, dp, juilland_d, dp_norm, arf


def word_positions(idx: CorpusIndex, segs, seg_words: list[int], occ: list[tuple[int, int]],
                   skip: frozenset) -> list[int]:
    """Each occurrence's start as an offset in word tokens (``skip`` ids take no place) across
    the segments in order (``seg_words`` = word tokens per segment): the positions ARF needs.
    Only the segments holding a hit are read, each once."""
    from itertools import accumulate

    starts = [s.a for s in segs]
    base = list(accumulate(seg_words, initial=0))
    out: list[int] = []
    rank_k, ranks = -1, []
    for i, _ in occ:
        k = bisect_right(starts, i) - 1
        if k != rank_k:  # word rank of every token of segment k: a running count of non-skip tokens
            rank_k = k
            ranks = list(accumulate((x not in skip for x in idx.tokens[segs[k].a:segs[k].b].tolist()), initial=0))
        out.append(base[k] + ranks[i - segs[k].a])
    return out


def term_sources(idx: CorpusIndex, terms: list[str], by: str = "file", sel: Selection = Selection(),
                 filt: TermFilter = TermFilter()) -> list[SourceRow]:
    """Each term's frequency and per-10k in every source (part), and a row "(all)" with
    the corpus total, its dispersion (Gries' DP and DPnorm, Juilland's D) across the sources
    and its average reduced frequency over the selection's word tokens."""
    from corpus_tui.stats.colloc import fold_terms, occurrences

    if by not in PARTS:
        raise StatsError(f"unknown part {by!r}; choose from {', '.join(PARTS)}")
    segs = selected_segments(idx, sel)
    flags = VocabFlags(idx, filt)
    skip = frozenset() if filt.keep_punct else flags.punct_ids
    parts = part_names(segs, by)
    pidx = {p: i for i, p in enumerate(parts)}
    sizes = [0] * len(parts)
    seg_words = [flags.n_words(count_unigrams(idx, s.a, s.b)) for s in segs]
    for s, n in zip(segs, seg_words):
        sizes[pidx[s.part(by)]] += n
    starts = [s.a for s in segs]
    out = []
    for term in fold_terms(terms, idx):
        counts = [0] * len(parts)
        occ = occurrences(idx, segs, [term])
        for i, _ in occ:
            counts[pidx[segs[bisect_right(starts, i) - 1].part(by)]] += 1
        for p, n, f in zip(parts, sizes, counts):
            out.append(SourceRow(term, p, n, f, M.per_10k(f, n), M.NAN, M.NAN))
        out.append(SourceRow(term, "(all)", sum(sizes), sum(counts), M.per_10k(sum(counts), sum(sizes)),
                             M.gries_dp(counts, sizes), M.juilland_d(counts, sizes), M.gries_dp_norm(counts, sizes),
                             M.arf(word_positions(idx, segs, seg_words, occ, skip), sum(sizes)) if occ else M.NAN))
    return out
