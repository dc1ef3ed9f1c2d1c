"""KWIC lines in document order, made in chunks as they are written, not as one table.

`corpus kwic TERM` prints every hit (64 000 at 100 MB). Built as one Table, every line was
made, measured and padded before the first was written, at ~30 us a line in Python
(2.65 s at 100 MB where `rg -o` takes 25 ms), and all of them were held at once. Here the
hits are found first (their positions only, in C: bytes.find over the mapped text), then
their lines are made CHUNK at a time, each chunk written before the next is made: `| head`
gets its lines at once and the process holds a chunk, not the corpus's lines.

A line is cut from the mapped UTF-8 bytes: a window of at most 4 * width + 3 bytes on each
side of the hit, moved to character boundaries and decoded (a window of ``width``
characters takes at most that), cropped to ``width`` cells as query.search._context does;
a small index (its text decoded) slices the text. The rows are those of
query.tables.kwic_table, value for value: tests compare both on every format.
"""

from __future__ import annotations

from bisect import bisect_right

from corpus_tui.cells import cell_len, crop_left, crop_right, known_width
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import Selection, find, query_forms, selection_spans

CHUNK = 2048  # lines made and written at a time (~300 KB of output)
FIRST_CHUNK = 64  # the first chunk: about what a --limit 50 query makes


class Hits:
    """Every hit of the terms in output order: (term number, start, end, start byte or -1),
    met as the lines are made. A plain term's hits are found lazily (a chunk's worth of them
    before its lines: `| head` does not wait for the 60 000th); any other's (regex, pattern,
    proximity, category) all at once, before any line, so its errors (a regex's time limit)
    come before the output, as they did. ``count``: the hits met so far."""

    __slots__ = ("idx", "terms", "forms", "sources", "count")

    def __init__(self, idx: CorpusIndex, terms: list[str], mode: str, sel: Selection, limit: int | None):
        self.idx, self.terms, self.count = idx, terms, 0
        spans = selection_spans(idx, sel)
        self.forms: list[str | None] = []  # the needle whose bytes a fast hit matched
        self.sources = []
        for term in terms:  # every term checked (query_forms, find's errors) before any line
            got = _fast_find(idx, term, mode, spans, limit)
            self.forms.append(None if got is None else query_forms(term, idx)[0])
            if got is None:
                got = []
                for s, e in find(idx, term, mode, spans=spans):
                    got.append((s, e, -1))
                    if limit is not None and len(got) >= limit:
                        break
            self.sources.append(got)

    def __iter__(self):
        for n, got in enumerate(self.sources):
            for s, e, b in got:
                self.count += 1
                yield n, s, e, b

    @property
    def items(self) -> list[tuple[int, int, int, int]]:
        return list(self)


def _fast_find(idx: CorpusIndex, term, mode: str, spans, limit):
    """The (start, end, start byte) of a plain term's hits over the mapped bytes, lazily, or
    None when find must run (regex, patterns, proximity, dictionary categories, several
    folded forms)."""
    buf = idx.text_buffer
    if buf is None or mode not in ("surface", "word") or type(term) is not str:  # a str subclass: a dictionary category
        return None
    from corpus_tui.query.proximity import parse_proximity

    if parse_proximity(term) is not None:
        return None
    forms = query_forms(term, idx)
    if len(forms) != 1:
        return None
    return _byte_hits(idx, buf, forms[0], mode == "word", spans, limit)


def _byte_hits(idx: CorpusIndex, buf, needle: str, word: bool, spans, limit):
    from corpus_tui.query.search import _on_token_boundaries

    n = len(needle)
    nb = needle.encode("utf-8")
    m = len(nb)
    found = 0
    char_of, find_bytes = idx.char_of, buf.find
    for a, b in spans:
        ba, bb = idx.byte_of(a), idx.byte_of(b)
        hint = (ba, a)
        pos = find_bytes(nb, ba, bb)
        while pos != -1:
            c = char_of(pos, hint)
            hint = (pos, c)
            if not word or _on_token_boundaries(idx, c, c + n):
                yield c, c + n, pos
                found += 1
                if limit is not None and found >= limit:
                    return
            pos = find_bytes(nb, pos + m, bb)


