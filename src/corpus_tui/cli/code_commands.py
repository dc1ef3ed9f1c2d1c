"""`corpus code ...`: the click declarations over corpus_tui.cli.actions.coding (registered lazily)."""

from __future__ import annotations

import click

from corpus_tui.cli.actions import coding
from corpus_tui.cli.actions.common import run_action
from corpus_tui.cli.options import _complete, coding_options, corpus_options, output_options, search_mode_options


@click.group("code", context_settings={"help_option_names": ["-h", "--help"]})
def code():
    """Code KWIC lines: a codebook, codings kept in SQLite, export, agreement.

    A coding is one code (from the codebook, a TOML file) that one coder gives one KWIC
    line, with an optional note. Codings are kept in a codes file in the user data folder
    (or --codes FILE), anchored to the raw file's hash, offset and the node with its
    context: when a file changes they move with their text, or are reported orphaned.

    \b
    Example:
      corpus code init
      corpus kwic 新赛道 --limit 3
      corpus code add 新赛道 seeds/000_52e3b34853073898.txt:1:33 积极
      corpus code agree --coder ann --coder bo
    """


@code.command("init")
@click.argument("path", required=False, metavar="[FILE]", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init_cmd(**params):
    """Write an example codebook (default ./codebook.toml) to edit: one [[code]] per code.

    \b
    Example:
      corpus code init && $EDITOR codebook.toml
    """
    coding.init(**params)


@code.command("add")
@click.argument("term", metavar="TERM", shell_complete=_complete("terms"))
@click.argument("location", metavar="LOCATION")
@click.argument("code", metavar="CODE")
@click.option("--note", metavar="TEXT", help="A free-text note on the coding.")
@search_mode_options
@coding_options
@corpus_options
def add_cmd(**params):
    """Give the KWIC line of TERM at LOCATION (kwic's location column, FILE:LINE:COLUMN) a CODE.

    An unknown location or code is an error (exit 2). Adding a code the line already has
    from this coder changes nothing.

    \b
    Example:
      corpus code add 新赛道 seeds/000_52e3b34853073898.txt:1:33 积极 --note 政策机遇
    """
    run_action(coding.add, params)


def _filters(f):
    f = click.option("--coder", "coder", metavar="NAME", help="Only this coder's codings.")(f)
    f = click.option("--code", "code", metavar="CODE", help="Only this code.")(f)
    f = click.option("--codes", "codes", metavar="FILE", type=click.Path(dir_okay=False),
                     help="The codes file (default: codes.sqlite3 in the user data folder).")(f)
    return click.argument("term", required=False, metavar="[TERM]", shell_complete=_complete("terms"))(f)


@code.command("list")
@_filters
@corpus_options
@output_options
def list_cmd(**params):
    """The stored codings (of TERM, of --code, of --coder), in corpus order.

    \b
    Example:
      corpus code list 新赛道 --coder ann
    """
    run_action(coding.list_codings, params)


@code.command("export")
@_filters
@corpus_options
@output_options
def export_cmd(**params):
    """Every coding with its line and the document's INDEX.md metadata (default: TSV).

    Columns: term doc article location left node right code note coder coded_at title
    outlet date group, then the anchor (file line column sha256 raw_offset raw_length
    before after orphaned) that `corpus code import` reads back.

    \b
    Example:
      corpus code export --csv > codings.csv
    """
    run_action(coding.export, params)


@code.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "-f", "fmt", type=click.Choice(("tsv", "csv", "json", "jsonl")),
              help="The file's format (default: from its name).")
@click.option("--codes", "codes", metavar="FILE", type=click.Path(dir_okay=False),
              help="The codes file (default: codes.sqlite3 in the user data folder).")
@corpus_options
def import_cmd(**params):
    """Add the codings of a `corpus code export` file. Importing twice adds nothing; a coding
    stored with another note is a conflict, reported, and the stored one is kept.

    \b
    Example:
      corpus code import bo-codings.tsv
    """
    run_action(coding.import_codings, params)


@code.command("check")
@click.option("--codes", "codes", metavar="FILE", type=click.Path(dir_okay=False),
              help="The codes file (default: codes.sqlite3 in the user data folder).")
@corpus_options
@output_options
def check_cmd(**params):
    """Re-anchor codings of changed files; list those whose node and context are gone (orphaned, kept).

    \b
    Example:
      corpus code check
    """
    run_action(coding.check, params)


@code.command("agree")
@click.argument("term", required=False, metavar="[TERM]", shell_complete=_complete("terms"))
@click.option("--coder", "coders", multiple=True, required=True, metavar="NAME",
              help="A coder to compare (give two or more).")
@click.option("--confusion", is_flag=True, help="Print the confusion table of the first two coders as rows.")
@click.option("--codes", "codes", metavar="FILE", type=click.Path(dir_okay=False),
              help="The codes file (default: codes.sqlite3 in the user data folder).")
@corpus_options
@output_options
def agree_cmd(**params):
    """Agreement between coders on the lines they coded: Cohen's kappa per pair with its
    confusion table, Krippendorff's alpha (nominal) for all of them.

    kappa = (p_o − p_e)/(1 − p_e) on the lines both coded, p_e from each coder's marginals;
    alpha = 1 − D_o/D_e from the coincidence matrix, a line a coder left out is missing.
    A line's value is the set of codes its coder gave it.

    \b
    Example:
      corpus code agree --coder ann --coder bo 新赛道
    """
    run_action(coding.agree, params)


def register(cli: click.Group) -> None:
    cli.add_command(code)
