"""Query results -> Tables with stable column names (documented in the README's schema)."""

from __future__ import annotations

from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import Selection, SentenceHit, count_by_doc_of, kwic, selection_spans
from corpus_tui.results import Table

KWIC_COLUMNS = ("term", "doc", "article", "file", "line", "column", "start", "end", "left", "node", "right", "location")
SEARCH_COLUMNS = ("doc", "article", "file", "line", "column", "start", "hits", "sentence", "location")


def places(idx: CorpusIndex):
    """Hit -> its location: ``file:line:column``, and ``file:pPAGE:line:column`` in a PDF
    (the line counted on its page; the line column stays the line of the extracted text
    that `show --raw --line` takes)."""
    from corpus_tui.corpus.extract import location

    pages = {d.id: d.pages for d in idx.docs if getattr(d, "pages", None)}

    def where(h) -> str:
        p = pages.get(h.doc)
        return f"{h.file}:{location(p, h.line, h.column)}" if p else f"{h.file}:{h.line}:{h.column}"

    return where


def kwic_table(idx: CorpusIndex, terms: list[str], mode: str, sel: Selection, width: int | None,
               tokens: int | None, sort: str, limit: int | None, sample: tuple | None = None,
               select=None) -> Table:
    """``sample``: (n, seed, max_per_doc) drawn from each term's lines (query/sample.py);
    ``select(term, lines) -> (lines, codes)`` keeps some lines and adds a ``codes`` column."""
    rows = []
    where = places(idx)
    whole = sample is not None or select is not None
    for term in terms:
        lines = kwic(idx, term, mode, sel, width=width, tokens=tokens, sort=sort, limit=None if whole else limit)
        if sample is not None:
            from corpus_tui.query.sample import place, sample as draw

            lines = draw(lines, sample[0], sample[1], sample[2], key=lambda c: place(idx, c))
        codes = None
        if select is not None:
            lines, codes = select(term, lines)
        if limit is not None:
            lines = lines[:limit]
        for n, c in enumerate(lines):
            h = c.hit
            row = (term, h.doc, h.article, h.file, h.line, h.column, h.start, h.end, c.left, c.node, c.right,
                   where(h))
            rows.append(row if codes is None else (*row, codes[n]))
    ctx = f"{tokens} tokens" if tokens is not None else f"{width} cells"
    notes = [f"{len(rows)} hits; context {ctx} each side; sort {sort}; mode {mode}; start/end are code points in the clean text"]
    if sample is not None:
        per = f", at most {sample[2]} from one document" if sample[2] is not None else ""
        notes.append(f"a random sample of {sample[0]} lines a term, seed {sample[1]}{per}: the lines whose keyed hash "
                     f"of (seed, document, place) is lowest, so the same seed gives the same lines")
    columns, display = KWIC_COLUMNS, ("location", "left", "node", "right")
    if select is not None:
        columns, display = (*KWIC_COLUMNS, "codes"), (*display, "codes")
    return Table(columns, rows, notes=tuple(notes), display=display, right_align=("left",), highlight={"node": "all"})


def kwic_stream(idx: CorpusIndex, terms: list[str], mode: str, sel: Selection, width: int, limit: int | None,
                sort: str = "doc"):
    """(the KWIC table without its rows, the rows in chunks): what kwic_table gives, for sort
    "doc" and contexts in cells, made as it is written (query/concordance.py); the table's
    note is set once the last chunk is made."""
    from corpus_tui.query.concordance import Hits, rows

    hits = Hits(idx, terms, mode, sel, limit)
    head = Table(KWIC_COLUMNS, [], notes=(), display=("location", "left", "node", "right"), right_align=("left",),
                 highlight={"node": "all"})

    def chunks():
        yield from rows(hits, width, places(idx))
        # the note counts the lines, known once they are made (the table writes it last)
        head.notes = (f"{hits.count} hits; context {width} cells each side; sort {sort}; mode {mode}; start/end are "
                      "code points in the clean text",)

    return head, chunks()


