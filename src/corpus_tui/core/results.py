"""Plain result objects every front end renders; no formatting decisions here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Table:
    """Rows of plain values under stable column names.

    ``display`` names the columns a human table shows (machine formats show all);
    ``notes`` are lines a human table prints under the rows (formula names, options).
    """

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    title: str = ""
    notes: tuple[str, ...] = ()
    display: tuple[str, ...] | None = None
    right_align: tuple[str, ...] = ()
    highlight: dict = field(default_factory=dict)  # column -> list of (start, end) per row, or "all"
    meta: dict = field(default_factory=dict)


class Hit(NamedTuple):
    start: int  # code points into the clean corpus text
    end: int
    doc: str
    article: str
    file: str
    line: int
    column: int


class ConcordanceLine(NamedTuple):
    hit: Hit
    left: str
    node: str
    right: str
