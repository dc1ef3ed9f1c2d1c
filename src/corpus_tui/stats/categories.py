"""Category counts of a dictionary over the corpus, by part, and the nodes of ``@category`` terms.

One automaton over every entry of the dictionary runs on the selected clean text
(stats/dictionary.py); each match counts for its entry's pattern in the part where it
starts. A category's frequency is the sum over its distinct patterns, so its parts,
documents and dispersion come from the same counts, as `corpus freq` computes them for a
term (Gries' DP and Juilland's D over the word tokens of each part).
"""

from __future__ import annotations

from bisect import bisect_right

from corpus_tui.corpus.fold import fold
from corpus_tui.query.search import Selection, selection_spans
from corpus_tui.results import Table
from corpus_tui.stats import measures as M
from corpus_tui.stats.frequency import TermFilter, VocabFlags, part_sizes, selected_segments
from corpus_tui.stats.tables import rnd
from corpus_tui.stats.dictionary import Dictionary, EntryMatcher, surface

TYPE_CHECKING = False
if TYPE_CHECKING:
    from corpus_tui.index.saved import CorpusIndex

NOTE_MATCH = ("entries are matched on the clean text as surface strings by one automaton over all entries: the "
              "leftmost match first, at one position the longest entry, never overlapping (产业 inside a counted "
              "未来产业 is not counted); a trailing * (prefix) matches as the entry without it; Latin letters ignore case")


def matcher_for(idx: CorpusIndex, dictionary: Dictionary) -> EntryMatcher:
    """The dictionary's automaton, entries folded like the clean text; kept on the index."""
    cache = idx.__dict__.setdefault("_dict_matchers", {})
    key = (dictionary.source, dictionary.entries)
    m = cache.get(key)
    if m is None:
        m = cache[key] = EntryMatcher(dictionary.entries, fold=fold)
    return m


def matches(idx: CorpusIndex, dictionary: Dictionary, sel: Selection = Selection(),
            spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int]]:
    """(pattern key, start, end) of every match in the selected text, in corpus order."""
    m = matcher_for(idx, dictionary)
    spans = spans if spans is not None else selection_spans(idx, sel)
    if spans == [(0, idx.n_chars)]:
        return m.find(idx.text)
    text = idx.text
    out: list[tuple[int, int, int]] = []
    for a, b in spans:
        out.extend(m.find(text, a, b))
    return out


