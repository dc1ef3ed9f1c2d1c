"""`corpus freq`, `cooc` and `diff`: one core call each, a Table whose notes name the formula."""

from __future__ import annotations

from corpus_tui.cli.actions.common import check_text, emit, fail, open_corpus, read_terms, selection


def term_filter(stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len, pos):
    from corpus_tui.stats.frequency import TermFilter
    from corpus_tui.tokens.stoplist import load_stopwords, stoplist_name

    if stopwords_file and no_stopwords:
        fail("--stopwords and --no-stopwords exclude each other")
    stop = frozenset() if no_stopwords else load_stopwords(stopwords_file)
    tags = tuple(t.strip() for t in check_text([pos or ""])[0].split(",") if t.strip())
    if pos is not None and not tags:
        fail("--pos takes tag prefixes like n,v")
    filt = TermFilter(stop, keep_punct, keep_numbers, min_len, tags)
    return filt, filt.describe(stoplist_name(stopwords_file, not no_stopwords))


def freq(opts, top, min_freq, ngram, by, cql, slot, stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len,
         pos, docs, groups, outlets, since, until, fmt, no_header, meta):
    from corpus_tui.stats.frequency import forms_seen, frequencies
    from corpus_tui.stats.tables import freq_table, pattern_freq_table, selection_text

    if slot is not None and not cql:
        fail("--slot counts a slot of a pattern: give the pattern with --cql")
    if cql and (ngram != 1 or by or pos):
        fail("--cql counts what the pattern's matches hold; --ngram, --by and --pos do not apply "
             "(write the parts of speech into the pattern: [pos=\"n\"])")
    filt, filt_text = term_filter(stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len, pos)
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    if cql:
        table = pattern_freq_table(idx, cql, slot, sel, top, min_freq, selection_text(docs, groups, outlets, sel.dates))
        emit(idx, table, fmt, no_header, meta, dict(command="freq", cql=cql, slot=slot, top=top, min_freq=min_freq,
                                                    docs=docs, groups=groups, outlets=outlets, since=since,
                                                    until=until), found=bool(table.rows))
    res = frequencies(idx, sel, filt, by, ngram, min_freq, top or None)
    table = freq_table(res, top, min_freq, ngram, by, filt_text, selection_text(docs, groups, outlets, sel.dates),
                       forms_seen(idx))
    emit(idx, table, fmt, no_header, meta, dict(command="freq", top=top, min_freq=min_freq, ngram=ngram, by=by,
                                                filters=filt_text, docs=docs, groups=groups, outlets=outlets,
                                                since=since, until=until))


def window(window_text, span, default_sentence: bool):
    from corpus_tui.stats.colloc import Window, parse_window

    if span in ("sentence", "paragraph"):
        if window_text:
            fail(f"--window and --span {span} exclude each other")
        return Window(sentence=span == "sentence", paragraph=span == "paragraph")
    if window_text:
        return parse_window(window_text)
    return Window(sentence=default_sentence)


def split_variants(terms) -> list[str]:
    out = []
    for t in terms:
        out.extend(v for v in t.split("|") if v.strip())
    return check_text(out)


def cooc(opts, terms, matrix, window_text, span, measure, min_freq, top, correct, max_p, explain, stopwords_file,
         no_stopwords, keep_punct, keep_numbers, min_len, pos, docs, groups, outlets, since, until, fmt, no_header,
         meta, dict_file=None):
    from corpus_tui.stats.tables import cooc_table, matrix_table

    term_list = split_variants(terms)
    if dict_file is not None or any(t.startswith("@") for t in term_list):
        from corpus_tui.cli.actions.reading import category_terms

        resolved = category_terms(term_list, dict_file)
        if matrix and any(hasattr(t, "variants") for t in resolved):
            fail("--matrix takes terms, not @categories")
        # the node is any of the category's entries, as variants of one node
        term_list = list(dict.fromkeys(v for t in resolved for v in (t.variants() if hasattr(t, "variants") else [t])))
    if not term_list:
        fail("give a NODE (or TERMs with --matrix)")
    filt, filt_text = term_filter(stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len, pos)
    win = window(window_text, span, default_sentence=matrix)
    if matrix and (correct or max_p is not None):
        fail("--correct and --max-p apply to collocates, not to --matrix")
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    options = dict(command="cooc", terms=term_list, matrix=matrix, dictionary=dict_file, window=win.describe(),
                   measure=measure,
                   min_freq=min_freq, top=top, correct=correct, max_p=max_p, filters=filt_text, docs=docs,
                   groups=groups, outlets=outlets, since=since, until=until)
    if matrix:
        table = matrix_table(idx, term_list, sel, win, filt, docs, groups, outlets)
    else:
        table = cooc_table(idx, term_list, sel, win, filt, filt_text, measure, min_freq, top, explain,
                           docs, groups, outlets, correct, max_p)
    emit(idx, table, fmt, no_header, meta, options)


