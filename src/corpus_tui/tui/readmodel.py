"""What the Read tab shows, computed in a worker from the core: rows, hits, outline.

Clean view: one row per clean paragraph (the index's clean text split on newlines), each
with its start character and raw line. Raw view: one row per raw line, from
query.reading.read_text_of(raw=True). Hits come from query.search.find over the same spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_right

from corpus_tui.corpus.normalize import raw_lines
from corpus_tui.errors import CorpusError
from corpus_tui.query.search import QueryError, find
from corpus_tui.query.reading import read_text_of

HEADING = re.compile(r"^(#{1,6}\s*\S|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十\d]+[章节部分])")
MAX_HEADING = 40


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # raw line (1-based) where the row starts
    start: int  # clean char of the row start (clean view) or -1 (raw view)
    text: str


@dataclass(frozen=True, slots=True)
class ReadHit:
    row: int
    s: int  # offsets inside the row's text
    e: int
    start: int  # clean char of the hit
    line: int  # raw line and column of the hit
    column: int


def spans_of(idx, ident: str) -> tuple[object, object, list[tuple[int, int]]]:
    doc = next((d for d in idx.docs if d.id == ident), None)
    art = next((a for a in idx.articles if a.id == ident), None)
    if art is not None:
        doc = next(d for d in idx.docs if d.id == art.doc_id)
        return doc, art, [tuple(s) for s in art.spans]
    if doc is None:
        raise QueryError(f"unknown document or article id {ident!r}")
    return doc, None, [(doc.char_start, doc.char_end)]


def clean_rows(idx, spans) -> list[Row]:
    rows = []
    for a, b in spans:
        text = idx.slice(a, b)  # this document only: the whole text may not be decoded
        pos = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl == -1 else nl
            rows.append(Row(idx.location(a + pos)[1], a + pos, text[pos:end]))
            pos = end + 1
    return rows


def raw_rows(idx, ident: str, doc, art) -> list[Row]:
    text = read_text_of(idx, ident, raw=True)
    lines = raw_lines(text)
    if art is not None:
        numbers = [n for a, b in idx.catalog.article(art.id).ranges for n in range(a, b + 1)]
    else:
        numbers = list(range(1, len(lines) + 1))
    return [Row(n, -1, line) for n, line in zip(numbers, lines)]


def load(idx, ident: str, raw: bool, term: str, mode: str) -> tuple[list[Row], list[ReadHit], list, str | None]:
    """(rows, hits, outline [(row, label)], query error or None)."""
    doc, art, spans = spans_of(idx, ident)
    rows = raw_rows(idx, ident, doc, art) if raw else clean_rows(idx, spans)
    hits: list[ReadHit] = []
    error = None
    if term.strip():
        try:
            matches = list(find(idx, term, mode, spans=spans))
        except CorpusError as exc:  # a bad regex or pattern
            matches, error = [], str(exc)
        if raw:
            by_line = {r.line: i for i, r in enumerate(rows)}
            for s, e in matches:
                _, line, col = idx.location(s)
                _, line2, col2 = idx.location(e - 1)
                i = by_line.get(line)
                if i is None:
                    continue
                end = col2 if line2 == line else len(rows[i].text)
                hits.append(ReadHit(i, col - 1, max(end, col), s, line, col))
        else:
            starts = [r.start for r in rows]
            for s, e in matches:
                i = bisect_right(starts, s) - 1
                r = rows[i]
                _, line, col = idx.location(s)
                hits.append(ReadHit(i, s - r.start, min(e - r.start, len(r.text)), s, line, col))
    return rows, hits, outline(idx, doc, rows, raw), error


def outline(idx, doc, rows: list[Row], raw: bool) -> list[tuple[int, str]]:
    """Articles of the file and heading-like short lines, as (row index, label)."""
    entries: dict[int, str] = {}
    lines = [r.line for r in rows]
    for art in idx.catalog.articles_of(doc.id):
        first = art.ranges[0][0]
        i = bisect_right(lines, first) - 1
        if i >= 0 and first <= lines[-1]:
            entries.setdefault(i, f"▸ {art.id} {art.title}")
    for i, r in enumerate(rows):
        t = r.text.strip()
        if i not in entries and len(t) <= MAX_HEADING and HEADING.match(t):
            entries[i] = "  " + t.lstrip("# ")
    return sorted(entries.items())
