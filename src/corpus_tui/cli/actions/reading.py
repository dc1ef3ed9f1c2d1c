"""`corpus list`, `show`, `search`, `kwic`, `index` and `tui`."""

from __future__ import annotations

import sys
import time

from corpus_tui.cli.actions.common import emit, fail, open_corpus, read_terms
from corpus_tui.errors import Exit
from corpus_tui.output import terminal_width


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
    sys.stdout.write(for_display_text(text))
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")


def search(opts, terms, require_all, terms_from, count, mode, docs, groups, outlets, fmt, no_header, meta):
    from corpus_tui.query.search import Selection, search as run_search
    from corpus_tui.query.tables import search_count_table, search_table

    terms = read_terms(terms, terms_from)
    idx = open_corpus(opts)
    hits, counts = run_search(idx, terms, mode, Selection(docs, groups, outlets), require_all)
    table = search_count_table(idx, counts) if count else search_table(idx, hits, counts)
    options = dict(terms=terms, mode=mode, all=require_all, docs=docs, groups=groups, outlets=outlets)
    emit(idx, table, fmt, no_header, meta, options, found=bool(hits))


def kwic(opts, terms, width, tokens, sort, limit, count, terms_from, mode, docs, groups, outlets, fmt, no_header,
         meta):
    from corpus_tui.query.search import SORT_KEYS, Selection
    from corpus_tui.query.tables import kwic_count_table, kwic_table

    if width is not None and tokens is not None:
        fail("--width and --tokens exclude each other")
    if sort not in SORT_KEYS:
        fail(f"unknown --sort {sort!r}; choose from {', '.join(SORT_KEYS)}")
    term_list = read_terms(terms, terms_from)
    if width is None and tokens is None:
        cols = terminal_width(sys.stdout)
        width = max(8, (cols - 40) // 2) if cols else 30
    idx = open_corpus(opts)
    sel = Selection(docs, groups, outlets)
    if count:
        table = kwic_count_table(idx, term_list, mode, sel)
        found = any(row[1] for row in table.rows)
    else:
        table = kwic_table(idx, term_list, mode, sel, width, tokens, sort, limit)
        found = bool(table.rows)
    options = dict(terms=term_list, mode=mode, width=width, tokens=tokens, sort=sort, limit=limit, docs=docs,
                   groups=groups, outlets=outlets)
    emit(idx, table, fmt, no_header, meta, options, found=found)


def index(opts, status, rebuild, jobs):
    from corpus_tui.index.open import status as index_status

    if status:
        st = index_status(opts._replace(jobs=jobs))
        state = f"current, built {st.built}" if st.current else "missing or stale (run: corpus index)"
        print(f"corpus: {st.root}\nindex: {st.folder}\nstatus: {state}")
        sys.exit(Exit.FOUND if st.current else Exit.NOT_FOUND)
    t0 = time.perf_counter()
    idx = open_corpus(opts._replace(jobs=jobs), rebuild=rebuild)
    took = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in idx.path.iterdir()) if idx.path else 0
    print(
        f"corpus: {idx.catalog.root}\n"
        f"index: {idx.path or '(in memory)'}\n"
        f"files: {len(idx.docs)}  articles: {len(idx.articles)}  characters: {idx.n_chars}  "
        f"tokens: {idx.n_tokens}  types: {len(idx.vocab)}\n"
        f"size on disk: {size / 1e6:.2f} MB  built: {idx.meta['built']} in {idx.meta['build_seconds']:.2f} s  "
        f"(this run: {took:.2f} s)"
    )


def tui(opts):
    from corpus_tui.tui.app import run  # textual is imported here and nowhere else in the CLI

    run(opts)
