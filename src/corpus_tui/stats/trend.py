"""Trends over time: a term's rate per period with its Wilson score interval, and its share.

The table builders take per-document counts already reduced to (period, hits per term, tokens):
finding the hits is the query stage's work, a document's period the catalogue's (corpus.dates).
"""

from __future__ import annotations

from collections import namedtuple
from math import sqrt

NAN = float("nan")
Z95 = 1.959964  # the standard normal's 0.975 quantile: a two-sided 95 % interval
PER = {"10k": 10_000, "million": 1_000_000}
RATE_COLUMN = {"10k": "per_10k", "million": "per_million"}

WILSON_NOTE = ("ci_low, ci_high: 95 % Wilson score interval (z = 1.959964) of the proportion "
               "p = k/n, (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), in the rate's unit")

# One document's contribution: its period, its hits of each term (in the terms' order), its tokens.
DocumentCount = namedtuple("DocumentCount", "period hits tokens")
# One row's numbers before they become a table row.
TrendCell = namedtuple("TrendCell", "period term freq total rate ci_low ci_high docs docs_total")


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of the proportion k/n; n = 0 has no interval (ValueError).

    Unlike the normal approximation it stays inside [0, 1] and is not empty at k = 0.
    """
    if n <= 0:
        raise ValueError("the Wilson interval needs n > 0")
    if not 0 <= k <= n:
        raise ValueError(f"k = {k} outside 0..{n}")
    p = k / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    low, high = (centre - half) / denominator, (centre + half) / denominator
    # At k = 0 and k = n the bound is exactly 0 or 1; floating point can miss it by an ulp.
    return (0.0 if k == 0 else max(0.0, low), 1.0 if k == n else min(1.0, high))


def _aggregate(terms, documents, axis):
    """Per period: tokens, documents, and per term hits and documents with a hit."""
    slot = {period: i for i, period in enumerate(axis)}
    tokens = [0] * len(axis)
    docs_total = [0] * len(axis)
    freq = [[0] * len(terms) for _ in axis]
    docs = [[0] * len(terms) for _ in axis]
    for doc in documents:
        i = slot[doc.period]  # a period missing from the axis is the caller's bug: KeyError
        tokens[i] += doc.tokens
        docs_total[i] += 1
        for t, hits in enumerate(doc.hits):
            freq[i][t] += hits
            docs[i][t] += hits > 0
    return tokens, docs_total, freq, docs


def rate_cells(terms, documents, axis, per: str = "10k") -> list[TrendCell]:
    """One cell per period of ``axis`` and term, in period order: hits per ``per`` tokens.

    ``total`` is the period's tokens; a period without tokens has rate 0 and no interval (NaN: printed empty, JSON null).
    """
    unit = PER[per]
    tokens, docs_total, freq, docs = _aggregate(terms, documents, axis)
    cells = []
    for i, period in enumerate(axis):
        n = tokens[i]
        for t, term in enumerate(terms):
            k = freq[i][t]
            if n:
                low, high = wilson_interval(min(k, n), n)
                rate, low, high = k / n * unit, low * unit, high * unit
            else:
                rate, low, high = 0.0, NAN, NAN
            cells.append(TrendCell(period, term, k, n, rate, low, high, docs[i][t], docs_total[i]))
    return cells


def share_cells(terms, documents, axis) -> list[TrendCell]:
    """One cell per period and term: the term's hits as a share (0-1) of all the terms' hits.

    ``total`` is the terms' hits together; a period where none occurs has share 0, no interval (NaN).
    """
    _, docs_total, freq, docs = _aggregate(terms, documents, axis)
    cells = []
    for i, period in enumerate(axis):
        n = sum(freq[i])
        for t, term in enumerate(terms):
            k = freq[i][t]
            if n:
                low, high = wilson_interval(k, n)
                share = k / n
            else:
                share, low, high = 0.0, NAN, NAN
            cells.append(TrendCell(period, term, k, n, share, low, high, docs[i][t], docs_total[i]))
    return cells


def first_last(occurrences):
    """The earliest and the latest dated occurrence of a term, ties on a date broken by order.

    ``occurrences``: (date sort key, document order, position in document, payload) for each
    dated hit. Ordered by date, then document, then position: the first is the least, the last
    the greatest. Returns (first payload, last payload), or (None, None) when there is none.
    """
    first = last = None
    for occurrence in occurrences:
        key = occurrence[:3]
        if first is None or key < first[:3]:
            first = occurrence
        if last is None or key > last[:3]:
            last = occurrence
    return (first[3] if first else None, last[3] if last else None)


# -- over an index ------------------------------------------------------------------------

def _word_tokens_by_document(idx, sel) -> dict[str, int]:
    """Word tokens (punctuation left out, as every N of the statistics) per dated-document id."""
    from corpus_tui.stats.frequency import TermFilter, VocabFlags, count_unigrams, selected_segments, word_tokens

    flags = VocabFlags(idx, TermFilter())
    out: dict[str, int] = {}
    for seg in selected_segments(idx, sel):
        key = seg.part("article")  # article id, file id or "<file>:outside": the timeline's ids
        out[key] = out.get(key, 0) + word_tokens(count_unigrams(idx, seg.a, seg.b), flags)
    return out


class TermCounts(namedtuple("TermCounts", "documents hits tokens")):
    """Per selected document (timeline order): its DatedDocument, hits per term, word tokens."""

    __slots__ = ()


def term_counts(idx, terms, mode, sel) -> TermCounts:
    """Hits of each term and word tokens in every selected document of the timeline."""
    from corpus_tui.query.search import find, selection_spans
    from corpus_tui.query.timeline import timeline

    tl = timeline(idx)
    spans = selection_spans(idx, sel)
    tokens = _word_tokens_by_document(idx, sel)
    hits = {}
    for t, term in enumerate(terms):
        for s, _ in find(idx, term, mode, spans=spans):
            doc = tl.at(s)
            if doc is not None:
                hits.setdefault(doc.order, [0] * len(terms))[t] += 1
    chosen = [d for d in tl.documents if d.id in tokens or d.order in hits]
    return TermCounts(chosen, [tuple(hits.get(d.order, (0,) * len(terms))) for d in chosen],
                      [tokens.get(d.id, 0) for d in chosen])


# -- the tables ---------------------------------------------------------------------------

TREND_COLUMNS = ("period", "term", "freq", "tokens", "{rate}", "ci_low", "ci_high", "docs", "docs_total")
SHARE_COLUMNS = ("period", "term", "freq", "total", "share", "ci_low", "ci_high", "docs", "docs_total")
FIRST_COLUMNS = ("term", "first_date", "first_doc", "first_location", "first_context", "last_date", "last_doc",
                 "last_location", "periods", "docs")
DOCUMENT_NOTE = ("a document is an article, a file without articles, or a file's text outside its articles "
                 "(<file>:outside); its date is its own, an article's overriding its file's")


def _round(x):
    return round(x, 4) if x == x else x  # NaN stays NaN: printed empty, JSON null


def _coarse_note(counts, unit) -> str:
    from corpus_tui.corpus.dates import is_coarse

    years = sorted({d.date.year for d in counts.documents if is_coarse(d.date, unit)})
    if not years:
        return ""
    shown = ", ".join(f"{y:04d}" for y in years)
    return f"{shown}: documents dated only to the year, counted under the year's own row (not under a {unit})"


def trend_table(idx, terms, mode, sel, unit="year", per="10k", share=False, selection="whole corpus"):
    """`corpus trend`: one row per period and term, every period from the first to the last date."""
    from corpus_tui.results import Table
    from corpus_tui.corpus.dates import period_axis, period_of

    counts = term_counts(idx, terms, mode, sel)
    axis = period_axis([d.date for d in counts.documents], unit)
    documents = [DocumentCount(period_of(d.date, unit), h, n)
                 for d, h, n in zip(counts.documents, counts.hits, counts.tokens)]
    cells = share_cells(terms, documents, axis) if share else rate_cells(terms, documents, axis, per)
    rows = [(c.period.label, c.term, c.freq, c.total, _round(c.rate), _round(c.ci_low), _round(c.ci_high), c.docs,
             c.docs_total) for c in cells]
    if share:
        columns = SHARE_COLUMNS
        measure = ("share = freq / total, total = the hits of all the terms given in the period (overlapping "
                   "terms each count their hits); ci_low, ci_high: 95 % Wilson score interval of the share")
    else:
        columns = tuple(c.format(rate=RATE_COLUMN[per]) for c in TREND_COLUMNS)
        measure = (f"freq = hits in the period's documents (mode {mode}); tokens = their word tokens (punctuation "
                   f"left out); {RATE_COLUMN[per]} = freq / tokens × {PER[per]:,}".replace(",", " ") + "; " + WILSON_NOTE)
    undated = sum(1 for d in counts.documents if not d.date.dated)
    notes = [
        f"{len(terms)} term(s) by {unit}, {len(axis)} periods, {len(counts.documents)} documents"
        + (f" ({undated} undated: last row)" if undated else "") + f"; selection: {selection}",
        measure,
        "docs = the period's documents with a hit; docs_total = the period's documents; a period with no "
        "document shows 0 and no interval",
        DOCUMENT_NOTE,
    ]
    coarse = _coarse_note(counts, unit)
    if coarse:
        notes.append(coarse)
    found = any(c.freq for c in cells)
    return Table(columns, rows, notes=tuple(notes), meta={"found": found, "unit": unit, "per": per, "share": share,
                                                           "periods": [c.period for c in cells]})


def first_table(idx, terms, mode, sel, unit="year", selection="whole corpus"):
    """`corpus first`: per term, the earliest and the latest dated occurrence."""
    from corpus_tui.query.search import find, make_hit, selection_spans
    from corpus_tui.results import Table
    from corpus_tui.corpus.dates import period_of
    from corpus_tui.query.timeline import timeline

    tl = timeline(idx)
    spans = selection_spans(idx, sel)
    rows, marks = [], []
    for term in terms:
        dated, docs, periods = [], set(), set()
        for s, e in find(idx, term, mode, spans=spans):
            doc = tl.at(s)
            if doc is None:
                continue
            docs.add(doc.id)
            if doc.date.dated:
                periods.add(period_of(doc.date, unit))
                dated.append((doc.date.sort_key, doc.order, s, (doc, s, e)))
        first, last = first_last(dated)
        row, mark = [term], None
        for k, found in enumerate((first, last)):
            if found is None:
                row += ["", "", "", ""] if k == 0 else ["", "", ""]
                continue
            doc, s, e = found
            hit = make_hit(idx, s, e)
            row += [str(doc.date), doc.id, f"{hit.file}:{hit.line}:{hit.column}"]
            if k == 0:
                left, node, right = _context(idx, s, e)
                row.append(left + node + right)
                mark = [(len(left), len(left) + len(node))]
        rows.append(tuple(row) + (len(periods), len(docs)))
        marks.append(mark or [])
    notes = (
        f"first/last: the earliest and the latest dated occurrence (mode {mode}); dates ordered by their first "
        "day, a coarser date (2026) before the finer ones inside it (2026-01-06); ties on a date broken by "
        "document order, then position",
        f"periods = {unit}s with a dated hit; docs = documents with a hit, dated or not; selection: {selection}",
        DOCUMENT_NOTE,
    )
    return Table(FIRST_COLUMNS, rows, notes=notes, highlight={"first_context": marks},
                 display=("term", "first_date", "first_doc", "first_context", "last_date", "last_doc", "periods",
                          "docs"),
                 meta={"found": any(r[-1] for r in rows)})


def _context(idx, s, e, width=12):
    from corpus_tui.query.search import _context as context  # the KWIC's cropping, in cells

    left, right = context(idx, s, e, width, None)
    return left, idx.slice(s, e), right
