"""Typed messages that thread workers post back to the UI thread.

Workers never touch widgets: they compute with the core and post one of these
(``post_message`` is thread-safe). Results of a search carry the generation that asked
for them, so a result that arrives after a newer keystroke is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from corpus_tui.query.search import Selection


@dataclass(frozen=True)
class Query:
    """What the user is searching for, and how."""

    term: str = ""
    mode: str = "surface"
    sort: str = "doc"
    sel: Selection = field(default_factory=Selection)
    sel_label: str = "all"
    codes: str = "all"  # with a codebook: all, uncoded, or one code's lines
    sample: bool = False  # a sample of the lines (`r`; its size: corpus tui --sample)


class IndexProgress(Message):
    def __init__(self, what: str, done: int, total: int) -> None:
        super().__init__()
        self.what, self.done, self.total = what, done, total


class IndexReady(Message):
    def __init__(self, index: Any, warnings: list[str]) -> None:
        super().__init__()
        self.index, self.warnings = index, warnings


class IndexFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SearchDone(Message):
    """KWIC lines of one query (and their table cells), hits per document/article, hit
    positions for the plot: a tui.searchmodel.Found."""

    def __init__(self, generation: int, query: Query, found: Any) -> None:
        super().__init__()
        self.generation, self.query, self.found = generation, query, found


class SearchPage(Message):
    """The first lines of a query's result (a tui.searchmodel.Page), before the rest and the counts."""

    def __init__(self, generation: int, query: Query, page: Any, shown: Any) -> None:
        super().__init__()
        self.generation, self.query, self.page = generation, query, page
        self.shown = shown  # a threading.Event set once the page is on screen: the worker waits for it


class SearchFailed(Message):
    def __init__(self, generation: int, query: Query, error: str) -> None:
        super().__init__()
        self.generation, self.query, self.error = generation, query, error


class ReadLoaded(Message):
    def __init__(self, generation: int, ident: str, raw: bool, rows: list, hits: list, focus: int | None,
                 outline: list) -> None:
        super().__init__()
        self.generation, self.ident, self.raw = generation, ident, raw
        self.rows, self.hits, self.focus, self.outline = rows, hits, focus, outline


class TableDone(Message):
    """A statistics table (core Table) computed for one of the stats tabs."""

    def __init__(self, pane: str, generation: int, table: Any, error: str | None = None) -> None:
        super().__init__()
        self.pane, self.generation, self.table, self.error = pane, generation, table, error


class RunKwic(Message):
    """Selecting a term anywhere runs KWIC for it."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term


class OpenRead(Message):
    """Open the Read tab at a document or article, optionally at a hit's start character."""

    def __init__(self, ident: str, start: int | None = None) -> None:
        super().__init__()
        self.ident, self.start = ident, start
