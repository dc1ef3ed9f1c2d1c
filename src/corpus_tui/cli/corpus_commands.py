"""`corpus init` and `corpus check`: the click declarations; what they do is in
corpus_tui.cli.actions.catalogue, so the fast path runs the same code."""

from __future__ import annotations

import click

from corpus_tui.cli.actions import catalogue
from corpus_tui.cli.actions.common import run_action
from corpus_tui.cli.options import corpus_options, output_options


@click.command()
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Write INDEX.md anew over an existing one (its hand edits are lost).")
@click.option("--update", is_flag=True, help="Keep INDEX.md as it is, add rows for new files, report rows whose file is gone.")
@click.option("--dry-run", is_flag=True, help="Print the INDEX.md instead of writing it.")
def init(**params):
    """Write DIR/INDEX.md (default: the working folder) for the files found under it.

    One row a .txt .md .html .htm .docx .pdf file: an ASCII id from its name, a title
    (first heading, <title>, metadata, else the first line), a date (in the file name, the
    metadata or a date line), its sub-folder as group, the encoding of a text. The only
    command that writes into a corpus folder, and only INDEX.md.

    \b
    Examples:
      corpus init ~/texts --dry-run | head
      corpus init ~/texts && corpus --corpus ~/texts kwic 新赛道
      corpus init ~/texts --update
    """
    run_action(catalogue.init, params)


@click.command()
@corpus_options
@output_options
def check(**params):
    """Every problem of the corpus: INDEX.md (with its line), files that yield no text,
    article ranges past a file's end. Exit 2 if any is an error, else 0.

    \b
    Example:
      corpus check --corpus ~/texts
    """
    run_action(catalogue.check, params)


def register(cli: click.Group) -> None:
    cli.add_command(init)
    cli.add_command(check)
