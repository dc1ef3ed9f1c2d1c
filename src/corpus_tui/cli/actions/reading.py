"""`corpus list`, `show`, `search`, `kwic`, `index` and `tui`."""

from __future__ import annotations

import sys
import time

from corpus_tui.cli.actions.common import emit, fail, open_corpus, read_terms, selection
from corpus_tui.errors import Exit
from corpus_tui.output import send, terminal_width

TYPE_CHECKING = False
if TYPE_CHECKING:
    from corpus_tui.results import Table


def category_terms(terms, dict_file):
    """Terms with each @category of --dict made a dictionary term (stats/categories.py);
    without --dict nothing is imported and an @name stays text."""
    if dict_file is None and not any(t.startswith("@") for t in terms):
        return terms
    from corpus_tui.cli.actions.common import warn
    from corpus_tui.stats.categories import resolve_terms
    from corpus_tui.stats.dictionary import read_dictionary

    return resolve_terms(terms, read_dictionary(dict_file) if dict_file else None, warn)


def list_cmd(opts, fmt, no_header, meta):
    from corpus_tui.query.catalogue import catalogue_table

    idx = open_corpus(opts)
    table = catalogue_table(idx)
    emit(idx, table, fmt, no_header, meta, None, found=True)


def show(opts, doc_id, raw, line):
    from corpus_tui.query.reading import read_text_of
    from corpus_tui.output import for_display_text

    idx = open_corpus(opts)
    text = read_text_of(idx, doc_id, raw=raw, from_line=line)
    send(for_display_text(text) + ("\n" if text and not text.endswith("\n") else ""))


def search(opts, terms, require_all, terms_from, count, mode, docs, groups, outlets, since, until, fmt, no_header,
           meta, dict_file=None):
    from corpus_tui.query.search import search as run_search
    from corpus_tui.query.tables import search_count_table, search_table

    terms = category_terms(read_terms(terms, terms_from), dict_file)
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    options = dict(terms=terms, mode=mode, all=require_all, docs=docs, groups=groups, outlets=outlets, since=since,
                   until=until, dictionary=dict_file)
    if not count and not terminal_width(sys.stdout):
        # every sentence written as it is made (query/concordance.py): `| head` at once
        from corpus_tui.cli.actions.common import emit_stream
        from corpus_tui.query.tables import search_stream

        head, chunks = search_stream(idx, terms, mode, sel, require_all)
        first = next(chunks, None)
        emit_stream(idx, head, _chain(first, chunks), fmt, no_header, meta, options, found=first is not None)
    hits, counts = run_search(idx, terms, mode, sel, require_all)
    table = search_count_table(idx, counts) if count else search_table(idx, hits, counts)
    emit(idx, table, fmt, no_header, meta, options, found=bool(hits))


def _chain(first, rest):
    if first is not None:
        yield first
        yield from rest


