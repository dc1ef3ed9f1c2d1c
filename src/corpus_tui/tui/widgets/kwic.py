"""The KWIC table: location, left context right-aligned, the node, right context."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from corpus_tui.tui.text import NODE, safe

MAX_ROWS = 5000  # the table shows the first rows; the TSV export writes every hit


class KwicTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.lines: list = []

    def on_mount(self) -> None:
        self._add_columns([])

    def _add_columns(self, rows: list) -> None:
        # Widths set from the rows themselves: auto-width columns only grow and are measured
        # on idle, so a query typed a character ago could leave this one misaligned.
        labels = ("where", Text("left", justify="right"), "node", "right")
        for k, (key, label) in enumerate(zip(("where", "left", "node", "right"), labels)):
            width = max([len(key)] + [r[k].cell_len for r in rows])
            self.add_column(label, key=key, width=width)

    def show(self, lines: list) -> None:
        self.lines = lines
        rows = [(Text(f"{c.hit.doc}:{c.hit.line}", style="dim"), safe(c.left, justify="right"), safe(c.node, NODE),
                 safe(c.right)) for c in lines[:MAX_ROWS]]
        self.clear(columns=True)
        self._add_columns(rows)
        self.add_rows(rows)
        if self.row_count:
            self.move_cursor(row=0)

    @property
    def current_line(self):
        if not self.row_count:
            return None
        return self.lines[self.cursor_row]