def _articles(idx: CorpusIndex):
    """char -> article id, as CorpusIndex.article_at gives it, by bisection over the sorted
    spans when no two overlap (else article_at itself)."""
    spans = sorted((a, b, art.id) for art in idx.articles for a, b in art.spans)
    if any(spans[k + 1][0] < spans[k][1] for k in range(len(spans) - 1)):
        def slow(c: int) -> str:
            art = idx.article_at(c)
            return art.id if art else ""
        return slow
    starts = [a for a, _, _ in spans]

    def at(c: int) -> str:
        k = bisect_right(starts, c) - 1
        return spans[k][2] if k >= 0 and c < spans[k][1] else ""

    return at


def rows(hits: Hits, width: int, where, chunk: int = CHUNK):
    """The KWIC rows (query.tables.KWIC_COLUMNS) of ``hits``, ``chunk`` at a time; contexts
    of ``width`` cells; ``where(hit) -> location`` as query.tables.places gives it."""
    from corpus_tui.results import Hit

    idx = hits.idx
    docs = idx.docs
    doc_starts = [d.char_start for d in docs]
    article = _articles(idx) if idx.articles else None
    omap, ls = idx.arrays["offsets"], idx.arrays["linestarts"]
    ostarts, odeltas, n_off = omap.starts, omap.deltas, len(omap)
    buf = idx.text_buffer
    text = idx.text if buf is None or len(buf) <= _decode_all() else None
    terms = hits.terms
    nbytes = [None if f is None else len(f.encode("utf-8")) for f in hits.forms]
    out = []
    size = min(chunk, FIRST_CHUNK)  # the first lines at once (`| head`), then chunks 4 times larger
    ds = next_start = -1  # where the document after docs[k] starts (hits come in document order per term)
    for n, s, e, p in hits:
        if s >= next_start or s < ds:
            k = max(0, bisect_right(doc_starts, s) - 1)
            doc = docs[k]
            next_start = doc_starts[k + 1] if k + 1 < len(docs) else 1 << 62
            ds, de, l0, l1 = doc.char_start, doc.char_end, doc.ls_start, doc.ls_end
            paged = bool(getattr(doc, "pages", None))
            if text is None:
                span = (idx.byte_of(ds), idx.byte_of(de))
        if text is not None:
            left = text[max(ds, s - width):s]
            node = text[s:e]
            right = text[e:min(de, e + width)]
        else:
            m = nbytes[n]
            if p < 0:
                p, m = idx.byte_of(s), None
            left, node, right = _windows(buf, p, e - s, span, width, m)
        left = crop_left(left, width)
        right = crop_right(right, width)
        if "\n" in left:
            left = known_width(left.replace("\n", " "), cell_len(left))
        if "\n" in right:
            right = known_width(right.replace("\n", " "), cell_len(right))
        c = s if s < n_off else n_off - 1
        raw = c + odeltas[bisect_right(ostarts, c) - 1]
        i = bisect_right(ls, raw, l0, l1) - 1
        line, col = i - l0 + 1, raw - ls[i] + 1
        art = article(s) if article is not None else ""
        if paged:  # a PDF: the page and the line on it (query.tables.places)
            loc = where(Hit(s, e, doc.id, art, doc.file, line, col))
        else:
            loc = f"{doc.file}:{line}:{col}"
        out.append((terms[n], doc.id, art, doc.file, line, col, s, e, left, node, right, loc))
        if len(out) >= size:
            yield out
            out = []
            size = min(chunk, size * 4)  # a reader gone after the first lines is seen at the next write
    if out:
        yield out


def _decode_all() -> int:
    from corpus_tui.index.saved import DECODE_ALL_BYTES

    return DECODE_ALL_BYTES


