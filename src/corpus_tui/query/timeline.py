"""The corpus in time: each document's date and its stretches of the clean text.

A *document* here is what a date belongs to: an article, a file without articles, or the text
of a multi-article file outside its articles (cover, contents, editor's note: ``<file>:outside``,
dated by its file). These are the parts of ``freq --by article``; together they cover the
clean text once. An article's own date overrides its file's (the catalogue fills an empty
article date from its file); an undated document has the value ``UNDATED``, not a gap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple

from corpus_tui.corpus.dates import DateRange, parse_date

OUTSIDE = ":outside"  # the same suffix as the ``article`` parts of the statistics


class DatedDocument(namedtuple("DatedDocument", "id file_id article_id date spans order")):
    __slots__ = ()
    # id: str  # article id, file id, or "<file id>:outside"
    # file_id: str
    # article_id: str  # "" for a whole file or a file's outside text
    # date: PartialDate
    # spans: tuple[tuple[int, int], ...]  # clean-text [start, end), sorted
    # order: int  # corpus order (files in catalogue order, inside a file by first position)


class Timeline:
    """Every document of the index with its date, and a lookup from a clean offset to it."""

    def __init__(self, documents: list[DatedDocument]):
        self.documents = documents
        pieces = sorted((a, b, d.order) for d in documents for a, b in d.spans)
        self._starts = [a for a, _, _ in pieces]
        self._pieces = pieces

    def at(self, char: int) -> DatedDocument | None:
        """The document holding clean offset ``char`` (None between documents)."""
        i = bisect_right(self._starts, char) - 1
        if i < 0:
            return None
        a, b, order = self._pieces[i]
        return self.documents[order] if a <= char < b else None

    def spans_in(self, dates: DateRange) -> list[tuple[int, int]]:
        """The clean-text spans of the documents ``dates`` keeps, sorted."""
        return sorted(s for d in self.documents if dates.contains(d.date) for s in d.spans)


def _minus(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], span[0]
    for a, b in sorted(holes):
        a, b = max(a, span[0]), min(b, span[1])
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if span[1] > pos:
        out.append((pos, span[1]))
    return out


def timeline(idx) -> Timeline:
    """The index's timeline, built once and kept on the index (dates parsed once here)."""
    cached = idx.__dict__.get("_timeline")
    if cached is not None:
        return cached
    cat = idx.catalog
    arts_by_doc: dict[str, list] = {}
    for art in idx.articles:
        arts_by_doc.setdefault(art.doc_id, []).append(art)
    documents: list[DatedDocument] = []
    for d in idx.docs:
        meta = cat.document(d.id)
        file_date = parse_date(meta.date if meta else "")
        whole = (d.char_start, d.char_end)
        inside = []
        found = []
        for art in arts_by_doc.get(d.id, []):
            spans = tuple(sorted((max(a, whole[0]), min(b, whole[1])) for a, b in art.spans if b > a))
            spans = tuple(s for s in spans if s[1] > s[0])
            inside.extend(spans)
            art_meta = cat.article(art.id)
            date = parse_date(art_meta.date) if art_meta else file_date
            found.append((spans[0][0] if spans else whole[1], art.id, spans, date))
        if not arts_by_doc.get(d.id):
            found.append((whole[0], "", (whole,), file_date))
        else:
            outside = tuple(_minus(whole, inside))
            if outside:
                found.append((outside[0][0], OUTSIDE, outside, file_date))
        for _, art_id, spans, date in sorted(found, key=lambda f: f[0]):
            ident = d.id + OUTSIDE if art_id == OUTSIDE else art_id or d.id
            documents.append(DatedDocument(ident, d.id, "" if art_id == OUTSIDE else art_id, date, spans,
                                           len(documents)))
    out = idx.__dict__["_timeline"] = Timeline(documents)
    return out


def clip(spans: list[tuple[int, int]], keep: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of sorted, disjoint ``spans`` inside sorted ``keep`` spans, sorted."""
    out = []
    j = 0
    for a, b in spans:
        while j < len(keep) and keep[j][1] <= a:
            j += 1
        k = j
        while k < len(keep) and keep[k][0] < b:
            lo, hi = max(a, keep[k][0]), min(b, keep[k][1])
            if hi > lo:
                out.append((lo, hi))
            k += 1
    return out
