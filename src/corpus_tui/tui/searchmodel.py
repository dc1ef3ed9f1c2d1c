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
    total: int = 0  # lines of the concordance (the sample) before the code filter
    coded: int = 0  # of those, lines with a code
    hits: int = 0  # every hit, before a sample


def resolve_term(dictionary, term: str) -> str:
    """``term``, or the dictionary category it names (@name, with --dict): raises
    CorpusError for an unknown category, which the workers show in the status line."""
    if dictionary is None or not term.startswith("@") or len(term) < 2:
        return term
    from corpus_tui.stats.categories import CategoryTerm

    return CategoryTerm(term, dictionary)


def search(idx, q, width: int, stale=lambda: False, codes: dict | None = None,
           sample: tuple | None = None) -> Found | None:
    """Run ``q``; None when ``stale()`` says a newer query made the result useless.

    ``codes`` (line key -> codes, from tui.coding) adds the code column and applies the
    query's code filter; ``sample`` (n, seed, max_per_doc) draws a sample first, as
    `kwic --sample` does."""
    lines = kwic(idx, q.term, q.mode, q.sel, width=width, sort=q.sort)
    if stale():
        return None
    hits = len(lines)
    if sample is not None and q.sample:
        from corpus_tui.query.sample import place, sample as draw

        lines = draw(lines, *sample, key=lambda c: place(idx, c))
    total, coded, line_codes = len(lines), 0, None
    if codes is not None:
        from corpus_tui.coding.lines import key_of

        line_codes = ["+".join(sorted(codes.get(key_of(idx, q.term, c), ()))) for c in lines]
        coded = sum(1 for c in line_codes if c)
        if q.codes != "all":
            keep = [i for i, c in enumerate(line_codes)
                    if (not c if q.codes == "uncoded" else q.codes in c.split("+"))]
            lines, line_codes = [lines[i] for i in keep], [line_codes[i] for i in keep]
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
    rows = rows_of(lines[:MAX_ROWS], line_codes)
    return Found(lines, rows, widths_of(rows), counts, positions, total, coded, hits)
