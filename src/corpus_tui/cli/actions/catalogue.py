"""`corpus init` (an INDEX.md for a folder) and `corpus check` (every problem of a corpus)."""

from __future__ import annotations

import sys

from corpus_tui.cli.actions.common import warn
from corpus_tui.errors import CorpusError, Exit
from corpus_tui.output import write

CHECK_COLUMNS = ("location", "severity", "message")


def init(opts, directory, force, update, dry_run):
    from pathlib import Path

    from corpus_tui.corpus.init import init_corpus
    from corpus_tui.output import for_display_text

    root = Path(directory or ".").expanduser()
    result = init_corpus(root, force=force, update=update, dry_run=dry_run)
    for message in result.warnings:
        warn(message)
    for message in result.gone:
        warn(message)
    if dry_run:
        sys.stdout.write(for_display_text(result.text))
        return
    if update:
        what = f"added {result.added} row{'s' if result.added != 1 else ''}" if result.written else "nothing new"
    else:
        what = f"{len(result.rows)} file{'s' if len(result.rows) != 1 else ''}"
    done = f"wrote {result.path}" if result.written else f"left {result.path} as it was"
    sys.stderr.write(f"corpus: {done}: {what}\n")


def check(opts, fmt, no_header, meta):
    """Every problem: the catalogue's (INDEX.md:LINE), then the build's (files without text,
    ranges past the end of a file); exit 2 if any is an error."""
    from corpus_tui.corpus.catalog import load_catalog, resolve_root
    from corpus_tui.index.open import open_index
    from corpus_tui.results import Table

    from corpus_tui.cli.actions.common import note_bundled

    note_bundled(opts)
    rows: list[tuple[str, str, str]] = []
    idx = None
    try:
        catalog = load_catalog(resolve_root(opts.corpus))
    except CorpusError as exc:
        rows.append(_row(str(exc), "error"))
    else:
        rows += [_row(p.located, p.severity) for p in catalog.problems]
        built: list[str] = []
        idx = open_index(opts, warn=built.append)
        rows += [_row(message, "warning") for message in built]
    errors = sum(r[1] == "error" for r in rows)
    notes = (f"{errors} error{'s' if errors != 1 else ''}, {len(rows) - errors} warning{'s' if len(rows) - errors != 1 else ''}",)
    prov = None
    if meta and idx is not None:
        from corpus_tui.index.provenance import provenance

        prov = provenance(idx, {})
    write(Table(CHECK_COLUMNS, rows, notes=notes), fmt or "table", header=not no_header, meta=prov)
    sys.exit(Exit.USAGE if errors else Exit.FOUND)


def _row(message: str, severity: str) -> tuple[str, str, str]:
    """``INDEX.md:12: text`` -> ("INDEX.md:12", severity, "text")."""
    head, sep, rest = message.partition(": ")
    if sep and head.startswith("INDEX.md:") and head[9:].isdigit():
        return head, severity, rest
    return "", severity, message
