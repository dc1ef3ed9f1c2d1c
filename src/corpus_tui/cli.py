"""The `corpus` command: thin click commands over the core.

Imports here are only click and the light core modules; jieba loads only when an index
must be built, textual only inside `corpus tui`.
"""

from __future__ import annotations

import sys
import time

import click

from corpus_tui import __version__
from corpus_tui.clikit import (CorpusGroup, _complete, chosen_tokenizer, corpus_options, fail, output_options, read_terms,
                               search_mode_options, selection_options, warn)
from corpus_tui.core.results import Table
from corpus_tui.errors import Exit
from corpus_tui.output import terminal_width, write


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(what: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r\x1b[2Kcorpus: {what} {done}/{total} files")
        if done == total:
            sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()

    return show


def open_corpus(corpus, cache_dir, userdict, encoding, jobs=None, rebuild=False):
    from corpus_tui.core.index import IndexOptions, open_index

    opts = IndexOptions(corpus=corpus, cache_dir=cache_dir, userdict=userdict, encoding=encoding, jobs=jobs,
                        tokenizer=chosen_tokenizer())
    idx = open_index(opts, progress=_progress_printer(), warn=warn, rebuild=rebuild)
    for problem in idx.catalog.problems:
        warn(problem.located)  # the run goes on, so a warning; refused rows say "row refused"
    return idx


def provenance(idx, **options) -> dict:
    from corpus_tui.core.provenance import provenance as prov

    return prov(idx, options)


@click.group(cls=CorpusGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="corpus")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Read and measure Chinese policy texts: KWIC, search, frequency, collocation, keyness.

    With no command on a terminal, opens the TUI. Every command that prints rows takes
    --format table|tsv|csv|json|jsonl. Exit codes: 0 found, 1 nothing found, 2 usage or
    input error, 130 interrupted.

    \b
    Examples:
      corpus list
      corpus kwic 未来产业 --sort 1R
      corpus search 新赛道 人工智能 --any --tsv | head
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(tui)
        else:
            click.echo(ctx.get_help())


@cli.command("list")
@corpus_options
@output_options
def list_cmd(corpus, cache_dir, userdict, encoding, fmt, no_header, meta):
    """The catalogue: files and the articles inside them, with metadata and sizes.

    \b
    Example:
      corpus list --tsv | cut -f1,5
    """
    from corpus_tui.core.catalogview import catalogue_table

    idx = open_corpus(corpus, cache_dir, userdict, encoding)
    write(catalogue_table(idx), fmt, header=not no_header, meta=provenance(idx) if meta else None)


@cli.command()
@click.argument("doc_id", metavar="ID", shell_complete=_complete("ids"))
@click.option("--raw", is_flag=True, help="The raw file text instead of the clean text.")
@click.option("--line", "line", type=click.IntRange(min=1), metavar="N", help="Start at raw line N.")
@corpus_options
def show(doc_id, raw, line, corpus, cache_dir, userdict, encoding):
    """The clean (or --raw) text of a file or article.

    \b
    Examples:
      corpus show wlcy-citic --line 140 | head
      corpus show xdh-opeds-2 --raw
    """
    from corpus_tui.core.reading import read_text_of
    from corpus_tui.output import for_display_text

    idx = open_corpus(corpus, cache_dir, userdict, encoding)
    text = read_text_of(idx, doc_id, raw=raw, from_line=line)
    sys.stdout.write(for_display_text(text))
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")


@cli.command()
@click.argument("terms", nargs=-1, metavar="TERM...", shell_complete=_complete("terms"))
@click.option("--all", "require_all", flag_value=True, default=True, help="Sentences with every term (default).")
@click.option("--any", "require_all", flag_value=False, help="Sentences with any of the terms.")
@click.option("--terms-from", metavar="FILE", help="Read more terms from FILE, one a line ('-' for stdin).")
@click.option("--count", is_flag=True, help="Only the hit counts per document.")
@search_mode_options
@selection_options
@corpus_options
@output_options
def search(terms, require_all, terms_from, count, mode, docs, groups, outlets, corpus, cache_dir, userdict,
           encoding, fmt, no_header, meta):
    """Sentences that contain the terms, at raw file:line:column.

    \b
    Examples:
      corpus search 新赛道
      corpus search 未来产业 人工智能 --group 未来产业
      corpus search '未来产业.{0,4}集群' --regex --tsv
    """
    from corpus_tui.core.query import Selection, search as run_search
    from corpus_tui.core.tables import search_count_table, search_table

    terms = read_terms(terms, terms_from)
    idx = open_corpus(corpus, cache_dir, userdict, encoding)
    hits, counts = run_search(idx, terms, mode, Selection(docs, groups, outlets), require_all)
    table = search_count_table(idx, counts) if count else search_table(idx, hits, counts)
    prov = provenance(idx, terms=terms, mode=mode, all=require_all, docs=docs, groups=groups, outlets=outlets) if meta else None
    write(table, fmt, header=not no_header, meta=prov)
    sys.exit(Exit.FOUND if hits else Exit.NOT_FOUND)


@cli.command()
@click.argument("terms", nargs=-1, metavar="TERM", shell_complete=_complete("terms"))
@click.option("--width", type=click.IntRange(min=1, max=400), metavar="CELLS",
              help="Context on each side, in terminal cells (default: fits the terminal; 30 in a pipe).")
@click.option("--tokens", type=click.IntRange(min=0, max=100), metavar="N", help="Context of N tokens on each side instead.")
@click.option("--sort", "sort", default="doc", show_default=True, metavar="KEY", shell_complete=_complete("sort"),
              help="doc, node, or tokens around the node: 1L 2L 3L 1R 2R 3R 1L1R 1R2R 1L2L.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N lines (after sorting).")
@click.option("--count", is_flag=True, help="Only the number of hits per term.")
@click.option("--terms-from", metavar="FILE", help="Read terms from FILE, one a line ('-' for stdin).")
@search_mode_options
@selection_options
@corpus_options
@output_options
def kwic(terms, width, tokens, sort, limit, count, terms_from, mode, docs, groups, outlets, corpus, cache_dir,
         userdict, encoding, fmt, no_header, meta):
    """Keyword in context: every hit, left context right-aligned, at raw file:line.

    \b
    Examples:
      corpus kwic 未来产业
      corpus kwic 新赛道 --sort 1R --width 20
      corpus kwic 未来产业 --count
    """
    from corpus_tui.core.query import SORT_KEYS, Selection
    from corpus_tui.core.tables import kwic_count_table, kwic_table

    if width is not None and tokens is not None:
        fail("--width and --tokens exclude each other")
    if sort not in SORT_KEYS:
        fail(f"unknown --sort {sort!r}; choose from {', '.join(SORT_KEYS)}")
    term_list = read_terms(terms, terms_from)
    if width is None and tokens is None:
        cols = terminal_width(sys.stdout)
        width = max(8, (cols - 40) // 2) if cols else 30
    idx = open_corpus(corpus, cache_dir, userdict, encoding)
    sel = Selection(docs, groups, outlets)
    if count:
        table = kwic_count_table(idx, term_list, mode, sel)
        found = any(row[1] for row in table.rows)
    else:
        table = kwic_table(idx, term_list, mode, sel, width, tokens, sort, limit)
        found = bool(table.rows)
    prov = provenance(idx, terms=term_list, mode=mode, width=width, tokens=tokens, sort=sort, limit=limit,
                      docs=docs, groups=groups, outlets=outlets) if meta else None
    write(table, fmt, header=not no_header, meta=prov)
    sys.exit(Exit.FOUND if found else Exit.NOT_FOUND)


@cli.command()
@click.option("--status", is_flag=True, help="Only say whether the saved index is current.")
@click.option("--rebuild", is_flag=True, help="Build again even if the saved index is current.")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=64), metavar="N",
              help="Worker processes for tokenizing (default: 1, or 2 for corpora over 4 MB).")
@corpus_options
def index(status, rebuild, jobs, corpus, cache_dir, userdict, encoding):
    """Build the corpus index in the cache (done automatically on first use).

    \b
    Examples:
      corpus index
      corpus index --status
    """
    from corpus_tui.core.index import IndexOptions, status as index_status

    opts = IndexOptions(corpus=corpus, cache_dir=cache_dir, userdict=userdict, encoding=encoding, jobs=jobs,
                        tokenizer=chosen_tokenizer())
    if status:
        st = index_status(opts)
        state = f"current, built {st.built}" if st.current else "missing or stale (run: corpus index)"
        click.echo(f"corpus: {st.root}\nindex: {st.folder}\nstatus: {state}")
        sys.exit(Exit.FOUND if st.current else Exit.NOT_FOUND)
    t0 = time.perf_counter()
    idx = open_corpus(corpus, cache_dir, userdict, encoding, jobs=jobs, rebuild=rebuild)
    took = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in idx.path.iterdir()) if idx.path else 0
    click.echo(
        f"corpus: {idx.catalog.root}\n"
        f"index: {idx.path or '(in memory)'}\n"
        f"files: {len(idx.docs)}  articles: {len(idx.articles)}  characters: {idx.n_chars}  "
        f"tokens: {idx.n_tokens}  types: {len(idx.vocab)}\n"
        f"size on disk: {size / 1e6:.2f} MB  built: {idx.meta['built']} in {idx.meta['build_seconds']:.2f} s  "
        f"(this run: {took:.2f} s)"
    )


@cli.command()
@corpus_options
def tui(corpus, cache_dir, userdict, encoding):
    """Open the interactive app (also `corpus` alone on a terminal)."""
    from corpus_tui.tui.app import run  # textual is imported here and nowhere else in the CLI

    run(corpus=corpus, cache_dir=cache_dir, userdict=userdict, encoding=encoding)


def main() -> None:
    cli(prog_name="corpus")


# Commands kept in their own modules so cli.py stays a thin index of commands.
cli.lazy = {"freq": "corpus_tui.cli_stats", "cooc": "corpus_tui.cli_stats", "diff": "corpus_tui.cli_stats",
            "completion": "corpus_tui.cli_shell"}
