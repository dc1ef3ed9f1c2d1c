"""`corpus freq`, `corpus cooc`, `corpus diff`: the click declarations (options, help,
completion). What each command does is in corpus_tui.cli.actions.stats, so the fast path
(corpus_tui.cli.fast) runs the same code without click."""

from __future__ import annotations

import click

from corpus_tui.cli.actions import stats
from corpus_tui.cli.actions.common import run_action
from corpus_tui.cli.options import _complete, corpus_options, dict_option, output_options, search_mode_options, selection_options
from corpus_tui.stats.tables import SECTIONS

PARTS = ("file", "article", "outlet", "group", "year", "quarter", "month")
PERIODS = ("year", "quarter", "month")
MEASURES = ("log_dice", "mi", "mi3", "t_score", "z_score", "ll", "dice", "delta_p_cn", "delta_p_nc", "cooc")
CORRECTIONS = ("bonferroni", "holm", "fdr")


def filter_options(f):
    """The stop list and the term filters shared by freq, cooc and diff."""
    opts = [
        click.option("--stopwords", "stopwords_file", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Replace the shipped stop list with FILE (one word a line, '#' comments)."),
        click.option("--no-stopwords", is_flag=True, help="Use no stop list."),
        click.option("--keep-punct", is_flag=True, help="Count punctuation as tokens and show it."),
        click.option("--keep-numbers", is_flag=True, help="Show numbers (2026, 3.5%, ①); they always count as tokens."),
        click.option("--min-len", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                     help="Only terms of at least N characters."),
        click.option("--pos", "pos", metavar="TAGS",
                     help="Only tokens whose jieba tag starts with one of TAGS, e.g. n,v "
                          "(n: n nr ns nt nz; v: v vd vn; vn is also a v)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


# -- freq -------------------------------------------------------------------------------

@click.command()
@click.option("--top", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
              help="Show the N most frequent terms (0: all).")
@click.option("--min-freq", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Only terms seen at least N times.")
@click.option("--ngram", type=click.IntRange(min=1, max=8), default=1, show_default=True, metavar="N",
              help="Count n-grams of N tokens (never across a sentence end; none with punctuation "
                   "inside or a stop word at either end).")
@click.option("--by", type=click.Choice(PARTS),
              help="Add one count column per part, and measure dispersion across these parts (default: files); "
                   "year, quarter and month are periods of the documents' dates.")
@click.option("--cql", metavar="PATTERN",
              help="Count what the matches of a token pattern hold instead of terms (see the README's syntax table).")
@click.option("--slot", type=click.IntRange(min=1), metavar="N",
              help="With --cql: count only the tokens of the pattern's N-th top-level item.")
@filter_options
@selection_options
@corpus_options
@output_options
def freq(**params):
    """Term frequencies: rank, per 10 000 tokens, document frequency and dispersion.

    Columns: rank term freq per_10k files articles dp juilland_d, and with --by one
    freq:<part> column per part. N counts word tokens (punctuation is not a word; stop
    words and numbers are). dp is Gries' DP (0 even, near 1 concentrated), juilland_d is
    Juilland's D (1 even), both across files or the --by parts. The shipped stop list
    (function words, particles, pronouns, punctuation) applies unless --no-stopwords.
    With --cql PATTERN the rows are what its matches hold (--slot N: the tokens of its N-th
    item), columns rank term freq percent files.

    \b
    Examples:
      corpus freq --by group --top 20
      corpus freq --by year --since 2025
      corpus freq --group 新赛道 --pos n --min-len 2
      corpus freq --ngram 2 --tsv > bigrams.tsv
      corpus freq --cql '[pos="v"] "新赛道"' --slot 1
    """
    run_action(stats.freq, params)


# -- cooc -------------------------------------------------------------------------------

def _window_options(f):
    opts = [
        click.option("--window", "window_text", metavar="L,R",
                     help="Window of L tokens left and R right of the node (default 5,5; punctuation takes no slot)."),
        click.option("--span", type=click.Choice(("window", "sentence", "paragraph")), default=None,
                     help="'sentence' or 'paragraph' (a line of the clean text): the node's whole sentence or "
                          "paragraph instead of a token window; with --matrix, count sentences or paragraphs."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


@click.command()
@click.argument("terms", nargs=-1, metavar="NODE...", shell_complete=_complete("terms"))
@click.option("--matrix", is_flag=True, help="A term x term table of co-occurrence (same sentence by default) of the TERMs.")
@_window_options
@click.option("--measure", type=click.Choice(MEASURES), default="log_dice", show_default=True, help="Sort by this column.")
@click.option("--min-freq", type=click.IntRange(min=1), default=2, show_default=True, metavar="N",
              help="Only collocates co-occurring at least N times.")
@click.option("--top", type=click.IntRange(min=0), default=50, show_default=True, metavar="N", help="Show N collocates (0: all).")
@click.option("--correct", type=click.Choice(CORRECTIONS),
              help="Adjust the ll p-value for the many collocates tested (m = every collocate with cooc ≥ "
                   "--min-freq): Bonferroni, Holm or Benjamini-Hochberg FDR; adds p_adj.")
@click.option("--max-p", type=click.FloatRange(0, 1, min_open=True), metavar="P",
              help="Only collocates whose ll p-value (p_adj under --correct) is below P.")
@click.option("--explain", is_flag=True, help="Add O11 O12 O21 O22 E11 per row and name the formulas.")
@dict_option
@filter_options
@selection_options
@corpus_options
@output_options
def cooc(**params):
    """Collocates of a node: co-occurrence counts and association measures.

    NODE may be several variants (each its own argument, or joined by |); a node counts
    where the tokenizer split it (未来/产业). The contingency table is the window one
    (Evert's surface co-occurrence): R1 = the window area, the distinct word-token positions
    in the union of the node's windows (overlaps count once, a window stops at its file or
    article end), C1 = f(collocate), N = word tokens, E11 = R1·C1/N. MI and MI3 use log2; ll
    is the signed 4-cell G2 with its exact p_value (chi-square, 1 d.f.; --correct adjusts it
    into p_adj); delta_p_cn/delta_p_nc are ΔP (Gries 2013) of the collocate given the node and
    of the node given the collocate. log_dice and dice are Rychlý's, as Sketch Engine prints
    them: 14 + log2(2·cooc/(f(node) + f(collocate))) with the node's frequency, not the
    window area, so they do not change with the span.

    \b
    Examples:
      corpus cooc 未来产业
      corpus cooc 新赛道 --window 3,3 --measure mi3 --explain
      corpus cooc 未来产业 --correct holm --max-p 0.05
      corpus cooc 未来产业 --span sentence --group 未来产业 --tsv
      corpus cooc --matrix 未来产业 人工智能 新赛道 --span paragraph
      corpus cooc --matrix 新赛道 人工智能 量子科技 未来产业 新质生产力
      corpus cooc @创新/科技创新 --dict policy.yml
    """
    run_action(stats.cooc, params)


# -- diff -------------------------------------------------------------------------------

@click.command()
@click.option("--a", "side_a", multiple=True, metavar="KEY=V[,V]", shell_complete=_complete("sides"),
              help="Part A: doc=ID, group=G, outlet=O (repeatable; comma lists), since=DATE, until=DATE.")
@click.option("--b", "side_b", multiple=True, metavar="KEY=V[,V]", shell_complete=_complete("sides"),
              help="Part B, like --a (default: the rest of the corpus).")
@click.option("--ref", "ref", metavar="DIR|FILE", type=click.Path(),
              help="Keyness of this corpus (or --a) against a reference: another corpus folder (indexed and "
                   "cached like any) or a frequency list of word<TAB>count lines.")
@click.option("--terms", "terms", nargs=2, metavar="TERM1 TERM2", shell_complete=_complete("terms"),
              help="Compare two terms instead (Sketch-Diff); a|b gives variants.")
@click.option("--sources", is_flag=True, help="With --terms: each term's frequency, per 10k and dispersion per source instead.")
@click.option("--plot", is_flag=True,
              help="With --terms: draw the comparison as one list, from the collocates only TERM1 has to those only "
                   "TERM2 has, each row coloured by the term it leans to (text as wide as the terminal, 80 in a "
                   "pipe; no colour in a pipe or with NO_COLOR); --top N rows per section.")
@click.option("--by", type=click.Choice(PARTS), default="file", show_default=True, help="The sources for --sources.")
@click.option("--ll", "ll_form", type=click.Choice(("4term", "2term")), default="4term", show_default=True,
              help="Log-likelihood form for keyness.")
@click.option("--min-freq", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help="Minimum frequency for a term (keyness) or collocate (--terms) to count as used.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, metavar="N",
              help="Rows per section (0: all).")
@click.option("--correct", type=click.Choice(CORRECTIONS),
              help="Adjust p for the many tests a keyword list is (m = every term tested): Bonferroni, "
                   "Holm's step-down or Benjamini-Hochberg FDR; adds the p_adj column.")
@click.option("--max-p", type=click.FloatRange(0, 1, min_open=True), metavar="P",
              help="Keyword sections: only rows whose p (p_adj under --correct) is below P, e.g. 0.05.")
@click.option("--section", "sections", multiple=True, type=click.Choice(SECTIONS),
              help="Only these keyness sections (repeatable).")
@_window_options
@click.option("--explain", is_flag=True, help="Add O11 O12 O21 O22 E11 per row and name the formula.")
@filter_options
@selection_options
@corpus_options
@output_options
def diff(**params):
    """Terminology diff: keyness of two parts (--a/--b), or two terms side by side (--terms).

    Parts: sections A>B and B>A (keywords of each side, signed log-likelihood, + = more
    frequent in A), "only A"/"only B" (at least --min-freq on one side, 0 on the other) and
    "shared" (at least --min-freq on both). Each row: ll_4term (or ll_2term), p_value (exact,
    chi-square with 1 d.f. of G2), p_adj (--correct), chi2 (Pearson, no Yates), bic
    (|G2| − ln N, Wilson 2013), log_ratio (Hardie 2014) with its 95 % CI log_ratio_low/high
    (Katz SE; a zero counts 0.5), pct_diff, ell (Johnston et al. 2006 as Rayson's calculator)
    and simple_maths (Kilgarriff 2009, k = 1). Terms: the Sketch-Diff view, each collocate with
    each term's logDice (Sketch Engine's: 14 + log2(2·cooc/(f(term) + f(collocate)))),
    grouped only-first / shared / only-second by --min-freq, ordered by the logDice
    difference, with the Jaccard overlap of the two collocate sets in the notes. The two
    terms are left out of both lists (a term is never in its own windows); how often each
    occurs near the other is noted. --plot draws the terms' collocates as Sketch Engine's Word
    Sketch Difference does: one list, each row a bar of each term's logDice either side of a
    centre line, coloured (or marked << < <> > >>) by the term it leans to. --sources adds
    DPnorm and ARF (average reduced frequency).
    --doc/--group/--outlet restrict --terms to part of the corpus. --ref DIR|FILE compares
    this corpus (or --a) with a reference corpus or a word<TAB>count list, with every keyness
    measure; the notes say whether both sides were tokenized alike.

    \b
    Examples:
      corpus diff --a group=新赛道 --b group=未来产业
      corpus diff --a outlet=光明日报 --b outlet=经济日报 --ll 2term --explain
      corpus diff --a since=2026 --b until=2025
      corpus diff --a group=新赛道 --correct holm --max-p 0.05
      corpus diff --ref ../general-corpus --correct fdr --max-p 0.01
      corpus diff --a group=新赛道 --ref reference-freq.tsv
      corpus diff --terms 新赛道 未来产业
      corpus diff --terms 新赛道 未来产业 --sources --by group
      corpus diff --terms 新赛道 未来产业 --plot --top 8
    """
    run_action(stats.diff, params)


# -- trend, first ------------------------------------------------------------------------

def _terms_options(f):
    opts = [
        click.argument("terms", nargs=-1, metavar="TERM...", shell_complete=_complete("terms")),
        click.option("--terms-from", metavar="FILE", help="Read more terms from FILE, one a line ('-' for stdin)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


@click.command()
@_terms_options
@click.option("--by", type=click.Choice(PERIODS), default="year", show_default=True, help="The period of a row.")
@click.option("--per", type=click.Choice(("10k", "million")), default="10k", show_default=True,
              help="The rate's unit: hits per 10 000 or per million word tokens.")
@click.option("--share", is_flag=True, help="Each term's share of the terms' hits together per period, instead of a rate.")
@click.option("--plot", is_flag=True, help="Draw the rates as a chart first (on a terminal; plain rows in a pipe).")
@search_mode_options
@dict_option
@selection_options
@corpus_options
@output_options
def trend(**params):
    """How often the terms are used, period by period: rate per 10 000 tokens with its interval.

    Columns: period term freq tokens per_10k ci_low ci_high docs docs_total (per_million with
    --per million; with --share: period term freq total share ci_low ci_high docs docs_total).
    freq = hits in the documents of the period, tokens = their word tokens, per_10k =
    freq/tokens·10 000; ci_low/ci_high = the 95 % Wilson score interval (z = 1.959964) of
    freq/tokens, in the same unit. A document's period comes from its own date (an article's
    overrides its file's); a date coarser than the period (2025 --by month) counts under the
    year's own row 2025; undated documents form the last row, undated. Every period between
    the first and the last date is a row, 0 where nothing was dated. Matching as in kwic.

    \b
    Examples:
      corpus trend 新赛道 未来产业
      corpus trend 未来产业 --by month --per million --plot
      corpus trend 新赛道 新领域 新动能 --share --by quarter --tsv
      corpus trend @新赛道 @未来产业 --dict policy_concepts
    """
    run_action(stats.trend, params)


@click.command()
@_terms_options
@click.option("--by", type=click.Choice(PERIODS), default="year", show_default=True,
              help="The period the periods column counts.")
@search_mode_options
@dict_option
@selection_options
@corpus_options
@output_options
def first(**params):
    """The earliest and the latest dated occurrence of each term, with where and its context.

    Columns: term first_date first_doc first_location first_context last_date last_doc
    last_location periods docs. Dates are ordered by their first day, a coarser date (2026)
    before the finer ones inside it; ties on a date are broken by document order, then by
    position. periods = the --by periods with a dated hit; docs = documents with a hit.

    \b
    Examples:
      corpus first 新赛道 未来产业
      corpus first 新质生产力 --outlet 光明日报 --json
    """
    run_action(stats.first, params)


def register(cli: click.Group) -> None:
    cli.add_command(freq)
    cli.add_command(cooc)
    cli.add_command(diff)
    cli.add_command(trend)
    cli.add_command(first)
