"""Which corpus folder a command means. Apart from catalog.py so that TAB completion can find
the folder without importing the INDEX.md parser (re, typing: ~5 ms a keystroke)."""

from __future__ import annotations

import os
from pathlib import Path

from corpus_tui.errors import CorpusError

INDEX_NAME = "INDEX.md"
ENV_CORPUS = "CORPUS_TUI_CORPUS"


class CatalogError(CorpusError):
    """The corpus cannot be catalogued at all (no such folder, INDEX.md unreadable)."""


def bundled_corpus() -> Path:
    """The corpus shipped with the package (wheel), or the source tree's (editable install)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "corpus"
    if (packaged / INDEX_NAME).is_file():
        return packaged
    return here.parent.parent


def resolve_root(corpus: str | os.PathLike | None) -> Path:
    """--corpus, then $CORPUS_TUI_CORPUS, then an INDEX.md in the working dir, then the bundled corpus."""
    chosen = corpus or os.environ.get(ENV_CORPUS) or None
    if chosen is None:
        cwd = Path.cwd()
        return cwd if (cwd / INDEX_NAME).is_file() else bundled_corpus()
    root = Path(chosen).expanduser()
    if not root.exists():
        raise CatalogError(f"corpus folder not found: {root}")
    if root.is_file():
        if root.name == INDEX_NAME:
            return root.parent
        raise CatalogError(f"--corpus takes a folder, not a file: {root}")
    return root
