"""Search and KWIC over a built index. No jieba here: queries run on the saved index.

Matching is on the clean text: by default the folded surface string (segmentation can
never hide a hit), with ``word`` only hits that start and end on token boundaries, with
``regex`` a regular expression (the `regex` module, for its time limit), with ``pattern``
a token pattern (query/pattern.py: words, parts of speech, gaps, `within s|p`) matched on
the token arrays, its whole match the node. A surface or word term written ``A$NB`` or
``A#NB`` is CCL's proximity (query/proximity.py). Positions are code points in the clean
text, reported back as raw ``file:line:column``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import namedtuple
from itertools import islice

from corpus_tui.corpus.fold import fold_variants

from corpus_tui.index import token_counts
from corpus_tui.query.proximity import Proximity, near, parse_proximity
from corpus_tui.query.scan import count_in_ranges
from corpus_tui.cells import crop_left, crop_right
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.results import ConcordanceLine, Hit
from corpus_tui.errors import QueryError  # noqa: F401 (QueryError: public here too)

TYPE_CHECKING = False  # typing costs ~4 ms of every query's start; annotations only
if TYPE_CHECKING:
    from typing import Iterable, Iterator

MODES = ("surface", "word", "regex", "pattern")
SORT_KEYS = ("doc", "1L", "2L", "3L", "1R", "2R", "3R", "1L1R", "1R2R", "1L2L", "node")
REGEX_TIMEOUT = 2.0  # seconds of compiling and matching (query/regex_match.py); `(产+)+$` on 24 characters takes ~1 s


class Selection(namedtuple("Selection", "ids groups outlets dates", defaults=((), (), (), None))):
    """Which parts of the corpus a query looks at: file or article ids, groups, outlets, dates."""

    __slots__ = ()
    # ids: tuple[str, ...] = ()
    # groups: tuple[str, ...] = ()
    # outlets: tuple[str, ...] = ()
    # dates: corpus.dates.DateRange | None = None  # --since/--until; None keeps the dates module unloaded

    def __bool__(self) -> bool:
        return bool(self.ids or self.groups or self.outlets or (self.dates is not None and self.dates.active))


def selection_spans(idx: CorpusIndex, sel: Selection) -> list[tuple[int, int]]:
    """Clean-text spans selected, merged and sorted. Unknown names are a usage error."""
    if not sel:
        return [(0, idx.n_chars)]
    spans = _part_spans(idx, sel) if (sel.ids or sel.groups or sel.outlets) else [(0, idx.n_chars)]
    if sel.dates is not None and sel.dates.active:
        from corpus_tui.query.timeline import clip, timeline

        spans = clip(spans, _merge(timeline(idx).spans_in(sel.dates)))
    return spans


def _part_spans(idx: CorpusIndex, sel: Selection) -> list[tuple[int, int]]:
    cat = idx.catalog
    doc_ids = {d.id for d in idx.docs}
    art_by_id = {a.id: a for a in idx.articles}
    spans: list[tuple[int, int]] = []
    for ident in sel.ids:
        if ident in doc_ids:
            d = next(d for d in idx.docs if d.id == ident)
            spans.append((d.char_start, d.char_end))
        elif ident in art_by_id:
            spans.extend(tuple(s) for s in art_by_id[ident].spans)
        else:
            known = sorted(doc_ids | set(art_by_id))
            raise QueryError(f"unknown document or article id {ident!r}; known: {', '.join(known)}")
    for group in sel.groups:
        if group not in cat.groups:
            raise QueryError(f"unknown group {group!r}; known: {', '.join(cat.groups) or '(none)'}")
    for outlet in sel.outlets:
        if outlet not in cat.outlets:
            raise QueryError(f"unknown outlet {outlet!r}; known: {', '.join(cat.outlets) or '(none)'}")
    groups, outlets = set(sel.groups), set(sel.outlets)
    if groups or outlets:
        for d in idx.docs:
            meta = cat.document(d.id)
            arts = [a for a in cat.articles_of(d.id) if a.id in art_by_id]
            doc_match = (not groups or meta.group in groups) and (not outlets or meta.outlet in outlets)
            if doc_match:
                spans.append((d.char_start, d.char_end))
                continue
            for a in arts:
                if (not groups or a.group in groups) and (not outlets or a.outlet in outlets):
                    spans.extend(tuple(s) for s in art_by_id[a.id].spans)
    return _merge(spans)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def fold_query(term: str, idx: CorpusIndex | None = None) -> str:
    return query_forms(term, idx)[0]


def query_forms(term: str, idx: CorpusIndex | None = None) -> list[str]:
    """The folded forms a query matches, as the index's text has them: one, or up to four
    for half-width punctuation at its ends (`,` matches `,` and `，`: corpus.fold.fold_variants);
    over a folded index, each in the Simplified view (未來產業 -> 未来产业, 人工智慧 -> 人工智能),
    the same functions the build ran."""
    if term is None or not term.strip():
        raise QueryError("empty query: give a term to search for")
    forms = fold_variants(term.strip())
    if not forms[0]:
        raise QueryError(f"query {term!r} is empty once invisible characters are removed")
    if idx is not None and idx.folds_script:
        from corpus_tui.corpus.script import fold_script

        forms = list(dict.fromkeys(fold_script(f) for f in forms))
    return forms


def find(idx: CorpusIndex, term: str, mode: str = "surface", sel: Selection = Selection(),
         spans: list[tuple[int, int]] | None = None) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every match inside the selected spans, in corpus order."""
    if mode not in MODES:
        raise QueryError(f"unknown search mode {mode!r}")
    spans = spans if spans is not None else selection_spans(idx, sel)
    if getattr(term, "category_spans", None) is not None:  # @category of a dictionary (stats/categories.py)
        if mode != "surface":
            raise QueryError(f"{term}: a dictionary category is matched as surface strings, not in {mode} mode")
        yield from term.category_spans(idx, spans)
        return
    if mode == "pattern":
        from corpus_tui.query.pattern_search import find_chars  # the automaton, only for patterns

        yield from find_chars(idx, term, spans)
        return
    if mode != "regex":
        prox = parse_proximity(term)
        if prox is not None:
            yield from _near(idx, prox, mode, spans)
            return
    if mode == "regex":
        from corpus_tui.query.regex_match import matches

        if idx.folds_script and term:  # the literal characters meet the Simplified view
            from corpus_tui.corpus.script import fold_script

            term = fold_script(term)
        yield from matches(idx, term, spans, REGEX_TIMEOUT)
        return
    forms = query_forms(term, idx)
    if len(forms) == 1:
        yield from _find_form(idx, forms[0], mode, spans)
        return
    # Forms differ in a character somewhere, so two never start at one place; an overlap
    # between forms is resolved as str.count would: the earlier one is kept.
    last = -1
    for s, e in sorted(m for f in forms for m in _find_form(idx, f, mode, spans)):
        if s >= last:
            yield s, e
            last = e


