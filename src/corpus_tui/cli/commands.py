"""The `corpus` command: click declarations (options, help, completion) over the actions.

What each command does is in corpus_tui.actions, so corpus_tui.cli.fast can run the same
code for the common command lines without importing click. jieba loads only when an index
must be built, textual only inside `corpus tui`.
"""

from __future__ import annotations

import sys

import click

from corpus_tui import __version__
from corpus_tui.errors import Exit
from corpus_tui.cli.actions import reading
from corpus_tui.cli.actions.common import run_action
from corpus_tui.cli.options import (CorpusGroup, _complete, coding_options, common_options, corpus_options,
                                   dict_option, kwic_coding_options, output_options, sample_options,
                                   search_mode_options, selection_options)


@click.group(cls=CorpusGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="corpus")
@common_options
@click.pass_context
def cli(ctx: click.Context, **common) -> None:
    """Read and measure Chinese policy texts: KWIC, search, frequency, collocation, keyness.

    With no command on a terminal, opens the TUI. Every command that prints rows takes
    --format table|tsv|csv|json|jsonl. Exit codes: 0 found, 1 nothing found, 2 usage or
    input error, 74 output not written, 130 interrupted. The corpus options (--corpus,
    --cache-dir, --userdict, --encoding, --tokenizer) go before the command or after it.

    \b
    Examples:
      corpus list
      corpus --corpus ~/texts kwic 新赛道
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
def list_cmd(**params):
    """The catalogue: files and the articles inside them, with metadata and sizes.

    \b
    Example:
      corpus list --tsv | cut -f1,5
    """
    run_action(reading.list_cmd, params)


@cli.command()
@click.argument("doc_id", metavar="ID", shell_complete=_complete("ids"))
@click.option("--raw", is_flag=True, help="The raw file text instead of the clean text.")
@click.option("--line", "line", type=click.IntRange(min=1), metavar="N", help="Start at raw line N.")
@corpus_options
def show(**params):
    """The clean (or --raw) text of a file or article.

    \b
    Examples:
      corpus show wlcy-citic --line 140 | head
      corpus show xdh-opeds-2 --raw
    """
    run_action(reading.show, params)


@cli.command()
@click.argument("terms", nargs=-1, metavar="TERM...", shell_complete=_complete("terms"))
@click.option("--all", "require_all", flag_value=True, default=True, help="Sentences with every term (default).")
@click.option("--any", "require_all", flag_value=False, help="Sentences with any of the terms.")
@click.option("--terms-from", metavar="FILE", help="Read more terms from FILE, one a line ('-' for stdin).")
@click.option("--count", is_flag=True, help="Only the hit counts per document.")
@search_mode_options
@dict_option
@selection_options
@corpus_options
@output_options
def search(**params):
    """Sentences that contain the terms, at raw file:line:column.

    \b
    Examples:
      corpus search 新赛道
      corpus search 未来产业 人工智能 --group 未来产业
      corpus search '未来产业.{0,4}集群' --regex --tsv
      corpus search @创新 @科技金融 --dict policy.yml --any
    """
    run_action(reading.search, params)


@cli.command()
@click.argument("terms", nargs=-1, metavar="TERM", shell_complete=_complete("terms"))
@click.option("--width", type=click.IntRange(min=1, max=400), metavar="CELLS",
              help="Context on each side, in terminal cells (default: fits the terminal; 30 in a pipe).")
@click.option("--tokens", type=click.IntRange(min=0, max=100), metavar="N", help="Context of N tokens on each side instead.")
@click.option("--sort", "sort", default="doc", show_default=True, metavar="KEY", shell_complete=_complete("sort"),
              help="doc, node, or tokens around the node: 1L 2L 3L 1R 2R 3R 1L1R 1R2R 1L2L.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N lines (after sorting); leave it out for every line.")
@click.option("--count", is_flag=True, help="Only the number of hits per term.")
@click.option("--terms-from", metavar="FILE", help="Read terms from FILE, one a line ('-' for stdin).")
@sample_options
@kwic_coding_options
@search_mode_options
@dict_option
@selection_options
@corpus_options
@output_options
def kwic(**params):
    """Keyword in context: every hit, left context right-aligned, at raw file:line.

    With --code, --uncoded, --coder or --codes a codes column shows each line's codes
    (see corpus code). --sample N draws N lines by a keyed hash of (seed, document, place).

    \b
    Examples:
      corpus kwic 未来产业
      corpus kwic 新赛道 --sort 1R --width 20
      corpus kwic 未来产业 --count
      corpus kwic 新赛道 --sample 20 --seed 7 --max-per-doc 5
      corpus kwic 新赛道 --uncoded --coder ann
    """
    run_action(reading.kwic, params)


@cli.command()
@click.option("--status", is_flag=True, help="Only say whether the saved index is current.")
@click.option("--rebuild", is_flag=True, help="Build again even if the saved index is current.")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=64), metavar="N",
              help="Worker processes for tokenizing (default: 1, or 2 for corpora over 4 MB).")
@click.option("--dask", metavar="ADDRESS",
              help="Tokenize on a Dask cluster: a scheduler's tcp://HOST:PORT, or local:N to start N local "
                   "workers (needs the dask extra). Same index, byte for byte.")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N",
              help="Save the index as shards of N files each and a manifest (default: one shard; with --dask, "
                   "shards of ~256 MB of files). Queries give the same output either way.")
@corpus_options
def index(**params):
    """Build the corpus index in the cache (done automatically on first use).

    \b
    Examples:
      corpus index
      corpus index --status
      corpus index --rebuild --dask local:2
      corpus index --rebuild --dask tcp://10.0.0.5:8786
      corpus index --rebuild --shard-size 100
    """
    run_action(reading.index, params)


@cli.command()
@dict_option
@sample_options
@coding_options
@corpus_options
def tui(**params):
    """Open the interactive app (also `corpus` alone on a terminal).

    With --dict FILE the Frequency tab switches between words and the dictionary's
    categories, and the search box completes @category names. With a codebook
    (./codebook.toml, the user config folder's, or --codebook), keys 1-9 in the KWIC tab
    toggle its codes on the current line, n gives the line a note, u undoes, c cycles the
    filter (all, uncoded, each code); r takes a sample of the lines (--sample N, default 200).

    \b
    Examples:
      corpus tui
      corpus tui --dict policy.yml
      corpus tui --coder ann --sample 200 --seed 7
    """
    run_action(reading.tui, params)


def main() -> None:
    try:
        cli(prog_name="corpus")
    except BrokenPipeError:
        raise
    except OSError as exc:  # click's own writes (--help, --version) to a full disk
        from corpus_tui.output import _discard_pending

        _discard_pending(sys.stdout)
        sys.stderr.write(f"corpus: error: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(Exit.OUTPUT)


# Commands kept in their own modules so cli.py stays a thin index of commands.
cli.lazy = {"freq": "corpus_tui.cli.stats_commands", "cooc": "corpus_tui.cli.stats_commands", "diff": "corpus_tui.cli.stats_commands",
            "trend": "corpus_tui.cli.stats_commands", "first": "corpus_tui.cli.stats_commands",
            "dict": "corpus_tui.cli.concept_commands", "suggest": "corpus_tui.cli.concept_commands",
            "completion": "corpus_tui.cli.shell", "init": "corpus_tui.cli.corpus_commands",
            "check": "corpus_tui.cli.corpus_commands", "code": "corpus_tui.cli.code_commands"}

# The zsh and fish scripts are click's with their defects mended (cli/shell_scripts.py); registered
# here so that `_CORPUS_COMPLETE=zsh_complete` answers in the mended script's format.
from corpus_tui.cli import shell_scripts  # noqa: E402,F401