def kwic(opts, terms, width, tokens, sort, limit, count, terms_from, mode, docs, groups, outlets, since, until, fmt,
         no_header, meta, dict_file=None, sample=None, seed=None, max_per_doc=None, code=None, uncoded=False,
         coder=None, codes=None, codebook=None):
    from corpus_tui.query.search import SORT_KEYS
    from corpus_tui.query.tables import kwic_count_table, kwic_table

    if width is not None and tokens is not None:
        fail("--width and --tokens exclude each other")
    if sort not in SORT_KEYS:
        fail(f"unknown --sort {sort!r}; choose from {', '.join(SORT_KEYS)}")
    if sample is None and (seed is not None or max_per_doc is not None):
        fail("--seed and --max-per-doc go with --sample N")
    coding = code is not None or uncoded or codes is not None or coder is not None
    if count and (coding or sample is not None):
        fail("--count counts every hit: leave out --sample, --code, --uncoded, --coder and --codes")
    term_list = category_terms(read_terms(terms, terms_from), dict_file)
    cols = terminal_width(sys.stdout) if width is None and tokens is None else None
    if width is None and tokens is None:
        width = max(8, (cols - 18) // 2) if cols else 30  # cut to the real columns by fit_kwic below
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    options = dict(terms=term_list, mode=mode, width=width, tokens=tokens, sort=sort, limit=limit, docs=docs,
                   groups=groups, outlets=outlets, since=since, until=until, dictionary=dict_file)
    if not count and not coding and sample is None and sort == "doc" and tokens is None and not cols:
        # every line written as it is made (query/concordance.py): `| head` at once
        from corpus_tui.cli.actions.common import emit_stream
        from corpus_tui.query.tables import kwic_stream

        head, chunks = kwic_stream(idx, term_list, mode, sel, width, limit)
        first = next(chunks, None)  # found or not: the exit status
        emit_stream(idx, head, _chain(first, chunks), fmt, no_header, meta, options, found=first is not None)
    if count:
        table = kwic_count_table(idx, term_list, mode, sel)
        found = any(row[1] for row in table.rows)
    else:
        select = None
        if coding:
            from corpus_tui.cli.actions.coding import kwic_selector

            select = kwic_selector(idx, code, uncoded, coder, codes, codebook)
        drawn = None if sample is None else (sample, seed or 0, max_per_doc)
        table = kwic_table(idx, term_list, mode, sel, width, tokens, sort, limit, drawn, select)
        found = bool(table.rows)
        if cols and (fmt or "table") == "table":
            table = fit_kwic(table, cols)
    if sample is not None:
        options.update(sample=sample, seed=seed or 0, max_per_doc=max_per_doc)
    if coding:
        options.update(code=code, uncoded=uncoded, coder=coder)
    emit(idx, table, fmt, no_header, meta, options, found=found)


GAP = 2  # cells between the columns of the table format (output._table)


def fit_kwic(table: Table, columns: int, min_width: int = 4) -> Table:
    """The KWIC table with its contexts cut so that a row fits ``columns`` terminal cells:
    what is left after the widest location and node (and the gaps) is shared by the two
    contexts. Rows are cut from contexts made at least as wide, so nothing is recomputed."""
    from corpus_tui.cells import cell_len, crop_left, crop_right
    from corpus_tui.output import for_display
    from corpus_tui.query.tables import KWIC_COLUMNS
    from corpus_tui.results import Table

    li, ni, le, ri = (KWIC_COLUMNS.index(c) for c in ("location", "node", "left", "right"))
    loc = max([cell_len(for_display(r[li])) for r in table.rows] + [len("location")])
    node = max([cell_len(for_display(r[ni])) for r in table.rows] + [len("node")])
    codes = 0  # kwic --code/--uncoded: the codes column must fit too
    if "codes" in table.columns:
        ci = table.columns.index("codes")
        codes = GAP + max([cell_len(for_display(r[ci])) for r in table.rows] + [len("codes")])
    width = max(min_width, (columns - 1 - loc - node - 3 * GAP - codes) // 2)  # - 1: the last column can wrap
    rows = []
    for r in table.rows:
        r = list(r)
        r[le], r[ri] = crop_left(r[le], width), crop_right(r[ri], width)
        rows.append(tuple(r))
    notes = tuple(n.replace(_context_note(table), f"context {width} cells", 1) for n in table.notes)
    return Table(table.columns, rows, notes=notes, display=table.display, right_align=table.right_align,
                 highlight=table.highlight)


def _context_note(table: Table) -> str:
    note = table.notes[0]
    start = note.index("context ")
    return note[start:note.index(" each side", start)]


def index(opts, status, rebuild, jobs, dask=None, shard_size=None):
    from corpus_tui.index.open import status as index_status

    if dask is not None:
        from corpus_tui.index.dask_run import check_address

        if jobs is not None:
            fail("--jobs and --dask do not go together (with --dask local:N, N is the number of workers)")
        check_address(dask)  # a bad address or no dask: said now, not only when a build is due
        opts = opts._replace(dask=dask)
    opts = opts._replace(shard_size=shard_size)
    if status:
        st = index_status(opts._replace(jobs=jobs))
        state = f"current, built {st.built}" if st.current else "missing or stale (run: corpus index)"
        send(f"corpus: {st.root}\nindex: {st.folder}\nstatus: {state}\n")
        sys.exit(Exit.FOUND if st.current else Exit.NOT_FOUND)
    t0 = time.perf_counter()
    idx = open_corpus(opts._replace(jobs=jobs), rebuild=rebuild)
    took = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in idx.path.rglob("*") if p.is_file()) if idx.path else 0  # shards too
    send(
        f"corpus: {idx.catalog.root}\n"
        f"index: {idx.path or '(in memory)'}\n"
        f"files: {len(idx.docs)}  articles: {len(idx.articles)}  characters: {idx.n_chars}  "
        f"tokens: {idx.n_tokens}  types: {len(idx.vocab)}\n"
        f"size on disk: {size / 1e6:.2f} MB  built: {idx.meta['built']} in {idx.meta['build_seconds']:.2f} s  "
        f"(this run: {took:.2f} s)\n"
    )


def tui(opts, dict_file=None, codes=None, codebook=None, coder=None, sample=None, seed=None, max_per_doc=None):
    from corpus_tui.cli.actions.common import note_bundled

    dictionary = None
    if dict_file:  # read before the app starts: a broken file is one error line, not a screen
        from corpus_tui.stats.dictionary import read_dictionary

        dictionary = read_dictionary(dict_file)
    from corpus_tui.tui.app import run  # textual is imported here and nowhere else in the CLI

    if sample is None and (seed is not None or max_per_doc is not None):
        fail("--seed and --max-per-doc go with --sample N")
    note_bundled(opts)
    run(opts, dictionary, dict(codes=codes, codebook=codebook, coder=coder,
                               sample=None if sample is None else (sample, seed or 0, max_per_doc)))
