"""Which corpus folder a command means. Apart from catalog.py so that TAB completion can find
the folder without importing the INDEX.md parser (re, typing: ~5 ms a keystroke)."""

from __future__ import annotations

import os

from corpus_tui.errors import CorpusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

INDEX_NAME = "INDEX.md"
USERDICT_NAME = "userdict.txt"  # beside INDEX.md: the corpus's own jieba words, not a text
ENV_CORPUS = "CORPUS_TUI_CORPUS"


class CatalogError(CorpusError):
    """The corpus cannot be catalogued at all (no such folder, INDEX.md unreadable)."""


def bundled_corpus_str() -> str:
    """The corpus shipped with the package (wheel), or the source tree's (editable install)."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # .../corpus_tui
    packaged = os.path.join(here, "data", "sample")
    if os.path.isfile(os.path.join(packaged, INDEX_NAME)):
        return packaged
    return os.path.dirname(os.path.dirname(here))


# corpus.extract.SUFFIXES, copied so a query's start never imports the extractors' package;
# tests/corpus/test_index_checks.py fails if the two drift apart.
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def bundled_note(corpus: str | None) -> str | None:
    """What to tell a user whose working folder holds corpus files while the bundled corpus
    is used because nothing else was named (no --corpus, no $CORPUS_TUI_CORPUS, no
    ./INDEX.md); None otherwise. One scandir of the working folder, no recursion."""
    if corpus or os.environ.get(ENV_CORPUS) or os.path.isfile(INDEX_NAME):
        return None
    try:
        with os.scandir(".") as entries:
            n = sum(1 for e in entries if e.name.lower().endswith(TEXT_SUFFIXES) and not e.name.startswith(".")
                    and e.name.lower() != "readme.md" and e.name != USERDICT_NAME and e.is_file())
    except OSError:
        return None
    if not n:
        return None
    files = f"{n} text file{'s' if n != 1 else ''}"
    return (f"using the bundled sample corpus, not the {files} in this folder (it has no {INDEX_NAME}): "
            f"run `corpus init` to list them, or pass --corpus .")


def bundled_corpus() -> Path:
    from pathlib import Path

    return Path(bundled_corpus_str())


def resolve_root_str(corpus: str | None) -> str:
    """resolve_root as a string, for TAB completion: a folder that exists needs no pathlib
    (~12 ms with the re and urllib.parse it imports), whether it comes from the working dir,
    --corpus or $CORPUS_TUI_CORPUS; anything else (a file, a missing folder) is left to
    resolve_root, which says what is wrong. Callers realpath() the result."""
    chosen = corpus or os.environ.get(ENV_CORPUS) or None
    if chosen is None:
        cwd = os.getcwd()
        return cwd if os.path.isfile(os.path.join(cwd, INDEX_NAME)) else bundled_corpus_str()
    root = os.path.expanduser(chosen)
    if os.path.isdir(root):
        return root
    return str(resolve_root(corpus))


def resolve_root(corpus: str | os.PathLike | None) -> Path:
    """--corpus, then $CORPUS_TUI_CORPUS, then an INDEX.md in the working dir, then the bundled corpus."""
    from pathlib import Path

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
