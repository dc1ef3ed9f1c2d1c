"""What a search shows, computed in a worker from the core: KWIC lines and their table
cells, hits per document and article, hit positions for the dispersion strip."""

from __future__ import annotations

from typing import NamedTuple

from corpus_tui.query.search import count_by_doc, kwic
from corpus_tui.tui.widgets.kwic import MAX_ROWS, rows_of, widths_of


class Found(NamedTuple):
    lines: list
    rows: list  # KwicTable cells of the first MAX_ROWS lines, built off the UI thread
    widths: tuple[int, ...]  # and the widths of its columns
    counts: dict[str, int]
    positions: dict[str, list[float]]


def resolve_term(dictionary, term: str) -> str:
    """``term``, or the dictionary category it names (@name, with --dict): raises
    CorpusError for an unknown category, which the workers show in the status line."""
    if dictionary is None or not term.startswith("@") or len(term) < 2:
        return term
    from corpus_tui.stats.categories import CategoryTerm

    return CategoryTerm(term, dictionary)


def search(idx, q, width: int, stale=lambda: False) -> Found | None:
    """Run ``q``; None when ``stale()`` says a newer query made the result useless."""
    lines = kwic(idx, q.term, q.mode, q.sel, width=width, sort=q.sort)
    if stale():
        return None
    counts = count_by_doc(idx, ((c.hit.start, c.hit.end) for c in lines))
    positions: dict[str, list[float]] = {d.id: [] for d in idx.docs}
    spans = {d.id: d for d in idx.docs}
    for c in lines:
        if c.hit.article:
            counts[c.hit.article] = counts.get(c.hit.article, 0) + 1
        d = spans[c.hit.doc]
        positions[d.id].append((c.hit.start - d.char_start) / max(1, d.char_end - d.char_start))
    for a in idx.articles:
        counts.setdefault(a.id, 0)
    rows = rows_of(lines[:MAX_ROWS])
    return Found(lines, rows, widths_of(rows), counts, positions)
