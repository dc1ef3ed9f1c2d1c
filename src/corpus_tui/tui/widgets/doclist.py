"""The document list: files from INDEX.md with their articles, and the current query's hits."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from corpus_tui.tui.text import safe
from corpus_tui.tui.widgets.tablecells import OneLineCells

COLUMNS = ("id", "hits", "date", "outlet", "chars", "title")


class DocList(OneLineCells, DataTable):
    """One row per file and per article (indented under its file); keys are the ids."""

    BINDINGS = [Binding("enter", "select_cursor", "Read", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.kinds: dict[str, str] = {}
        self.counts: dict[str, int | None] = {}

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns([])

    def _add_columns(self, rows: list) -> None:
        # Widths from the rows themselves: auto-width columns are measured on idle, after
        # the first frame, which then showed every column cut to its header. "hits" stays
        # automatic: empty until a search, it is as wide as its header until then.
        for k, key in enumerate(COLUMNS):
            width = None if key == "hits" else max([len(key)] + [r[k].cell_len for r in rows])
            self.add_column(key, key=key, width=width)

    def load(self, table) -> None:
        """``table`` is query.catalogue.catalogue_table(idx)."""
        cols = table.columns
        rows, keys = [], []
        self.kinds, self.counts = {}, {}
        for row in table.rows:
            r = dict(zip(cols, row))
            ident, kind = r["id"], r["kind"]
            self.kinds[ident] = kind
            self.counts[ident] = None
            label = safe(ident) if kind == "file" else Text("└", style="dim") + safe(ident.removeprefix(r["parent"]))
            rows.append((label, Text(""), safe(r["date"]), safe(r["outlet"]), Text(str(r["chars"]), justify="right"),
                         safe(r["title"])))
            keys.append(ident)
        self.clear(columns=True)
        self._add_columns(rows)
        for key, cells in zip(keys, rows):
            self.add_row(*cells, key=key)

    def set_counts(self, counts: dict[str, int] | None) -> None:
        # Any cell update makes the table render every visible cell again (~25 ms for 20
        # rows): rows whose count is unchanged are left alone, and only the widest new
        # value asks for the column to be measured (each such cell re-measures the column).
        changed = {i: (counts or {}).get(i) for i in self.kinds if (counts or {}).get(i) != self.counts.get(i)}
        if not changed:
            return
        widest = max(changed, key=lambda i: len(str(changed[i])) if changed[i] is not None else 0)
        for ident, n in changed.items():
            self.counts[ident] = n
            cell = Text("") if n is None else Text(str(n), style="bold" if n else "dim", justify="right")
            self.update_cell(ident, "hits", cell, update_width=ident == widest)

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value