def _find_form(idx: CorpusIndex, needle: str, mode: str, spans) -> Iterator[tuple[int, int]]:
    n = len(needle)
    buf = idx.text_buffer
    if buf is not None:  # not decoded: search the mapped bytes, convert only the hits
        nb = needle.encode("utf-8")
        m = len(nb)
        for a, b in spans:
            ba, bb = idx.byte_of(a), idx.byte_of(b)
            hint = (ba, a)
            pos = buf.find(nb, ba, bb)
            while pos != -1:
                c = idx.char_of(pos, hint)
                hint = (pos, c)
                if mode == "surface" or _on_token_boundaries(idx, c, c + n):
                    yield c, c + n
                pos = buf.find(nb, pos + m, bb)
        return
    text = idx.text
    for a, b in spans:
        pos = text.find(needle, a, b)
        while pos != -1:
            if mode == "surface" or _on_token_boundaries(idx, pos, pos + n):
                yield pos, pos + n
            pos = text.find(needle, pos + n, b)


def _near(idx: CorpusIndex, prox: Proximity, mode: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    ss = idx.sentstarts
    yield from near(prox, find(idx, prox.left, mode, spans=spans), find(idx, prox.right, mode, spans=spans),
                    lambda c: bisect_right(ss, c))


def count_by_doc_of(idx: CorpusIndex, term: str, mode: str = "surface", sel: Selection = Selection(),
                    spans: list[tuple[int, int]] | None = None) -> dict[str, int]:
    """Hits of ``term`` per document id, only documents with hits, in corpus order.

    In surface mode a term that never crosses a token boundary is counted from the
    vocabulary and the counts per segment (index/token_counts.py), whatever the corpus size;
    any other is counted over the mapped bytes, where no hit costs a Python step (no
    code-point conversion, no tuple): `kwic --count` on 100 MB then costs about what the
    byte search costs.
    """
    spans = spans if spans is not None else selection_spans(idx, sel)
    if getattr(term, "category_spans", None) is not None:
        per: dict[str, int] = {}
        for s, _ in find(idx, term, mode, spans=spans):
            d = idx.doc_at(s).id
            per[d] = per.get(d, 0) + 1
        return per
    if mode == "pattern" or (mode != "regex" and parse_proximity(term) is not None):
        per_doc: dict[str, int] = {}
        for s, _ in find(idx, term, mode, spans=spans):
            d = idx.doc_at(s).id
            per_doc[d] = per_doc.get(d, 0) + 1
        return per_doc
    forms = query_forms(term, idx)
    needle = forms[0]
    if mode == "surface" and len(forms) == 1:
        from_vocab = token_counts.counts_by_doc(idx, needle, spans)
        if from_vocab is not None:
            return from_vocab
    buf = idx.text_buffer
    counts: dict[str, int] = {}
    if mode != "surface" or buf is None or len(forms) > 1:
        for s, _ in find(idx, term, mode, spans=spans):
            d = idx.doc_at(s).id
            counts[d] = counts.get(d, 0) + 1
        return counts
    nb = needle.encode("utf-8")
    m = len(nb)
    if nb and b"\n" not in nb:
        # No match can cross a document boundary (each is a "\n"), so each document's
        # byte ranges are counted alone, with bytes.count (query/scan.py): in C, with
        # no Python step per hit (64 000 hits at 100 MB), in two processes when large.
        owners, ranges = [], []
        for d in idx.docs:
            for a, b in spans:
                a, b = max(a, d.char_start), min(b, d.char_end)
                if b > a:
                    owners.append(d.id)
                    ranges.append((idx.byte_of(a), idx.byte_of(b)))
        for ident, n in zip(owners, count_in_ranges(buf, nb, ranges)):
            if n:
                counts[ident] = counts.get(ident, 0) + n
        return counts
    doc_bytes = [idx.byte_of(d.char_start) for d in idx.docs]
    per = [0] * len(idx.docs)
    for a, b in spans:
        bb = idx.byte_of(b)
        pos = buf.find(nb, idx.byte_of(a), bb)
        while pos != -1:
            per[max(0, bisect_right(doc_bytes, pos) - 1)] += 1  # as doc_index_at
            pos = buf.find(nb, pos + m, bb)
    for d, n in zip(idx.docs, per):
        if n:
            counts[d.id] = n
    return counts


def _on_token_boundaries(idx: CorpusIndex, start: int, end: int) -> bool:
    ts = idx.tstarts
    i = bisect_left(ts, start)
    if i >= len(ts) or ts[i] != start:
        return False
    j = bisect_right(ts, end - 1) - 1
    return j >= i and idx.token_end(j) == end


def make_hit(idx: CorpusIndex, start: int, end: int) -> Hit:
    doc, line, col = idx.location(start)
    art = idx.article_at(start)
    return Hit(start, end, doc.id, art.id if art else "", doc.file, line, col)


def _context(idx: CorpusIndex, start: int, end: int, cells: int | None, tokens: int | None) -> tuple[str, str]:
    doc = idx.doc_at(start)
    if tokens is not None:
        ts = idx.tstarts
        i = bisect_left(ts, start)
        j = bisect_left(ts, end)
        lo_tok = max(doc.tok_start, i - tokens)
        hi_tok = min(doc.tok_end, j + tokens)
        lo = ts[lo_tok] if lo_tok < i else start
        hi = idx.token_end(hi_tok - 1) if hi_tok > j else end
        left, right = idx.slice(lo, start), idx.slice(end, hi)
    else:
        # Slice a bounded window first: a 10 MB single line must never be copied whole.
        width = cells if cells is not None else 30
        left = crop_left(idx.slice(max(doc.char_start, start - width), start), width)
        right = crop_right(idx.slice(end, min(doc.char_end, end + width)), width)
    return left.replace("\n", " "), right.replace("\n", " ")


def kwic(idx: CorpusIndex, term: str, mode: str = "surface", sel: Selection = Selection(),
         width: int | None = 30, tokens: int | None = None, sort: str = "doc",
         limit: int | None = None) -> list[ConcordanceLine]:
    matches = kwic_matches(idx, term, mode, sel, sort)
    if limit is not None:
        matches = islice(matches, limit)  # in document order: the search stops at the limit
    return [kwic_line(idx, s, e, width, tokens) for s, e in matches]


def kwic_matches(idx: CorpusIndex, term: str, mode: str = "surface", sel: Selection = Selection(),
                 sort: str = "doc") -> Iterator[tuple[int, int]]:
    """(start, end) of the concordance's lines in its order: in document order as the search
    finds them (a caller can take the first ones before the rest are found), else all of them
    found and then sorted."""
    if sort == "doc":
        return find(idx, term, mode, sel)
    matches = list(find(idx, term, mode, sel))
    matches.sort(key=sort_key(idx, sort))
    return iter(matches)


def kwic_line(idx: CorpusIndex, start: int, end: int, width: int | None = 30,
              tokens: int | None = None) -> ConcordanceLine:
    """The concordance line of the match (start, end): ``width`` cells of context either side
    (or ``tokens`` tokens)."""
    left, right = _context(idx, start, end, width, tokens)
    return ConcordanceLine(make_hit(idx, start, end), left, idx.slice(start, end), right)


def sort_key(idx: CorpusIndex, spec: str):
    """A key over (start, end) for the field's notation: 1L, 2L, 1R, 1R2R, node …"""
    if spec not in SORT_KEYS:
        raise QueryError(f"unknown sort {spec!r}; choose from {', '.join(SORT_KEYS)}")
    if spec == "node":
        return lambda m: (idx.slice(m[0], m[1]), m[0])
    parts = [(int(spec[i]), spec[i + 1]) for i in range(0, len(spec), 2)]
    ts, toks, vocab = idx.tstarts, idx.tokens, idx.vocab

    def key(m):
        s, e = m
        doc = idx.doc_at(s)  # words of the next or previous document are no context (as _context)
        lo, hi = doc.tok_start, doc.tok_end
        first_left = bisect_left(ts, s) - 1  # the token just before the node
        first_right = bisect_left(ts, e)  # the first token starting at/after the node's end
        out = []
        for n, side in parts:
            t = first_left - (n - 1) if side == "L" else first_right + (n - 1)
            out.append(vocab[toks[t]] if lo <= t < hi else "")
        return (*out, s)

    return key


def count_by_doc(idx: CorpusIndex, matches: Iterable[tuple[int, int]]) -> dict[str, int]:
    counts = {d.id: 0 for d in idx.docs}
    for s, _ in matches:
        counts[idx.doc_at(s).id] += 1
    return counts


class SentenceHit(namedtuple("SentenceHit", "hit sentence spans hits")):
    __slots__ = ()
    # hit: Hit
    # sentence: str
    # spans: tuple[tuple[int, int], ...]  # term positions inside ``sentence``
    # hits: int


MAX_SENTENCE_CHARS = 400


def search(idx: CorpusIndex, terms: list[str], mode: str = "surface", sel: Selection = Selection(),
           require_all: bool = True) -> tuple[list[SentenceHit], dict[str, int]]:
    """Sentences containing all (or any) of the terms; plus hit counts per document."""
    if not terms:
        raise QueryError("give at least one term")
    spans = selection_spans(idx, sel)
    per_sentence: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for n, term in enumerate(terms):
        for s, e in find(idx, term, mode, spans=spans):
            per_sentence.setdefault(idx.sentence_span(s), []).append((s, e, n))
    out = []
    counts = {d.id: 0 for d in idx.docs}
    for (a, b), matches in sorted(per_sentence.items()):
        if require_all and len({n for *_, n in matches}) < len(terms):
            continue
        matches.sort()
        first = matches[0][0]
        lo, hi = a, b
        if hi - lo > MAX_SENTENCE_CHARS:  # a sentence of a 10 MB line is cut around the hit
            lo = max(a, first - MAX_SENTENCE_CHARS // 2)
            hi = min(b, lo + MAX_SENTENCE_CHARS)
        inner = tuple((s - lo, e - lo) for s, e, _ in matches if s >= lo and e <= hi)
        sentence = idx.slice(lo, hi).replace("\n", " ")
        out.append(SentenceHit(make_hit(idx, first, matches[0][1]), sentence, inner, len(matches)))
        counts[idx.doc_at(first).id] += len(matches)
    return out, counts