def parse_side(specs: tuple[str, ...], name: str):
    """['group=新赛道', 'doc=a,b', 'since=2026'] -> Selection. Keys doc|group|outlet (values
    comma-separated, repeated keys add values) and since|until (one date each). Meaning as for
    --doc/--group/--outlet/--since/--until."""
    found = {"doc": [], "group": [], "outlet": [], "since": [], "until": []}
    for spec in specs:
        key, sep, value = spec.partition("=")
        key = key.strip()
        if not sep or key not in found:
            fail(f"--{name} takes doc=ID, group=G or outlet=O (comma lists allowed), or since=DATE, until=DATE; "
                 f"not {spec!r}")
        values = [v.strip() for v in value.split(",") if v.strip()]
        if not values:
            fail(f"--{name} {spec!r}: no value after '='")
        if key in ("since", "until") and (len(values) > 1 or found[key]):
            fail(f"--{name} takes one {key}=DATE")
        found[key].extend(values)
    return selection(found["doc"], found["group"], found["outlet"], *(found[k][0] if found[k] else None
                                                                      for k in ("since", "until")))


def diff(opts, side_a, side_b, ref, terms, sources, by, ll_form, min_freq, top, correct, max_p, sections, window_text,
         span, explain, stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len, pos, docs, groups, outlets,
         since, until, fmt, no_header, meta, plot=False):
    from corpus_tui.stats.tables import SECTIONS, keyness_table, sources_table, termdiff_table

    filt, filt_text = term_filter(stopwords_file, no_stopwords, keep_punct, keep_numbers, min_len, pos)
    if ref is not None:
        if terms or side_b:
            fail("--ref is side B: it excludes --b and --terms")
        if docs or groups or outlets or since or until:
            fail("--doc/--group/--outlet/--since/--until apply to --terms; for part of this corpus use --a "
                 "(e.g. --a since=2026)")
        reference_diff(opts, side_a, ref, ll_form, min_freq, top, correct, max_p, sections, explain, filt, filt_text,
                       fmt, no_header, meta)
    if plot and (not terms or sources or fmt not in (None, "table") or meta or explain):
        fail("--plot draws the comparison of two terms: give --terms TERM1 TERM2, without --sources, --format, "
             "--meta or --explain")
    if terms:
        check_text(list(terms))
        if side_a or side_b:
            fail("--terms and --a/--b exclude each other")
        win = window(window_text, span, default_sentence=False)
        sel = selection(docs, groups, outlets, since, until)
        idx = open_corpus(opts)
        options = dict(command="diff", terms=list(terms), sources=sources, by=by, window=win.describe(),
                       min_freq=min_freq, top=top, filters=filt_text, docs=docs, groups=groups, outlets=outlets,
                       since=since, until=until)
        if plot:
            plot_diff(termdiff_table(idx, terms, sel, win, filt, filt_text, min_freq, 0, False, docs, groups, outlets),
                      top)
        if sources:
            table = sources_table(idx, terms, by, sel, filt, docs, groups, outlets)
        else:
            table = termdiff_table(idx, terms, sel, win, filt, filt_text, min_freq, top, explain, docs, groups, outlets)
        emit(idx, table, fmt, no_header, meta, options)
    if not side_a:
        fail("give --a KEY=V (and optionally --b), --ref DIR|FILE, or --terms TERM1 TERM2")
    if docs or groups or outlets or since or until:
        fail("--doc/--group/--outlet/--since/--until apply to --terms; for parts use --a and --b "
             "(e.g. --a since=2026 --b until=2025)")
    sel_a = parse_side(side_a, "a")
    sel_b = parse_side(side_b, "b") if side_b else None
    idx = open_corpus(opts)
    table = keyness_table(idx, sel_a, sel_b, side_a, side_b, filt, filt_text, ll_form, min_freq, top,
                          max_p, sections or SECTIONS, explain, correct)
    emit(idx, table, fmt, no_header, meta, dict(command="diff", a=list(side_a), b=list(side_b) or "rest",
                                                ll=ll_form, min_freq=min_freq, top=top, correct=correct,
                                                max_p=max_p, sections=list(sections), filters=filt_text))