def kwic_count_table(idx: CorpusIndex, terms: list[str], mode: str, sel: Selection) -> Table:
    spans = selection_spans(idx, sel)
    rows, notes = [], []
    for term in terms:
        docs = count_by_doc_of(idx, term, mode, spans=spans)
        n = sum(docs.values())
        rows.append((term, n, len(docs), ", ".join(f"{k}:{v}" for k, v in docs.items())))
        whole = whole_token_count(idx, term, spans, n, not sel) if mode == "surface" else n
        if whole != n:
            notes.append(f"{term}: {n} surface hits, {whole} as whole tokens or token runs (--word; what freq, "
                         f"cooc and diff count): {n - whole} lie inside a longer token or across a token edge")
    return Table(("term", "hits", "files", "per_file"), rows, notes=tuple(notes))


def whole_token_count(idx: CorpusIndex, term: str, spans, surface: int, whole_corpus: bool) -> int:
    """The hits of ``term`` that are whole tokens or runs of them (the --word count), given its
    ``surface`` count. A term that can never cross a token edge is one vocabulary word when
    whole: over the whole corpus its count is the index's frequency, no search at all (a
    --word search cost ~10 ms a term on the bundled corpus, 20 times the surface count)."""
    from itertools import repeat
    from operator import contains

    from corpus_tui.index.token_counts import crosses_boundary
    from corpus_tui.query.search import fold_query

    needle = fold_query(term, idx)
    pairs = idx.arrays.get("bpairs")
    if surface == 0 or not needle:
        return surface
    if pairs is not None and not crosses_boundary(pairs, needle):
        i = idx.word_id(needle)
        # the vocabulary words holding the needle, counted in C (200 000 words at 100 MB)
        if sum(map(contains, idx.vocab, repeat(needle))) == (i is not None):
            return surface  # no longer token holds it
        if whole_corpus:
            return int(idx.freq[i]) if i is not None else 0
    return sum(count_by_doc_of(idx, term, "word", spans=spans).values())


def search_table(idx: CorpusIndex, hits: list[SentenceHit], counts: dict[str, int]) -> Table:
    rows = []
    where = places(idx)
    for sh in hits:
        h = sh.hit
        rows.append((h.doc, h.article, h.file, h.line, h.column, h.start, sh.hits, sh.sentence, where(h)))
    per_doc = ", ".join(f"{d} {n}" for d, n in counts.items() if n)
    notes = (f"{len(rows)} sentences, {sum(counts.values())} hits" + (f" ({per_doc})" if per_doc else ""),)
    return Table(SEARCH_COLUMNS, rows, notes=notes, display=("location", "sentence"),
                 highlight={"sentence": [sh.spans for sh in hits]})


def search_stream(idx: CorpusIndex, terms: list[str], mode: str, sel: Selection, require_all: bool = True):
    """(the search table without its rows, the rows in chunks): search_table's, made as they
    are written (query/concordance.py); the table's note is set once the last chunk is made."""
    from corpus_tui.query.concordance import sentence_rows

    counts = {d.id: 0 for d in idx.docs}
    head = Table(SEARCH_COLUMNS, [], notes=(), display=("location", "sentence"))

    def chunks():
        n = 0
        for chunk in sentence_rows(idx, terms, mode, sel, require_all, counts, places(idx)):
            n += len(chunk)
            yield chunk
        per_doc = ", ".join(f"{d} {k}" for d, k in counts.items() if k)
        head.notes = (f"{n} sentences, {sum(counts.values())} hits" + (f" ({per_doc})" if per_doc else ""),)

    return head, chunks()


def search_count_table(idx: CorpusIndex, counts: dict[str, int]) -> Table:
    cat = idx.catalog
    rows = [(d, n, cat.document(d).group if cat.document(d) else "") for d, n in counts.items()]
    return Table(("doc", "hits", "group"), rows)
