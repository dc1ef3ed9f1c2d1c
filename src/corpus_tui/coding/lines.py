"""KWIC lines and their codings: a line's anchor, the codes on a concordance, re-anchoring.

A KWIC line of the index is matched to stored codings by (term, doc, the file's hash, raw
offset, raw length); the raw offsets come from the index's offset map, so matching a
concordance of 5 000 lines to its codes reads no file. Making an anchor (coding a line) and
re-anchoring read the raw file once per document.
"""

from __future__ import annotations

import hashlib

from corpus_tui.coding import anchor
from corpus_tui.coding.store import Coding, Store
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import kwic
from corpus_tui.index.sources import SourceError, extracted_dir, read_source
from corpus_tui.errors import CorpusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from corpus_tui.results import ConcordanceLine


class LineError(CorpusError):
    pass


class RawTexts:
    """The raw text of each document as its lines are counted (a PDF's, DOCX's or page's
    extracted text), read once, checked against the index's hash."""

    def __init__(self, idx: CorpusIndex):
        self.idx = idx
        self._texts: dict[str, str] = {}

    def get(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            doc = next(d for d in self.idx.docs if d.id == doc_id)
            path = self.idx.catalog.document(doc_id).path
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise LineError(f"{doc.file}: cannot read: {exc.strerror or exc}") from None
            if hashlib.sha256(data).hexdigest() != doc.sha256:
                raise LineError(f"{doc.file} changed since the index was opened; run the command again")
            cache = extracted_dir(self.idx.path.parent.parent) if self.idx.path is not None else None
            try:
                self._texts[doc_id] = read_source(path, doc.encoding or None, doc.file, cache, data).text
            except SourceError as exc:
                raise LineError(str(exc).removesuffix("; skipped")) from None
        return self._texts[doc_id]


def raw_span(idx: CorpusIndex, start: int, end: int) -> tuple[int, int]:
    """(raw offset, raw length) of the clean span [start, end) in its document's raw text."""
    a = idx.raw_offset(start)
    return a, idx.raw_offset(end - 1) + 1 - a


def key_of(idx: CorpusIndex, term: str, line: "ConcordanceLine") -> tuple:
    h = line.hit
    return (term, h.doc, idx.docs[idx.doc_index_at(h.start)].sha256, *raw_span(idx, h.start, h.end))


def template(idx: CorpusIndex, term: str, line: "ConcordanceLine", coder: str, raws: RawTexts) -> Coding:
    """A coding of ``line`` without a code yet: the anchor, location and the context as shown."""
    h = line.hit
    doc = idx.docs[idx.doc_index_at(h.start)]
    offset, length = raw_span(idx, h.start, h.end)
    a = anchor.make(raws.get(doc.id), doc.sha256, offset, length)
    return Coding(None, term, h.doc, h.article, h.file, h.line, h.column, a.sha256, a.offset, a.length, a.node,
                  a.before, a.after, line.left, line.right, "", "", coder, "")


def location_of(line: "ConcordanceLine") -> str:
    return f"{line.hit.file}:{line.hit.line}:{line.hit.column}"


def find_line(idx: CorpusIndex, term: str, location: str, mode: str = "surface") -> "ConcordanceLine":
    """The KWIC line of ``term`` at ``location``: kwic's location column as printed (a PDF's
    `file:pPAGE:line:column` too), or `FILE:LINE:COLUMN` of the raw text (a doc id may stand for the file)."""
    from corpus_tui.query.tables import places

    where = places(idx)
    lines = kwic(idx, term, mode, width=30)
    for c in lines:
        if where(c.hit) == location:
            return c
    parts = location.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise LineError(f"location {location!r} is not FILE:LINE:COLUMN as in the location column of corpus kwic")
    file, line_no, col = parts[0], int(parts[1]), int(parts[2])
    for c in lines:
        h = c.hit
        if (h.file == file or h.doc == file) and h.line == line_no and h.column == col:
            return c
    raise LineError(f"no KWIC line of {term!r} at {location} (the location column of: corpus kwic {term})")


def codes_of(idx: CorpusIndex, store: Store, term: str, lines: list, coder: str | None = None) -> list[tuple[str, ...]]:
    """The codes on each KWIC line (by ``coder``, or by anyone), sorted, in the order of ``lines``."""
    by_key: dict[tuple, set] = {}
    for c in store.codings(term=term, coder=coder, orphaned=False):
        by_key.setdefault(c.line_key, set()).add(c.code)
    if not by_key:
        return [()] * len(lines)
    return [tuple(sorted(by_key.get(key_of(idx, term, line), ()))) for line in lines]


def reanchor(idx: CorpusIndex, store: Store) -> tuple[int, int]:
    """Bring every coding of a changed (or removed) file to its file's present text.

    Codings whose node and context are found again move there; the others are marked
    orphaned (kept, listed by `corpus code check`). An orphan found again later (the file
    restored) is anchored again. Returns (moved, orphaned) of this call. When no file
    changed this is one query, no file is read.
    """
    current = {d.id: d.sha256 for d in idx.docs}
    stale = {doc for doc, sha, orphaned in store.anchored_files() if orphaned or current.get(doc) != sha}
    raws = RawTexts(idx)
    moves, orphans = [], []
    for doc in sorted(stale):
        for c in store.codings(doc=doc):
            if c.sha256 == current.get(doc) and not c.orphaned:
                continue
            found = None
            if doc in current:
                old = anchor.Anchor(c.sha256, c.raw_offset, c.raw_length, c.node, c.before, c.after)
                found = anchor.relocate(old, raws.get(doc), current[doc])
            if found is not None:
                moves.append((c.id, found.sha256, found.offset, *anchor.line_column(raws.get(doc), found.offset)))
            elif not c.orphaned:
                orphans.append(c.id)
    moved = store.move(moves) if moves else 0
    if orphans:
        store.set_orphaned(orphans)
    return moved, len(orphans)