def plot_diff(table, top: int) -> "NoReturn":  # noqa: F821
    """`diff --terms --plot`: the chart on stdout (as wide as the terminal, 80 in a pipe,
    colour only on a terminal without NO_COLOR); exit 0, or 1 if neither term has a collocate."""
    import sys

    from corpus_tui.diffchart import chart
    from corpus_tui.output import terminal_width, use_color

    sys.stdout.write(chart(table, terminal_width(sys.stdout) or 80, use_color(sys.stdout), top))
    sys.stdout.flush()
    sys.exit(0 if table.rows else 1)


def _category_terms(terms, dict_file):
    from corpus_tui.cli.actions.reading import category_terms

    return category_terms(terms, dict_file)


def trend(opts, terms, terms_from, by, per, share, plot, mode, docs, groups, outlets, since, until, fmt, no_header,
          meta, dict_file=None):
    import sys

    from corpus_tui.stats.tables import selection_text
    from corpus_tui.stats.trend import trend_table

    term_list = _category_terms(read_terms(terms, terms_from), dict_file)
    if share and len(term_list) < 2:
        fail("--share compares terms: give two or more")
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    table = trend_table(idx, term_list, mode, sel, by, per, share, selection_text(docs, groups, outlets, sel.dates))
    if plot and sys.stdout.isatty():
        from corpus_tui.chart import trend_chart
        from corpus_tui.output import terminal_width, use_color

        width = terminal_width(sys.stdout) or 80
        sys.stdout.write(trend_chart(table, width=width - 2, height=18, colour=use_color(sys.stdout)))
        sys.stdout.flush()
    emit(idx, table, fmt, no_header, meta, dict(command="trend", terms=term_list, mode=mode, by=by, per=per,
                                                share=share, docs=docs, groups=groups, outlets=outlets,
                                                since=since, until=until, dictionary=dict_file), found=table.meta["found"])


def first(opts, terms, terms_from, by, mode, docs, groups, outlets, since, until, fmt, no_header, meta,
          dict_file=None):
    from corpus_tui.stats.tables import selection_text
    from corpus_tui.stats.trend import first_table

    term_list = _category_terms(read_terms(terms, terms_from), dict_file)
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    table = first_table(idx, term_list, mode, sel, by, selection_text(docs, groups, outlets, sel.dates))
    emit(idx, table, fmt, no_header, meta, dict(command="first", terms=term_list, mode=mode, by=by, docs=docs,
                                                groups=groups, outlets=outlets, since=since, until=until),
         found=table.meta["found"])


def reference_diff(opts, side_a, ref, ll_form, min_freq, top, correct, max_p, sections, explain, filt, filt_text,
                   fmt, no_header, meta):
    """`corpus diff --ref`: the reference is opened with this corpus's options (cache, user
    dictionary, encoding, tokenizer), only its folder differs."""
    import os

    from corpus_tui.query.search import Selection
    from corpus_tui.stats.tables import SECTIONS, reference_table
    from corpus_tui.stats.reference import read_frequency_list, reference_from_index

    sel_a = parse_side(side_a, "a") if side_a else Selection()
    if os.path.isdir(ref):
        ref_idx = open_corpus(opts._replace(corpus=ref))
        reference = reference_from_index(ref_idx, ref, filt)
    elif os.path.isfile(ref):
        reference = read_frequency_list(ref, filt.keep_punct)
    else:
        fail(f"--ref {ref}: no such corpus folder or frequency list")
    idx = open_corpus(opts)
    table = reference_table(idx, sel_a, side_a, reference, filt, filt_text, ll_form, min_freq, top, max_p,
                            sections or SECTIONS, explain, correct)
    emit(idx, table, fmt, no_header, meta, dict(command="diff", a=list(side_a) or "whole corpus", ref=ref,
                                                ref_kind=reference.kind, ll=ll_form, min_freq=min_freq, top=top,
                                                correct=correct, max_p=max_p, sections=list(sections),
                                                filters=filt_text))
