"""The text of one file or article, clean or raw, optionally from a raw line on."""

from __future__ import annotations

from bisect import bisect_left

from corpus_tui.corpus.normalize import raw_lines
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import QueryError
from corpus_tui.index.sources import SourceError, extracted_dir, read_source


def _find(idx: CorpusIndex, ident: str):
    doc = next((d for d in idx.docs if d.id == ident), None)
    art = next((a for a in idx.articles if a.id == ident), None)
    if doc is None and art is None:
        known = [d.id for d in idx.docs] + [a.id for a in idx.articles]
        raise QueryError(f"unknown document or article id {ident!r}; known: {', '.join(known)}")
    if art is not None:
        doc = next(d for d in idx.docs if d.id == art.doc_id)
    return doc, art


def read_text_of(idx: CorpusIndex, ident: str, raw: bool = False, from_line: int | None = None) -> str:
    doc, art = _find(idx, ident)
    n_lines = doc.lines
    if from_line is not None and from_line > n_lines:
        raise QueryError(f"{ident} has {n_lines} lines; --line {from_line} is past its end")
    if raw:
        entry = idx.catalog.document(doc.id)
        # the text lines were counted in: a PDF's, DOCX's or page's extracted text (from the cache)
        cache = extracted_dir(idx.path.parent.parent) if idx.path is not None else None
        try:
            text = read_source(entry.path, doc.encoding, doc.file, cache).text
        except SourceError as exc:
            raise QueryError(str(exc).removesuffix("; skipped")) from None
        lines = raw_lines(text, keepends=True)
        ranges = idx.catalog.article(art.id).ranges if art else ((1, len(lines)),)
        out = []
        for a, b in ranges:
            a = max(a, from_line or 1)
            out.extend(lines[a - 1:b])
        return "".join(out)
    spans = [tuple(s) for s in art.spans] if art else [(doc.char_start, doc.char_end)]
    start_char = 0
    if from_line is not None:
        ls = idx.linestarts
        raw_start = ls[doc.ls_start + from_line - 1]
        offsets = idx.offsets
        start_char = bisect_left(offsets, raw_start, doc.char_start, doc.char_end)
        # back up to the start of that clean paragraph, so the text reads from a line start
        nl = idx.text.rfind("\n", doc.char_start, start_char)
        start_char = nl + 1 if nl >= 0 else doc.char_start
    return "\n".join(idx.text[max(a, start_char):b] for a, b in spans if b > start_char)
