"""What a search shows, computed in a worker from the core: KWIC lines and their table
cells, hits per document and article, hit positions for the dispersion strip.

A search first hands over a page of lines (``first``), then the whole result: the lines
and cells of a concordance cost ~0.1 ms a hit (its context, its location and four Text
cells), 130 ms for the 1 295 hits of 产业 on the bundled corpus and seconds at 100 MB, so a
screenful of rows must not wait for them. Lines beyond the table's MAX_ROWS are never
built: the counts and positions come from the matches themselves.
"""

from __future__ import annotations

import time
from itertools import islice
from typing import NamedTuple

from corpus_tui.query.search import kwic_line, kwic_matches
from corpus_tui.tui.widgets.kwic import MAX_ROWS, fit_widths, rows_of, widths_of

FIRST_PAGE = 60  # lines of the first page: a screenful of a tall terminal
CHUNK = 100  # lines built between two looks at stale() (~10 ms): a newer keystroke waits at most one
FIND_CHUNK = 5000  # matches found, or counted, between two looks
PLACES = 512  # bins of a document's histogram of hit places (the dispersion strip is narrower)


class Page(NamedTuple):
    """The first lines of a result and their table cells, before the rest is found."""

    lines: list
    rows: list
    widths: tuple[int, ...]


class Found(NamedTuple):
    lines: list  # the concordance's lines; without codes or a sample only the first MAX_ROWS (the table's)
    rows: list  # KwicTable cells of the first MAX_ROWS lines, built off the UI thread
    widths: tuple[int, ...]  # and the widths of its columns
    counts: dict[str, int]
    positions: dict[str, list[int]]  # per document: hits in each of PLACES equal parts of it
    total: int = 0  # lines of the concordance (the sample) before the code filter
    coded: int = 0  # of those, lines with a code
    hits: int = 0  # every hit, before a sample
    shown: int = 0  # lines of the concordance after the code filter (the status line's hits)


def resolve_term(dictionary, term: str) -> str:
    """``term``, or the dictionary category it names (@name, with --dict): raises
    CorpusError for an unknown category, which the workers show in the status line."""
    if dictionary is None or not term.startswith("@") or len(term) < 2:
        return term
    from corpus_tui.stats.categories import CategoryTerm

    return CategoryTerm(term, dictionary)


def breathe() -> None:
    """A pause between two chunks of a worker's work. A thread that never blocks holds the
    GIL but for the interpreter's 5 ms switches, and the UI thread, which blocks and wakes
    for every event and write, then waits 5 ms each time it wakes: a keystroke's frame took
    5-10 times as long while a large result was being built."""
    time.sleep(0.001)


def _lines(idx, matches, width: int, stale) -> list | None:
    out: list = []
    for k in range(0, len(matches), CHUNK):
        if stale():
            return None
        out.extend(kwic_line(idx, s, e, width) for s, e in matches[k:k + CHUNK])
        breathe()
    return out


def _rows(lines: list, codes: list | None, stale) -> list | None:
    out: list = []
    for k in range(0, len(lines), CHUNK):
        if stale():
            return None
        out.extend(rows_of(lines[k:k + CHUNK], codes[k:k + CHUNK] if codes is not None else None))
        breathe()
    return out


