"""Plain result objects every front end renders; no formatting decisions here."""

from __future__ import annotations

from collections import namedtuple

from corpus_tui.records import Record


class Table(Record):
    """Rows of plain values under stable column names.

    ``display`` names the columns a human table shows (machine formats show all);
    ``notes`` are lines a human table prints under the rows (formula names, options);
    ``highlight`` maps a column to a list of (start, end) spans per row, or to "all".
    Treated as immutable: ``replace`` gives a changed copy.
    """

    __slots__ = ("columns", "rows", "title", "notes", "display", "right_align", "highlight", "meta")

    def __init__(self, columns: tuple[str, ...], rows: list[tuple], title: str = "", notes: tuple[str, ...] = (),
                 display: tuple[str, ...] | None = None, right_align: tuple[str, ...] = (),
                 highlight: dict | None = None, meta: dict | None = None):
        self.columns, self.rows, self.title, self.notes = columns, rows, title, notes
        self.display, self.right_align = display, right_align
        self.highlight = {} if highlight is None else highlight
        self.meta = {} if meta is None else meta

    def replace(self, **changes) -> "Table":
        fields = {f: getattr(self, f) for f in self.__slots__}
        fields.update(changes)
        return Table(**fields)


# start, end: code points into the clean corpus text; line, column: in the raw file.
Hit = namedtuple("Hit", "start end doc article file line column")
ConcordanceLine = namedtuple("ConcordanceLine", "hit left node right")