def category_spans(idx: CorpusIndex, dictionary: Dictionary, name: str, sel: Selection = Selection(),
                   spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every match of ``@name``'s entries, the whole dictionary's automaton
    deciding (so kwic, search and cooc see exactly what `corpus dict` counts)."""
    cat = dictionary.category(name)
    keys = set(matcher_for(idx, dictionary).category_keys(cat))
    return [(a, b) for k, a, b in matches(idx, dictionary, sel, spans) if k in keys]


class CategoryTerm(str):
    """``@name`` as a query term: the text is the term as typed (it names the rows), the
    hits are the dictionary's matches of the category's entries (query.search.find asks
    for ``category_spans``), so kwic, search and cooc see what `corpus dict` counts."""

    def __new__(cls, text: str, dictionary: Dictionary):
        self = super().__new__(cls, text)
        self.dictionary = dictionary
        self.category = dictionary.category(text[1:])
        return self

    def category_spans(self, idx: CorpusIndex, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return category_spans(idx, self.dictionary, self.category.name, spans=spans)

    def variants(self) -> list[str]:
        """The category's entries as the node variants of a collocation (folded like the text)."""
        return list(dict.fromkeys(fold(surface(e)) for e in self.category.entries))


def resolve_terms(terms, dictionary: Dictionary | None, warn=None) -> list:
    """Terms with every ``@name`` made a CategoryTerm of ``dictionary``; without one, an
    ``@name`` stays text (with a warning, as it is likely meant as a category)."""
    out = []
    for t in terms:
        if t.startswith("@") and len(t) > 1:
            if dictionary is not None:
                out.append(CategoryTerm(t, dictionary))
                continue
            if warn is not None:
                warn(f"{t} is searched as text; give --dict FILE to make it a dictionary category")
        out.append(t)
    return out


class _Counts:
    """Per pattern key: counts per part, a bit per file, the set of articles."""

    def __init__(self, idx, dictionary, sel, by):
        self.by = by or "file"
        segs = selected_segments(idx, sel)
        flags = VocabFlags(idx, TermFilter())
        self.parts, self.sizes, part_of = part_sizes(idx, segs, self.by, flags)
        self.n_words = sum(self.sizes)
        self.n_all = sum(s.b - s.a for s in segs)
        files = list(dict.fromkeys(s.doc for s in segs))
        fidx = {f: i for i, f in enumerate(files)}
        self.n_files = len(files)
        self.n_articles = len({s.part("article") for s in segs if s.is_article})
        self.matcher = matcher_for(idx, dictionary)
        nk = len(self.matcher.keys)
        self.per_part = [[0] * len(self.parts) for _ in range(nk)]
        self.fmask = [0] * nk
        self.arts: list[set] = [set() for _ in range(nk)]
        seg_starts = [s.a for s in segs]
        ts = idx.tstarts
        for k, start, _ in matches(idx, dictionary, sel):
            t = bisect_right(ts, start) - 1
            j = bisect_right(seg_starts, t) - 1
            if j < 0 or t >= segs[j].b:  # before the first token of the selection: its first segment
                j = max(j, 0)
            s = segs[j]
            self.per_part[k][part_of[j]] += 1
            self.fmask[k] |= 1 << fidx[s.doc]
            if s.is_article:
                self.arts[k].add(s.part("article"))

    def row(self, keys) -> tuple[int, int, int, float, float, list[int]]:
        pp = [0] * len(self.parts)
        mask, arts = 0, set()
        for k in keys:
            for p, n in enumerate(self.per_part[k]):
                pp[p] += n
            mask |= self.fmask[k]
            arts |= self.arts[k]
        return (sum(pp), mask.bit_count(), len(arts), M.gries_dp(pp, self.sizes), M.juilland_d(pp, self.sizes), pp)


def dict_table(idx: CorpusIndex, dictionary: Dictionary, sel: Selection = Selection(), by: str | None = None,
               entries: bool = False, sel_text: str = "whole corpus") -> Table:
    """`corpus dict`: one row per category (``parent/child``), or with ``entries`` one per entry
    under the category that lists it."""
    c = _Counts(idx, dictionary, sel, by)
    m = c.matcher
    pos = {e: i for i, e in enumerate(m.entries)}
    cols = ["category", "entry" if entries else "entries", "freq", "per_10k", "files", "articles", "dp", "juilland_d"]
    if by:
        cols += [f"freq:{p}" for p in c.parts]
    rows = []
    for cat in dictionary.categories:
        if entries:
            for e in cat.own:
                f, nf, na, dp, jd, pp = c.row([m.key_of[pos[e]]])
                rows.append((cat.name, e, f, rnd(M.per_10k(f, c.n_words)), nf, na, rnd(dp), rnd(jd), *(pp if by else ())))
        else:
            f, nf, na, dp, jd, pp = c.row(m.category_keys(cat))
            rows.append((cat.name, len(cat.entries), f, rnd(M.per_10k(f, c.n_words)), nf, na, rnd(dp), rnd(jd),
                         *(pp if by else ())))
    sizes = ", ".join(f"{p} {n}" for p, n in zip(c.parts, c.sizes))
    notes = (
        f"dictionary {dictionary.source} ({dictionary.format}): {len(dictionary.categories)} categories, "
        f"{len(dictionary.entries)} entries; selection: {sel_text}; N = {c.n_words} word tokens "
        f"({c.n_all} tokens with punctuation)",
        NOTE_MATCH,
        "freq = the category's matches, the sum over its entries (a parent: its own and its subcategories'); "
        "entries = how many it has; per_10k = 10000·freq/N; files/articles = number of the selection's files / "
        f"articles where it occurs ({c.n_files} files, {c.n_articles} articles)",
        f"dp = Gries' DP = ½·Σ|v_i − s_i|; juilland_d = Juilland's D = 1 − CV/√(n−1) (population SD); "
        f"across {len(c.parts)} {c.by} parts ({sizes} word tokens)",
    )
    return Table(tuple(cols), rows, notes=notes)
