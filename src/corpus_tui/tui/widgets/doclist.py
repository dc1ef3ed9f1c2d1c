"""The document list: files from INDEX.md with their articles, and the current query's hits."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from corpus_tui.tui.text import safe


class DocList(DataTable):
    """One row per file and per article (indented under its file); keys are the ids."""

    BINDINGS = [Binding("enter", "select_cursor", "Read", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.kinds: dict[str, str] = {}

    def on_mount(self) -> None:
        self.add_column("id", key="id")
        self.add_column("hits", key="hits")
        self.add_column("date", key="date")
        self.add_column("outlet", key="outlet")
        self.add_column("chars", key="chars")
        self.add_column("title", key="title")

    def load(self, table) -> None:
        """``table`` is core.catalogview.catalogue_table(idx)."""
        self.clear()
        cols = table.columns
        for row in table.rows:
            r = dict(zip(cols, row))
            ident, kind = r["id"], r["kind"]
            self.kinds[ident] = kind
            label = safe(ident) if kind == "file" else Text("└", style="dim") + safe(ident.removeprefix(r["parent"]))
            self.add_row(label, Text(""), safe(r["date"]), safe(r["outlet"]),
                         Text(str(r["chars"]), justify="right"), safe(r["title"]), key=ident)

    def set_counts(self, counts: dict[str, int] | None) -> None:
        for ident in self.kinds:
            n = (counts or {}).get(ident)
            cell = Text("") if n is None else Text(str(n), style="bold" if n else "dim", justify="right")
            self.update_cell(ident, "hits", cell, update_width=True)

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value
