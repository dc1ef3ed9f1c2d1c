"""The steps every command shares: open the index, warn, read terms, write rows and exit."""

from __future__ import annotations

import sys

from corpus_tui.errors import CorpusError, Exit
from corpus_tui.output import for_display, write


def warn(message: str) -> None:
    sys.stderr.write(f"corpus: warning: {for_display(message)}\n")
    sys.stderr.flush()


def fail(message: str) -> "NoReturn":  # noqa: F821
    raise CorpusError(message)


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(what: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r\x1b[2Kcorpus: {what} {done}/{total} files")
        if done == total:
            sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()

    return show


CORPUS_PARAMS = ("corpus", "cache_dir", "userdict", "encoding", "tokenizer", "script")


def run_action(action, params: dict):
    """Call an action with the corpus options gathered into one CorpusOptions value: click's
    commands and the fast path both come through here, with the same parameters."""
    from corpus_tui.corpus.options import CorpusOptions

    rest = dict(params)
    given = {k: rest.pop(k) for k in CORPUS_PARAMS if k in rest}
    given["tokenizer"] = given.get("tokenizer") or "jieba"
    given["script"] = given.get("script") or "fold"
    return action(CorpusOptions(**given), **rest)


def note_bundled(opts) -> None:
    """Say once, on stderr, that the bundled corpus stands in for the files of this folder."""
    from corpus_tui.corpus.root import bundled_note

    note = bundled_note(opts.corpus)
    if note:
        sys.stderr.write(f"corpus: note: {note}\n")


def open_corpus(opts, rebuild=False):
    from corpus_tui.index.open import open_index

    note_bundled(opts)
    idx = open_index(opts, progress=_progress_printer(), warn=warn, rebuild=rebuild)
    for problem in idx.catalog.problems:
        warn(problem.located)  # the run goes on, so a warning; refused rows say "row refused"
    return idx


def emit(idx, table, fmt, no_header: bool, meta: bool, options: dict | None, found: bool | None = None) -> "NoReturn":  # noqa: F821
    """Write the rows (with provenance first if --meta) and exit 0 if anything was found, else 1."""
    prov = None
    if meta:
        from corpus_tui.index.provenance import provenance

        prov = provenance(idx, options or {})
    write(table, fmt or "table", header=not no_header, meta=prov)
    sys.exit(Exit.FOUND if (bool(table.rows) if found is None else found) else Exit.NOT_FOUND)


def emit_stream(idx, table, chunks, fmt, no_header: bool, meta: bool, options: dict | None, found: bool,
                widths=None) -> "NoReturn":  # noqa: F821
    """emit() for rows made in chunks (output.write_stream): each written as it is made."""
    from corpus_tui.output import write_stream

    prov = None
    if meta:
        from corpus_tui.index.provenance import provenance

        prov = provenance(idx, options or {})
    write_stream(table, chunks, fmt or "table", header=not no_header, meta=prov, widths=widths)
    sys.exit(Exit.FOUND if found else Exit.NOT_FOUND)


# --terms-from reads at most this much (`/dev/zero` or a wrong file must not take all memory);
# a list of 10 000 terms is already 10 000 searches of the whole corpus.
MAX_TERMS_BYTES = 1 << 20
MAX_TERMS = 10_000


def _read_lines(terms_from: str) -> list[str]:
    from corpus_tui.corpus.userfile import read_user_text

    text = read_user_text(terms_from, "--terms-from", MAX_TERMS_BYTES, too_large=f"; give at most {MAX_TERMS} terms")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_terms(terms: tuple[str, ...], terms_from: str | None) -> list[str]:
    out = list(terms)
    if terms_from:
        out.extend(line.strip() for line in _read_lines(terms_from) if line.strip())
        if len(out) > MAX_TERMS:
            fail(f"--terms-from: {len(out)} terms; give at most {MAX_TERMS}")
    if not out:
        fail("give a TERM or --terms-from FILE")
    for t in out:
        if not t.strip():
            fail("empty query: give a term to search for")
    return check_text(out)


def selection(docs=(), groups=(), outlets=(), since=None, until=None):
    """The Selection of --doc/--group/--outlet/--since/--until; the dates module is imported only
    when a date is given (a plain query never pays for it)."""
    from corpus_tui.query.search import Selection

    dates = None
    if since or until:
        from corpus_tui.corpus.dates import date_range

        dates = date_range(*check_text([since or "", until or ""]))
    return Selection(tuple(docs), tuple(groups), tuple(outlets), dates)


def check_text(terms: list[str]) -> list[str]:
    """Terms a shell passed as bytes that are not UTF-8 (a Latin-1 locale, a stray byte)
    arrive with lone surrogates, which no text can contain: one line, not a traceback."""
    for t in terms:
        try:
            t.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = repr(t.encode("utf-8", "surrogateescape"))  # the bytes as typed: b'\xff'
            except UnicodeEncodeError:
                shown = ascii(t)
            fail(f"{shown} is not UTF-8 text (is the terminal's locale UTF-8?)")
    return terms


def error_line(exc: CorpusError) -> str:
    """The one stderr line for an error the user can fix. Messages may quote corpus text
    (ids, file names), so control characters are made visible first."""
    return f"corpus: error: {for_display(str(exc))}"