def _windows(buf, p: int, chars: int, span: tuple[int, int], width: int, m: int | None) -> tuple[str, str, str]:
    """(the ``width`` characters before the hit within its document, the hit, the ``width``
    after it) decoded from bytes: a character takes at most 4 bytes, so 4 * width + 3 bytes
    moved forward (left) or back (right) to a character boundary hold ``width`` of them,
    or reach the document's edge."""
    lo, hi = span
    a = p - 4 * width - 3
    if a <= lo:
        a = lo
    else:
        while buf[a] & 0xC0 == 0x80:
            a += 1
    left = buf[a:p].decode("utf-8")
    if len(left) > width:
        left = left[len(left) - width:]
    if m is not None:  # the needle's bytes: a hit of the fast search
        q = p + m
        node = buf[p:q].decode("utf-8")
    else:  # ``chars`` characters from p: at most 4 bytes each
        node = buf[p:p + 4 * chars].decode("utf-8", "ignore")[:chars]
        q = p + len(node.encode("utf-8"))
    b = q + 4 * width + 3
    if b >= hi:
        b = hi
    else:
        while buf[b] & 0xC0 == 0x80:
            b -= 1
    right = buf[q:b].decode("utf-8")
    return left, node, right[:width]


def sentence_rows(idx: CorpusIndex, terms: list[str], mode: str, sel: Selection, require_all: bool,
                  counts: dict[str, int], where, chunk: int = CHUNK):
    """The rows of query.tables.search_table (SEARCH_COLUMNS), ``chunk`` at a time: the
    sentences holding all (or any) of the terms, in corpus order, as query.search.search
    gives them. ``counts`` (every document's id, 0) gains each row's hits as it is made,
    for the note written after the rows; ``where(hit) -> location`` as in rows()."""
    from corpus_tui.query.search import MAX_SENTENCE_CHARS
    from corpus_tui.results import Hit

    hits = Hits(idx, terms, mode, sel, None)
    items = hits.items
    if len(terms) > 1:
        items = sorted(items, key=lambda h: (h[1], h[2], h[0]))  # (start, end, term) as search sorts them
    article = _articles(idx) if idx.articles else None
    omap, ls = idx.arrays["offsets"], idx.arrays["linestarts"]
    ostarts, odeltas, n_off = omap.starts, omap.deltas, len(omap)
    docs, doc_starts = idx.docs, [d.char_start for d in idx.docs]
    ss = idx.arrays["sentstarts"]
    n_ss = len(ss)
    need = len(terms)
    out = []
    k, n = 0, len(items)
    while k < n:
        s0 = items[k][1]
        d = max(0, bisect_right(doc_starts, s0) - 1)
        doc = docs[d]
        i = bisect_right(ss, s0) - 1
        a = max(ss[i] if i >= 0 else 0, doc.char_start)
        b = min(ss[i + 1] if i + 1 < n_ss else idx.n_chars, doc.char_end)
        j = k + 1
        while j < n and items[j][1] < b:  # the hits of this sentence (in order, all inside it)
            j += 1
        group = items[k:j]
        k = j
        if need > 1 and require_all and len({t for t, *_ in group}) < need:
            continue
        first, first_end = group[0][1], group[0][2]
        lo, hi = a, b
        if hi - lo > MAX_SENTENCE_CHARS:  # a sentence of a 10 MB line is cut around the hit
            lo = max(a, first - MAX_SENTENCE_CHARS // 2)
            hi = min(b, lo + MAX_SENTENCE_CHARS)
        sentence = idx.slice(lo, hi)
        if "\n" in sentence:
            sentence = sentence.replace("\n", " ")
        c = first if first < n_off else n_off - 1
        raw = c + odeltas[bisect_right(ostarts, c) - 1]
        li = bisect_right(ls, raw, doc.ls_start, doc.ls_end) - 1
        h = Hit(first, first_end, doc.id, article(first) if article is not None else "", doc.file,
                li - doc.ls_start + 1, raw - ls[li] + 1)
        counts[doc.id] += len(group)
        out.append((h.doc, h.article, h.file, h.line, h.column, h.start, len(group), sentence, where(h)))
        if len(out) >= chunk:
            yield out
            out = []
    if out:
        yield out
