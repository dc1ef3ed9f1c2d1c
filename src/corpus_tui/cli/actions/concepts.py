"""`corpus dict` and `corpus suggest`: dictionary categories counted, and terms to add."""

from __future__ import annotations

from corpus_tui.cli.actions.common import emit, fail, open_corpus, selection


def read_dict(path):
    from corpus_tui.stats.dictionary import read_dictionary

    return None if path is None else read_dictionary(path)


def dict_cmd(opts, dict_file, by, entries, docs, groups, outlets, since, until, fmt, no_header, meta):
    from corpus_tui.stats.categories import dict_table
    from corpus_tui.stats.tables import selection_text

    dictionary = read_dict(dict_file)
    sel = selection(docs, groups, outlets, since, until)
    idx = open_corpus(opts)
    table = dict_table(idx, dictionary, sel, by, entries, selection_text(docs, groups, outlets, sel.dates))
    emit(idx, table, fmt, no_header, meta,
         dict(command="dict", dictionary=dict_file, by=by, entries=entries, docs=docs, groups=groups, outlets=outlets,
              since=since, until=until),
         found=any(row[2] for row in table.rows))


def suggest(opts, top, min_freq, max_n, min_pmi, min_entropy, dict_file, userdict_out, stopwords_file, no_stopwords,
            docs, groups, outlets, since, until, fmt, no_header, meta):
    from corpus_tui.stats.suggest import corpus_suggestions, suggestion_table, userdict_lines
    from corpus_tui.stats.tables import selection_text
    from corpus_tui.tokens.stoplist import load_stopwords, stoplist_name

    if stopwords_file and no_stopwords:
        fail("--stopwords and --no-stopwords exclude each other")
    stop = frozenset() if no_stopwords else load_stopwords(stopwords_file)
    dictionary = read_dict(dict_file)
    idx = open_corpus(opts)
    target = _userdict_target(userdict_out, idx.catalog.root) if userdict_out else None
    known = _known_words(idx, opts.userdict, dictionary)
    sel = selection(docs, groups, outlets, since, until)
    rows = corpus_suggestions(idx, sel, known, stop, max_n=max_n, min_freq=min_freq,
                              min_pmi=min_pmi, min_entropy=min_entropy)
    shown = rows[:top] if top else rows
    if target is not None:
        lines = userdict_lines(shown)
        try:
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write("".join(f"{line}\n" for line in lines))
        except OSError as exc:
            fail(f"--userdict-out: cannot write {target}: {exc.strerror or exc}")
    table = suggestion_table(shown, len(rows), selection_text(docs, groups, outlets, sel.dates),
                             stoplist_name(stopwords_file, not no_stopwords),
                             dict(max_n=max_n, min_freq=min_freq, min_pmi=min_pmi, min_entropy=min_entropy, top=top),
                             target)
    emit(idx, table, fmt, no_header, meta,
         dict(command="suggest", top=top, min_freq=min_freq, max_n=max_n, min_pmi=min_pmi, min_entropy=min_entropy,
              dictionary=dict_file, docs=docs, groups=groups, outlets=outlets, since=since, until=until))


def _userdict_target(path, root):
    """The output file, refused inside the corpus folder (nothing writes there)."""
    import os

    target = os.path.realpath(os.path.expanduser(path))
    base = os.path.realpath(root)
    if target == base or target.startswith(base + os.sep):
        fail(f"--userdict-out: {path} is inside the corpus folder, which corpus never writes; "
             "write it elsewhere and pass it with --userdict")
    if os.path.isdir(target):
        fail(f"--userdict-out: {path} is a folder")
    return target


def _known_words(idx, userdict, dictionary) -> set[str]:
    """Words already in a dictionary: the jieba user dictionaries in force and --dict's entries."""
    from corpus_tui.corpus.fold import fold
    from corpus_tui.index.key import userdicts_for
    from corpus_tui.stats.dictionary import surface
    from corpus_tui.tokens.tokenizer import read_userdict

    known = set()
    for path in userdicts_for(idx.catalog, userdict):
        try:
            known.update(w for w, _, _ in read_userdict(path))
        except (OSError, UnicodeDecodeError):
            pass  # the index was built with it; a file gone since only loses this filter
    if dictionary is not None:
        known.update(fold(surface(e)) for e in dictionary.entries)
    return known
