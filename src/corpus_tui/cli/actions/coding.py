"""`corpus code init|add|list|export|import|check|agree`, and the coding filters of `kwic`."""

from __future__ import annotations

from corpus_tui.cli.actions.common import check_text, emit, fail, open_corpus, warn


def open_store(codes, idx):
    """The codes file (--codes, else the user data folder's), re-anchored to the corpus as it is now."""
    from corpus_tui.coding.lines import reanchor
    from corpus_tui.coding.store import Store

    store = Store(codes, corpus_root=idx.catalog.root)
    moved, orphaned = reanchor(idx, store)
    if moved or orphaned:
        warn(f"files changed: {moved} codings re-anchored, {orphaned} orphaned (see: corpus code check)")
    return store


def load_codebook(codebook):
    from corpus_tui.coding.codebook import load, locate

    return load(locate(codebook))


def coder_name(coder):
    from corpus_tui.coding.store import default_coder

    if coder is None:
        return default_coder()
    name = check_text([coder])[0].strip()
    if not name or not name.isprintable():
        fail(f"--coder {coder!r}: give a name without control characters")
    return name


def init(path, force):
    from corpus_tui.coding.codebook import DEFAULT_NAME, write_example

    written = write_example(path or DEFAULT_NAME, force=force)
    print(f"wrote {written}: three example codes; edit them, then code lines with: corpus code add TERM LOCATION CODE")


def add(opts, term, location, code, note, mode, codes, codebook, coder):
    from corpus_tui.coding.lines import RawTexts, find_line, template

    term, location, code = check_text([term, location, code])
    book = load_codebook(codebook)
    book.by_name(code)
    idx = open_corpus(opts)
    line = find_line(idx, term, location, mode)
    with open_store(codes, idx) as store:
        store.save_codebook(book)
        coding = template(idx, term, line, coder_name(coder), RawTexts(idx))._replace(code=code, note=note or "")
        stored = store.add(coding)
        if stored is None:
            old = store.find(coding)
            if note is not None and old.note != note:
                store.set_note([old.id], note)
                print(f"{location} {term}: already coded {code} by {coding.coder}; note now {note!r}")
            else:
                print(f"{location} {term}: already coded {code} by {coding.coder}")
        else:
            print(f"{location} {term}: {code} by {coding.coder} in {store.path}")


def in_corpus_order(idx, codings):
    """Codings by term, then documents as INDEX.md lists them (removed ones last), offset."""
    order = {d.id: n for n, d in enumerate(idx.docs)}
    return sorted(codings, key=lambda c: (c.term, order.get(c.doc, len(order)), c.doc, c.raw_offset, c.raw_length,
                                          c.coder, c.code))


def located(idx):
    """A coding's location as kwic prints it (a PDF's page too); an orphan's stays where it was stored,
    since its line no longer names the same text."""
    from corpus_tui.query.tables import places

    where = places(idx)
    return lambda c: c.location if c.orphaned else where(c)


def list_codings(opts, term, code, coder, codes, fmt, no_header, meta):
    from corpus_tui.coding.tables import list_table

    idx = open_corpus(opts)
    with open_store(codes, idx) as store:
        table = list_table(in_corpus_order(idx, store.codings(term=term, code=code, coder=coder)), located(idx))
    emit(idx, table, fmt, no_header, meta, dict(command="code list", term=term, code=code, coder=coder))


def export(opts, term, code, coder, codes, fmt, no_header, meta):
    from corpus_tui.coding.tables import export_table

    idx = open_corpus(opts)
    with open_store(codes, idx) as store:
        table = export_table(in_corpus_order(idx, store.codings(term=term, code=code, coder=coder)), idx.catalog,
                             located(idx))
    emit(idx, table, fmt or "tsv", no_header, meta, dict(command="code export", term=term, code=code, coder=coder))


MAX_IMPORT_BYTES = 256 << 20  # a million coded lines is ~200 MB of TSV


def import_codings(opts, path, fmt, codes):
    from corpus_tui.coding.lines import reanchor
    from corpus_tui.coding.tables import read_export

    fmt = fmt or _format_of(path)
    from corpus_tui.corpus.userfile import read_user_text

    text = read_user_text(path, "code import", MAX_IMPORT_BYTES)
    codings = read_export(text, fmt, path)
    idx = open_corpus(opts)
    with open_store(codes, idx) as store:
        report = store.import_codings(codings)
        moved, orphaned = reanchor(idx, store)
    for line in report.conflicts:
        warn(f"conflict: {line}")
    print(f"{path}: {len(codings)} codings read: {report.added} added, {report.unchanged} already stored, "
          f"{len(report.conflicts)} conflicts (stored kept); {moved} re-anchored, {orphaned} orphaned")


def _format_of(path: str) -> str:
    for ext in ("tsv", "csv", "jsonl", "json"):
        if path.lower().endswith("." + ext):
            return ext
    fail(f"cannot tell the format of {path} from its name: give --format tsv|csv|json|jsonl")


def check(opts, codes, fmt, no_header, meta):
    from corpus_tui.coding.lines import reanchor
    from corpus_tui.coding.store import Store
    from corpus_tui.coding.tables import check_table

    idx = open_corpus(opts)
    with Store(codes, corpus_root=idx.catalog.root) as store:
        moved, orphaned = reanchor(idx, store)
        if moved or orphaned:
            warn(f"files changed: {moved} codings re-anchored, {orphaned} orphaned")
        table = check_table(store.codings(), moved)
    emit(idx, table, fmt, no_header, meta, dict(command="code check"), found=True)


def agree(opts, coders, term, confusion, codes, fmt, no_header, meta):
    from corpus_tui.coding.tables import agreement_table

    idx = open_corpus(opts)
    with open_store(codes, idx) as store:
        table = agreement_table(store.codings(term=term), list(coders), confusion)
    emit(idx, table, fmt, no_header, meta, dict(command="code agree", coders=coders, term=term), found=True)


# -- kwic --code / --uncoded / --sample ---------------------------------------------------

def kwic_selector(idx, code, uncoded, coder, codes, codebook):
    """A function (term, lines) -> (lines kept, their codes) for kwic_table, or None."""
    from corpus_tui.coding.lines import codes_of

    if code is not None and uncoded:
        fail("--code and --uncoded exclude each other")
    if code is not None:
        _check_code(code, codebook)
    store = open_store(codes, idx)
    who = coder_name(coder) if coder is not None else None

    def select(term, lines):
        got = codes_of(idx, store, term, lines, who)
        kept = [(l, c) for l, c in zip(lines, got) if (code in c if code is not None else not c if uncoded else True)]
        return [l for l, _ in kept], ["+".join(c) for _, c in kept]

    return select


def _check_code(code, codebook):
    from corpus_tui.coding.codebook import CodebookError

    try:
        book = load_codebook(codebook)
    except CodebookError:
        if codebook is not None:
            raise
        return  # no codebook anywhere: the stored codes decide
    book.by_name(code)
