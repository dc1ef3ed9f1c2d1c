"""Frequency tables, n-grams, dispersion and the parts of a corpus.

Runs on the saved index only (token-id arrays, sentence ids, POS tags per vocabulary id):
no jieba, no numpy. Counting is ``collections.Counter`` over ``memoryview.tolist()``
slices, ~3 ms for the bundled corpus.

Parts. The corpus is cut into *segments*, token ranges that each lie in one file and
either in one article or outside every article. Segments cover every token exactly once,
so any partition built from them (file, article, outlet, group) has shares that sum to 1,
as Gries' DP requires. In the ``article`` partition a file without article rows is one
part, named by its file id; the text of a multi-article file that lies outside its
articles (cover, contents, editor's notes) is one more part, ``<file id>:outside``.

Token count. N counts word tokens: punctuation tokens are not words and are left out of N
and of every count unless punctuation is kept; stop words and numbers are words, so they
stay in N even when the stop list hides them from the rows. With ``--no-stopwords
--keep-numbers`` the unigram frequencies sum to N exactly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, namedtuple

from corpus_tui.stats import measures as M
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.index.segments import NONE_LABEL, OUTSIDE, PARTS, PERIODS, Segment, segments, tok_range  # noqa: F401
from corpus_tui.query.search import Selection, selection_spans
from corpus_tui.records import Record
from corpus_tui.tokens.stoplist import is_number, is_punct
from corpus_tui.index.token_counts import segment_count_table
from corpus_tui.errors import CorpusError

class StatsError(CorpusError):
    pass


def token_ranges(idx: CorpusIndex, sel: Selection) -> list[tuple[int, int]]:
    """The selected token ranges, sorted and disjoint."""
    if not sel:
        return [(0, idx.n_tokens)]
    out = []
    for ca, cb in selection_spans(idx, sel):
        ta, tb = tok_range(idx, ca, cb)
        if tb > ta:
            out.append((ta, tb))
    return out


def selected_segments(idx: CorpusIndex, sel: Selection = Selection()) -> list[Segment]:
    """Segments clipped to the selection (a segment cut by the selection keeps its labels)."""
    segs = segments(idx)
    if not sel:
        return segs
    ranges = token_ranges(idx, sel)
    out = []
    for s in segs:
        for a, b in ranges:
            if b <= s.a:
                continue
            if a >= s.b:
                break
            lo, hi = max(a, s.a), min(b, s.b)
            if hi > lo:
                out.append(s._replace(a=lo, b=hi))
    return out


def part_names(segs: list[Segment], by: str) -> list[str]:
    """Part names in first-seen (corpus) order, for files and articles; sorted for groups and outlets;
    in time order for periods (``undated`` last)."""
    names = list(dict.fromkeys(s.part(by) for s in segs))
    if by in PERIODS:
        return sorted(names, key=lambda n: (n == "undated", n))  # labels sort as their periods do
    return sorted(names) if by in ("group", "outlet") else names


# -- filters --------------------------------------------------------------------------

class TermFilter(namedtuple("TermFilter", "stopwords keep_punct keep_numbers min_len pos",
                            defaults=(frozenset(), False, False, 1, ()))):
    """Which tokens may be reported as terms. Punctuation never counts towards N unless kept."""

    __slots__ = ()
    # stopwords: frozenset = frozenset()
    # keep_punct: bool = False
    # keep_numbers: bool = False
    # min_len: int = 1
    # pos: tuple[str, ...] = ()  # tag prefixes: "n" matches n, nr, ns, nt, nz (not vn)

    def describe(self, stoplist: str = "") -> str:
        bits = [f"stop list {stoplist or ('on' if self.stopwords else 'none')}",
                "punctuation kept" if self.keep_punct else "punctuation excluded",
                "numbers kept" if self.keep_numbers else "numbers excluded"]
        if self.min_len > 1:
            bits.append(f"min length {self.min_len}")
        if self.pos:
            bits.append(f"POS {','.join(self.pos)} (prefix match on jieba tags)")
        return "; ".join(bits)


def special_ids(idx: CorpusIndex) -> dict[int, tuple[bool, bool]]:
    """{vocab id: (is punctuation, is number)} for the words that are punctuation or numbers.

    A word of letters only (str.isalpha: Unicode categories L*, which every CJK ideograph
    is) can be neither, so the per-character checks run on the few hundred other words, not
    on the thousands of vocabulary entries. Cached on the index.
    """
    cached = idx.__dict__.get("_stats_special")
    if cached is not None:
        return cached
    vocab = idx.vocab
    out = {}
    for i in [i for i, w in enumerate(vocab) if not w.isalpha()]:
        w = vocab[i]
        digits = w.replace(".", "").replace("%", "")
        if digits and w.isascii() and digits.isdigit():  # 2026, 3.72, 12.5%: a number (an archive has 10 000s)
            out[i] = (False, True)
            continue
        p, n = is_punct(w), is_number(w)
        if p or n:
            out[i] = (p, n)
    idx.__dict__["_stats_special"] = out
    return out


class VocabFlags:
    """Per-vocabulary-id flags (punctuation, number, stop word, allowed as a term)."""

    def __init__(self, idx: CorpusIndex, filt: TermFilter):
        if filt.stopwords:  # the stop list in the index's script(s): 這 is 这
            from corpus_tui.tokens.stoplist import in_scripts

            filt = filt._replace(stopwords=in_scripts(filt.stopwords, idx.folds_script))
        self.idx, self.filt = idx, filt
        self.special = special_ids(idx)
        self.punct_ids = frozenset(i for i, (p, _) in self.special.items() if p)
        self._ok: dict[int, bool] = {}
        self._stop_ids: set | None = None

    def punct(self, i: int) -> bool:
        return i in self.punct_ids

    def number(self, i: int) -> bool:
        v = self.special.get(i)
        return bool(v and v[1])

    def counts(self, i: int) -> bool:
        """The token counts towards N (every token but punctuation, unless punctuation is kept)."""
        return self.filt.keep_punct or i not in self.punct_ids

    def n_words(self, counter: Counter) -> int:
        """N of a unigram counter: all tokens minus punctuation tokens (unless punctuation is kept)."""
        total = sum(counter.values())
        if self.filt.keep_punct:
            return total
        get = counter.get
        return total - sum(get(i, 0) for i in self.punct_ids)

    def excluded_ids(self) -> set[int]:
        """Ids no row may show because of the stop list, punctuation or numbers."""
        f = self.filt
        out = {i for i, (p, n) in self.special.items() if (p and not f.keep_punct) or (n and not p and not f.keep_numbers)}
        for w in f.stopwords:
            i = self.idx.word_id(w)
            if i is not None:
                out.add(i)
        return out

    def ok(self, i: int) -> bool:
        """The token may be a reported term (unigram rule: every filter applies)."""
        v = self._ok.get(i)
        if v is None:
            v = self._ok[i] = self._compute(i)
        return v

    def _compute(self, i: int) -> bool:
        f = self.filt
        w = self.idx.vocab[i]
        sp = self.special.get(i)
        if sp:
            if sp[0] and not f.keep_punct:
                return False
            if sp[1] and not sp[0] and not f.keep_numbers:
                return False
        if w in f.stopwords:
            return False
        if len(w) < f.min_len:
            return False
        if f.pos:
            tag = self.idx.tags[i] if i < len(self.idx.tags) else ""
            if not any(tag.startswith(p) for p in f.pos):
                return False
        return True

    def ngram_ok(self, key: tuple[int, ...]) -> bool:
        """n-gram rule: no punctuation or number inside (unless kept); no stop word at either end
        (textacy's filter_stops); minimum length on the joined characters."""
        f = self.filt
        vocab = self.idx.vocab
        for i in key:
            if not f.keep_punct and self.punct(i):
                return False
            if not f.keep_numbers and self.number(i) and not self.punct(i):
                return False
        if vocab[key[0]] in f.stopwords or vocab[key[-1]] in f.stopwords:
            return False
        return sum(len(vocab[i]) for i in key) >= f.min_len


def forms_seen(idx: CorpusIndex) -> dict[str, str] | None:
    """{word: "人工智慧 3, 人工智能 2"}: the forms a folded word has in the raw text, most
    frequent first, over the whole corpus; None when every file is Simplified (or scripts
    are not folded), where each word has one form."""
    forms = idx.forms() if idx.folds_script else {}
    if not forms:
        return None
    freq = idx.arrays["freq"]
    out = {}
    for word, seen in forms.items():
        i = idx.word_id(word)
        own = (freq[i] if i is not None else 0) - sum(seen.values())
        pairs = sorted(([(word, own)] if own > 0 else []) + list(seen.items()), key=lambda p: (-p[1], p[0]))
        out[word] = ", ".join(f"{f} {n}" for f, n in pairs)
    return out


def term_text(idx: CorpusIndex, key) -> str:
    """A unigram as its word; an n-gram as its tokens joined by single spaces."""
    if isinstance(key, tuple):
        return " ".join(idx.vocab[i] for i in key)
    return idx.vocab[key]


# -- counting -------------------------------------------------------------------------

def count_unigrams(idx: CorpusIndex, a: int, b: int) -> Counter:
    """Counts of the token ids in [a, b). Every whole segment inside takes the counts the
    index saved for it (cs_* arrays); only the tokens outside those are counted, so a file,
    a group or the whole corpus costs a step per (segment, type), not per token (17 M
    tokens at 100 MB: ~1 s a count)."""
    table = segment_count_table(idx)
    if table is None:
        return Counter(idx.tokens[a:b].tolist())
    seg_a, seg_b, starts, ids, counts = table
    out: Counter = Counter()
    pos, k = a, bisect_left(seg_a, a)
    while k < len(seg_a) and seg_b[k] <= b:
        if seg_a[k] > pos:
            out.update(idx.tokens[pos:seg_a[k]].tolist())
        s, e = starts[k], starts[k + 1]
        saved = dict(zip(ids[s:e].tolist(), counts[s:e].tolist()))
        if out:
            out.update(saved)
        else:
            out = Counter(saved)  # copies the dict in C
        pos, k = seg_b[k], k + 1
    if pos < b:
        out.update(idx.tokens[pos:b].tolist())
    return out


def count_ngrams(idx: CorpusIndex, a: int, b: int, n: int) -> Counter:
    """n-grams inside [a, b) whose first and last tokens are in the same sentence."""
    ids = idx.tokens[a:b].tolist()
    sents = idx.sents[a:b].tolist()
    grams = zip(*[ids[k:] for k in range(n)])
    return Counter(g for g, s0, s1 in zip(grams, sents, sents[n - 1:]) if s0 == s1)


def word_tokens(counter: Counter, flags: VocabFlags) -> int:
    """N of a unigram counter: every token except punctuation (unless punctuation is kept)."""
    return flags.n_words(counter)


def selection_counts(idx: CorpusIndex, sel: Selection, flags: VocabFlags) -> tuple[Counter, int]:
    """(unigram counts, N) over a selection."""
    total: Counter = Counter()
    for a, b in token_ranges(idx, sel):
        total.update(count_unigrams(idx, a, b))
    return total, word_tokens(total, flags)


# -- the frequency table --------------------------------------------------------------

class FreqRow(Record):
    __slots__ = ("rank", "term", "freq", "per_10k", "files", "articles", "dp", "juilland_d", "by", "dp_norm")

    def __init__(self, rank: int, term: str, freq: int, per_10k: float, files: int, articles: int, dp: float,
                 juilland_d: float, by: tuple[int, ...] = (), dp_norm: float = M.NAN):
        self.rank, self.term, self.freq, self.per_10k, self.files = rank, term, freq, per_10k, files
        self.articles, self.dp, self.juilland_d, self.by, self.dp_norm = articles, dp, juilland_d, by, dp_norm


class FreqResult(Record):
    __slots__ = ("rows", "n_tokens", "all_tokens", "types", "total_rows", "parts", "part_sizes", "by", "ngram",
                 "dispersion_by", "n_files", "n_articles", "options")

    def __init__(self, rows: list[FreqRow], n_tokens: int, all_tokens: int, types: int, total_rows: int,
                 parts: tuple[str, ...], part_sizes: tuple[int, ...], by: str | None, ngram: int, dispersion_by: str,
                 n_files: int, n_articles: int, options: dict | None = None):
        self.rows = rows
        self.n_tokens = n_tokens  # N, word tokens in the selection (the per-10k denominator)
        self.all_tokens = all_tokens  # every token in the selection, punctuation included
        self.types = types  # distinct reported terms before --top / --min-freq
        self.total_rows = total_rows  # rows passing every filter before --top
        self.parts = parts  # the dispersion parts (the --by partition, or files)
        self.part_sizes, self.by, self.ngram, self.dispersion_by = part_sizes, by, ngram, dispersion_by
        self.n_files, self.n_articles = n_files, n_articles
        self.options = {} if options is None else options


def frequencies(idx: CorpusIndex, sel: Selection = Selection(), filt: TermFilter = TermFilter(),
                by: str | None = None, ngram: int = 1, min_freq: int = 1, top: int | None = None) -> FreqResult:
    """The term-frequency table of a selection, with dispersion across parts (``by`` or files)."""
    if ngram < 1:
        raise StatsError("--ngram must be 1 or more")
    if by is not None and by not in PARTS:
        raise StatsError(f"unknown part {by!r}; choose from {', '.join(PARTS)}")
    if filt.pos and ngram > 1:
        raise StatsError("--pos filters single tokens; it cannot be combined with --ngram")
    segs = selected_segments(idx, sel)
    flags = VocabFlags(idx, filt)
    uni = [count_unigrams(idx, s.a, s.b) for s in segs]
    sizes = [word_tokens(c, flags) for c in uni]
    grams = uni if ngram == 1 else [count_ngrams(idx, s.a, s.b, ngram) for s in segs]
    total: Counter = Counter()
    if ngram == 1:
        if not sel:
            # The whole corpus: the index's per-id frequencies are the total already
            # (counting every token again cost ~6 ms of a 20 ms `corpus freq`).
            items = enumerate(idx.freq.tolist())
        elif sum(len(c) for c in uni) * 4 < sum(s.b - s.a for s in segs):
            # Few types per token (a large corpus): merging the per-segment counters is a
            # Python step per (segment, type), far fewer than counting every token again
            # (17 M tokens at 100 MB: ~1 s).
            for c in uni:
                total.update(c)
            items = total.items()
        else:
            for s in segs:  # counting an iterable runs in C; merging Counters would not
                total.update(idx.tokens[s.a:s.b].tolist())
            items = total.items()
        excluded = flags.excluded_ids()
        if filt.min_len > 1 or filt.pos:
            kept = [(k, f) for k, f in items if f and k not in excluded and flags.ok(k)]
        else:
            kept = [(k, f) for k, f in items if f and k not in excluded]
    else:
        for c in grams:
            total.update(c)
        kept = [(k, f) for k, f in total.items() if flags.ngram_ok(k)]
    types = len(kept)
    if min_freq > 1:
        kept = [(k, f) for k, f in kept if f >= min_freq]
    total_rows = len(kept)
    if top and total_rows > top:
        # Only terms at least as frequent as the top-th can be shown, so only they need their
        # text and the sort (all 5 000 terms of the bundled corpus: ~8 ms).
        cut = sorted([f for _, f in kept], reverse=True)[top - 1]
        kept = [(k, f) for k, f in kept if f >= cut]
    kept = [(term_text(idx, k), k, f) for k, f in kept]
    kept.sort(key=lambda r: (-r[2], r[0]))
    if top:
        kept = kept[:top]
    disp_by = by or "file"
    parts = part_names(segs, disp_by)
    pidx = {p: i for i, p in enumerate(parts)}
    part_of = [pidx[s.part(disp_by)] for s in segs]
    part_sizes = [0] * len(parts)
    for k, n in zip(part_of, sizes):
        part_sizes[k] += n
    files = part_names(segs, "file")
    fidx = {p: i for i, p in enumerate(files)}
    file_of = [fidx[s.doc] for s in segs]
    art_names = [s.part("article") for s in segs if s.is_article]
    n_articles = len(set(art_names))
    want = {key: r for r, (_, key, _) in enumerate(kept)}
    per_part = [[0] * len(parts) for _ in kept]
    fmask = [0] * len(kept)
    arts: list[set] = [set() for _ in kept]
    for k, c in enumerate(grams):
        p, fbit = part_of[k], 1 << file_of[k]
        art = segs[k].part("article") if segs[k].is_article else None
        if len(c) <= len(want):
            hits = [(want[key], n) for key, n in c.items() if key in want]
        else:
            get = c.get
            hits = [(r, get(key)) for key, r in want.items() if key in c]
        for r, n in hits:
            per_part[r][p] += n
            fmask[r] |= fbit
            if art is not None:
                arts[r].add(art)
    n_words = sum(sizes)
    rows = []
    for r, (text, key, f) in enumerate(kept):
        pp = per_part[r]
        rows.append(FreqRow(r + 1, text, f, M.per_10k(f, n_words), fmask[r].bit_count(), len(arts[r]),
                            M.gries_dp(pp, part_sizes), M.juilland_d(pp, part_sizes), tuple(pp) if by else (),
                            M.gries_dp_norm(pp, part_sizes)))
    n_all = sum(s.b - s.a for s in segs)
    return FreqResult(rows, sum(sizes), n_all, types, total_rows, tuple(parts), tuple(part_sizes), by, ngram,
                      disp_by, len(files), n_articles)


# -- dispersion of given terms ---------------------------------------------------------

def part_sizes(idx: CorpusIndex, segs: list[Segment], by: str, flags: VocabFlags) -> tuple[list[str], list[int], list[int]]:
    """(part names, word tokens per part, part index of each segment)."""
    parts = part_names(segs, by)
    pidx = {p: i for i, p in enumerate(parts)}
    sizes = [0] * len(parts)
    part_of = []
    for s in segs:
        k = pidx[s.part(by)]
        part_of.append(k)
        sizes[k] += word_tokens(count_unigrams(idx, s.a, s.b), flags)
    return parts, sizes, part_of
