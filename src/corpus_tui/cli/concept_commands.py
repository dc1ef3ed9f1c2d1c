"""`corpus dict` and `corpus suggest`: the click declarations; the work is in actions/concepts.py."""

from __future__ import annotations

import click

from corpus_tui.cli.actions import concepts
from corpus_tui.cli.actions.common import run_action
from corpus_tui.cli.options import corpus_options, output_options, selection_options
from corpus_tui.cli.stats_commands import PARTS
from corpus_tui.stats.suggest import MAX_N, MIN_ENTROPY, MIN_FREQ, MIN_PMI


@click.command("dict")
@click.argument("dict_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("--by", type=click.Choice(PARTS), help="Add one freq column per part, and measure dispersion across these parts (default: files).")
@click.option("--entries", is_flag=True, help="One row per entry (under the category that lists it) instead of per category.")
@selection_options
@corpus_options
@output_options
def dict_cmd(**params):
    """Dictionary categories: how often each concept occurs, by part, with dispersion.

    FILE is a quanteda YAML dictionary (categories, nested ones, lists of entries) or a
    LIWC .dic. Entries are matched on the clean text as surface strings by one automaton
    over all entries: the leftmost match first, at one position the longest entry, never
    overlapping, so 产业 inside 未来产业 is not counted when both are entries. A category's
    freq is the sum over its entries (a parent's: its own and its subcategories', as
    parent/child rows). Columns: category entries freq per_10k files articles dp
    juilland_d, and with --by one freq:<part> column per part; per_10k = 10000·freq/N
    (word tokens); dp is Gries' DP, juilland_d Juilland's D, as in freq.

    \b
    Examples:
      corpus dict policy.yml --by group
      corpus dict policy.yml --entries --tsv
      corpus dict liwc.dic --by file --group 未来产业
    """
    run_action(concepts.dict_cmd, params)


@click.command()
@click.option("--top", type=click.IntRange(min=0), default=50, show_default=True, metavar="N", help="Show N suggestions (0: all).")
@click.option("--min-freq", type=click.IntRange(min=2), default=MIN_FREQ, show_default=True, metavar="N",
              help="Only token runs seen at least N times.")
@click.option("--max-n", type=click.IntRange(min=2, max=8), default=MAX_N, show_default=True, metavar="N",
              help="Runs of at most N tokens.")
@click.option("--min-pmi", type=float, default=MIN_PMI, show_default=True, metavar="X",
              help="Only runs whose weakest cut has a PMI (log2) of at least X.")
@click.option("--min-entropy", type=click.FloatRange(min=0), default=MIN_ENTROPY, show_default=True, metavar="X",
              help="Only runs whose neighbours on each side have an entropy of at least X bits.")
@click.option("--dict", "dict_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Leave out the entries of this dictionary (quanteda YAML or LIWC .dic) too.")
@click.option("--userdict-out", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the suggestions shown as jieba user-dictionary lines (word 1000), ready for --userdict.")
@click.option("--stopwords", "stopwords_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Replace the shipped stop list with FILE (one word a line, '#' comments).")
@click.option("--no-stopwords", is_flag=True, help="Use no stop list.")
@selection_options
@corpus_options
@output_options
def suggest(**params):
    """Term suggestions: multi-token terms the tokenizer splits, to add to a dictionary.

    A candidate is a run of 2 to --max-n tokens within a sentence (no punctuation, number
    or stop word in it) that recurs (freq), holds together (pmi_min: the PMI of its weakest
    cut into two parts, log2) and is free at both edges (entropy_min: the entropy in bits
    of the tokens before and after it), and that no user dictionary in force and no
    --dict entry already holds. Columns: rank term tokens n freq docs pmi_min
    entropy_min, ranked by freq. --userdict-out writes them for jieba; index with
    --userdict FILE to keep them whole.

    \b
    Examples:
      corpus suggest --top 30
      corpus suggest --group 未来产业 --dict policy.yml
      corpus suggest --top 20 --userdict-out ~/terms.txt && corpus freq --userdict ~/terms.txt
    """
    run_action(concepts.suggest, params)


def register(cli: click.Group) -> None:
    cli.add_command(dict_cmd)
    cli.add_command(suggest)
