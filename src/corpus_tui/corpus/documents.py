"""What a catalogue holds: documents, articles, problems. Apart from the INDEX.md parser
(catalog.py) so that a warm query, which reopens a catalogue saved with its index
(index/stamp.py), imports neither pathlib nor re (~12-18 ms with what they bring).

Paths are kept as strings; ``Document.path``, ``Catalog.root`` and ``Catalog.index_file``
give pathlib Paths on demand, for the build and the front ends.
"""

from __future__ import annotations

from collections import namedtuple

from corpus_tui.corpus.root import INDEX_NAME


def _path(where):
    from pathlib import Path

    return Path(where)


class Problem(namedtuple("Problem", "message line severity", defaults=(None, "error"))):
    __slots__ = ()
    # message: str
    # line: int | None = None  # INDEX.md line, 1-based
    # severity: str = "error"  # "error" (row refused) or "warning" (reported, harmless)

    def __str__(self) -> str:
        return f"{self.severity}: {self.located}"

    @property
    def located(self) -> str:
        """``INDEX.md:LINE: message`` without the severity (a front end adds its own prefix)."""
        where = f"{INDEX_NAME}:{self.line}: " if self.line else ""
        return f"{where}{self.message}"


class Document(namedtuple("Document", "id file location title outlet date authors group notes encoding line",
                          defaults=("", "", "", (), "", "", None, None))):
    __slots__ = ()
    # id: str
    # file: str  # path relative to the corpus folder, as written in INDEX.md
    # location: str  # the corpus folder joined with ``file``, as a string
    # title: str = ""
    # outlet: str = ""
    # date: str = ""
    # authors: tuple[str, ...] = ()
    # group: str = ""
    # notes: str = ""
    # encoding: str | None = None  # an explicit encoding column overrides detection
    # line: int | None = None

    @property
    def path(self):
        return _path(self.location)


class Article(namedtuple("Article", "id doc_id ranges title authors outlet date group line",
                         defaults=("", (), "", "", "", None))):
    __slots__ = ()
    # id: str
    # doc_id: str
    # ranges: tuple[tuple[int, int], ...]  # raw line ranges, 1-based inclusive
    # title: str = ""
    # authors: tuple[str, ...] = ()
    # outlet: str = ""
    # date: str = ""
    # group: str = ""
    # line: int | None = None


class Catalog(namedtuple("Catalog", "folder index_md documents articles problems watched", defaults=((), ()))):
    __slots__ = ()
    # folder: str  # the corpus folder
    # index_md: str | None  # its INDEX.md, None for a folder of .txt files without one
    # documents: tuple[Document, ...]
    # articles: tuple[Article, ...]
    # problems: tuple[Problem, ...] = ()
    # watched: tuple[str, ...] = ()  # every path whose state decided this catalogue: INDEX.md,
    #     the path of every row (refused ones too), the folders searched for unlisted files

    @property
    def root(self):
        return _path(self.folder)

    @property
    def index_file(self):
        return None if self.index_md is None else _path(self.index_md)

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def article(self, art_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == art_id), None)

    def articles_of(self, doc_id: str) -> list[Article]:
        return [a for a in self.articles if a.doc_id == doc_id]

    @property
    def groups(self) -> list[str]:
        return sorted({d.group for d in self.documents if d.group})

    @property
    def outlets(self) -> list[str]:
        names = {d.outlet for d in self.documents if d.outlet} | {a.outlet for a in self.articles if a.outlet}
        return sorted(names)