def search(idx, q, width: int, stale=lambda: False, codes: dict | None = None,
           sample: tuple | None = None, first=None) -> Found | None:
    """Run ``q``; None when ``stale()`` says a newer query made the result useless.

    ``codes`` (line key -> codes, from tui.coding) adds the code column and applies the
    query's code filter; ``sample`` (n, seed, max_per_doc) draws a sample first, as
    `kwic --sample` does. ``first(Page)`` is called with the first FIRST_PAGE lines as soon
    as they are found, when there are more and they are the result's first lines (not with
    a sample or a code filter)."""
    sampled = sample is not None and q.sample
    filtered = codes is not None and q.codes != "all"
    found_iter = kwic_matches(idx, q.term, q.mode, q.sel, q.sort)
    head = list(islice(found_iter, FIRST_PAGE))
    head_lines = [kwic_line(idx, s, e, width) for s, e in head]
    head_codes = None
    if codes is not None:
        from corpus_tui.coding.lines import key_of

        code_of = lambda c: "+".join(sorted(codes.get(key_of(idx, q.term, c), ())))  # noqa: E731
        head_codes = [code_of(c) for c in head_lines]
    if first is not None and len(head) == FIRST_PAGE and not (sampled or filtered):
        rows = rows_of(head_lines, head_codes)
        first(Page(head_lines, rows, fit_widths(widths_of(rows, codes is not None), idx, width)))
    if stale():
        return None
    matches = list(head)
    while True:  # 496 000 hits of 产业 at 100 MB take seconds: a newer keystroke stops them
        more = list(islice(found_iter, FIND_CHUNK))
        matches += more
        if stale():
            return None
        if len(more) < FIND_CHUNK:
            break
        breathe()
    hits = len(matches)
    if not (sampled or filtered or codes is not None):
        # what the table shows, and nothing more
        lines = _lines(idx, matches[len(head):MAX_ROWS], width, stale)
        if lines is None:
            return None
        lines = head_lines + lines
        rows = _rows(lines, None, stale)
        if rows is None:
            return None
        spread = _spread(idx, matches, stale)
        if spread is None:
            return None
        counts, positions = spread
        return Found(lines, rows, fit_widths(widths_of(rows), idx, width), counts, positions, hits, 0, hits, hits)
    rest = _lines(idx, matches[len(head):], width, stale)
    if rest is None:
        return None
    lines = head_lines + rest
    if sampled:
        from corpus_tui.query.sample import place, sample as draw

        lines = draw(lines, *sample, key=lambda c: place(idx, c))
    total, coded, line_codes = len(lines), 0, None
    if codes is not None:
        line_codes = head_codes + [code_of(c) for c in lines[len(head):]] if not sampled else [
            code_of(c) for c in lines]
        coded = sum(1 for c in line_codes if c)
        if filtered:
            keep = [i for i, c in enumerate(line_codes)
                    if (not c if q.codes == "uncoded" else q.codes in c.split("+"))]
            lines, line_codes = [lines[i] for i in keep], [line_codes[i] for i in keep]
    spread = _spread(idx, [(c.hit.start, c.hit.end) for c in lines], stale)
    if spread is None:
        return None
    counts, positions = spread
    rows = _rows(lines[:MAX_ROWS], line_codes[:MAX_ROWS] if line_codes is not None else None, stale)
    if rows is None:
        return None
    widths = fit_widths(widths_of(rows, codes is not None), idx, width)
    return Found(lines, rows, widths, counts, positions, total, coded, hits, len(lines))


def _spread(idx, matches: list, stale=lambda: False) -> tuple[dict[str, int], dict[str, list[int]]] | None:
    """Hits per document and article, and where in each document they fall: a histogram of
    PLACES bins a document. The dispersion strip draws it at its width; binning a million
    places there, on the UI thread at every repaint, took ~0.3 s a frame at 100 MB."""
    counts = {d.id: 0 for d in idx.docs}
    positions: dict[str, list[int]] = {d.id: [0] * PLACES for d in idx.docs}
    arts = bool(idx.articles)
    for k in range(0, len(matches), FIND_CHUNK):
        if stale():
            return None
        for s, _ in matches[k:k + FIND_CHUNK]:
            d = idx.doc_at(s)
            counts[d.id] += 1
            positions[d.id][min(PLACES - 1, (s - d.char_start) * PLACES // max(1, d.char_end - d.char_start))] += 1
            if arts:
                art = idx.article_at(s)
                if art is not None:
                    counts[art.id] = counts.get(art.id, 0) + 1
        breathe()
    for a in idx.articles:
        counts.setdefault(a.id, 0)
    return counts, positions
